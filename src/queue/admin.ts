/** `newsclip queue status|failed|retry`: what the queue holds, what the workers do, and the parked jobs. */
import { Queue } from "bullmq";
import { keys, reachable, redactRedis, redisClient } from "./redis.ts";
import type { JobData } from "./plan.ts";
import { crawlKeys } from "./crawl.ts";

export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  started: string;
  seen: string;
  concurrency: number;
  jobs: number;
  records: number;
  ok: number;
  errors: number;
  pagesPerSecond: number;
}

export interface Status {
  queue: string;
  redis: string;
  /** Jobs by state; `failed` are the parked ones. */
  jobs: { waiting: number; active: number; delayed: number; done: number; failed: number };
  /** Records done so far (a job run twice counts twice here, never in the archive). */
  records: { total: number; ok: number; errors: number; byCode: Record<string, number> };
  workers: WorkerBeat[];
  /** Sum of the workers' recent rates. */
  pagesPerSecond: number;
  /** The crawl (`queue add --crawl`), when the queue holds one. */
  crawl?: CrawlStatus;
}

export interface CrawlStatus {
  /** URLs queued, hosts with URLs queued (not parked), URLs in flight, URLs ever seen. */
  queued: number;
  hosts: number;
  inflight: number;
  seen: number;
  /** Requests made (robots.txt included), pages fetched, listings read, articles written, errors (by code). */
  requests: number;
  fetched: number;
  listings: number;
  articles: number;
  errors: number;
  /** URLs put back in the queue because the worker that took them died. */
  requeued: number;
  byCode: Record<string, number>;
  /** Hosts out of the crawl, and why. */
  parked: Record<string, string>;
}

async function withQueue<T>(redis: string, name: string, fn: (q: Queue, client: ReturnType<typeof redisClient>) => Promise<T>): Promise<T> {
  const client = redisClient(redis);
  const q = new Queue(name, { connection: client });
  try {
    await reachable(client, redis);
    return await fn(q, client);
  } finally {
    await q.close().catch(() => {});
    client.disconnect();
  }
}

export function queueStatus(redis: string, name: string): Promise<Status> {
  return withQueue(redis, name, async (q, client) => {
    const c = await q.getJobCounts("waiting", "active", "delayed", "completed", "failed", "prioritized", "waiting-children");
    const stats = await client.hgetall(keys.stats(name));
    const byCode: Record<string, number> = {};
    for (const [k, v] of Object.entries(stats)) if (k.startsWith("code:")) byCode[k.slice(5)] = Number(v);
    const workers: WorkerBeat[] = [];
    let cursor = "0";
    do {
      const [next, found] = await client.scan(cursor, "MATCH", keys.workers(name), "COUNT", 200);
      cursor = next;
      if (found.length) for (const v of await client.mget(...found)) if (v) workers.push(JSON.parse(v) as WorkerBeat);
    } while (cursor !== "0");
    workers.sort((a, b) => a.id.localeCompare(b.id));
    const p = crawlKeys(name);
    let crawl: CrawlStatus | undefined;
    if (await client.exists(p + "conf")) {
      const [cs, hosts, inflight, seen, parked] = await Promise.all([client.hgetall(p + "stats"), client.zcard(p + "hosts"), client.zcard(p + "inflight"), client.scard(p + "seen"), client.hgetall(p + "parked")]);
      const codes: Record<string, number> = {};
      for (const [k, v] of Object.entries(cs)) if (k.startsWith("code:")) codes[k.slice(5)] = Number(v);
      const n = (k: string) => Number(cs[k] ?? 0);
      crawl = { queued: n("queued"), hosts, inflight, seen, requests: n("requests"), fetched: n("fetched"), listings: n("listings"), articles: n("articles"), errors: n("errors"), requeued: n("requeued"), byCode: codes, parked };
    }
    return {
      queue: name,
      redis: redactRedis(redis),
      jobs: { waiting: c.waiting + c.prioritized + c["waiting-children"], active: c.active, delayed: c.delayed, done: c.completed, failed: c.failed },
      records: { total: Number(stats.records ?? 0), ok: Number(stats.ok ?? 0), errors: Number(stats.errors ?? 0), byCode },
      workers,
      pagesPerSecond: Math.round(workers.reduce((a, w) => a + w.pagesPerSecond, 0) * 10) / 10,
      ...(crawl ? { crawl } : {}),
    };
  });
}

export interface Parked {
  job: string;
  name: string;
  /** What the job holds: a file and byte range, files, or URLs. */
  what: string;
  data: JobData;
  attempts: number;
  error: string;
  failedAt?: string;
}

export function parkedJobs(redis: string, name: string, limit = 1000): Promise<Parked[]> {
  return withQueue(redis, name, async (q) => {
    const jobs = await q.getFailed(0, limit - 1);
    return jobs.map((j) => ({
      job: String(j.id),
      name: j.name,
      what: describe(j.data as JobData),
      data: j.data as JobData,
      attempts: j.attemptsMade,
      error: j.failedReason,
      ...(j.finishedOn ? { failedAt: new Date(j.finishedOn).toISOString() } : {}),
    }));
  });
}

/** Parked jobs back to the waiting list, with their attempts anew: all of them, or those named. */
export function retryJobs(redis: string, name: string, ids: string[]): Promise<number> {
  return withQueue(redis, name, async (q) => {
    if (!ids.length) {
      const n = (await q.getJobCounts("failed")).failed;
      await q.retryJobs({ state: "failed", count: 1000 });
      return n;
    }
    let n = 0;
    for (const id of ids) {
      const job = await q.getJob(id);
      if (job && (await job.isFailed())) {
        await job.retry("failed");
        n++;
      }
    }
    return n;
  });
}

export function describe(d: JobData): string {
  if (d.kind === "range") return `${d.file} bytes ${d.start}-${d.end}${d.line !== undefined ? ` (from line ${d.line})` : ""}`;
  if (d.kind === "files") return d.files.length === 1 ? d.files[0] : `${d.files.length} files from ${d.files[0]}`;
  return d.urls.length === 1 ? d.urls[0] : `${d.urls.length} URLs from ${d.urls[0]}`;
}
