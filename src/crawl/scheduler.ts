/**
 * Politeness: which host may be asked next, and when. One request at a time
 * per host; the next one starts no sooner than the delay after the previous
 * one ended (the larger of robots.txt's Crawl-delay and --delay); 429 and 503
 * wait for Retry-After; errors and timeouts double the wait each time; a host
 * that keeps failing is parked for the rest of the run (its URLs stay queued
 * for the next one).
 */
import type { Robots } from "./robots.ts";

export interface Politeness {
  /** Minimum pause between two requests to one host (ms). */
  delayMs: number;
  /** First back-off after an error (ms), doubled at each further one. */
  backoffMs: number;
  /** Longest back-off (ms); a Retry-After longer than this parks the host. */
  maxWaitMs: number;
  /** Consecutive failures that park a host. */
  parkAfter: number;
}

export const POLITENESS: Politeness = { delayMs: 1000, backoffMs: 2000, maxWaitMs: 120_000, parkAfter: 5 };

export interface Host {
  name: string;
  /** A request is in flight. */
  busy: boolean;
  /** Not before this time (ms, performance.now clock). */
  nextAt: number;
  /** Consecutive failed requests. */
  failures: number;
  /** Why the host is out of this run, if it is. */
  parked?: string;
  robots?: Robots;
  /** robots.txt is being fetched. */
  delayMs: number;
  /** Pages fetched in this run (robots.txt not counted). */
  fetched: number;
  queued: number;
  /** Request starts, for pages/s per host. */
  firstAt?: number;
}

export class Scheduler {
  readonly hosts = new Map<string, Host>();

  constructor(private p: Politeness) {}

  host(name: string): Host {
    let h = this.hosts.get(name);
    if (!h) {
      h = { name, busy: false, nextAt: 0, failures: 0, delayMs: this.p.delayMs, fetched: 0, queued: 0 };
      this.hosts.set(name, h);
    }
    return h;
  }

  /** A host whose turn it is: idle, not parked, with work, under its page limit; the one waiting longest first. */
  pick(now: number, maxPerHost: number): Host | undefined {
    let best: Host | undefined;
    for (const h of this.hosts.values()) {
      if (h.busy || h.parked || h.nextAt > now) continue;
      if (!h.robots ? h.queued === 0 : h.queued === 0 || h.fetched >= maxPerHost) continue;
      if (!best || h.nextAt < best.nextAt) best = h;
    }
    return best;
  }

  /** When the next host becomes ready, if any host has work left that it may still do. */
  nextWake(maxPerHost: number): number | undefined {
    let at: number | undefined;
    for (const h of this.hosts.values()) {
      if (h.busy || h.parked || h.queued === 0 || (h.robots && h.fetched >= maxPerHost)) continue;
      if (at === undefined || h.nextAt < at) at = h.nextAt;
    }
    return at;
  }

  robots(h: Host, robots: Robots): void {
    h.robots = robots;
    const asked = robots.delay !== undefined ? Math.min(robots.delay, 600) * 1000 : 0;
    h.delayMs = Math.max(this.p.delayMs, asked);
  }

  /** A request ended well (a page, a 304, a 4xx that is the page's fault). */
  ok(h: Host, now: number): void {
    h.failures = 0;
    h.nextAt = now + h.delayMs;
  }

  /** A request failed in a way that may pass (5xx, timeout, reset); `retryAfterMs` from the server if it said. */
  failed(h: Host, now: number, reason: string, retryAfterMs?: number): void {
    h.failures++;
    if (retryAfterMs !== undefined && retryAfterMs > this.p.maxWaitMs) {
      h.parked = `asked to wait ${Math.round(retryAfterMs / 1000)} s (Retry-After)`;
      return;
    }
    if (h.failures >= this.p.parkAfter) {
      h.parked = `${h.failures} failures in a row, last: ${reason}`;
      return;
    }
    const backoff = Math.min(this.p.backoffMs * 2 ** (h.failures - 1), this.p.maxWaitMs);
    h.nextAt = now + Math.max(h.delayMs, backoff, retryAfterMs ?? 0);
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}
