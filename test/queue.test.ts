/**
 * The queue on real servers (Redis from NEWSCLIP_TEST_REDIS, PostgreSQL from NEWSCLIP_TEST_PG; without them these tests
 * skip and say how to start them), with real worker processes: every record in the archive exactly once when a worker
 * is killed with SIGKILL mid-job, when Redis is killed and restarted, when PostgreSQL drops every connection; poison
 * records and missing files parked with their error and retried; graceful SIGTERM; status. The cutting of inputs into
 * jobs needs no server.
 */
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import pg from "pg";
import { plan, split, type JobData, type RangeJob } from "../src/queue/plan.ts";
import { readRange } from "../src/batch/inputs.ts";
import { openStore } from "../src/store/index.ts";
import { ROOT, runCli, tempDir } from "./fixtures/batch/helpers.ts";
import { writeJsonl, writeWarc, writeWarcGz } from "./fixtures/queue/inputs.ts";
import { PG, REDIS, freshDatabase, freshQueue, noServers } from "./fixtures/services.ts";

const CLI = join(ROOT, "src", "cli", "index.ts");
/** Short locks and checks, so a killed worker's job comes back in about a second, and quick retries. */
const FAST = { NEWSCLIP_LOCK_MS: "2000", NEWSCLIP_STALLED_MS: "1000", NEWSCLIP_BACKOFF_MS: "150", NEWSCLIP_ATTEMPTS: "3", NEWSCLIP_REDIS_TIMEOUT_MS: "3000" };

async function rangeIds(job: RangeJob): Promise<string[]> {
  const ids: string[] = [];
  const ev = { skipped: () => {}, warn: () => {}, bytes: () => {} };
  for await (const item of readRange(job.file, job, { text: false, maxBytes: 1 << 24 }, ev)) ids.push(item.kind === "record" ? item.id : `problem:${item.id}:${item.error.message}`);
  return ids;
}

test("inputs are cut into jobs at record boundaries, and a job splits in two halves that hold the same records", async () => {
  const dir = tempDir();
  for (const file of [writeWarcGz(dir, "gz", 90), writeWarc(dir, "plain", 90), writeJsonl(dir, "lines", 90)]) {
    const jobs: JobData[] = [];
    for await (const j of plan([file], { chunkBytes: 4000, chunkItems: 10 }, () => {})) jobs.push(j);
    assert.ok(jobs.length >= 5, `${file}: ${jobs.length} jobs`);
    const all: string[] = [];
    for (const j of jobs) all.push(...(await rangeIds(j as RangeJob)));
    assert.equal(all.filter((id) => id.startsWith("problem")).length, 0, all.find((id) => id.startsWith("problem")));
    assert.equal(all.length, 90, `${file}: every record in one job`);
    assert.equal(new Set(all).size, 90, `${file}: no record in two jobs`);
    // A job's halves hold its records, once each; a one-record job does not split.
    const halves = await split(jobs[1]);
    assert.ok(halves);
    assert.deepEqual([...(await rangeIds(halves[0] as RangeJob)), ...(await rangeIds(halves[1] as RangeJob))], await rangeIds(jobs[1] as RangeJob));
    let one: JobData = jobs[0];
    for (let h = await split(one); h; h = await split(one)) one = h[1];
    // Down to one WARC record (a request record yields no page) or one line.
    assert.ok((await rangeIds(one as RangeJob)).length <= 1);
  }
  // JSONL ids keep their line numbers across jobs, as `newsclip batch` names them.
  const jobs: JobData[] = [];
  const lines = writeJsonl(dir, "ids", 30);
  for await (const j of plan([lines], { chunkBytes: 3000, chunkItems: 10 }, () => {})) jobs.push(j);
  const ids = (await Promise.all(jobs.map((j) => rangeIds(j as RangeJob)))).flat();
  assert.deepEqual(ids, Array.from({ length: 30 }, (_, i) => `${lines}:${i + 1}`));
  // Folders go as lists of files, URL lists as lists of URLs.
  const pages = join(dir, "pages");
  mkdirSync(pages);
  for (let i = 0; i < 25; i++) writeFileSync(join(pages, `p${String(i).padStart(2, "0")}.html`), "<p>x</p>");
  const urls = join(dir, "seeds.urls");
  writeFileSync(urls, "# seeds\nhttps://a.test/1\n\nhttps://a.test/2\n");
  const more: JobData[] = [];
  for await (const j of plan([pages, urls], { chunkBytes: 4000, chunkItems: 10 }, () => {})) more.push(j);
  assert.deepEqual(more.map((j) => (j.kind === "files" ? j.files.length : j.kind === "urls" ? j.urls : j.kind)), [10, 10, 5, ["https://a.test/1", "https://a.test/2"]]);
  await assert.rejects(async () => {
    for await (const _ of plan([join(dir, "missing.warc.gz")], { chunkBytes: 4000, chunkItems: 10 }, () => {})) void _;
  }, /READ_FAILED|missing\.warc\.gz/);
});

