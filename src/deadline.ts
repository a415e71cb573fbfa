/**
 * The time limit of one extraction (`timeoutMs`). extract() runs synchronously from start to end, so the limit of
 * the call in progress can live here for its duration (set by `within`, restored after, nested calls included)
 * rather than be threaded through every walker: the long loops (the tree walkers of dom.ts, the parser, the stages'
 * own passes) call `tick()`, which costs an increment and a branch, and reads the clock once every 4,096 calls
 * (a few hundred microseconds of work at most). Past the limit it throws `NewsclipError("TIMEOUT")`, which leaves
 * the tree half-processed: nothing of it is returned.
 */
import { NewsclipError } from "./errors.ts";

let deadline = Infinity;
let limitMs = 0;
let count = 0;

/** Runs `run` with a time limit of `ms` milliseconds (none when undefined); an outer, earlier limit still holds. */
export function within<T>(ms: number | undefined, run: () => T): T {
  if (ms === undefined) return run();
  const prev = deadline;
  const prevMs = limitMs;
  const end = performance.now() + ms;
  if (end < deadline) {
    deadline = end;
    limitMs = ms;
  }
  try {
    check();
    return run();
  } finally {
    deadline = prev;
    limitMs = prevMs;
  }
}

/** In a long loop: every 4,096th call reads the clock. */
export function tick(): void {
  if ((++count & 4095) === 0 && deadline !== Infinity) check();
}

/** Between stages: reads the clock now. */
export function check(): void {
  if (deadline !== Infinity && performance.now() > deadline) throw new NewsclipError("TIMEOUT", `extraction took longer than its limit of ${limitMs} ms`);
}

/** A `timeoutMs` option as given by a caller: undefined for none, else a positive finite number (BAD_REQUEST if not). */
export function timeoutOption(ms: unknown): number | undefined {
  if (ms === undefined || ms === null) return undefined;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) throw new NewsclipError("BAD_REQUEST", `the timeoutMs option must be a positive number of milliseconds, got ${JSON.stringify(ms)}`);
  return ms;
}
