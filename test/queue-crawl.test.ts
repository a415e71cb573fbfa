/**
 * The crawl on the queue, with real servers (Redis, PostgreSQL) and real worker processes: two `newsclip worker`s crawl
 * the loopback news network (test/fixtures/crawl/network.ts) from one frontier in Redis, and the sites' own request
 * log proves that no host ever had two requests in flight nor two closer than its delay (across both workers), that
 * robots.txt was read once per host and nothing was fetched twice except a retry, and the archive holds every story
 * exactly once. Without the servers the test skips, saying how to start them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import pg from "pg";
import { ROOT, runCli } from "./fixtures/batch/helpers.ts";
import { Network, articlePage, send, sleep, stories, storyPath, type LogEntry, type Story } from "./fixtures/crawl/network.ts";
import { REDIS, freshDatabase, freshQueue, noServers } from "./fixtures/services.ts";

const CLI = join(ROOT, "src", "cli", "index.ts");
const DELAY = 0.15;
const B_DELAY = 0.3;

function special(section: string, slug: string, title: string): Story {
  return { section, slug, title, author: "Omar Haddad", date: "2026-03-20T09:00:00Z", tags: ["politics"], version: 1, paragraphs: 7 };
}

/** One site's requests: one at a time, and never sooner than the delay after the previous one ended. */
function assertPolite(log: LogEntry[], site: string, delayS: number): number {
  const reqs = log.filter((e) => e.site === site).sort((x, y) => x.start - y.start);
  assert.ok(reqs.length > 3, `${site}: some requests`);
  let closest = Infinity;
  for (let i = 1; i < reqs.length; i++) {
    const prev = reqs[i - 1];
    const gap = reqs[i].start - prev.end;
    const what = `${site}: ${reqs[i].path} at ${reqs[i].start.toFixed(0)}, ${prev.path} ${prev.start.toFixed(0)}-${prev.end.toFixed(0)} (${prev.status})`;
    assert.ok(gap >= 0, `two requests in flight at once: ${what}`);
    assert.ok(gap >= delayS * 1000 - 5, `only ${gap.toFixed(0)} ms after the previous: ${what}`);
    closest = Math.min(closest, gap);
  }
  return closest;
}

function worker(args: string[], env: Record<string, string> = {}): { logs: Promise<Record<string, any>[]>; code: Promise<number | null>; stderr: () => string; kill: () => void } {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "worker", ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const closed = once(child, "close");
  return {
    code: closed.then(([code]) => code as number | null),
    logs: closed.then(() =>
      out
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, any>),
    ),
    stderr: () => err,
    kill: () => void child.kill("SIGKILL"),
  };
}

