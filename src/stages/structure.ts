/**
 * Stage 6, structure: the pruned content element → our typed blocks, in
 * reading order. Inline runs become paragraphs; block elements found inside
 * inline ones (a <div> in an <a>) close the paragraph and open a block.
 */
import type { Block, FigureBlock, Image, Inline, ListBlock, ListItem } from "../article.ts";
import type { Context } from "../context.ts";
import { type ChildNode, type Element, type ParentNode, isElement, isText, classId, cleanText, textOf, findFirst } from "../dom.ts";
import { imageSource, isTinyImage } from "../heuristics/images.ts";
import { CAPTION_CLASS, CREDIT_CLASS, CAPTIONS, GALLERY_CLASS, SLIDE_COUNTER, captionParts, cleanCredit, splitCredit } from "../heuristics/credits.ts";
import { FURNITURE_TEXTS, PROMO_PHRASES } from "../heuristics/boilerplate.ts";
import { SUBHEADING_CLASS } from "../heuristics/meta.ts";
import { type Pruned, pictureBox } from "./prune.ts";
import { plain } from "./serialise.ts";
import type { Metadata } from "../metadata/index.ts";
import { classify, isSite, nameKey } from "../metadata/authors.ts";
import { AUTHOR_HEADINGS, BIO_VERB, BYLINE_PREFIX, NAME_SEPARATOR, NOT_NAME_START, NOT_NAME_WORDS, ROLE } from "../heuristics/bylines.ts";

export interface Structured {
  blocks: Block[];
  /** Name-only lines taken off the body's first or last blocks: a byline printed as a paragraph. */
  bylines?: string[];
}

/** Elements that are transparent containers: walk into them, as block boundaries. */
const CONTAINER = new Set([
  "div", "section", "article", "main", "header", "footer", "aside", "nav", "center", "body", "html", "form", "fieldset",
  "details", "summary", "hgroup", "address", "dd", "dt", "dl", "figcaption", "caption", "legend", "tbody", "thead", "tfoot", "tr", "td", "th", "li", "menu", "frameset", "noscript", "object",
]);

/** Inline elements kept as markup in `inline` (a Map, not an object: a tag named "constructor" must find nothing). */
const INLINE_KIND = new Map<string, "strong" | "em" | "code" | "sub" | "sup">(
  Object.entries({ strong: "strong", b: "strong", em: "em", i: "em", code: "code", kbd: "code", samp: "code", tt: "code", sub: "sub", sup: "sup" } as const),
);

const HEADING = /^h([1-6])$/;

/** Class words of empty elements some sites use in place of paragraph breaks. */
const BREAK_CLASS = /(?:^|[\s_-])(?:br|linebreak|line-break|paragraph-break|para-break)(?:$|[\s_-])/i;

/** A line drawn in characters between sections: "___", "* * *", "———", "• • •". */
/** A paragraph that is one HTML tag printed as text ('<img height="1" width="1" src="...">'): escaped markup, never story. */
const MARKUP_LINE = /^<\/?(?:img|script|iframe|div|span|a|link|meta|noscript|style|ins|embed|object|video|source|br|hr)\b[^<>]{0,600}\/?>$/i;
const SECTION_BREAK = /^(?:([_*=~•·—–-])\s*)\1(?:\s*\1)+$/u;

/** A portrait's caption that is the byline ("By Jane Doe"). */
const BYLINE_CAPTION = /^(?:von|by|par|por|di|door|av|af)\s+\p{Lu}/u;
/** Picture addresses of writers' portraits. */
const AVATAR_URL = /(?:[/_-]|%2F)(?:authors?|avatars?|profiles?|autor(?:en)?|byline)(?:[/_.-]|%2F)/i;

