/**
 * The crawl on the queue: `newsclip queue add --crawl SEEDS` puts the seeds in a frontier kept in Redis, and every
 * `newsclip worker` on every machine crawls from it, without breaking per-host politeness across the cluster.
 *
 * - **One request per host at a time, cluster-wide**: a worker takes a host by setting its lease
 *   (`lease:<host>`, a token with a time to live longer than a fetch can take) in a Lua script, which runs alone on
 *   the Redis server. While it is leased, no one else may take it.
 * - **The delay counted on one clock**: the sorted set `hosts` holds every host with URLs waiting, scored by the time
 *   (Redis's own `TIME`, so the workers' clocks never matter) it may next be asked; a worker takes only a host whose
 *   time has come. After a request ends, the worker gives the lease back with the host's next time: now + the delay
 *   (the larger of `--delay` and robots.txt's Crawl-delay), or the back-off after an error or a Retry-After. While the
 *   host is leased its score is the lease's end, so a worker that died mid-request frees the host when the lease
 *   lapses, never sooner.
 * - **Seen once**: every URL offered is added to the set `seen` first; only a new one is queued, on its host's sorted
 *   set `q:<host>` (listings before articles, then in discovery order, as the one-machine crawl).
 * - **Nothing lost**: a URL taken is in `inflight` (scored by when) until its page is handled (an article written to
 *   the archive); a worker that died leaves it there, and after `staleMs` the next take puts it back in its queue.
 *   The archive upserts on the URL, so an article fetched twice is stored once.
 *
 * Discovery, classification, robots.txt, the fetcher and the politeness arithmetic are src/crawl's (discover.ts,
 * urls.ts, robots.ts, fetch, scheduler.ts); this file only keeps their state in Redis.
 */
import type { Redis } from "ioredis";
import type { Article } from "../article.ts";
import { NewsclipError, errorRecord } from "../errors.ts";
import { extract } from "../index.ts";
import type { Store } from "../store/types.ts";
import { classify, hostOf, normalise, siteKey, type Kind } from "../crawl/urls.ts";
import { parseRobots, ALLOW_ALL, type Robots } from "../crawl/robots.ts";
import { discover, type Finds } from "../crawl/discover.ts";
import { Scheduler, POLITENESS, retryAfter, type Host } from "../crawl/scheduler.ts";
import { CRAWL_DEFAULTS, crawlFetch } from "../crawl/index.ts";
import type { CrawlResult } from "../crawl/index.ts";
import type { Fetched } from "../fetch/index.ts";
import { reachable, redisClient } from "./redis.ts";

/** Settings of a crawl, given to `queue add --crawl` and read by every worker from Redis. */
export interface CrawlConf {
  /** Seconds between two requests to one host, at least (robots.txt may ask more). */
  delay: number;
  maxDepth: number;
  /** Pages fetched by the whole cluster, all hosts (0: no limit). */
  maxPages: number;
  /** Pages fetched per host (0: no limit). */
  maxPerHost: number;
  userAgent: string;
  allowPrivate: boolean;
  /** Follow links to any site, not only the seeds'. */
  anySite: boolean;
  timeoutMs: number;
  maxTries: number;
  backoffMs: number;
}

export const CRAWL_CONF: CrawlConf = {
  delay: CRAWL_DEFAULTS.delay,
  maxDepth: CRAWL_DEFAULTS.maxDepth,
  maxPages: 0,
  maxPerHost: 0,
  userAgent: CRAWL_DEFAULTS.userAgent,
  allowPrivate: false,
  anySite: false,
  timeoutMs: 15_000,
  maxTries: CRAWL_DEFAULTS.maxTries,
  backoffMs: POLITENESS.backoffMs,
};

/** Listings first, as the one-machine crawl: sitemaps, feeds, seeds, articles, sections. */
const PRIO: Record<Kind, number> = { sitemap: 0, feed: 1, article: 3, section: 4, other: 9 };
const SEED_PRIO = 2;
const MAX_HOPS = 5;
const HTML = /html|xml/i;

/** A URL in the frontier (the member of its host's sorted set, as JSON). */
interface Entry {
  url: string;
  kind: Kind;
  depth: number;
  hops?: number;
  tries?: number;
  via?: string;
}

