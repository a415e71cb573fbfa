/**
 * Text stage 3, locate: the story span (the run of lines with the largest
 * score, prose adding its weight, furniture and short lines costing) and the
 * headline before it.
 */
import type { Labelled } from "./classify.ts";
import { RECORD, SIZE, SPAN, SLUG_NOISE, TAIL_LIST, TITLE } from "../heuristics/text-lines.ts";
import { isByline, isDateline } from "./header.ts";
import { tick } from "../deadline.ts";

export interface Located {
  lines: Labelled[];
  /** The story span, [start, end) in line indexes; empty when start === end. */
  start: number;
  end: number;
  /** Index of the headline line, when one was found. */
  title?: number;
}

export function score(l: Labelled): number {
  let s: number;
  if (l.kind === "furniture") s = l.rule === "link-run" ? SPAN.linkRun : SPAN.furniture;
  else if (l.repeated) s = SPAN.furniture;
  else if (l.known) s = SPAN.known;
  else if (l.caption) s = 0;
  else if (l.kind === "prose") s = l.weight * (l.sentence ? SPAN.prose : SPAN.unended);
  else if (l.kind === "near") s = l.weight * SPAN.near;
  else if (l.listed) s = SPAN.listed;
  else s = l.gap > 0 ? SPAN.shortBlock : SPAN.short;
  if (l.barrier) s += SPAN.barrier;
  return s;
}

export function locate(lines: Labelled[], url?: string): Located {
  const run = maxRun(inContext(lines));
  const end = run.end > run.start ? tailList(lines, run.end) : run.end;
  let start = run.start;
  const title = findTitle(lines, start, end, url);
  if (title !== undefined && title >= start && title < end) start = title + 1;
  return { lines, start, end, title };
}

/** Each line's score, corrected by its neighbours: boxes inside the story, records, cards glued to menus, lead-ins. */
function inContext(lines: Labelled[]): number[] {
  const scores = lines.map((l) => (tick(), score(l)));
  const records = recordLines(lines);
  for (let k = 0; k < lines.length; k++) {
    if (!lines[k].barrier) continue;
    // A box inside the story ("Related", "Trending" and a link or two) has the story again right after it.
    const box = boxEnd(lines, k, lines.length);
    for (let n = box; n < lines.length && n <= box - 1 + SPAN.inlineWindow; n++) {
      const l = lines[n];
      if (l.kind === "prose" && l.sentence && !records[n] && !l.repeated && !l.known && !l.barrier) {
        scores[k] += SPAN.inlineBarrier - SPAN.barrier;
        break;
      }
    }
  }
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    if (scores[k] <= 0) continue;
    if (records[k]) scores[k] *= SPAN.stamped;
    else if ((l.gap === 0 && k > 0 && lines[k - 1].rule === "link-run") || (k + 1 < lines.length && lines[k + 1].gap === 0 && lines[k + 1].rule === "link-run")) scores[k] *= SPAN.glued;
  }
  for (let k = 0; k + 1 < lines.length; k++) {
    // A stamp, or a line inside a record, opens a comment or a teaser, not the story.
    if (lines[k].stamp || records[k] || lines[k + 1].kind !== "prose" || lines[k + 1].caption) continue;
    if (isByline(lines[k].text) || isDateline(lines[k].text)) scores[k] += SPAN.leadIn;
  }
  return scores;
}

/**
 * The end of the box a barrier heading at k opens: the lines right under it, with no blank line between, that are
 * headlines or kickers rather than sentences of the story (a headline may ask or exclaim), closed by a blank line.
 * Without that blank line (a text with none between its paragraphs) no box is told from what follows: k + 1.
 */
