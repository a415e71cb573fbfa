/**
 * One contract, two archives: every test here runs against the SQLite file and against PostgreSQL (when
 * NEWSCLIP_TEST_PG names a server; otherwise the PostgreSQL half skips and says how to start one).
 */
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { openStore, type Store } from "../src/store/index.ts";
import { NewsclipError } from "../src/errors.ts";
import { article } from "./fixtures/articles.ts";
import { freshDatabase, noPg } from "./fixtures/services.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "serve");

interface Backend {
  name: string;
  /** The archive's address, or undefined when the test was skipped. */
  address(t: TestContext): Promise<string | undefined>;
}

const BACKENDS: Backend[] = [
  {
    name: "sqlite",
    address: async (t) => {
      const dir = mkdtempSync(join(tmpdir(), "newsclip-contract-"));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      return join(dir, "news.db");
    },
  },
  {
    name: "postgres",
    address: async (t) => (noPg(t) ? undefined : freshDatabase(t)),
  },
];

/** Runs `fn` on a fresh archive of each kind. */
function contract(title: string, fn: (store: Store, address: string, backend: string) => Promise<void>): void {
  for (const b of BACKENDS) {
    test(`${b.name}: ${title}`, async (t) => {
      const address = await b.address(t);
      if (!address) return;
      const store = openStore(address);
      try {
        await fn(store, address, b.name);
      } finally {
        await store.close();
      }
    });
  }
}

interface Corpus {
  articles: { key: string; title: string; text: string; url: string; authors: string[]; published: string; siteName: string }[];
  queries: { q?: string; site?: string; author?: string; since?: string; top?: string; all?: string[] }[];
}