export const crawlKeys = (queue: string) => `newsclip:${queue}:crawl:`;

/**
 * Lua, run alone on the server. `now` is Redis's clock in ms. Keys are built from the prefix (ARGV[1]) inside the
 * scripts: this frontier lives on one Redis, not a Redis Cluster.
 */
const NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

/** Queues new URLs: ARGV prefix, then (host, url, score, entry) quads. Returns how many were new. */
const OFFER = `${NOW}
local p = ARGV[1] local n = 0
for i = 2, #ARGV, 4 do
  local host, url, score, entry = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if redis.call('SADD', p .. 'seen', url) == 1 then
    n = n + 1
    redis.call('ZADD', p .. 'q:' .. host, score, entry)
    redis.call('HINCRBY', p .. 'stats', 'queued', 1)
    if redis.call('HEXISTS', p .. 'host:' .. host, 'parked') == 0 then
      local nxt = tonumber(redis.call('HGET', p .. 'host:' .. host, 'next') or '0')
      redis.call('ZADD', p .. 'hosts', 'NX', math.max(now, nxt), host)
    end
  end
end
return n`;

/**
 * Takes a host whose time has come: ARGV prefix, token, leaseMs, staleMs, maxPages. Returns {'host', host},
 * {'wait', ms until the next host, or -1 when none is queued, in-flight URLs}, or {'limit'}. Puts stale in-flight
 * URLs (their worker died) back first.
 */
const TAKE = `${NOW}
local p, token, leaseMs, staleMs, maxPages = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
for _, m in ipairs(redis.call('ZRANGEBYSCORE', p .. 'inflight', '-inf', now - staleMs, 'LIMIT', 0, 50)) do
  local cut = string.find(m, '\\n', 1, true)
  local host = string.sub(m, 1, cut - 1)
  redis.call('ZADD', p .. 'q:' .. host, 0, string.sub(m, cut + 1))
  redis.call('HINCRBY', p .. 'stats', 'queued', 1)
  redis.call('HINCRBY', p .. 'stats', 'requeued', 1)
  redis.call('ZREM', p .. 'inflight', m)
  if redis.call('HEXISTS', p .. 'host:' .. host, 'parked') == 0 then
    redis.call('ZADD', p .. 'hosts', 'NX', now, host)
  end
end
if maxPages > 0 and tonumber(redis.call('HGET', p .. 'stats', 'fetched') or '0') >= maxPages then return {'limit'} end
local due = redis.call('ZRANGEBYSCORE', p .. 'hosts', '-inf', now, 'LIMIT', 0, 1)
if #due == 0 then
  local first = redis.call('ZRANGE', p .. 'hosts', 0, 0, 'WITHSCORES')
  local wait = -1
  if #first > 0 then wait = tonumber(first[2]) - now end
  return {'wait', wait, redis.call('ZCARD', p .. 'inflight')}
end
local host = due[1]
if redis.call('SET', p .. 'lease:' .. host, token, 'NX', 'PX', leaseMs) == false then
  -- Leased, yet its time had come: its score is the lease's end, which a clock jump can only bring nearer.
  redis.call('ZADD', p .. 'hosts', now + redis.call('PTTL', p .. 'lease:' .. host), host)
  return {'wait', 0, 0}
end
redis.call('ZADD', p .. 'hosts', now + leaseMs, host)
return {'host', host}`;

/**
 * The next URL of a leased host: ARGV prefix, host, token, maxPerHost. Returns the entry (JSON) or false; the entry
 * goes in-flight, and the page counts against the limits (a request is about to be made).
 */
const POP = `${NOW}
local p, host, token, maxPerHost = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('GET', p .. 'lease:' .. host) ~= token then return false end
if maxPerHost > 0 and tonumber(redis.call('HGET', p .. 'host:' .. host, 'fetched') or '0') >= maxPerHost then
  redis.call('DEL', p .. 'q:' .. host)
  return false
end
local e = redis.call('ZPOPMIN', p .. 'q:' .. host)
if #e == 0 then return false end
redis.call('ZADD', p .. 'inflight', now, host .. '\\n' .. e[1])
redis.call('HINCRBY', p .. 'stats', 'queued', -1)
redis.call('HINCRBY', p .. 'stats', 'fetched', 1)
redis.call('HINCRBY', p .. 'host:' .. host, 'fetched', 1)
return e[1]`;

