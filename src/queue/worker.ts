/**
 * `newsclip worker`: takes jobs from the BullMQ queue, extracts their records on this process's thread, and writes the
 * articles to the archive in one transaction a job. Run one worker process a core, on as many machines as wanted.
 *
 * Exactly once: a job's records are upserted on their record id (then canonical URL, then content hash), so a job run
 * again (its worker killed, its lock lost, Redis or PostgreSQL restarted before the job was marked done) rewrites the
 * same rows. A job that fails (archive unreachable after the store's own retries, a missing file) is retried by BullMQ
 * with a growing pause; when it comes back it is first split in two (plan.ts), so a record that keeps failing, or
 * keeps killing its worker, ends up alone in a job of its own and is parked in the failed set after its attempts,
 * with its error (`newsclip queue failed`, `newsclip queue retry`). Records that cannot be extracted (not HTML, a
 * time-out...) are data, as in `newsclip batch`: counted by code, the first few named in the job's result.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import { setImmediate as turn } from "node:timers/promises";
import { Queue, Worker, type Job } from "bullmq";
import { ExtractPool } from "../serve/pool.ts";
import { extractText, SiteMemory } from "../text/index.ts";
import { decodeText } from "../cli/extract.ts";
import { NewsclipError, errorRecord } from "../errors.ts";
import { readInputs, readRange, type Item } from "../batch/inputs.ts";
import { fetchPage } from "../fetch/index.ts";
import { connectStore, type Store } from "../store/index.ts";
import type { Article } from "../article.ts";
import { split, type JobData } from "./plan.ts";
import { JOB_DEFAULTS, jobName } from "./add.ts";
import { keys, reachable, redactRedis, redisClient } from "./redis.ts";
import { crawlLoop, type CrawlCounts } from "./crawl.ts";

export interface WorkerOptions {
  redis: string;
  store: string;
  queue: string;
  /** Jobs at once in this process: 2 lets one job's archive write overlap the next job's extraction. */
  concurrency?: number;
  /** Exit once no job is waiting, delayed or active anywhere. */
  untilIdle?: boolean;
  /** Per-record time limit. */
  timeoutMs?: number;
  /** Largest page. */
  maxBytes?: number;
  /**
   * The extraction thread's old-space cap in MB (default 512, as batch's and the server's): a page that needs more
   * stops that thread, not this process, and its record fails alone with TOO_LARGE.
   */
  heapMb?: number;
  /** Hosts this process crawls from at once when the queue holds a crawl (`queue add --crawl`); 0: no crawling. */
  crawlHosts?: number;
  /** Stopping: finish the jobs in hand, take no more. */
  signal?: AbortSignal;
  /** One log record (a JSON line on stdout from the command line). */
  log?: (rec: Record<string, unknown>) => void;
}

/**
 * BullMQ timings. A job's lock is renewed every half lockDuration while its worker lives; a worker killed with its job
 * loses the lock, and the next stalled-job check (every stalledInterval, by any worker) puts the job back. A job may
 * stall this many times before it is failed for good; the second run of a job that stalled splits it first.
 */
export const WORKER_DEFAULTS = {
  concurrency: 2,
  timeoutMs: 30_000,
  maxBytes: 32 * 1024 * 1024,
  lockMs: Number(process.env.NEWSCLIP_LOCK_MS) || 30_000,
  stalledMs: Number(process.env.NEWSCLIP_STALLED_MS) || 30_000,
  maxStalledCount: 5,
  /** Articles a transaction holds: a job's records in a few round trips, without one huge transaction. */
  saveBatch: 50,
  heartbeatMs: 2_000,
  /** Hosts crawled from at once by one worker process (one request each at a time). */
  crawlHosts: 8,
  idlePollMs: 250,
};

export interface JobResult {
  records: number;
  ok: number;
  errors: number;
  skipped: number;
  /** The first few records that could not be extracted, with their error. */
  failed: { id: string; code: string; message: string }[];
  /** Set when the job was split in two instead (its halves are new jobs). */
  split?: string[];
  ms: number;
  /** Of which extracting (reading and decoding included), and writing the archive. */
  extractMs: number;
  saveMs: number;
}

