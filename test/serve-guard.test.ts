/**
 * Who may drive the local server (issue 20, item 4): other web sites must not write through a visitor's browser
 * (Origin / Sec-Fetch-Site, `text/plain` simple requests included), a DNS-rebound name must not read it (Host), and a
 * server bound beyond loopback can require a token and warns without one. Real fastify servers, real loopback
 * sockets, the real CLI in a child process.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../src/serve/app.ts";
import { ExtractPool } from "../src/serve/pool.ts";

const ROOT = join(import.meta.dirname, "..");
const PAGE = "<html><body><article><h1>Harbour news</h1><p>The ferry timetable changes on Monday, the operator said, with an earlier first crossing.</p></article></body></html>";
const TOKEN = "s3cret-token-0123456789";

let pool: ExtractPool;
let api: FastifyInstance;
let base: string;
let locked: FastifyInstance;

before(async () => {
  pool = new ExtractPool({ threads: 1 });
  api = await buildServer({ store: ":memory:", saveByDefault: true, pool, host: "127.0.0.1", allowedHosts: ["news.internal"] });
  base = await api.listen({ port: 0, host: "127.0.0.1" });
  locked = await buildServer({ store: ":memory:", saveByDefault: true, pool, host: "0.0.0.0", token: TOKEN });
});

after(async () => {
  await api.close();
  await locked.close();
  await pool.close();
});

const host = () => new URL(base).host;

async function articles(app: FastifyInstance, headers: Record<string, string> = {}): Promise<number> {
  const res = await app.inject({ method: "GET", url: "/healthz", headers });
  return res.json().articles;
}

function post(app: FastifyInstance, headers: Record<string, string>) {
  return app.inject({ method: "POST", url: "/v1/extract?save=true&url=https://news.example/a", headers: { host: host(), "content-type": "text/plain", ...headers }, payload: "Harbour news\n\nThe ferry timetable changes on Monday, the operator said." });
}

test("cross-site writes are refused, text/plain simple requests included; same-origin and non-browser writes pass", async () => {
  const before = await articles(api);
  for (const headers of [
    { origin: "https://evil.example" },
    { origin: "null" },
    { origin: "http://localhost:9999" },
    { origin: `http://${host()}`, "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" }, // another port of localhost is the same site, not the same origin
  ]) {
    const res = await post(api, headers);
    assert.equal(res.statusCode, 403, JSON.stringify(headers));
    assert.equal(res.json().code, "FORBIDDEN");
  }
  assert.equal(await articles(api), before, "nothing was saved");
  for (const headers of [{}, { origin: `http://${host()}`, "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }]) {
    const res = await post(api, headers);
    assert.equal(res.statusCode, 200, JSON.stringify(headers) + res.body);
  }
  assert.equal(await articles(api), before + 1);
  // Reading needs no Origin check: a browser does not show another site the answer (no CORS headers).
  const read = await api.inject({ method: "GET", url: "/v1/articles", headers: { host: host(), origin: "https://evil.example" } });
  assert.equal(read.statusCode, 200);
  assert.equal(read.headers["access-control-allow-origin"], undefined);
});

test("a cross-site text/plain POST over a real loopback socket saves nothing", async () => {
  const n = await articles(api);
  const { port } = new URL(base);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/v1/extract?save=true", headers: { "content-type": "text/plain", origin: "https://evil.example", "sec-fetch-site": "cross-site" } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("error", reject);
    req.end("Headline\n\nSome text that an attacker wants in the archive, long enough to be an article body.");
  });
  assert.equal(status, 403);
  assert.equal(await articles(api), n);
});

test("unexpected Host headers are refused (DNS rebinding); loopback, IP addresses, the bound host and allowed names pass", async () => {
  for (const h of ["evil.example", "evil.example:8080", "news.internal.evil.example", "localhost.evil.example", "user@localhost", "localhost/x"]) {
    const res = await api.inject({ method: "GET", url: "/v1/articles", headers: { host: h } });
    assert.equal(res.statusCode, 403, h);
    assert.equal(res.json().code, "FORBIDDEN");
  }
  for (const h of ["localhost", "localhost:8080", "LOCALHOST.", "app.localhost:3000", "127.0.0.1:8080", "127.9.9.9", "[::1]:8080", "192.168.1.20:8080", "news.internal", "News.Internal:443"]) {
    const res = await api.inject({ method: "GET", url: "/v1/articles", headers: { host: h } });
    assert.equal(res.statusCode, 200, h);
  }
  // The page itself is guarded too.
  assert.equal((await api.inject({ method: "GET", url: "/", headers: { host: "evil.example" } })).statusCode, 403);
  const named = await buildServer({ pool, host: "reader.lan" });
  assert.equal((await named.inject({ method: "GET", url: "/healthz", headers: { host: "reader.lan:8080" } })).statusCode, 200);
  assert.equal((await named.inject({ method: "GET", url: "/healthz", headers: { host: "other.lan:8080" } })).statusCode, 403);
  await named.close();
  const any = await buildServer({ pool, allowedHosts: ["*"] });
  assert.equal((await any.inject({ method: "GET", url: "/healthz", headers: { host: "whatever.example" } })).statusCode, 200);
  await any.close();
});

test("with a token, API requests need Authorization: Bearer; the page and /healthz do not", async () => {
  const h = { host: "192.168.1.20:8080" };
  for (const auth of [undefined, "Bearer wrong-token-0123456789", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, "Bearer"]) {
    for (const url of ["/v1/articles", "/v1/articles/1", "/openapi.json"]) {
      const res = await locked.inject({ method: "GET", url, headers: { ...h, ...(auth ? { authorization: auth } : {}) } });
      assert.equal(res.statusCode, 401, `${url} ${auth}`);
      assert.equal(res.json().code, "UNAUTHORIZED");
      assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
    }
  }
  const denied = await locked.inject({ method: "POST", url: "/v1/extract", headers: { ...h, "content-type": "text/html" }, payload: PAGE });
  assert.equal(denied.statusCode, 401);
  const ok = await locked.inject({ method: "POST", url: "/v1/extract", headers: { ...h, "content-type": "text/html", authorization: `Bearer ${TOKEN}` }, payload: PAGE });
  assert.equal(ok.statusCode, 200, ok.body);
  const search = await locked.inject({ method: "GET", url: "/v1/articles?q=ferry", headers: { ...h, authorization: `bearer ${TOKEN}` } });
  assert.equal(search.statusCode, 200);
  assert.equal(search.json().total, 1);
  assert.equal((await locked.inject({ method: "GET", url: "/", headers: h })).statusCode, 200);
  assert.equal((await locked.inject({ method: "GET", url: "/healthz", headers: h })).statusCode, 200);
  // The token does not lift the cross-site check.
  const cross = await locked.inject({ method: "POST", url: "/v1/extract", headers: { ...h, "content-type": "text/plain", authorization: `Bearer ${TOKEN}`, origin: "https://evil.example" }, payload: "x" });
  assert.equal(cross.statusCode, 403);
});

/** Starts `newsclip serve ARGS` and resolves with its stderr once it listens, and the child. */
async function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "index.ts"), "serve", "--port", "0", "--threads", "1", ...args], {
    cwd: ROOT,
    env: { ...process.env, NEWSCLIP_TOKEN: "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    child.stderr!.on("data", (d) => {
      stderr += d;
      if (/newsclip serve: http/.test(stderr) && stderr.endsWith("\n")) setTimeout(resolve, 50);
    });
  });
  child.removeAllListeners("exit");
  const port = Number(/:(\d+)\//.exec(stderr)![1]);
  const stop = () => new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM")));
  return { stderr: () => stderr, port, stop };
}

test("newsclip serve: a warning when bound beyond loopback without a token; NEWSCLIP_TOKEN locks the API", async () => {
  const open = await serve(["--host", "0.0.0.0"]);
  try {
    assert.match(open.stderr(), /warning: listening on 0\.0\.0\.0, beyond this machine, without an access token/);
  } finally {
    await open.stop();
  }
  const local = await serve(["--host", "127.0.0.1"]);
  try {
    assert.doesNotMatch(local.stderr(), /warning/);
  } finally {
    await local.stop();
  }
  const withToken = await serve(["--host", "0.0.0.0"], { NEWSCLIP_TOKEN: TOKEN });
  try {
    assert.doesNotMatch(withToken.stderr(), /warning/);
    assert.ok(!withToken.stderr().includes(TOKEN), "the token is never printed");
    const url = `http://127.0.0.1:${withToken.port}/v1/articles`;
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
  } finally {
    await withToken.stop();
  }
});
