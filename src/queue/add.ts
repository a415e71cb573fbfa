/** `newsclip queue add`: inputs cut into jobs (plan.ts) and enqueued. */
import { createHash } from "node:crypto";
import { Queue, type JobsOptions } from "bullmq";
import { plan, type JobData, type PlanOptions } from "./plan.ts";
import { reachable, redisClient } from "./redis.ts";

/**
 * Every job: retried with a growing pause (2 s, 4 s, 8 s, 16 s) after a failure, then parked in the failed set, kept
 * there until `queue retry`; done jobs are kept a week (or the last 100,000) for `queue status` and dashboards.
 */
export const JOB_DEFAULTS: JobsOptions = {
  attempts: Number(process.env.NEWSCLIP_ATTEMPTS) || 5,
  backoff: { type: "exponential", delay: Number(process.env.NEWSCLIP_BACKOFF_MS) || 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: false,
};

/** The job's name in BullMQ (shown by dashboards): its kind. */
export function jobName(data: JobData): string {
  return data.kind;
}

/**
 * A job's id is its content: adding the same input again while its jobs are still known adds nothing (BullMQ ignores
 * a job whose id exists), and a split job's halves are `<id>.0` and `<id>.1`.
 */
export function jobId(data: JobData): string {
  return createHash("sha256").update(JSON.stringify(data)).digest("base64url").slice(0, 22);
}

export interface AddResult {
  jobs: number;
  /** Jobs already in the queue (same input added before). */
  known: number;
  files: number;
}

export async function addJobs(
  redis: string,
  queue: string,
  inputs: string[],
  opts: PlanOptions & { attempts?: number },
  warn: (m: string) => void = () => {},
): Promise<AddResult> {
  const client = redisClient(redis);
  const q = new Queue(queue, { connection: client });
  try {
    await reachable(client, redis);
    const res: AddResult = { jobs: 0, known: 0, files: inputs.length };
    let bulk: { name: string; data: JobData; opts: JobsOptions }[] = [];
    const send = async () => {
      if (!bulk.length) return;
      const ids = bulk.map((b) => b.opts.jobId!);
      const before = await Promise.all(ids.map((id) => q.getJobState(id)));
      res.known += before.filter((s) => s !== "unknown").length;
      await q.addBulk(bulk);
      res.jobs += bulk.length;
      bulk = [];
    };
    for await (const data of plan(inputs, opts, warn)) {
      bulk.push({ name: jobName(data), data, opts: { ...JOB_DEFAULTS, ...(opts.attempts ? { attempts: opts.attempts } : {}), jobId: jobId(data) } });
      if (bulk.length >= 500) await send();
    }
    await send();
    return res;
  } finally {
    await q.close().catch(() => {});
    client.disconnect();
  }
}
