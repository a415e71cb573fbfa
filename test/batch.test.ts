import { test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runBatch } from "../src/batch/run.ts";
import { fileName } from "../src/batch/output.ts";
import { PAGES, ROOT, readJsonl, runCli, tempDir } from "./fixtures/batch/helpers.ts";
import { EXAMPLE_PAGES, exampleSpecs } from "./fixtures/batch/make-example.ts";
import { warcGz } from "./fixtures/batch/warc.ts";

const HTML_PAGES = ["harbour-ferry.html", "library-hours.htm", "regional/archive/chess-club.html.gz", "regional/orchard-frost.html"];

/**
 * Known gap, for the lead: from source, tsx runs a worker thread's modules as CommonJS (its ESM hooks do not
 * reach workers on Node 20), where `import.meta.resolve` is missing, so src/metadata/lang.ts cannot load eld
 * there and language evidence differs. Compiled (dist/) workers are real ESM and match; see docs/batch.md.
 */
const SOURCE_WORKER_GAP = ["evidence.lang", "lang"];

function without(a: Record<string, any>, paths: string[]): Record<string, any> {
  const c = structuredClone(a);
  for (const p of paths) {
    const keys = p.split(".");
    let o = c;
    for (const k of keys.slice(0, -1)) o = o?.[k];
    if (o) delete o[keys.at(-1)!];
  }
  return c;
}

const pagesRel = "test/fixtures/batch/pages";
let compared: { batch: Record<string, any>; single: Record<string, any>; page: string }[] | undefined;

test("batch output for each page equals `newsclip extract` for it, through the CLI", async () => {
  const out = join(tempDir(), "out.jsonl");
  const [batch, ...singles] = await Promise.all([
    runCli(["batch", pagesRel, "--out", out, "--workers", "2", "--quiet"]),
    ...HTML_PAGES.map((p) => runCli(["extract", `${pagesRel}/${p}`, "--format", "json"])),
  ]);
  assert.equal(batch.code, 0, batch.stderr);
  assert.match(batch.stderr, /ok 4, errors 0/);
  const lines = readJsonl(out);
  assert.deepEqual(lines.map((l) => l.id).sort(), HTML_PAGES.map((p) => `${pagesRel}/${p}`).sort());
  compared = HTML_PAGES.map((page, i) => {
    assert.equal(singles[i].code, 0, singles[i].stderr);
    const { id, ...article } = lines.find((l) => l.id === `${pagesRel}/${page}`)!;
    void id;
    return { batch: article, single: JSON.parse(singles[i].stdout), page };
  });
  for (const { batch, single, page } of compared) {
    assert.ok(batch.text.length > 100, `${page} has body text`);
    assert.deepEqual(without(batch, SOURCE_WORKER_GAP), without(single, SOURCE_WORKER_GAP), page);
  }
});

test("batch and extract agree on language evidence too", () => {
  assert.ok(compared);
  for (const { batch, single, page } of compared) assert.deepEqual(batch, single, page);
});

test("the bundled small WARC: pages extracted with their URL, other records skipped and counted", async () => {
  assert.deepEqual(readFileSync(join(ROOT, "examples", "small.warc.gz")), warcGz(exampleSpecs()), "examples/small.warc.gz is rebuilt by make-example.ts");
  const out = join(tempDir(), "small.jsonl");
  const stats = await runBatch({ inputs: [join(ROOT, "examples", "small.warc.gz")], out, workers: 1 });
  const lines = readJsonl(out);
  assert.deepEqual(lines.map((l) => l.url).sort(), EXAMPLE_PAGES.map((p) => p.url).sort());
  assert.ok(lines.every((l) => /^<urn:uuid:/.test(l.id) && l.text.length > 100 && !l.error));
  assert.deepEqual(stats.skipped, { warcinfo: 1, request: 4, "not-html": 1, revisit: 1, metadata: 1 });
  assert.equal(stats.ok, 4);
  assert.equal(stats.errors, 0);
});

test("stdin and JSONL inputs, mixed with a folder; ids tell them apart", async () => {
  const dir = tempDir();
  const jsonl = join(dir, "pages.jsonl");
  const html = readFileSync(join(PAGES, "harbour-ferry.html"), "utf8");
  writeFileSync(
    jsonl,
    [
      JSON.stringify({ url: "https://courier.example/a", html }),
      "{not json",
      JSON.stringify({ id: "mine-1", url: "https://courier.example/b", html }),
      JSON.stringify({ url: "https://courier.example/c" }),
      "",
    ].join("\n"),
  );
  const out = join(dir, "out.jsonl");
  const stats = await runBatch({ inputs: [jsonl, "-", join(PAGES, "regional")], out, workers: 2, stdin: createReadStream(join(ROOT, "examples", "small.warc.gz")) });
  const lines = readJsonl(out);
  const byId = new Map(lines.map((l) => [l.id, l]));
  assert.equal(byId.get(`${jsonl}:1`)?.url, "https://courier.example/a");
  assert.equal(byId.get(`${jsonl}:2`)?.error.code, "BAD_REQUEST");
  assert.equal(byId.get("mine-1")?.url, "https://courier.example/b");
  assert.equal(byId.get(`${jsonl}:4`)?.error.code, "BAD_REQUEST");
  assert.equal(lines.filter((l) => /^<urn:uuid:/.test(l.id)).length, 4, "the WARC from stdin");
  assert.ok(byId.has(join(PAGES, "regional", "orchard-frost.html")));
  assert.ok(byId.has(join(PAGES, "regional", "archive", "chess-club.html.gz")));
  assert.ok(!lines.some((l) => /notes\.txt|README/.test(l.id)), "html mode reads no .txt or other files");
  assert.equal(lines.length, 10);
  assert.equal(stats.ok, 8);
  assert.deepEqual(stats.byCode, { BAD_REQUEST: 2 });
});

