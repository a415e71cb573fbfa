/**
 * PostgreSQL itself restarted while a worker writes: every record once. It restarts the whole server, so it runs only
 * when NEWSCLIP_TEST_PG_RESTART names the command that does it, alone (.ci/run runs this file after `npm test`, with
 * `scripts/services.sh restart-pg`); test/queue.test.ts drops connections instead, which other tests can live beside.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import pg from "pg";
import { ROOT, runCli, tempDir } from "./fixtures/batch/helpers.ts";
import { writeWarcGz } from "./fixtures/queue/inputs.ts";
import { REDIS, freshDatabase, freshQueue, noServers } from "./fixtures/services.ts";

const RESTART = process.env.NEWSCLIP_TEST_PG_RESTART;

test("PostgreSQL restarted mid-run: the worker rides it out, every record once", async (t) => {
  if (noServers(t)) return;
  if (!RESTART) {
    t.skip("NEWSCLIP_TEST_PG_RESTART is not set (a command that restarts the test PostgreSQL, e.g. `sudo scripts/services.sh restart-pg`); .ci/run sets it and runs this file alone");
    return;
  }
  const db = await freshDatabase(t);
  const queue = freshQueue(t);
  // Enough records that the run outlasts the restart (batched archive writes made 1,500 finish within it).
  const n = 6000;
  const file = writeWarcGz(tempDir(), "restart", n);
  const add = await runCli(["queue", "add", file, "--redis", REDIS!, "--queue", queue, "--chunk", "30000"]);
  assert.equal(add.code, 0, add.stderr);
  const w = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "index.ts"), "worker", "--redis", REDIS!, "--store", db, "--queue", queue, "--until-idle"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  w.stderr.on("data", (d) => (err += d));
  // Listened for from the start: the worker may end while the restart command still runs.
  const closed = once(w, "close");
  await new Promise<void>((resolve, reject) => {
    w.stdout.on("data", (d) => {
      out += d;
      if (out.includes('"job-done"')) resolve();
    });
    w.once("close", (code) => reject(new Error(`the worker ended (${code}) before its first job was done:\n${err}`)));
  });
  const r = spawn("sh", ["-c", RESTART], { stdio: "inherit" });
  const [code] = await once(r, "exit");
  assert.equal(code, 0, "the restart command worked");
  const before = out.length;
  const [exit] = await closed;
  assert.equal(exit, 0, err);
  const c = new pg.Client({ connectionString: db });
  for (let i = 0; ; i++) {
    try {
      await c.connect();
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  const rows = await c.query("SELECT count(*) AS n, count(DISTINCT source_key) AS k FROM articles");
  await c.end();
  assert.deepEqual([Number(rows.rows[0].n), Number(rows.rows[0].k)], [n, n]);
  const after = out.slice(before).split("\n").filter((l) => l.includes('"job-done"')).length;
  assert.ok(after > 0, "the restart came mid-run: jobs were done after the server was back");
});