/**
 * Gives a host back: ARGV prefix, host, token, waitMs (-1: no request was made, the host's next time stands),
 * failures, parked reason ('' none), requeue entry ('' none), requeue score, in-flight member to drop ('' none).
 * The host's next time is now + waitMs, counted from the end of the request; the host stays in `hosts` only with
 * URLs queued and not parked. A worker whose lease lapsed (and may have passed to another) changes nothing of the
 * host's turn.
 */
const RELEASE = `${NOW}
local p, host, token, waitMs, failures, parked, requeue, score, drop = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local hk = p .. 'host:' .. host
if drop ~= '' then redis.call('ZREM', p .. 'inflight', drop) end
if requeue ~= '' then
  redis.call('ZADD', p .. 'q:' .. host, score, requeue)
  redis.call('HINCRBY', p .. 'stats', 'queued', 1)
end
if redis.call('GET', p .. 'lease:' .. host) ~= token then return 0 end
redis.call('DEL', p .. 'lease:' .. host)
if waitMs >= 0 then redis.call('HSET', hk, 'next', now + waitMs) end
redis.call('HSET', hk, 'failures', failures)
if parked ~= '' then
  redis.call('HSET', hk, 'parked', parked)
  redis.call('HSET', p .. 'parked', host, parked)
end
if parked == '' and redis.call('ZCARD', p .. 'q:' .. host) > 0 then
  local nxt = tonumber(redis.call('HGET', hk, 'next') or '0')
  redis.call('ZADD', p .. 'hosts', math.max(now, nxt), host)
else
  redis.call('ZREM', p .. 'hosts', host)
end
return 1`;

type Cmd = (...args: (string | number)[]) => Promise<unknown>;

/** The frontier's commands on one Redis connection. */
export class RedisFrontier {
  readonly p: string;
  private seq = 0;
  private cmds: Record<"offer" | "take" | "pop" | "release", Cmd>;

  constructor(
    readonly client: Redis,
    readonly queue: string,
  ) {
    this.p = crawlKeys(queue);
    const def = (name: string, lua: string): Cmd => {
      if (!(name in client)) client.defineCommand(name, { numberOfKeys: 0, lua });
      const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
      return (...args) => fn.call(client, ...args);
    };
    this.cmds = { offer: def("newsclipCrawlOffer", OFFER), take: def("newsclipCrawlTake", TAKE), pop: def("newsclipCrawlPop", POP), release: def("newsclipCrawlRelease", RELEASE) };
  }

  async conf(): Promise<CrawlConf | undefined> {
    const raw = await this.client.get(this.p + "conf");
    return raw ? { ...CRAWL_CONF, ...(JSON.parse(raw) as Partial<CrawlConf>) } : undefined;
  }

  async sites(): Promise<Set<string>> {
    return new Set(await this.client.smembers(this.p + "sites"));
  }

  /** Score in a host's queue: priority, then discovery order (the time, then a counter within the millisecond); exact in a double. */
  score(prio: number): number {
    return prio * 1e13 + (Date.now() % 1e10) * 1000 + (++this.seq % 1000);
  }

  async offer(items: { host: string; entry: Entry; prio: number }[]): Promise<number> {
    let n = 0;
    // A few hundred at a time: one script call each, short enough not to hold the server up.
    for (let i = 0; i < items.length; i += 200) {
      const args: (string | number)[] = [this.p];
      for (const it of items.slice(i, i + 200)) args.push(it.host, it.entry.url, this.score(it.prio), JSON.stringify(it.entry));
      n += Number(await this.cmds.offer(...args));
    }
    return n;
  }

  take(token: string, leaseMs: number, staleMs: number, maxPages: number): Promise<["host", string] | ["wait", number, number] | ["limit"]> {
    return this.cmds.take(this.p, token, leaseMs, staleMs, maxPages) as Promise<["host", string] | ["wait", number, number] | ["limit"]>;
  }

