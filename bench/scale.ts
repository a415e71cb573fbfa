/**
 * Scale-out on this machine, on the compiled CLI, into PostgreSQL (docs/scale.md).
 *   npm run bench:scale [-- --records=20000 --chunk=4194304 --keep] [--pg-only: the PostgreSQL rates alone]
 *
 * Needs Redis and PostgreSQL (scripts/services.sh start; URLs from NEWSCLIP_TEST_REDIS and NEWSCLIP_TEST_PG, or
 * NEWSCLIP_REDIS and NEWSCLIP_PG) and the Zyte pages (../shared/bench/zyte). Builds a WARC.gz of the 181 Zyte pages
 * repeated (each response after its request record) and runs, each into an empty PostgreSQL database:
 *   (a) newsclip batch --workers 2 --store postgres://...
 *   (b) queue add, then 1 worker process
 *   (c) queue add, then 2 worker processes
 * and, as the machine's ceiling, the same pages extracted by one plain process and by two at once. Prints pages/s,
 * the per-record cost of the queue and archive writes, the scaling ratio (c)/(b) next to the plain processes' ratio,
 * the RSS of every worker over its run, Redis commands per job, and PostgreSQL's insert and search rates measured on
 * their own. Writes the figures as JSON to bench/scale-results.json. Not a timed test: it gates nothing.
 *
 * pages/s counts records processed. The copies of a Zyte page keep its canonical URL and text, so the archive dedupes
 * them to 181 rows: after the first pass every write is an update (the same statements and locks as an insert, plus
 * the lookup that finds the row). The insert rate of distinct articles is measured apart, with the search rate.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Redis } from "ioredis";
import { compileCli, writeWarc, zytePages } from "./setup.ts";

const root = join(import.meta.dirname, "..");
const shared = process.env.NEWSCLIP_SHARED ?? join(root, "..", "shared");
const zyte = join(shared, "bench", "zyte");
const REDIS = process.env.NEWSCLIP_REDIS ?? process.env.NEWSCLIP_TEST_REDIS;
const PG = process.env.NEWSCLIP_PG ?? process.env.NEWSCLIP_TEST_PG;
if (!existsSync(zyte)) {
  console.log(`bench:scale: ${zyte} not found, skipped`);
  process.exit(0);
}
if (!REDIS || !PG) {
  console.log('bench:scale: needs Redis and PostgreSQL: sudo scripts/services.sh start; eval "$(scripts/services.sh env)"');
  process.exit(1);
}
const arg = (name: string, def: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? def);
const RECORDS = arg("records", 20000);
/** Plain-process pages: the same order of time as a run, capped. */
const PLAIN = Math.min(RECORDS, 4000);
const CHUNK = arg("chunk", 4 * 1024 * 1024);
const keep = process.argv.includes("--keep");
const tmp = mkdtempSync(join(tmpdir(), "newsclip-bench-scale-"));
const log = (m: string) => console.log(`bench:scale: ${m}`);

// 1. The compiled CLI.
let t = performance.now();
const cli = compileCli(root, tmp, log);
log(`compiled in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// 2. The WARC.gz, as bench/batch.ts builds it.
t = performance.now();
const pages = zytePages(zyte);
const warc = join(tmp, `crawl-${RECORDS}.warc.gz`);
await writeWarc(warc, pages, RECORDS);
log(`built a ${RECORDS}-record WARC.gz in ${((performance.now() - t) / 1000).toFixed(1)} s (${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)})`);

// 3. Helpers: a fresh database per run, RSS polling, Redis command counts.
const admin = new pg.Client({ connectionString: PG });
await admin.connect();
const dbs: string[] = [];
async function freshDb(): Promise<string> {
  const name = `newsclip_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  dbs.push(name);
  const u = new URL(PG!);
  u.pathname = "/" + name;
  execFileSync(process.execPath, [cli, "store", "migrate", "--store", u.toString()], { stdio: "pipe" });
  return u.toString();
}
async function rows(db: string): Promise<{ rows: number; keys: number }> {
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  const r = await c.query("SELECT count(*) AS rows, count(DISTINCT source_key) AS keys FROM articles");
  await c.end();
  return { rows: Number(r.rows[0].rows), keys: Number(r.rows[0].keys) };
}
function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
const redis = new Redis(REDIS!, { maxRetriesPerRequest: null });
async function redisCalls(): Promise<number> {
  const info = await redis.info("commandstats");
  let n = 0;
  for (const m of info.matchAll(/calls=(\d+)/g)) n += Number(m[1]);
  return n;
}

