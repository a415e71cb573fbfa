/**
 * `crawl(seeds, options)`: news sites in, articles out, as an async iterator
 * of results. Discovery (robots.txt sitemaps, then feeds, then links of the
 * root and section pages), politeness (scheduler.ts), the persistent frontier
 * (frontier.ts) and the outputs (archive, JSONL, WARC) meet here.
 *
 * ```ts
 * for await (const r of crawl(["https://example.com/"], { store: "news.db" })) {
 *   if (r.type === "article") console.log(r.article.title);
 * }
 * ```
 */
import { existsSync, statSync } from "node:fs";
import { cpuUsage, memoryUsage } from "node:process";
import type { Article } from "../article.ts";
import { NewsclipError, ERROR_CODES, errorRecord, type ErrorCode } from "../errors.ts";
import { extract } from "../index.ts";
import { fetchPage, FETCH_DEFAULTS, type Fetched } from "../fetch/index.ts";
import type { Store } from "../store/index.ts";
import { JsonlSink } from "../batch/output.ts";
import { jsonLine } from "../batch/worker.ts";
import { classify, hostOf, normalise, siteKey, type Kind, type LinkContext } from "./urls.ts";
import { parseRobots, ALLOW_ALL, type Robots } from "./robots.ts";
import { discover, type Finds } from "./discover.ts";
import { Frontier, type Row } from "./frontier.ts";
import { Scheduler, POLITENESS, retryAfter, type Host } from "./scheduler.ts";
import { WarcWriter, payloadDigest } from "./warc.ts";
import { digest as digestPage, type Task, type Outcome, type Done } from "./worker.ts";
import type { Piscina } from "piscina";

export { normalise, classify, type Kind, type LinkContext, type Classified } from "./urls.ts";
export { parseListing, type Listing, type Entry } from "./feeds.ts";
export { parseRobots, type Robots } from "./robots.ts";

export interface CrawlOptions {
  /** Save every article in this SQLite archive (a path, or an open Store). */
  store?: string | Store;
  /** Append every article as a JSON line to this file (lines already there are not written again). */
  out?: string;
  /** Write request/response/revisit records to a new .warc.gz in this folder. */
  warc?: string;
  /** The frontier's SQLite file. Default: the archive's file (when it is a SQLite file); else `<out>.crawl.db`; else `newsclip-crawl.db` with an archive, in memory without (nothing to resume). */
  state?: string;
  /** Pages fetched in this run, all hosts (robots.txt not counted). Default: no limit. */
  maxPages?: number;
  /** Pages fetched per host in this run. Default: no limit. */
  maxPerHost?: number;
  /** Link hops from a seed (sitemap and feed entries add none). Default 5. */
  maxDepth?: number;
  /** Seconds between two requests to one host, at least (robots.txt may ask more). Default 1. */
  delay?: number;
  /** Hosts fetched from at once (one connection each). Default 8. */
  concurrency?: number;
  /** Sent with every request; its first word is the robots.txt agent. Give a contact URL. */
  userAgent?: string;
  /** Allow private and loopback addresses (test sites); off by default (SSRF guard). */
  allowPrivate?: boolean;
  /** Follow only the seeds' sites (host without www., and port). Default true. */
  sameSite?: boolean;
  /** Extraction threads; 0 extracts on the calling thread. Default: up to 4, by cores. */
  threads?: number;
  /** Time for one fetch (ms). Default 15000. */
  timeoutMs?: number;
  /** Largest page (bytes). Default 8 MiB; sitemaps may be 50 MiB. */
  maxBytes?: number;
  /** Tries of a URL that fails in a way that may pass (5xx, 429, timeout). Default 3. */
  maxTries?: number;
  /** First back-off after an error (ms, doubled each time). Default 2000. */
  backoffMs?: number;
  /** Consecutive failures that park a host for the run. Default 5. */
  parkAfter?: number;
  signal?: AbortSignal;
}

