/** The extraction worker pool (piscina), and the one way the server runs an extraction. */
import { Piscina } from "piscina";
import { availableParallelism } from "node:os";
import { NewsclipError, ERROR_CODES, outOfMemory, type ErrorCode } from "../errors.ts";
import type { Task, Result, Outcome } from "./worker.ts";

export interface PoolOptions {
  /** Worker threads (default: the number of cores). */
  threads?: number;
  /** Time one extraction may take before its worker is stopped (ms, default 20000). */
  timeoutMs?: number;
  /** Tasks allowed to wait for a worker before new ones are refused with OVERLOADED (default 1000). */
  maxQueue?: number;
  /**
   * A worker's old-space cap in MB (default 512, as batch's): a page that needs more kills its worker, not the
   * server; the request gets TOO_LARGE (413) and piscina starts a new worker.
   */
  workerHeapMb?: number;
}

/** A worker's memory: the old space as batch's; the young generation as batch's (see DEFAULTS in src/batch/run.ts). */
export const WORKER_LIMITS = { heapMb: 512, youngMb: 48 };

/** Under tsx (tests, dev) the worker is the TypeScript source beside this file; from dist/ it is the compiled JS. */
const WORKER = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url).href;

export class ExtractPool {
  private readonly pool: Piscina<Task, Outcome>;
  private readonly timeoutMs: number;
  readonly threads: number;
  readonly heapMb: number;

  constructor(options: PoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.heapMb = options.workerHeapMb ?? WORKER_LIMITS.heapMb;
    this.pool = new Piscina<Task, Outcome>({
      filename: WORKER,
      minThreads: this.threads,
      maxThreads: this.threads,
      maxQueue: options.maxQueue ?? 1000,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: Math.min(WORKER_LIMITS.youngMb, this.heapMb) },
    });
    // A worker that dies outside a task (e.g. fails to load) is replaced by piscina; unheard, the event would end the process.
    this.pool.on("error", (err: unknown) => {
      process.emitWarning(`newsclip: extraction worker failed: ${(err as Error)?.message ?? String(err)}`);
    });
  }

  async run(task: Task, signal?: AbortSignal): Promise<Result> {
    // The worker's own deadline (the library's timeoutMs) stops a slow page cleanly and keeps the worker; the abort, a
    // second later, is the backstop for a task stuck in the queue or in a step without deadline checks (it terminates
    // the worker).
    task = { ...task, timeoutMs: this.timeoutMs };
    const timeout = AbortSignal.timeout(this.timeoutMs + 1000);
    const abort = signal ? AbortSignal.any([timeout, signal]) : timeout;
    const transferList = task.html && task.html.byteOffset === 0 && task.html.byteLength === task.html.buffer.byteLength ? [task.html.buffer as ArrayBuffer] : undefined;
    let out: Outcome;
    try {
      out = await this.pool.run(task, { signal: abort, ...(transferList ? { transferList } : {}) });
    } catch (err) {
      if (timeout.aborted) throw new NewsclipError("TIMEOUT", `extraction took longer than ${this.timeoutMs} ms`);
      if (signal?.aborted) throw new NewsclipError("TIMEOUT", "the request was cancelled");
      if (/queue is full/i.test((err as Error).message ?? "")) throw new NewsclipError("OVERLOADED", "the extraction queue is full");
      if (outOfMemory(err)) throw new NewsclipError("TOO_LARGE", `the page needs more than the ${this.heapMb} MB of memory an extraction may use`);
      throw new NewsclipError("INTERNAL", (err as Error).message ?? String(err), { cause: err });
    }
    if (!out.ok) throw new NewsclipError(out.code in ERROR_CODES ? (out.code as ErrorCode) : "INTERNAL", out.message);
    return out.result;
  }

  get queued(): number {
    return this.pool.queueSize;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
