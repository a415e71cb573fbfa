/**
 * Language: the page's declaration, checked by eld on a bounded text sample.
 * eld's small model is loaded on first use only, once per process or worker thread, and its n-gram table is
 * packed off the JavaScript heap (see ngrams.ts). `extract` stays synchronous, so eld is required, not imported.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { LANG } from "../heuristics/meta.ts";
import { readTable, asObject, type TableSource } from "./ngrams.ts";

interface Eld {
  detect(text: string): { language: string; isReliable(): boolean };
}

/** eld's LanguageResult: the language, with its reliability judged from the scores as eld judges it. */
type ResultClass = new (language: string, results: number[], numNgrams: number, langCodes: Record<string, string>) => { language: string; isReliable(): boolean };

let eld: Eld | null | undefined;

function detector(): Eld | null {
  if (eld !== undefined) return eld;
  try {
    const require = createRequire(import.meta.url);
    const entry = modelFile(require);
    try {
      eld = packed(require, dirname(dirname(entry)));
    } catch {
      // eld's files changed shape: its own loader still works, with its table on the heap.
      const mod = require(entry) as { eld?: Eld; default?: Eld };
      eld = mod.eld ?? mod.default ?? null;
    }
  } catch {
    eld = null;
  }
  return eld;
}

/**
 * An eld instance over the packed table. The table's module is read as text rather than imported, so that no
 * module cache keeps the unpacked object alive once it is packed.
 */
function packed(require: NodeJS.Require, src: string): Eld {
  const { createEld } = require(join(src, "languageDetector.js")) as {
    createEld(): { instance: Eld; loadData(data: unknown): string };
  };
  const table = readTable(readFileSync(join(src, "ngrams", "small.js"), "utf8"));
  const { instance, loadData } = createEld();
  if (!loadData({ ...table, ngrams: asObject(table.ngrams) })) throw new Error("eld refused the table");
  try {
    return direct(require, src, table);
  } catch {
    return instance;
  }
}

/**
 * eld's detect, step for step, reading the packed table directly. eld looks each n-gram of the text up in its table
 * object (here a proxy over the packed arrays, which made an object of scores per lookup) and walks the entry's
 * languages; here the scores are added straight from the arrays. The text is cut, split into words and into n-grams
 * by eld's own expressions and byte dictionary, and the result is eld's own LanguageResult over the same scores, so
 * languages and reliability are eld's (test/lang.test.ts compares both on page texts). The n-grams are a Set where
 * eld keeps an object's keys: n-grams are at most six characters, so none is "__proto__", and scores are sums of
 * integers, the same in any order.
 */
function direct(require: NodeJS.Require, src: string, table: TableSource): Eld {
  const { separators } = require(join(src, "regexPatterns.js")) as { separators: RegExp };
  const { dictionary } = require(join(src, "dictionary.js")) as { dictionary: string[] };
  const { LanguageResult } = require(join(src, "LanguageResult.js")) as { LanguageResult: ResultClass };
  if (!(separators instanceof RegExp) || !separators.global || dictionary.length !== 256 || typeof LanguageResult !== "function") throw new Error("eld changed");
  const langCodes = table.languages;
  const count = Object.keys(langCodes).length;
  const ngrams = table.ngrams;
  return {
    detect(input: string) {
      const text = input.substring(0, 1000).replace(separators, " ").trim().toLowerCase();
      const words = byteWords(text, dictionary);
      const grams = new Set<string>();
      for (const word of words) {
        let len = word.length;
        if (len > 70) len = 70;
        let j: number;
        for (j = 0; j + 4 < len; j += 3) grams.add((j === 0 ? " " : "") + word.substring(j, j + 4));
        grams.add((j === 0 ? " " : "") + word.substring(len !== 3 ? len - 4 : 0) + " ");
      }
      const results: number[] = new Array(count).fill(0);
      for (const g of grams) ngrams.addScores(g, results, NGRAM_BASE);
      // eld's getMaxLang: the first language with the highest positive score.
      let max = -1;
      let best = 0;
      for (let i = 0; i < count; i++) {
        if (results[i] > 0 && results[i] > best) {
          best = results[i];
          max = i;
        }
      }
      if (max < 0) return new LanguageResult("", [], 0, {});
      return new LanguageResult(langCodes[max], results, grams.size, langCodes);
    },
  };
}

