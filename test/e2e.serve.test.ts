// The web page in real headless Chromium: extract a fixture, see the reader
// view and the removal highlights, prove pasted pages cannot run script, and
// search the archive. Screenshots go to artifacts/ (gitignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../src/serve/app.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FIXTURES = join(import.meta.dirname, "fixtures", "serve");
const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

/** Stands in for the fixture's photo: no request ever leaves loopback. */
const PHOTO = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="#8fb8d8"/><stop offset=".6" stop-color="#d9e6ee"/><stop offset=".6" stop-color="#35607f"/><stop offset="1" stop-color="#1d3b52"/></linearGradient></defs><rect width="1200" height="675" fill="url(#g)"/><rect x="380" y="330" width="440" height="90" fill="#f4f1ec"/><rect x="470" y="280" width="200" height="60" fill="#c8553d"/></svg>`;

let app: FastifyInstance;
let base: string;
let browser: BrowserContext;
let page: Page;
let profile: string;
const dialogs: string[] = [];

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  // One worker: each compiles the TypeScript sources under tsx, and one is enough for a few pages.
  app = await buildServer({ store: ":memory:", saveByDefault: true, pool: { threads: 1 } });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  profile = mkdtempSync(join(tmpdir(), "newsclip-chromium-"));
  // A fresh profile directory each run (Playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Loopback only: the fixture's image host is answered here, everything else refused.
  await page.route(/^https?:\/\//, (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    if (url.startsWith("https://img.ledger.test/")) return route.fulfill({ contentType: "image/svg+xml", body: PHOTO });
    return route.abort();
  });
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready]");
});

after(async () => {
  await browser?.close();
  await app?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function extractPasted(html: string, url?: string): Promise<void> {
  await page.click("#tab-extract");
  await page.fill("#url", url ?? "");
  await page.fill("#html", html);
  await page.click("#go");
  await page.waitForFunction(() => /^Extracted|\w+_\w+:|[A-Z]+:/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 20_000 });
}

test("extract a pasted page: reader view, metadata sources and removal highlights", { skip }, async () => {
  await extractPasted(readFileSync(join(FIXTURES, "story.html"), "utf8"), "https://www.ledger.test/news/2026/11/harbour-floating-library");
  assert.match(await page.textContent("#status") ?? "", /^Extracted/);
  assert.equal((await page.textContent("#reader .headline"))?.trim(), "Harbour town opens a floating library");
  assert.match(await page.textContent("#reader .byline") ?? "", /Maren Holt.*Idris Calloway/);
  assert.match(await page.textContent("#reader .body") ?? "", /old car ferry that once carried tractors/);
  assert.match(await page.textContent("#reader .dates") ?? "", /Published/);
  // The lead image shows, and the body keeps its paragraphs.
  assert.ok((await page.locator("#reader img").count()) >= 1);
  assert.ok((await page.locator("#reader .body p").count()) >= 5);
  // Metadata rows name their source.
  const titleRow = page.locator('#meta tr[data-field="title"] td');
  assert.equal(await titleRow.nth(0).textContent(), "Harbour town opens a floating library");
  assert.notEqual((await titleRow.nth(1).textContent())?.trim(), "—");
  // Every removal is listed; those visible in the page are outlined and labelled there.
  const listed = await page.locator("#removals li").count();
  const shown = await page.locator("#removals li.shown").count();
  assert.ok(listed > 0, "removals are listed");
  assert.ok(shown > 0, "some removals are outlined in the original");
  const frame = page.frameLocator("#original");
  assert.equal(await frame.locator("[data-nc-removed]").count(), shown);
  const labels = await frame.locator(".nc-label:not(.nc-main)").allTextContents();
  assert.equal(labels.length, shown);
  for (const l of labels) assert.match(l, /^\d+\. \w+\/[\w-]+: \S/);
  // The element chosen as the main content is boxed.
  assert.equal(await frame.locator("[data-nc-container]").count(), 1);
  assert.match(await frame.locator("[data-nc-container]").textContent() ?? "", /old car ferry/);
  // The original page is shown without any script, in a sandbox with no permissions.
  assert.equal(await page.getAttribute("#original", "sandbox"), "");
  assert.equal(await frame.locator("script").count(), 0);
  await page.screenshot({ path: join(ARTIFACTS, "serve-extract.png"), fullPage: true });
  // The frame opens at the main content; "show" moves it to a removal (and brings it into view), still without any script in the frame.
  assert.match(await page.getAttribute("#original", "src") ?? "", /^blob:.*#nc-main$/);
  await page.locator("#removals li.shown button.show").nth(2).click();
  assert.match(await page.getAttribute("#original", "src") ?? "", /#nc-r-\d+$/);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, "serve-show-removal.png") });
});

test("a hostile page runs no script anywhere on the page", { skip }, async () => {
  dialogs.length = 0;
  await extractPasted(readFileSync(join(FIXTURES, "xss.html"), "utf8"), "https://council.test/news/budget");
  assert.match(await page.textContent("#status") ?? "", /^Extracted/);
  assert.match(await page.textContent("#reader .body") ?? "", /approve a budget/);
  // The escaped payload stays visible text, never markup.
  assert.match(await page.textContent("#reader .body") ?? "", /<script>alert\(13\)<\/script>/);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], "no alert() ran");
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined);
  const unsafe = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll("#reader *, #meta *, #removals *")) {
      if (/^(SCRIPT|IFRAME|OBJECT|EMBED|svg|FORM)$/.test(el.tagName)) bad.push(el.tagName);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.tagName}@${a.name}`);
        if (/^\s*(javascript|data):/i.test(a.value)) bad.push(`${el.tagName}@${a.name}=${a.value}`);
      }
    }
    return bad;
  });
  assert.deepEqual(unsafe, []);
  const frame = page.frameLocator("#original");
  assert.equal(await frame.locator("script, iframe, object, embed, base[href^='javascript']").count(), 0);
  assert.equal(await frame.locator("[onload], [onerror], [onclick], [onmouseover], [onfocus]").count(), 0);
  await page.screenshot({ path: join(ARTIFACTS, "serve-xss.png"), fullPage: true });
});

