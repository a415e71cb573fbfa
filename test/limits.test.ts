// Time and memory limits on pathological pages (issue 20 item 3): the library's timeoutMs, the CLI's --timeout, and
// the server's worker memory limit. Speed itself is measured by bench/pathological.ts, not here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { extract, extractText } from "../src/index.ts";
import { NewsclipError } from "../src/errors.ts";
import { buildServer } from "../src/serve/app.ts";
import { ExtractPool } from "../src/serve/pool.ts";

const ROOT = join(import.meta.dirname, "..");
const STORY = readFileSync(join(import.meta.dirname, "fixtures", "serve", "story.html"));

/** About `mb` MB of the shape: tiny <div class=c><a href=/x>link</a></div> elements. */
function tiny(mb: number): Buffer {
  const unit = "<div class=c><a href=/x>link</a></div>\n";
  return Buffer.from(`<html><head><title>Tiny</title></head><body>${unit.repeat(Math.round((mb * 1024 * 1024) / unit.length))}</body></html>`);
}

const code = (c: string) => (e: unknown) => e instanceof NewsclipError && e.code === c;

test("timeoutMs: a big pathological page with a tiny limit stops with TIMEOUT, soon after the limit", () => {
  const page = tiny(4);
  const t0 = performance.now();
  assert.throws(() => extract(page, { timeoutMs: 20 }), code("TIMEOUT"));
  // The limit is checked every few thousand steps: well under the seconds the whole page takes.
  assert.ok(performance.now() - t0 < 1500, `stopped after ${Math.round(performance.now() - t0)} ms`);
});

test("timeoutMs: a generous limit changes nothing; a bad one is BAD_REQUEST; text mode has it too", () => {
  const plain = extract(STORY, { url: "https://www.ledger.test/a" });
  const limited = extract(STORY, { url: "https://www.ledger.test/a", timeoutMs: 60_000 });
  assert.deepEqual(limited, plain);
  for (const bad of [0, -5, Number.NaN, Infinity, "100"]) assert.throws(() => extract(STORY, { timeoutMs: bad as number }), code("BAD_REQUEST"), String(bad));
  const text = "A headline\n\n" + "Words of a paragraph that goes on for a while.\n".repeat(20000);
  assert.throws(() => extractText(text, { timeoutMs: 1e-6 }), code("TIMEOUT"));
  const small = text.slice(0, 2000);
  assert.deepEqual(extractText(small, { timeoutMs: 60_000 }), extractText(small));
  // The limit of a call does not outlive it.
  assert.ok(extract(STORY).text);
});

test("timeoutMs in text mode: checked per line, so 20 MB of text stops soon after the limit", () => {
  const lines: string[] = ["A headline", ""];
  for (let i = 0; i < 300_000; i++) lines.push(`Words of paragraph ${i} that goes on for a while and then some more.`);
  const text = lines.join("\n");
  const t0 = performance.now();
  assert.throws(() => extractText(text, { timeoutMs: 50 }), code("TIMEOUT"));
  assert.ok(performance.now() - t0 < 1500, `stopped after ${Math.round(performance.now() - t0)} ms`);
});

test("a 2 MB page of tiny elements extracts without error", () => {
  const a = extract(tiny(2));
  assert.equal(a.title, "Tiny");
});

test("newsclip extract --timeout: TIMEOUT on stderr, exit status 2; a bad value is BAD_REQUEST", () => {
  const cli = join(ROOT, "src", "cli", "index.ts");
  const r = spawnSync(process.execPath, ["--import", "tsx", cli, "extract", "-", "--timeout", "5"], { input: tiny(2), encoding: "utf8", cwd: ROOT });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /TIMEOUT/);
  const bad = spawnSync(process.execPath, ["--import", "tsx", cli, "extract", "-", "--timeout", "soon"], { input: STORY, encoding: "utf8", cwd: ROOT });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /BAD_REQUEST/);
});

test("serve: a page over the worker memory limit is a 413 TOO_LARGE, and the server answers the next request", async () => {
  // A small heap, so a few MB of tiny elements is enough to exhaust it (the default is 512 MB).
  const pool = new ExtractPool({ threads: 1, workerHeapMb: 48 });
  const app = await buildServer({ pool, bodyLimit: 32 * 1024 * 1024 });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const post = (body: Buffer) => fetch(`${base}/v1/extract`, { method: "POST", headers: { "content-type": "text/html" }, body });
    const res = await post(tiny(8));
    assert.equal(res.status, 413);
    assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
    const p = (await res.json()) as { code: string; detail?: string };
    assert.equal(p.code, "TOO_LARGE");
    const ok = await post(STORY);
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { title: string }).title, "Harbour town opens a floating library");
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  } finally {
    await app.close();
    await pool.close();
  }
});
