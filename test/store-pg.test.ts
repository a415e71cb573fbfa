/**
 * The PostgreSQL archive from the command line and the HTTP API: `newsclip store migrate`, `extract --store`,
 * `search`, `serve --store postgres://...`. Skips without NEWSCLIP_TEST_PG, saying how to start a server.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import pg from "pg";
import { buildServer } from "../src/serve/app.ts";
import { PG_MIGRATIONS } from "../src/store/pg-migrations.ts";
import { openStore } from "../src/store/index.ts";
import { NewsclipError } from "../src/errors.ts";
import { runCli } from "./fixtures/batch/helpers.ts";
import { freshDatabase, noPg } from "./fixtures/services.ts";

const STORY = join(import.meta.dirname, "fixtures", "serve", "story.html");

test("store migrate, extract --store, search and serve on one PostgreSQL archive", async (t) => {
  if (noPg(t)) return;
  const db = await freshDatabase(t);
  const m = await runCli(["store", "migrate", "--store", db]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stderr, new RegExp(`at schema version ${PG_MIGRATIONS.length} \\(was 0\\)`));
  assert.doesNotMatch(m.stderr, /:newsclip@/, "no password in messages");
  const again = await runCli(["store", "migrate", "--store", db]);
  assert.match(again.stderr, /\(already\)/);
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  const versions = (await c.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version);
  assert.deepEqual(versions, PG_MIGRATIONS.map((_, i) => i + 1));
  const idx = (await c.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_search'")).rows[0].indexdef as string;
  assert.match(idx, /USING gin \(search\)/);
  await c.end();

  for (const url of ["https://www.ledger.test/news/2026/11/harbour-floating-library", "https://www.ledger.test/news/2026/11/harbour-floating-library?utm_source=x"]) {
    const r = await runCli(["extract", STORY, "--url", url, "--store", db, "-f", "text"]);
    assert.equal(r.code, 0, r.stderr);
  }
  const found = await runCli(["search", db, "ferry library", "--json"]);
  assert.equal(found.code, 0, found.stderr);
  const lines = found.stdout.trim().split("\n");
  assert.equal(lines.length, 1, "extracted twice, stored once");
  assert.equal(JSON.parse(lines[0]).title, "Harbour town opens a floating library");
  const text = await runCli(["search", db, "ferry", "--author", "holt", "--since", "2026-01-01", "--site", "ledger.test"]);
  assert.match(text.stdout, /#1 Harbour town opens a floating library/);
  assert.match(text.stdout, /\[ferry\]/);

  const app = await buildServer({ store: db, pool: { threads: 1 } });
  try {
    const res = await app.inject({ method: "GET", url: "/v1/articles?q=floating%20library" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().total, 1);
    assert.match(res.json().hits[0].snippetHtml, /<mark>library<\/mark>/);
    const one = await app.inject({ method: "GET", url: `/v1/articles/${res.json().hits[0].id}` });
    assert.equal(one.json().title, "Harbour town opens a floating library");
    assert.equal((await app.inject({ method: "GET", url: "/v1/articles/999999" })).statusCode, 404);
    assert.equal((await app.inject({ method: "GET", url: "/healthz" })).json().articles, 1);
    const saved = await app.inject({ method: "POST", url: "/v1/extract?url=https://pg.test/new", headers: { "content-type": "text/html" }, payload: "<html><head><title>Quay works</title></head><body><article><h1>Quay works</h1><p>The quay works start on Monday, the harbour master said, and will last until the spring.</p><p>Boats will leave from the old pier meanwhile.</p></article></body></html>" });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await app.inject({ method: "GET", url: "/healthz" })).json().articles, 2);
  } finally {
    await app.close();
  }
  // A server that is not there: a clear error at start, naming it.
  await assert.rejects(buildServer({ store: "postgres://u:pw@127.0.0.1:1/none", pool: { threads: 1 } }), (e: unknown) => e instanceof NewsclipError && e.code === "STORE_FAILED" && /127\.0\.0\.1:1\/none: connect ECONNREFUSED/.test(e.message) && !e.message.includes(":pw@"));
  // A schema newer than this newsclip is refused.
  const c2 = new pg.Client({ connectionString: db });
  await c2.connect();
  await c2.query("INSERT INTO schema_migrations (version) VALUES ($1)", [PG_MIGRATIONS.length + 1]);
  await c2.end();
  await assert.rejects(openStore(db).ready(), /newer than this newsclip/);
});
