/**
 * Several processes writing to one archive at once (issue 20, item 1): two batch runs with --store once lost 24 of
 * 400 records to "database is locked" and exited 0. Real processes, one real SQLite file.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openStore } from "../src/store/index.ts";
import { readJsonl, runCli, tempDir } from "./fixtures/batch/helpers.ts";

const WRITER = join(import.meta.dirname, "fixtures", "serve", "concurrent-writer.ts");

function run(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

function articles(db: string): { n: number; fts: number; integrity: unknown } {
  const d = new Database(db, { readonly: true });
  try {
    return {
      n: d.prepare<[], { n: number }>("SELECT count(*) AS n FROM articles").get()!.n,
      fts: d.prepare<[], { n: number }>("SELECT count(*) AS n FROM articles_fts").get()!.n,
      integrity: d.pragma("integrity_check", { simple: true }),
    };
  } finally {
    d.close();
  }
}

test("four processes saving into one new archive at once lose nothing", async () => {
  const db = join(tempDir(), "race.db");
  // The file does not exist yet: the four also race to create and migrate it.
  const results = await Promise.all(["a", "b", "c", "d"].map((w) => run([db, w, "250"])));
  for (const r of results) {
    assert.equal(r.code, 0);
    assert.match(r.stdout, /failed=0\n$/, r.stdout.slice(0, 500));
  }
  assert.deepEqual(articles(db), { n: 1000, fts: 1000, integrity: "ok" });
});

/** A small page, distinct in URL, title and text. */
function page(run: string, i: number): string {
  const words = `Run ${run} story ${i} about the harbour ferry timetable and the new quay.`;
  return `<!doctype html><html><head><title>Ferry story ${run}-${i}</title></head><body><article><h1>Ferry story ${run}-${i}</h1>
<p>${words} The council met on Tuesday to agree the timetable for the winter season, after months of talks with the operator.</p>
<p>${words} Passengers had asked for an earlier first crossing, and the operator said it would add one from March.</p>
<p>${words} The new quay opens next spring; until then the boats leave from the old pier by the fish market.</p></article></body></html>`;
}

function jsonlInput(dir: string, run: string, n: number): string {
  const file = join(dir, `${run}.jsonl`);
  writeFileSync(file, Array.from({ length: n }, (_, i) => JSON.stringify({ url: `https://race.example/${run}/${i}`, html: page(run, i) })).join("\n") + "\n");
  return file;
}

test("three `newsclip batch --store` runs on one archive at once: every record stored, exit 0", async () => {
  const dir = tempDir();
  const db = join(dir, "news.db");
  const runs = ["x", "y", "z"];
  const per = 60;
  const results = await Promise.all(
    runs.map((r) => runCli(["batch", jsonlInput(dir, r, per), "--out", join(dir, `${r}.out.jsonl`), "--store", db, "--workers", "1", "--quiet"])),
  );
  for (const [i, r] of results.entries()) {
    assert.equal(r.code, 0, r.stderr);
    const lines = readJsonl(join(dir, `${runs[i]}.out.jsonl`));
    assert.equal(lines.length, per);
    assert.deepEqual(lines.filter((l) => l.error), []);
  }
  assert.deepEqual(articles(db), { n: runs.length * per, fts: runs.length * per, integrity: "ok" });
});

test("an article the archive refuses is left out of the output, exits 1, and --resume stores it", async () => {
  const dir = tempDir();
  const db = join(dir, "news.db");
  openStore(db).close();
  // A real refusal from SQLite: a trigger rejects two of the pages.
  const d = new Database(db);
  d.exec(`CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.url LIKE '%/r/3' OR NEW.url LIKE '%/r/7'
          BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
  d.close();
  const input = jsonlInput(dir, "r", 10);
  const out = join(dir, "out.jsonl");
  const first = await runCli(["batch", input, "--out", out, "--store", db, "--workers", "1", "--quiet"]);
  assert.equal(first.code, 1, "a record not stored fails the run");
  assert.match(first.stderr, /not saved \(STORE_FAILED: refused by the test\)/);
  assert.match(first.stderr, /errors 2 \(STORE_FAILED 2\)/);
  assert.deepEqual(readJsonl(out).map((l) => l.url).sort(), [0, 1, 2, 4, 5, 6, 8, 9].map((i) => `https://race.example/r/${i}`));
  assert.equal(articles(db).n, 8);

  const d2 = new Database(db);
  d2.exec("DROP TRIGGER refuse");
  d2.close();
  const again = await runCli(["batch", input, "--out", out, "--store", db, "--workers", "1", "--quiet", "--resume"]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /already in the output \(resume\): 8/);
  const lines = readJsonl(out);
  assert.equal(lines.length, 10, "every record exactly once");
  assert.equal(new Set(lines.map((l) => l.id)).size, 10);
  assert.deepEqual(articles(db), { n: 10, fts: 10, integrity: "ok" });
});