test("two workers crawl one site list from Redis: polite per host across both, every story stored once", async (t) => {
  if (noServers(t)) return;
  const db = await freshDatabase(t);
  const queue = freshQueue(t);
  const a = stories(10, ["news", "sport"], 1);
  const b = stories(8, ["politics", "business"], 5);
  const c = stories(6, ["local", "sport"], 9);
  const busy = special("business", "busy-server-story-about-the-port", "A busy server story about the port");
  let busyHits = 0;
  const net = await Network.start([
    {
      name: "a",
      title: "The Millbrook Courier",
      robots: "User-agent: *\nDisallow: /private/\nSitemap: {origin}/sitemap_index.xml\n",
      sections: ["news", "sport"],
      stories: a,
      discovery: "sitemap-index",
      // Each answer takes a while, so the two workers really do meet on the same hosts.
      latencyMs: 30,
      routes: {
        "/private/2026/03/secret-plans-for-the-harbour": (req, res, site) => send(req, res, "text/html", articlePage(site, special("private", "secret-plans-for-the-harbour", "Secret plans"))),
        "/old/harbour-ferry-enters-service": (_req, res) => void res.writeHead(301, { location: storyPath(a[1]) + "?utm_source=redirect" }).end(),
      },
    },
    {
      name: "b",
      title: "Harbor Daily",
      robots: "User-agent: newsclip\nCrawl-delay: 0.3\nDisallow: /drafts/\n\nUser-agent: *\nDisallow: /\n",
      sections: ["politics", "business"],
      stories: b,
      discovery: "feeds",
      latencyMs: 20,
      routes: {
        [storyPath(busy)]: (req, res, site) => {
          if (++busyHits === 1) return void res.writeHead(429, { "retry-after": "1" }).end();
          send(req, res, "text/html", articlePage(site, busy));
        },
        "/business/2026/03/always-failing-story-about-rates": (_req, res) => void res.writeHead(500).end("oops"),
      },
    },
    { name: "c", title: "Valley Post", sections: ["local", "sport"], stories: c, discovery: "links", latencyMs: 30 },
  ]);
  t.after(() => net.close());
  // b's feed lists the busy and the failing story too.
  b.push(busy);

  const add = await runCli([
    "queue", "add", "--crawl", net.sites.a.origin + "/", net.sites.b.origin + "/", net.sites.c.origin + "/",
    "--redis", REDIS!, "--queue", queue, "--delay", String(DELAY), "--backoff", "0.2", "--max-depth", "4", "--allow-private", "--json",
  ]);
  assert.equal(add.code, 0, add.stderr);
  assert.deepEqual(JSON.parse(add.stdout), { queue, crawl: true, seeds: 3, queued: 3 });

  const args = ["--redis", REDIS!, "--store", db, "--queue", queue, "--until-idle", "--crawl-hosts", "3"];
  const w1 = worker(args);
  await sleep(150);
  const w2 = worker(args);
  const [c1, c2] = await Promise.all([w1.code, w2.code]);
  assert.equal(c1, 0, w1.stderr());
  assert.equal(c2, 0, w2.stderr());
  const stops = [(await w1.logs).find((r) => r.event === "stop"), (await w2.logs).find((r) => r.event === "stop")];
  // Both workers crawled: the hosts went back and forth between them.
  for (const s of stops) assert.ok(s?.crawl?.requests > 3, `a worker made only ${s?.crawl?.requests} requests: ${JSON.stringify(stops)}`);

  // And the hosts' turns went from one worker to the other.
  const shared = Object.keys(stops[0].crawl.byHost).filter((h) => stops[1].crawl.byHost[h] > 0);
  assert.ok(shared.length > 0, `no host was fetched from by both workers: ${JSON.stringify(stops.map((s) => s.crawl.byHost))}`);

  const log = net.log;
  const closest = [assertPolite(log, "a", DELAY), assertPolite(log, "b", B_DELAY), assertPolite(log, "c", DELAY)];
  t.diagnostic(`requests ${log.length} (worker 1: ${stops[0].crawl.requests}, worker 2: ${stops[1].crawl.requests}; ${shared.length} hosts fetched from by both); closest gaps a/b/c ${closest.map((g) => g.toFixed(0)).join("/")} ms`);
  for (const s of ["a", "b", "c"]) assert.equal(log.filter((e) => e.site === s && e.path === "/robots.txt").length, 1, `${s}: robots.txt read once`);
  assert.ok(!log.some((e) => e.path.startsWith("/private/") || e.path.startsWith("/drafts/")), "a disallowed path fetched");
  // Nothing twice, except a retry after a 429 or 5xx.
  const seen = new Map<string, LogEntry[]>();
  for (const e of log) seen.set(e.site + e.path, [...(seen.get(e.site + e.path) ?? []), e]);
  for (const [k, es] of seen) if (es.length > 1) assert.ok(es.slice(0, -1).every((e) => e.status === 429 || e.status >= 500), `${k} fetched ${es.length} times`);
  assert.equal(seen.get("b/business/2026/03/always-failing-story-about-rates")?.length, 3, "a failing URL tried three times");
  // After the 429 the host waited its Retry-After (1 s) before anything else was asked of it, whichever worker asked.
  const bLog = log.filter((e) => e.site === "b").sort((x, y) => x.start - y.start);
  const i429 = bLog.findIndex((e) => e.status === 429);
  assert.ok(i429 >= 0 && bLog[i429 + 1].start - bLog[i429].end >= 995, "Retry-After honoured");

  // Every story once in the archive, keyed by its URL.
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const rows = (await client.query<{ url: string; source_key: string }>("SELECT url, source_key FROM articles")).rows;
  await client.end();
  const expected = [...a.map((s) => net.sites.a.origin + storyPath(s)), ...b.map((s) => net.sites.b.origin + storyPath(s)), ...c.map((s) => net.sites.c.origin + storyPath(s))];
  assert.equal(rows.length, expected.length, `rows: ${rows.map((r) => r.source_key).join(" ")}`);
  assert.deepEqual(rows.map((r) => r.source_key).sort(), expected.sort());

  // queue status reports the crawl.
  const st = await runCli(["queue", "status", "--redis", REDIS!, "--queue", queue, "--json"]);
  const crawl = JSON.parse(st.stdout).crawl;
  assert.equal(crawl.articles, expected.length);
  assert.deepEqual([crawl.queued, crawl.hosts, crawl.inflight], [0, 0, 0]);
  assert.equal(crawl.requests, log.length);
});

