/**
 * The HTTP API and the web page (fastify). Extraction runs on the worker
 * pool; the event loop only parses requests, fetches and talks to the archive.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifySchema } from "fastify";
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { NewsclipError, ERROR_CODES, type ErrorCode } from "../errors.ts";
import { fetchPage, type FetchOptions } from "../fetch/index.ts";
import { openStore, type Store } from "../store/index.ts";
import { ExtractPool, type PoolOptions } from "./pool.ts";
import type { Task, Result } from "./worker.ts";
import * as S from "./schemas.ts";

export interface ServeOptions {
  /** Archive path; ":memory:" (the default) keeps a throwaway one for the session. */
  store?: string | Store;
  /** Save extracted articles unless the request says otherwise (default: true when `store` is a path, URL or Store). */
  saveByDefault?: boolean;
  /** Largest request body (bytes, default 16 MiB). */
  bodyLimit?: number;
  /** Fetches of `{url}` requests running at once (default 8); more wait, and past `maxFetchQueue` are refused. */
  maxFetches?: number;
  maxFetchQueue?: number;
  fetch?: FetchOptions;
  /** Pool settings, or a pool to share between servers (then closing the server leaves it running). */
  pool?: PoolOptions | ExtractPool;
  /** Fastify's logger (default off). */
  logger?: boolean;
  /**
   * The address the server listens on. Its name is an accepted Host header; loopback names and addresses, and any IP
   * address, always are (a DNS rebinding attack needs a name of the attacker's).
   */
  host?: string;
  /** More accepted Host names (the DNS names the server is reached by); "*" accepts any Host. */
  allowedHosts?: string[];
  /** Access token: every API request (/v1/..., /openapi.json) must carry `Authorization: Bearer <token>`. */
  token?: string;
}

/** HTTP status of each engine error code; codes added later default to 500. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  EMPTY_INPUT: 422,
  NOT_HTML: 422,
  TOO_LARGE: 413,
  DECODE_FAILED: 422,
  PARSE_FAILED: 422,
  TIMEOUT: 504,
  FETCH_FAILED: 502,
  FETCH_BLOCKED: 403,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  OVERLOADED: 503,
  STORE_FAILED: 500,
  INTERNAL: 500,
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Raw page bodies are taken as bytes, so the page's own charset decides. */
const RAW_TYPES = ["text/html", "application/xhtml+xml", "application/octet-stream"];

/** The web page: read once at start-up. It sits in src/serve/page, two levels below the package root from src/ and from dist/. */
const PAGE_DIR = join(import.meta.dirname, "..", "..", "src", "serve", "page");
const ASSETS: Record<string, { type: string; file: string }> = {
  "/": { type: "text/html; charset=utf-8", file: "index.html" },
  "/app.js": { type: "text/javascript; charset=utf-8", file: "app.js" },
  "/highlight.js": { type: "text/javascript; charset=utf-8", file: "highlight.js" },
  "/style.css": { type: "text/css; charset=utf-8", file: "style.css" },
};

/**
 * The page may load its own script and style only; the original page shown in
 * its sandboxed frame may load images, styles and fonts from anywhere, never scripts.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' http: https:",
  "img-src 'self' data: blob: http: https:",
  "font-src 'self' data: http: https:",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'self' blob: about:",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self' http: https:",
].join("; ");

type ExtractBody = { html?: string; text?: string; url?: string; contentType?: string; explain?: boolean; save?: boolean };
type ExtractQuery = { url?: string; explain?: boolean; save?: boolean };

interface RouteDef {
  method: "GET" | "POST";
  url: string;
  summary: string;
  schema: FastifySchema;
  /** OpenAPI only: request body by media type, and responses. */
  body?: Record<string, object>;
  responses: Record<string, { description: string; schema?: object; type?: string }>;
  handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