export interface WorkerStats {
  /** Of the crawl (queue add --crawl), when there is one. */
  crawl?: CrawlCounts;
  jobs: number;
  records: number;
  ok: number;
  errors: number;
  seconds: number;
  /** CPU time of the process (ms), in the stop line. */
  cpuMs?: number;
}

export async function runWorker(opts: WorkerOptions): Promise<WorkerStats> {
  const log = opts.log ?? (() => {});
  const id = `${hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;
  const timeoutMs = opts.timeoutMs ?? WORKER_DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? WORKER_DEFAULTS.maxBytes;
  const concurrency = opts.concurrency ?? WORKER_DEFAULTS.concurrency;
  const started = Date.now();
  const stats: WorkerStats = { jobs: 0, records: 0, ok: 0, errors: 0, seconds: 0 };
  /** Records done, by time, for the recent rate in `queue status`. */
  const recent: [number, number][] = [];
  const memory = new SiteMemory();
  // Pages are extracted on a thread of their own with a capped heap, as in batch and the server: a page of a million
  // tiny elements costs one TOO_LARGE record, not the process and the jobs in hand. One thread: a worker a core.
  let pool: ExtractPool | undefined = new ExtractPool({ threads: 1, timeoutMs, maxQueue: Infinity, ...(opts.heapMb ? { workerHeapMb: opts.heapMb } : {}) });
  // A copy of the page moves to the thread: the readers' buffers may be shared or not transferable, and the crawl's
  // archive keeps the fetched bytes.
  const extractPage = async (bytes: Uint8Array, url: string | undefined, contentType: string | undefined): Promise<Article> => (await pool!.run({ html: new Uint8Array(bytes), url, contentType, maxBytes })).article;

  const client = redisClient(opts.redis);
  // BullMQ leaves a connection it was given open when it closes: these two are ours to end.
  const workerClient = redisClient(opts.redis);
  let store: Store | undefined;
  let worker: Worker | undefined;
  let queue: Queue | undefined;
  try {
    await reachable(client, opts.redis);
    store = await connectStore(opts.store);
    queue = new Queue(opts.queue, { connection: client });
    const q = queue;
    const archive = store;

    let lastRedisError = 0;
    const redisError = (err: Error & { code?: string }) => {
      // ioredis retries every 2 s at most; one line per 10 s says the server is gone without flooding the log.
      if (Date.now() - lastRedisError < 10_000) return;
      lastRedisError = Date.now();
      log({ event: "redis-error", worker: id, error: err.code ?? err.message, redis: redactRedis(opts.redis) });
    };
    client.on("error", redisError);

    const processor = async (job: Job<JobData, JobResult>): Promise<JobResult> => {
      const t0 = Date.now();
      // A job back after a failure or a stall is cut in two first: the half holding a bad record fails alone.
      if ((job.attemptsStarted ?? 0) > 1 || job.attemptsMade > 0) {
        const halves = await split(job.data).catch(() => undefined);
        if (halves) {
          const ids = halves.map((_, i) => `${job.id}.${i}`);
          await q.addBulk(halves.map((data, i) => ({ name: jobName(data), data, opts: { ...JOB_DEFAULTS, attempts: job.opts.attempts ?? JOB_DEFAULTS.attempts, jobId: ids[i] } })));
          log({ event: "split", worker: id, job: job.id, into: ids, attempt: job.attemptsStarted });
          return { records: 0, ok: 0, errors: 0, skipped: 0, failed: [], split: ids, ms: Date.now() - t0, extractMs: 0, saveMs: 0 };
        }
      }
      const res: JobResult = { records: 0, ok: 0, errors: 0, skipped: 0, failed: [], ms: 0, extractMs: 0, saveMs: 0 };
      const codes: Record<string, number> = {};
      const batch: { article: Article; options: { id: string } }[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const s0 = performance.now();
        await archive.saveMany(batch.splice(0));
        res.saveMs += performance.now() - s0;
      };
      for await (const item of records(job.data, { maxBytes, text: job.data.kind !== "urls" && job.data.text === true }, () => res.skipped++)) {
        res.records++;
        let article: Article | undefined;
        let error: { code: string; message: string } | undefined;
        const e0 = performance.now();
        if (item.kind === "problem") error = item.error;
        else {
          try {
            const bytes = await item.read();
            // Text mode builds no tree (its cost is bounded by the page's lines): it runs here, where the site memory is.
            article = item.mode === "text" ? extractText(decodeText(Buffer.from(bytes)), { url: item.url, contentType: item.contentType, timeoutMs, memory }) : await extractPage(bytes, item.url, item.contentType);
            if (article.url === undefined && item.url) article = { ...article, url: item.url };
          } catch (err) {
            error = errorRecord(err);
          }
        }
        res.extractMs += performance.now() - e0;
        if (article) {
          res.ok++;
          batch.push({ article, options: { id: item.id } });
          if (batch.length >= WORKER_DEFAULTS.saveBatch) await flush();
        } else if (error) {
          res.errors++;
          codes[error.code] = (codes[error.code] ?? 0) + 1;
          if (res.failed.length < 20) res.failed.push({ id: item.id, ...error });
        }
        // Lets BullMQ renew the job's lock between pages.
        await turn();
      }
      await flush();
      res.ms = Date.now() - t0;
      res.extractMs = Math.round(res.extractMs);
      res.saveMs = Math.round(res.saveMs);
      stats.jobs++;
      stats.records += res.records;
      stats.ok += res.ok;
      stats.errors += res.errors;
      const m = client.multi().hincrby(keys.stats(opts.queue), "records", res.records).hincrby(keys.stats(opts.queue), "ok", res.ok).hincrby(keys.stats(opts.queue), "errors", res.errors);
      for (const [code, n] of Object.entries(codes)) m.hincrby(keys.stats(opts.queue), `code:${code}`, n);
      await m.exec();
      return res;
    };

    worker = new Worker<JobData, JobResult>(opts.queue, processor, {
      connection: workerClient,
      concurrency,
      lockDuration: WORKER_DEFAULTS.lockMs,
      stalledInterval: WORKER_DEFAULTS.stalledMs,
      maxStalledCount: WORKER_DEFAULTS.maxStalledCount,
      autorun: false,
    });
    const w = worker;
    w.on("completed", (job, res) => {
      if (!res.split) log({ event: "job-done", worker: id, job: job.id, records: res.records, ok: res.ok, errors: res.errors, skipped: res.skipped, ms: res.ms, extractMs: res.extractMs, saveMs: res.saveMs });
    });
    w.on("failed", (job, err) => {
      const attempts = job?.opts.attempts ?? 1;
      const parked = job ? job.attemptsMade >= attempts : false;
      log({ event: parked ? "job-parked" : "job-failed", worker: id, job: job?.id, attempt: job?.attemptsMade, of: attempts, error: errorRecord(err) });
    });
    w.on("stalled", (jobId) => log({ event: "job-stalled", worker: id, job: jobId }));
    w.on("error", (err) => redisError(err as Error & { code?: string }));

    const heartbeat = async () => {
      const now = Date.now();
      recent.push([now, stats.records]);
      while (recent.length > 2 && now - recent[0][0] > 30_000) recent.shift();
      // Over the last 30 s: what the worker does now, not its average since it started.
      const [t, n] = recent[0];
      const rate = now - t >= 1000 ? ((stats.records - n) * 1000) / (now - t) : 0;
      const beat = { id, host: hostname(), pid: process.pid, started: new Date(started).toISOString(), seen: new Date(now).toISOString(), concurrency, ...stats, pagesPerSecond: Math.round(rate * 10) / 10 };
      await client.set(keys.worker(opts.queue, id), JSON.stringify(beat), "PX", WORKER_DEFAULTS.heartbeatMs * 5).catch(() => {});
    };
    const beat = setInterval(() => void heartbeat(), WORKER_DEFAULTS.heartbeatMs);
    beat.unref();
    void heartbeat();

    log({ event: "start", worker: id, queue: opts.queue, redis: redactRedis(opts.redis), concurrency, lockMs: WORKER_DEFAULTS.lockMs, stalledMs: WORKER_DEFAULTS.stalledMs });
    const running = w.run();
    // The crawl, beside the jobs: its frontier is in Redis, shared with every worker (crawl.ts).
    const crawlStop = new AbortController();
    const crawlHosts = opts.crawlHosts ?? WORKER_DEFAULTS.crawlHosts;
    const crawling =
      crawlHosts > 0
        ? crawlLoop({ client, queue: opts.queue, store: archive, hosts: crawlHosts, id, signal: crawlStop.signal, untilIdle: opts.untilIdle === true, log, timeoutMs, extract: extractPage }).then((c) => {
            stats.crawl = c;
            return c;
          })
        : Promise.resolve(undefined);
    const onStop = () => crawlStop.abort();
    opts.signal?.addEventListener("abort", onStop, { once: true });
    const stopped = new Promise<string>((resolve) => {
      if (opts.signal?.aborted) resolve("signal");
      opts.signal?.addEventListener("abort", () => resolve("signal"), { once: true });
    });
    // Idle: no job anywhere and the crawl's frontier empty (crawlLoop returns then, in --until-idle).
    const idle = opts.untilIdle ? Promise.all([untilIdle(q), crawling]).then(() => "idle") : new Promise<string>(() => {});
    const why = await Promise.race([stopped, idle, running.then(() => "closed")]);
    log({ event: "stopping", worker: id, reason: why });
    // Finishes the jobs in hand (their records are written and the jobs marked done), takes no more.
    crawlStop.abort();
    await Promise.all([w.close(), crawling]);
    opts.signal?.removeEventListener("abort", onStop);
    clearInterval(beat);
    await client.del(keys.worker(opts.queue, id)).catch(() => {});
    stats.seconds = (Date.now() - started) / 1000;
    // The process's CPU, every thread: what a record costs this worker, whatever else the machine runs.
    const cpu = process.cpuUsage();
    stats.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    log({ event: "stop", worker: id, ...stats });
    return stats;
  } finally {
    await worker?.close().catch(() => {});
    await pool?.close().catch(() => {});
    pool = undefined;
    await queue?.close().catch(() => {});
    await store?.close().catch(() => {});
    client.disconnect();
    workerClient.disconnect();
  }
}

/** Resolves once no job is waiting, delayed or active anywhere (a dead worker's job counts until it is put back). */
async function untilIdle(queue: Queue): Promise<string> {
  let quiet = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, WORKER_DEFAULTS.idlePollMs));
    const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children").catch(() => undefined);
    if (!c) {
      quiet = 0;
      continue;
    }
    const left = Object.values(c).reduce((a, b) => a + b, 0);
    // Twice in a row: a job split in two is done a moment before its halves are counted as waiting.
    quiet = left === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return "idle";
  }
}

/** The records of a job, as the batch readers give them. */
async function* records(job: JobData, opts: { maxBytes: number; text: boolean }, skipped: () => void): AsyncGenerator<Item> {
  const ev = { skipped, warn: () => {}, bytes: () => {} };
  const input = { text: opts.text, maxBytes: opts.maxBytes };
  if (job.kind === "range") {
    await present(job.file);
    yield* readRange(job.file, job, input, ev);
  } else if (job.kind === "files") {
    for (const f of job.files) await present(f);
    yield* readInputs(job.files, input, ev);
  } else {
    for (const url of job.urls) {
      try {
        const page = await fetchPage(url, { maxBytes: opts.maxBytes });
        yield { kind: "record", id: url, url: page.url, contentType: page.contentType, mode: "html", read: async () => page.bytes };
      } catch (err) {
        yield { kind: "problem", id: url, url, error: errorRecord(err) };
      }
    }
  }
}

/** A job's file must be there: missing, it is a failure of the job (retried, then parked), not a record's. */
async function present(file: string): Promise<void> {
  try {
    await fsp.access(file);
  } catch (err) {
    throw new NewsclipError("READ_FAILED", `${file}: ${(err as Error).message}`, { cause: err });
  }
}