/** eld subtracts this from every score in its table, and adds it back when scoring. */
const NGRAM_BASE = 53;

/** eld's strToUtf8Bytes: the text's words, each UTF-8 byte one character of eld's dictionary, cut after ~350 bytes. */
function byteWords(str: string, dictionary: string[]): string[] {
  let encoded = "";
  const words: string[] = [];
  let countBytes = 0;
  const cutAfter = 350;
  const enforceCutAfter = 380;
  for (let ii = 0; ii < str.length; ii++) {
    let charCode = str.charCodeAt(ii);
    if (charCode < 0x80) {
      if (charCode === 32) {
        if (encoded !== "") {
          words.push(encoded);
          encoded = "";
        }
        if (countBytes > cutAfter) break;
      } else {
        encoded += str[ii];
      }
      countBytes++;
    } else if (charCode < 0x800) {
      encoded += dictionary[0xc0 | (charCode >> 6)] + dictionary[0x80 | (charCode & 0x3f)];
      countBytes += 2;
    } else if (charCode < 0xd800 || charCode >= 0xe000) {
      encoded += dictionary[0xe0 | (charCode >> 12)] + dictionary[0x80 | ((charCode >> 6) & 0x3f)] + dictionary[0x80 | (charCode & 0x3f)];
      countBytes += 3;
    } else {
      ii++;
      charCode = 0x10000 + (((charCode & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
      encoded += dictionary[0xf0 | (charCode >> 18)] + dictionary[0x80 | ((charCode >> 12) & 0x3f)] + dictionary[0x80 | ((charCode >> 6) & 0x3f)] + dictionary[0x80 | (charCode & 0x3f)];
      countBytes += 4;
    }
    if (countBytes > enforceCutAfter) break;
  }
  if (encoded !== "") words.push(encoded);
  return words;
}

/** eld's own detector over the packed table (its proxy), for tests comparing it with the direct path. */
export function eldDetector(): Eld | null {
  try {
    const require = createRequire(import.meta.url);
    const src = dirname(dirname(modelFile(require)));
    const { createEld } = require(join(src, "languageDetector.js")) as { createEld(): { instance: Eld; loadData(data: unknown): string } };
    const table = readTable(readFileSync(join(src, "ngrams", "small.js"), "utf8"));
    const { instance, loadData } = createEld();
    return loadData({ ...table, ngrams: asObject(table.ngrams) }) ? instance : null;
  } catch {
    return null;
  }
}

/**
 * eld exports only an ESM "import" condition, so `require.resolve` refuses it; its file is found through
 * `import.meta.resolve` where the runtime has it, else by looking in the node_modules folders on the path
 * (tsx-run worker threads on Node 20 lack `import.meta.resolve`).
 */
function modelFile(require: NodeJS.Require): string {
  const resolve = (import.meta as { resolve?: (s: string) => string }).resolve;
  if (typeof resolve === "function") return fileURLToPath(resolve("eld/small"));
  for (const dir of require.resolve.paths("eld") ?? []) {
    const f = join(dir, "eld", "src", "entries", "static.small.js");
    if (existsSync(f)) return f;
  }
  throw new Error("eld not found");
}

/** Primary subtag of a declared language ("de-AT" → "de", "en_US" → "en"); undefined for junk. */
export function primaryTag(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(lang.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** A language tag normalised to BCP 47 case ("en_us" → "en-US"). */
export function normTag(lang: string): string | undefined {
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2}|\d{3}|[a-z]{4}))?(?:[-_].*)?$/i.exec(lang.trim());
  if (!m) return undefined;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].length === 4 ? m[2][0].toUpperCase() + m[2].slice(1).toLowerCase() : m[2].toUpperCase()}` : m[1].toLowerCase();
}

/** The detected language of a sample, or undefined when unsure. */
export function detect(sample: string): string | undefined {
  const text = sample.slice(0, LANG.sampleChars);
  if (text.length < LANG.minSampleChars) return undefined;
  const d = detector();
  if (!d) return undefined;
  const r = d.detect(text);
  return r.language && r.isReliable() ? r.language : undefined;
}

/** The detector's whole result for a text (no sample cut, no minimum), for tests. */
export function detectFull(text: string): { language: string; isReliable(): boolean } | undefined {
  return detector()?.detect(text);
}