contract("search ranks the fixture query set as expected, with filters", async (store) => {
  const corpus = JSON.parse(readFileSync(join(FIXTURES, "search-corpus.json"), "utf8")) as Corpus;
  const keyOf = new Map<number, string>();
  for (const a of corpus.articles) {
    const { id } = await store.save(article({ ...a, authors: a.authors.map((name) => ({ name })), canonicalUrl: a.url }));
    keyOf.set(id, a.key);
  }
  for (const { top, all, ...query } of corpus.queries) {
    const res = await store.search({ ...query, limit: 50 });
    const keys = res.hits.map((h) => keyOf.get(h.id));
    const label = JSON.stringify(query);
    if (top) assert.equal(keys[0], top, `best hit for ${label}`);
    if (all) assert.deepEqual([...keys].sort(), [...all].sort(), `hits for ${label}`);
    assert.equal(res.total, keys.length, `total for ${label}`);
    if (query.q && keys.length) {
      for (const h of res.hits) assert.equal(typeof h.score, "number");
      assert.ok(res.hits.every((h, i) => i === 0 || h.score! >= res.hits[i - 1].score!), `best first (lower score) for ${label}`);
    }
  }
  // Snippets mark the matches and escape the rest.
  const [hit] = (await store.search({ q: "potholes" })).hits;
  assert.match(hit.snippetHtml!, /<mark>potholes<\/mark>/);
  assert.match(hit.snippet!, /potholes on the river road/);
  assert.match(hit.savedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

contract("browsing without a query pages newest first with a cursor", async (store) => {
  for (let i = 0; i < 25; i++) {
    await store.save(article({ url: `https://p.test/${i}`, title: `Item ${i}`, text: `Item number ${i} of the paging test.`, published: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() }));
  }
  const first = await store.search({ limit: 10 });
  assert.equal(first.total, 25);
  assert.equal(first.hits[0].title, "Item 24");
  const seen = first.hits.map((h) => h.id);
  let next = first.next;
  while (next) {
    const page = await store.search({ limit: 10, cursor: next });
    seen.push(...page.hits.map((h) => h.id));
    next = page.next;
  }
  assert.equal(new Set(seen).size, 25);
  // A query pages the same way.
  const q1 = await store.search({ q: "paging", limit: 20 });
  const q2 = await store.search({ q: "paging", limit: 20, cursor: q1.next });
  assert.equal(new Set([...q1.hits, ...q2.hits].map((h) => h.id)).size, 25);
  assert.equal(q2.next, undefined);
  await assert.rejects(store.search({ cursor: "garbage!" }), (e: unknown) => e instanceof NewsclipError && e.code === "BAD_REQUEST");
  await assert.rejects(store.search({ since: "not a date" }), (e: unknown) => e instanceof NewsclipError && e.code === "BAD_REQUEST");
});

contract("re-extraction updates, never duplicates: caller's key, then canonical URL, then content", async (store) => {
  const a = article({ url: "https://www.d.test/news/1?utm_source=feed", canonicalUrl: "https://www.d.test/news/1", title: "Dam repairs start", text: "Engineers began work on the dam on Monday." });
  const first = await store.save(a, { html: "<p>the page</p>" });
  assert.equal(first.created, true);
  const fixed = await store.save({ ...a, text: "Engineers began work on the old dam on Monday morning." });
  assert.deepEqual(fixed, { id: first.id, created: false });
  assert.match((await store.get(first.id))!.text, /old dam/);
  assert.equal(Buffer.from((await store.source(first.id))!).toString(), "<p>the page</p>", "a save without the page keeps the one kept before");
  assert.equal((await store.search({ q: "morning" })).hits[0].id, first.id);
  assert.equal((await store.search({ q: "dam" })).total, 1);
  const amp = await store.save({ ...a, canonicalUrl: undefined, url: "https://amp.d.test/news/1.amp", text: "Engineers began work on the old dam on Monday morning." });
  assert.equal(amp.id, first.id);
  const keyed = await store.save(article({ url: "https://d.test/other", text: "Another story entirely." }), { id: "warc:123" });
  const again = await store.save(article({ url: "https://d.test/other-moved", text: "Another story, rewritten." }), { id: "warc:123" });
  assert.equal(again.id, keyed.id);
  assert.equal((await store.save(article({ url: "https://d.test/2", text: "Something else happened." }))).created, true);
  assert.equal(await store.count(), 3);
  assert.equal(await store.get(999_999), undefined);
  assert.equal(await store.source(keyed.id), undefined);
  // saveMany: one transaction, the same rules.
  const many = await store.saveMany([
    { article: article({ url: "https://d.test/3", text: "Third story." }), options: { id: "k3" } },
    { article: article({ url: "https://d.test/3", text: "Third story, corrected." }), options: { id: "k3" } },
    { article: article({ url: "https://d.test/4", text: "Fourth story." }) },
  ]);
  assert.deepEqual(many.map((s) => s.created), [true, false, true]);
  assert.equal(many[0].id, many[1].id);
  assert.equal(await store.count(), 5);
});

contract("two archive handles saving the same records at once make each record once", async (store, address) => {
  const other = openStore(address);
  try {
    const items = Array.from({ length: 60 }, (_, i) => ({ article: article({ url: `https://race.test/${i}`, title: `Race ${i}`, text: `Race story ${i} about the harbour.` }), options: { id: `r/${i}` } }));
    // Each writes the records one by one, in opposite orders, and again as batches: every save of a record after its
    // first is an update.
    await Promise.all([
      (async () => {
        for (const it of items) await store.save(it.article, it.options);
      })(),
      (async () => {
        for (const it of [...items].reverse()) await other.save(it.article, it.options);
      })(),
      store.saveMany(items.slice(0, 30)),
      other.saveMany(items.slice(20).reverse()),
    ]);
    assert.equal(await store.count(), 60);
    assert.equal((await other.search({ q: "harbour", limit: 100 })).total, 60);
  } finally {
    await other.close();
  }
});

contract("2,000 articles in one transaction, then searched and filtered", async (store) => {
  const words = ["harbour", "council", "election", "storm", "library", "ferry", "budget", "school", "bridge", "market"];
  const items = Array.from({ length: 2_000 }, (_, i) => ({
    article: article({
      url: `https://bulk.test/a/${i}`,
      title: `Story ${i} about the ${words[i % 10]}`,
      text: `Story ${i}: the ${words[i % 10]} and the ${words[(i * 7) % 10]} were in the news on day ${i % 365}.`,
      authors: [{ name: `Writer ${i % 50}` }],
      published: new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString(),
    }),
  }));
  const saved = await store.saveMany(items);
  assert.equal(saved.length, 2_000);
  assert.equal(await store.count(), 2_000);
  const res = await store.search({ q: "ferry", limit: 5 });
  assert.equal(res.hits.length, 5);
  // Headline matches weigh more: every top hit has the word in its title.
  for (const h of res.hits) assert.match(h.title!, /ferry/);
  assert.equal((await store.search({ q: "Story 1234" })).hits[0].title, "Story 1234 about the library");
  assert.equal((await store.search({ author: "writer 7", q: "harbour", limit: 100 })).total, 0, "writer 7 only wrote i%50==7 stories, never harbour ones (i%10==0)");
  assert.equal((await store.search({ author: "writer 7", since: "2025-12-01", limit: 100 })).total, items.filter((_, i) => i % 50 === 7 && i % 365 >= 334).length);
});

contract("user words never make a query syntax error", async (store) => {
  await store.save(article({ url: "https://w.test/1", title: "Words", text: "Plain words about a: b and NEAR things." }));
  for (const q of ['"', "NEAR(", "a:b", "*", "OR", "title:x", "'; DROP TABLE articles; --", "!!", "a & | b", "-x", "foo:*", "\\", "(((", "OR OR b"]) {
    await assert.doesNotReject(store.search({ q }), q);
  }
  assert.equal(await store.count(), 1);
});

const CJK = [
  { url: "https://example.jp/bousai", title: "東京都が新しい防災計画を発表　避難所倍増へ", text: "東京都は二十日、首都直下地震に備えた新しい防災計画を発表した。計画では避難所の数を増やし、高齢者の避難を支援する。", words: ["東京都", "避難所", "防災計画"], absent: "大阪府" },
  { url: "https://example.kr/bangjae", title: "서울시, 새로운 방재계획 발표…대피소 두배로", text: "서울시는 월요일 새로운 방재계획을 발표했다. 계획에 따르면 대피소의 수를 늘리고 노인들의 대피를 돕는다.", words: ["서울시", "방재계획", "대피소"], absent: "부산시" },
  { url: "https://example.th/plan", title: "กรุงเทพฯ ประกาศแผนป้องกันภัยพิบัติ", text: "กรุงเทพมหานครประกาศแผนป้องกันภัยพิบัติใหม่ในวันจันทร์ โดยจะเพิ่มจำนวนศูนย์พักพิงและช่วยเหลือผู้สูงอายุ", words: ["ศูนย์พักพิง", "ผู้สูงอายุ"], absent: "เชียงใหม่" },
];

contract("CJK, Korean and Thai words are found inside sentences", async (store) => {
  const ids: number[] = [];
  for (const c of CJK) ids.push((await store.save(article({ url: c.url, title: c.title, text: c.text }))).id);
  for (const [i, c] of CJK.entries()) {
    for (const q of c.words) {
      const res = await store.search({ q });
      assert.deepEqual(res.hits.map((h) => h.id), [ids[i]], `q=${q}`);
      assert.ok(!res.hits[0].snippet?.includes("\u200b"), "no index separators in the snippet");
    }
    assert.equal((await store.search({ q: c.absent })).total, 0, `q=${c.absent}`);
  }
});
