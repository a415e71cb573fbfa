// The server's guard in real headless Chromium: the web page works with an access token given as #token=, another
// origin's page cannot write into the archive (text/plain fetch, form post), and a name resolved to 127.0.0.1 that is
// not the server's (as DNS rebinding does) gets nothing. Loopback only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { chromium, type BrowserContext } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../src/serve/app.ts";
import { ExtractPool } from "../src/serve/pool.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
const STORY = readFileSync(join(import.meta.dirname, "fixtures", "serve", "story.html"), "utf8");
const TOKEN = "e2e-token-abcdefghijklmnop";

let pool: ExtractPool;
let open: FastifyInstance;
let openBase: string;
let locked: FastifyInstance;
let lockedBase: string;
let attacker: Server;
let attackerBase: string;
let browser: BrowserContext;
let profile: string;

before(async () => {
  if (skip) return;
  pool = new ExtractPool({ threads: 1 });
  open = await buildServer({ store: ":memory:", saveByDefault: true, pool, host: "127.0.0.1" });
  openBase = await open.listen({ port: 0, host: "127.0.0.1" });
  locked = await buildServer({ store: ":memory:", saveByDefault: true, pool, host: "127.0.0.1", token: TOKEN });
  lockedBase = await locked.listen({ port: 0, host: "127.0.0.1" });
  // Another site's page, on another loopback port and name: it tries to write into the archive.
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><body>
      <form id="f" method="POST" action="${openBase}/v1/extract?save=true" enctype="text/plain" target="sink"><input name="Attacker headline\n\nPlanted" value="text planted into the archive by another site, long enough to be a body."></form>
      <iframe name="sink"></iframe>
      <script>
        fetch(${JSON.stringify(openBase + "/v1/extract?save=true")}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: "Attacker headline\\n\\nText planted into the archive by another site, long enough to be a body." })
          .then(() => (document.title = "fetched"), () => (document.title = "fetch failed"))
          .finally(() => { document.getElementById("f").submit(); setTimeout(() => (document.body.dataset.done = "1"), 1500); });
      </script></body>`);
  });
  await new Promise<void>((r) => attacker.listen(0, "127.0.0.1", r));
  attackerBase = `http://attacker.localhost:${(attacker.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), "newsclip-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // evil.test resolves to this machine, as a rebound DNS name would.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP evil.test 127.0.0.1"],
  });
});

after(async () => {
  await browser?.close();
  await open?.close();
  await locked?.close();
  attacker?.close();
  await pool?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function count(base: string, headers: Record<string, string> = {}): Promise<number> {
  return ((await (await fetch(`${base}/healthz`, { headers })).json()) as { articles: number }).articles;
}

test("another site's page cannot write into the archive: neither a text/plain fetch nor a form post", { skip }, async () => {
  const before = await count(openBase);
  const page = await browser.newPage();
  await page.goto(attackerBase + "/");
  await page.waitForSelector("body[data-done]", { timeout: 15_000 });
  await page.close();
  assert.equal(await count(openBase), before, "nothing was saved");
  const res = await fetch(`${openBase}/v1/articles?q=planted`);
  assert.equal(((await res.json()) as { hits: unknown[] }).hits.length, 0);
});

test("a rebound name (evil.test -> 127.0.0.1) gets neither the page nor the archive", { skip }, async () => {
  const page = await browser.newPage();
  const port = new URL(openBase).port;
  const res = await page.goto(`http://evil.test:${port}/v1/articles`);
  assert.equal(res?.status(), 403);
  assert.match(await page.textContent("body") ?? "", /FORBIDDEN/);
  const home = await page.goto(`http://evil.test:${port}/`);
  assert.equal(home?.status(), 403);
  await page.close();
});

test("with a token: the page opened as /#token=... extracts and searches; without it the API says UNAUTHORIZED", { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(`${lockedBase}/#token=${TOKEN}`);
  await page.waitForSelector("body[data-ready]");
  assert.equal(new URL(page.url()).hash, "", "the token is taken out of the address bar");
  await page.fill("#url", "https://www.ledger.test/news/2026/11/harbour-floating-library");
  await page.fill("#html", STORY);
  await page.click("#go");
  await page.waitForFunction(() => /^Extracted|[A-Z]+_?[A-Z]*:/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 20_000 });
  assert.match(await page.textContent("#status") ?? "", /^Extracted/);
  await page.click("#tab-archive");
  await page.fill("#q", "floating library");
  await page.click("#search-form button[type=submit]");
  await page.waitForFunction(() => /1 article/.test(document.querySelector("#search-status")?.textContent ?? ""));
  await page.reload();
  await page.waitForSelector("body[data-ready]");
  await page.click("#tab-archive");
  await page.waitForSelector("#hits li", { timeout: 10_000 });
  await page.close();
  assert.equal(await count(lockedBase), 1);

  const stranger = await browser.newPage();
  await stranger.goto(`${lockedBase}/`);
  await stranger.waitForSelector("body[data-ready]");
  await stranger.click("#tab-archive");
  await stranger.waitForFunction(() => /UNAUTHORIZED|token/.test(document.querySelector("#search-status")?.textContent ?? ""), null, { timeout: 10_000 });
  await stranger.close();
});
