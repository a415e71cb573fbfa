/**
 * The batch runner: inputs streamed in order, pages extracted on a worker
 * pool, results written as they finish. In flight at once: two records per
 * worker (one running, one waiting) plus a small read-ahead, so memory does
 * not grow with the input.
 *
 * ```ts
 * import { runBatch } from "newsclip/batch";
 * const stats = await runBatch({ inputs: ["crawl.warc.gz"], out: "articles.jsonl" });
 * ```
 */
import { availableParallelism } from "node:os";
import { format as formatArgs } from "node:util";
import { Piscina } from "piscina";
import type { Article } from "../article.ts";
import { errorRecord, outOfMemory } from "../errors.ts";
import { readInputs, totalBytes, type Item, type RecordItem } from "./inputs.ts";
import { openSink, type ErrorInfo } from "./output.ts";
import type { OutFormat, Result, Task } from "./worker.ts";

export interface BatchOptions {
  inputs: string[];
  /** A .jsonl file, or a folder for md/txt/html. */
  out: string;
  format?: OutFormat;
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** Folders yield .txt files, read as page text (text mode). */
  text?: boolean;
  /** Continue an existing output: records whose id it holds are not redone. */
  resume?: boolean;
  /** Per-record time limit (default 30 s); a page over it is cut off and reported as TIMEOUT. */
  timeoutMs?: number;
  /** Largest page, in bytes (default 32 MiB, as `extract`). */
  maxBytes?: number;
  /** Aborting stops reading input; records in flight are finished and written. */
  signal?: AbortSignal;
  /** Called after every record and warning; cheap, the caller throttles. */
  onProgress?: (stats: BatchStats) => void;
  onWarning?: (message: string) => void;
  /**
   * Called with each extracted article before its output line is written (so a
   * resumed run never skips an article the hook has not seen). This is the hook
   * for an archive (`--store`). A throw (the archive could not take the article,
   * after its own retries) leaves the record out of the output, so `--resume`
   * does it again; it is counted in `errors` and `unsaved`, and reported as a
   * warning.
   */
  onArticle?: (article: Article, source: { id: string; url?: string }) => void | Promise<void>;
  stdin?: NodeJS.ReadableStream;
}

export interface BatchStats {
  /** Records written by this run (articles and errors). */
  records: number;
  ok: number;
  errors: number;
  byCode: Record<string, number>;
  /** Input records not extracted, by reason (request, revisit, not-html...). */
  skipped: Record<string, number>;
  /** Records already in the output (--resume). */
  alreadyDone: number;
  /** Articles the `onArticle` hook refused (not saved in the archive): not written, so a resumed run redoes them. */
  unsaved: number;
  warnings: number;
  /** Input bytes read (compressed size for gzip). */
  bytes: number;
  totalBytes?: number;
  seconds: number;
  pagesPerSecond: number;
  /** True when stopped by the signal before the input ended. */
  stopped: boolean;
  /** Bytes of a partial last line removed on resume. */
  repairedBytes: number;
  peakRssMb: number;
  /** CPU time of the whole process (all threads), user + system. */
  cpuSeconds: number;
  workers: number;
}

export const DEFAULTS = {
  /** Long enough for any real page (the largest take well under a second); short enough not to stall a run. */
  timeoutMs: 30_000,
  maxBytes: 32 * 1024 * 1024,
  /** Loaded records waiting for a worker, per worker: enough to hide input latency. */
  readAhead: 2,
  /**
   * Records handed to each worker at once: one running, one waiting in its message port, so a worker that finishes
   * a page starts the next at once instead of waiting for the main thread to be scheduled (on a machine whose cores
   * are all busy with workers, that wait was a page's worth of time every few dozen pages).
   */
  perWorker: 2,
  /** A record whose worker died before starting it (killed for another record's time limit) is tried again, this often. */
  retries: 2,
  /** A worker's old-space cap: a pathological page kills its worker (an error line), not the machine. Real pages stay far below. */
  workerHeapMb: 512,
  /**
   * A worker's young generation (V8's default is up to 48 MB). A page's DOM lives for the whole page; with a small
   * young generation it is promoted and collected by major GCs. bench:batch, 5,000 records, one worker: 24 MB,
   * 16.0 CPU-ms/page and 84 pages/s; 48 MB, 8.0 and 157; 64 MB, 8.8 and 141 (peak RSS of two workers 301, 323 and
   * 430 MB). Before the language model moved off the heap (metadata/ngrams.ts), 48 MB went over 600 MB.
   */
  workerYoungMb: 48,
  /**
   * A record over its limit stops itself (extract's own deadline) and its worker lives on; the worker is terminated
   * only if the record still runs this much later (a step without deadline checks).
   */
  backstopMs: 1000,
  /** Extra time a task may wait for a worker to start (a replaced worker loads the whole pipeline again). */
  startGraceMs: 60_000,
};