interface Proc {
  pid: number;
  done: Promise<number>;
  rss: number[];
  /** CPU seconds of the process (every thread), as last read (a read every 0.5 s: up to 0.5 s short at the end). */
  cpu: number;
}
/** CPU seconds of a process from /proc (utime + stime), 0 once it is gone. */
function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}
/**
 * CPU seconds of the PostgreSQL server on this machine (the bench's server is local): every server process's own, and
 * the postmaster's reaped children's (cutime, cstime), where a connection's backend goes when the worker closes it.
 */
function pgCpu(): number {
  let s = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) continue;
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      s += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return s;
}
function start(args: string[], logs?: string[]): Proc {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", logs ? "pipe" : "ignore", "inherit"] });
  if (logs) {
    let buf = "";
    child.stdout!.on("data", (d) => {
      buf += d;
      const lines = buf.split("\n");
      buf = lines.pop()!;
      logs.push(...lines.filter(Boolean));
    });
  }
  const p: Proc = { pid: child.pid!, rss: [], cpu: 0, done: once(child, "close").then(([code]) => code as number) };
  const timer = setInterval(() => {
    const r = rssMb(p.pid);
    if (r) p.rss.push(r);
    p.cpu = cpuOf(p.pid) || p.cpu;
  }, 500);
  void p.done.finally(() => clearInterval(timer));
  return p;
}

interface Run {
  name: string;
  seconds: number;
  pps: number;
  rows: number;
  keys: number;
  rss: { first: number; peak: number; last: number }[];
  redisCallsPerJob?: number;
  jobs?: number;
  /** Worker time a record, from the workers' job-done logs: extraction (with decoding), archive writes, the rest of the job. */
  perRecordMs?: { extract: number; save: number; rest: number };
  /** CPU a record (ms): the newsclip processes (every thread; workers from their stop line), and the PostgreSQL server. */
  cpuMs: { newsclip: number; postgres: number };
}

function rssSummary(p: Proc): { first: number; peak: number; last: number } {
  const r = p.rss.length ? p.rss : [0];
  // The first sample after start-up (2 s), the peak, the last: flat means last close to the early figure.
  return { first: Math.round(r[Math.min(4, r.length - 1)]), peak: Math.round(Math.max(...r)), last: Math.round(r[r.length - 1]) };
}

async function batchRun(): Promise<Run> {
  const db = await freshDb();
  const t0 = performance.now();
  const pg0 = pgCpu();
  const p = start(["batch", warc, "--out", join(tmp, "batch.jsonl"), "--workers", "2", "--store", db, "--quiet"]);
  const code = await p.done;
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = { newsclip: (p.cpu * 1000) / RECORDS, postgres: ((pgCpu() - pg0) * 1000) / RECORDS };
  if (code !== 0) throw new Error(`batch exited ${code}`);
  rmSync(join(tmp, "batch.jsonl"), { force: true });
  const r = await rows(db);
  return { name: "(a) batch --workers 2", seconds, pps: RECORDS / seconds, ...r, rss: [rssSummary(p)], cpuMs };
}