const STRUCTURE = {
  /** A kicker ("Health", "Analysis | Trade") is a word or a few. */
  maxKickerChars: 40,
  /** A subheading set as a paragraph is a line, not a sentence. */
  maxSubheadingChars: 100,
  /** A paragraph that is all one bold run, a short line between two paragraphs, is a subheading: at most this many words. */
  maxBoldHeadingWords: 12,
  /** Subheadings read from paragraphs sit below the page's own <h2> sections. */
  inferredHeadingLevel: 3,
  /** A figure among the first blocks already leads the body... */
  leadFigureWithin: 3,
  /** ...when no more paragraphs than this (a standfirst) come before it. */
  leadFigureAfter: 1,
  /** How far above the container a lead figure is looked for (the article header is a sibling of the body, or of its parent). */
  leadFigureLevels: 3,
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
} as const;

export function structure(pruned: Pruned, meta: Metadata, ctx: Context): Structured {
  const b = new Builder(ctx);
  for (const part of pruned.parts) {
    b.container(part);
    b.flush();
  }
  b.flush();
  let blocks = altCaptions(b.blocks, ctx);
  blocks = dropWordless(blocks, ctx);
  blocks = dropDoubled(blocks, ctx);
  blocks = dropRepeated(blocks, meta, ctx);
  blocks = dropTitle(blocks, meta, ctx);
  blocks = dropPortraits(blocks, meta, ctx);
  blocks = boldHeadings(blocks, meta);
  // The story's end: the writer's box, a sign-up pitch, then headings left heading nothing.
  blocks = dropAuthorBox(blocks, meta, ctx);
  blocks = dropPromoTail(blocks, ctx);
  blocks = dropDangling(blocks, ctx);
  const bylines = nameLines(blocks, meta, ctx);
  return { blocks: [...leadFigure(pruned.parts[0], blocks, ctx), ...blocks], ...(bylines.length ? { bylines } : {}) };
}

/** Blocks of any fragment (used by rescue for HTML found in page data). */
export function structureNodes(root: ParentNode, ctx: Context): Block[] {
  const b = new Builder(ctx);
  b.container(root);
  b.flush();
  return b.blocks;
}

/**
 * The lead picture often sits above the body container (in the article
 * header, beside the headline). When the body starts without a figure, the
 * nearest <figure> just before the container, a level or two up, leads it.
 */
function leadFigure(container: Element, blocks: Block[], ctx: Context): Block[] {
  // A figure among the first blocks, after at most a standfirst, already leads the body (one after the first lines of
  // the story is the story's own).
  let before = 0;
  for (let i = 0; i < blocks.length && i < STRUCTURE.leadFigureWithin && before <= STRUCTURE.leadFigureAfter; i++) {
    if (blocks[i].type === "figure") return [];
    if (blocks[i].type === "paragraph") before++;
  }
  let el: Element | null = container;
  for (let level = 0; el && level < STRUCTURE.leadFigureLevels; level++, el = el.parent as Element | null) {
    for (let sib = el.prev; sib; sib = sib.prev) {
      if (!isElement(sib)) continue;
      const gallery = galleryFigures(sib, ctx).filter((f) => !isPortrait(f));
      if (gallery.length > 1) return gallery;
      const fig = sib.name === "figure" ? sib : findFigure(sib);
      if (!fig) continue;
      const b = new Builder(ctx);
      b.container({ children: [fig] } as unknown as ParentNode);
      const found = b.blocks.filter((x): x is FigureBlock => x.type === "figure" && x.images.length > 0 && !isPortrait(x));
      if (found.length) return [found[0]];
    }
  }
  return [];
}

/**
 * A subheading set as a paragraph, named so by its class ("zwischentitel", "crosshead"). (A short paragraph that is all
 * one bold run is judged later, with its neighbours, by boldHeadings: alone it may as well be a live-blog stamp, a
 * byline or a lead-in.)
 */
