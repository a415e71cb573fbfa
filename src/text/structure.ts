/**
 * Text stage 4, structure: the located lines → the headline's companions
 * (key points, lead figure, byline, dateline) and the body's blocks
 * (paragraphs, headings, lists, quotes, figures). Every line left out is
 * recorded with its reason.
 */
import type { Author, Block, Evidence, LeadImage, ListBlock } from "../article.ts";
import type { Context } from "../context.ts";
import type { Labelled } from "./classify.ts";
import type { Located } from "./locate.ts";
import { isByline, parseByline, parseDateline } from "./header.ts";
import { EMBED_CITE, SIZE, STANDFIRST_LINES } from "../heuristics/text-lines.ts";

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

export function structure(loc: Located, ctx: Context): Structured {
  const { lines, start, end, title } = loc;
  const meta: TextMeta = { authors: [], evidence: {} };
  const used = new Set<number>();
  const drop = (l: Labelled, rule: string, reason: string) => ctx.removed(STAGE, rule, reason, () => l.text);

  if (title !== undefined) {
    meta.title = lines[title].text;
    meta.evidence.title = { source: "text", raw: meta.title, confidence: 0.6 };
    used.add(title);
  }

  // The header: from the headline to the first body line.
  const headFrom = title !== undefined ? title + 1 : start;
  let bodyFrom = start;
  while (bodyFrom < end && isHeaderLine(lines[bodyFrom])) bodyFrom++;
  // A byline or dateline just after the first line or two: those lines were the standfirst.
  for (let k = bodyFrom + 1; k < end && k <= bodyFrom + STANDFIRST_LINES; k++) {
    const l = lines[k];
    if (l.kind === "prose" || !(isByline(l.text) || parseDateline(l.text))) continue;
    const lead = lines.slice(bodyFrom, k).filter((x) => (x.kind === "prose" || x.kind === "near") && !x.caption && !x.repeated && !x.known);
    if (lead.length) {
      meta.standfirst = lead.map((x) => x.text).join(" ");
      meta.evidence.standfirst = { source: "text", raw: meta.standfirst, confidence: 0.4 };
      for (const x of lead) used.add(x.i);
    }
    bodyFrom = k;
    while (bodyFrom < end && isHeaderLine(lines[bodyFrom])) bodyFrom++;
    break;
  }
  let lead: Block | undefined;
  for (let k = headFrom; k < bodyFrom; k++) {
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
      if (meta.authors.length) meta.evidence.authors = { source: "text", raw: l.text, confidence: 0.6 };
      used.add(k);
    } else {
      const d = l.kind !== "furniture" || l.rule === "link-run" || l.rule === "clock" ? parseDateline(l.text) : undefined;
      if (d) {
        const field = d.modified ? "modified" : "published";
        if (!meta[field]) {
          meta[field] = d.iso;
          meta.evidence[field] = { source: "text", raw: l.text, confidence: 0.5 };
        }
        used.add(k);
      }
    }
  }
  if (meta.keyPoints) meta.evidence.keyPoints = { source: "text", confidence: 0.5 };

  const blocks: Block[] = lead ? [lead] : [];
  const titleKey = meta.title?.toLowerCase();
  for (let k = 0; k < lines.length; k++) {
    if (used.has(k)) continue;
    const l = lines[k];
    if (k < bodyFrom || k >= end) {
      if (l.rule) drop(l, l.rule, l.reason!);
      else if (l.repeated) drop(l, "repeated", "a line printed more than once (widget titles, galleries)");
      else if (l.known) drop(l, "site-memory", "a line recurring on other pages of this site");
      else if (k < bodyFrom) drop(l, "before-story", "outside the story span, before it");
      else drop(l, "after-story", "outside the story span, after it");
      continue;
    }
    if (l.kind === "furniture") drop(l, l.rule!, l.reason!);
    else if (l.repeated) drop(l, "repeated", "a line printed more than once (widget titles, galleries)");
    else if (l.known) drop(l, "site-memory", "a line recurring on other pages of this site");
    else if (l.barrier) drop(l, "barrier", "the heading of an after-story block");
    else if (titleKey && l.text.toLowerCase() === titleKey) drop(l, "title-repeat", "the headline printed again");
    else if (l.caption) blocks.push(figure(l));
    else if (k + 1 < end && EMBED_CITE.test(lines[k + 1].text) && !l.item) {
      blocks.push({ type: "quote", text: l.text, cite: lines[k + 1].text.replace(/^[—–-]\s*/, "") });
      used.add(k + 1);
    } else if (EMBED_CITE.test(l.text) && blocks.at(-1)?.type === "paragraph") {
      const p = blocks.pop() as { text: string };
      blocks.push({ type: "quote", text: p.text, cite: l.text.replace(/^[—–-]\s*/, "") });
    } else if (l.item) addItem(blocks, l.item.text, l.item.ordered);
    else if (l.listed) addItem(blocks, l.text, false);
    else if (l.text.startsWith(">")) blocks.push({ type: "quote", text: l.text.replace(/^>\s*/, "") });
    else if (l.kind !== "prose" && isByline(l.text)) drop(l, "byline", "a byline inside the story span");
    else if (l.kind !== "prose" && parseDateline(l.text)) drop(l, "dateline", "a dateline inside the story span");
    else if (l.kind === "prose" || l.kind === "near" || (l.sentence && !/\?$/.test(l.text))) blocks.push({ type: "paragraph", text: l.text });
    else if (isHeading(lines, k, end)) blocks.push({ type: "heading", level: 2, text: l.text });
    else drop(l, "short-line", "a short line that is neither a sentence nor a heading");
  }
  return { meta, blocks };
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
  for (let n = k + 1; n < end; n++) {
    const next = lines[n];
    if (next.kind === "furniture" || next.repeated || next.known) continue;
    return next.kind === "prose" || next.kind === "near" || !!next.item;
  }
  return false;
}