export async function buildServer(options: ServeOptions = {}): Promise<FastifyInstance> {
  const store = typeof options.store === "object" ? options.store : openStore(options.store ?? ":memory:");
  const ownStore = typeof options.store !== "object";
  // A PostgreSQL archive connects lazily: a wrong URL or a server that is down is an error at start, not at the first request.
  if (ownStore) {
    try {
      await store.ready();
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  const saveByDefault = options.saveByDefault ?? (options.store !== undefined && options.store !== ":memory:");
  const sharedPool = options.pool instanceof ExtractPool;
  const pool = options.pool instanceof ExtractPool ? options.pool : new ExtractPool(options.pool);
  const fetches = new Limiter(options.maxFetches ?? 8, options.maxFetchQueue ?? 256);
  const bodyLimit = options.bodyLimit ?? 16 * 1024 * 1024;
  const assets = Object.fromEntries(Object.entries(ASSETS).map(([path, a]) => [path, { type: a.type, body: readFileSync(join(PAGE_DIR, a.file)) }]));

  const app = Fastify({ logger: options.logger ?? false, bodyLimit, requestTimeout: 120_000, return503OnClosing: true });
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser(RAW_TYPES, { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.addContentTypeParser("text/plain", { parseAs: "string" }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err);
    if (p.status >= 500 && p.code === "INTERNAL") req.log.error(err);
    return sendProblem(reply, req, p);
  });
  // Who may talk to the server: a known Host (DNS rebinding), the token when there is one, and no writes from other sites.
  const guard = requestGuard(options);
  app.addHook("onRequest", async (req, reply) => {
    guard(req);
    reply.header("vary", "origin, authorization");
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, { status: 404, code: "NOT_FOUND", detail: `no route ${req.method} ${req.url.split("?")[0]}` }));
  app.addHook("onClose", async () => {
    if (!sharedPool) await pool.close();
    if (ownStore) await store.close();
  });

  /** Input of /v1/extract and /v1/inspect: raw bytes, text, JSON html/text, or a URL to fetch. */
  async function extractFrom(req: FastifyRequest, extra: Partial<Task>): Promise<{ result: Result; bytes?: Uint8Array; id?: number }> {
    const q = (req.query ?? {}) as ExtractQuery;
    const body = req.body;
    let task: Task;
    let save = q.save;
    if (Buffer.isBuffer(body)) {
      task = { html: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), url: q.url, contentType: req.headers["content-type"], explain: q.explain };
    } else if (typeof body === "string") {
      task = { text: body, url: q.url, explain: q.explain };
    } else if (body && typeof body === "object") {
      const b = body as ExtractBody;
      const given = [b.html, b.text].filter((x) => x !== undefined).length;
      if (given > 1) throw new NewsclipError("BAD_REQUEST", "give one of html, text or url");
      save = b.save ?? save;
      if (b.html !== undefined) {
        task = { html: Buffer.from(b.html), url: b.url, contentType: "text/html; charset=utf-8", explain: b.explain ?? q.explain };
      } else if (b.text !== undefined) {
        task = { text: b.text, url: b.url, explain: b.explain ?? q.explain };
      } else {
        const page = await fetches.run(() => fetchPage(b.url!, { maxBytes: bodyLimit, ...options.fetch }));
        task = { html: page.bytes, url: page.url, contentType: page.contentType, explain: b.explain ?? q.explain };
      }
      if (b.contentType && task.html) task.contentType = b.contentType;
    } else {
      throw new NewsclipError("EMPTY_INPUT", "the request has no body");
    }
    // The pool may transfer the bytes away; keep a copy only when the caller needs them afterwards.
    const bytes = extra.source && task.html ? Buffer.from(task.html) : undefined;
    const result = await pool.run({ ...task, maxBytes: bodyLimit, ...extra });
    let id: number | undefined;
    if (save ?? saveByDefault) id = (await store.save(result.article, bytes ? { html: bytes } : {})).id;
    return { result, bytes, id };
  }

  const routes: RouteDef[] = [
    {
      method: "POST",
      url: "/v1/extract",
      summary: "Extract the article of one page: a raw HTML body (with ?url=), a text/plain body (text mode), or JSON {html|text|url}.",
      schema: {
        querystring: S.extractQuery,
        body: { content: { "application/json": { schema: S.extractJson } } },
      },
      body: {
        "application/json": S.extractJson,
        "text/html": S.rawBody,
        "application/xhtml+xml": S.rawBody,
        "application/octet-stream": S.rawBody,
        "text/plain": { type: "string", description: "Page text (text mode)." },
      },
      responses: {
        "200": { description: "The article. When saved, Location points to it in the archive.", schema: { $ref: "#/components/schemas/Article" } },
        ...problemResponses(["400", "403", "413", "415", "422", "502", "503", "504"]),
      },
      handler: async (req, reply) => {
        const { result, id } = await extractFrom(req, {});
        if (id !== undefined) reply.header("location", `/v1/articles/${id}`).header("newsclip-article-id", String(id));
        return result.article;
      },
    },
    {
      method: "POST",
      url: "/v1/inspect",
      summary: "For the web page: like /v1/extract with explain on, plus the decoded page to show beside the article.",
      schema: { querystring: S.extractQuery, body: { content: { "application/json": { schema: S.extractJson } } } },
      body: { "application/json": S.extractJson, "text/html": S.rawBody, "application/octet-stream": S.rawBody },
      responses: {
        "200": {
          description: "The article with explain, the page as decoded text, and its archive id when saved.",
          schema: { type: "object", properties: { article: { $ref: "#/components/schemas/Article" }, source: { type: "string" }, id: { type: "integer" } } },
        },
        ...problemResponses(["400", "403", "413", "415", "422", "502", "503", "504"]),
      },
      handler: async (req) => {
        const { result, id } = await extractFrom(req, { explain: true, source: true });
        return { article: result.article, source: result.source ?? "", ...(id !== undefined ? { id } : {}) };
      },
    },
    {
      method: "GET",
      url: "/v1/articles",
      summary: "Search the archive (ranked: bm25 in SQLite, ts_rank in PostgreSQL; with snippets), or browse it newest first when q is absent.",
      schema: { querystring: S.listQuery },
      responses: { "200": { description: "A page of hits.", schema: { $ref: "#/components/schemas/Hits" } }, ...problemResponses(["400"]) },
      handler: async (req) => store.search(req.query as Parameters<Store["search"]>[0]),
    },
    {
      method: "GET",
      url: "/v1/articles/:id",
      summary: "One archived article.",
      schema: { params: S.idParams },
      responses: { "200": { description: "The article.", schema: { $ref: "#/components/schemas/Article" } }, ...problemResponses(["400", "404"]) },
      handler: async (req) => {
        const { id } = req.params as { id: number };
        const article = await store.get(id);
        if (!article) throw new NewsclipError("NOT_FOUND", `no article ${id}`);
        return article;
      },
    },
    {
      method: "GET",
      url: "/healthz",
      summary: "Liveness: the server answers and its pool and archive are up.",
      schema: {},
      responses: { "200": { description: "Up.", schema: S.health } },
      handler: async () => ({ status: "ok", threads: pool.threads, queued: pool.queued, articles: await store.count() }),
    },
  ];

  const openapi = openApi(routes);
  for (const r of routes) app.route({ method: r.method, url: r.url, schema: r.schema, handler: r.handler, ...(r.method === "POST" ? { preValidation: strictJsonBody } : {}) });
  app.get("/openapi.json", async () => openapi);
  for (const [path, a] of Object.entries(assets)) {
    app.get(path, async (_req, reply) => {
      reply.header("content-type", a.type).header("cache-control", "no-cache");
      if (path === "/") reply.header("content-security-policy", PAGE_CSP);
      return a.body;
    });
  }
  app.addHook("onSend", async (_req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff").header("referrer-policy", "no-referrer");
    return payload;
  });
  return app;
}

interface Problem {
  status: number;
  code: ErrorCode;
  detail?: string;
}

function toProblem(err: unknown): Problem {
  if (err instanceof NewsclipError) return { status: STATUS[err.code] ?? 500, code: err.code, detail: err.message };
  const e = err as { code?: string; statusCode?: number; message?: string; validation?: unknown };
  if (e.validation) return { status: 400, code: "BAD_REQUEST", detail: e.message };
  switch (e.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, code: "TOO_LARGE", detail: e.message };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, code: "BAD_REQUEST", detail: e.message };
  }
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, code: "BAD_REQUEST", detail: e.message };
  return { status: 500, code: "INTERNAL", detail: "unexpected error" };
}