async function queueRun(workers: number): Promise<Run> {
  const db = await freshDb();
  const queue = `bench-${randomBytes(3).toString("hex")}`;
  execFileSync(process.execPath, [cli, "queue", "add", warc, "--redis", REDIS!, "--queue", queue, "--chunk", String(CHUNK)], { stdio: "pipe" });
  const jobs = Number(await redis.llen(`bull:${queue}:wait`));
  const calls0 = await redisCalls();
  const t0 = performance.now();
  const pg0 = pgCpu();
  const logs: string[] = [];
  const ps = Array.from({ length: workers }, () => start(["worker", "--redis", REDIS!, "--store", db, "--queue", queue, "--until-idle"], logs));
  const codes = await Promise.all(ps.map((p) => p.done));
  const seconds = (performance.now() - t0) / 1000;
  if (codes.some((c) => c !== 0)) throw new Error(`worker exited ${codes}`);
  const pgMs = ((pgCpu() - pg0) * 1000) / RECORDS;
  const calls = (await redisCalls()) - calls0;
  const r = await rows(db);
  const keys = await redis.keys(`bull:${queue}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.del(`newsclip:${queue}:stats`);
  const done = logs.map((l) => JSON.parse(l) as Record<string, number | string>).filter((l) => l.event === "job-done");
  const sum = (k: string) => done.reduce((a, l) => a + Number(l[k] ?? 0), 0);
  const recs = sum("records");
  const perRecordMs = { extract: sum("extractMs") / recs, save: sum("saveMs") / recs, rest: (sum("ms") - sum("extractMs") - sum("saveMs")) / recs };
  const stops = logs.map((l) => JSON.parse(l) as Record<string, number | string>).filter((l) => l.event === "stop");
  const cpuMs = { newsclip: stops.reduce((a, l) => a + Number(l.cpuMs ?? 0), 0) / RECORDS, postgres: pgMs };
  return {
    perRecordMs, name: `(${workers === 1 ? "b" : "c"}) queue, ${workers} worker process${workers > 1 ? "es" : ""}`, seconds, pps: RECORDS / seconds, ...r, rss: ps.map(rssSummary), jobs, redisCallsPerJob: calls / jobs, cpuMs };
}

// The machine's ceiling: extraction alone, in one process and in two at once (as bench/batch.ts).
const loop = join(tmp, "loop.mjs");
writeFileSync(
  loop,
  `import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
const { extract } = await import(${JSON.stringify(join(tmp, "dist", "index.js"))});
const dir = ${JSON.stringify(join(zyte, "html"))};
const pages = readdirSync(dir).filter((f) => f.endsWith(".html.gz")).sort().map((f) => gunzipSync(readFileSync(dir + "/" + f)));
const n = Number(process.argv[2]);
const t = performance.now();
const c = process.cpuUsage();
for (let i = 0; i < n; i++) extract(pages[i % pages.length]);
const u = process.cpuUsage(c);
console.log((performance.now() - t) / 1000, (u.user + u.system) / 1e6);
`,
);
/** Seconds and CPU seconds of extracting n pages, loading excluded. */
async function loopRun(n: number): Promise<{ seconds: number; cpu: number }> {
  const child = spawn(process.execPath, [loop, String(n)], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await once(child, "close");
  const [seconds, cpu] = out.trim().split(" ").map(Number);
  return { seconds, cpu };
}
async function plain(n: number): Promise<{ alone: number; pair: number; cpuMs: number }> {
  const one = await loopRun(n);
  const pair = n / Math.max(...(await Promise.all([loopRun(Math.ceil(n / 2)), loopRun(Math.ceil(n / 2))])).map((r) => r.seconds));
  return { alone: n / one.seconds, pair, cpuMs: (one.cpu * 1000) / n };
}

// 4. PostgreSQL alone: insert and search rates on an archive the size of the runs'.
interface Searches {
  perSec: number;
  p50Ms: number;
  p95Ms: number;
}

async function pgRates(): Promise<{ insertPerSec: number; insertPerSec2: number; fresh: Searches; steady: Searches; tableMb: number; indexMb: number; rows: number }> {
  const db = await freshDb();
  const { openStore } = await import(join(tmp, "dist", "store", "index.js"));
  const { extract } = await import(join(tmp, "dist", "index.js"));
  const articles = pages.map((p) => extract(p.body, { url: p.url }));
  const make = (i: number) => {
    const a = articles[i % articles.length];
    return { article: { ...a, url: `${a.url ?? "https://x.test/"}#w${i}`, canonicalUrl: `https://bench.test/${i}`, title: `${a.title ?? ""} ${i}`, text: `${a.text} ${i}` }, options: { id: `bench-${i}` } };
  };
  const store = openStore(db);
  const n = Math.min(RECORDS, 10000);
  let t0 = performance.now();
  for (let i = 0; i < n; i += 50) await store.saveMany(Array.from({ length: Math.min(50, n - i) }, (_, k) => make(i + k)));
  const insertPerSec = n / ((performance.now() - t0) / 1000);
  // Two writers at once, as two workers.
  const other = openStore(db);
  t0 = performance.now();
  await Promise.all(
    [store, other].map(async (s, w) => {
      for (let i = 0; i < n / 2; i += 50) await s.saveMany(Array.from({ length: 50 }, (_, k) => make(n + w * (n / 2) + i + k)));
    }),
  );
  const insertPerSec2 = n / ((performance.now() - t0) / 1000);
  const words = ["government", "police", "market", "election", "football", "school", "weather", "court", "company", "health", "climate", "water", "president", "city", "music"];
  const searches = async (): Promise<Searches> => {
    const lat: number[] = [];
    const s0 = performance.now();
    for (let i = 0; performance.now() - s0 < 10_000; i++) {
      const q = i % 3 === 2 ? `${words[i % words.length]} ${words[(i * 7) % words.length]}` : words[i % words.length];
      const q0 = performance.now();
      await store.search({ q, limit: 20 });
      lat.push(performance.now() - q0);
    }
    const perSec = lat.length / ((performance.now() - s0) / 1000);
    lat.sort((a, b) => a - b);
    return { perSec, p50Ms: lat[Math.floor(lat.length / 2)], p95Ms: lat[Math.floor(lat.length * 0.95)] };
  };
  // Right after a bulk load the GIN index's pending list is long and the planner scans the table instead (each row's
  // tsvector read from TOAST); autovacuum merges it in time, as VACUUM does here.
  const fresh = await searches();
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  await c.query("VACUUM ANALYZE articles");
  const steady = await searches();
  const size = await c.query("SELECT pg_total_relation_size('articles') + pg_total_relation_size('documents') AS t, pg_relation_size('articles_search') AS i, (SELECT count(*) FROM articles) AS n");
  await c.end();
  await store.close();
  await other.close();
  return {
    insertPerSec,
    insertPerSec2,
    fresh,
    steady,
    tableMb: Number(size.rows[0].t) / 2 ** 20,
    indexMb: Number(size.rows[0].i) / 2 ** 20,
    rows: Number(size.rows[0].n),
  };
}

