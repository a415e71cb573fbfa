/**
 * The crawler against the loopback news network: discovery, politeness
 * proven from the servers' request log, bad input that does not stop the
 * crawl, WARC out, and an incremental second run.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, createReadStream } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { createGunzip } from "node:zlib";
import { WARCParser } from "warcio";
import { crawl, type CrawlResult, type CrawlStats } from "../src/crawl/index.ts";
import { openStore } from "../src/store/index.ts";
import { Network, articlePage, send, sleep, stories, storyPath, type LogEntry, type Story } from "./fixtures/crawl/network.ts";

const DELAY = 0.1;
const B_DELAY = 0.2;
let net: Network;
let dir: string;
const runs: { results: CrawlResult[]; stats: CrawlStats; log: LogEntry[] }[] = [];

function special(section: string, slug: string, title: string): Story {
  return { section, slug, title, author: "Omar Haddad", date: "2026-03-20T09:00:00Z", tags: ["politics"], version: 1, paragraphs: 7 };
}

const slow = special("politics", "slow-story-about-the-council-vote", "A slow story about the council vote");
const busy = special("business", "busy-server-story-about-the-port", "A busy server story about the port");
let busyHits = 0;

async function run(): Promise<void> {
  const start = net.log.length;
  const results: CrawlResult[] = [];
  const it = crawl([net.sites.a.origin + "/", net.sites.b.origin + "/", net.sites.c.origin + "/"], {
    store: join(dir, "news.db"),
    out: join(dir, "articles.jsonl"),
    warc: join(dir, "warc"),
    allowPrivate: true,
    delay: DELAY,
    concurrency: 3,
    threads: 0,
    backoffMs: 200,
    maxDepth: 4,
    userAgent: "newsclip/0.1 (+https://example.org/newsclip-bot)",
  });
  let r = await it.next();
  while (!r.done) {
    results.push(r.value);
    r = await it.next();
  }
  runs.push({ results, stats: r.value, log: net.log.slice(start) });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "newsclip-crawl-"));
  const a = stories(10, ["news", "sport"], 1);
  const b = stories(8, ["politics", "business"], 5);
  const c = stories(6, ["local", "sport"], 9);
  net = await Network.start([
    {
      name: "a",
      title: "The Millbrook Courier",
      robots: "User-agent: *\nDisallow: /private/\nSitemap: {origin}/sitemap_index.xml\n",
      sections: ["news", "sport"],
      stories: a,
      discovery: "sitemap-index",
      routes: {
        "/private/2026/03/secret-plans-for-the-harbour": (req, res, site) => send(req, res, "text/html", articlePage(site, special("private", "secret-plans-for-the-harbour", "Secret plans"))),
        "/old/harbour-ferry-enters-service": (_req, res) => void res.writeHead(301, { location: storyPath(a[1]) + "?utm_source=redirect" }).end(),
        "/loop/first-page-of-the-loop": (_req, res) => void res.writeHead(302, { location: "/loop/second-page-of-the-loop" }).end(),
        "/loop/second-page-of-the-loop": (_req, res) => void res.writeHead(302, { location: "/loop/first-page-of-the-loop" }).end(),
        "/go/metadata-service-latest-credentials": (_req, res) => void res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
        "/news/2026/03/big-binary-photo-report": (_req, res) => void res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(4096, 7)),
        "/news/2026/03/huge-report-on-everything-ever": (_req, res) => {
          // 30 MB, chunked: the size cap has to stop the read itself.
          res.writeHead(200, { "content-type": "text/html" });
          const chunk = Buffer.alloc(1024 * 1024, "<p>word word word</p>");
          let sent = 0;
          const pump = () => {
            while (sent < 30) {
              sent++;
              if (!res.write(chunk)) return void res.once("drain", pump);
            }
            res.end();
          };
          res.on("error", () => {});
          pump();
        },
      },
    },
    {
      name: "b",
      title: "Harbor Daily",
      robots: "User-agent: newsclip\nCrawl-delay: 0.2\nDisallow: /drafts/\nAllow: /drafts/public-*\n\nUser-agent: *\nDisallow: /\n",
      sections: ["politics", "business"],
      stories: b,
      discovery: "feeds",
      routes: {
        "/drafts/2026/03/unpublished-draft-of-a-story": (req, res, site) => send(req, res, "text/html", articlePage(site, special("drafts", "unpublished-draft-of-a-story", "Draft"))),
        [storyPath(slow)]: async (req, res, site) => {
          await sleep(800);
          send(req, res, "text/html", articlePage(site, slow));
        },
        [storyPath(busy)]: (req, res, site) => {
          if (++busyHits === 1) return void res.writeHead(429, { "retry-after": "1" }).end();
          send(req, res, "text/html", articlePage(site, busy));
        },
        "/business/2026/03/always-failing-story-about-rates": (_req, res) => void res.writeHead(500).end("oops"),
      },
    },
    { name: "c", title: "Valley Post", sections: ["local", "sport"], stories: c, discovery: "links" },
  ]);
  await run();
});

after(async () => {
  await net?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Politeness from one site's log: one request at a time, and the delay between the end of one and the start of the next. */