test("a worker killed with SIGKILL mid-crawl: its host waits out the lease, the other worker finishes, every story once", async (t) => {
  if (noServers(t)) return;
  const db = await freshDatabase(t);
  const queue = freshQueue(t);
  const a = stories(30, ["news", "sport"], 3);
  const c = stories(20, ["local", "sport"], 7);
  const net = await Network.start([
    { name: "a", title: "The Millbrook Courier", robots: "User-agent: *\nSitemap: {origin}/sitemap_index.xml\n", sections: ["news", "sport"], stories: a, discovery: "sitemap-index", latencyMs: 40 },
    { name: "c", title: "Valley Post", sections: ["local", "sport"], stories: c, discovery: "links", latencyMs: 40 },
  ]);
  t.after(() => net.close());
  const add = await runCli(["queue", "add", "--crawl", net.sites.a.origin + "/", net.sites.c.origin + "/", "--redis", REDIS!, "--queue", queue, "--delay", "0.1", "--allow-private"]);
  assert.equal(add.code, 0, add.stderr);
  // A short lease, so the dead worker's host comes back in seconds (a request here takes ~50 ms).
  const env = { NEWSCLIP_CRAWL_LEASE_MS: "5000", NEWSCLIP_CRAWL_STALE_MS: "10000" };
  const args = ["--redis", REDIS!, "--store", db, "--queue", queue, "--until-idle", "--crawl-hosts", "2"];
  const doomed = worker(args, env);
  const w2 = worker(args, env);
  const t0 = performance.now();
  while (net.log.length < 20 && performance.now() - t0 < 60_000) await sleep(20);
  doomed.kill();
  const killedAt = performance.now();
  await doomed.code;
  assert.equal(await w2.code, 0, w2.stderr());
  const stop = (await w2.logs).find((r) => r.event === "stop");
  assert.ok(stop.crawl.requests > 0);
  t.diagnostic(`killed after ${net.log.filter((e) => e.start < killedAt).length} of ${net.log.length} requests`);

  // Politeness held through the kill: a request the dead worker left in flight ends when the server notices the
  // hang-up, and the host's next request waited for the lease to lapse.
  assertPolite(net.log, "a", 0.1);
  assertPolite(net.log, "c", 0.1);
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const rows = (await client.query<{ source_key: string }>("SELECT source_key FROM articles")).rows;
  await client.end();
  const expected = [...a.map((s) => net.sites.a.origin + storyPath(s)), ...c.map((s) => net.sites.c.origin + storyPath(s))];
  assert.deepEqual(rows.map((r) => r.source_key).sort(), expected.sort());
  const st = JSON.parse((await runCli(["queue", "status", "--redis", REDIS!, "--queue", queue, "--json"])).stdout).crawl;
  assert.deepEqual([st.queued, st.hosts, st.inflight], [0, 0, 0]);
  t.diagnostic(`URLs taken back from the dead worker: ${st.requeued}`);
});
