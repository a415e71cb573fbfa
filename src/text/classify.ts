/**
 * Text stage 2, classify: labels every line by its shape (prose, near-prose,
 * short) and marks furniture with the rule that matched and why. No line is
 * dropped here; locate and structure decide with the labels.
 */
import type { Line } from "./split.ts";
import type { SiteMemory } from "./memory.ts";
import { countWords } from "../heuristics/words.ts";
import { splitCredit } from "../heuristics/credits.ts";
import { appealKinds } from "../heuristics/boilerplate.ts";
import { BIO_LINE, CAPTION_CUE, CARD, CARD_GLUE, LABELLED_CREDIT, BARRIER, BULLET, EMBED_CITE, FURNITURE, LINK_RUN, LIST_ITEM_WORDS, MAX_TESTED, NUMBERED, REPEATS, REPEAT_KEEP_WORDS, REPEAT_NEAR, SAME_LENGTH, SENTENCE_END, SHOUTED_LINK, SIZE, STAMP, STAMP_CHARS, STAMP_REPEATS, TAG_CLOUD_WORDS } from "../heuristics/text-lines.ts";
import { tick } from "../deadline.ts";

export type Kind = "prose" | "near" | "short" | "furniture";

export interface Labelled extends Line {
  kind: Kind;
  words: number;
  /** Size with CJK characters counted heavier (see SIZE.cjkWeight). */
  weight: number;
  /** Ends like a sentence. */
  sentence: boolean;
  /** Furniture rule and reason, when kind is furniture. */
  rule?: string;
  reason?: string;
  /** Starts an after-story block (comments, related, share bar). */
  barrier?: boolean;
  /** Item text of a bulleted or numbered line. */
  item?: { text: string; ordered: boolean };
  /** Caption and credit of a picture caption line. */
  caption?: { caption?: string; credit?: string };
  /** A line repeated in this text (all its occurrences). */
  repeated?: boolean;
  /** Seen on earlier pages of this site (site memory). */
  known?: boolean;
  /** A short dated line whose shape recurs: the header of a comment or list record. */
  stamp?: boolean;
  /** One of a run of unmarked lines long enough to be a list's items (a browser drops the bullets). */
  listed?: boolean;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/g;

/** The tables' patterns, run on lower-cased lines: case-insensitive Unicode matching is ten times slower. */
const caseless = (re: RegExp) => new RegExp(re.source, re.flags.replace("i", ""));
const FURNITURE_LC = FURNITURE.map((f) => ({ ...f, test: caseless(f.test) }));
const BARRIER_LC = caseless(BARRIER);

/** Brackets around a whole label ("[ 167 comments ]", "(Related)") do not change what it is. */
const BRACKETS = /^[\[(]\s*|\s*[\])]$/g;

/** Only lines with one of these can carry a picture credit: the credit patterns are costly. */
const CREDIT_CUE = /[:©(]|Getty|Shutterstock|Reuters|Associated Press|AP Photo|EPA|picture alliance|AFP/;

/** Words of a line, fast and about as countWords counts them: runs of non-space, a pair of CJK characters as one word. */
function quickWords(text: string, cjk: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return cjk ? Math.max(1, n - 1) + Math.ceil(cjk / 2) : n;
}

/** A line normalised for comparing: case and digits folded. */
export function lineKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, "0");
}