function subheading(n: Element): string | undefined {
  const names = classId(n);
  // A wrapper around a real <h2> leaves it to say its own level.
  if (names && SUBHEADING_CLASS.test(names) && findFirst(n, (e) => e !== n && HEADING.test(e.name)) === undefined) {
    const text = cleanText(n);
    return text && text.length <= STRUCTURE.maxSubheadingChars && !hasImage(n) ? text : undefined;
  }
  return undefined;
}

/** The writer's portrait beside the byline ("By Jane Doe", an "authors" or "avatar" picture), not the story's picture. */
function isPortrait(f: FigureBlock): boolean {
  if (f.caption && BYLINE_CAPTION.test(f.caption)) return true;
  return f.images.some((im) => im.src !== undefined && AVATAR_URL.test(im.src));
}

/**
 * The writer's portrait inside the body (a byline box the container took in): a picture of an author, by its
 * address ("/profile/192x192/", "/authors/") or its alt text (the author's name), with no caption of its own
 * beyond a byline or the name.
 */
function dropPortraits(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
  const names = new Set(meta.authors.map((a) => nameKey(a.name)));
  const portrait = (im: Image): boolean => (im.src !== undefined && AVATAR_URL.test(im.src)) || (!!im.alt && names.has(nameKey(im.alt)));
  return blocks.filter((b) => {
    if (b.type !== "figure" || !b.images.length || !b.images.every(portrait)) return true;
    if (b.caption && !names.has(nameKey(b.caption.replace(BYLINE_PREFIX, ""))) && !BYLINE_CAPTION.test(b.caption)) return true;
    ctx.removed("structure", "portrait", "the writer's portrait is not a picture of the story", () => b.images[0]?.src ?? "");
    return false;
  });
}

/** Headings, lists and tables are no part of a caption: a "caption" box holding them is a card's text (a thumbnail's caption area). */
function holdsSections(el: Element): boolean {
  return findFirst(el, (e) => SECTION_TAGS.has(e.name)) !== undefined;
}
const SECTION_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"]);

function hasImage(el: Element): boolean {
  return findFirst(el, (e) => e.name === "img" || e.name === "amp-img") !== undefined;
}