export function boxEnd(lines: Labelled[], k: number, to: number): number {
  let n = k + 1;
  while (n < to && lines[n].gap === 0 && lines[n].words <= SIZE.boxLinkWords && (!lines[n].sentence || /[?!][»"”’')\]]*$/.test(lines[n].text))) n++;
  return n === to || (n < lines.length && lines[n].gap > 0) ? n : k + 1;
}

/**
 * The end of the story with the list it ends on: lines right after the span, perhaps under a short heading, that
 * are all numbered in sequence, or all carry a digit and one shared separator (a schedule, a price list). A list of
 * headlines has neither shape. Every line crossed costs, so the max-sum run stops before such a list.
 */
function tailList(lines: Labelled[], end: number): number {
  let k = end;
  const head = lines[k];
  // A heading glued to the list is one of a run of short lines: link-run furniture, as the list's own lines are.
  if (head && (head.kind === "short" || head.rule === "link-run") && !head.item && !head.barrier && !head.known && !head.repeated && head.words <= TAIL_LIST.headingWords) k++;
  const from = k;
  while (k < lines.length) {
    const l = lines[k];
    if (l.barrier || l.known || l.repeated || l.stamp || (l.kind === "furniture" && l.rule !== "link-run") || (k > from && l.gap > TAIL_LIST.maxGap)) break;
    k++;
  }
  // The longest prefix of that run with one shape.
  const run = lines.slice(from, k).map((l) => l.text);
  let n = numbered(run);
  if (n < TAIL_LIST.minLines) n = separated(run);
  if (n < TAIL_LIST.minLines) return end;
  // The rows may have been taken for a menu (a run of short lines): they are the story's list, under its heading.
  // Lines under a numbered item (its link, its price) are listed too: structure joins them to the item.
  for (let i = end; i < from + n; i++) {
    const l = lines[i];
    if (l.rule === "link-run") {
      l.kind = "short";
      l.rule = l.reason = undefined;
    }
    if (l.kind === "short" && !l.item) l.listed = i >= from;
  }
  return from + n;
}

/**
 * Lines numbered 1, 2, 3... ("1) X", "2. Y") from the first, each perhaps followed by a line or two of its own (a
 * link, a price): how many lines, when there are enough items. The last item keeps as many lines as the one before.
 */
function numbered(texts: string[]): number {
  let items = 0;
  let last = -1;
  let extra = 0;
  for (let i = 0; i < texts.length; i++) {
    const m = /^(\d{1,3})[.)]\s/.exec(texts[i]);
    if (m && Number(m[1]) === items + 1) {
      if (items) extra = i - last - 1;
      items++;
      last = i;
    } else if (!items || i - last > TAIL_LIST.itemLines) break;
  }
  if (items < TAIL_LIST.minLines) return 0;
  return Math.min(texts.length, last + 1 + extra);
}

/** Lines that each hold a separator all of them share, and a digit or a short value after it: how many, from the first. */
function separated(texts: string[]): number {
  let best = 0;
  for (const sep of TAIL_LIST.separators) {
    let n = 0;
    while (n < texts.length && texts[n].includes(sep) && (/\d/.test(texts[n]) || shortValue(texts[n], sep))) n++;
    best = Math.max(best, n);
  }
  return best;
}

/** The part after a line's last separator is a value of a few words ("Second appearance"), not a headline going on. */
function shortValue(text: string, sep: string): boolean {
  const value = text.slice(text.lastIndexOf(sep) + sep.length).trim();
  return value !== "" && value.split(" ").length <= TAIL_LIST.valueWords;
}

/** The contiguous run with the largest sum (Kadane), as [start, end); empty when every score is negative. */
function maxRun(scores: number[]): { start: number; end: number } {
  let best = 0;
  let start = 0;
  let end = 0;
  let sum = 0;
  let from = 0;
  for (let k = 0; k < scores.length; k++) {
    if (sum <= 0) {
      sum = 0;
      from = k;
    }
    sum += scores[k];
    if (sum > best) {
      best = sum;
      start = from;
      end = k + 1;
    }
  }
  return { start, end };
}

/**
 * Records of comment threads and dated lists: the lines between one stamp
 * and the next, when they are close. Lines after the last stamp are not
 * records: a story often starts right after a dated sidebar list.
 */
function recordLines(lines: Labelled[]): boolean[] {
  const out = new Array<boolean>(lines.length).fill(false);
  let prev = -1;
  for (let k = 0; k < lines.length; k++) {
    if (!lines[k].stamp) continue;
    if (prev >= 0 && k - prev <= RECORD.span) for (let n = prev + 1; n < k; n++) out[n] = true;
    prev = k;
  }
  return out;
}

/** Headline: a headline-shaped line shortly before the first paragraph, nearer and longer is better, matching the URL's slug is best. */
function findTitle(lines: Labelled[], start: number, end: number, url?: string): number | undefined {
  let first = start;
  while (first < end && !(lines[first].kind === "prose" && lines[first].sentence && !lines[first].caption)) first++;
  if (first >= end) first = start;
  const slug = slugWords(url);
  let best: number | undefined;
  let bestScore = -Infinity;
  for (let k = first - 1; k >= 0 && k >= first - TITLE.window; k--) {
    const l = lines[k];
    if (l.kind === "furniture" && l.rule !== "link-run") continue;
    if (l.item || l.caption || l.barrier || l.known) continue;
    if (l.words < SIZE.titleWords[0] || l.words > SIZE.titleWords[1]) continue;
    if (/[:.]$/.test(l.text) && !/\.\.\.$/.test(l.text)) continue;
    if (isByline(l.text) || isDateline(l.text)) continue;
    const d = first - k;
    let s = Math.min(l.words, TITLE.fullWords) - TITLE.distance * d;
    if (slug.size) s += TITLE.slug * overlap(l.text, slug);
    if (l.rule === "link-run") s -= TITLE.inMenu;
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  }
  return best;
}

function slugWords(url?: string): Set<string> {
  const out = new Set<string>();
  if (!url) return out;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return out;
  }
  for (const w of path.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length > 1 && !SLUG_NOISE.test(w)) out.add(w);
  return out;
}

/** Share of the line's words found in the slug. */
function overlap(text: string, slug: Set<string>): number {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  if (!words.length) return 0;
  let hit = 0;
  for (const w of words) if (slug.has(w)) hit++;
  return hit / words.length;
}