/** A record's time-limit state: `shared` is written by its worker (start time in epoch ms, thread id). */
interface Clock {
  shared: Float64Array;
  queued: number;
  timedOut: boolean;
  give?: () => void;
}

interface Loaded {
  item: RecordItem;
  data: Uint8Array;
}

export async function runBatch(opts: BatchOptions): Promise<BatchStats> {
  const started = performance.now();
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  const format = opts.format ?? "jsonl";
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
  const keep = opts.onArticle !== undefined;
  const stats: BatchStats = {
    records: 0,
    ok: 0,
    errors: 0,
    byCode: {},
    skipped: {},
    alreadyDone: 0,
    unsaved: 0,
    warnings: 0,
    bytes: 0,
    totalBytes: await totalBytes(opts.inputs, opts.text === true).catch(() => undefined),
    seconds: 0,
    pagesPerSecond: 0,
    stopped: false,
    repairedBytes: 0,
    peakRssMb: 0,
    cpuSeconds: 0,
    workers,
  };
  const cpuStart = process.cpuUsage();
  const tick = () => {
    stats.seconds = (performance.now() - started) / 1000;
    stats.pagesPerSecond = stats.seconds > 0 ? stats.records / stats.seconds : 0;
    opts.onProgress?.(stats);
  };
  const warn = (m: string) => {
    stats.warnings++;
    opts.onWarning?.(m);
    tick();
  };

  const sink = await openSink(opts.out, format, opts.resume === true);
  stats.repairedBytes = sink.repaired;
  if (sink.repaired) warn(`cut a partial last line of ${sink.repaired} bytes from the output`);
  const done = sink.done;
  /** True (and counts it) when the output already holds this id. */
  const already = (id: string): boolean => {
    const n = done.get(id);
    if (!n) return false;
    if (n === 1) done.delete(id);
    else done.set(id, n - 1);
    stats.alreadyDone++;
    return true;
  };
  const failed = (id: string, url: string | undefined, error: ErrorInfo) => {
    sink.fail(id, url, error);
    stats.records++;
    stats.errors++;
    bump(stats.byCode, error.code);
    tick();
  };

  const pool = new Piscina({
    ...workerFile(),
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: DEFAULTS.perWorker,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: DEFAULTS.workerHeapMb, maxYoungGenerationSizeMb: DEFAULTS.workerYoungMb },
  });

  let running = 0;
  const ready: Loaded[] = [];
  const inflight = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  opts.signal?.addEventListener("abort", notify, { once: true });

  // Time limits run from when a worker starts the task, not from when it was queued (a replaced worker takes a while
  // to start). No abort signal goes to the pool: Piscina runs an abortable task alone on its worker, which would undo
  // the second record waiting there. A record over its limit has its worker terminated instead; the pool rejects what
  // that worker held and starts a new one.
  const clocks = new Set<Clock>();
  const watch = setInterval(
    () => {
      const now = Date.now();
      for (const c of clocks) {
        const began = c.shared[0];
        if (began ? now - began > timeoutMs + DEFAULTS.backstopMs : now - c.queued > timeoutMs + DEFAULTS.startGraceMs) stop(c);
      }
    },
    Math.max(20, Math.min(500, timeoutMs / 10)),
  );
  watch.unref();
  const stop = (c: Clock) => {
    c.timedOut = true;
    clocks.delete(c);
    if (c.shared[0]) void pool.threads.find((w) => w.threadId === c.shared[1])?.terminate();
    else c.give?.();
  };

  /** One attempt on the pool; a result, or undefined when the worker died before starting the record. */
  const attempt = async (item: RecordItem, data: Uint8Array): Promise<Result | undefined> => {
    const clock = new SharedArrayBuffer(16);
    const task: Task = { id: item.id, url: item.url, contentType: item.contentType, mode: item.mode, data, format, keep, clock, timeoutMs };
    const c: Clock = { shared: new Float64Array(clock), queued: Date.now(), timedOut: false };
    clocks.add(c);
    // A record that never gets a worker (they keep failing to start) is given up on; the pool may still run it later.
    const given = new Promise<undefined>((resolve) => (c.give = () => resolve(undefined)));
    try {
      return (await Promise.race([pool.run(task), given])) ?? { error: { code: "TIMEOUT", message: `no worker started it within ${(timeoutMs + DEFAULTS.startGraceMs) / 1000} s` } };
    } catch (err) {
      if (c.timedOut) return { error: { code: "TIMEOUT", message: `extraction took over ${timeoutMs / 1000} s and was stopped` } };
      if (!c.shared[0]) return undefined;
      if (outOfMemory(err)) return { error: { code: "TOO_LARGE", message: `the page needed more than the ${DEFAULTS.workerHeapMb} MB of memory an extraction may use; its worker was replaced` } };
      return { error: errorRecord(err) };
    } finally {
      clocks.delete(c);
    }
  };

  const runOne = async ({ item, data }: Loaded): Promise<void> => {
    // Shared, not transferred: the bytes stay here for a retry, and the worker copies them once.
    const bytes = shared(data);
    let res: Result | undefined;
    for (let i = 0; i <= DEFAULTS.retries && !res; i++) res = await attempt(item, bytes);
    res ??= { error: { code: "INTERNAL", message: "its worker stopped before starting it, again and again" } };
    if (res.article && opts.onArticle) {
      try {
        await opts.onArticle(res.article, { id: item.id, url: item.url });
      } catch (err) {
        const e = errorRecord(err);
        stats.errors++;
        stats.unsaved++;
        bump(stats.byCode, e.code);
        warn(`${item.id}: not saved (${e.code}: ${e.message}); left out of the output, so --resume does it again`);
        return;
      }
    }
    if (res.error || res.out === undefined) {
      failed(item.id, item.url, res.error ?? { code: "INTERNAL", message: "no output" });
      return;
    }
    sink.ok(item.id, res.url ?? item.url, res.out, res.title);
    stats.records++;
    stats.ok++;
    tick();
  };
  const pump = () => {
    while (running < workers * DEFAULTS.perWorker && ready.length) {
      const job = ready.shift()!;
      running++;
      const p: Promise<void> = runOne(job).finally(() => {
        running--;
        inflight.delete(p);
        pump();
      });
      inflight.add(p);
    }
    notify();
  };

  const events = {
    skipped: (reason: string) => {
      bump(stats.skipped, reason);
    },
    warn,
    bytes: (n: number) => {
      stats.bytes += n;
    },
  };
  // warcio reports a record shorter than its Content-Length only through console.warn: make it one of our warnings.
  const consoleWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    const m = formatArgs(...args);
    if (m.startsWith("Content-Length Too Small")) warn(`WARC record shorter than its Content-Length, its page may be cut: ${m}`);
    else consoleWarn(...args);
  };
  try {
    const items: AsyncGenerator<Item> = readInputs(opts.inputs, { text: opts.text === true, maxBytes, stdin: opts.stdin }, events);
    for await (const item of items) {
      if (opts.signal?.aborted) break;
      if (already(item.id)) continue;
      if (item.kind === "problem") {
        failed(item.id, item.url, item.error);
        continue;
      }
      let data: Uint8Array;
      try {
        data = await item.read();
      } catch (err) {
        const e = errorRecord(err);
        failed(item.id, item.url, { code: e.code === "INTERNAL" ? "READ_FAILED" : e.code, message: e.message });
        continue;
      }
      ready.push({ item, data });
      pump();
      while (ready.length >= workers * DEFAULTS.readAhead && !opts.signal?.aborted) await new Promise<void>((r) => (wake = r));
    }
    stats.stopped = opts.signal?.aborted === true;
    // Stopping drops what was read but not started: a resumed run redoes it.
    if (stats.stopped) ready.length = 0;
    else pump();
    while (inflight.size) await Promise.all([...inflight]);
  } finally {
    clearInterval(watch);
    console.warn = consoleWarn;
    await pool.destroy();
    sink.close();
    opts.signal?.removeEventListener("abort", notify);
  }
  stats.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const cpu = process.cpuUsage(cpuStart);
  stats.cpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
  tick();
  return stats;
}

/**
 * Adds one to a count keyed by text from the input (a WARC-Type, an error code): an own property even for
 * "constructor" or "__proto__", which plain assignment would read from, or write to, the object's prototype.
 */
function bump(counts: Record<string, number>, key: string): void {
  const value = (Object.hasOwn(counts, key) ? counts[key] : 0) + 1;
  Object.defineProperty(counts, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The worker as compiled JS beside this module, or as TypeScript when running from source (tsx). */
function workerFile(): { filename: string; execArgv?: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url).href;
  // Workers inherit execArgv; tsx registered by API instead of flags must be passed on.
  if (fromSource && !process.execArgv.some((a) => a.includes("tsx"))) return { filename, execArgv: [...process.execArgv, "--import", "tsx"] };
  return { filename };
}

/** The bytes in shared memory (a copy unless they already are). */
function shared(data: Uint8Array): Uint8Array {
  if (data.buffer instanceof SharedArrayBuffer) return data;
  const out = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  out.set(data);
  return out;
}
