/**
 * Fetching one page for `newsclip extract URL` and the API's `{url}` requests.
 *
 * Every hop of a redirect chain is checked again, and the check runs on the
 * addresses the connection really uses (inside DNS lookup), so a host that
 * resolves to a private address is refused as surely as a literal one.
 */
import { Agent, request, type Dispatcher } from "undici";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { createGunzip, createInflate, createBrotliDecompress } from "node:zlib";
import { pipeline, type Transform } from "node:stream";
import { NewsclipError } from "../errors.ts";
import { isPrivateAddress } from "./address.ts";

export { isPrivateAddress } from "./address.ts";

export interface FetchOptions {
  /** Total time for the whole fetch, redirects and body included (ms, default 15000). */
  timeoutMs?: number;
  /** Time to wait for the response headers of one hop (ms, default 10000). */
  headersTimeoutMs?: number;
  /** Largest body accepted after decompression (bytes, default 16 MiB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Allow private, loopback and link-local addresses (off by default: SSRF). */
  allowPrivate?: boolean;
  userAgent?: string;
  signal?: AbortSignal;
  /** More request headers (a crawler's If-None-Match, If-Modified-Since). */
  headers?: Record<string, string>;
  /** Off: a redirect is returned as it came (status, `location` header), for a caller that checks each hop itself. */
  followRedirects?: boolean;
  /** Return error and not-modified statuses (304, 4xx, 5xx) with an empty body instead of throwing, for a caller that acts on them. */
  anyStatus?: boolean;
  /** Content types refused before reading their body (default: media, archives and other binaries). */
  refuse?: RegExp;
}

export interface Fetched {
  /** The URL after redirects. */
  url: string;
  status: number;
  contentType?: string;
  bytes: Uint8Array;
  redirects: string[];
  /** The last response's headers, lower-case names. */
  headers: Record<string, string>;
}

export const FETCH_DEFAULTS = {
  timeoutMs: 15_000,
  headersTimeoutMs: 10_000,
  maxBytes: 16 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "newsclip/0.1 (+https://www.npmjs.com/package/newsclip)",
};

/** Types that are surely not a page: refused before reading their body. */
const NOT_PAGE = /^(image|audio|video|font)\/|^application\/(pdf|zip|gzip|x-tar|octet-stream|x-7z|vnd\.|msword|x-rar)/i;

const agents = new Map<boolean, Agent>();

