import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { runBatch } from "../src/batch/run.ts";
import { PAGES, readJsonl, tempDir } from "./fixtures/batch/helpers.ts";
import { EXAMPLE_PAGES, pageBytes } from "./fixtures/batch/make-example.ts";
import { recordId, warcGz, warcRecord, type WarcRecordSpec } from "./fixtures/batch/warc.ts";

const page = (i: number): WarcRecordSpec => {
  const p = EXAMPLE_PAGES[i % EXAMPLE_PAGES.length];
  return { url: `${p.url}?v=${i}`, body: pageBytes(p.file), seed: `page ${i}` };
};
const id = (spec: WarcRecordSpec) => recordId(spec.seed!);

test("a corrupt WARC: bad lengths, non-HTML records, a 50 MB record and a cut gzip member are reported; the rest is extracted", async () => {
  const dir = tempDir();
  const [good1, badLen, victim, good2, good3, good4, good5, shortLen, good6] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(page);
  badLen.lengthDelta = 300; // swallows the start of the next record
  shortLen.lengthDelta = -25; // ends inside its own page
  const huge: WarcRecordSpec = { url: "https://courier.example/huge", body: "<html><body><p>" + "x".repeat(50 * 1024 * 1024) + "</p></body></html>", seed: "huge" };
  const a = join(dir, "a.warc.gz");
  writeFileSync(
    a,
    Buffer.concat([
      warcGz([
        good1,
        { url: "https://courier.example/logo.png", contentType: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), seed: "png" },
        { url: "https://courier.example/report.pdf", contentType: "application/pdf", body: "%PDF-1.7 ...", seed: "pdf" },
        { type: "request", url: good1.url, seed: "req" },
        { type: "metadata", url: good1.url, seed: "meta" },
        { type: "revisit", url: good1.url, seed: "revisit" },
        badLen,
        victim,
        good2,
      ]),
      gzipSync(warcRecord(huge), { level: 1 }),
      warcGz([good3, shortLen, good6]),
    ]),
  );
  const full = warcGz([good4, good5]);
  const b = join(dir, "b.warc.gz");
  writeFileSync(b, full.subarray(0, full.length - 200));

  const out = join(dir, "out.jsonl");
  const stats = await runBatch({ inputs: [a, b], out, workers: 2 });
  const lines = readJsonl(out);
  const byId = new Map(lines.map((l) => [l.id, l]));
  for (const g of [good1, good2, good3, good4, good6]) assert.ok(byId.get(id(g))?.text.includes(" "), `${g.url} extracted`);
  assert.equal(byId.get(id(huge))?.error.code, "TOO_LARGE");
  assert.ok(!byId.has(id(victim)), "the swallowed record cannot be found");
  const lost = lines.filter((l) => l.id.startsWith(`${a}#`));
  assert.deepEqual(lost.map((l) => l.error.code), ["READ_FAILED"], "the parser landing inside a record is reported once");
  const cut = lines.filter((l) => l.id.startsWith(b) || l.id === id(good5));
  assert.equal(cut.length, 1);
  assert.equal(cut[0].error.code, "READ_FAILED", "the cut gzip member");
  assert.deepEqual(stats.skipped, { "not-html": 2, request: 1, metadata: 1, revisit: 1 });
  assert.ok(stats.warnings >= 1, "the too-short record is a warning");
  assert.equal(new Set(lines.map((l) => l.id)).size, lines.length, "no id twice");
  assert.ok(stats.peakRssMb < 1000);
});

test("a folder with unreadable files: each becomes an error line or a warning; the rest is extracted", async (t) => {
  const dir = join(tempDir(), "site");
  mkdirSync(join(dir, "deeper"), { recursive: true });
  writeFileSync(join(dir, "good.html"), readFileSync(join(PAGES, "harbour-ferry.html")));
  writeFileSync(join(dir, "deeper", "good2.htm"), readFileSync(join(PAGES, "library-hours.htm")));
  symlinkSync(join(dir, "nowhere.html"), join(dir, "gone.html"));
  writeFileSync(join(dir, "broken.html.gz"), "this is not gzip");
  writeFileSync(join(dir, "empty.html"), "");
  writeFileSync(join(dir, "image.html"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(0)]));
  symlinkSync(dir, join(dir, "loop"));
  let fifo = true;
  try {
    execFileSync("mkfifo", [join(dir, "pipe.html")]);
  } catch {
    fifo = false;
  }
  const root = process.getuid?.() === 0;
  writeFileSync(join(dir, "locked.html"), readFileSync(join(PAGES, "harbour-ferry.html")));
  chmodSync(join(dir, "locked.html"), 0);
  mkdirSync(join(dir, "locked-dir"));
  writeFileSync(join(dir, "locked-dir", "inside.html"), readFileSync(join(PAGES, "harbour-ferry.html")));
  chmodSync(join(dir, "locked-dir"), 0);
  t.after(() => chmodSync(join(dir, "locked-dir"), 0o755));

  const out = join(dir, "..", "out.jsonl");
  const warnings: string[] = [];
  const stats = await runBatch({ inputs: [dir], out, workers: 1, onWarning: (m) => warnings.push(m) });
  const byId = new Map(readJsonl(out).map((l) => [l.id.slice(dir.length + 1), l]));
  assert.ok(byId.get("good.html")?.text);
  assert.ok(byId.get("deeper/good2.htm")?.text);
  assert.equal(byId.get("gone.html")?.error.code, "READ_FAILED");
  assert.equal(byId.get("broken.html.gz")?.error.code, "READ_FAILED");
  assert.ok(byId.get("empty.html")?.error.code, "an empty file is an error line");
  assert.ok(byId.get("image.html")?.error || byId.get("image.html")?.wordCount === 0, "binary bytes give an error or an empty article");
  assert.ok(![...byId.keys()].some((k) => k.startsWith("loop/")), "symlinked folders are not followed");
  if (fifo) assert.ok(warnings.some((w) => w.includes("pipe.html") && /not a regular file/.test(w)));
  if (root) {
    assert.ok(byId.get("locked.html")?.text, "root reads it anyway");
    assert.ok(byId.get("locked-dir/inside.html")?.text);
  } else {
    assert.equal(byId.get("locked.html")?.error.code, "READ_FAILED");
    assert.ok(warnings.some((w) => w.includes("locked-dir")));
  }
  assert.ok(stats.ok >= 2);
});

test("record types named like an object's built-in properties are counted like any other", async () => {
  const dir = tempDir();
  const input = join(dir, "odd.warc.gz");
  const good = page(0);
  writeFileSync(input, warcGz([{ type: "constructor", url: good.url, seed: "c" }, { type: "__proto__", url: good.url, seed: "p" }, good]));
  const stats = await runBatch({ inputs: [input], out: join(dir, "out.jsonl"), workers: 1 });
  assert.equal(stats.ok, 1);
  assert.deepEqual(stats.skipped, JSON.parse('{"constructor":1,"__proto__":1}'));
});