test("a dropped file is extracted like a pasted page", { skip }, async () => {
  await page.fill("#html", "");
  await page.fill("#url", "https://www.ledger.test/news/2026/11/harbour-floating-library");
  await page.setInputFiles("#file", join(FIXTURES, "story.html"));
  await page.click("#go");
  await page.waitForFunction(() => /^Extracted/.test(document.querySelector("#status")?.textContent ?? ""));
  assert.equal((await page.textContent("#reader .headline"))?.trim(), "Harbour town opens a floating library");
  await page.click("#clear-file");
});

test("search the archive and open a hit", { skip }, async () => {
  await page.click("#tab-archive");
  await page.waitForSelector("#hits li");
  await page.fill("#q", "floating library");
  await page.click("#search-form button[type=submit]");
  await page.waitForFunction(() => /1 article/.test(document.querySelector("#search-status")?.textContent ?? ""));
  const hit = page.locator("#hits li").first();
  assert.equal((await hit.locator(".title").textContent())?.trim(), "Harbour town opens a floating library");
  assert.ok((await hit.locator(".snippet mark").count()) >= 1, "matches are marked in the snippet");
  await hit.locator(".title").click();
  await page.waitForSelector("#archived:not([hidden]) .headline");
  assert.equal((await page.textContent("#archived .headline"))?.trim(), "Harbour town opens a floating library");
  // A query with no match says so.
  await page.fill("#q", "zeppelin");
  await page.click("#search-form button[type=submit]");
  await page.waitForFunction(() => /Nothing found/.test(document.querySelector("#search-status")?.textContent ?? ""));
  await page.fill("#q", "library");
  await page.click("#search-form button[type=submit]");
  await page.waitForFunction(() => /article/.test(document.querySelector("#search-status")?.textContent ?? ""));
  await page.screenshot({ path: join(ARTIFACTS, "serve-archive.png"), fullPage: true });
});
