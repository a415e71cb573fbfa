/**
 * Words of Chinese, Japanese, Korean and Thai found inside sentences (issue 20, item 5): unicode61 made a whole run of
 * these scripts one token, so `q=東京都` (in the body) and `q=防災計画` (in the title) found nothing. Real SQLite files,
 * the real store, and the HTTP API.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Database from "better-sqlite3";
import { openStore } from "../src/store/index.ts";
import { MIGRATIONS } from "../src/store/migrations.ts";
import { ftsQuery, urlKey } from "../src/store/keys.ts";
import { buildServer } from "../src/serve/app.ts";
import { SCHEMA_VERSION, type Article } from "../src/article.ts";
import { runCli } from "./fixtures/batch/helpers.ts";

function article(url: string, title: string, text: string, lang: string): Article {
  return {
    schemaVersion: SCHEMA_VERSION, url, title, lang, authors: [], wordCount: 20, readingTimeMinutes: 1,
    text, markdown: text, html: `<p>${text}</p>`, blocks: [{ type: "paragraph", text }], evidence: {},
  };
}

const LATIN = article("https://example.com/flood", "Flood warning for the harbour", "The council issued a flood warning for the harbour district on Monday.", "en");

/** Per script: an article, words inside its body and title sentences, and words it does not hold. */
const SCRIPTS = [
  {
    lang: "ja",
    a: article("https://example.jp/bousai", "東京都が新しい防災計画を発表　避難所倍増へ", "東京都は二十日、首都直下地震に備えた新しい防災計画を発表した。計画では避難所の数を増やし、高齢者の避難を支援する。", "ja"),
    body: ["東京都", "避難所", "首都直下地震", "高齢者"],
    title: ["防災計画", "倍増"],
    absent: ["大阪府", "津波警報"],
  },
  {
    lang: "zh",
    a: article("https://example.cn/fangzai", "北京市发布新的防灾计划 避难场所将翻倍", "北京市政府星期一发布了新的防灾计划，计划增加避难场所的数量，并帮助老年人撤离。", "zh"),
    body: ["北京市政府", "避难场所", "老年人"],
    title: ["防灾计划", "翻倍"],
    absent: ["上海市", "地震预警"],
  },
  {
    lang: "ko",
    a: article("https://example.kr/bangjae", "서울시, 새로운 방재계획 발표…대피소 두배로", "서울시는 월요일 새로운 방재계획을 발표했다. 계획에 따르면 대피소의 수를 늘리고 노인들의 대피를 돕는다.", "ko"),
    // Korean words carry their particles: 서울시는, 방재계획을, 대피소의.
    body: ["서울시", "방재계획", "대피소", "노인"],
    title: ["발표", "두배"],
    absent: ["부산시", "지진"],
  },
  {
    lang: "th",
    a: article("https://example.th/plan", "กรุงเทพฯ ประกาศแผนป้องกันภัยพิบัติ เพิ่มศูนย์พักพิงเป็นสองเท่า", "กรุงเทพมหานครประกาศแผนป้องกันภัยพิบัติใหม่ในวันจันทร์ โดยจะเพิ่มจำนวนศูนย์พักพิงและช่วยเหลือผู้สูงอายุ", "th"),
    body: ["กรุงเทพมหานคร", "ศูนย์พักพิง", "ผู้สูงอายุ"],
    title: ["ป้องกันภัยพิบัติ", "สองเท่า"],
    absent: ["เชียงใหม่", "น้ำท่วม"],
  },
];