export type CrawlResult =
  | { type: "article"; url: string; article: Article; saved?: { id: number; created: boolean } }
  | { type: "listing"; url: string; kind: Kind; status: number; queued: number }
  | { type: "unchanged"; url: string; kind: Kind }
  | { type: "duplicate"; url: string; of: string }
  | { type: "redirect"; url: string; to: string; queued: boolean }
  | { type: "skipped"; url: string; reason: string }
  | { type: "error"; url: string; kind: Kind | "robots"; code: string; message: string; retry: boolean }
  | { type: "robots"; url: string; status: number; note?: string; delay?: number; sitemaps: number }
  | { type: "parked"; host: string; reason: string };

export interface CrawlStats {
  seconds: number;
  /** Requests made (robots.txt included). */
  requests: number;
  /** Pages fetched (robots.txt not included). */
  fetched: number;
  articles: number;
  unchanged: number;
  duplicates: number;
  errors: number;
  byCode: Record<string, number>;
  /** URLs not queued or not fetched, by reason. */
  skipped: Record<string, number>;
  queued: number;
  pagesPerSecond: number;
  /** Pages per second per host, for hosts fetched from. */
  hostRates: Record<string, number>;
  parked: Record<string, string>;
  cpuMsPerPage: number;
  peakRssMb: number;
  resumed: boolean;
  /** True when stopped by the signal: the same crawl started again resumes. */
  stopped: boolean;
  warc?: string;
}

export const CRAWL_DEFAULTS = {
  maxDepth: 5,
  delay: 1,
  concurrency: 8,
  maxTries: 3,
  maxBytes: 8 * 1024 * 1024,
  userAgent: "newsclip/0.1 (+https://www.npmjs.com/package/newsclip)",
};

/** Listings first, in discovery order: sitemaps, then feeds, then the seeds, then articles, then sections. */
const PRIO: Record<Kind, number> = { sitemap: 0, feed: 1, article: 3, section: 4, other: 9 };
const SEED_PRIO = 2;
/** Redirects followed, one request each (each waits its turn like any request). */
const MAX_HOPS = 5;
/** Sitemap entries may be 50 MB uncompressed (the protocol's limit). */
const LISTING_MAX_BYTES = 50 * 1024 * 1024;
/** XML listings may come as gzip or plain octets: only media is refused unread. */
const MEDIA = /^(image|audio|video|font)\//i;
const HTML = /html|xml/i;

/** Crawls from the seeds (site roots, sections, feeds, sitemaps); yields each result as it comes, returns the stats. */
export function crawl(seeds: string[], options: CrawlOptions = {}): AsyncGenerator<CrawlResult, CrawlStats> {
  return new Crawler(seeds, options).run();
}

/**
 * One request of a crawl, as both crawlers make it (this one and the queue's, ../queue/crawl.ts): redirects are not
 * followed (the target is queued and waits its turn) except for robots.txt; listings may be larger, and only media is
 * refused unread for them.
 */
