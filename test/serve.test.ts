// The HTTP API over a real loopback server: every route, and bad inputs that
// must come back as documented problem details while the server keeps serving.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer, Limiter } from "../src/serve/app.ts";
import { ExtractPool } from "../src/serve/pool.ts";
import * as S from "../src/serve/schemas.ts";
import { NewsclipError } from "../src/errors.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "serve");
const STORY = readFileSync(join(FIXTURES, "story.html"));
const STORY_URL = "https://www.ledger.test/news/2026/11/harbour-floating-library";

let pool: ExtractPool;
/** The default server: SSRF guard on, archive on. */
let api: FastifyInstance;
let base: string;
/** A server allowed to fetch loopback (the upstream below), with small limits. */
let open: FastifyInstance;
let openBase: string;
let upstream: Server;
let upBase: string;
const sockets = new Set<Socket>();

before(async () => {
  upstream = createServer((req, res) => {
    if (req.url === "/story") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(STORY);
    } else if (req.url === "/moved") {
      res.writeHead(301, { location: "/story" });
      res.end();
    } else if (req.url === "/hang") {
      // never answers
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  upstream.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  upBase = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  pool = new ExtractPool({ threads: 1 });
  api = await buildServer({ store: ":memory:", saveByDefault: true, pool });
  base = await api.listen({ port: 0, host: "127.0.0.1" });
  open = await buildServer({ pool, bodyLimit: 256 * 1024, fetch: { allowPrivate: true, headersTimeoutMs: 400, timeoutMs: 1500 } });
  openBase = await open.listen({ port: 0, host: "127.0.0.1" });
});

after(async () => {
  for (const s of sockets) s.destroy();
  upstream.close();
  await api.close();
  await open.close();
  await pool.close();
});

async function problem(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  assert.equal(res.status, status, `status (${code})`);
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const p = (await res.json()) as Record<string, unknown>;
  assert.equal(p.code, code);
  assert.equal(p.status, status);
  assert.equal(p.type, `urn:newsclip:error:${code}`);
  assert.equal(typeof p.title, "string");
  assert.equal(typeof p.instance, "string");
  return p;
}

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

test("POST /v1/extract: raw HTML with ?url=, saved to the archive", async () => {
  const res = await fetch(`${base}/v1/extract?url=${encodeURIComponent(STORY_URL)}`, { method: "POST", headers: { "content-type": "text/html; charset=utf-8" }, body: STORY });
  assert.equal(res.status, 200);
  const a = (await res.json()) as { title: string; url: string; authors: { name: string }[]; text: string; explain?: unknown };
  assert.equal(a.title, "Harbour town opens a floating library");
  assert.equal(a.url, STORY_URL);
  assert.deepEqual(a.authors.map((x) => x.name), ["Maren Holt", "Idris Calloway"]);
  assert.match(a.text, /old car ferry/);
  assert.equal(a.explain, undefined);
  const location = res.headers.get("location");
  assert.match(location ?? "", /^\/v1\/articles\/\d+$/);
  const stored = await fetch(base + location);
  assert.equal(((await stored.json()) as { title: string }).title, a.title);
});

test("POST /v1/extract: JSON html, text and explain", async () => {
  let res = await fetch(`${base}/v1/extract`, json({ html: STORY.toString(), url: STORY_URL, explain: true, save: false }));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("location"), null, "save:false is not saved");
  const a = (await res.json()) as { explain: { removals: { stage: string; reason: string }[] } };
  assert.ok(a.explain.removals.length > 0);
  res = await fetch(`${base}/v1/extract`, json({ text: "Storm closes coast road\n\nA winter storm closed the coast road for two days.", save: false }));
  assert.equal(res.status, 200);
  res = await fetch(`${base}/v1/extract?url=${encodeURIComponent(STORY_URL)}&explain=true&save=false`, { method: "POST", headers: { "content-type": "text/html" }, body: STORY });
  assert.ok(((await res.json()) as { explain?: unknown }).explain);
});

test("POST /v1/extract: {url} is fetched, redirects followed", async () => {
  const res = await fetch(`${openBase}/v1/extract`, json({ url: `${upBase}/moved` }));
  assert.equal(res.status, 200);
  const a = (await res.json()) as { title: string; url: string };
  assert.equal(a.title, "Harbour town opens a floating library");
  assert.equal(a.url, `${upBase}/story`);
});

test("POST /v1/inspect: article with explain, the decoded page and the archive id", async () => {
  const res = await fetch(`${base}/v1/inspect?url=${encodeURIComponent(STORY_URL)}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: STORY });
  assert.equal(res.status, 200);
  const r = (await res.json()) as { article: { explain?: unknown }; source: string; id: number };
  assert.ok(r.article.explain);
  assert.equal(r.source, STORY.toString());
  assert.equal(typeof r.id, "number");
});

test("GET /v1/articles: search with filters and paging; GET /v1/articles/{id}", async () => {
  for (let i = 0; i < 3; i++) {
    const html = `<html><head><meta name="author" content="Priya Nair"></head><body><article><h1>Tide tables ${i}</h1><p>High water at the harbour will come at ${i + 6} in the morning, the harbour master said, and boats should stay moored.</p></article></body></html>`;
    const r = await fetch(`${base}/v1/extract?url=${encodeURIComponent(`https://tides.test/${i}`)}`, { method: "POST", headers: { "content-type": "text/html" }, body: html });
    assert.equal(r.status, 200);
  }
  let res = await fetch(`${base}/v1/articles?q=harbour%20moored&limit=2`);
  assert.equal(res.status, 200);
  const page1 = (await res.json()) as { hits: { id: number; title: string; snippetHtml: string }[]; next?: string; total: number };
  assert.equal(page1.total, 3);
  assert.equal(page1.hits.length, 2);
  assert.match(page1.hits[0].snippetHtml, /<mark>/);
  res = await fetch(`${base}/v1/articles?q=harbour%20moored&limit=2&cursor=${page1.next}`);
  const page2 = (await res.json()) as { hits: { id: number }[]; next?: string };
  assert.equal(page2.hits.length, 1);
  assert.equal(page2.next, undefined);
  res = await fetch(`${base}/v1/articles?site=tides.test`);
  assert.equal(((await res.json()) as { total: number }).total, 3);
  res = await fetch(`${base}/v1/articles?site=ledger.test&q=ferry`);
  assert.ok(((await res.json()) as { total: number }).total >= 1);
  res = await fetch(`${base}/v1/articles?since=2030-01-01`);
  assert.equal(((await res.json()) as { total: number }).total, 0);
  const one = await fetch(`${base}/v1/articles/${page1.hits[0].id}`);
  assert.equal(((await one.json()) as { title: string }).title, page1.hits[0].title);
});

test("GET /healthz and GET /openapi.json built from the validating schemas", async () => {
  const h = await fetch(`${base}/healthz`);
  assert.equal(h.status, 200);
  assert.equal(((await h.json()) as { status: string }).status, "ok");
  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; parameters?: { name: string }[]; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };
  assert.equal(doc.openapi, "3.1.0");
  for (const [path, method] of [["/v1/extract", "post"], ["/v1/inspect", "post"], ["/v1/articles", "get"], ["/v1/articles/{id}", "get"], ["/healthz", "get"], ["/openapi.json", "get"]]) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path} documented`);
  }
  assert.deepEqual(doc.paths["/v1/extract"].post.requestBody!.content["application/json"].schema, JSON.parse(JSON.stringify(S.extractJson)));
  assert.deepEqual(doc.paths["/v1/articles"].get.parameters!.map((p) => p.name), Object.keys(S.listQuery.properties));
  assert.ok(doc.paths["/v1/extract"].post.responses["413"]);
  assert.ok(doc.components.schemas.Article && doc.components.schemas.Problem);
  // The web page and its assets.
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
  assert.match(await page.text(), /<title>newsclip<\/title>/);
  for (const asset of ["/app.js", "/highlight.js", "/style.css"]) assert.equal((await fetch(base + asset)).status, 200, asset);
});

