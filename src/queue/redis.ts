/**
 * Redis connections for the BullMQ queue. The queue is named `newsclip` unless --queue says otherwise; BullMQ keeps it
 * under the keys `bull:<name>:*` (attach bull-board or any BullMQ dashboard to that name), and newsclip adds
 * `newsclip:<name>:stats` (record counts) and `newsclip:<name>:worker:<id>` (live workers, for `queue status`).
 */
import { Redis } from "ioredis";
import { NewsclipError } from "../errors.ts";

export const DEFAULT_QUEUE = "newsclip";
/** How long a command-line tool waits for Redis before saying it cannot reach it. */
export const CONNECT_TIMEOUT_MS = Number(process.env.NEWSCLIP_REDIS_TIMEOUT_MS) || 10_000;

export function isRedisUrl(url: string): boolean {
  return /^rediss?:\/\//i.test(url);
}

/**
 * A client for BullMQ. maxRetriesPerRequest null: a command waits through a Redis restart instead of failing after
 * 20 tries, and ioredis reconnects with a growing pause (to 2 s) for as long as it takes.
 */
export function redisClient(url: string): Redis {
  if (!isRedisUrl(url)) throw new NewsclipError("BAD_REQUEST", `not a Redis URL: ${redactRedis(url)} (redis://HOST:PORT or rediss://)`);
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
  });
  // Connection errors are reported by whoever waits on the client (reachable(), the worker's log); unhandled they would
  // end the process.
  client.on("error", () => {});
  return client;
}

/** Resolves once `client` answers; QUEUE_FAILED naming the server and the last error after CONNECT_TIMEOUT_MS. */
export async function reachable(client: Redis, url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  let last = "";
  const onError = (e: Error & { code?: string }) => (last = e.code ?? e.message);
  client.on("error", onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new NewsclipError("QUEUE_FAILED", `cannot reach Redis at ${redactRedis(url)} within ${timeoutMs / 1000} s${last ? ` (${last})` : ""}`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (err) {
    if (err instanceof NewsclipError) throw err;
    throw new NewsclipError("QUEUE_FAILED", `Redis at ${redactRedis(url)}: ${(err as Error).message}`, { cause: err });
  } finally {
    clearTimeout(timer);
    client.off("error", onError);
  }
}

export function redactRedis(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the Redis URL (unparsable)";
  }
}

export const keys = {
  stats: (queue: string) => `newsclip:${queue}:stats`,
  worker: (queue: string, id: string) => `newsclip:${queue}:worker:${id}`,
  workers: (queue: string) => `newsclip:${queue}:worker:*`,
};