  async pop(host: string, token: string, maxPerHost: number): Promise<{ entry: Entry; raw: string } | undefined> {
    const raw = (await this.cmds.pop(this.p, host, token, maxPerHost)) as string | null;
    return raw ? { entry: JSON.parse(raw) as Entry, raw } : undefined;
  }

  release(host: string, token: string, r: { waitMs: number; failures: number; parked?: string; requeue?: Entry; requeuePrio?: number; drop?: string }): Promise<unknown> {
    return this.cmds.release(this.p, host, token, r.waitMs, r.failures, r.parked ?? "", r.requeue ? JSON.stringify(r.requeue) : "", r.requeue ? this.score(r.requeuePrio ?? PRIO[r.requeue.kind]) : 0, r.drop ?? "");
  }

  /** Drops an in-flight URL once its page is handled. */
  done(host: string, raw: string): Promise<unknown> {
    return this.client.zrem(this.p + "inflight", `${host}\n${raw}`);
  }

  /** A counter of `queue status`; not waited for, and never an error of the crawl. */
  stat(field: string, by = 1): Promise<unknown> {
    return this.client.hincrby(this.p + "stats", field, by).catch(() => 0);
  }

  /** Nothing queued on a host that may still be asked, nothing in flight. */
  async idle(): Promise<boolean> {
    const [hosts, inflight] = await Promise.all([this.client.zcard(this.p + "hosts"), this.client.zcard(this.p + "inflight")]);
    return hosts === 0 && inflight === 0;
  }
}

/** `queue add --crawl`: the crawl's settings (the first add's stand) and its seeds into the frontier. */
export async function addCrawl(redis: string, queue: string, seeds: string[], conf: Partial<CrawlConf>, warn: (m: string) => void = () => {}): Promise<{ seeds: number; queued: number }> {
  const client = redisClient(redis);
  try {
    await reachable(client, redis);
    const f = new RedisFrontier(client, queue);
    const full = { ...CRAWL_CONF, ...strip(conf) };
    // Every worker reads the same settings; a later add with other settings replaces them (they apply from the next take).
    await client.set(f.p + "conf", JSON.stringify(full));
    const items: { host: string; entry: Entry; prio: number }[] = [];
    for (const s of seeds) {
      const url = normalise(s);
      if (!url) {
        warn(`${s}: not an http(s) URL, skipped`);
        continue;
      }
      await client.sadd(f.p + "sites", siteKey(url));
      const c = classify(url);
      const kind: Kind = c.kind === "feed" || c.kind === "sitemap" || c.kind === "article" ? c.kind : "section";
      const host = hostOf(url);
      await client.hsetnx(f.p + "host:" + host, "scheme", new URL(url).protocol);
      if (new URL(url).pathname === "/") await client.hset(f.p + "host:" + host, "root", "1");
      items.push({ host, entry: { url, kind, depth: 0 }, prio: kind === "section" ? SEED_PRIO : PRIO[kind] });
    }
    const queued = await f.offer(items);
    return { seeds: items.length, queued };
  } finally {
    client.disconnect();
  }
}

export interface CrawlLoopOptions {
  client: Redis;
  queue: string;
  store: Store;
  /** Hosts fetched from at once by this process. */
  hosts: number;
  /** A token unique to this process. */
  id: string;
  signal: AbortSignal;
  untilIdle: boolean;
  log: (rec: Record<string, unknown>) => void;
  /** Extraction time limit a page (ms). */
  timeoutMs: number;
  /** Extracts a page (on the worker's capped extraction thread); the library's extract on this thread by default. */
  extract?: (bytes: Uint8Array, url: string, contentType: string | undefined) => Promise<Article>;
}

export interface CrawlCounts {
  requests: number;
  /** Requests by host: a host's turns go from worker to worker. */
  byHost: Record<string, number>;
  pages: number;
  articles: number;
  errors: number;
}

/**
 * This worker's share of the crawl: `hosts` loops, each taking a host, making one request, giving the host back. Ends
 * when the signal is aborted, or (untilIdle) once the frontier is empty and nothing is in flight anywhere.
 */
