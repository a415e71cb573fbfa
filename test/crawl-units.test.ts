/** The crawler's parts on their own: URL normal form and classes, sitemap and feed parsing, robots.txt, the SSRF guard. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { normalise, classify } from "../src/crawl/urls.ts";
import { parseListing } from "../src/crawl/feeds.ts";
import { parseRobots, agentToken } from "../src/crawl/robots.ts";
import { retryAfter, Scheduler, POLITENESS } from "../src/crawl/scheduler.ts";
import { pageLinks } from "../src/crawl/links.ts";
import { crawl, type CrawlResult } from "../src/crawl/index.ts";
import { Network, stories } from "./fixtures/crawl/network.ts";

const enc = (s: string) => new TextEncoder().encode(s);

test("normalise: case, default ports, fragments, tracking and session parameters, index pages", () => {
  assert.equal(normalise("HTTP://Example.COM:80/News/Story?utm_source=x&b=2&a=1#top"), "http://example.com/News/Story?a=1&b=2");
  assert.equal(normalise("https://example.com:443/a/index.html"), "https://example.com/a/");
  assert.equal(normalise("https://example.com/a;jsessionid=ABC123?PHPSESSID=x&fbclid=y"), "https://example.com/a");
  assert.equal(normalise("/x/y?gclid=1", "https://example.com/base/"), "https://example.com/x/y");
  assert.equal(normalise("mailto:a@example.com"), undefined);
  assert.equal(normalise("javascript:void(0)"), undefined);
  assert.equal(normalise("https://user:pw@example.com/"), undefined);
});

test("classify: articles, sections, feeds, sitemaps and the rest, from the URL and the link", () => {
  const k = (u: string, ctx = {}) => classify(u, ctx).kind;
  assert.equal(k("https://n.example/news/2026/03/14/council-approves-budget"), "article");
  assert.equal(k("https://n.example/world/europe/council-approves-new-harbour-budget"), "article");
  assert.equal(k("https://n.example/politics/story-123456.html"), "article");
  assert.equal(k("https://n.example/"), "section");
  assert.equal(k("https://n.example/politics/"), "section");
  assert.equal(k("https://n.example/politics/?page=2"), "section");
  assert.equal(k("https://n.example/feed"), "feed");
  assert.equal(k("https://n.example/rss/news.xml"), "feed");
  assert.equal(k("https://n.example/other", { rel: "alternate", type: "application/atom+xml" }), "feed");
  assert.equal(k("https://n.example/sitemap-news.xml"), "sitemap");
  assert.equal(k("https://n.example/sitemaps/2026-03.xml.gz"), "sitemap");
  for (const u of [
    "https://n.example/tag/flooding",
    "https://n.example/author/dana-whitfield",
    "https://n.example/search?q=ferry",
    "https://n.example/login",
    "https://n.example/calendar/2026-03-14",
    "https://n.example/2026/03/14/",
    "https://n.example/news/photo-of-the-harbour-at-dawn.jpg",
    "https://n.example/files/annual-report-of-the-council.pdf",
    "https://n.example/news?sort=date&page=2",
    "https://n.example/x?a=1&b=2&c=3&d=4",
  ])
    assert.equal(k(u), "other", u);
  assert.equal(k("https://n.example/news/some-story-about-it", { rel: "tag" }), "other");
  // A link in the menu with a short path is a section; the same path linked with a headline from the body is a story.
  assert.equal(k("https://n.example/harbour-ferry", { area: "nav", text: "Ferry" }), "section");
  assert.equal(k("https://n.example/features/harbour", { area: "body", text: "How the new electric ferry changed life on the harbour" }), "article");
  // Entries of a news sitemap are stories whatever their shape.
  assert.equal(k("https://n.example/p/abc", { area: "news-sitemap" }), "article");
});

test("classify: hostile URLs are answered fast (no catastrophic backtracking)", () => {
  const t = performance.now();
  for (const seg of ["a-".repeat(900), "a".repeat(1800), "1-".repeat(900) + "x", "-a".repeat(900) + "/1", "story" + ".1".repeat(900), "x/".repeat(900)])
    for (const pre of ["/", "/news/", "/2026/03/", "/blog/", "/articleshow/"]) classify(`https://n.example${pre}${seg}?id=1`);
  assert.ok(performance.now() - t < 2000, `${(performance.now() - t).toFixed(0)} ms`);
});

test("links: anchors with text and place, feed links, canonical, base, nofollow", () => {
  const l = pageLinks(`<html><head><base href="https://n.example/"><link rel="alternate" type="application/rss+xml" href="/rss.xml"><link rel="canonical" href="https://n.example/a">
  <meta name="robots" content="index, nofollow"></head><body><nav><a href="/politics/">Politics</a></nav>
  <div class="sidebar-menu"><a href="/sport/">Sport</a></div><main><a href="/news/a-b-c-d">A <b>long</b> headline</a><img src="x.png"></main></body></html>`);
  assert.equal(l.feeds[0].href, "/rss.xml");
  assert.equal(l.canonical, "https://n.example/a");
  assert.equal(l.base, "https://n.example/");
  assert.equal(l.nofollow, true);
  assert.deepEqual(
    l.links.map((x) => [x.href, x.area, x.text]),
    [
      ["/politics/", "nav", "Politics"],
      ["/sport/", "nav", "Sport"],
      ["/news/a-b-c-d", "body", "A long headline"],
    ],
  );
});

test("sitemaps: index, news sitemap with dates, gzip by magic number, BOM, wrong prefixes", () => {
  const idx = parseListing(enc(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://n.example/s1.xml</loc><lastmod>2026-03-01</lastmod></sitemap></sitemapindex>`), "https://n.example/");
  assert.equal(idx.type, "sitemapindex");
  assert.deepEqual(idx.entries, [{ url: "https://n.example/s1.xml", date: "2026-03-01T00:00:00.000Z" }]);
  const news = `\uFEFF<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://n.example/a</loc><n:news><n:publication_date>2026-03-14T08:30:00+01:00</n:publication_date><n:title>Ferry &amp; harbour</n:title></n:news></url></urlset>`;
  const l = parseListing(gzipSync(news), "https://n.example/");
  assert.equal(l.type, "urlset");
  assert.deepEqual(l.entries, [{ url: "https://n.example/a", date: "2026-03-14T07:30:00.000Z", news: true, title: "Ferry & harbour" }]);
});

test("feeds: RSS, Atom, RDF", () => {
  const rss = parseListing(enc(`<rss version="2.0"><channel><item><title>T</title><link>https://n.example/a</link><pubDate>Sat, 14 Mar 2026 08:30:00 GMT</pubDate></item><item><guid>https://n.example/b</guid></item></channel></rss>`), "https://n.example/");
  assert.deepEqual(rss.entries.map((e) => e.url), ["https://n.example/a", "https://n.example/b"]);
  assert.equal(rss.entries[0].date, "2026-03-14T08:30:00.000Z");
  const atom = parseListing(enc(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><link rel="self" href="/self"/><link rel="alternate" href="/a"/><updated>2026-03-14T08:30:00Z</updated></entry></feed>`), "https://n.example/");
  assert.deepEqual(atom.entries, [{ url: "https://n.example/a", date: "2026-03-14T08:30:00.000Z", title: "T" }]);
  const rdf = parseListing(enc(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel/><item><link>https://n.example/r</link><dc:date>2026-03-14</dc:date></item></rdf:RDF>`), "https://n.example/");
  assert.deepEqual(rdf.entries.map((e) => e.url), ["https://n.example/r"]);
});

test("bad sitemaps and feeds are refused with a reason", () => {
  const bad = (s: string | Uint8Array) => assert.throws(() => parseListing(typeof s === "string" ? enc(s) : s, "https://n.example/"), (e: Error & { code?: string }) => !!e.code && e.message.length > 5);
  bad(`<?xml version="1.0"?><urlset><url><loc>https://n.example/a</loc></url>`);
  bad(`<!doctype html><html><body>Not found</body></html>`);
  bad(`<?xml version="1.0"?><catalog><book/></catalog>`);
  bad("");
  bad(Buffer.from([0x1f, 0x8b, 1, 2, 3]));
});

test("a sitemap of 50,001 URLs: 50,000 kept, the rest counted, in reasonable time", () => {
  const urls = Array.from({ length: 50_001 }, (_, i) => `<url><loc>https://n.example/news/story-${i}</loc></url>`).join("");
  const t = performance.now();
  const l = parseListing(gzipSync(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`), "https://n.example/");
  assert.equal(l.entries.length, 50_000);
  assert.equal(l.dropped, 1);
  assert.ok(performance.now() - t < 5000);
});

test("robots.txt: our group over *, Allow/Disallow by longest match, wildcards, Crawl-delay, sitemaps, BOM", () => {
  const r = parseRobots(
    "https://n.example/robots.txt",
    "\uFEFFUser-agent: *\nDisallow: /\n\nUser-agent: newsclip\nCrawl-delay: 2\nDisallow: /private/\nAllow: /private/open-*\nDisallow: /*.pdf$\nSitemap: https://n.example/sitemap.xml\n",
    "newsclip/0.1 (+https://example.org)",
  );
  assert.equal(r.allowed("https://n.example/news/a"), true);
  assert.equal(r.allowed("https://n.example/private/a"), false);
  assert.equal(r.allowed("https://n.example/private/open-letter"), true);
  assert.equal(r.allowed("https://n.example/files/a.pdf"), false);
  assert.equal(r.allowed("https://other.example/news/a"), false);
  assert.equal(r.delay, 2);
  assert.deepEqual(r.sitemaps, ["https://n.example/sitemap.xml"]);
  assert.equal(agentToken("Mozilla/5.0 (compatible)"), "Mozilla");
  const garbage = parseRobots("https://n.example/robots.txt", "<html>\u0000\u0001 not robots {{{", "newsclip");
  assert.equal(garbage.allowed("https://n.example/a"), true);
});

test("scheduler: Retry-After forms, exponential back-off, parking", () => {
  assert.equal(retryAfter("3"), 3000);
  assert.equal(retryAfter(new Date(Date.now() + 10_000).toUTCString())! > 8000, true);
  assert.equal(retryAfter("soon"), undefined);
  const s = new Scheduler({ ...POLITENESS, delayMs: 100, backoffMs: 1000, parkAfter: 3 });
  const h = s.host("n.example");
  s.failed(h, 0, "HTTP 500");
  assert.equal(h.nextAt, 1000);
  s.failed(h, 0, "HTTP 500");
  assert.equal(h.nextAt, 2000);
  s.failed(h, 0, "HTTP 500");
  assert.match(h.parked!, /3 failures/);
  const g = s.host("m.example");
  s.failed(g, 0, "HTTP 429", 600_000);
  assert.match(g.parked!, /Retry-After/);
});

test("SSRF guard: without --allow-private a loopback site is refused, and nothing reaches it", async () => {
  const net = await Network.start([{ name: "p", title: "Private Post", sections: ["news"], stories: stories(2, ["news"]), discovery: "links" }]);
  try {
    const results: CrawlResult[] = [];
    for await (const r of crawl([net.sites.p.origin + "/"], { threads: 0, delay: 0 })) results.push(r);
    assert.equal(net.log.length, 0);
    const e = results.find((r) => r.type === "error") as Extract<CrawlResult, { type: "error" }>;
    assert.equal(e.code, "FETCH_BLOCKED");
    assert.ok(results.some((r) => r.type === "parked"));
  } finally {
    await net.close();
  }
});

test("extraction on worker threads (the default outside tests): same articles, JSON lines and dedup keys", async () => {
  const net = await Network.start([{ name: "w", title: "Worker Weekly", robots: "User-agent: *\nSitemap: {origin}/sitemap.xml\n", sections: ["news"], stories: stories(4, ["news"]), discovery: "sitemap" }]);
  try {
    const got: string[] = [];
    for await (const r of crawl([net.sites.w.origin + "/sitemap.xml"], { threads: 1, delay: 0, allowPrivate: true })) if (r.type === "article") got.push(r.article.title ?? "");
    assert.deepEqual(got.sort(), net.sites.w.stories.map((s) => s.title).sort());
  } finally {
    await net.close();
  }
});
