/**
 * Text stage 4, structure: the located lines → the headline's companions
 * (key points, lead figure, byline, dateline) and the body's blocks
 * (paragraphs, headings, lists, quotes, figures). Every line left out is
 * recorded with its reason.
 */
import type { Author, Block, Evidence, LeadImage, ListBlock } from "../article.ts";
import type { Context } from "../context.ts";
import type { Labelled } from "./classify.ts";
import { boxEnd, type Located } from "./locate.ts";
import { isByline, parseByline, parseDateline } from "./header.ts";
import { CONFIDENCE, EMBED_CITE, SIZE, STANDFIRST_LINES, TEXT_KEYPOINTS } from "../heuristics/text-lines.ts";
import { KEYPOINTS_HEADING } from "../heuristics/meta.ts";
import { tick } from "../deadline.ts";

export interface TextMeta {
  title?: string;
  standfirst?: string;
  keyPoints?: string[];
  leadImage?: LeadImage;
  authors: Author[];
  published?: string;
  modified?: string;
  evidence: Record<string, Evidence>;
}

export interface Structured {
  meta: TextMeta;
  blocks: Block[];
}

const STAGE = "text";

type Drop = (l: Labelled, rule: string, reason: string) => void;

export function structure(loc: Located, ctx: Context): Structured {
  const { lines, start, end, title } = loc;
  const meta: TextMeta = { authors: [], evidence: {} };
  const used = new Set<number>();
  const drop: Drop = (l, rule, reason) => ctx.removed(STAGE, rule, reason, () => l.text);
  if (title !== undefined) {
    meta.title = lines[title].text;
    meta.evidence.title = { source: "text", raw: meta.title, confidence: CONFIDENCE.title };
    used.add(title);
  }
  const points = keyPointsAfter(lines, start, end);
  if (points.length) {
    meta.keyPoints = points.map((l) => l.text);
    for (const l of points) used.add(l.i);
  }
  const bodyFrom = bodyStart(lines, start + points.length, end, meta, used);
  const lead = readHeader(lines, title !== undefined ? title + 1 : start, bodyFrom, meta, used);
  const blocks = readBody(lines, bodyFrom, end, meta.title, used, drop);
  if (lead) blocks.unshift(lead);
  return { meta, blocks };
}

/**
 * Key points whose bullets the scraper lost: the lines glued under a "Key points" heading that opens the story,
 * up to the first blank line or caption. A single line is a standfirst, not a list.
 */
function keyPointsAfter(lines: Labelled[], start: number, end: number): Labelled[] {
  const head = lines[start - 1];
  if (!head || !KEYPOINTS_HEADING.test(head.text)) return [];
  const points: Labelled[] = [];
  for (let k = start; k < end && points.length < TEXT_KEYPOINTS.max; k++) {
    const l = lines[k];
    if ((k > start && l.gap > 0) || l.caption || l.item || (l.kind !== "prose" && l.kind !== "near")) break;
    points.push(l);
  }
  return points.length >= TEXT_KEYPOINTS.min ? points : [];
}

/** The first body line: past the header lines, and past a standfirst when a byline or dateline follows it. */
function bodyStart(lines: Labelled[], start: number, end: number, meta: TextMeta, used: Set<number>): number {
  let from = start;
  while (from < end && isHeaderLine(lines[from])) from++;
  for (let k = from + 1; k < end && k <= from + STANDFIRST_LINES; k++) {
    const l = lines[k];
    if (l.kind === "prose" || !(isByline(l.text) || parseDateline(l.text))) continue;
    const lead = lines.slice(from, k).filter((x) => (x.kind === "prose" || x.kind === "near") && !x.caption && !x.repeated && !x.known);
    if (lead.length) {
      meta.standfirst = lead.map((x) => x.text).join(" ");
      meta.evidence.standfirst = { source: "text", raw: meta.standfirst, confidence: CONFIDENCE.standfirst };
      for (const x of lead) used.add(x.i);
    }
    let after = k;
    while (after < end && isHeaderLine(lines[after])) after++;
    return after;
  }
  return from;
}

/** Key points, lead caption, byline and dateline between the headline and the body. Returns the lead figure. */
function readHeader(lines: Labelled[], from: number, to: number, meta: TextMeta, used: Set<number>): Block | undefined {
  let lead: Block | undefined;
  for (let k = from; k < to; k++) {
    const l = lines[k];
    if (l.item && l.kind !== "furniture" && !lead && !meta.authors.length) {
      (meta.keyPoints ??= []).push(l.item.text);
      used.add(k);
    } else if (l.caption && !lead) {
      lead = figure(l);
      meta.leadImage = { caption: l.caption.caption, credit: l.caption.credit };
      used.add(k);
    } else if (isByline(l.text) && !meta.authors.length) {
      meta.authors = parseByline(l.text);
      if (meta.authors.length) meta.evidence.authors = { source: "text", raw: l.text, confidence: CONFIDENCE.authors };
      used.add(k);
    } else {
      const d = l.kind !== "furniture" || l.rule === "link-run" || l.rule === "clock" ? parseDateline(l.text) : undefined;
      if (!d) continue;
      const field = d.modified ? "modified" : "published";
      if (!meta[field]) {
        meta[field] = d.iso;
        meta.evidence[field] = { source: "text", raw: l.text, confidence: CONFIDENCE.date };
      }
      used.add(k);
    }
  }
  if (meta.keyPoints) meta.evidence.keyPoints = { source: "text", confidence: CONFIDENCE.keyPoints };
  return lead;
}

