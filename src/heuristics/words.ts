/** Word counting that also works for scripts without spaces (CJK, Thai). */

export const READING = {
  /** Typical adult silent reading speed for news prose. */
  wordsPerMinute: 230,
} as const;

/** Characters counted apart, two to a word: scripts written without spaces. */
const CJK = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]$/u;
/** A word starts with a letter or a number... */
const WORD_START = /^[\p{L}\p{N}]$/u;
/** ...and goes on through letters, numbers, marks, apostrophes, underscores and hyphens. */
const WORD_PART = /^[\p{M}'’_-]$/u;

/** What a character does in a word count. */
type Kind = 0 | 1 | 2 | 3 | 255;
const SPACE = 0;
const START = 1;
const PART = 2;
const DENSE = 3;
const UNKNOWN = 255;

function kindOf(ch: string): Kind {
  if (CJK.test(ch)) return DENSE;
  if (WORD_START.test(ch)) return START;
  return WORD_PART.test(ch) ? PART : SPACE;
}

/** Kinds of the 65,536 UTF-16 code units, learnt as met (a regex test per distinct character, not per character). */
const KINDS = new Uint8Array(65536).fill(UNKNOWN);

/**
 * Words of a text: runs that start with a letter or number, plus one word per
 * two CJK or Thai characters. One pass over the characters: regex scans cost
 * three passes and a copy of every CJK text. With `stopAt`, counting stops once
 * that many are found (the count returned is then at least `stopAt`, not the total).
 */
export function countWords(text: string, stopAt = Infinity): number {
  if (!text) return 0;
  let words = 0;
  let cjk = 0;
  let inWord = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let kind: Kind;
    if (c >= 0xd800 && c <= 0xdbff) {
      // A character outside the BMP, as a pair; a lone surrogate is no letter.
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        kind = kindOf(text.slice(i, i + 2));
        i++;
      } else kind = SPACE;
    } else {
      kind = KINDS[c] as Kind;
      if (kind === UNKNOWN) kind = KINDS[c] = c >= 0xdc00 && c <= 0xdfff ? SPACE : kindOf(String.fromCharCode(c));
    }
    if (kind === START) {
      if (!inWord && ++words + Math.ceil(cjk / 2) >= stopAt) return words + Math.ceil(cjk / 2);
      inWord = true;
    } else if (kind !== PART) {
      inWord = false;
      if (kind === DENSE && words + Math.ceil(++cjk / 2) >= stopAt) return words + Math.ceil(cjk / 2);
    }
  }
  // Two CJK characters read about as long as one word.
  return words + Math.ceil(cjk / 2);
}
