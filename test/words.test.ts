/** Word counting: one pass over the characters must count what the regex definition counts. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { countWords } from "../src/heuristics/words.ts";

/** The definition: CJK and Thai characters two to a word, then runs that start with a letter or number. */
function byRegex(text: string): number {
  const cjk = text.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/gu)?.length ?? 0;
  const rest = text.replace(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/gu, " ");
  return (rest.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu)?.length ?? 0) + Math.ceil(cjk / 2);
}

test("words of ordinary text", () => {
  assert.equal(countWords(""), 0);
  assert.equal(countWords("The fox’s well-known den — 12 lazy dogs, naïve café."), 9);
  assert.equal(countWords("东京で会議"), 3);
  assert.equal(countWords("ab東cd"), 3);
});

test("every UTF-16 code unit counts as the regex definition counts it", () => {
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    for (const s of [ch, `a${ch}b`]) if (countWords(s) !== byRegex(s)) assert.fail(`U+${c.toString(16)} in ${JSON.stringify(s)}: ${countWords(s)} vs ${byRegex(s)}`);
  }
});

test("mixed strings, with marks, astral letters and lone surrogates, count as the regex definition counts them", () => {
  const pool = ["a", "9", " ", "-", "_", "'", "’", "é", "\u0301", "東", "\u3099", "ก", "\u0e31", "😀", "𝐀", "\u{20000}", "\ud800", "\udc00", ".", "\u00a0", "١", "\u05d0", "ー", "한"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let t = 0; t < 20000; t++) {
    let s = "";
    for (let i = Math.floor(next() * 16); i > 0; i--) s += pool[Math.floor(next() * pool.length)];
    assert.equal(countWords(s), byRegex(s), JSON.stringify(s));
  }
});