interface Running {
  child: ChildProcess;
  logs: Record<string, any>[];
  /** Resolves with the first log record that satisfies `pred`. */
  waitFor(pred: (rec: Record<string, any>) => boolean, ms?: number): Promise<Record<string, any>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWorker(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "worker", ...args], { cwd: ROOT, env: { ...process.env, ...FAST, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const logs: Record<string, any>[] = [];
  const waiters: { pred: (r: Record<string, any>) => boolean; resolve: (r: Record<string, any>) => void }[] = [];
  let buf = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split("\n");
    buf = lines.pop()!;
    for (const l of lines) {
      if (!l.trim()) continue;
      const rec = JSON.parse(l) as Record<string, any>;
      logs.push(rec);
      for (const w of [...waiters]) if (w.pred(rec)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(rec));
    }
  });
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, "close").then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stderr }));
  return {
    child,
    logs,
    exited,
    waitFor: (pred, ms = 60_000) => {
      const hit = logs.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such log line in ${ms} ms; got: ${JSON.stringify(logs).slice(-2000)} ${stderr}`)), ms);
        waiters.push({ pred, resolve: (r) => (clearTimeout(timer), resolve(r)) });
        void exited.then(() => setTimeout(() => reject(new Error(`worker exited before the log line; got: ${JSON.stringify(logs).slice(-2000)} ${stderr}`)), 50));
      });
    },
  };
}

/** Rows, distinct record keys, and rows whose key is held by another row too. */
async function archived(url: string): Promise<{ rows: number; keys: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ rows: string; keys: string }>("SELECT count(*) AS rows, count(DISTINCT source_key) AS keys FROM articles");
    return { rows: Number(r.rows[0].rows), keys: Number(r.rows[0].keys) };
  } finally {
    await c.end();
  }
}

async function queueCli(args: string[], redis = REDIS!): Promise<string> {
  const r = await runCli(["queue", ...args, "--redis", redis]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function status(queue: string, redis = REDIS!): Promise<Record<string, any>> {
  return JSON.parse(await queueCli(["status", "--queue", queue, "--json"], redis));
}

interface Setup {
  db: string;
  queue: string;
  dir: string;
}

async function setup(t: TestContext): Promise<Setup | undefined> {
  if (noServers(t)) return undefined;
  return { db: await freshDatabase(t), queue: freshQueue(t), dir: tempDir() };
}

test("a worker killed with SIGKILL mid-job: another one finishes, every record once", async (t) => {
  const s = await setup(t);
  if (!s) return;
  const n = 600;
  const file = writeWarcGz(s.dir, "kill", n);
  // About 120 records a job: more than one archive transaction each (50), so the killed job had written some rows.
  await queueCli(["add", file, "--queue", s.queue, "--chunk", "60000"]);
  const first = startWorker(["--redis", REDIS!, "--store", s.db, "--queue", s.queue, "--concurrency", "1"]);
  await first.waitFor((r) => r.event === "job-done");
  first.child.kill("SIGKILL");
  await first.exited;
  const mid = await status(s.queue);
  assert.equal(mid.jobs.active, 1, "the killed worker held a job");
  const before = await archived(s.db);
  assert.ok(before.rows < n, `${before.rows} rows when the worker died`);

  const second = startWorker(["--redis", REDIS!, "--store", s.db, "--queue", s.queue, "--until-idle"]);
  const done = await second.exited;
  assert.equal(done.code, 0, done.stderr);
  assert.ok(second.logs.some((r) => r.event === "job-stalled" || r.event === "split"), "the dead worker's job was taken back");
  assert.deepEqual(await archived(s.db), { rows: n, keys: n });
  const after = await status(s.queue);
  assert.deepEqual([after.jobs.waiting, after.jobs.active, after.jobs.failed], [0, 0, 0]);
  // The archive is searchable as any other.
  const store = openStore(s.db);
  assert.equal((await store.search({ q: "ferry quay", limit: 1 })).total, n);
  await store.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

test("Redis killed and restarted, PostgreSQL dropping every connection, mid-run: every record once", async (t) => {
  const s = await setup(t);
  if (!s) return;
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    t.skip("redis-server is not on PATH (scripts/services.sh installs it)");
    return;
  }
  // A Redis of this test's own, with its append-only file synced at every write: killed and restarted, it has every job.
  const port = await freePort();
  const rdir = join(s.dir, "redis");
  mkdirSync(rdir);
  const startRedis = async (): Promise<ChildProcess> => {
    const r = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", rdir, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--maxmemory-policy", "noeviction"], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      if (spawnSync("redis-cli", ["-p", String(port), "ping"]).stdout?.toString().includes("PONG")) return r;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error("private redis-server did not start");
  };
  let redis = await startRedis();
  t.after(() => void redis.kill("SIGKILL"));
  const url = `redis://127.0.0.1:${port}`;
  const n = 500;
  const file = writeJsonl(s.dir, "faults", n);
  await queueCli(["add", file, "--queue", s.queue, "--chunk", "20000"], url);
  const w = startWorker(["--redis", url, "--store", s.db, "--queue", s.queue, "--concurrency", "2", "--until-idle"]);
  await w.waitFor((r) => r.event === "job-done");
  redis.kill("SIGKILL");
  await once(redis, "exit");
  // PostgreSQL drops every connection of this database, again and again, while Redis is gone and after it is back.
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  const dbName = new URL(s.db).pathname.slice(1);
  let dropped = 0;
  const terminate = async () => {
    const r = await admin.query("SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName]);
    dropped += Number(r.rows[0].n);
  };
  await new Promise((r) => setTimeout(r, 1500));
  redis = await startRedis();
  for (let i = 0; i < 6; i++) {
    await terminate();
    await new Promise((r) => setTimeout(r, 150));
  }
  await admin.end();
  const done = await w.exited;
  assert.equal(done.code, 0, done.stderr);
  assert.ok(w.logs.some((r) => r.event === "redis-error"), "the worker saw Redis go");
  assert.ok(dropped > 0, "connections were dropped");
  assert.deepEqual(await archived(s.db), { rows: n, keys: n });
  const st = await status(s.queue, url);
  assert.deepEqual([st.jobs.waiting, st.jobs.active, st.jobs.failed], [0, 0, 0]);
});

test("a record the archive refuses is parked alone after its attempts, a missing file is parked with READ_FAILED; both listed and retried", async (t) => {
  const s = await setup(t);
  if (!s) return;
  const n = 20;
  const file = writeJsonl(s.dir, "poison", n);
  const gone = writeJsonl(s.dir, "gone", 5);
  await queueCli(["add", file, gone, "--queue", s.queue, "--attempts", "3"]);
  renameSync(gone, gone + ".away");
  // A real refusal from PostgreSQL: a trigger rejects one record.
  const store = openStore(s.db);
  await store.ready();
  await store.close();
  const c = new pg.Client({ connectionString: s.db });
  await c.connect();
  await c.query(`CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test: %', NEW.url; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW WHEN (NEW.url LIKE '%/poison/7') EXECUTE FUNCTION refuse();`);
  const w = startWorker(["--redis", REDIS!, "--store", s.db, "--queue", s.queue, "--until-idle"]);
  const done = await w.exited;
  assert.equal(done.code, 0, done.stderr);
  assert.deepEqual(await archived(s.db), { rows: n - 1, keys: n - 1 });
  assert.ok(w.logs.some((r) => r.event === "split"), "the failed job was split");
  const parked = (await queueCli(["failed", "--queue", s.queue, "--json"])).trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(parked.length, 2, JSON.stringify(parked));
  const poison = parked.find((p) => p.data.file === file)!;
  const missing = parked.find((p) => p.data.file === gone)!;
  assert.match(poison.error, /refused by the test: https:\/\/queue.example\/poison\/7/);
  assert.equal(poison.data.line, 8, "the poison record alone: line 8");
  assert.equal(poison.attempts, 3);
  assert.match(missing.error, /gone\.jsonl: ENOENT/);
  assert.equal((await status(s.queue)).jobs.failed, 2);

  // Fixed: the trigger dropped, the file back. `queue retry` and another worker take both.
  await c.query("DROP TRIGGER refuse ON articles");
  await c.end();
  renameSync(gone + ".away", gone);
  const r = await runCli(["queue", "retry", "--redis", REDIS!, "--queue", s.queue]);
  assert.match(r.stderr, /2 job\(s\) back in the queue/);
  const again = startWorker(["--redis", REDIS!, "--store", s.db, "--queue", s.queue, "--until-idle"]);
  assert.equal((await again.exited).code, 0);
  assert.deepEqual(await archived(s.db), { rows: n + 5, keys: n + 5 });
  assert.equal((await status(s.queue)).jobs.failed, 0);
});

test("a page that needs more memory than the extraction thread may use fails alone with TOO_LARGE; the worker goes on", async (t) => {
  const s = await setup(t);
  if (!s) return;
  const file = join(s.dir, "bomb.jsonl");
  const page = (i: number) => `<html><head><title>Page ${i}</title></head><body><article><h1>Page ${i}</h1><p>The council said on Monday that the flood defences along the river would be finished before the winter, page ${i}.</p></article></body></html>`;
  const bomb = "<html><body>" + "<div class=c><a href=/x>link</a></div>\n".repeat(100_000) + "</body></html>";
  const lines = [0, 1, 2].map((i) => ({ url: `https://queue.example/ok/${i}`, html: page(i) }));
  lines.splice(1, 0, { url: "https://queue.example/bomb", html: bomb });
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  await queueCli(["add", file, "--queue", s.queue]);
  const w = startWorker(["--redis", REDIS!, "--store", s.db, "--queue", s.queue, "--until-idle", "--heap-mb", "64"]);
  const done = await w.exited;
  assert.equal(done.code, 0, done.stderr);
  assert.deepEqual(await archived(s.db), { rows: 3, keys: 3 });
  const job = w.logs.find((r) => r.event === "job-done");
  assert.ok(job, JSON.stringify(w.logs));
  assert.equal(job.errors, 1);
  assert.equal(job.ok, 3);
  const stop = w.logs.find((r) => r.event === "stop")!;
  assert.equal(stop.errors, 1);
});

test("SIGTERM: the worker finishes the job in hand and exits 0; status shows it while it runs", async (t) => {
  const s = await setup(t);
  if (!s) return;
  const n = 600;
  const file = writeWarc(s.dir, "term", n);
  // Small jobs (a record or two each): many are still waiting when the signal comes, however fast the worker is.
  await queueCli(["add", file, "--queue", s.queue, "--chunk", "3000"]);
  const w = startWorker(["--redis", REDIS!, "--store", s.db, "--queue", s.queue, "--concurrency", "1"]);
  await w.waitFor((r) => r.event === "job-done");
  const live = await status(s.queue);
  assert.equal(live.workers.length, 1);
  assert.equal(live.workers[0].pid, w.child.pid);
  assert.ok(live.records.ok > 0);
  w.child.kill("SIGTERM");
  const done = await w.exited;
  assert.equal(done.code, 0, done.stderr);
  const events = w.logs.map((r) => r.event);
  assert.ok(events.indexOf("signal") < events.lastIndexOf("stop"));
  const stop = w.logs.find((r) => r.event === "stop")!;
  const after = await status(s.queue);
  assert.equal(after.jobs.active, 0, "nothing left in hand");
  assert.ok(after.jobs.waiting > 0, "the rest waits for another worker");
  assert.equal((await archived(s.db)).rows, stop.ok, "every job it took is written");
  assert.equal(after.workers.length, 0, "a stopped worker leaves the list");
  const rest = startWorker(["--redis", REDIS!, "--store", s.db, "--queue", s.queue, "--until-idle"]);
  assert.equal((await rest.exited).code, 0);
  assert.deepEqual(await archived(s.db), { rows: n, keys: n });
  const text = await queueCli(["status", "--queue", s.queue]);
  assert.match(text, new RegExp(`records: ${n} \\(ok ${n}, errors 0\\)`));
});

test("bad Redis and PostgreSQL URLs are named in a clear error, without the password", async (t) => {
  const noRedis = await runCli(["worker", "--redis", "redis://127.0.0.1:1", "--store", "postgres://u:secret@127.0.0.1:1/x"], undefined);
  assert.equal(noRedis.code, 2);
  assert.match(noRedis.stderr, /QUEUE_FAILED: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  const notUrl = await runCli(["queue", "status", "--redis", "localhost:6379"]);
  assert.match(notUrl.stderr, /BAD_REQUEST: not a Redis URL/);
  if (noServers(t)) return;
  const noPg = await runCli(["worker", "--redis", REDIS!, "--store", "postgres://u:secret@127.0.0.1:1/x"]);
  assert.equal(noPg.code, 2);
  assert.match(noPg.stderr, /STORE_FAILED: postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: connect ECONNREFUSED/);
  assert.doesNotMatch(noPg.stderr, /secret/);
});
