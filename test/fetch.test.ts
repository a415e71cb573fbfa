// Fetching against a local server (loopback only, so the SSRF guard is
// explicitly relaxed with allowPrivate, except where the guard is the test).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync, brotliCompressSync, deflateSync } from "node:zlib";
import { fetchPage, isPrivateAddress } from "../src/fetch/index.ts";
import { NewsclipError, type ErrorCode } from "../src/errors.ts";
import { decode } from "../src/stages/decode.ts";
import { lookup } from "node:dns/promises";
import { hostname } from "node:os";

const PAGE = "<html><head><title>Caf\u00e9 opens</title></head><body><article><h1>Caf\u00e9 opens</h1><p>The new caf\u00e9 on the square opened its doors on Monday to a long queue of regulars.</p></article></body></html>";
/** The page in windows-1252: é is one byte (0xE9), so only the header's charset decodes it right. */
const LATIN = Buffer.from(PAGE.replace(/\u00e9/g, "\u0000"), "latin1").map((b) => (b === 0 ? 0xe9 : b));

let server: Server;
let base: string;
const sockets = new Set<Socket>();

before(async () => {
  server = createServer((req, res) => {
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string) => {
      res.writeHead(status, headers);
      res.end(body);
    };
    switch (req.url) {
      case "/page":
        return send(200, { "content-type": "text/html; charset=utf-8" }, PAGE);
      case "/latin":
        return send(200, { "content-type": "text/html; charset=windows-1252" }, LATIN);
      case "/gzip":
        return send(200, { "content-type": "text/html", "content-encoding": "gzip" }, gzipSync(PAGE));
      case "/br":
        return send(200, { "content-type": "text/html", "content-encoding": "br" }, brotliCompressSync(PAGE));
      case "/deflate":
        return send(200, { "content-type": "text/html", "content-encoding": "deflate" }, deflateSync(PAGE));
      case "/bomb":
        // 8 KiB of gzip that inflates to 8 MiB.
        return send(200, { "content-type": "text/html", "content-encoding": "gzip" }, gzipSync(Buffer.alloc(8 * 1024 * 1024, 32)));
      case "/big":
        return send(200, { "content-type": "text/html", "content-length": 2_000_000 }, Buffer.alloc(2_000_000, 32));
      case "/chunked-big":
        return streamForever(res);
      case "/redirect":
        return send(301, { location: "/page" });
      case "/relative-chain":
        return send(302, { location: "redirect" });
      case "/loop":
        return send(302, { location: "/loop" });
      case "/to-js":
        return send(302, { location: "javascript:alert(1)" });
      case "/missing":
        return send(404, { "content-type": "text/html" }, "<h1>Not found</h1>");
      case "/pdf":
        return send(200, { "content-type": "application/pdf" }, "%PDF-1.4");
      case "/hang":
        return; // never answers
      default:
        return send(500, {}, "");
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  for (const s of sockets) s.destroy();
  server.close();
});

function streamForever(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/html" });
  const chunk = Buffer.alloc(64 * 1024, 32);
  const pump = (): void => {
    while (res.write(chunk));
    res.once("drain", pump);
  };
  res.on("close", () => res.removeAllListeners("drain"));
  pump();
}

const local = { allowPrivate: true };

async function rejectsWith(p: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof NewsclipError, `a NewsclipError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

test("fetches a page with its content type", async () => {
  const page = await fetchPage(`${base}/page`, local);
  assert.equal(page.status, 200);
  assert.equal(page.url, `${base}/page`);
  assert.equal(page.contentType, "text/html; charset=utf-8");
  assert.equal(Buffer.from(page.bytes).toString(), PAGE);
});

test("the header charset reaches the decoder", async () => {
  const page = await fetchPage(`${base}/latin`, local);
  assert.equal(page.contentType, "text/html; charset=windows-1252");
  assert.match(decode(page.bytes, page.contentType).html, /new café on the square/);
});

test("gzip, brotli and deflate bodies are decoded", async () => {
  for (const path of ["/gzip", "/br", "/deflate"]) {
    const page = await fetchPage(base + path, local);
    assert.equal(Buffer.from(page.bytes).toString(), PAGE, path);
  }
});

test("redirects are followed up to the limit", async () => {
  const page = await fetchPage(`${base}/relative-chain`, local);
  assert.equal(page.url, `${base}/page`);
  assert.deepEqual(page.redirects, [`${base}/relative-chain`, `${base}/redirect`]);
  await rejectsWith(fetchPage(`${base}/loop`, { ...local, maxRedirects: 3 }), "FETCH_FAILED", /more than 3 redirects/);
  await rejectsWith(fetchPage(`${base}/to-js`, local), "BAD_REQUEST", /only http and https/);
});

test("size caps hold, also after decompression", async () => {
  await rejectsWith(fetchPage(`${base}/big`, { ...local, maxBytes: 1_000_000 }), "TOO_LARGE");
  await rejectsWith(fetchPage(`${base}/chunked-big`, { ...local, maxBytes: 1_000_000 }), "TOO_LARGE");
  await rejectsWith(fetchPage(`${base}/bomb`, { ...local, maxBytes: 1_000_000 }), "TOO_LARGE");
});

test("a server that never answers times out", async () => {
  const t0 = performance.now();
  await rejectsWith(fetchPage(`${base}/hang`, { ...local, headersTimeoutMs: 300 }), "TIMEOUT");
  await rejectsWith(fetchPage(`${base}/hang`, { ...local, timeoutMs: 300 }), "TIMEOUT");
  assert.ok(performance.now() - t0 < 5000);
});

test("HTTP errors, closed ports and non-pages fail with typed errors", async () => {
  await rejectsWith(fetchPage(`${base}/missing`, local), "FETCH_FAILED", /HTTP 404/);
  await rejectsWith(fetchPage(`${base}/pdf`, local), "NOT_HTML");
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  await rejectsWith(fetchPage(`http://127.0.0.1:${port}/`, local), "FETCH_FAILED", /ECONNREFUSED/);
  await rejectsWith(fetchPage("ftp://example.com/x", local), "BAD_REQUEST");
  await rejectsWith(fetchPage("not a url", local), "BAD_REQUEST");
});

test("private, loopback and link-local targets are refused by default", async () => {
  for (const url of [
    `${base}/page`,
    "http://localhost:9/",
    "http://[::1]:9/",
    "http://10.0.0.8/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]/",
    "http://2130706433/", // 127.0.0.1 as one number
    "http://0x7f.1/",
  ]) {
    await rejectsWith(fetchPage(url), "FETCH_BLOCKED", undefined);
  }
  // A host name is checked on the addresses DNS returns (here the machine's own name, which resolves locally).
  const own = await lookup(hostname(), { all: true }).catch(() => []);
  if (own.length && own.every((x) => isPrivateAddress(x.address))) {
    await rejectsWith(fetchPage(`http://${hostname()}:9/`), "FETCH_BLOCKED", /resolves to/);
  }
  for (const a of ["192.168.1.1", "172.16.0.1", "100.64.0.1", "fd00::1", "fe80::1%eth0", "::ffff:10.0.0.1", "0.0.0.0", "224.0.0.1"]) assert.ok(isPrivateAddress(a), a);
  for (const a of ["93.184.215.14", "2606:4700::1111", "172.32.0.1", "8.8.8.8"]) assert.ok(!isPrivateAddress(a), a);
});

test("newsclip extract URL fetches, then extracts", async () => {
  const { Command } = await import("commander");
  const { registerExtract } = await import("../src/cli/extract.ts");
  const run = async (...argv: string[]): Promise<string> => {
    const program = new Command().exitOverride();
    registerExtract(program);
    let out = "";
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(["node", "newsclip", ...argv]);
    } finally {
      process.stdout.write = write;
    }
    return out;
  };
  const json = JSON.parse(await run("extract", `${base}/redirect`, "--allow-private")) as { url: string; text: string };
  assert.equal(json.url, `${base}/page`, "the URL after redirects is the article's");
  assert.match(json.text, /new café on the square/);
  await rejectsWith(run("extract", `${base}/page`), "FETCH_BLOCKED");
});

