/**
 * Structure, figures: the lead picture or gallery above the body, the writer's portrait taken for a picture, and
 * a paragraph repeating a picture's alt text read as its caption. (Captions met in the walk are read in walk.ts.)
 */
import type { Block, FigureBlock, Image } from "../../article.ts";
import type { Context } from "../../context.ts";
import { type ChildNode, type Element, type ParentNode, isElement, classId, collapseSpace, pushAll } from "../../dom.ts";
import { imageSource, isTinyImage } from "../../heuristics/images.ts";
import { CAPTIONS, GALLERY_CLASS, cleanCredit, splitCredit } from "../../heuristics/credits.ts";
import type { Metadata } from "../../metadata/index.ts";
import { nameKey } from "../../metadata/authors.ts";
import { BYLINE_PREFIX } from "../../heuristics/bylines.ts";
import { Builder, slideText } from "./walk.ts";

/** A portrait's caption that is the byline ("By Jane Doe"). */
const BYLINE_CAPTION = /^(?:von|by|par|por|di|door|av|af)\s+\p{Lu}/u;
/** Picture addresses of writers' portraits. */
const AVATAR_URL = /(?:[/_-]|%2F)(?:authors?|avatars?|profiles?|autor(?:en)?|byline)(?:[/_.-]|%2F)/i;

const STRUCTURE = {
  /** A figure among the first blocks already leads the body... */
  leadFigureWithin: 3,
  /** ...when no more paragraphs than this (a standfirst) come before it. */
  leadFigureAfter: 1,
  /** How far above the container a lead figure is looked for (the article header is a sibling of the body, or of its parent). */
  leadFigureLevels: 3,
} as const;

/**
 * The lead picture often sits above the body container (in the article
 * header, beside the headline). When the body starts without a figure, the
 * nearest <figure> just before the container, a level or two up, leads it.
 */
export function leadFigure(container: Element, blocks: Block[], ctx: Context): Block[] {
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
export function dropPortraits(blocks: Block[], meta: Metadata, ctx: Context): Block[] {
  const names = new Set(meta.authors.map((a) => nameKey(a.name)));
  const portrait = (im: Image): boolean => (im.src !== undefined && AVATAR_URL.test(im.src)) || (!!im.alt && names.has(nameKey(im.alt)));
  return blocks.filter((b) => {
    if (b.type !== "figure" || !b.images.length || !b.images.every(portrait)) return true;
    if (b.caption && !names.has(nameKey(b.caption.replace(BYLINE_PREFIX, ""))) && !BYLINE_CAPTION.test(b.caption)) return true;
    ctx.removed("structure", "portrait", "the writer's portrait is not a picture of the story", () => b.images[0]?.src ?? "");
    return false;
  });
}

/**
 * A paragraph right after a picture that repeats the picture's alt text is
 * its caption (sites that print the caption as a plain paragraph).
 */
export function altCaptions(blocks: Block[], ctx: Context): Block[] {
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
    const line = collapseSpace(next.text).trim();
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
    pushAll(stack, n.children);
  }
  return undefined;
}

function findFigure(el: Element): Element | undefined {
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.shift()!;
    if (!isElement(n)) continue;
    if (n.name === "figure") return n;
    pushAll(stack, n.children);
  }
  return undefined;
}

function norm(s: string): string {
  return collapseSpace(s).trim().toLowerCase();
}
