import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { openStore } from "../src/store/index.ts";
import { MIGRATIONS } from "../src/store/migrations.ts";
import { ftsQuery, urlKey } from "../src/store/keys.ts";
import { NewsclipError } from "../src/errors.ts";
import { article } from "./fixtures/articles.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "serve");

function tmp(): { dir: string; db: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), "newsclip-store-"));
  return { dir, db: join(dir, "news.db"), [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

// Search, paging, dedupe and CJK on both archives: store-contract.test.ts. Here: what is SQLite's own.

test("20,000 articles in one transaction, then searched", async () => {
  using t = tmp();
  const store = openStore(t.db);
  const words = ["harbour", "council", "election", "storm", "library", "ferry", "budget", "school", "bridge", "market"];
  const items = Array.from({ length: 20_000 }, (_, i) => ({
    article: article({
      url: `https://bulk.test/a/${i}`,
      title: `Story ${i} about the ${words[i % 10]}`,
      text: `Story ${i}: the ${words[i % 10]} and the ${words[(i * 7) % 10]} were in the news on day ${i % 365}.`,
      authors: [{ name: `Writer ${i % 50}` }],
      published: new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString(),
    }),
  }));
  const t0 = performance.now();
  const saved = await store.saveMany(items);
  const ms = performance.now() - t0;
  assert.equal(saved.length, 20_000);
  assert.equal(await store.count(), 20_000);
  const res = await store.search({ q: "ferry", limit: 5 });
  assert.equal(res.hits.length, 5);
  // Title matches weigh more: every top hit has the word in its title.
  for (const h of res.hits) assert.match(h.title!, /ferry/);
  assert.equal((await store.search({ q: "Story 12345" })).hits[0].title, "Story 12345 about the ferry");
  assert.equal((await store.search({ author: "writer 7", q: "harbour", limit: 100 })).total, 0, "writer 7 only wrote i%50==7 stories, never harbour ones (i%10==0)");
  await store.close();
  // Reopening keeps everything and migrates nothing.
  const again = openStore(t.db, { readonly: true });
  assert.equal(await again.count(), 20_000);
  await again.close();
  process.stdout.write(`# 20,000 articles saved in ${Math.round(ms)} ms\n`);
});

test("an archive written by schema 1 is migrated in place, data kept", async () => {
  using t = tmp();
  const old = new Database(t.db);
  old.exec(MIGRATIONS[0] as string);
  old.pragma("user_version = 1");
  const a = article({ url: "https://old.test/1", title: "Old harbour story", text: "Written before the schema changed." });
  old.prepare("INSERT INTO articles (id, url_key, url, title, authors, word_count, article, saved_at, updated_at) VALUES (7, 'old.test/1', ?, ?, '', 5, ?, 'then', 'then')").run(a.url, a.title, JSON.stringify(a));
  old.prepare("INSERT INTO articles_fts (rowid, title, lead, authors, body) VALUES (7, ?, '', '', ?)").run(a.title, a.text);
  old.close();
  const store = openStore(t.db);
  assert.equal((await store.get(7))?.title, "Old harbour story");
  assert.equal((await store.search({ q: "harbour" })).hits[0].id, 7);
  assert.deepEqual(await store.save(a), { id: 7, created: false });
  await store.close();
});

test("schema is versioned: migrations run once, newer files are refused", async () => {
  using t = tmp();
  await openStore(t.db).close();
  const db = new Database(t.db);
  assert.equal(db.pragma("user_version", { simple: true }), MIGRATIONS.length);
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  db.close();
  assert.throws(() => openStore(t.db), (e: unknown) => e instanceof NewsclipError && e.code === "STORE_FAILED" && /newer/.test(e.message));
  assert.throws(() => openStore(join(t.dir, "missing.db"), { readonly: true }), (e: unknown) => e instanceof NewsclipError && e.code === "STORE_FAILED");
});

test("a writer killed mid-stream loses no committed article and leaves the file readable", async () => {
  using t = tmp();
  const child = spawn(process.execPath, ["--import", "tsx", join(FIXTURES, "writer.ts"), t.db], { stdio: ["ignore", "pipe", "inherit"] });
  const committed: number[] = [];
  let buf = "";
  await new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", () => resolve());
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop()!;
      for (const l of lines) committed.push(Number(l));
      if (committed.length >= 300 && !child.killed) child.kill("SIGKILL");
    });
  });
  assert.ok(committed.length >= 300, `writer committed ${committed.length} articles before dying`);
  const db = new Database(t.db, { readonly: true });
  assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
  db.close();
  const store = openStore(t.db);
  for (const id of committed) assert.ok(await store.get(id), `article ${id} survived`);
  assert.ok((await store.count()) >= committed.length);
  const last = (await store.get(committed.at(-1)!))!;
  assert.equal((await store.search({ q: `"${last.title}"` })).hits[0]?.id, committed.at(-1), "the index kept up with the rows");
  assert.ok((await store.source(committed[0]))!.length > 1000, "kept pages survive too");
  await store.close();
});

test("user words never make an FTS5 syntax error", async () => {
  assert.equal(ftsQuery('climate "sea level" rise*'), '"climate" "sea level" "rise"*');
  assert.equal(ftsQuery("covid-19 OR flu"), '"covid 19" OR "flu"');
  assert.equal(ftsQuery('AND NOT ( ) * " ^'), '"AND" "NOT"');
  assert.equal(ftsQuery("  -- ** "), undefined);
  const store = openStore(":memory:");
  for (const q of ['"', "NEAR(", "a:b", "*", "OR", "title:x", "'; DROP TABLE articles; --"]) await assert.doesNotReject(store.search({ q }), q);
  await store.close();
});

test("newsclip extract --store, then newsclip search", async () => {
  using t = tmp();
  const { Command } = await import("commander");
  const { registerExtract } = await import("../src/cli/extract.ts");
  const { registerSearch } = await import("../src/cli/search.ts");
  const run = async (...argv: string[]): Promise<string> => {
    const program = new Command().exitOverride();
    registerExtract(program);
    registerSearch(program);
    let out = "";
    const write = process.stdout.write;
    const errWrite = process.stderr.write;
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      await program.parseAsync(["node", "newsclip", ...argv]);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    return out;
  };
  const page = join(FIXTURES, "story.html");
  await run("extract", page, "--url", "https://www.ledger.test/news/2026/11/harbour-floating-library", "--store", t.db, "-f", "text");
  await run("extract", page, "--url", "https://www.ledger.test/news/2026/11/harbour-floating-library?utm_source=x", "--store", t.db, "-f", "text");
  const lines = (await run("search", t.db, "ferry library", "--json")).trim().split("\n");
  assert.equal(lines.length, 1, "extracted twice, stored once");
  const hit = JSON.parse(lines[0]) as { title: string; authors: string[] };
  assert.equal(hit.title, "Harbour town opens a floating library");
  assert.deepEqual(hit.authors, ["Maren Holt", "Idris Calloway"]);
  const text = await run("search", t.db, "ferry", "--author", "holt", "--since", "2026-01-01", "--site", "ledger.test");
  assert.match(text, /#1 Harbour town opens a floating library/);
  assert.match(text, /\[ferry\]/);
  assert.equal(await run("search", t.db, "ferry", "--since", "2027-01-01"), "");
  await assert.rejects(run("search", join(t.dir, "none.db"), "x"), (e: unknown) => e instanceof NewsclipError && e.code === "BAD_REQUEST");
  // The page itself is kept with the article.
  const store = openStore(t.db, { readonly: true });
  assert.equal(Buffer.from((await store.source(1))!).toString(), readFileSync(page, "utf8"));
  await store.close();
});
