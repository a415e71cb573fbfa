import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { readTable, asObject } from "../src/metadata/ngrams.ts";
import { detect } from "../src/metadata/lang.ts";

const SMALL = `/* header */
export const ngramsData = {type:'T3',languages:{0:'en',1:'de',2:'fr'},isSubset:false,ngrams:{' the':{0:120,2:7},Lé4L:{1:9},'it\\'s':{0:60},'a:b':{2:200}}};
`;

test("readTable reads quoted, unquoted, escaped and colon-holding keys", () => {
  const t = readTable(SMALL);
  assert.equal(t.type, "T3");
  assert.deepEqual(t.languages, { 0: "en", 1: "de", 2: "fr" });
  assert.equal(t.ngrams.size, 4);
  assert.deepEqual(t.ngrams.get(" the"), { 0: 120, 2: 7 });
  assert.deepEqual(t.ngrams.get("Lé4L"), { 1: 9 });
  assert.deepEqual(t.ngrams.get("it's"), { 0: 60 });
  assert.deepEqual(t.ngrams.get("a:b"), { 2: 200 });
  assert.equal(t.ngrams.get("the"), undefined);
  assert.equal(t.ngrams.get(""), undefined);
});

test("readTable refuses what it cannot hold", () => {
  assert.throws(() => readTable("export const ngramsData = {type:'T',languages:{0:'en'},ngrams:{'x':{0:300}}}"), /byte/);
  assert.throws(() => readTable("export const ngramsData = {type:'T',languages:{0:'en'},ngrams:{'x':{0:1}"), /eld table/);
  assert.throws(() => readTable("export const nothing = 1"), /eld table/);
  assert.throws(() => readTable("export const ngramsData = {type:'T',languages:{0:'en'},ngrams:{'漢':{0:1}}}"), /one-byte/);
});

test("the proxy answers like the object the table was read from", () => {
  const obj = { ab: { 0: 1, 5: 2 }, "b c": { 3: 255 } };
  const proxy = asObject(readTable("export const ngramsData = {type:'T',languages:{0:'en'},ngrams:{ab:{0:1,5:2},'b c':{3:255}}}").ngrams);
  for (const k of Object.keys(obj) as (keyof typeof obj)[]) {
    const got: Record<string, number> = {};
    for (const lang in proxy[k]) got[lang] = proxy[k][Number(lang)];
    assert.deepEqual(got, obj[k]);
  }
  assert.equal(proxy["nope"], undefined);
  assert.equal("ab" in proxy, true);
  assert.throws(() => readTable("export const ngramsData = {type:'T',languages:{0:'en'},ngrams:{x:{0:256}}}"), /byte/);
});

test("the packed table holds exactly eld's own small table", async () => {
  const require = createRequire(import.meta.url);
  const file = fileURLToPath(import.meta.resolve("eld/small")).replace(/entries[\\/]static\.small\.js$/, "ngrams/small.js");
  const packed = readTable(readFileSync(file, "utf8"));
  const { ngramsData } = require(file) as { ngramsData: { type: string; ngrams: Record<string, Record<string, number>> } };
  const keys = Object.keys(ngramsData.ngrams);
  assert.equal(packed.ngrams.size, keys.length);
  assert.equal(packed.type, ngramsData.type);
  for (const k of keys) assert.deepEqual(packed.ngrams.get(k), ngramsData.ngrams[k], k);
});

test("detect names the language of news prose and stays quiet on too little text", () => {
  assert.equal(detect("The government said on Tuesday that it would raise the minimum wage next year, after months of talks with unions and employers."), "en");
  assert.equal(detect("Die Bundesregierung hat am Dienstag angekündigt, den Mindestlohn im kommenden Jahr zu erhöhen, nach monatelangen Gesprächen."), "de");
  assert.equal(detect("Le gouvernement a annoncé mardi qu'il augmenterait le salaire minimum l'année prochaine, après des mois de négociations."), "fr");
  assert.equal(detect("Правительство во вторник объявило о повышении минимальной заработной платы в следующем году после долгих переговоров."), "ru");
  assert.equal(detect("Too short."), undefined);
});

test("the direct detector answers as eld's own detect does, scores included", async () => {
  const { eldDetector, detectFull } = await import("../src/metadata/lang.ts");
  const eld = eldDetector();
  assert.ok(eld, "eld loads");
  const texts = [
    "",
    "a",
    "abc",
    "1234 5678 2023",
    "The committee said on Tuesday that the proposal would be reviewed again next year, after the consultation ends.",
    "Die Bundesregierung hat am Dienstag beschlossen, die Förderung für kleine Unternehmen deutlich auszuweiten.",
    "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les petites entreprises.",
    "El gobierno anunció el martes un nuevo paquete de medidas para apoyar a las pequeñas empresas del país.",
    "Правительство во вторник объявило о новом пакете мер поддержки малого бизнеса в регионах страны.",
    "政府は火曜日、中小企業を支援するための新たな対策を発表した。",
    "Emoji 😀 and symbols ✓ mixed with text that is mostly English, plus ünïcödé letters here and there.",
  ];
  // Page texts of the golden set, whole and cut, as the metadata stage gives them.
  for (const f of readdirSync(join(import.meta.dirname, "golden"))) {
    const a = JSON.parse(readFileSync(join(import.meta.dirname, "golden", f), "utf8")) as { text?: string; title?: string };
    const t = a.text ?? "";
    texts.push(t.slice(0, 700), t.slice(200, 900), (a.title ?? "") + ". " + t.slice(0, 300));
  }
  for (const t of texts) {
    const a = eld!.detect(t) as unknown as { language: string; isReliable(): boolean; getScores(): unknown };
    const b = detectFull(t) as unknown as { language: string; isReliable(): boolean; getScores(): unknown };
    assert.deepEqual([b.language, b.isReliable(), b.getScores()], [a.language, a.isReliable(), a.getScores()], t.slice(0, 60));
  }
});