export function classify(lines: Line[], memory?: { site: SiteMemory; host: string }): Labelled[] {
  const counts = new Map<string, number>();
  const last = new Map<string, number>();
  const near = new Set<string>();
  const keys = lines.map((l, n) => {
    const k = lineKey(l.text.length > MAX_TESTED ? l.text.slice(0, MAX_TESTED) : l.text);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const prev = last.get(k);
    if (prev !== undefined && n - prev <= REPEAT_NEAR) near.add(k);
    last.set(k, n);
    return k;
  });
  const out = lines.map((l, n): Labelled => {
    tick();
    const text = l.text;
    const long = text.length > MAX_TESTED;
    const cjk = long ? 0 : (text.match(CJK)?.length ?? 0);
    const weight = text.length + cjk * (SIZE.cjkWeight - 1);
    const words = long ? countWords(text.slice(0, MAX_TESTED * 4)) : quickWords(text, cjk);
    const sentence = SENTENCE_END.test(long ? text.slice(-8) : text);
    const kind: Kind = weight >= SIZE.proseUnpunctuated || (weight >= SIZE.prose && sentence) ? "prose" : weight >= SIZE.near && sentence ? "near" : "short";
    // Every field set here, in one order: one object shape keeps the later passes fast.
    const line: Labelled = {
      i: l.i,
      text,
      gap: l.gap,
      kind,
      words,
      weight,
      sentence,
      rule: undefined,
      reason: undefined,
      barrier: false,
      item: undefined,
      caption: undefined,
      repeated: false,
      known: false,
      stamp: false,
      listed: false,
    };
    if (long) return line;
    const b = EMBED_CITE.test(text) ? null : BULLET.exec(text);
    const num = b ? null : NUMBERED.exec(text);
    if (b || num) line.item = { text: (b ?? num)![1], ordered: !b };
    const low = text.toLowerCase();
    const bare = low.replace(BRACKETS, "");
    for (const f of FURNITURE_LC) {
      if (f.test.test(low) || (bare !== low && f.test.test(bare))) {
        line.kind = "furniture";
        line.rule = f.rule;
        line.reason = f.reason;
        if (f.barrier) line.barrier = true;
        break;
      }
    }
    if (BARRIER_LC.test(bare)) line.barrier = true;
    if (line.kind !== "furniture" && SHOUTED_LINK.test(text)) {
      line.kind = "furniture";
      line.rule = "shouted-link";
      line.reason = "a call to click set in capitals: a link to an app or another page";
    }
    if (line.kind !== "furniture" && appealKinds(text) >= 2) {
      line.kind = "furniture";
      line.rule = "appeal";
      line.reason = "a paragraph asking readers to fund the publication (two different asks)";
    }
    if (line.kind !== "furniture" && BIO_LINE.test(text)) {
      line.kind = "furniture";
      line.rule = "author-bio";
      line.reason = "a line about the author (who they are, where they write), after the story";
      line.barrier = true;
    }
    if (words <= SIZE.captionWords && line.kind !== "furniture" && CREDIT_CUE.test(text)) {
      const c = credit(text);
      if (c.credit && c.credit.length <= SIZE.creditChars && !/[.!?]$/.test(c.credit)) line.caption = c;
    }
    if (!line.caption && line.kind !== "furniture" && words <= SIZE.captionWords && CAPTION_CUE.test(text)) line.caption = { caption: text };
    if (counts.get(keys[n])! >= REPEATS && near.has(keys[n]) && words < REPEAT_KEEP_WORDS) line.repeated = true;
    if (counts.get(keys[n])! >= STAMP_REPEATS && text.length <= STAMP_CHARS && STAMP.test(text)) line.stamp = true;
    if (line.kind !== "furniture" && words >= TAG_CLOUD_WORDS && !sentence && (text.match(/[.,;!?،、。，！？]/gu)?.length ?? 0) * TAG_CLOUD_WORDS <= words) {
      line.kind = "furniture";
      line.rule = "tag-cloud";
      line.reason = "a long run of words without any punctuation (tags, keywords)";
    }
    if (memory && memory.site.known(memory.host, keys[n])) line.known = true;
    return line;
  });
  markLinkRuns(out);
  markTeasers(out);
  for (const l of out) {
    if (l.kind === "prose" && l.text.length <= MAX_TESTED && isCard(l.text)) {
      l.kind = "furniture";
      l.rule = "card";
      l.reason = "a teaser card: a title-cased headline glued to its summary";
    }
  }
  creditsBelow(out);
  for (let k = 1; k < out.length; k++) {
    const l = out[k];
    if (out[k - 1].rule === "read-also" && l.kind !== "prose" && l.kind !== "furniture") {
      l.kind = "furniture";
      l.rule = "read-also";
      l.reason = "the headline an inline pointer links to";
    }
  }
  return out;
}

/**
 * A credit on a line of its own ("Jane Doe | Bloomberg | Getty Images") under the line it credits, the two closed
 * by a blank line: that line is the picture's caption. Without the blank line (a text with none) the line above may
 * be a paragraph next to a picture that has only a credit.
 */
function creditsBelow(lines: Labelled[]): void {
  for (let k = 1; k < lines.length; k++) {
    const l = lines[k];
    const above = lines[k - 1];
    // Credit only: no caption text, or a few unpunctuated words beside an agency ("Jane Doe | Bloomberg | Getty Images").
    if (!l.caption?.credit || l.gap > 0 || (l.caption.caption && (l.sentence || l.words > SIZE.creditOnlyWords))) continue;
    if (k + 1 < lines.length && lines[k + 1].gap === 0) continue;
    if (above.caption || above.item || above.kind === "furniture" || above.kind === "short" || above.words > SIZE.captionWords) continue;
    // A labelled credit ("(Image: © NASA)") gives its name; a row of names and agencies is the credit as written.
    const bare = !l.caption.caption || !/[\p{L}\p{N}]/u.test(l.caption.caption);
    above.caption = { caption: above.text, credit: bare ? l.caption.credit : l.text };
    l.kind = "furniture";
    l.rule = "credit";
    l.reason = "the credit of the picture captioned on the line above";
    l.caption = undefined;
  }
}