test("markdown folder output: one file per article with front matter, and an index of ids", async () => {
  const dir = join(tempDir(), "md");
  await runBatch({ inputs: [join(ROOT, "examples", "small.warc.gz")], out: dir, format: "md", workers: 1 });
  const index = readJsonl(join(dir, "index.jsonl"));
  assert.equal(index.length, 4);
  const files = readdirSync(dir).filter((f) => f.endsWith(".md"));
  assert.equal(files.length, 4);
  for (const entry of index) {
    assert.equal(entry.file, fileName(entry.id, entry.url, ".md"));
    const md = readFileSync(join(dir, entry.file), "utf8");
    assert.match(md, /^---\n/);
    assert.match(md, new RegExp(`^url: ${JSON.stringify(entry.url).replace(/[.?/]/g, "\\$&")}$`, "m"));
    assert.ok(entry.title && md.includes(`title: ${JSON.stringify(entry.title)}`));
  }
  assert.ok(files.some((f) => f.startsWith("harbour-ferry-")));

  // A kill between a file and its index line: the temp file is cleared and the record redone once.
  writeFileSync(join(dir, `${index[0].file}.tmp-12345`), "half a file");
  writeFileSync(join(dir, "index.jsonl"), readFileSync(join(dir, "index.jsonl"), "utf8").split("\n").slice(1).join("\n"));
  const resumed = await runBatch({ inputs: [join(ROOT, "examples", "small.warc.gz")], out: dir, format: "md", workers: 1, resume: true });
  assert.equal(resumed.alreadyDone, 3);
  assert.equal(resumed.records, 1);
  assert.deepEqual(readdirSync(dir).sort(), [...files, "index.jsonl"].sort());
  assert.deepEqual(readJsonl(join(dir, "index.jsonl")).map((l) => l.id).sort(), index.map((l) => l.id).sort());
});

test("text mode: .txt files from folders go to extractText", async () => {
  const out = join(tempDir(), "txt");
  const stats = await runBatch({ inputs: [join(PAGES, "regional")], out, format: "txt", text: true, workers: 1 });
  const index = readJsonl(join(out, "index.jsonl"));
  assert.deepEqual(
    index.map((l) => relative(PAGES, l.id)),
    ["regional/notes.txt"],
  );
  assert.equal(stats.records, 1);
  assert.ok(existsSync(join(out, index[0].file)));
});

test("a page over the time limit is cut off as TIMEOUT; the run goes on", async () => {
  const dir = tempDir();
  const pages = join(dir, "pages");
  mkdirSync(pages);
  // About 12 MB of nested inline markup: seconds of work on any machine, several times the limit below (at 9 MB and a
  // 4 s limit a fast CI machine finished the page in time).
  const para = "<div><p>Words of a long paragraph that goes on with <a href='/x'>a link</a> and <b>bold</b> text.</p></div>\n";
  writeFileSync(join(pages, "b-huge.html"), "<html><body><article>" + para.repeat(120_000) + "</article></body></html>");
  writeFileSync(join(pages, "a-before.html"), readFileSync(join(PAGES, "harbour-ferry.html")));
  writeFileSync(join(pages, "c-after.htm"), readFileSync(join(PAGES, "library-hours.htm")));
  const out = join(dir, "out.jsonl");
  const started = performance.now();
  const stats = await runBatch({ inputs: [pages], out, workers: 1, timeoutMs: 1000 });
  const byName = new Map(readJsonl(out).map((l) => [l.id.slice(pages.length + 1), l]));
  assert.equal(byName.get("b-huge.html")?.error?.code, "TIMEOUT");
  assert.ok(byName.get("a-before.html")?.text);
  assert.ok(byName.get("c-after.htm")?.text, "the page after it, on the replaced worker");
  assert.deepEqual(stats.byCode, { TIMEOUT: 1 });
  assert.ok(performance.now() - started < 60_000, "cut off, not waited out");
});

test("an existing output is refused without --resume; --strict and empty runs exit 1", async () => {
  const dir = tempDir();
  const out = join(dir, "out.jsonl");
  writeFileSync(out, '{"id":"x"}\n');
  await assert.rejects(runBatch({ inputs: [PAGES], out, workers: 1 }), (err: Error & { code?: string }) => err.code === "BAD_REQUEST");
  const broken = join(dir, "broken");
  mkdirSync(broken);
  writeFileSync(join(broken, "bad.html.gz"), "not gzip at all");
  writeFileSync(join(broken, "good.html"), readFileSync(join(PAGES, "harbour-ferry.html")));
  const [strict, lenient, empty] = await Promise.all([
    runCli(["batch", broken, "--out", join(dir, "s.jsonl"), "--strict", "-w", "1", "-q"]),
    runCli(["batch", broken, "--out", join(dir, "l.jsonl"), "-w", "1", "-q"]),
    runCli(["batch", join(broken, "bad.html.gz"), "--out", join(dir, "e.jsonl"), "-w", "1", "-q"]),
  ]);
  assert.equal(strict.code, 1, strict.stderr);
  assert.equal(lenient.code, 0, lenient.stderr);
  assert.equal(empty.code, 1, empty.stderr);
  assert.match(lenient.stderr, /ok 1, errors 1 \(READ_FAILED 1\)/);
});