test("bad inputs come back as problem details, and the server keeps serving", async () => {
  // oversized body
  await problem(await fetch(`${openBase}/v1/extract`, { method: "POST", headers: { "content-type": "text/html" }, body: Buffer.alloc(300 * 1024, 32) }), 413, "TOO_LARGE");
  // malformed JSON
  await problem(await fetch(`${base}/v1/extract`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"html": "<p>' }), 400, "BAD_REQUEST");
  // unsupported media type
  await problem(await fetch(`${base}/v1/extract`, { method: "POST", headers: { "content-type": "image/png" }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }), 415, "BAD_REQUEST");
  // JSON that is not a request
  await problem(await fetch(`${base}/v1/extract`, json({ foo: 1 })), 400, "BAD_REQUEST");
  await problem(await fetch(`${base}/v1/extract`, json({ html: "<p>a</p>", text: "a" })), 400, "BAD_REQUEST");
  await problem(await fetch(`${base}/v1/extract`, json({ url: 42 })), 400, "BAD_REQUEST");
  await problem(await fetch(`${base}/v1/extract`, json([1, 2])), 400, "BAD_REQUEST");
  // empty and non-HTML bodies
  await problem(await fetch(`${base}/v1/extract`, { method: "POST", headers: { "content-type": "text/html" }, body: "" }), 422, "EMPTY_INPUT");
  // URLs: private address (guard on), unreachable, never answers, not a URL, not http
  await problem(await fetch(`${base}/v1/extract`, json({ url: `${upBase}/story` })), 403, "FETCH_BLOCKED");
  await problem(await fetch(`${base}/v1/extract`, json({ url: "http://169.254.169.254/latest/meta-data/" })), 403, "FETCH_BLOCKED");
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  await problem(await fetch(`${openBase}/v1/extract`, json({ url: `http://127.0.0.1:${deadPort}/` })), 502, "FETCH_FAILED");
  await problem(await fetch(`${openBase}/v1/extract`, json({ url: `${upBase}/missing` })), 502, "FETCH_FAILED");
  await problem(await fetch(`${openBase}/v1/extract`, json({ url: `${upBase}/hang` })), 504, "TIMEOUT");
  await problem(await fetch(`${base}/v1/extract`, json({ url: "not a url" })), 400, "BAD_REQUEST");
  await problem(await fetch(`${base}/v1/extract`, json({ url: "file:///etc/passwd" })), 400, "BAD_REQUEST");
  // archive lookups
  await problem(await fetch(`${base}/v1/articles/999999`), 404, "NOT_FOUND");
  await problem(await fetch(`${base}/v1/articles/abc`), 400, "BAD_REQUEST");
  await problem(await fetch(`${base}/v1/articles?limit=1000`), 400, "BAD_REQUEST");
  await problem(await fetch(`${base}/v1/articles?cursor=nope`), 400, "BAD_REQUEST");
  await problem(await fetch(`${base}/v1/articles?since=someday`), 400, "BAD_REQUEST");
  // unknown routes and methods
  await problem(await fetch(`${base}/v2/nothing`), 404, "NOT_FOUND");
  await problem(await fetch(`${base}/v1/extract`), 404, "NOT_FOUND");
  // still serving
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
  const ok = await fetch(`${base}/v1/extract?save=false`, { method: "POST", headers: { "content-type": "text/html" }, body: STORY });
  assert.equal(ok.status, 200);
});

test("an extraction over its time limit stops its worker, and the pool recovers", async () => {
  const slow = new ExtractPool({ threads: 1, timeoutMs: 1 });
  await assert.rejects(slow.run({ html: new Uint8Array(STORY) }), (e: unknown) => e instanceof NewsclipError && e.code === "TIMEOUT");
  await slow.close();
  // Engine errors cross the thread boundary with their code.
  await assert.rejects(pool.run({ html: new Uint8Array(0) }), (e: unknown) => e instanceof NewsclipError && e.code === "EMPTY_INPUT");
  const r = await pool.run({ html: new Uint8Array(STORY), url: STORY_URL });
  assert.equal(r.article.title, "Harbour town opens a floating library");
});

test("fetches beyond the limit wait, and beyond the queue are refused", async () => {
  const limiter = new Limiter(1, 1);
  let release!: () => void;
  const first = limiter.run(() => new Promise<void>((r) => (release = r)));
  const second = limiter.run(async () => "second");
  await assert.rejects(limiter.run(async () => "third"), (e: unknown) => e instanceof NewsclipError && e.code === "OVERLOADED");
  release();
  await first;
  assert.equal(await second, "second");
});
