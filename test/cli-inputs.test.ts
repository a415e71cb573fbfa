/**
 * Smaller things a user trips on (issue 20, item 6): file errors, format names, other URL schemes, JSON field types,
 * the url option, and the cookie package under fastify's inject on Node 20. The real CLI in child processes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { extract, extractText, NewsclipError } from "../src/index.ts";
import { buildServer } from "../src/serve/app.ts";
import { runCli, tempDir, ROOT } from "./fixtures/batch/helpers.ts";

const PAGE = join(ROOT, "examples", "article.html");

test("extract: a missing file or a folder is READ_FAILED, exit 2; file:// and ftp:// say the scheme is unsupported", async () => {
  const dir = tempDir();
  const [missing, folder, fileUrl, ftp] = await Promise.all([
    runCli(["extract", join(dir, "nope.html")]),
    runCli(["extract", dir]),
    runCli(["extract", `file://${PAGE}`]),
    runCli(["extract", "ftp://example.com/a.html"]),
  ]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^newsclip: READ_FAILED: .*nope\.html: no such file\n$/);
  assert.equal(folder.code, 2);
  assert.match(folder.stderr, /READ_FAILED: .*: is a directory/);
  assert.equal(fileUrl.code, 2);
  assert.match(fileUrl.stderr, /BAD_REQUEST: file: URLs are not supported: give an http\(s\) URL, a file path \(without file:\/\/\)/);
  assert.equal(ftp.code, 2);
  assert.match(ftp.stderr, /BAD_REQUEST: ftp: URLs are not supported/);
  for (const r of [missing, folder, fileUrl, ftp]) assert.doesNotMatch(r.stderr, /INTERNAL|at /);
});

test("--format text and txt are one format, in extract and in batch", async () => {
  const dir = tempDir();
  const pages = join(dir, "pages");
  mkdirSync(pages);
  writeFileSync(join(pages, "a.html"), readFileSync(PAGE));
  const [text, txt, bad, batchText, batchTxt] = await Promise.all([
    runCli(["extract", PAGE, "--format", "text"]),
    runCli(["extract", PAGE, "--format", "txt"]),
    runCli(["extract", PAGE, "--format", "pdf"]),
    runCli(["batch", pages, "--out", join(dir, "t1"), "--format", "text", "--workers", "1", "--quiet"]),
    runCli(["batch", pages, "--out", join(dir, "t2"), "--format", "txt", "--workers", "1", "--quiet"]),
  ]);
  assert.equal(text.code, 0, text.stderr);
  assert.ok(text.stdout.length > 200);
  assert.equal(txt.stdout, text.stdout);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown format "pdf" \(json\|jsonl\|md\|text\|html\)/);
  for (const [r, out] of [[batchText, "t1"], [batchTxt, "t2"]] as const) {
    assert.equal(r.code, 0, r.stderr);
    const files = readdirSync(join(dir, out)).filter((f) => f.endsWith(".txt"));
    assert.equal(files.length, 1);
    assert.ok(readFileSync(join(dir, out, files[0]), "utf8").length > 200);
  }
  const help = await runCli(["batch", "--help"]);
  assert.match(help.stdout, /jsonl\|md\|text\|html \(txt is text\)/);
});

test("the url option must be an http(s) URL: javascript:, a number or a relative path are refused", async () => {
  const html = readFileSync(PAGE);
  for (const url of ["javascript:alert(1)", "java\nscript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/news/a", 5 as unknown as string, {} as unknown as string]) {
    for (const run of [() => extract(html, { url }), () => extractText("Headline\n\nSome text of the story.", { url })]) {
      assert.throws(run, (e: unknown) => e instanceof NewsclipError && e.code === "BAD_REQUEST" && /http\(s\)/.test(e.message), String(url));
    }
  }
  assert.equal(extract(html, { url: " https://example.com/news/1 " }).url, "https://example.com/news/1");
  assert.equal(extract(html, { url: "" }).url, undefined);
  const cli = await runCli(["extract", PAGE, "--url", "javascript:alert(1)"]);
  assert.equal(cli.code, 2);
  assert.match(cli.stderr, /BAD_REQUEST: the url option must be an absolute http\(s\) URL/);
});

test("the API refuses JSON fields of the wrong type ({\"html\": 5}) instead of coercing them", async () => {
  const app = await buildServer({ pool: { threads: 1 } });
  try {
    for (const body of [{ html: 5 }, { text: 5 }, { url: 5 }, { html: ["<p>x</p>"] }, { html: "<p>The page.</p>", explain: "yes" }, { html: "<p>The page.</p>", save: 1 }, { html: null }]) {
      const res = await app.inject({ method: "POST", url: "/v1/extract", payload: body });
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().code, "BAD_REQUEST");
    }
    const js = await app.inject({ method: "POST", url: "/v1/extract", payload: { html: readFileSync(PAGE, "utf8"), url: "javascript:alert(1)" } });
    assert.equal(js.statusCode, 400, js.body);
    const ok = await app.inject({ method: "POST", url: "/v1/extract", payload: { html: readFileSync(PAGE, "utf8"), url: "https://example.com/a", explain: false } });
    assert.equal(ok.statusCode, 200, ok.body);
    // Query strings still coerce: ?explain=true is a boolean.
    const q = await app.inject({ method: "POST", url: "/v1/extract?explain=true", headers: { "content-type": "text/html" }, payload: readFileSync(PAGE) });
    assert.equal(q.statusCode, 200);
    assert.ok(q.json().explain);
  } finally {
    await app.close();
  }
});

test("fastify's inject (light-my-request) runs on a cookie package made for this Node (the overrides entry)", () => {
  const lmr = createRequire(import.meta.url).resolve("light-my-request");
  const cookie = JSON.parse(readFileSync(createRequire(lmr).resolve("cookie/package.json"), "utf8")) as { version: string; engines?: { node?: string } };
  const min = /^>=\s*(\d+)/.exec(cookie.engines?.node ?? ">=0")?.[1];
  assert.ok(min !== undefined, `cookie ${cookie.version} engines ${cookie.engines?.node}: a plain lower bound`);
  assert.ok(Number(process.versions.node.split(".")[0]) >= Number(min), `cookie ${cookie.version} wants node ${cookie.engines?.node}`);
  assert.ok(Number(min) <= 20, `cookie ${cookie.version} must run on Node 20 (engines ${cookie.engines?.node})`);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.equal(pkg.overrides?.["light-my-request"]?.cookie, "^1.1.1");
});

test("batch: a file named .warc (or .warc.gz) that is not a WARC is READ_FAILED, not extracted as a page", async () => {
  const { runBatch } = await import("../src/batch/run.ts");
  const { gzipSync } = await import("node:zlib");
  const dir = tempDir();
  writeFileSync(join(dir, "notes.warc"), "just some text\nnot a crawl at all\n");
  writeFileSync(join(dir, "page.warc.gz"), gzipSync(readFileSync(PAGE)));
  const out = join(dir, "out.jsonl");
  const stats = await runBatch({ inputs: [join(dir, "notes.warc"), join(dir, "page.warc.gz"), join(ROOT, "examples", "small.warc.gz")], out, workers: 1 });
  const lines = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  for (const f of ["notes.warc", "page.warc.gz"]) {
    const line = lines.find((l) => l.id === join(dir, f));
    assert.equal(line?.error?.code, "READ_FAILED", f);
    assert.match(line.error.message, /named like a WARC file, but it does not start with a WARC record/);
  }
  assert.equal(stats.ok, 4, "a real WARC beside them is read as before");
  assert.deepEqual(stats.byCode, { READ_FAILED: 2 });
});

test("extract --page-type: the caller's kind is used, an unknown kind is a usage error", async () => {
  const ok = await runCli(["extract", PAGE, "--page-type", "forum", "--format", "json"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).pageType, "forum");
  const bad = await runCli(["extract", PAGE, "--page-type", "blog"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--page-type must be one of article, forum/);
});