function sendProblem(reply: FastifyReply, req: FastifyRequest, p: Problem): FastifyReply {
  if (p.status === 401) reply.header("www-authenticate", 'Bearer realm="newsclip"');
  return reply
    .code(p.status)
    .header("content-type", "application/problem+json; charset=utf-8")
    .send(
      JSON.stringify({
        type: `urn:newsclip:error:${p.code}`,
        title: TITLES[p.status] ?? ERROR_CODES[p.code] ?? "Error",
        status: p.status,
        code: p.code,
        ...(p.detail ? { detail: p.detail } : {}),
        instance: req.url.split("?")[0],
      }),
    );
}

function problemResponses(statuses: string[]): RouteDef["responses"] {
  const out: RouteDef["responses"] = {};
  for (const s of [...statuses, "500"]) out[s] = { description: TITLES[Number(s)] ?? "Error", schema: { $ref: "#/components/schemas/Problem" }, type: "application/problem+json" };
  return out;
}

function openApi(routes: RouteDef[]): object {
  const article = S.articleSchema();
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, "{$1}");
    const s = r.schema as { querystring?: { properties?: Record<string, object>; required?: string[] }; params?: { properties?: Record<string, object> } };
    const parameters = [
      ...Object.entries(s.params?.properties ?? {}).map(([name, schema]) => ({ name, in: "path", required: true, schema })),
      ...Object.entries(s.querystring?.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: s.querystring?.required?.includes(name) ?? false, schema })),
    ];
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: Object.fromEntries(Object.entries(r.body).map(([t, schema]) => [t, { schema }])) } } : {}),
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([code, x]) => [code, { description: x.description, ...(x.schema ? { content: { [x.type ?? "application/json"]: { schema: x.schema } } } : {}) }]),
      ),
    };
  }
  paths["/openapi.json"] = { get: { summary: "This document.", responses: { "200": { description: "OpenAPI 3.1." } } } };
  return {
    openapi: "3.1.0",
    info: { title: "newsclip", version: "0.1.0", description: "News web pages in, clean structured articles out. Errors are RFC 9457 problem details whose `code` is one of the engine's error codes." },
    paths,
    components: { schemas: { Article: article.schema, ...article.defs, Hit: S.hit, Hits: S.hits, Problem: S.problem } },
  };
}