/** The text a figure holds besides its pictures, when short enough to be a caption. */
function looseCaption(fig: Element, imgs: Element[]): { caption?: string; credit?: string } {
  const text = slideText(fig, imgs[0]);
  if (!text || text.length > CAPTIONS.maxLooseChars) return {};
  // Two lines of their own beside the picture, the second short: caption, then credit ("...banner", "REUTERS").
  const lines = fig.children.flatMap((c) => (isElement(c) && c.name !== "img" && !findFirst(c, (e) => e.name === "img") ? [cleanText(c)] : [])).filter(Boolean);
  if (lines.length === 2) {
    const [cap, cred] = lines;
    if (cred.length <= CAPTIONS.maxCreditChars && cred.length < cap.length) {
      const sp = splitCredit(cap);
      return { caption: sp.caption ?? cap, credit: sp.credit ? `${sp.credit} / ${cred}` : cred };
    }
  }
  return splitCredit(text);
}

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
function nameLines(blocks: Block[], meta: Metadata, ctx: Context): string[] {
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
    out.push(...names.map((c) => c!.name));
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
function dropRepeated(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
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
function boldHeadings(blocks: Block[], meta: Metadata): Block[] {
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
function dropAuthorBox(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
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
function dropPromoTail(blocks: Block[], ctx: Context): Block[] {
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
function dropDangling(blocks: Block[], ctx: Context): Block[] {
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
function dropWordless(blocks: Block[], ctx: Context): Block[] {
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
function dropDoubled(blocks: Block[], ctx: Context): Block[] {
  return blocks.filter((b, i) => {
    const prev = blocks[i - 1];
    if (b.type !== "paragraph" || prev?.type !== "paragraph" || prev.text !== b.text) return true;
    ctx.removed("structure", "doubled", "the same paragraph again, right after itself", () => b.text);
    return false;
  });
}

/**
 * A paragraph right after a picture that repeats the picture's alt text is
 * its caption (sites that print the caption as a plain paragraph).
 */
function altCaptions(blocks: Block[], ctx: Context): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    out.push(b);
    if (b.type !== "figure" || b.caption) continue;
    const alt = b.images[0]?.alt ? norm(b.images[0].alt) : "";
    const next = blocks[i + 1];
    if (alt.length < CAPTIONS.minAltChars || next?.type !== "paragraph") continue;
    const text = norm(next.text);
    if (!text.startsWith(alt) || text.length > alt.length + CAPTIONS.maxCreditChars) continue;
    const line = next.text.replace(/\s+/g, " ").trim();
    const split = splitCredit(line);
    // A credit pattern wins; otherwise the alt text's length marks where the caption ends and the credit starts.
    const byPattern = split.credit && split.caption && norm(split.caption).length >= alt.length;
    b.caption = byPattern ? split.caption! : line.slice(0, alt.length).trim();
    const rest = byPattern ? split.credit! : line.slice(alt.length).replace(/^[\s|/–—-]+/, "").trim();
    if (rest) b.credit = cleanCredit(rest);
    ctx.removed("structure", "alt-caption", "a paragraph repeating the picture's alt text is its caption", () => next.text);
    i++;
  }
  return out;
}

/**
 * A lead gallery (a carousel of pictures above the body): each slide, the
 * largest element holding just one picture, gives a figure captioned by the
 * slide's text. A picture shown twice (slides and a full-screen copy) counts once.
 */
function galleryFigures(el: Element, ctx: Context): FigureBlock[] {
  const root = findGallery(el);
  if (!root) return [];
  const pictures: Element[] = [];
  const stack: ChildNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if ((n.name === "img" || n.name === "amp-img") && !isTinyImage(n) && imageSource(n)) pictures.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  const count = new Map<Element, number>();
  for (const img of pictures) for (let p = img.parent as Element | null; p && p !== root; p = p.parent as Element | null) count.set(p, (count.get(p) ?? 0) + 1);
  const out: FigureBlock[] = [];
  const seen = new Set<string>();
  for (const img of pictures) {
    let slide: Element = img;
    for (let p = img.parent as Element | null; p && p !== root && count.get(p) === 1; p = p.parent as Element | null) slide = p;
    const b = new Builder(ctx);
    b.container({ children: [img] } as unknown as ParentNode);
    const fig = b.blocks.find((x): x is FigureBlock => x.type === "figure" && x.images.length > 0);
    const src = fig?.images[0].src;
    if (!fig || !src || seen.has(src)) continue;
    seen.add(src);
    const text = slideText(slide, img);
    if (text) {
      const { caption, credit } = splitCredit(text);
      if (caption) fig.caption = caption;
      if (credit) fig.credit = credit;
    }
    out.push(fig);
  }
  return out;
}

function findGallery(el: Element): Element | undefined {
  const stack: ChildNode[] = [el];
  while (stack.length) {
    const n = stack.shift()!;
    if (!isElement(n)) continue;
    if (GALLERY_CLASS.test(classId(n))) return n;
    stack.push(...n.children);
  }
  return undefined;
}

/** A slide's caption: its text without the picture, buttons, counters and player labels. */
function slideText(slide: Element, img: Element): string {
  const parts: string[] = [];
  const visit = (n: ChildNode): void => {
    if (isText(n)) return void parts.push(n.data);
    if (!isElement(n) || n === img || n.name === "button" || n.name === "script" || n.name === "style") return;
    if (n.name === "br" || BLOCKISH.has(n.name)) parts.push(" ");
    for (const c of n.children) visit(c);
    if (BLOCKISH.has(n.name)) parts.push("\n");
  };
  visit(slide);
  return parts
    .join("")
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim().replace(SLIDE_COUNTER, ""))
    .filter((l) => l && !FURNITURE_TEXTS.test(l))
    .join(" ")
    .trim();
}

function findFigure(el: Element): Element | undefined {
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.shift()!;
    if (!isElement(n)) continue;
    if (n.name === "figure") return n;
    stack.push(...n.children);
  }
  return undefined;
}

/** The headline is a field, not a body block: drop it where the body repeats it. */
function dropTitle(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
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

function norm(s: string): string {
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

/** An open paragraph: a stack of inline frames. */
interface Frame {
  kind?: "link" | "strong" | "em" | "code" | "sub" | "sup";
  href?: string;
  children: Inline[];
}

class Builder {
  readonly blocks: Block[] = [];
  private stack: Frame[] = [{ children: [] }];
  private marked = false;
  private brRun = 0;

  constructor(private ctx: Context) {}

  // ---- paragraphs ----

  private text(s: string): void {
    if (!s) return;
    if (/\S/.test(s)) this.brRun = 0;
    const top = this.stack[this.stack.length - 1].children;
    const last = top[top.length - 1];
    if (typeof last === "string") top[top.length - 1] = last + s;
    else top.push(s);
  }

  private br(): void {
    this.brRun++;
    if (this.brRun >= 2) {
      this.flush();
      return;
    }
    this.stack[this.stack.length - 1].children.push({ kind: "br" });
  }

  /** Closes the open paragraph, if it has text, as a paragraph block. */
  flush(): void {
    this.brRun = 0;
    // Close any open inline frames into their parents.
    while (this.stack.length > 1) this.closeFrame();
    const nodes = this.stack[0].children;
    this.stack[0].children = [];
    const marked = this.marked;
    this.marked = false;
    if (!nodes.length) return;
    const { inline, text } = finishInline(nodes);
    if (!text) return;
    this.blocks.push(marked && inline ? { type: "paragraph", text, inline } : { type: "paragraph", text });
  }

  private openFrame(f: Frame): void {
    this.stack.push(f);
  }

  private closeFrame(): void {
    const f = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1].children;
    if (!f.children.length) return;
    if (f.kind === "link") parent.push({ kind: "link", href: f.href!, children: f.children });
    else if (f.kind) parent.push({ kind: f.kind, children: f.children });
    else parent.push(...f.children);
    if (f.kind) this.marked = true;
  }

  // ---- walking ----

  container(el: ParentNode): void {
    for (const c of el.children) this.node(c);
  }

  private node(n: ChildNode): void {
    if (isText(n)) {
      this.text(n.data);
      return;
    }
    if (!isElement(n)) return;
    const tag = n.name;
    if (tag === "br") return this.br();
    // An empty element named as a break ("<span class=br>") separates paragraphs like a blank line.
    if (!n.children.length && n.attribs.class && BREAK_CLASS.test(n.attribs.class)) return this.flush();
    if (tag === "img" || tag === "amp-img") return this.image(n);
    if (tag === "picture") {
      const img = n.children.find((c): c is Element => isElement(c) && c.name === "img");
      if (img) this.image(img);
      return;
    }
    const inline = INLINE_KIND.get(tag);
    if (tag === "a" || inline) {
      const depth = this.stack.length;
      const href = tag === "a" ? this.ctx.resolve(n.attribs.href) : undefined;
      if (tag !== "a" || href) this.openFrame(tag === "a" ? { kind: "link", href, children: [] } : { kind: inline, children: [] });
      for (const c of n.children) this.node(c);
      // A block inside may have flushed the paragraph (and our frame with it).
      if (this.stack.length > depth) this.closeFrame();
      return;
    }
    const h = HEADING.exec(tag);
    if (h) {
      this.flush();
      const text = cleanText(n);
      if (text) this.blocks.push({ type: "heading", level: Number(h[1]), text });
      return;
    }
    if (CONTAINER.has(tag) || tag === "span" || tag === "small" || tag === "p") {
      const names = classId(n);
      if (names && ((CAPTION_CLASS.test(names) && !holdsSections(n)) || (CREDIT_CLASS.test(names) && cleanText(n).length <= CAPTIONS.maxCreditChars))) {
        this.flush();
        // A "caption" box that holds the picture itself is the figure.
        if (CAPTION_CLASS.test(names) && hasImage(n)) return this.figure(n);
        if (this.caption(n, CAPTION_CLASS.test(names) ? "caption" : "credit")) return;
      }
    }
    // A picture box ("image-widget": the picture, then its caption and credit as paragraphs) is one figure.
    if (tag === "div" && pictureBox(n)) return this.figure(n);
    if (tag === "p" || tag === "div") {
      const sub = subheading(n);
      if (sub) {
        this.flush();
        this.blocks.push({ type: "heading", level: STRUCTURE.inferredHeadingLevel, text: sub });
        return;
      }
    }
    switch (tag) {
      case "p":
        this.flush();
        this.container(n);
        this.flush();
        return;
      case "ul":
      case "ol":
        this.flush();
        return this.list(n);
      case "table":
        this.flush();
        return this.table(n);
      case "blockquote":
        this.flush();
        return this.quote(n);
      case "pre":
        this.flush();
        return this.code(n);
      case "figure":
        this.flush();
        return this.figure(n);
      case "hr":
        return this.flush();
    }
    if (CONTAINER.has(tag)) {
      this.flush();
      this.container(n);
      this.flush();
      return;
    }
    // Any other inline element (span, font, time, small, mark, q, cite, abbr...): transparent.
    for (const c of n.children) this.node(c);
  }

  // ---- blocks ----

  private image(img: Element): void {
    const fig = this.figureOfImages([img]);
    if (!fig) return;
    this.flush();
    this.blocks.push(fig);
  }

  private figureOfImages(imgs: Element[]): FigureBlock | undefined {
    const images: Image[] = [];
    for (const img of imgs) {
      if (isTinyImage(img)) continue;
      const src = this.ctx.resolve(imageSource(img), "image");
      if (!src) continue;
      const image: Image = { src };
      const alt = img.attribs.alt?.trim();
      if (alt) image.alt = alt;
      const w = parseInt(img.attribs.width ?? "", 10);
      const hgt = parseInt(img.attribs.height ?? "", 10);
      if (w > 0) image.width = w;
      if (hgt > 0) image.height = hgt;
      images.push(image);
    }
    return images.length ? { type: "figure", images } : undefined;
  }

  /**
   * A caption or credit element outside <figcaption>: it belongs to the
   * picture before it; when that picture left no figure (a lazy image
   * without a source), it becomes a figure of its own, never body text.
   */
  private caption(el: Element, kind: "caption" | "credit"): boolean {
    const parts = kind === "caption" ? captionParts(el) : { credit: cleanCredit(cleanText(el)) };
    if (!parts.caption && !parts.credit) return true;
    const last = this.blocks[this.blocks.length - 1];
    if (last && last.type === "figure" && !(parts.caption && last.caption) && !(parts.credit && last.credit)) {
      if (parts.caption) last.caption = parts.caption;
      if (parts.credit) last.credit = parts.credit;
      return true;
    }
    // A lone "credit" (a byline, a source line) with no picture before it is not a picture credit.
    if (kind === "credit") return false;
    const fig: FigureBlock = { type: "figure", images: [] };
    if (parts.caption) fig.caption = parts.caption;
    if (parts.credit) fig.credit = parts.credit;
    this.blocks.push(fig);
    return true;
  }

  private figure(el: Element): void {
    const imgs: Element[] = [];
    let captionEl: Element | undefined;
    let quote: Element | undefined;
    const stack: ChildNode[] = [...el.children];
    while (stack.length) {
      const c = stack.shift()!;
      if (!isElement(c)) continue;
      if (c.name === "img" || c.name === "amp-img") imgs.push(c);
      else if (c.name === "figcaption" || (!captionEl && CAPTION_CLASS.test(classId(c)))) captionEl ??= c;
      else if (c.name === "blockquote") quote ??= c;
      else stack.unshift(...c.children);
    }
    const fig = this.figureOfImages(imgs);
    if (!fig) {
      // A figure without a picture: a pull quote, an embed, or a table wrapper.
      if (quote) return this.quote(quote);
      this.container(el);
      this.flush();
      return;
    }
    // Without a caption element, the figure's own text beside the picture is its caption.
    const { caption, credit } = captionEl ? captionParts(captionEl) : looseCaption(el, imgs);
    if (caption) fig.caption = caption;
    if (credit) fig.credit = credit;
    this.blocks.push(fig);
  }

  private list(el: Element): void {
    const list = this.listBlock(el);
    if (list.items.length) this.blocks.push(list);
  }

  private listBlock(el: Element): ListBlock {
    const items: ListItem[] = [];
    for (const li of el.children) {
      if (!isElement(li)) continue;
      if (li.name === "ul" || li.name === "ol") {
        // Invalid but common: a nested list directly in a list.
        const sub = this.listBlock(li);
        if (items.length && sub.items.length) items[items.length - 1].list = sub;
        continue;
      }
      const item = this.listItem(li);
      if (item) items.push(item);
    }
    return { type: "list", ordered: el.name === "ol", items };
  }

  private listItem(li: Element): ListItem | undefined {
    // Walk the item with a scratch builder; nested lists become `list`.
    const scratch = new Builder(this.ctx);
    let sub: ListBlock | undefined;
    for (const c of li.children) {
      if (isElement(c) && (c.name === "ul" || c.name === "ol")) {
        scratch.flush();
        const s = this.listBlock(c);
        if (s.items.length) sub = sub ? { ...sub, items: [...sub.items, ...s.items] } : s;
      } else scratch.node(c);
    }
    scratch.flush();
    const figures = scratch.blocks.filter((b): b is FigureBlock => b.type === "figure");
    // Pictures inside list items (galleries) keep their place before the list.
    this.blocks.push(...figures);
    const texts = scratch.blocks.filter((b) => b.type !== "figure");
    const text = texts.map((b) => ("text" in b ? b.text : "")).filter(Boolean).join("\n");
    if (!text && !sub) return undefined;
    const item: ListItem = { text };
    const one = texts.length === 1 && texts[0].type === "paragraph" ? texts[0] : undefined;
    if (one && one.inline) item.inline = one.inline;
    if (sub) item.list = sub;
    return item;
  }

  private table(el: Element): void {
    const rows: string[][] = [];
    let header = false;
    let layout = false;
    const visit = (n: Element, inHead: boolean): void => {
      for (const c of n.children) {
        if (!isElement(c)) continue;
        if (c.name === "table") {
          layout = true;
          return;
        }
        if (c.name === "tr") {
          const cells: string[] = [];
          let allTh = true;
          for (const cell of c.children) {
            if (!isElement(cell) || (cell.name !== "td" && cell.name !== "th")) continue;
            if (cell.name !== "th") allTh = false;
            if (hasBlockContent(cell)) layout = true;
            cells.push(cleanText(cell));
          }
          if (!rows.length && (inHead || (allTh && cells.length))) header = true;
          if (cells.some(Boolean)) rows.push(cells);
        } else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") visit(c, c.name === "thead");
        else if (c.name === "caption") continue;
        if (layout) return;
      }
    };
    visit(el, false);
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
    // Layout tables (page grids, single-column wrappers) are read as containers.
    if (layout || width <= 1) {
      this.container(el);
      this.flush();
      return;
    }
    const caption = el.children.find((c): c is Element => isElement(c) && c.name === "caption");
    this.blocks.push({ type: "table", rows, ...(header ? { header } : {}), ...(caption && cleanText(caption) ? { caption: cleanText(caption) } : {}) });
  }

  private quote(el: Element): void {
    const scratch = new Builder(this.ctx);
    scratch.container(el);
    scratch.flush();
    let cite: string | undefined;
    const parts: string[] = [];
    for (const b of scratch.blocks) {
      if (b.type === "figure") {
        this.blocks.push(b);
        continue;
      }
      const t = "text" in b ? b.text : b.type === "list" ? b.items.map((i) => i.text).join("\n") : "";
      if (t) parts.push(t);
    }
    // A closing "— Name" line is the quote's source.
    const last = parts[parts.length - 1];
    if (parts.length > 1 && last && /^[—–-]\s*\S/.test(last) && last.length < 80) {
      cite = last.replace(/^[—–-]\s*/, "");
      parts.pop();
    }
    const text = parts.join("\n");
    if (text) this.blocks.push(cite ? { type: "quote", text, cite } : { type: "quote", text });
  }

  private code(el: Element): void {
    const text = textOf(el).replace(/^\n/, "").replace(/\s+$/, "");
    if (!text.trim()) return;
    const codeEl = el.children.find((c): c is Element => isElement(c) && c.name === "code");
    const lang = /(?:^|\s)(?:language|lang)-([\w+#-]+)/.exec((codeEl ?? el).attribs.class ?? "")?.[1];
    this.blocks.push(lang ? { type: "code", text, lang } : { type: "code", text });
  }
}

const BLOCKISH = new Set(["p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article"]);

function hasBlockContent(cell: Element): boolean {
  for (const c of cell.children) {
    if (isElement(c) && (BLOCKISH.has(c.name) || hasBlockContent(c))) return true;
  }
  return false;
}

/**
 * Normalises inline nodes: collapses white space across node boundaries,
 * trims the ends, and gives the plain text (with "\n" for <br>).
 */
function finishInline(nodes: Inline[]): { inline?: Inline[]; text: string } {
  let pendingSpace = false;
  let atStart = true;
  // True right after a space was written out before an inline element: the element's own leading space is then redundant.
  let spaced = false;
  const fix = (list: Inline[]): Inline[] => {
    const out: Inline[] = [];
    for (const n of list) {
      if (typeof n === "string") {
        const collapsed = n.replace(/\s+/g, " ");
        if (!collapsed.trim()) {
          if (collapsed) pendingSpace = !atStart;
          continue;
        }
        let s = collapsed;
        if (s.startsWith(" ")) {
          s = s.slice(1);
          if (!atStart && !spaced) pendingSpace = true;
        }
        const trailing = s.endsWith(" ");
        if (trailing) s = s.slice(0, -1);
        if (pendingSpace) s = " " + s;
        pendingSpace = trailing;
        atStart = false;
        spaced = false;
        const last = out[out.length - 1];
        if (typeof last === "string") out[out.length - 1] = last + s;
        else out.push(s);
      } else if (n.kind === "br") {
        pendingSpace = false;
        spaced = false;
        if (!atStart) out.push(n);
      } else {
        // A space before a link or emphasis belongs outside it: "the [link]", not "the[ link]".
        if (pendingSpace) {
          const last = out[out.length - 1];
          if (typeof last === "string") out[out.length - 1] = last + " ";
          else out.push(" ");
          pendingSpace = false;
          spaced = true;
        }
        const kids = fix(n.children);
        if (kids.length) out.push({ ...n, children: kids } as Inline);
      }
    }
    return out;
  };
  const inline = fix(nodes);
  // Trailing <br>s carry nothing.
  while (inline.length && typeof inline[inline.length - 1] !== "string" && (inline[inline.length - 1] as { kind: string }).kind === "br") inline.pop();
  const text = plain(inline).replace(/ *\n */g, "\n").trim();
  return { inline, text };
}