const pgOnly = process.argv.includes("--pg-only");
const pgLine = (rates: Awaited<ReturnType<typeof pgRates>>) =>
  log(
    `PostgreSQL alone: ${rates.insertPerSec.toFixed(0)} articles/s inserted by one writer (transactions of 50), ${rates.insertPerSec2.toFixed(0)} by two; ` +
      `search on ${rates.rows} articles: right after the load ${rates.fresh.perSec.toFixed(0)} queries/s (p50 ${rates.fresh.p50Ms.toFixed(1)} ms, p95 ${rates.fresh.p95Ms.toFixed(1)} ms), ` +
      `vacuumed ${rates.steady.perSec.toFixed(0)} queries/s (p50 ${rates.steady.p50Ms.toFixed(1)} ms, p95 ${rates.steady.p95Ms.toFixed(1)} ms); ` +
      `${((rates.tableMb / rates.rows) * 1024).toFixed(1)} KB an article on disk (GIN index ${((rates.indexMb / rates.rows) * 1024).toFixed(1)} KB)`,
  );

try {
  if (pgOnly) {
    const rates = await pgRates();
    log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} at the end`);
    pgLine(rates);
    const file = join(root, "bench", "scale-results.json");
    const prev = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
    writeFileSync(file, JSON.stringify({ ...prev, pg: rates, pgDate: new Date().toISOString() }, null, 2) + "\n");
    log("PostgreSQL figures written to bench/scale-results.json");
  } else {
    const runs: Run[] = [];
    const report = (r: Run) => {
      runs.push(r);
      log(
        `${r.name}: ${RECORDS} records, ${r.rows} rows in ${r.seconds.toFixed(1)} s = ${r.pps.toFixed(1)} pages/s; RSS ${r.rss.map((x) => `${x.first}/${x.peak}/${x.last}`).join(", ")} MB (early/peak/last)` +
          (r.jobs ? `; ${r.jobs} jobs, ${r.redisCallsPerJob!.toFixed(0)} Redis commands a job` : "") +
          (r.perRecordMs ? `; a record: extraction ${r.perRecordMs.extract.toFixed(2)} ms, archive write ${r.perRecordMs.save.toFixed(2)} ms, reading and the rest ${r.perRecordMs.rest.toFixed(2)} ms` : "") +
          `; CPU a record: newsclip ${r.cpuMs.newsclip.toFixed(2)} ms, PostgreSQL ${r.cpuMs.postgres.toFixed(2)} ms`,
      );
    };
    const plainFirst = await plain(PLAIN);
    log(`plain processes: one ${plainFirst.alone.toFixed(1)} pages/s (CPU ${plainFirst.cpuMs.toFixed(2)} ms a page), two at once ${plainFirst.pair.toFixed(1)} (${(plainFirst.pair / plainFirst.alone).toFixed(2)}x)`);
    report(await batchRun());
    report(await queueRun(1));
    report(await queueRun(2));
    const plainLast = await plain(PLAIN);
    log(`plain processes again: one ${plainLast.alone.toFixed(1)} pages/s (CPU ${plainLast.cpuMs.toFixed(2)} ms a page), two at once ${plainLast.pair.toFixed(1)} (${(plainLast.pair / plainLast.alone).toFixed(2)}x)`);
    const alone = Math.max(plainFirst.alone, plainLast.alone);
    const ratioPlain = Math.max(plainFirst.pair / plainFirst.alone, plainLast.pair / plainLast.alone);
    const [a, b, c] = runs;
    const ratio = c.pps / b.pps;
    const perRecordMs = 1000 / b.pps - 1000 / alone;
    const overVsBatch = a.pps / c.pps - 1;
    log(`scaling (c)/(b): ${ratio.toFixed(2)}x; two plain processes over one: ${ratioPlain.toFixed(2)}x; (c)/(b) is ${(ratio / ratioPlain).toFixed(2)} of that (goal >= 0.9)`);
    log(`per record, queue + archive write on one worker: ${perRecordMs.toFixed(2)} ms over plain extraction (${(1000 / alone).toFixed(2)} ms), ${((100 * perRecordMs) / (1000 / alone)).toFixed(0)}%`);
    // CPU time does not depend on what else the machine runs, as wall time does: the steadier measure of a record's cost.
    const plainCpu = Math.min(plainFirst.cpuMs, plainLast.cpuMs);
    const cpuOver = b.cpuMs.newsclip - plainCpu;
    log(
      `CPU a record, one worker: ${b.cpuMs.newsclip.toFixed(2)} ms (start-up included) against ${plainCpu.toFixed(2)} ms for plain extraction: ${cpuOver.toFixed(2)} ms (${((100 * cpuOver) / plainCpu).toFixed(0)}%) of queue and archive work in the worker, ` +
        `${b.cpuMs.postgres.toFixed(2)} ms in PostgreSQL; batch --workers 2: ${a.cpuMs.newsclip.toFixed(2)} ms + ${a.cpuMs.postgres.toFixed(2)} ms in PostgreSQL`,
    );
    log(`queue with 2 workers vs batch --workers 2: ${c.pps.toFixed(1)} vs ${a.pps.toFixed(1)} pages/s (${overVsBatch >= 0 ? `${(100 * overVsBatch).toFixed(0)}% slower` : `${(-100 * overVsBatch).toFixed(0)}% faster`}; goal: overhead <= 15%)`);
    const rates = await pgRates();
    log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} at the end`);
    pgLine(rates);
    const out = { date: new Date().toISOString(), records: RECORDS, chunk: CHUNK, cores: availableParallelism(), plain: { first: plainFirst, last: plainLast }, runs, ratio, ratioPlain, perRecordMs, cpuMs: { plain: plainCpu, overhead: cpuOver }, overVsBatch, pg: rates };
    writeFileSync(join(root, "bench", "scale-results.json"), JSON.stringify(out, null, 2) + "\n");
    log("figures written to bench/scale-results.json");
  }
} finally {
  for (const d of dbs) await admin.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`).catch(() => {});
  await admin.end();
  redis.disconnect();
  if (!keep) rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
}
