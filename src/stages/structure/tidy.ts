/**
 * Structure, tidying: passes over the block list the walk made. Bylines printed as lines, live-blog labels,
 * the headline printed again, paragraphs set as subheadings, and the story's end (the writer's box, a sign-up
 * pitch, headings left heading nothing).
 */
import type { Block, Inline, ParagraphBlock } from "../../article.ts";
import type { Context } from "../../context.ts";
import { BYLINE_LINE, DATE_LINE, FURNITURE_TEXTS, PROMO_PHRASES } from "../../heuristics/boilerplate.ts";
import { plain } from "../serialise.ts";
import type { Metadata } from "../../metadata/index.ts";
import { classify, isSite, nameKey } from "../../metadata/authors.ts";
import { AUTHOR_HEADINGS, BIO_VERB, BYLINE_PREFIX, NAME_SEPARATOR, NOT_NAME_START, NOT_NAME_WORDS, ROLE } from "../../heuristics/bylines.ts";
import { STRUCTURE as WALK } from "./walk.ts";

/** A paragraph that is one HTML tag printed as text ('<img height="1" width="1" src="...">'): escaped markup, never story. */
const MARKUP_LINE = /^<\/?(?:img|script|iframe|div|span|a|link|meta|noscript|style|ins|embed|object|video|source|br|hr)\b[^<>]{0,600}\/?>$/i;
/** A line drawn in characters between sections: "___", "* * *", "———", "• • •". */
const SECTION_BREAK = /^(?:([_*=~•·—–-])\s*)\1(?:\s*\1)+$/u;

const STRUCTURE = {
  /** A kicker ("Health", "Analysis | Trade") is a word or a few. */
  maxKickerChars: 40,
  /** A subheading set as a paragraph is a line, not a sentence (shared with the walk: walk.ts). */
  maxSubheadingChars: WALK.maxSubheadingChars,
  /** A paragraph that is all one bold run, a short line between two paragraphs, is a subheading: at most this many words. */
  maxBoldHeadingWords: 12,
  /** Subheadings read from paragraphs sit below the page's own <h2> sections (shared with the walk: walk.ts). */
  inferredHeadingLevel: WALK.inferredHeadingLevel,
  /** A byline printed as a paragraph: a name of a few words... */
  maxNameLineChars: 40,
  /** ...or a few names ("Jane Doe/John Roe"). */
  maxNameLineNames: 3,
  /** Entry labels (author names, badges) are short... */
  maxRepeatedLabelChars: 40,
  /** ...and come back on entry after entry; a line said twice may be a refrain. */
  minLabelRepeats: 3,
  /** A writer's box sits among the body's last blocks... */
  authorBoxBlocks: 6,
  /** ...and says a few sentences: a heading over more than this is a section of the story. */
  maxAuthorBoxChars: 900,
  /** A line about the writer is a few sentences at most. */
  maxBioChars: 400,
  /** A story has this many paragraphs before a writer's box is taken off its end. */
  minStoryBeforeBox: 3,
  /** A sign-up pitch under the story is a few sentences (prune judges shorter ones wherever they are). */
  maxPromoTailChars: 450,
  /** The headline, byline and dateline printed as lines are looked for in this many first blocks. */
  headerBlocks: 4,
  /** A row of links set as a line has at least this many. */
  minRowLinks: 2,
} as const;