/** JSON fields of /v1/extract and /v1/inspect, by the type they must have. */
const JSON_FIELD_TYPES: Record<string, "string" | "boolean"> = { html: "string", text: "string", url: "string", contentType: "string", explain: "boolean", save: "boolean" };

/**
 * The schema validator coerces types (query strings need it: `?limit=10`), which would take `{"html": 5}` as the page
 * "5" and `{"save": "no"}` as... a wrong guess. A JSON body's fields must have their own types.
 */
async function strictJsonBody(req: FastifyRequest): Promise<void> {
  const body = req.body;
  if (!body || typeof body !== "object" || Buffer.isBuffer(body) || Array.isArray(body)) return;
  for (const [k, v] of Object.entries(body)) {
    const want = JSON_FIELD_TYPES[k];
    if (want && v !== undefined && typeof v !== want) throw new NewsclipError("BAD_REQUEST", `"${k}" must be a ${want}, got ${v === null ? "null" : typeof v}`);
  }
}

/** True for a name or address that only reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** The host name of a Host header, without its port or IPv6 brackets, lower case; undefined when it cannot be read. */
function hostName(header: string): string | undefined {
  try {
    const u = new URL(`http://${header}`);
    if (u.username || u.password || u.pathname !== "/" || u.search || u.hash) return undefined;
    return u.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  } catch {
    return undefined;
  }
}

/** Methods that read; every other one writes (only GET and POST are routed). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The checks every request passes before its route:
 * - its Host header names this server (loopback, an IP address, the bound host, or an allowed name): a page of
 *   another site that rebinds its DNS name to this address sends its own name, and is refused;
 * - with a token, API requests carry it as a Bearer token (compared in constant time);
 * - a write from a browser comes from this server's own page: `Sec-Fetch-Site` is same-origin (or none: typed by the
 *   user), and `Origin`, when sent, has this Host. A cross-site form or a `text/plain` fetch (which a browser sends
 *   without asking first) is refused; clients that are not browsers send neither header and pass.
 */
function requestGuard(options: ServeOptions): (req: FastifyRequest) => void {
  const anyHost = options.allowedHosts?.includes("*") === true;
  const names = new Set((options.allowedHosts ?? []).map((h) => hostName(h) ?? h.toLowerCase()));
  const bound = options.host ? hostName(options.host.includes(":") && !options.host.startsWith("[") ? `[${options.host}]` : options.host) : undefined;
  if (bound && bound !== "0.0.0.0" && bound !== "::") names.add(bound);
  const digest = (s: string) => createHash("sha256").update(s).digest();
  const token = options.token ? digest(options.token) : undefined;
  return (req) => {
    const host = req.headers.host;
    if (host !== undefined && !anyHost) {
      const name = hostName(host);
      if (!name || !(isLoopbackHost(name) || isIP(name) !== 0 || names.has(name))) {
        throw new NewsclipError("FORBIDDEN", `this server does not answer to the host "${host}" (start it with --allow-host to add a name)`);
      }
    }
    const path = req.url.split("?")[0];
    if (token && (path.startsWith("/v1/") || path === "/openapi.json")) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
      if (!m || !timingSafeEqual(digest(m[1]), token)) throw new NewsclipError("UNAUTHORIZED", "this server needs an access token: send Authorization: Bearer <token>");
    }
    if (!SAFE_METHODS.has(req.method)) {
      const site = req.headers["sec-fetch-site"];
      if (site !== undefined && site !== "same-origin" && site !== "none") throw new NewsclipError("FORBIDDEN", `a write from another site (Sec-Fetch-Site: ${site}) is refused`);
      const origin = req.headers.origin;
      if (origin !== undefined) {
        let same = false;
        try {
          same = origin !== "null" && host !== undefined && new URL(origin).host === new URL(`http://${host}`).host;
        } catch {
          same = false;
        }
        if (!same) throw new NewsclipError("FORBIDDEN", `a write from another origin (${origin}) is refused`);
      }
    }
  };
}

/** At most `max` tasks at once; up to `queue` more wait, later ones are refused. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly max: number,
    private readonly queue: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      if (this.waiting.length >= this.queue) throw new NewsclipError("OVERLOADED", "too many fetches are waiting");
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