function assertPolite(log: LogEntry[], site: string, delayS: number): void {
  const reqs = log.filter((e) => e.site === site).sort((x, y) => x.start - y.start);
  assert.ok(reqs.length > 3, `${site}: some requests`);
  for (let i = 1; i < reqs.length; i++) {
    const prev = reqs[i - 1];
    // A response the crawler cut off (the 30 MB page) ends when the crawler hung up, which the server notices later,
    // on a loaded machine even after the next request came: for it, only the start-to-start spacing is checked.
    const gap = reqs[i].start - (prev.cut ? prev.start : prev.end);
    const what = `${site}: ${reqs[i].path} at ${reqs[i].start.toFixed(0)}, ${prev.path} ${prev.start.toFixed(0)}-${prev.end.toFixed(0)} (${prev.status}${prev.cut ? ", cut" : ""})`;
    assert.ok(gap >= 0, `started before the previous ended: ${what}`);
    assert.ok(gap >= delayS * 1000 - 5, `only ${gap.toFixed(0)} ms after the previous: ${what}`);
  }
}

test("politeness: one request at a time per host, never closer than the delay or robots Crawl-delay", () => {
  const { log } = runs[0];
  assertPolite(log, "a", DELAY);
  assertPolite(log, "b", B_DELAY);
  assertPolite(log, "c", DELAY);
  for (const e of log) assert.match(e.ua, /^newsclip\/0\.1 \(\+https:\/\/example\.org/);
});

test("robots.txt: disallowed paths are never fetched, our own group is used, robots.txt read once per host", () => {
  const { log, results } = runs[0];
  assert.ok(!log.some((e) => e.path.startsWith("/private/")), "a: /private/ fetched");
  assert.ok(!log.some((e) => e.path.startsWith("/drafts/")), "b: /drafts/ fetched");
  assert.ok(log.some((e) => e.site === "b" && /^\/politics\/2026\//.test(e.path)), "b: our group allows articles");
  for (const s of ["a", "b", "c"]) assert.equal(log.filter((e) => e.site === s && e.path === "/robots.txt").length, 1);
  assert.ok(results.some((r) => r.type === "skipped" && r.reason === "disallowed by robots.txt" && r.url.includes("/private/")));
});

test("nothing fetched twice within a run, except a retry after a 429 or 5xx", () => {
  const { log } = runs[0];
  const seen = new Map<string, LogEntry[]>();
  for (const e of log) seen.set(e.site + e.path, [...(seen.get(e.site + e.path) ?? []), e]);
  for (const [k, es] of seen) if (es.length > 1) assert.ok(es.slice(0, -1).every((e) => e.status === 429 || e.status >= 500), `${k} fetched ${es.length} times`);
});

test("discovery: every story of every site is extracted once, from sitemaps, feeds and sections", async () => {
  const { results, stats } = runs[0];
  const lines = readFileSync(join(dir, "articles.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; title: string });
  const ids = lines.map((l) => l.id);
  assert.equal(new Set(ids).size, ids.length, "an article written twice");
  for (const s of ["a", "b", "c"]) for (const st of net.sites[s].stories) assert.ok(ids.includes(net.sites[s].origin + storyPath(st)), `${s}${storyPath(st)} missing`);
  const b = net.sites.b.origin;
  assert.ok(ids.includes(b + storyPath(slow)) && ids.includes(b + storyPath(busy)), "the slow and the 429 story are there");
  const store = await openStore(join(dir, "news.db"));
  assert.equal(await store.count(), lines.length);
  await store.close();
  assert.equal(stats.articles, lines.length);
  assert.equal(results.filter((r) => r.type === "article").length, lines.length);
  // a's sitemaps: the index, the news sitemap (BOM), the gzipped one; b's Atom feed.
  const listed = results.filter((r) => r.type === "listing").map((r) => (r as { url: string }).url);
  for (const p of ["/sitemap_index.xml", "/sitemaps/news.xml", "/sitemaps/archive.xml.gz"]) assert.ok(listed.includes(net.sites.a.origin + p), p);
  assert.ok(listed.includes(net.sites.b.origin + "/atom.xml"));
});

test("traps and furniture: tags, authors, search, login, calendars are never fetched", () => {
  const { log } = runs[0];
  for (const e of log) assert.doesNotMatch(e.path, /^\/(tag|author|search|login|calendar|about|privacy)\b/, `${e.site}${e.path} fetched`);
});

test("bad input is logged with a reason and the crawl goes on", () => {
  const { results, log } = runs[0];
  const errors = results.filter((r): r is Extract<CrawlResult, { type: "error" }> => r.type === "error");
  const err = (path: string) => errors.filter((e) => e.url.endsWith(path));
  assert.equal(err("/sitemaps/truncated.xml")[0]?.code, "PARSE_FAILED");
  assert.equal(err("/rss.xml")[0]?.code, "PARSE_FAILED");
  assert.equal(err("/big-binary-photo-report")[0]?.code, "NOT_HTML");
  assert.equal(err("/huge-report-on-everything-ever")[0]?.code, "TOO_LARGE");
  const failing = err("/always-failing-story-about-rates");
  assert.equal(failing.length, 3, "tried three times");
  assert.deepEqual(failing.map((e) => e.retry), [true, true, false]);
  // Back-off from the log: after k failures of b in a row (5xx or 429) the next request waits at least
  // 200 ms x 2^(k-1) (backoffMs 200), and at least Retry-After (1 s) after a 429; a success resets k.
  const b = log.filter((e) => e.site === "b").sort((x, y) => x.start - y.start);
  let k = 0;
  let checked = 0;
  for (let i = 0; i < b.length; i++) {
    const failed = b[i].status >= 500 || b[i].status === 429;
    k = failed ? k + 1 : 0;
    if (!failed || !b[i + 1]) continue;
    const want = Math.max(B_DELAY * 1000, 200 * 2 ** (k - 1), b[i].status === 429 ? 1000 : 0);
    const gap = b[i + 1].start - b[i].end;
    assert.ok(gap >= want - 5, `after ${k} failures in a row (${b[i].path}, ${b[i].status}) b waited ${gap.toFixed(0)} ms, not ${want}`);
    checked++;
  }
  assert.ok(checked >= 3, "the 429 and the failing story were followed by more requests");
  assert.ok(b.some((e) => e.status === 429), "the 429 was served");
  // The redirect loop ends; the redirect to a metadata address is refused as out of scope.
  assert.ok(log.filter((e) => e.path.startsWith("/loop/")).length <= 2);
  assert.ok(results.some((r) => r.type === "skipped" && r.url.startsWith("http://169.254.169.254/") && r.reason === "out of scope"));
  // A redirect to an article with a tracking parameter lands on the article already fetched: not fetched again.
  assert.ok(results.some((r) => r.type === "redirect" && r.url.endsWith("/old/harbour-ferry-enters-service")));
});

test("WARC: a request and a response record per fetch, readable by warcio", async () => {
  const files = readdirSync(join(dir, "warc"));
  assert.equal(files.length, 1);
  const types: Record<string, number> = {};
  const html: string[] = [];
  for await (const rec of new WARCParser(createReadStream(join(dir, "warc", files[0])).pipe(createGunzip()) as unknown as AsyncIterable<Uint8Array>)) {
    types[rec.warcType ?? "?"] = (types[rec.warcType ?? "?"] ?? 0) + 1;
    if (rec.warcType === "response" && /html/.test(rec.httpHeaders?.headers.get("content-type") ?? "")) html.push(rec.warcTargetURI ?? "");
    await rec.readFully();
  }
  assert.equal(types.warcinfo, 1);
  assert.equal(types.request, types.response + (types.revisit ?? 0));
  assert.ok(html.length >= runs[0].stats.articles);
});

test("second run: only new and changed articles are fetched; listings come back 304", async () => {
  const a = net.sites.a;
  a.stories[0].version = 2;
  a.stories[0].modified = new Date().toISOString();
  a.stories.unshift({ ...a.stories[3], slug: "new-bridge-opens-to-traffic-today", title: "New bridge opens to traffic today", version: 1, date: "2026-03-29T07:00:00Z" });
  const b = net.sites.b;
  b.stories.unshift({ ...b.stories[2], slug: "port-strike-called-off-after-talks", title: "Port strike called off after talks", version: 1, date: "2026-03-29T06:00:00Z" });
  await run();
  const { log, results } = runs[1];
  assertPolite(log, "a", DELAY);
  assertPolite(log, "b", B_DELAY);
  const articles = log.filter((e) => /^\/[a-z]+\/2026\/\d\d\/[a-z-]+$/.test(e.path) && !e.path.includes("always-failing") && e.status !== 404);
  const paths = articles.map((e) => e.path).sort();
  assert.deepEqual(paths, [storyPath(a.stories[1]), storyPath(a.stories[0]), storyPath(b.stories[0])].sort(), "only the changed and the new articles");
  const unchanged = log.filter((e) => e.status === 304);
  assert.ok(unchanged.length >= 5, "listings answered 304");
  const got = results.filter((r): r is Extract<CrawlResult, { type: "article" }> => r.type === "article");
  assert.equal(got.length, 3);
  const corrected = got.find((r) => r.url.endsWith(storyPath(a.stories[1])));
  assert.ok(corrected?.saved && !corrected.saved.created, "the changed article updates its record");
  assert.match(corrected!.article.text, /Correction \(version 2\)/);
  const store = await openStore(join(dir, "news.db"));
  assert.equal(await store.count(), runs[0].stats.articles + 2);
  await store.close();
  const lines = readFileSync(join(dir, "articles.jsonl"), "utf8").trim().split("\n");
  assert.equal(lines.length, runs[0].stats.articles + 2, "JSONL: new articles appended, the changed one not repeated");
  const warcs = readdirSync(join(dir, "warc"));
  assert.equal(warcs.length, 2);
  let revisits = 0;
  const second = warcs.sort()[1];
  for await (const rec of new WARCParser(createReadStream(join(dir, "warc", second)).pipe(createGunzip()) as unknown as AsyncIterable<Uint8Array>)) {
    if (rec.warcType === "revisit") revisits++;
    await rec.readFully();
  }
  assert.ok(revisits >= 5, `revisit records: ${revisits}`);
});
