/**
 * Text stage 1, split: the text → lines, each with the number of blank lines
 * before it. Blank lines matter: a browser's innerText puts one between
 * paragraphs and none between menu items.
 */
import { tick } from "../deadline.ts";

export interface Line {
  /** Index among the non-blank lines. */
  i: number;
  /** Trimmed, inner white space collapsed. */
  text: string;
  /** Blank lines before this one. */
  gap: number;
}

/** Every line ending: CRLF, LF, CR, and Unicode line and paragraph separators. */
const EOL = /\r\n|[\n\r\u000b\f\u0085\u2028\u2029]/;

/** Zero-width and control characters that scrapers leave behind. */
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]/g;

/** One capital letter alone on a line. */
const DROP_CAP = /^\p{Lu}$/u;

export function split(text: string): Line[] {
  const out: Line[] = [];
  let gap = 0;
  for (const raw of text.split(EOL)) {
    tick();
    // Only runs of two or more, or odd white space, are rewritten: single spaces are most of a line.
    const t = raw.replace(INVISIBLE, "").replace(/\s{2,}|[^\S ]/g, " ").trim();
    if (!t) {
      gap++;
      continue;
    }
    // A drop cap the scraper put on a line of its own ("H" / "ong Kong is burning") starts the line under it.
    const prev = out.at(-1);
    if (prev && gap === 0 && DROP_CAP.test(prev.text) && /^\p{Ll}/u.test(t)) {
      prev.text += t;
      continue;
    }
    out.push({ i: out.length, text: t, gap });
    gap = 0;
  }
  return out;
}