export async function crawlLoop(o: CrawlLoopOptions): Promise<CrawlCounts> {
  const f = new RedisFrontier(o.client, o.queue);
  const counts: CrawlCounts = { requests: 0, byHost: {}, pages: 0, articles: 0, errors: 0 };
  /** Requests by host, for the stop log: the first 1,000 hosts (a crawl of many sites would make a huge line). */
  const perHost = (host: string) => {
    if (host in counts.byHost || Object.keys(counts.byHost).length < 1000) counts.byHost[host] = (counts.byHost[host] ?? 0) + 1;
  };
  const robots = new Map<string, Robots>();
  const feedHosts = new Set<string>();
  let conf: CrawlConf | undefined;
  let sites = new Set<string>();
  let confAt = 0;
  let errorsLogged = 0;
  let turns = 0;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      // The stop listener goes when the sleep ends: a loop sleeps many times.
      const done = () => {
        clearTimeout(t);
        o.signal.removeEventListener("abort", done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      o.signal.addEventListener("abort", done, { once: true });
    });
  const refresh = async () => {
    // Settings and scope can be widened by a later `queue add --crawl`, and a crawl added while the worker runs: read
    // again every few seconds (once for all the loops, so an idle worker costs Redis two reads each time).
    if (Date.now() - confAt < 5000) return;
    confAt = Date.now();
    conf = await f.conf();
    sites = await f.sites();
  };
  const report = (r: CrawlResult) => {
    if (r.type !== "error") return;
    counts.errors++;
    void f.stat("errors");
    void f.stat(`code:${r.code}`);
    // The first errors in the log, so an operator sees what goes wrong without a flood.
    if (errorsLogged++ < 20) o.log({ event: "crawl-error", worker: o.id, url: r.url, kind: r.kind, code: r.code, message: r.message, retry: r.retry });
  };

  /** One turn: take a host, make one request, give it back. Returns ms to sleep before the next turn, 0 for at once. */
  const turn = async (): Promise<number | "idle" | "limit"> => {
    await refresh();
    if (!conf) return o.untilIdle ? "idle" : 2000;
    const c = conf;
    const { leaseMs, staleMs } = timings(c);
    // The lease's token: this process and this turn, so a turn can only ever give back its own lease.
    const token = `${o.id}:${++turns}`;
    const got = await f.take(token, leaseMs, staleMs, c.maxPages);
    if (got[0] === "limit") return o.untilIdle ? "limit" : 5000;
    if (got[0] === "wait") {
      const [, wait, inflight] = got;
      if (wait < 0) return o.untilIdle && inflight === 0 ? "idle" : 500;
      // New URLs may come for other hosts meanwhile: look again within half a second.
      return Math.min(wait, 500);
    }
    const host = got[1];
    // Whatever goes wrong from here, the host is given back (after its delay): a lease left to lapse would stop the
    // host for 40 s at every failing turn.
    try {
      const state = await o.client.hgetall(f.p + "host:" + host);
      const sched = new Scheduler({ ...POLITENESS, delayMs: c.delay * 1000, backoffMs: c.backoffMs });
      const h: Host = sched.host(host);
      h.failures = Number(state.failures ?? 0);
      const give = (r: { waitMs: number; parked?: string; requeue?: Entry; requeuePrio?: number; drop?: string }) => f.release(host, token, { failures: h.failures, ...r });
      let rules = robots.get(host);
      if (!rules && state.robots !== undefined) {
        rules = state.robots === "" ? ALLOW_ALL : parseRobots(`${state.scheme ?? "https:"}//${host}/robots.txt`, state.robots, c.userAgent);
        robots.set(host, rules);
      }
      if (!rules) {
        // robots.txt first, under the lease: a request like any other for the delay.
        const url = `${state.scheme ?? "https:"}//${host}/robots.txt`;
        counts.requests++;
        perHost(host);
        void f.stat("requests");
        try {
          const fetched = await crawlFetch(url, "robots", c);
          let text = "";
          if (fetched.status >= 200 && fetched.status < 300) text = Buffer.from(fetched.bytes).toString("utf8");
          else if (!(fetched.status >= 400 && fetched.status < 500)) throw new NewsclipError("FETCH_FAILED", `robots.txt answered ${fetched.status}`);
          rules = text ? parseRobots(url, text, c.userAgent) : ALLOW_ALL;
          sched.robots(h, rules);
          sched.ok(h, 0);
          await o.client.hset(f.p + "host:" + host, "robots", text, "delayMs", h.delayMs);
          robots.set(host, rules);
          const origin = new URL(url).origin;
          const found: { host: string; entry: Entry; prio: number }[] = [];
          for (const s of rules.sitemaps) {
            const u = normalise(s, origin);
            if (u && inScope(u)) found.push({ host: hostOf(u), entry: { url: u, kind: "sitemap", depth: 0, via: url }, prio: PRIO.sitemap });
          }
          if (!rules.sitemaps.length && state.root) found.push({ host, entry: { url: `${origin}/sitemap.xml`, kind: "sitemap", depth: 0, via: "probe" }, prio: PRIO.sitemap });
          await f.offer(found);
          await give({ waitMs: h.nextAt });
        } catch (err) {
          // RFC 9309: an unreachable robots.txt means nothing may be fetched from the host.
          const rec = errorRecord(err);
          report({ type: "error", url, kind: "robots", ...rec, retry: false });
          await give({ waitMs: c.delay * 1000, parked: `robots.txt unreachable: ${rec.message}` });
        }
        return 0;
      }
      h.delayMs = Number(state.delayMs ?? c.delay * 1000);
      const popped = await f.pop(host, token, c.maxPerHost);
      if (!popped) {
        await give({ waitMs: -1 });
        return 0;
      }
      const { entry, raw } = popped;
      const member = `${host}\n${raw}`;
      if (!rules.allowed(entry.url)) {
        void f.stat("skipped:disallowed by robots.txt");
        await give({ waitMs: -1, drop: member });
        return 0;
      }
      counts.requests++;
      perHost(host);
      counts.pages++;
      void f.stat("requests");
      let fetched: Fetched;
      try {
        // Not aborted by a stop: a request ends within its time limit, and the stop waits for it (as for a job in hand).
        fetched = await crawlFetch(entry.url, entry.kind, c);
      } catch (err) {
        return failed(err);
      }
      const status = fetched.status;
      if (status === 429 || status === 503) return failed(new NewsclipError("FETCH_FAILED", `HTTP ${status}`), retryAfter(fetched.headers["retry-after"]));
      if (status >= 500) return failed(new NewsclipError("FETCH_FAILED", `HTTP ${status}`));
      sched.ok(h, 0);
      // The host is free for its next request (after the delay) while this page is read, extracted and written.
      await give({ waitMs: h.nextAt });
      try {
        if (status >= 300 && status < 400) await redirect(entry, fetched);
        else if (status >= 400) {
          if (entry.via !== "probe") report({ type: "error", url: entry.url, kind: entry.kind, code: "FETCH_FAILED", message: `HTTP ${status}`, retry: false });
        } else if (entry.kind !== "article") {
          const queued: { host: string; entry: Entry; prio: number }[] = [];
          const finds: Finds = {
            queue: (url, kind, depth, x) => {
              if (!inScope(url) || depth > c.maxDepth) return false;
              queued.push({ host: hostOf(url), entry: { url, kind, depth, ...(x.via ? { via: x.via } : {}) }, prio: PRIO[kind] });
              return true;
            },
            skip: () => {},
            emit: report,
            feedHosts,
          };
          discover({ url: entry.url, host, kind: entry.kind, depth: entry.depth }, fetched.bytes, fetched.contentType, finds);
          await f.offer(queued);
          void f.stat("listings");
        } else if (fetched.contentType && !HTML.test(fetched.contentType)) {
          report({ type: "error", url: entry.url, kind: "article", code: "NOT_HTML", message: `${fetched.contentType.split(";")[0]}, not a page`, retry: false });
        } else {
          await article(entry, fetched);
        }
      } catch (err) {
        report({ type: "error", url: entry.url, kind: entry.kind, ...errorRecord(err), retry: false });
        // An archive that cannot be written: the URL stays in flight and comes back after staleMs.
        if (errorRecord(err).code === "STORE_FAILED") return 1000;
      }
      await f.done(host, raw);
      return 0;

      /** A request that failed in a way that may pass: back-off (or park) the host, the URL back in the queue for its next try. */
      async function failed(err: unknown, waitMs?: number): Promise<number> {
        const rec = errorRecord(err);
        const passing = rec.code === "TIMEOUT" || (rec.code === "FETCH_FAILED" && !/redirects/.test(rec.message));
        if (passing) sched.failed(h, 0, rec.message, waitMs);
        else sched.ok(h, 0);
        const tries = (entry.tries ?? 0) + 1;
        const retry = passing && tries < c.maxTries;
        report({ type: "error", url: entry.url, kind: entry.kind, ...rec, retry });
        if (h.parked) o.log({ event: "crawl-parked", worker: o.id, host, reason: h.parked });
        await give({ waitMs: h.parked ? c.delay * 1000 : h.nextAt, drop: member, ...(h.parked ? { parked: h.parked } : {}), ...(retry ? { requeue: { ...entry, tries } } : {}) });
        return 0;
      }
    } catch (err) {
      await f.release(host, token, { waitMs: c.delay * 1000, failures: 0 }).catch(() => {});
      throw err;
    }
  };

  function inScope(url: string): boolean {
    return conf?.anySite === true || sites.has(siteKey(url));
  }

  async function redirect(entry: Entry, fetched: Fetched): Promise<void> {
    const to = normalise(fetched.headers["location"] ?? "", entry.url);
    if (!to || !inScope(to)) return void f.stat("skipped:redirect out of scope");
    if ((entry.hops ?? 0) + 1 > MAX_HOPS) return report({ type: "error", url: entry.url, kind: entry.kind, code: "FETCH_FAILED", message: `more than ${MAX_HOPS} redirects`, retry: false });
    const kind = entry.kind === "article" || classify(to).kind === "other" ? entry.kind : classify(to).kind;
    await f.offer([{ host: hostOf(to), entry: { url: to, kind, depth: entry.depth, hops: (entry.hops ?? 0) + 1, via: entry.url }, prio: PRIO[kind] }]);
  }

  async function article(entry: Entry, fetched: Fetched): Promise<void> {
    const contentType = fetched.contentType;
    let a: Article;
    try {
      a = o.extract ? await o.extract(fetched.bytes, entry.url, contentType) : extract(fetched.bytes, { url: entry.url, timeoutMs: o.timeoutMs, ...(contentType ? { contentType } : {}) });
    } catch (err) {
      return report({ type: "error", url: entry.url, kind: "article", ...errorRecord(err), retry: false });
    }
    if (a.url === undefined) a = { ...a, url: entry.url };
    // Keyed on the URL, then canonical URL and content as every archive write: fetched twice, stored once.
    await o.store.save(a, { id: entry.url, html: fetched.bytes });
    counts.articles++;
    void f.stat("articles");
  }

  const loops = Array.from({ length: o.hosts }, async () => {
    while (!o.signal.aborted) {
      let next: number | "idle" | "limit";
      try {
        next = await turn();
      } catch (err) {
        // Redis gone: the commands wait through a restart (ioredis); anything else is logged and the loop goes on.
        o.log({ event: "crawl-error", worker: o.id, ...errorRecord(err) });
        next = 1000;
      }
      if (next === "idle" || next === "limit") {
        // Past --max-pages the URLs still queued stay there; only the pages in flight are waited for.
        if (next === "limit" ? (await o.client.zcard(f.p + "inflight")) === 0 : await f.idle()) return;
        next = 500;
      }
      if (next > 0) await sleep(next + Math.random() * 20);
    }
  });
  await Promise.all(loops);
  return counts;
}

/**
 * A host's lease outlasts any request (two fetch time limits and a margin): only a worker that died frees its host
 * when the lease lapses. A URL in flight longer than a fetch, an extraction and an archive write's retries can take
 * was left by a dead worker. NEWSCLIP_CRAWL_LEASE_MS and NEWSCLIP_CRAWL_STALE_MS shorten them (tests).
 */
export function timings(c: CrawlConf): { leaseMs: number; staleMs: number } {
  const leaseMs = Number(process.env.NEWSCLIP_CRAWL_LEASE_MS) || c.timeoutMs * 2 + 10_000;
  const staleMs = Number(process.env.NEWSCLIP_CRAWL_STALE_MS) || leaseMs + 60_000;
  return { leaseMs, staleMs };
}

function strip<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