/** The body's blocks; every other line not used by the header is dropped with its reason. */
function readBody(lines: Labelled[], from: number, to: number, title: string | undefined, used: Set<number>, drop: Drop): Block[] {
  const blocks: Block[] = [];
  const titleKey = title?.toLowerCase();
  for (let k = 0; k < lines.length; k++) {
    tick();
    if (used.has(k)) continue;
    const l = lines[k];
    const own = ownReason(l);
    if (k < from || k >= to) {
      if (own) drop(l, own.rule, own.reason);
      else if (k < from) drop(l, "before-story", "outside the story span, before it");
      else drop(l, "after-story", "outside the story span, after it");
    } else if (own) drop(l, own.rule, own.reason);
    else if (l.barrier) {
      drop(l, "barrier", "the heading of an after-story block");
      // Inside the story such a heading opens a box ("More from UK", "Most read"): the lines right under it, with no
      // blank line between, that are not sentences are its links. The story resumes after the box's blank line.
      for (let n = k + 1, box = boxEnd(lines, k, to); n < box; n++) {
        if (used.has(n)) continue;
        used.add(n);
        drop(lines[n], "inline-box", "a link in a box inside the story, under a 'related' or 'most read' heading");
      }
    }
    else if (titleKey && l.text.toLowerCase() === titleKey) drop(l, "title-repeat", "the headline printed again");
    else if (l.caption) blocks.push(figure(l));
    else if (k + 1 < to && EMBED_CITE.test(lines[k + 1].text) && !l.item) {
      blocks.push({ type: "quote", text: l.text, cite: lines[k + 1].text.replace(/^[—–-]\s*/, "") });
      used.add(k + 1);
    } else if (EMBED_CITE.test(l.text) && blocks.at(-1)?.type === "paragraph") {
      const p = blocks.pop() as { text: string };
      blocks.push({ type: "quote", text: p.text, cite: l.text.replace(/^[—–-]\s*/, "") });
    } else if (l.item) addItem(blocks, l.item.text, l.item.ordered);
    else if (l.listed) addListed(blocks, l);
    else if (l.text.startsWith(">")) blocks.push({ type: "quote", text: l.text.replace(/^>\s*/, "") });
    else if (l.kind !== "prose" && isByline(l.text)) drop(l, "byline", "a byline inside the story span");
    else if (l.kind !== "prose" && parseDateline(l.text)) drop(l, "dateline", "a dateline inside the story span");
    else if (l.kind === "prose" || l.kind === "near" || (l.sentence && !/\?$/.test(l.text))) blocks.push({ type: "paragraph", text: l.text });
    else if (isHeading(lines, k, to)) blocks.push({ type: "heading", level: 2, text: l.text });
    else drop(l, "short-line", "a short line that is neither a sentence nor a heading");
  }
  return blocks;
}

/** The removal reason a line carries by itself, wherever it is. */
function ownReason(l: Labelled): { rule: string; reason: string } | undefined {
  if (l.rule) return { rule: l.rule, reason: l.reason! };
  if (l.repeated) return { rule: "repeated", reason: "a line printed more than once (widget titles, galleries)" };
  if (l.known) return { rule: "site-memory", reason: "a line recurring on other pages of this site" };
  return undefined;
}

/** Lines that belong with the headline rather than the body: key points, the lead caption, byline, dateline. */
function isHeaderLine(l: Labelled): boolean {
  if (l.kind === "furniture") return true;
  if (l.item || l.caption) return true;
  if (l.kind === "prose") return false;
  return isByline(l.text) || parseDateline(l.text) !== undefined || l.kind === "short";
}

function figure(l: Labelled): Block {
  return { type: "figure", images: [{}], ...(l.caption!.caption ? { caption: l.caption!.caption } : {}), ...(l.caption!.credit ? { credit: l.caption!.credit } : {}) };
}

/** A line glued under a numbered item (its link, its price) belongs to that item; other listed lines are items. */
function addListed(blocks: Block[], l: Labelled): void {
  const last = blocks.at(-1);
  if (l.gap === 0 && last?.type === "list" && last.ordered) last.items.at(-1)!.text += ` ${l.text}`;
  else addItem(blocks, l.text, false);
}

function addItem(blocks: Block[], text: string, ordered: boolean): void {
  const last = blocks.at(-1);
  if (last?.type === "list" && last.ordered === ordered) last.items.push({ text });
  else blocks.push({ type: "list", ordered, items: [{ text }] } satisfies ListBlock);
}

/** A short line followed by body text, not itself a sentence. */
function isHeading(lines: Labelled[], k: number, end: number): boolean {
  const l = lines[k];
  if (l.sentence && !/\?$/.test(l.text)) return false;
  if (l.words > SIZE.headingWords) return false;
  for (let n = k + 1; n < end && n <= k + SIZE.headingLookahead; n++) {
    const next = lines[n];
    if (next.kind === "furniture" || next.repeated || next.known) continue;
    return next.kind === "prose" || next.kind === "near" || !!next.item || next.listed === true;
  }
  return false;
}