/** A line that is only a person's name, written as names are: two to four capitalised words, nothing else. */
function nameLine(text: string): { name: string } | undefined {
  if (text.length > STRUCTURE.maxNameLineChars || /[.!?:;,"“”«»()\d]/.test(text)) return undefined;
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 4 || !words.every((w) => /^\p{Lu}/u.test(w) || /^(?:van|von|de|da|di|del|du|le|la|al|el|bin|ter|zu|dos|das)$/.test(w))) return undefined;
  if (NOT_NAME_START.test(words[0]) || words.slice(1).some((w) => NOT_NAME_WORDS.test(w))) return undefined;
  const c = classify(text);
  return c?.kind === "person" ? c : undefined;
}

/**
 * A paragraph that is only a person's name, first or last in the body, is
 * the byline printed as text ("Jane Doe" above the lede, "JOHN SMITH" under
 * the last line). Taken off the body; metadata uses it when it has no author.
 */
export function nameLines(blocks: Block[], meta: Metadata, ctx: Context): string[] {
  const out: string[] = [];
  const at = new Set<number>();
  const n = blocks.length;
  // The site named as the author ("Lesotho Times") names no one: a name line still tells who wrote the story.
  const known = new Set(meta.authors.filter((a) => !isSite(a.name, meta)).map((a) => nameKey(a.name)));
  for (const i of [0, 1, n - 2, n - 1]) {
    if (i < 0 || i >= n || at.has(i)) continue;
    const b = blocks[i];
    if (b.type !== "paragraph") continue;
    // One name, or two or three written as a byline does ("Jane Doe/John Roe", "Jane Doe and John Roe").
    const parts = b.text.split(NAME_SEPARATOR);
    if (parts.length > STRUCTURE.maxNameLineNames) continue;
    const names = parts.map(nameLine);
    if (!names.every((c) => c)) continue;
    // Another person's name (a quote's speaker) may sit there; a known author's or, with none known, any name is the byline.
    if (known.size && !names.every((c) => known.has(nameKey(c!.name)))) continue;
    at.add(i);
    for (const c of names) out.push(c!.name);
  }
  if (!at.size) return out;
  for (const i of [...at].sort((x, y) => y - x)) {
    const [b] = blocks.splice(i, 1);
    ctx.removed("structure", "name-line", "a line that is only the author's name is the byline", () => ("text" in b ? b.text : ""));
  }
  return out;
}

/**
 * In a live blog, short label lines printed again and again (entry
 * authors, "KEY EVENT" badges) are furniture of each entry, not story.
 */
export function dropRepeated(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
  if (meta.type !== "liveblog") return blocks;
  const count = new Map<string, number>();
  for (const b of blocks) if (b.type === "paragraph" && b.text.length <= STRUCTURE.maxRepeatedLabelChars) count.set(b.text, (count.get(b.text) ?? 0) + 1);
  const labels = new Set([...count].filter(([t, n]) => n >= STRUCTURE.minLabelRepeats && !/[.!?。:]$/.test(t)).map(([t]) => t));
  if (!labels.size) return blocks;
  return blocks.filter((b) => {
    if (b.type !== "paragraph" || !labels.has(b.text)) return true;
    ctx.removed("structure", "repeated-label", "a short line repeated on every entry is a label (entry author, badge)", () => b.text);
    return false;
  });
}

/**
 * A short paragraph that is all one bold run, with a paragraph of running text before and after it, is a
 * subheading ("<p><strong>Words of wisdom</strong></p>"). Not when it ends in punctuation (a bold lead-in), asks
 * or calls out (a question, a "get in touch" line), holds a time (a live-blog stamp) or an address, reads as a
 * byline or the writer's name, or stands among other bold lines.
 */
export function boldHeadings(blocks: Block[], meta: Metadata): Block[] {
  // One bold run, or several the page split ("<b>G</b><b>ranny</b><b> suffers</b>").
  const bold = (b: Block | undefined): boolean =>
    b?.type === "paragraph" && !!b.inline && b.inline.length > 0 && b.inline.every((x) => typeof x !== "string" && x.kind === "strong");
  const authors = new Set(meta.authors.map((a) => nameKey(a.name)));
  const prose = (b: Block | undefined): boolean => b?.type === "paragraph" && !bold(b) && b.text.length > STRUCTURE.maxSubheadingChars;
  return blocks.map((b, i) => {
    if (b.type !== "paragraph" || !bold(b) || !prose(blocks[i - 1]) || !prose(blocks[i + 1])) return b;
    const t = b.text;
    const words = t.split(/\s+/).length;
    if (t.length > STRUCTURE.maxSubheadingChars || words > STRUCTURE.maxBoldHeadingWords || /[.,:;!?…—–-]$/.test(t) || /[?!@]|\d[:.h]\d\d|https?:/.test(t)) return b;
    // A name set apart is a section on that person ("<b>Jane Doe</b>" in a list of candidates), unless it is the writer's.
    if (BYLINE_PREFIX.test(t + " ") || authors.has(nameKey(t))) return b;
    return { type: "heading", level: STRUCTURE.inferredHeadingLevel, text: t };
  });
}

/**
 * The writer's box under the story: an "About the author" heading over a few lines, or a line about one of the
 * article's authors ("Manuela Conrad ist ZDF-Reporterin ...", "Korrespondent Ulrich Exner ist bei ...") among the
 * last paragraphs, with what little follows it. Only the known authors' names count: a line about someone else
 * at the end is the story's (an obituary's last line, a quoted expert's role).
 */
export function dropAuthorBox(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
  const n = blocks.length;
  const size = (bs: Block[]): number => bs.reduce((t, b) => t + ("text" in b ? b.text.length : 0), 0);
  const storyBefore = (i: number): boolean => blocks.slice(0, i).filter((b) => b.type === "paragraph").length >= STRUCTURE.minStoryBeforeBox;
  const cut = (i: number, rule: string, reason: string): Block[] => {
    for (const b of blocks.slice(i)) ctx.removed("structure", rule, reason, () => ("text" in b ? b.text : ""));
    return blocks.slice(0, i);
  };
  for (let i = Math.max(0, n - STRUCTURE.authorBoxBlocks); i < n; i++) {
    const b = blocks[i];
    if (b.type === "heading" && AUTHOR_HEADINGS.test(b.text) && storyBefore(i) && size(blocks.slice(i + 1)) <= STRUCTURE.maxAuthorBoxChars)
      return cut(i, "author-box", `"${b.text}" heads the writer's box, not the story`);
  }
  const names = meta.authors.map((a) => a.name).filter((x) => x.includes(" "));
  if (!names.length) return blocks;
  for (let i = Math.max(0, n - 3); i < n; i++) {
    const b = blocks[i];
    if (b.type !== "paragraph" || b.text.length > STRUCTURE.maxBioChars || !storyBefore(i)) continue;
    if (blocks.slice(i + 1).some((x) => !("text" in x) || x.text.length > STRUCTURE.maxBioChars)) continue;
    // A role word may come first ("Korrespondent Ulrich Exner ist ...").
    const text = b.text.replace(/^\p{Lu}\p{Ll}+\s+(?=\p{Lu})/u, (w) => (ROLE.test(w.trim()) ? "" : w));
    if (names.some((name) => text.toLowerCase().startsWith(name.toLowerCase()) && BIO_VERB.test(text.slice(name.length))))
      return cut(i, "author-bio", "a line about the article's writer under the story is the writer's box");
  }
  return blocks;
}

/**
 * A sign-up or subscription pitch among the body's last paragraphs ("Please bookmark the site and sign up for our
 * newsletters here", "Der Newsletter informiert Sie ... Hier geht's zur Anmeldung!"), with what little follows it.
 * Prune drops short ones anywhere; under the story a pitch may run to a few sentences.
 */
export function dropPromoTail(blocks: Block[], ctx: Context): Block[] {
  const n = blocks.length;
  for (let i = Math.max(1, n - 2); i < n; i++) {
    const b = blocks[i];
    if (b.type !== "paragraph" || b.text.length > STRUCTURE.maxPromoTailChars || !PROMO_PHRASES.test(b.text)) continue;
    if (blocks.slice(i + 1).some((x) => !("text" in x) || x.text.length > STRUCTURE.maxPromoTailChars)) continue;
    for (const x of blocks.slice(i)) ctx.removed("structure", "promo-tail", "a sign-up or subscription pitch under the story", () => ("text" in x ? x.text : ""));
    return blocks.slice(0, i);
  }
  return blocks;
}

/**
 * A heading closing the body heads nothing: what it introduced (a "More on this" list, a podcast player, a
 * contact box) went as furniture, or it is a site label under the story ("Home"). The body's last run of
 * headings and figures goes from its first heading on: pictures under such a heading are the teasers it
 * announced ("Nos vidéos": title, picture, title, picture). Figures before that heading stay.
 */
export function dropDangling(blocks: Block[], ctx: Context): Block[] {
  let start = blocks.length;
  while (start > 0 && (blocks[start - 1].type === "heading" || blocks[start - 1].type === "figure")) start--;
  const first = blocks.findIndex((b, i) => i >= start && b.type === "heading");
  // None, or a body of headings and pictures alone (a page of section titles): left to the later stages.
  if (first < 0 || !blocks.slice(0, first).some((b) => b.type !== "figure")) return blocks;
  for (const b of blocks.slice(first)) ctx.removed("structure", "dangling-heading", "a heading at the end of the body heads nothing, nor the pictures under it", () => (b.type === "heading" ? b.text : b.type === "figure" ? b.caption ?? b.images[0]?.src ?? "" : ""));
  return blocks.slice(0, first);
}

/**
 * A paragraph without a letter or digit ("." left by a removed link) says nothing. A section break drawn in
 * characters ("___", "* * *") stays: it parts the story's sections, as in the source.
 */
export function dropWordless(blocks: Block[], ctx: Context): Block[] {
  return blocks.filter((b) => {
    if (b.type !== "paragraph") return true;
    if (MARKUP_LINE.test(b.text)) {
      ctx.removed("structure", "markup", "a tag printed as text (escaped markup of a tracker or embed)", () => b.text);
      return false;
    }
    if (/[\p{L}\p{N}]/u.test(b.text) || SECTION_BREAK.test(b.text)) return true;
    ctx.removed("structure", "wordless", "a paragraph without a letter or digit", () => b.text);
    return false;
  });
}

/** A paragraph printed twice in a row (a standfirst in both the header and the body's first line) is read once. */
export function dropDoubled(blocks: Block[], ctx: Context): Block[] {
  return blocks.filter((b, i) => {
    const prev = blocks[i - 1];
    if (b.type !== "paragraph" || prev?.type !== "paragraph" || prev.text !== b.text) return true;
    ctx.removed("structure", "doubled", "the same paragraph again, right after itself", () => b.text);
    return false;
  });
}

/** The headline is a field, not a body block: drop it where the body repeats it. */
export function dropTitle(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
  const title = meta.title ? letters(meta.title) : "";
  if (!title) return blocks;
  // The headline as printed: the title, spaced or punctuated otherwise ("49-Euro-Ticket : Pendler", a kicker's colon
  // set as a line break), or a heading with the kicker glued before it ("Bei Protesten 2022 Bericht: ...").
  const isTitle = (bl: Block): boolean => {
    if (bl.type !== "heading" && bl.type !== "paragraph") return false;
    const t = letters(bl.text);
    return t === title || (bl.type === "heading" && t.endsWith(title) && t.length - title.length <= STRUCTURE.maxKickerChars);
  };
  const limit = Math.min(blocks.length, 4);
  const first = blocks.slice(0, limit).findIndex(isTitle);
  if (first < 0) return blocks;
  // Short lines above the headline are its kicker or breadcrumb, not story.
  const before = blocks.slice(0, first).filter((x) => {
    const kicker = x.type === "paragraph" && x.text.length <= STRUCTURE.maxKickerChars && !/[.!?。]$/.test(x.text);
    if (kicker) ctx.removed("structure", "kicker", "a short label above the headline", () => x.text);
    return !kicker;
  });
  // Printed twice (a sticky header beside the article's own), it goes twice.
  const after = blocks.slice(first).filter((bl, i) => {
    if (first + i >= limit || !isTitle(bl)) return true;
    ctx.removed("structure", "title-repeat", "the headline is the title field, not body text", () => ("text" in bl ? bl.text : ""));
    return false;
  });
  return [...before, ...after];
}

/** Letters and digits only, lower-cased: a headline compared however it is spaced or punctuated. */
function letters(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Lines of a paragraph that old pages set with <br> in the story's own cell, and prune cannot reach as elements:
 * a row of links ("Home > News > Local", "E-mail story | Print story", "Sections: News | Sports"), and, among
 * a story's first blocks, the headline, byline and dateline printed as lines above it.
 */
export function dropLinkRows(blocks: Block[], meta: Metadata, ctx: Context, story: boolean): Block[] {
  const title = meta.title ? letters(meta.title) : "";
  const out: Block[] = [];
  blocks.forEach((b, i) => {
    const head = story && i < STRUCTURE.headerBlocks;
    // Most paragraphs can hold no such line (no header position, no separator, fewer than two links): left as they are.
    if (b.type !== "paragraph" || (!head && !/[|·•]/.test(b.text) && !(b.inline && twoLinks(b.inline)))) return void out.push(b);
    const lines = b.inline ? splitLines(b.inline) : b.text.split("\n").map((t) => [t]);
    const kept = lines.filter((line) => {
      const text = plain(line).trim();
      if (linkRow(line) || labelRow(text)) {
        ctx.removed("structure", "link-row", "a row of links set as a line (navigation, page tools)", () => text);
        return false;
      }
      if (head && text && (letters(text) === title || BYLINE_LINE.test(text) || DATE_LINE.test(text))) {
        ctx.removed("structure", "header-line", "the headline, byline or dateline printed as a line above the story", () => text);
        return false;
      }
      return true;
    });
    if (kept.length === lines.length) return void out.push(b);
    if (!kept.length) return;
    const text = kept.map((l) => plain(l).trim()).join("\n");
    if (!text.trim()) return;
    const inline: Inline[] = kept.flatMap((l, k) => (k ? [{ kind: "br" } as Inline, ...l] : l));
    out.push(b.inline ? ({ ...b, text, inline } as ParagraphBlock) : { ...b, text });
  });
  return out;
}

function twoLinks(inline: Inline[]): boolean {
  let links = 0;
  for (const n of inline) if (typeof n !== "string" && n.kind === "link" && ++links >= STRUCTURE.minRowLinks) return true;
  return false;
}

function splitLines(inline: Inline[]): Inline[][] {
  const lines: Inline[][] = [[]];
  for (const n of inline) {
    if (typeof n !== "string" && n.kind === "br") lines.push([]);
    else lines[lines.length - 1].push(n);
  }
  return lines;
}

/** Page labels in a row ("Contact us | Advertise | Subscribe"), linked or not. */
function labelRow(text: string): boolean {
  const parts = text.split(/\s*[|·•]\s*/).filter(Boolean);
  return parts.length >= STRUCTURE.minRowLinks && parts.every((p) => FURNITURE_TEXTS.test(p));
}

/** Two links or more, and no word outside them but a leading label ("Sections:"). */
function linkRow(line: Inline[]): boolean {
  let links = 0;
  let label = true;
  for (const n of line) {
    if (typeof n === "string") {
      if (!/[\p{L}\p{N}]/u.test(n)) continue;
      // Words before the first link are a label only when they end in a colon.
      if (!(label && links === 0 && /^\s*[\p{L}\s]{1,30}:\s*$/u.test(n))) return false;
      continue;
    }
    if (n.kind === "link") {
      links++;
      label = false;
    } else if (n.kind !== "br") return false;
  }
  return links >= STRUCTURE.minRowLinks;
}
