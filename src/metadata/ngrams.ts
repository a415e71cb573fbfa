/**
 * eld's n-gram table, packed into typed arrays.
 *
 * eld ships its table as one object literal: 81,000 keys, each holding a small object of language scores. On the
 * JavaScript heap that is ~50 MB of small objects, which every garbage collection has to reckon with for the life
 * of the process (or of each batch worker). Packed, the same table is ~2 MB of array buffers the collector never
 * looks into. It is read straight from the module's source text into the arrays, so the object form never exists.
 * Lookups answer exactly what eld's own table answers, so detection results are unchanged.
 */

/** One entry's scores: language index → score, as eld's table holds them. */
export type Scores = Record<number, number>;

export interface NgramTable {
  /** Entries packed. */
  readonly size: number;
  get(key: string): Scores | undefined;
  /**
   * Adds each of the entry's scores plus `base` to `into[language]`, as eld's scoring loop does with the entry's
   * object; false (and nothing added) when the key is not in the table. No object is made per lookup.
   */
  addScores(key: string, into: number[], base: number): boolean;
}

/** What eld's table module holds. */
export interface TableSource {
  type: string;
  languages: Record<string, string>;
  ngrams: NgramTable;
}

const FNV_SEED = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Keys are byte strings (eld maps each UTF-8 byte to one character ≤ U+00FF); FNV-1a over them. */
function hash(key: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Entries as written: key i is keyChars[keyStart[i]..keyStart[i+1]), its scores langs/scores[pairStart[i]..]. */
interface Columns {
  count: number;
  keyStart: Uint32Array;
  keyChars: Uint8Array;
  pairStart: Uint32Array;
  langs: Uint8Array;
  scores: Uint8Array;
}

function index(cols: Columns): NgramTable {
  const { count, keyStart, keyChars, pairStart, langs, scores } = cols;
  let size = 1;
  while (size < count * 2) size <<= 1;
  const mask = size - 1;
  // Slot holds entry index + 1; 0 is empty. Open addressing, linear probing, load ≤ 0.5.
  const slots = new Int32Array(size);
  for (let e = 0; e < count; e++) {
    let h = FNV_SEED;
    for (let c = keyStart[e]; c < keyStart[e + 1]; c++) h = Math.imul(h ^ keyChars[c], FNV_PRIME);
    let s = (h >>> 0) & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = e + 1;
  }
  const find = (key: string): number => {
    for (let s = hash(key) & mask; ; s = (s + 1) & mask) {
      const e = slots[s] - 1;
      if (e < 0) return -1;
      const from = keyStart[e];
      if (keyStart[e + 1] - from !== key.length) continue;
      let j = 0;
      while (j < key.length && keyChars[from + j] === key.charCodeAt(j)) j++;
      if (j === key.length) return e;
    }
  };
  return {
    size: count,
    get(key) {
      const e = find(key);
      if (e < 0) return undefined;
      const out: Scores = {};
      for (let q = pairStart[e]; q < pairStart[e + 1]; q++) out[langs[q]] = scores[q];
      return out;
    },
    addScores(key, into, base) {
      const e = find(key);
      if (e < 0) return false;
      for (let q = pairStart[e]; q < pairStart[e + 1]; q++) into[langs[q]] += scores[q] + base;
      return true;
    },
  };
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, v: 11, "0": 0 };
const QUOTE = 39; // '
const COLON = 58;
const COMMA = 44;
const OPEN = 123; // {
const CLOSE = 125; // }
const BACKSLASH = 92;

/**
 * Reads eld's table module (`export const ngramsData = {type:'S60',languages:{0:'am',…},ngrams:{'key':{0:176},…}}`,
 * keys unquoted where they are identifiers) from its source text. Importing or evaluating it would build the object
 * this module exists to avoid. Throws on anything outside that shape.
 */
export function readTable(text: string): TableSource {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`eld table: expected ${what} at offset ${i}`);
  };
  const at = (code: number) => text.charCodeAt(i) === code;
  const expect = (code: number) => {
    if (!at(code)) fail(JSON.stringify(String.fromCharCode(code)));
    i++;
  };
  const skipComma = () => {
    if (at(COMMA)) i++;
  };
  const int = (): number => {
    const from = i;
    let n = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + c - 48;
    if (i === from) fail("a number");
    return n;
  };
  // Short strings (type, language codes) as JS strings.
  const str = (): string => {
    expect(QUOTE);
    const to = text.indexOf("'", i);
    if (to < 0 || text.lastIndexOf("\\", to) >= i) fail("a plain quoted string");
    const s = text.slice(i, to);
    i = to + 1;
    return s;
  };
  const name = (): string => {
    const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40));
    if (!m) return fail("a field name");
    i += m[0].length;
    return m[0];
  };

  // Upper bounds from the text's length; trimmed when done. Each entry takes at least `a:{0:1},` (8 characters).
  const maxEntries = (text.length >> 3) + 1;
  const keyStart = new Uint32Array(maxEntries + 1);
  const keyChars = new Uint8Array(text.length);
  const pairStart = new Uint32Array(maxEntries + 1);
  const langs = new Uint8Array(text.length >> 2);
  const scores = new Uint8Array(text.length >> 2);
  let count = 0;
  let c = 0;
  let p = 0;
  const key = () => {
    keyStart[count] = c;
    if (at(QUOTE)) {
      i++;
      for (let code = text.charCodeAt(i); code !== QUOTE; code = text.charCodeAt(i)) {
        if (Number.isNaN(code)) fail("a closing quote");
        if (code === BACKSLASH) {
          const e = text[i + 1];
          code = ESCAPES[e] ?? e.charCodeAt(0);
          i++;
        }
        if (code > 0xff) fail("a one-byte character");
        keyChars[c++] = code;
        i++;
      }
      i++;
    } else {
      for (let code = text.charCodeAt(i); code !== COLON; code = text.charCodeAt(++i)) {
        if (Number.isNaN(code) || code > 0xff) fail("a key");
        keyChars[c++] = code;
      }
    }
    if (c === keyStart[count]) fail("a non-empty key");
  };

  i = text.indexOf("{", text.indexOf("ngramsData"));
  if (i < 0) fail("the table");
  expect(OPEN);
  let type = "";
  const languages: Record<string, string> = {};
  let seen = false;
  while (!at(CLOSE)) {
    const field = name();
    expect(COLON);
    if (field === "type") type = str();
    else if (field === "languages") {
      expect(OPEN);
      while (!at(CLOSE)) {
        const k = int();
        expect(COLON);
        languages[k] = str();
        skipComma();
      }
      i++;
    } else if (field === "ngrams") {
      seen = true;
      expect(OPEN);
      while (!at(CLOSE)) {
        if (count >= maxEntries) fail("fewer entries");
        key();
        expect(COLON);
        expect(OPEN);
        pairStart[count] = p;
        while (!at(CLOSE)) {
          const lang = int();
          expect(COLON);
          const score = int();
          if (lang > 0xff || score > 0xff || p >= langs.length) fail("scores that fit a byte");
          langs[p] = lang;
          scores[p++] = score;
          skipComma();
        }
        i++;
        count++;
        skipComma();
      }
      i++;
    } else {
      // Flags such as isSubset:false.
      while (!at(COMMA) && !at(CLOSE)) {
        if (i >= text.length) fail("the end of a field");
        i++;
      }
    }
    skipComma();
  }
  if (!seen || !count || !type || !Object.keys(languages).length) fail("type, languages and ngrams");
  keyStart[count] = c;
  pairStart[count] = p;
  const ngrams = index({
    count,
    keyStart: keyStart.slice(0, count + 1),
    keyChars: keyChars.slice(0, c),
    pairStart: pairStart.slice(0, count + 1),
    langs: langs.slice(0, p),
    scores: scores.slice(0, p),
  });
  return { type, languages, ngrams };
}

/**
 * The table as the plain object eld reads (`ngrams[key]`, then `for (lang in entry)`). A proxy answers from the
 * packed arrays; nothing else of eld's needs to change.
 */
export function asObject(table: NgramTable): Record<string, Scores> {
  return new Proxy(Object.create(null) as Record<string, Scores>, {
    get: (_, key) => (typeof key === "string" ? table.get(key) : undefined),
    has: (_, key) => typeof key === "string" && table.get(key) !== undefined,
  });
}