/**
 * Teaser summaries of other stories: cut by the page to one fixed length, or
 * cut mid-sentence with an ellipsis, several times in one text.
 */
function markTeasers(lines: Labelled[]): void {
  const byLength = new Map<number, Set<string>>();
  let cut = 0;
  for (const l of lines) {
    if (l.kind !== "prose" && l.kind !== "short") continue;
    if (l.kind === "prose" && !l.sentence) {
      const same = byLength.get(l.text.length) ?? new Set<string>();
      same.add(l.text);
      byLength.set(l.text.length, same);
    }
    if (isCut(l.text)) cut++;
  }
  // A writer's lead-in ("Here's the other important thing …") follows a paragraph of the story and leads into more
  // text; a teaser sits among headlines and other teasers.
  const leadIn = (k: number) => {
    const before = lines[k - 1];
    const after = lines[k + 1];
    return before !== undefined && before.kind === "prose" && before.sentence && !isCut(before.text) && after !== undefined && after.kind !== "furniture" && !isCut(after.text);
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    if (l.kind === "furniture") continue;
    if (l.kind === "prose" && !l.sentence && byLength.get(l.text.length)!.size >= SAME_LENGTH) {
      l.kind = "furniture";
      l.rule = "teaser";
      l.reason = "one of several lines cut to the same length (teaser summaries)";
    } else if (cut >= REPEATS && isCut(l.text) && !leadIn(k)) {
      l.kind = "furniture";
      l.rule = "teaser";
      l.reason = "one of several lines cut short with an ellipsis (teasers)";
    }
  }
}

/** "Customers Leave Without Paying At Troy SteakhouseA party of six left…": the scraper lost the break between a card's headline and its summary. */
function isCard(text: string): boolean {
  const m = CARD_GLUE.exec(text.slice(0, CARD.maxHeadline));
  if (!m) return false;
  const words = text.slice(0, m.index + m[1].length).split(" ").filter((w) => /\p{L}/u.test(w));
  if (words.length < CARD.minWords) return false;
  const caps = words.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
  return caps >= words.length * CARD.titleCase;
}

function isCut(text: string): boolean {
  return /[\p{L}\p{N},]\s?(?:\.\.\.|…)$/u.test(text);
}

/**
 * Menus and headline lists: LINK_RUN or more short lines in a row with no
 * blank line between them and no sentence among them.
 */
function markLinkRuns(lines: Labelled[]): void {
  let start = 0;
  const close = (end: number) => {
    if (end - start < LINK_RUN) return;
    let words = 0;
    let n = 0;
    for (let k = start; k < end; k++) {
      if (lines[k].kind !== "short" || lines[k].item) continue;
      words += lines[k].words;
      n++;
    }
    // Long items read as a list of the story (features, dates, steps), not as a menu; so does a run a sentence announces with a colon.
    const announced = start > 0 && lines[start - 1].kind !== "furniture" && /:$/.test(lines[start - 1].text) && lines[start - 1].words >= SIZE.titleWords[0];
    const list = n >= LINK_RUN && (words >= n * LIST_ITEM_WORDS || announced);
    for (let k = start; k < end; k++) {
      const l = lines[k];
      if (list && l.kind === "short" && !l.item) l.listed = true;
      else if (l.kind === "short" && !l.item) {
        l.kind = "furniture";
        l.rule = "link-run";
        l.reason = "one of a run of short link-like lines (menu, headline list)";
      }
    }
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    const shortish = (l.kind === "short" && !l.item) || (l.kind === "furniture" && l.rule !== "ad-label");
    const joined = k > start && l.gap === 0;
    if (!shortish || (!joined && k !== start)) {
      close(k);
      start = shortish ? k : k + 1;
    }
  }
  close(lines.length);
}

/** Caption and credit of a caption line: a labelled credit first, then the shared trailing-credit shapes. */
function credit(text: string): { caption?: string; credit?: string } {
  const m = LABELLED_CREDIT.exec(text);
  if (m) return { caption: m[1].replace(/[\s|–—(-]+$/, "") || undefined, credit: m[2] };
  return splitCredit(text);
}
