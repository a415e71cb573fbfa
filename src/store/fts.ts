/**
 * What the full-text index sees. FTS5's unicode61 tokenizer splits words at spaces and punctuation, so a sentence of
 * Chinese, Japanese or Thai, written without spaces, would be one token, and a Korean word one token with its
 * particle ("서울시는"): a word inside them could not be found. In those scripts every grapheme (a character with its
 * marks) is indexed as a token of its own, cut apart by ZERO WIDTH SPACE (a separator to the tokenizer, invisible in
 * snippets, and taken out of them anyway); a query in them becomes the phrase of its graphemes, which matches exactly
 * where the query's text appears. Latin (and any spaced script) text passes through unchanged.
 */

import type { Article } from "../article.ts";

/** Scripts without spaces between words, and Hangul; with the marks and signs written inside their words. */
const RUN = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}][\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{M}]*/gu;
const ANY = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
export const ZWSP = "\u200b";

/**
 * The FTS5 tokenizer: Unicode letters, numbers and marks (M*, so a Thai or Devanagari vowel sign stays in its word
 * rather than splitting it), accents folded for search (remove_diacritics 2; text is NFC first).
 */
export const TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** True when the text holds a script indexed grapheme by grapheme. */
export function hasUnspaced(text: string): boolean {
  return ANY.test(text);
}

/** Text as it goes into the index (and a query word as it goes into a phrase). */
export function ftsText(text: string): string {
  const t = text.normalize("NFC");
  if (!ANY.test(t)) return t;
  return t.replace(RUN, (run) => {
    let out = ZWSP;
    for (const g of graphemes.segment(run)) out += g.segment + ZWSP;
    return out;
  });
}

/** The indexed columns of an article: headline, lead (standfirst, description, key points), authors, body. */
export function ftsRow(article: Article): { title: string; lead: string; authors: string; body: string } {
  const lead = [article.standfirst, article.description, ...(article.keyPoints ?? [])].filter(Boolean).join("\n");
  return {
    title: ftsText(article.title ?? ""),
    lead: ftsText(lead),
    authors: ftsText(article.authors.map((a) => a.name).join("\n")),
    body: ftsText(article.text),
  };
}
