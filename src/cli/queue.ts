/** `newsclip queue add|status|failed|retry` and `newsclip worker`: extraction spread over machines (docs/scale.md). */
import type { Command } from "commander";
import { NewsclipError } from "../errors.ts";

const REDIS_HELP = "Redis URL (default: $NEWSCLIP_REDIS)";
const QUEUE_HELP = "BullMQ queue name (default: $NEWSCLIP_QUEUE or newsclip)";

function redisOf(opts: { redis?: string }): string {
  const url = opts.redis ?? process.env.NEWSCLIP_REDIS;
  if (!url) throw new NewsclipError("BAD_REQUEST", "no Redis: pass --redis redis://HOST:PORT or set NEWSCLIP_REDIS");
  return url;
}

function queueOf(opts: { queue?: string }): string {
  const q = opts.queue ?? process.env.NEWSCLIP_QUEUE ?? "newsclip";
  // BullMQ uses ':' to build its keys.
  if (!/^[\w.-]+$/.test(q)) throw new NewsclipError("BAD_REQUEST", `queue name "${q}": letters, digits, _ . - only`);
  return q;
}

function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new NewsclipError("BAD_REQUEST", `--${name} must be a positive whole number, got "${v}"`);
    return n;
  };
}

export function registerQueue(program: Command): void {
  const queue = program.command("queue").description("the job queue (BullMQ on Redis) that `newsclip worker` processes consume");

  queue
    .command("add")
    .description("enqueue inputs: WARC/WARC.gz and JSONL files (cut into byte ranges), folders of pages, URL lists (.urls or --urls)")
    .argument("<inputs...>", "files and folders every worker can read at the same path")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", QUEUE_HELP)
    .option("--chunk <bytes>", "input bytes a job holds (cut at the next record)", positive("chunk"), 4 * 1024 * 1024)
    .option("--items <n>", "files or URLs a job holds", positive("items"), 50)
    .option("--text", "inputs are scraped page text (.txt files in folders)")
    .option("--urls", "plain-text inputs are lists of URLs, one a line, to fetch and extract")
    .option("--attempts <n>", "tries of a job before it is parked (default: $NEWSCLIP_ATTEMPTS or 5)", positive("attempts"))
    .option("--crawl", "the inputs are crawl seeds (site roots, sections, feeds, sitemaps, or files listing them): the workers crawl them, politely per host across the cluster")
    .option("--delay <seconds>", "crawl: seconds between two requests to one host, at least (robots.txt may ask more)", "1")
    .option("--max-pages <n>", "crawl: pages fetched by all workers together", positive("max-pages"))
    .option("--max-per-host <n>", "crawl: pages fetched per host", positive("max-per-host"))
    .option("--max-depth <n>", "crawl: link hops from a seed", "5")
    .option("--user-agent <ua>", "crawl: sent with every request; its first word is the robots.txt agent")
    .option("--backoff <seconds>", "crawl: a host's pause after an error, doubled at each further one in a row", "2")
    .option("--any-site", "crawl: follow links to any site, not only the seeds'")
    .option("--allow-private", "crawl: allow private and loopback addresses (test sites)")
    .option("--json", "print the result as JSON")
    .action(async (inputs: string[], opts: { redis?: string; queue?: string; chunk: number; items: number; text?: boolean; urls?: boolean; attempts?: number; json?: boolean; crawl?: boolean; delay: string; maxPages?: number; maxPerHost?: number; maxDepth: string; backoff: string; userAgent?: string; anySite?: boolean; allowPrivate?: boolean }) => {
      const name = queueOf(opts);
      if (opts.crawl) {
        const delay = Number(opts.delay);
        const maxDepth = Number(opts.maxDepth);
        const backoff = Number(opts.backoff);
        if (!(backoff >= 0)) throw new NewsclipError("BAD_REQUEST", `--backoff must be a number of seconds, got "${opts.backoff}"`);
        if (!(delay >= 0)) throw new NewsclipError("BAD_REQUEST", `--delay must be a number of seconds, got "${opts.delay}"`);
        if (!(Number.isInteger(maxDepth) && maxDepth >= 0)) throw new NewsclipError("BAD_REQUEST", `--max-depth must be a whole number, got "${opts.maxDepth}"`);
        const { addCrawl } = await import("../queue/crawl.ts");
        const { readSeeds } = await import("./crawl.ts");
        const seeds = readSeeds(inputs);
        if (!seeds.length) throw new NewsclipError("BAD_REQUEST", "no seeds");
        const res = await addCrawl(
          redisOf(opts),
          name,
          seeds,
          { delay, maxDepth, backoffMs: backoff * 1000, maxPages: opts.maxPages, maxPerHost: opts.maxPerHost, userAgent: opts.userAgent, anySite: opts.anySite, allowPrivate: opts.allowPrivate },
          (m) => process.stderr.write(`newsclip queue: ${m}\n`),
        );
        if (opts.json) process.stdout.write(JSON.stringify({ queue: name, crawl: true, ...res }) + "\n");
        else process.stderr.write(`newsclip queue: ${res.queued} of ${res.seeds} seed(s) queued for the crawl in queue "${name}"\n`);
        return;
      }
      const { addJobs } = await import("../queue/add.ts");
      const res = await addJobs(redisOf(opts), name, inputs, { chunkBytes: opts.chunk, chunkItems: opts.items, text: opts.text, urls: opts.urls, attempts: opts.attempts }, (m) =>
        process.stderr.write(`newsclip queue: ${m}\n`),
      );
      if (opts.json) process.stdout.write(JSON.stringify({ queue: name, ...res }) + "\n");
      else process.stderr.write(`newsclip queue: ${res.jobs} jobs from ${res.files} input(s) in queue "${name}"${res.known ? ` (${res.known} already there)` : ""}\n`);
    });

  queue
    .command("status")
    .description("jobs waiting, active, done and parked; records done; live workers and their pages/s")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", QUEUE_HELP)
    .option("--json", "one JSON object")
    .action(async (opts: { redis?: string; queue?: string; json?: boolean }) => {
      const { queueStatus } = await import("../queue/admin.ts");
      const s = await queueStatus(redisOf(opts), queueOf(opts));
      if (opts.json) {
        process.stdout.write(JSON.stringify(s) + "\n");
        return;
      }
      const codes = Object.entries(s.records.byCode).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(", ");
      const lines = [
        `queue ${s.queue} on ${s.redis}`,
        `jobs: waiting ${s.jobs.waiting}, active ${s.jobs.active}, delayed (retrying) ${s.jobs.delayed}, done ${s.jobs.done}, failed (parked) ${s.jobs.failed}`,
        `records: ${s.records.total} (ok ${s.records.ok}, errors ${s.records.errors}${codes ? `: ${codes}` : ""})`,
        `workers: ${s.workers.length}, ${s.pagesPerSecond} pages/s`,
        ...s.workers.map((w) => `  ${w.id}  ${w.pagesPerSecond} pages/s  jobs ${w.jobs}  records ${w.records}  since ${w.started}`),
        ...(s.crawl
          ? [
              `crawl: ${s.crawl.queued} URLs queued on ${s.crawl.hosts} host(s), ${s.crawl.inflight} in flight, ${s.crawl.seen} seen; ${s.crawl.requests} requests, ${s.crawl.fetched} pages, ${s.crawl.listings} listings, ${s.crawl.articles} articles, ${s.crawl.errors} errors${Object.keys(s.crawl.byCode).length ? ` (${Object.entries(s.crawl.byCode).map(([c, n]) => `${c} ${n}`).join(", ")})` : ""}`,
              ...Object.entries(s.crawl.parked).map(([h, why]) => `  parked ${h}: ${why}`),
            ]
          : []),
      ];
      process.stdout.write(lines.join("\n") + "\n");
    });

  queue
    .command("failed")
    .description("the parked jobs (failed after all their attempts), with their error")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", QUEUE_HELP)
    .option("--json", "one JSON object a line")
    .action(async (opts: { redis?: string; queue?: string; json?: boolean }) => {
      const { parkedJobs } = await import("../queue/admin.ts");
      const jobs = await parkedJobs(redisOf(opts), queueOf(opts));
      for (const j of jobs) {
        process.stdout.write(opts.json ? JSON.stringify(j) + "\n" : `${j.job}  ${j.what}\n  after ${j.attempts} attempt(s): ${j.error}\n`);
      }
      if (!opts.json) process.stderr.write(`${jobs.length} parked job(s)\n`);
    });

  queue
    .command("retry")
    .description("put parked jobs back in the queue, with their attempts anew: all of them, or the ids given")
    .argument("[jobs...]", "job ids (from queue failed)")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", QUEUE_HELP)
    .action(async (ids: string[], opts: { redis?: string; queue?: string }) => {
      const { retryJobs } = await import("../queue/admin.ts");
      const n = await retryJobs(redisOf(opts), queueOf(opts), ids);
      process.stderr.write(`newsclip queue: ${n} job(s) back in the queue\n`);
    });

  program
    .command("worker")
    .description("process queue jobs: extract, then write the articles to the archive; logs JSON lines on stdout")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", QUEUE_HELP)
    .option("--store <url>", "archive: postgres://USER:PASS@HOST/DB (default: $NEWSCLIP_STORE); a SQLite file works for one machine")
    .option("-c, --concurrency <n>", "jobs at once in this process (extraction runs on one thread; run a worker a core)", positive("concurrency"), 2)
    .option("--heap-mb <n>", "the extraction thread's heap cap (MB): a page that needs more fails alone with TOO_LARGE", positive("heap-mb"), 512)
    .option("--until-idle", "exit once no job is waiting, delayed or active and the crawl has nothing left")
    .option("--crawl-hosts <n>", "hosts this worker crawls from at once, one request each (0: no crawling)", "8")
    .option("--timeout <seconds>", "per-record time limit", "30")
    .action(async (opts: { redis?: string; queue?: string; store?: string; concurrency: number; heapMb: number; untilIdle?: boolean; timeout: string; crawlHosts: string }) => {
      const crawlHosts = Number(opts.crawlHosts);
      if (!(Number.isInteger(crawlHosts) && crawlHosts >= 0)) throw new NewsclipError("BAD_REQUEST", `--crawl-hosts must be a whole number, got "${opts.crawlHosts}"`);
      const store = opts.store ?? process.env.NEWSCLIP_STORE;
      if (!store) throw new NewsclipError("BAD_REQUEST", "no archive: pass --store postgres://... or set NEWSCLIP_STORE");
      const timeout = Number(opts.timeout);
      if (!(timeout > 0)) throw new NewsclipError("BAD_REQUEST", "--timeout must be a positive number of seconds");
      const { runWorker } = await import("../queue/worker.ts");
      const stop = new AbortController();
      let signals = 0;
      const log = (rec: Record<string, unknown>) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...rec }) + "\n");
      const onSignal = (sig: string) => {
        // The first signal finishes the jobs in hand; a second one quits at once, and their jobs go back to the queue
        // when their locks run out.
        if (++signals > 1) {
          log({ event: "exit", signal: sig, note: "jobs in hand go back to the queue when their locks expire" });
          process.exit(143);
        }
        log({ event: "signal", signal: sig, note: "finishing the jobs in hand" });
        stop.abort();
      };
      process.on("SIGINT", () => onSignal("SIGINT"));
      process.on("SIGTERM", () => onSignal("SIGTERM"));
      await runWorker({ redis: redisOf(opts), store, queue: queueOf(opts), concurrency: opts.concurrency, heapMb: opts.heapMb, untilIdle: opts.untilIdle, timeoutMs: timeout * 1000, crawlHosts, signal: stop.signal, log });
    });
}