export function crawlFetch(
  url: string,
  kind: Kind | "robots",
  o: { userAgent: string; allowPrivate?: boolean; timeoutMs?: number; maxBytes?: number; headers?: Record<string, string>; signal?: AbortSignal },
): Promise<Fetched> {
  const listing = kind === "sitemap" || kind === "feed" || kind === "robots";
  const maxBytes = o.maxBytes ?? CRAWL_DEFAULTS.maxBytes;
  return fetchPage(url, {
    userAgent: o.userAgent,
    allowPrivate: o.allowPrivate === true,
    timeoutMs: o.timeoutMs ?? FETCH_DEFAULTS.timeoutMs,
    maxBytes: listing ? Math.max(LISTING_MAX_BYTES, maxBytes) : maxBytes,
    followRedirects: kind === "robots",
    anyStatus: true,
    headers: o.headers ?? {},
    ...(listing ? { refuse: MEDIA } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}

export class Crawler {
  private o: Required<Pick<CrawlOptions, "maxDepth" | "concurrency" | "maxTries" | "maxBytes" | "userAgent">> & CrawlOptions;
  private frontier!: Frontier;
  private store?: Store;
  private ownStore = false;
  private sink?: JsonlSink;
  private warc?: WarcWriter;
  private pool?: Piscina<Task, Outcome>;
  private sched: Scheduler;
  private threads = 0;
  private sites = new Set<string>();
  /** Hosts given as a site root: probed for feeds at common paths when the root links none. */
  private roots = new Set<string>();
  private hostsWithFeeds = new Set<string>();
  private out: CrawlResult[] = [];
  private wake?: () => void;
  private pending = new Set<Promise<void>>();
  private started = performance.now();
  private cpu0 = cpuUsage();
  private peakRss = 0;
  private rssAt = 0;
  private fetchedTotal = 0;
  private s = { requests: 0, articles: 0, unchanged: 0, duplicates: 0, errors: 0, byCode: {} as Record<string, number>, skipped: {} as Record<string, number> };
  private skippedOnce = new Set<string>();
  private schemes = new Map<string, string>();
  /** An event came while no one was waiting: the next wait returns at once. */
  private dirty = false;

  constructor(
    private seeds: string[],
    options: CrawlOptions,
  ) {
    this.o = { ...CRAWL_DEFAULTS, ...strip(options) };
    const delayMs = (options.delay ?? CRAWL_DEFAULTS.delay) * 1000;
    this.sched = new Scheduler({ ...POLITENESS, delayMs, backoffMs: options.backoffMs ?? POLITENESS.backoffMs, parkAfter: options.parkAfter ?? POLITENESS.parkAfter });
  }

  private async open(): Promise<void> {
    const o = this.o;
    if (typeof o.store === "string") {
      // Awaited: an archive that is not a local file may open asynchronously.
      this.store = await (await import("../store/index.ts")).openStore(o.store);
      this.ownStore = true;
    } else this.store = o.store;
    // The crawl state goes in the archive's file when the archive is a SQLite file, not a server URL.
    const local = typeof o.store === "string" && !/^[a-z][a-z0-9+.-]*:\/\//i.test(o.store) ? o.store : undefined;
    const state = o.state ?? local ?? (o.out ? `${o.out}.crawl.db` : o.store ? "newsclip-crawl.db" : ":memory:");
    this.frontier = new Frontier(state);
    if (o.out) {
      if (existsSync(o.out) && statSync(o.out).isDirectory()) throw new NewsclipError("BAD_REQUEST", `--out ${o.out} is a folder: give a .jsonl file`);
      // Always "resume": a crawl appends, and ids already written are not written again.
      this.sink = await JsonlSink.open(o.out, true);
    }
    if (o.warc) this.warc = new WarcWriter(o.warc, o.userAgent);
    const threads = o.threads ?? Math.min(4, (await import("node:os")).availableParallelism());
    if (threads > 0) {
      const { Piscina } = await import("piscina");
      const { WORKER_LIMITS } = await import("../serve/pool.ts");
      this.pool = new Piscina<Task, Outcome>({
        filename: new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url).href,
        minThreads: threads,
        maxThreads: threads,
        // Two pages per worker: the next one is there when a result leaves, so no worker waits on the main thread.
        concurrentTasksPerWorker: 2,
        idleTimeout: 60_000,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_LIMITS.heapMb, maxYoungGenerationSizeMb: WORKER_LIMITS.youngMb },
      });
      this.pool.on("error", (err: unknown) => this.emit({ type: "error", url: "", kind: "other", code: "INTERNAL", message: `extraction worker failed: ${(err as Error)?.message ?? String(err)}`, retry: false }));
      this.threads = threads;
    }
  }

  /** The crawl, once; everything it opened is closed when it ends or the caller stops iterating. */
  async *run(): AsyncGenerator<CrawlResult, CrawlStats> {
    try {
      return yield* this.loop();
    } finally {
      await this.close();
    }
  }

  private async *loop(): AsyncGenerator<CrawlResult, CrawlStats> {
    await this.open();
    const seeds = this.seeds.map((s) => ({ raw: s, url: normalise(s) }));
    for (const s of seeds) if (!s.url) yield { type: "skipped", url: s.raw, reason: "not an http(s) URL" };
    const urls = seeds.flatMap((s) => (s.url ? [s.url] : []));
    for (const u of urls) this.sites.add(siteKey(u));
    this.frontier.begin(urls);
    for (const [host, n] of this.frontier.queuedByHost()) this.sched.host(host).queued = n;
    for (const [host, n] of this.frontier.visitedByHost()) {
      this.sched.host(host).fetched = n;
      this.fetchedTotal += n;
    }
    for (const u of urls) {
      const c = classify(u);
      const kind: Kind = c.kind === "feed" || c.kind === "sitemap" || c.kind === "article" ? c.kind : "section";
      if (new URL(u).pathname === "/") this.roots.add(hostOf(u));
      this.queue(u, kind, 0, { prio: kind === "section" ? SEED_PRIO : PRIO[kind] });
    }
    const maxPages = this.o.maxPages ?? Infinity;
    const maxPerHost = this.o.maxPerHost ?? Infinity;
    // Enough pages waiting to keep every extraction thread busy, few enough to bound memory.
    const extractLimit = Math.max(4, this.threads * 8);
    const active = new Set<Promise<void>>();
    for (;;) {
      const stopped = this.o.signal?.aborted === true;
      const now = performance.now();
      this.dirty = false;
      while (!stopped && active.size < this.o.concurrency && this.fetchedTotal < maxPages && this.pending.size < extractLimit) {
        const h = this.sched.pick(now, maxPerHost);
        if (!h) break;
        h.busy = true;
        const p: Promise<void> = this.visit(h)
          .catch((err) => this.emit({ type: "error", url: h.name, kind: "other", ...errorRecord(err), retry: false }))
          .finally(() => {
            h.busy = false;
            active.delete(p);
            this.notify();
          });
        active.add(p);
      }
      yield* this.drain();
      if (active.size === 0 && this.pending.size === 0) {
        if (stopped || this.fetchedTotal >= maxPages) break;
        const at = this.sched.nextWake(maxPerHost);
        if (at === undefined) break;
        await this.sleep(at - performance.now());
        continue;
      }
      const at = stopped ? undefined : this.sched.nextWake(maxPerHost);
      await this.sleep(at === undefined ? 60_000 : at - performance.now());
    }
    yield* this.drain();
    const stopped = this.o.signal?.aborted === true;
    if (!stopped) this.frontier.finish();
    return this.stats(stopped);
  }

  /** Waits for an event or until `ms` passed. */
  private sleep(ms: number): Promise<void> {
    if (this.dirty || this.out.length) return Promise.resolve();
    const signal = this.o.signal;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        signal?.removeEventListener("abort", done);
        this.wake = undefined;
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener("abort", done, { once: true });
      this.wake = done;
    });
  }

  private notify(): void {
    if (this.wake) this.wake();
    else this.dirty = true;
  }

  private emit(r: CrawlResult): void {
    if (r.type === "error") {
      this.s.errors++;
      this.s.byCode[r.code] = (this.s.byCode[r.code] ?? 0) + 1;
    }
    this.out.push(r);
    this.notify();
  }

  private *drain(): Generator<CrawlResult> {
    while (this.out.length) yield this.out.shift()!;
    // Reading RSS costs a system call and a file read: a few times a second is enough for a peak.
    const now = performance.now();
    if (now - this.rssAt > 250) {
      this.rssAt = now;
      const rss = memoryUsage.rss();
      if (rss > this.peakRss) this.peakRss = rss;
    }
  }

  private skip(url: string, reason: string, event = false): void {
    this.s.skipped[reason] = (this.s.skipped[reason] ?? 0) + 1;
    if (event && !this.skippedOnce.has(url + reason)) {
      this.skippedOnce.add(url + reason);
      this.emit({ type: "skipped", url, reason });
    }
  }

  /** Scope, depth and seen-set checks, then into the frontier. */
  private queue(url: string, kind: Kind, depth: number, x: { prio?: number; hint?: string; via?: string; hops?: number } = {}): boolean {
    if (this.o.sameSite !== false && !this.sites.has(siteKey(url))) {
      this.skip(url, "out of scope", x.hops !== undefined);
      return false;
    }
    if (depth > this.o.maxDepth) {
      this.skip(url, "deeper than --max-depth");
      return false;
    }
    const host = hostOf(url);
    // robots.txt is read on the scheme the host was first met on.
    if (!this.schemes.has(host)) this.schemes.set(host, new URL(url).protocol);
    const ok = this.frontier.offer({ url, host, kind, depth, prio: x.prio ?? PRIO[kind], hint: x.hint, via: x.via, hops: x.hops });
    if (ok) this.sched.host(host).queued++;
    return ok;
  }

  private headers(row?: Row): Record<string, string> {
    const h: Record<string, string> = {};
    if (row?.etag) h["if-none-match"] = row.etag;
    if (row?.last_modified) h["if-modified-since"] = row.last_modified;
    return h;
  }

  private async get(url: string, kind: Kind | "robots", row?: Row): Promise<{ f: Fetched; date: Date; sent: Record<string, string> }> {
    const sent = { "user-agent": this.o.userAgent, ...this.headers(row) };
    const date = new Date();
    this.s.requests++;
    const f = await crawlFetch(url, kind, { ...this.o, allowPrivate: this.o.allowPrivate === true, headers: this.headers(row) });
    return { f, date, sent };
  }

  private async visit(h: Host): Promise<void> {
    if (!h.robots) return this.loadRobots(h);
    const row = this.frontier.next(h.name);
    if (!row) {
      h.queued = 0;
      return;
    }
    h.queued--;
    if (!h.robots.allowed(row.url)) {
      this.frontier.fail(row.url, "robots", "skipped");
      this.skip(row.url, "disallowed by robots.txt", true);
      return;
    }
    h.fetched++;
    this.fetchedTotal++;
    h.firstAt ??= performance.now();
    let got: Awaited<ReturnType<Crawler["get"]>>;
    try {
      got = await this.get(row.url, row.kind, row);
    } catch (err) {
      // Stopped mid-request: the URL stays taken, and the next start fetches it again.
      if (this.o.signal?.aborted) return;
      return this.fetchFailed(h, row, err);
    }
    const { f } = got;
    const status = f.status;
    if (status === 429 || status === 503) return this.fetchFailed(h, row, new NewsclipError("FETCH_FAILED", `HTTP ${status}`), retryAfter(f.headers["retry-after"]));
    if (status >= 500) return this.fetchFailed(h, row, new NewsclipError("FETCH_FAILED", `HTTP ${status}`));
    this.sched.ok(h, performance.now());
    if (status >= 300 && status < 400 && status !== 304) return this.redirect(row, f);
    if (status >= 400) {
      this.frontier.fail(row.url, `HTTP ${status}`, "gone");
      if (row.via === "probe") this.skip(row.url, `probed path answered ${status}`);
      else this.emit({ type: "error", url: row.url, kind: row.kind, code: "FETCH_FAILED", message: `HTTP ${status}`, retry: false });
      return;
    }
    const meta = { etag: f.headers["etag"], lastModified: f.headers["last-modified"] };
    if (status === 304) {
      await this.warc?.write({ url: row.url, request: got.sent, status, headers: f.headers, body: f.bytes, date: got.date }, { profile: "server-not-modified", ...(row.digest ? { digest: row.digest } : {}) });
      if (row.kind === "article") {
        this.frontier.done(row.url, { ...meta, reason: "not modified" });
        this.s.unchanged++;
        this.emit({ type: "unchanged", url: row.url, kind: row.kind });
        return;
      }
      // A listing that did not change still leads to the listings below it, which may have.
      const body = this.frontier.body(row.url);
      this.s.unchanged++;
      this.emit({ type: "unchanged", url: row.url, kind: row.kind });
      if (body) this.discover(row, body, f.headers["content-type"]);
      this.frontier.done(row.url, { ...meta, reason: "not modified" });
      return;
    }
    const digest = payloadDigest(f.bytes);
    const same = row.digest === digest;
    await this.warc?.write(
      { url: row.url, request: got.sent, status, headers: f.headers, body: f.bytes, digest, date: got.date },
      same ? { profile: "identical-payload-digest", digest } : undefined,
    );
    if (row.kind !== "article") {
      const queued = this.discover(row, f.bytes, f.contentType);
      this.frontier.done(row.url, { ...meta, digest, body: f.bytes });
      this.emit({ type: "listing", url: row.url, kind: row.kind, status, queued });
      return;
    }
    if (same) {
      this.frontier.done(row.url, { ...meta, digest, reason: "same bytes" });
      this.s.unchanged++;
      this.emit({ type: "unchanged", url: row.url, kind: row.kind });
      return;
    }
    if (f.contentType && !HTML.test(f.contentType)) {
      this.frontier.fail(row.url, "not html", "gone");
      this.emit({ type: "error", url: row.url, kind: row.kind, code: "NOT_HTML", message: `${f.contentType.split(";")[0]}, not a page`, retry: false });
      return;
    }
    // Extraction runs beside the next fetches; the frontier marks the URL done only once its article is out.
    const p: Promise<void> = this.article(row, f, { ...meta, digest })
      .catch((err) => {
        this.frontier.fail(row.url, errorRecord(err).message, "gone");
        this.emit({ type: "error", url: row.url, kind: "article", ...errorRecord(err), retry: false });
      })
      .finally(() => {
        this.pending.delete(p);
        this.notify();
      });
    this.pending.add(p);
  }

  private async article(row: Row, f: Fetched, meta: { etag?: string; lastModified?: string; digest: string }): Promise<void> {
    const contentType = f.contentType;
    let done: Done;
    if (this.pool) {
      const html = new Uint8Array(f.bytes);
      const out = await this.pool.run({ url: row.url, html, line: !!this.sink, timeoutMs: 20_000, ...(contentType ? { contentType } : {}) }, { transferList: [html.buffer as ArrayBuffer] });
      if (!out.ok) throw new NewsclipError(out.code in ERROR_CODES ? (out.code as ErrorCode) : "INTERNAL", out.message);
      done = out.done;
    } else done = digestPage(row.url, extract(f.bytes, { url: row.url, ...(contentType ? { contentType } : {}) }), !!this.sink);
    const article = done.article;
    const first = this.frontier.duplicateOf(row.url, done.hash, done.canon);
    if (first) {
      this.frontier.done(row.url, { ...meta, reason: `duplicate of ${first}` });
      this.s.duplicates++;
      this.emit({ type: "duplicate", url: row.url, of: first });
      return;
    }
    const saved = this.store ? await this.store.save(article, { id: row.url, html: f.bytes }) : undefined;
    if (this.sink && !this.sink.done.has(row.url)) {
      this.sink.write(done.line ?? jsonLine(row.url, row.url, article));
      this.sink.done.set(row.url, 1);
    }
    this.frontier.done(row.url, meta);
    this.s.articles++;
    this.emit({ type: "article", url: row.url, article, ...(saved ? { saved } : {}) });
  }

  private fetchFailed(h: Host, row: Row, err: unknown, waitMs?: number): void {
    const rec = errorRecord(err);
    const passing = rec.code === "TIMEOUT" || (rec.code === "FETCH_FAILED" && !/redirects/.test(rec.message));
    if (passing) {
      this.sched.failed(h, performance.now(), rec.message, waitMs);
      if (h.parked) this.emit({ type: "parked", host: h.name, reason: h.parked });
    } else this.sched.ok(h, performance.now());
    const retry = passing && row.tries + 1 < this.o.maxTries;
    if (retry) {
      this.frontier.retry(row.url, rec.message);
      h.queued++;
    } else this.frontier.fail(row.url, rec.message, passing ? "failed" : "gone");
    this.emit({ type: "error", url: row.url, kind: row.kind, ...rec, retry });
  }

  /** A redirect is not followed at once: its target is queued, and fetched in its turn like any URL. */
  private redirect(row: Row, f: Fetched): void {
    const to = normalise(f.headers["location"] ?? "", row.url);
    this.frontier.done(row.url, { reason: `redirect to ${to}` });
    if (!to) return this.skip(row.url, "redirect to a URL that cannot be crawled", true);
    if (row.hops + 1 > MAX_HOPS) {
      this.emit({ type: "error", url: row.url, kind: row.kind, code: "FETCH_FAILED", message: `more than ${MAX_HOPS} redirects`, retry: false });
      return;
    }
    const queued = this.queue(to, row.kind === "article" || classify(to).kind === "other" ? row.kind : classify(to).kind, row.depth, { prio: row.prio, via: row.url, hops: row.hops + 1 });
    this.emit({ type: "redirect", url: row.url, to, queued });
  }

  private async loadRobots(h: Host): Promise<void> {
    const url = `${this.schemes.get(h.name) ?? "https:"}//${h.name}/robots.txt`;
    let robots: Robots;
    try {
      const { f } = await this.get(url, "robots");
      if (f.status >= 200 && f.status < 300) robots = parseRobots(url, Buffer.from(f.bytes).toString("utf8"), this.o.userAgent);
      else if (f.status >= 400 && f.status < 500) robots = { ...ALLOW_ALL, note: `robots.txt answered ${f.status}: no rules` };
      else throw new NewsclipError("FETCH_FAILED", `robots.txt answered ${f.status}`);
      this.emit({ type: "robots", url, status: f.status, ...(robots.note ? { note: robots.note } : {}), ...(robots.delay !== undefined ? { delay: robots.delay } : {}), sitemaps: robots.sitemaps.length });
    } catch (err) {
      // RFC 9309: an unreachable robots.txt means nothing may be fetched; the host's URLs wait for the next run.
      const rec = errorRecord(err);
      this.emit({ type: "error", url, kind: "robots", ...rec, retry: false });
      h.parked = `robots.txt unreachable: ${rec.message}`;
      this.emit({ type: "parked", host: h.name, reason: h.parked });
      return;
    }
    this.sched.robots(h, robots);
    this.sched.ok(h, performance.now());
    const origin = new URL(url).origin;
    let listed = 0;
    for (const s of robots.sitemaps) {
      const u = normalise(s, origin);
      if (u && this.queue(u, "sitemap", 0, { via: url })) listed++;
    }
    if (!robots.sitemaps.length && this.roots.has(h.name)) this.queue(`${origin}/sitemap.xml`, "sitemap", 0, { via: "probe" });
    void listed;
  }

  /** New URLs from a listing's body (discover.ts). Returns how many were queued. */
  private discover(row: Row, bytes: Uint8Array, contentType?: string): number {
    return discover(row, bytes, contentType, this.finds);
  }

  /** What discovery reports back to this crawl. */
  private finds: Finds = {
    queue: (url, kind, depth, x) => this.queue(url, kind, depth, x),
    skip: (url, reason, event) => this.skip(url, reason, event),
    emit: (r) => this.emit(r),
    feedHosts: this.hostsWithFeeds,
  };

  stats(stopped: boolean): CrawlStats {
    const seconds = (performance.now() - this.started) / 1000;
    const cpu = cpuUsage(this.cpu0);
    const now = performance.now();
    const hostRates: Record<string, number> = {};
    const parked: Record<string, string> = {};
    let queued = 0;
    for (const h of this.sched.hosts.values()) {
      queued += h.queued;
      if (h.parked) parked[h.name] = h.parked;
      if (h.firstAt !== undefined && h.fetched) hostRates[h.name] = +(h.fetched / Math.max(0.001, (now - h.firstAt) / 1000)).toFixed(2);
    }
    const fetched = this.fetchedTotal;
    return {
      seconds,
      requests: this.s.requests,
      fetched,
      articles: this.s.articles,
      unchanged: this.s.unchanged,
      duplicates: this.s.duplicates,
      errors: this.s.errors,
      byCode: this.s.byCode,
      skipped: this.s.skipped,
      queued,
      pagesPerSecond: seconds > 0 ? fetched / seconds : 0,
      hostRates,
      parked,
      // The whole process (cpuUsage counts every thread): fetching, extraction, writing.
      cpuMsPerPage: fetched ? (cpu.user + cpu.system) / 1000 / fetched : 0,
      peakRssMb: Math.round(Math.max(this.peakRss, memoryUsage.rss()) / (1024 * 1024)),
      resumed: this.frontier?.resumed ?? false,
      stopped,
      ...(this.warc ? { warc: this.warc.path } : {}),
    };
  }

  /** The live numbers, for a progress line. */
  progress(): CrawlStats {
    return this.stats(false);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.pool?.destroy();
    this.warc?.close();
    this.sink?.close();
    this.frontier?.close();
    if (this.ownStore) await this.store?.close();
  }
}

function strip<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
