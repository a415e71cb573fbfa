import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { runBatch } from "../src/batch/run.ts";
import { readJsonl, startCli, finished, tempDir } from "./fixtures/batch/helpers.ts";
import { EXAMPLE_PAGES, pageBytes } from "./fixtures/batch/make-example.ts";
import { recordId, warcGz, type WarcRecordSpec } from "./fixtures/batch/warc.ts";

/** A WARC of `n` page records (our fixture pages, padded so a run lasts a few seconds), ids known in advance. */
function bigWarc(dir: string, n: number): { path: string; ids: string[] } {
  const pad = "<p>" + "Filler sentence for a longer story body, repeated to give the extractor real work. ".repeat(40) + "</p>";
  const specs: WarcRecordSpec[] = [];
  for (let i = 0; i < n; i++) {
    const p = EXAMPLE_PAGES[i % EXAMPLE_PAGES.length];
    const html = pageBytes(p.file).toString("utf8").replace("</article>", pad.repeat(6) + "</article>");
    specs.push({ url: `${p.url}?n=${i}`, body: html, seed: `r${i}` });
    if (i % 50 === 0) specs.push({ type: "request", url: p.url, seed: `q${i}` });
  }
  const path = join(dir, "crawl.warc.gz");
  writeFileSync(path, warcGz(specs));
  return { path, ids: specs.filter((s) => !s.type).map((s) => recordId(s.seed!)) };
}

function lineCount(path: string): number {
  try {
    return readFileSync(path, "latin1").split("\n").length - 1;
  } catch {
    return 0;
  }
}

async function waitForLines(path: string, min: number, child: { exitCode: number | null }): Promise<number> {
  for (;;) {
    const n = lineCount(path);
    if (n >= min || child.exitCode !== null) return n;
    await sleep(20);
  }
}

function assertExactlyOnce(out: string, ids: string[]): void {
  const lines = readJsonl(out); // throws on any line that does not parse
  const seen = new Map<string, number>();
  for (const l of lines) seen.set(l.id, (seen.get(l.id) ?? 0) + 1);
  const twice = [...seen].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], "no record twice");
  assert.deepEqual([...seen.keys()].sort(), [...ids].sort(), "every record once");
  assert.ok(lines.every((l) => typeof l.text === "string" && !l.error));
}

test("a batch killed with SIGKILL mid-run resumes with every record exactly once", async () => {
  const dir = tempDir();
  const { path, ids } = bigWarc(dir, 300);
  const out = join(dir, "out.jsonl");
  const child = startCli(["batch", path, "--out", out, "--workers", "2", "--quiet"]);
  const done = finished(child);
  const atKill = await waitForLines(out, 30, child);
  child.kill("SIGKILL");
  const killed = await done;
  assert.equal(killed.signal, "SIGKILL", `killed mid-run (it had already ended: ${killed.stderr})`);
  assert.ok(atKill < ids.length);
  // What a kill inside a write leaves behind: a line without its end.
  appendFileSync(out, '{"id":"<urn:uuid:cut-short>","schemaVersion":"1.0","tit');
  const before = statSync(out).size;

  const resumed = await runBatch({ inputs: [path], out, workers: 2, resume: true });
  assert.ok(resumed.alreadyDone >= atKill, "what was written before the kill is not redone");
  assert.equal(resumed.alreadyDone + resumed.records, ids.length);
  assert.ok(resumed.repairedBytes > 0, "the cut line was removed");
  assert.ok(statSync(out).size > before);
  assertExactlyOnce(out, ids);

  const again = await runBatch({ inputs: [path], out, workers: 1, resume: true });
  assert.equal(again.records, 0);
  assert.equal(again.alreadyDone, ids.length);
  assertExactlyOnce(out, ids);
});

test("Ctrl-C stops cleanly: whole lines, a summary, exit 130; --resume finishes the rest", async () => {
  const dir = tempDir();
  const { path, ids } = bigWarc(dir, 200);
  const out = join(dir, "out.jsonl");
  const child = startCli(["batch", path, "--out", out, "--workers", "2"]);
  const done = finished(child);
  await waitForLines(out, 20, child);
  child.kill("SIGINT");
  const stopped = await done;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /stopped in .*records written/);
  const partial = readJsonl(out);
  assert.ok(partial.length < ids.length, "stopped before the end");
  const resumed = await runBatch({ inputs: [path], out, workers: 2, resume: true });
  assert.equal(resumed.alreadyDone, partial.length);
  assertExactlyOnce(out, ids);
});
