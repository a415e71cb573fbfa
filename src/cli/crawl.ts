/** `newsclip crawl SEEDS...`: a polite, incremental, resumable crawl of news sites into the archive, JSONL and WARC. */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { NewsclipError } from "../errors.ts";
import { Crawler, CRAWL_DEFAULTS, type CrawlResult, type CrawlStats } from "../crawl/index.ts";
import { duration } from "../batch/progress.ts";

interface Opts {
  store?: string;
  warc?: string;
  out?: string;
  state?: string;
  maxPages?: string;
  maxPerHost?: string;
  maxDepth: string;
  delay: string;
  concurrency: string;
  userAgent: string;
  allowPrivate?: boolean;
  anySite?: boolean;
  threads?: string;
  quiet?: boolean;
  json?: boolean;
}

export function registerCrawl(program: Command): void {
  program
    .command("crawl")
    .description("crawl news sites politely: sitemaps, feeds and section pages in, articles out (archive, JSONL, WARC); run again for what is new")
    .argument("<seeds...>", "site roots, section pages, feed or sitemap URLs, or files listing them (one per line)")
    .option("--store <db>", "save articles in this SQLite archive (also keeps the crawl state)")
    .option("--out <file>", "append articles as JSON lines")
    .option("--warc <dir>", "write request/response/revisit records to a new .warc.gz in this folder")
    .option("--state <db>", "the crawl state's SQLite file (default: the --store file, else <out>.crawl.db, else <warc>/crawl-state.db)")
    .option("--max-pages <n>", "pages fetched in this run, all hosts")
    .option("--max-per-host <n>", "pages fetched per host in this run")
    .option("--max-depth <n>", "link hops from a seed", String(CRAWL_DEFAULTS.maxDepth))
    .option("--delay <seconds>", "least time between two requests to one host (robots.txt Crawl-delay may ask more)", String(CRAWL_DEFAULTS.delay))
    .option("--concurrency <n>", "hosts fetched from at once, one connection each", String(CRAWL_DEFAULTS.concurrency))
    .option("--user-agent <ua>", "User-Agent, with a contact URL; its first word is matched in robots.txt", CRAWL_DEFAULTS.userAgent)
    .option("--allow-private", "allow private and loopback addresses (test sites)")
    .option("--any-site", "follow links to other sites too (default: the seeds' sites only)")
    .option("--threads <n>", "extraction threads (0: on the main thread)")
    .option("-q, --quiet", "no progress line, only the summary")
    .option("--json", "one JSON event per line on stdout (articles without their body), summary last")
    .action(async (args: string[], opts: Opts) => {
      const seeds = readSeeds(args);
      if (!seeds.length) throw new NewsclipError("BAD_REQUEST", "no seeds");
      if (!opts.store && !opts.out && !opts.warc && !opts.json) throw new NewsclipError("BAD_REQUEST", "give --store, --out, --warc or --json: where should the articles go?");
      if (opts.warc) mkdirSync(opts.warc, { recursive: true });
      const stop = new AbortController();
      let signals = 0;
      const onSignal = () => {
        if (++signals > 1) process.exit(130);
        process.stderr.write("\nnewsclip crawl: stopping (pages being extracted are finished, requests in flight are redone next time); run the same command again to resume (Ctrl-C again to quit now)\n");
        stop.abort();
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      const crawler = new Crawler(seeds, {
        ...(opts.store ? { store: opts.store } : {}),
        ...(opts.out ? { out: opts.out } : {}),
        ...(opts.warc ? { warc: opts.warc } : {}),
        // A command line crawl is always resumable: with only a WARC folder, the state is kept beside the WARC files.
        ...(opts.state ? { state: opts.state } : !opts.store && !opts.out && opts.warc ? { state: join(opts.warc, "crawl-state.db") } : {}),
        ...(opts.maxPages ? { maxPages: count(opts.maxPages, "--max-pages") } : {}),
        ...(opts.maxPerHost ? { maxPerHost: count(opts.maxPerHost, "--max-per-host") } : {}),
        maxDepth: count(opts.maxDepth, "--max-depth", 0),
        delay: seconds(opts.delay),
        concurrency: count(opts.concurrency, "--concurrency"),
        userAgent: opts.userAgent,
        allowPrivate: opts.allowPrivate === true,
        sameSite: opts.anySite !== true,
        ...(opts.threads !== undefined ? { threads: count(opts.threads, "--threads", 0) } : {}),
        signal: stop.signal,
      });
      const live = new Live(crawler, opts.quiet === true || opts.json === true);
      try {
        const it = crawler.run();
        let r = await it.next();
        while (!r.done) {
          if (opts.json) process.stdout.write(JSON.stringify(event(r.value)) + "\n");
          else live.result(r.value);
          r = await it.next();
        }
        const stats = r.value;
        live.stop();
        if (opts.json) process.stdout.write(JSON.stringify({ type: "summary", ...stats }) + "\n");
        else process.stderr.write(summary(stats));
        if (stats.stopped) process.exitCode = 130;
      } finally {
        live.stop();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

/** A seed that names an existing file is a list of seeds, one per line (# comments). */
export function readSeeds(args: string[]): string[] {
  return args.flatMap((a) => {
    if (!/^https?:\/\//i.test(a) && existsSync(a) && statSync(a).isFile()) {
      return readFileSync(a, "utf8")
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*/, "").trim())
        .filter(Boolean);
    }
    return [a];
  });
}

function count(v: string, name: string, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new NewsclipError("BAD_REQUEST", `${name} must be an integer of at least ${min}`);
  return n;
}

function seconds(v: string): number {
  const n = Number(v);
  if (!(n >= 0)) throw new NewsclipError("BAD_REQUEST", "--delay must be a number of seconds, 0 or more");
  return n;
}

/** An event for machines: articles as their id, URL and headline fields, not the whole body. */
function event(r: CrawlResult): object {
  if (r.type !== "article") return r;
  const a = r.article;
  return { type: "article", url: r.url, title: a.title, published: a.published, canonicalUrl: a.canonicalUrl, wordCount: a.wordCount, ...(r.saved ? { saved: r.saved } : {}) };
}

/** The progress line: a live bar on a terminal, a plain line every 10 s otherwise; errors listed as they come (the first few). */
class Live {
  private bar?: cliProgress.SingleBar;
  private timer?: NodeJS.Timeout;
  private shown = 0;
  private last = 0;

  constructor(
    private crawler: Crawler,
    private quiet: boolean,
  ) {
    if (quiet) return;
    if (process.stderr.isTTY) {
      this.bar = new cliProgress.SingleBar(
        { format: "{fetched} fetched | {queued} queued | {articles} articles | {errors} errors | {rate} pages/s ({hostRate}/host)", stream: process.stderr, fps: 4, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(1, 0, payload(crawler.progress()));
      this.timer = setInterval(() => this.bar?.update(0, payload(crawler.progress())), 250);
      this.timer.unref();
    }
  }

  result(r: CrawlResult): void {
    if (this.quiet) return;
    if ((r.type === "error" || r.type === "parked") && this.shown < 20) {
      this.shown++;
      const line = r.type === "error" ? `error: ${r.url}: ${r.code}: ${r.message}${r.retry ? " (will retry)" : ""}` : `host parked: ${r.host}: ${r.reason}`;
      if (this.bar) process.stderr.write(`\n${line}\n`);
      else process.stderr.write(`newsclip crawl: ${line}\n`);
    }
    if (!this.bar && performance.now() - this.last > 10_000) {
      this.last = performance.now();
      const p = payload(this.crawler.progress());
      process.stderr.write(`newsclip crawl: ${p.fetched} fetched, ${p.queued} queued, ${p.articles} articles, ${p.errors} errors, ${p.rate} pages/s\n`);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.bar) {
      this.bar.update(0, payload(this.crawler.progress()));
      this.bar.stop();
      this.bar = undefined;
    }
  }
}

function payload(s: CrawlStats) {
  const rates = Object.values(s.hostRates);
  const hostRate = rates.length ? (rates.reduce((a, b) => a + b, 0) / rates.length).toFixed(2) : "0";
  return { fetched: s.fetched, queued: s.queued, articles: s.articles, errors: s.errors, rate: s.pagesPerSecond.toFixed(1), hostRate };
}

function counts(c: Record<string, number | string>): string {
  return Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

export function summary(s: CrawlStats): string {
  const out = [
    `newsclip crawl: ${s.stopped ? "stopped" : "done"} in ${duration(s.seconds)} (${s.seconds.toFixed(1)} s)${s.resumed ? ", resumed" : ""}: ${s.fetched} pages fetched (${s.requests} requests), ${s.pagesPerSecond.toFixed(1)} pages/s`,
    `  articles ${s.articles}, unchanged ${s.unchanged}, duplicates ${s.duplicates}, errors ${s.errors}${s.errors ? ` (${counts(s.byCode)})` : ""}, still queued ${s.queued}`,
  ];
  const skipped = Object.entries(s.skipped).sort((a, b) => b[1] - a[1]);
  if (skipped.length) out.push(`  URLs skipped: ${skipped.reduce((a, [, n]) => a + n, 0)} (${skipped.slice(0, 8).map(([k, v]) => `${k} ${v}`).join(", ")}${skipped.length > 8 ? ", ..." : ""})`);
  const parked = Object.entries(s.parked);
  if (parked.length) out.push(`  hosts parked: ${parked.map(([h, why]) => `${h} (${why})`).join("; ")}`);
  if (s.warc) out.push(`  WARC: ${s.warc}`);
  out.push(`  peak RSS ${s.peakRssMb} MB, CPU ${s.cpuMsPerPage.toFixed(1)} ms/page (all threads, start-up included)`);
  if (s.stopped) out.push("  stopped early: run the same command again to resume");
  return out.join("\n") + "\n";
}