function tmpDb(): { db: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), "newsclip-cjk-"));
  return { db: join(dir, "news.db"), [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

for (const s of SCRIPTS) {
  test(`${s.lang}: words inside sentences are found, in the body and the headline, with readable snippets`, async () => {
    using t = tmpDb();
    const store = openStore(t.db);
    const others: number[] = [];
    for (const o of SCRIPTS.filter((o) => o !== s)) others.push((await store.save(o.a)).id);
    await store.save(LATIN);
    const { id } = await store.save(s.a);
    for (const q of [...s.body, ...s.title]) {
      const res = await store.search({ q });
      assert.deepEqual(res.hits.map((h) => h.id), [id], `q=${q}`);
      assert.equal(res.total, 1);
      const hit = res.hits[0];
      assert.ok(!hit.snippet!.includes("\u200b"), "no index separators in the snippet");
      assert.ok(s.a.text.includes(hit.snippet!.replace(/^…|…$/g, "")) || s.a.title!.includes(hit.snippet!.replace(/^…|…$/g, "")), `snippet is the article's own text: ${hit.snippet}`);
      assert.ok(hit.snippetHtml!.includes(`<mark>${q}</mark>`), `${q} marked whole in ${hit.snippetHtml}`);
    }
    // The headline-only words are found in the headline alone.
    for (const q of s.title.slice(1)) assert.ok(s.a.title!.includes(q) && !s.a.text.includes(q), `${q} is only in the headline`);
    for (const q of s.absent) assert.equal((await store.search({ q })).total, 0, `q=${q} is not in any article`);
    // Mixed with filters, a phrase, a prefix and a Latin word.
    assert.deepEqual((await store.search({ q: `"${s.body[0]}"`, site: new URL(s.a.url!).hostname })).hits.map((h) => h.id), [id]);
    assert.deepEqual((await store.search({ q: `${s.body[0].slice(0, 2)}*` })).hits.map((h) => h.id), [id]);
    assert.equal((await store.search({ q: `${s.body[0]} harbour` })).total, 0, "every word must match");
    assert.equal((await store.search({ q: "harbour" })).total, 1);
    assert.equal(others.length, 3);
    await store.close();
  });
}

test("Latin queries are unchanged, and a CJK word in a query becomes the phrase of its characters", () => {
  assert.equal(ftsQuery('climate "sea level" rise*'), '"climate" "sea level" "rise"*');
  assert.equal(ftsQuery("東京都").replaceAll("\u200b", "|"), '"|東|京|都|"');
  assert.equal(ftsQuery("iPhone用 ケース").replaceAll("\u200b", "|"), '"iPhone|用|" "|ケ|ー|ス|"');
  // Thai vowel and tone marks stay with their consonant, in the query as in the index.
  assert.equal(ftsQuery("ป้องกัน").replaceAll("\u200b", "|"), '"|ป้|อ|ง|กั|น|"');
});

/** An archive as newsclip wrote it before schema 3: a Latin and a Japanese article, indexed the old way. */
function schema2Archive(path: string): void {
  const old = new Database(path);
  old.exec(MIGRATIONS[0] as string);
  old.exec(MIGRATIONS[1] as string);
  old.pragma("user_version = 2");
  const rows = [LATIN, SCRIPTS[0].a];
  rows.forEach((a, i) => {
    old.prepare("INSERT INTO articles (id, url_key, url, title, authors, word_count, saved_at, updated_at) VALUES (?, ?, ?, ?, '', 5, 'then', 'then')").run(i + 1, urlKey(a.url), a.url, a.title);
    old.prepare("INSERT INTO documents (id, article) VALUES (?, ?)").run(i + 1, JSON.stringify(a));
    old.prepare("INSERT INTO articles_fts (rowid, title, lead, authors, body) VALUES (?, ?, '', '', ?)").run(i + 1, a.title, a.text);
  });
  assert.equal(old.prepare<[], { n: number }>(`SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH '"東京都"'`).get()!.n, 0, "the old index cannot find it");
  old.close();
}

test("an archive of schema version 2 is re-indexed once: its CJK articles become findable, the rest stays", async () => {
  using t = tmpDb();
  schema2Archive(t.db);
  const store = openStore(t.db);
  assert.deepEqual((await store.search({ q: "東京都" })).hits.map((h) => h.id), [2]);
  assert.deepEqual((await store.search({ q: "防災計画" })).hits.map((h) => h.id), [2]);
  assert.deepEqual((await store.search({ q: "flood warning" })).hits.map((h) => h.id), [1]);
  assert.deepEqual(await store.save(SCRIPTS[0].a), { id: 2, created: false }, "still deduplicated after the migration");
  await store.close();
  const db = new Database(t.db, { readonly: true });
  assert.equal(db.pragma("user_version", { simple: true }), MIGRATIONS.length);
  assert.equal(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM articles_fts").get()!.n, 2);
  db.close();
});

test("the HTTP API finds a saved Japanese article by a word in its body and in its headline", async () => {
  const app = await buildServer({ store: ":memory:", saveByDefault: true, pool: { threads: 1 } });
  try {
    const page = `<html lang="ja"><head><title>東京都が新しい防災計画を発表</title></head><body><article><h1>東京都が新しい防災計画を発表</h1>
      <p>東京都は二十日、首都直下地震に備えた新しい防災計画を発表した。計画では避難所の数を増やし、高齢者の避難を支援する。</p>
      <p>都の担当者は「住民の安全を第一に考えた」と話した。新しい計画は来年四月から実施される予定だ。</p></article></body></html>`;
    const saved = await app.inject({ method: "POST", url: "/v1/extract?url=https://example.jp/news/1", headers: { "content-type": "text/html; charset=utf-8" }, payload: page });
    assert.equal(saved.statusCode, 200, saved.body);
    for (const q of ["東京都", "防災計画", "住民の安全"]) {
      const res = await app.inject({ method: "GET", url: `/v1/articles?q=${encodeURIComponent(q)}` });
      assert.equal(res.json().total, 1, `q=${q}`);
      assert.match(res.json().hits[0].snippetHtml, new RegExp(`<mark>${q}</mark>`));
    }
  } finally {
    await app.close();
  }
});

test("newsclip search on an archive of schema version 2 updates it once, then finds 東京都", async () => {
  using t = tmpDb();
  schema2Archive(t.db);
  const first = await runCli(["search", t.db, "東京都", "--json"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /updating .* to the current archive schema/);
  assert.deepEqual(first.stdout.trim().split("\n").map((l) => JSON.parse(l).id), [2]);
  const again = await runCli(["search", t.db, "flood", "--json"]);
  assert.equal(again.stderr, "");
  assert.deepEqual(again.stdout.trim().split("\n").map((l) => JSON.parse(l).id), [1]);
});