/** One keep-alive agent per SSRF mode; its DNS lookup refuses private answers unless allowed. */
function agentFor(allowPrivate: boolean): Agent {
  let agent = agents.get(allowPrivate);
  if (!agent) {
    agent = new Agent({
      connect: { timeout: 10_000, lookup: allowPrivate ? dnsLookup : guardedLookup },
      keepAliveTimeout: 4_000,
      connections: 64,
    });
    agents.set(allowPrivate, agent);
  }
  return agent;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}`), { code: "NEWSCLIP_BLOCKED" }), "");
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}

export async function fetchPage(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const opts = { ...FETCH_DEFAULTS, ...options };
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const redirects: string[] = [];
  let current = parseUrl(url);
  for (;;) {
    checkTarget(current, opts.allowPrivate === true);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(current, {
        method: "GET",
        dispatcher: agentFor(opts.allowPrivate === true),
        headers: {
          "user-agent": opts.userAgent,
          accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
          "accept-encoding": "gzip, deflate, br",
          ...options.headers,
        },
        headersTimeout: opts.headersTimeoutMs,
        bodyTimeout: opts.headersTimeoutMs,
        signal,
      });
    } catch (err) {
      throw fetchError(err, current, deadline);
    }
    // Bodies left unread are destroyed below; undici then emits an error no one else listens to.
    res.body.on("error", () => {});
    const status = res.statusCode;
    const location = header(res.headers, "location");
    const headers = flatHeaders(res.headers);
    const empty = () => {
      res.body.resume();
      return { url: current.href, status, bytes: new Uint8Array(), redirects, headers };
    };
    if (status >= 300 && status < 400 && location && options.followRedirects === false) return empty();
    if (status >= 300 && status < 400 && location) {
      res.body.resume();
      if (redirects.length >= opts.maxRedirects) throw new NewsclipError("FETCH_FAILED", `more than ${opts.maxRedirects} redirects from ${url}`);
      redirects.push(current.href);
      current = parseUrl(location, current);
      continue;
    }
    if (options.anyStatus && (status >= 400 || status === 304)) return empty();
    if (status >= 400) {
      res.body.resume();
      throw new NewsclipError("FETCH_FAILED", `HTTP ${status} from ${current.href}`);
    }
    const contentType = header(res.headers, "content-type");
    if (contentType && (options.refuse ?? NOT_PAGE).test(contentType.trim())) {
      res.body.destroy();
      throw new NewsclipError("NOT_HTML", `${current.href} is ${contentType.split(";")[0]}, not a page`);
    }
    const declared = Number(header(res.headers, "content-length"));
    const encoding = (header(res.headers, "content-encoding") ?? "identity").trim().toLowerCase();
    if (encoding === "identity" && declared > opts.maxBytes) {
      res.body.destroy();
      throw new NewsclipError("TOO_LARGE", `${current.href} is ${declared} bytes, limit ${opts.maxBytes}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBody(res.body, encoding, opts.maxBytes);
    } catch (err) {
      res.body.destroy();
      throw fetchError(err, current, deadline);
    }
    return { url: current.href, status, ...(contentType ? { contentType } : {}), bytes, redirects, headers };
  }
}

function parseUrl(url: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    throw new NewsclipError("BAD_REQUEST", `not a URL: ${url}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new NewsclipError("BAD_REQUEST", `only http and https URLs can be fetched: ${u.protocol}`);
  if (u.username || u.password) throw new NewsclipError("BAD_REQUEST", "URLs with credentials are not fetched");
  return u;
}

/** A literal address never goes through DNS, so it is checked here. */
function checkTarget(u: URL, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if ((isIP(host) && isPrivateAddress(host)) || host === "localhost" || host.endsWith(".localhost")) {
    throw new NewsclipError("FETCH_BLOCKED", `${u.href} points to a private address`);
  }
}

function flatHeaders(h: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function header(h: Dispatcher.ResponseData["headers"], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(body: AsyncIterable<Buffer> & NodeJS.ReadableStream, encoding: string, maxBytes: number): Promise<Uint8Array> {
  const decoder = decoderFor(encoding);
  // pipeline, not pipe: a failing body must fail the decoder too, or reading would wait forever.
  const source: AsyncIterable<Buffer> = decoder ? (pipeline(body, decoder, () => {}) as unknown as AsyncIterable<Buffer>) : body;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      // Counted after decompression, so a small compressed bomb is caught too.
      if (size > maxBytes) throw new NewsclipError("TOO_LARGE", `body is larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } finally {
    decoder?.destroy();
  }
  return Buffer.concat(chunks, size);
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    case "identity":
    case "":
      return undefined;
    default:
      throw new NewsclipError("FETCH_FAILED", `unsupported content encoding: ${encoding}`);
  }
}

function fetchError(err: unknown, u: URL, deadline: AbortSignal): NewsclipError {
  if (err instanceof NewsclipError) return err;
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (code === "NEWSCLIP_BLOCKED") return new NewsclipError("FETCH_BLOCKED", `${u.href}: ${e.message}`, { cause: err });
  if (deadline.aborted || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT" || e.name === "TimeoutError") {
    return new NewsclipError("TIMEOUT", `${u.href} did not answer in time`, { cause: err });
  }
  if (code?.startsWith("Z_")) return new NewsclipError("FETCH_FAILED", `${u.href}: bad compressed body`, { cause: err });
  return new NewsclipError("FETCH_FAILED", `${u.href}: ${code ?? e.message ?? "failed"}`, { cause: err });
}
