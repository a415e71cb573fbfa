/**
 * What the visible page says about its article: the headline, and in the
 * header around it the byline, the dateline, the standfirst, key points and
 * the top picture. Teaser cards, related lists, comments and sidebars are
 * never read: their dates and names belong to other stories or to readers.
 */
import type { AnyNode, Document } from "domhandler";
import { type ChildNode, type Element, Marks, isElement, isInside, classId, cleanText, findFirst, walkElements, collapseSpace } from "../dom.ts";
import { tick } from "../deadline.ts";
import { FOREIGN_TAGS, FOREIGN_ZONE, DATE_CLASS, DATES, NEVER_HEADLINE_FRAME } from "../heuristics/dates.ts";
import { AUTHOR_FIELD, AUTHOR_HREF, BYLINE, BYLINE_CLASS, BYLINE_PREFIX } from "../heuristics/bylines.ts";
import { CREDIT_LINE, KEYPOINTS_CLASS, KEYPOINTS_HEADING, LANG, NOT_LEAD_IMAGE, STAMPED_LINE, STANDFIRST, STANDFIRST_CLASS } from "../heuristics/meta.ts";
import { PROMO_PHRASES } from "../heuristics/boilerplate.ts";
import { countWords } from "../heuristics/words.ts";
import { CAPTION_CLASS, CREDIT_CLASS, splitCredit } from "../heuristics/credits.ts";
import { imageSource, isTinyImage } from "../heuristics/images.ts";
import { personNamed } from "../heuristics/names.ts";

export interface PageImage {
  src: string;
  alt?: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
}

export interface DomDate {
  raw: string;
  /** True when the attribute is machine-readable (datetime=, content=). */
  machine: boolean;
  modified: boolean;
  source: "dom:time" | "microdata" | "dom:dateline";
  /** The visible text of a <time> whose machine value is `raw`: the page's local wall-clock, often. */
  shown?: string;
}

export interface Page {
  order: Element[];
  headline?: Element;
  /** A kicker set apart inside the headline element (<h1><span>Kicker</span>Headline</h1>). */
  kicker?: string;
  /** Elements of the article header, in order, foreign zones left out. */
  header: Element[];
  bylines: { text: string; links: { name: string; href?: string }[]; source: string }[];
  /**
   * Short texts of author-named elements outside the header and outside foreign zones (an author box under the
   * story), in page order. Read on first call: only pages whose statements name no person need them.
   */
  authorBoxes: () => string[];
  /** The name of the first portrait captioned by its name (a writer's card: a photo and the name beside it). Read on need. */
  portrait: () => string | undefined;
  dates: DomDate[];
  standfirst?: string;
  keyPoints?: string[];
  images: PageImage[];
  /** itemprop → values (content/datetime/src/text), outside foreign zones, in page order. */
  itemprops: Map<string, { value: string; el: Element }[]>;
  /** Paragraph text sample from the article area, for the language check. */
  sample: string;
  /** Class and id of an element, lower-cased (memoised). */
  cls: (el: Element) => string;
  /** True when a subscription wall is left in the page. */
  wall: boolean;
}

const MODIFIED_CUE = /(?:updated|update|modified|aktualisiert|geändert|mis à jour|actualizado|actualizada|aggiornato|atualizado|bijgewerkt|uppdaterad|oppdatert|opdateret|zaktualizowano|обновлено|last edited)/i;
const PUBLISHED_NAMES = /(?:^|[^a-z])(?:published|entry-?date|pubdate|post-?date|date-?published|datepublished|created)(?:$|[^a-z])/i;
const MODIFIED_NAMES = /(?:^|[^a-z])(?:updated?|modified|date-?modified|dateupdated|last-?modified|edited)(?:$|[^a-z])/i;

/** Characters of text that make a headline's wrapper the article's frame rather than a breadcrumb or teaser. */
const HOLDER_TEXT = 1500;
/** Word overlap of an <h1> with a declared title that makes it the headline beyond doubt. */
const SURE_TITLE = 0.8;

export function readPage(doc: Document, titles: string[], isWall: (el: Element, names: string) => boolean): Page {
  // Class/id names are matched many times per element: classId keeps them on the element.
  const cls = classId;
  // The passes over the page are functions of their own: a fresh process compiles each apart, and a pass meeting a
  // case its compiled code has not seen is compiled again alone.
  const order = elementsInOrder(doc);
  const holders = titles.length ? headlineHolders(order, titles) : new Set<Element>();
  const { foreign, wall, itemprops } = foreignZones(order, holders, isWall);
  const headline = findHeadline(order, foreign, titles);
  const header: Element[] = [];
  // Page positions of the headline and of the header's elements, the only ones read by position: a Map of every
  // element of the page cost more to fill than these lookups.
  const index = new Map<Element, number>();
  if (headline) {
    const h = order.indexOf(headline);
    index.set(headline, h);
    let longParas = 0;
    for (let i = Math.max(0, h - 40); i < order.length && i < h + DATES.headerWindow * 3; i++) {
      const el = order[i];
      if (foreign.has(el)) continue;
      header.push(el);
      index.set(el, i);
      if (i > h && el.name === "p" && shortText(el, 150) === undefined && ++longParas >= 3) break;
    }
  } else {
    // No headline found: the article element (or the body) stands in for the header.
    const start = order.findIndex((el) => el.name === "article" || el.name === "main" || /Article|Posting/.test(el.attribs.itemtype ?? ""));
    const from = start >= 0 ? start : Math.max(0, order.findIndex((el) => el.name === "body"));
    for (let i = from; i < order.length && header.length < DATES.headerWindow * 3; i++) if (!foreign.has(order[i])) header.push(order[i]);
  }
  // Every field set from the start, those some pages lack too (kicker, standfirst, key points): a field added later
  // gives the object another hidden class, which dies with the page (see shapes.ts).
  const page: Page = { order, headline, kicker: undefined, header, bylines: [], authorBoxes: () => [], portrait: () => undefined, dates: [], standfirst: undefined, keyPoints: undefined, images: [], itemprops, sample: "", cls, wall };
  const kicker = headline && kickerOf(headline);
  if (kicker) page.kicker = kicker;
  // Without a headline the header is a guess: good enough for a dateline, too loose for names.
  if (headline) readBylines(page);
  let boxes: string[] | undefined;
  page.authorBoxes = () => (boxes ??= readAuthorBoxes(page, foreign));
  let portrait: string | null | undefined;
  page.portrait = () => (portrait === undefined ? (portrait = readPortrait(page) ?? null) : portrait) ?? undefined;
  readDates(page);
  if (headline) {
    page.standfirst = readStandfirst(page, index);
    page.keyPoints = readKeyPoints(page, index);
    page.images = readImages(page, index);
  }
  page.sample = sampleText(order, foreign, headline);
  return page;
}

/** The page's elements in document order. */
function elementsInOrder(doc: Document): Element[] {
  const order: Element[] = [];
  const stack: ChildNode[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) stack.push(doc.children[i]);
  while (stack.length) {
    tick();
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    order.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return order;
}

const isH1 = (el: Element): boolean => el.name === "h1";
const isH2 = (el: Element): boolean => el.name === "h2";

/**
 * A zone-named wrapper around the headline that also holds a body's worth of text is the article's frame (a blog
 * engine's "widget", a page-wide <form>); a breadcrumb repeating the title as an h1 stays foreign.
 */
function headlineHolders(order: Element[], titles: string[]): Set<Element> {
  const holders = new Set<Element>();
  // The <h1>s picked by a function of their own: a scan of every element in this function made it hot enough to be
  // optimised (~50 ms of compiler time) for a loop that reads a tag name.
  for (const h of order.filter(isH1)) {
    const text = cleanText(h);
    const match = Math.max(...titles.map((t) => overlap(text, t)));
    if (match < 0.5) continue;
    for (let p = h.parent; p && isElement(p as Element); p = p.parent) {
      const el = p as Element;
      if (!(FOREIGN_TAGS.has(el.name) || isForeignNamed(classId(el), el))) continue;
      // Around the declared title itself, a teaser- or card-named box is the article's header.
      const frame = match >= SURE_TITLE && !FOREIGN_TAGS.has(el.name) && !NEVER_HEADLINE_FRAME.test(classId(el));
      if (frame || cleanText(el).length >= HOLDER_TEXT) holders.add(el);
    }
  }
  return holders;
}

/** Foreign zones (with their subtrees), whether the page names a paywall, and the itemprops outside foreign zones. */
function foreignZones(order: Element[], holders: Set<Element>, isWall: (el: Element, names: string) => boolean): { foreign: Marks; wall: boolean; itemprops: Map<string, { value: string; el: Element }[]> } {
  const foreign = new Marks();
  let wall = false;
  const itemprops = new Map<string, { value: string; el: Element }[]>();
  for (const el of order) {
    const p = el.parent;
    const inForeign = !!p && isElement(p as Element) && foreign.has(p as Element);
    if (inForeign || ((FOREIGN_TAGS.has(el.name) || isForeignNamed(classId(el), el)) && !holders.has(el))) foreign.add(el);
    if (!wall && isWall(el, classId(el))) wall = true;
    const prop = el.attribs.itemprop;
    if (prop && !foreign.has(el) && !(prop === "author" && inFigure(el))) {
      for (const part of prop.split(/\s+/)) {
        if (!part) continue;
        const v = itempropValue(el);
        if (!v) continue;
        const list = itemprops.get(part);
        if (list) list.push({ value: v, el });
        else itemprops.set(part, [{ value: v, el }]);
      }
    }
  }
  return { foreign, wall, itemprops };
}

/** Collapsed text of a subtree, or undefined as soon as it passes `max` characters: wrappers are never read whole. */
export function shortText(el: Element, max: number): string | undefined {
  let out = "";
  const stack: AnyNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "text") {
      out += (n as unknown as { data: string }).data;
      if (out.length > max * 3 + 200) return undefined;
    } else if ("children" in n) {
      const ch = (n as Element).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
  }
  const t = collapseSpace(out).trim();
  return t.length > max ? undefined : t;
}

function isForeignNamed(n: string, el: Element): boolean {
  if (!n) return false;
  // Whole-page wrappers sometimes carry zone-like names; only small-ish blocks count.
  if (el.name === "body" || el.name === "html" || el.name === "main" || el.name === "article") return false;
  return foreignNamed(n);
}

/** Tested each time, as paywallNamed (metadata/index.ts) is: a cache of verdicts by names string cost more than the tests. */
const foreignNamed = (n: string): boolean => (BYLINE_CLASS.test(n) || (DATE_CLASS.test(n) && !/related|teaser|card|comment/i.test(n)) ? false : FOREIGN_ZONE.test(n));

function itempropValue(el: Element): string | undefined {
  const a = el.attribs;
  const v = a.content ?? a.datetime ?? (el.name === "img" ? a.src : undefined) ?? (el.name === "link" || el.name === "a" ? a.href : undefined);
  if (v != null) return v.trim() || undefined;
  if (a.itemscope !== undefined) {
    let name: string | undefined;
    walkElements(el, (c) => {
      if (name) return false;
      if (c.attribs.itemprop === "name") name = itempropValue(c);
    });
    if (name) return name;
  }
  const t = cleanText(el);
  return t && t.length <= 400 ? t : undefined;
}

/** The first of several parts of a headline element, when it is an element of its own and short: a kicker. */
function kickerOf(h: Element): string | undefined {
  const parts = h.children.filter((c) => (isElement(c) ? cleanText(c) : c.type === "text" ? (c as unknown as { data: string }).data.trim() : ""));
  if (parts.length < 2 || !isElement(parts[0])) return undefined;
  const k = cleanText(parts[0]);
  const all = cleanText(h);
  return k.length <= KICKER_CHARS && all.length > k.length * 2 && all.startsWith(k) ? k : undefined;
}

/** A kicker is a few words. */
const KICKER_CHARS = 60;

/** The visible headline: the <h1> most like the page's declared titles, else the first one. */
function findHeadline(order: Element[], foreign: Marks, titles: string[]): Element | undefined {
  const h1s = order.filter((el) => el.name === "h1" && !foreign.has(el) && cleanText(el).length > 0);
  const propped = order.filter((el) => el.attribs.itemprop === "headline" && !foreign.has(el) && /^(?:h[1-6]|div|span|p)$/.test(el.name));
  const cands = h1s.length ? [...h1s, ...propped] : propped;
  if (!cands.length) return titledH2(order, foreign, titles) ?? titledLine(order, foreign, titles);
  if (!titles.length) return cands[0];
  let best: Element | undefined;
  let bestScore = 0;
  for (const el of cands) {
    const t = cleanText(el);
    const s = Math.max(...titles.map((x) => overlap(t, x)));
    if (s > bestScore + 1e-9) {
      bestScore = s;
      best = el;
    }
  }
  if (best && bestScore >= 0.5) return best;
  // A heading or a line that is the title beyond doubt is the headline before an <h1> that only shares a word with it.
  const h2 = titledH2(order, foreign, titles) ?? titledLine(order, foreign, titles);
  if (h2) return h2;
  return h1s.length === 1 && cleanText(h1s[0]).split(" ").length >= 3 ? h1s[0] : best && bestScore > 0.3 ? best : undefined;
}

/**
 * No <h1> carries the declared title (the page's only <h1> sits in a breadcrumb, or there is none): an <h2> that
 * is the declared title beyond doubt is the headline.
 */
function titledH2(order: Element[], foreign: Marks, titles: string[]): Element | undefined {
  if (!titles.length) return undefined;
  // The <h2>s picked by a function of their own, as headlineHolders picks the <h1>s.
  for (const el of order.filter(isH2)) {
    if (foreign.has(el)) continue;
    const t = cleanText(el);
    if (t && Math.max(...titles.map((x) => overlap(t, x))) >= SURE_TITLE) return el;
  }
  return undefined;
}

/**
 * No heading carries the title: old pages set the headline in bold or large type (<font size=4><b>...</b></font>).
 * The first short line of the body that is the declared title beyond doubt is the headline.
 */
function titledLine(order: Element[], foreign: Marks, titles: string[]): Element | undefined {
  if (!titles.length) return undefined;
  for (const el of order) {
    if (!TITLE_LINE_TAGS.has(el.name) || foreign.has(el)) continue;
    const t = shortText(el, TITLE_LINE_CHARS);
    // overlap() reaches SURE_TITLE only between texts of three words or more: a cheap test spares it every short line.
    if (t && THREE_WORDS.test(t) && Math.max(...titles.map((x) => overlap(t, x))) >= SURE_TITLE) return el;
  }
  return undefined;
}

/** Tags an old page's headline is set in, and how long such a line may be. */
const TITLE_LINE_TAGS = new Set(["h3", "h4", "b", "strong", "font", "big", "td", "p", "div", "span"]);
const TITLE_LINE_CHARS = 200;
const THREE_WORDS = /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]+[^\p{L}\p{N}]+[\p{L}\p{N}]/u;

/** Share of the shorter string's words found in the other. */
export function overlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return 0;
  const [small, big] = wa.length <= wb.length ? [wa, new Set(wb)] : [wb, new Set(wa)];
  let hit = 0;
  for (const w of small) if (big.has(w)) hit++;
  const cover = hit / small.length;
  // A one-word h1 (a logo) inside a long title is no match.
  return cover * Math.min(1, small.length / Math.max(3, big.size * 0.5));
}

function words(s: string): string[] {
  return s.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [];
}

function readBylines(page: Page): void {
  const taken = new Set<Element>();
  for (const el of page.header) {
    if (taken.has(el.parent as Element)) {
      taken.add(el);
      continue;
    }
    const cls = page.cls(el);
    const a = el.attribs;
    const isByline = (cls && BYLINE_CLASS.test(cls)) || a.rel === "author" || a.itemprop === "author" || a.itemprop === "creator";
    let text: string | undefined;
    // A field label, then the name as the next line.
    if (!isByline && LABEL_TAGS.test(el.name) && AUTHOR_FIELD.test(shortText(el, 20)?.trim() ?? "")) {
      const next = nextElementOf(el);
      const name = next && shortText(next, BYLINE.maxChars)?.trim();
      if (next && name) {
        taken.add(next);
        page.bylines.push({ text: name, links: [], source: "dom:byline" });
      }
      continue;
    }
    if (!isByline) {
      // Old pages set the byline in a <font> or a table cell of its own.
      if (!/^(?:p|span|div|address|li|strong|em|b|i|small|font|td)$/.test(el.name)) continue;
      text = shortText(el, 100);
      if (!text || !BYLINE_PREFIX.test(text)) continue;
    } else {
      text = shortText(el, BYLINE.maxChars);
    }
    if (!text || inFigure(el)) continue;
    taken.add(el);
    const links: { name: string; href?: string }[] = [];
    if (el.name === "a") links.push({ name: text, href: el.attribs.href });
    else
      walkElements(el, (c) => {
        if (c.name === "a" && (AUTHOR_HREF.test(c.attribs.href ?? "") || c.attribs.rel === "author" || c.attribs.itemprop === "author")) {
          const t = cleanText(c);
          if (t) links.push({ name: t, href: c.attribs.href });
          return false;
        }
        if (c.attribs.itemprop === "name" && c.parent && (c.parent as Element).attribs?.itemprop === "author") {
          const t = cleanText(c);
          if (t) links.push({ name: t });
        }
      });
    page.bylines.push({ text: withoutTimes(el), links, source: "dom:byline" });
  }
}

/** Author boxes read, at most: the first ones are the story's; later ones are lists of other writers. */
const AUTHOR_BOXES = 6;
/** An author box's name element is a name, not a bio. */
const AUTHOR_BOX_CHARS = 60;
/** Author-named elements that belong to readers or to other stories. */
const NOT_STORY_AUTHOR = /comment|reply|review|testimonial|related|recommend|more-?from|other/i;

/** Tags a field label is set in. */
const LABEL_TAGS = /^(?:h[2-6]|dt|th|strong|b|span|p|div|label)$/;

function nextElementOf(el: Element): Element | undefined {
  let n = el.next;
  while (n && !isElement(n as Element)) n = n.next;
  return (n as Element | null) ?? undefined;
}

/** Author-named elements anywhere outside the header and foreign zones: where a byline is not near the headline. */
function readAuthorBoxes(page: Page, foreign: Marks): string[] {
  const boxes: string[] = [];
  const seen = new Set<string>();
  for (const el of page.order) {
    if (boxes.length >= AUTHOR_BOXES) break;
    if (el.name === "meta" || el.name === "link" || el.name === "img") continue;
    const cls = page.cls(el);
    const a = el.attribs;
    const named = (cls && BYLINE_CLASS.test(cls) && !NOT_STORY_AUTHOR.test(cls)) || a.rel === "author" || a.itemprop === "author";
    // A label alone on its line ("<p>Written by</p><p>Jane Doe</p>", "<h2>Article by</h2>"): the name is the next line.
    if (!named && WRITER_LINE_TAGS.test(el.name) && labelFirst(el) && WRITER_FIELD.test(shortText(el, 20) ?? "")) {
      const next = nextElementOf(el);
      const name = next && !foreign.has(next) && shortText(next, BYLINE.maxChars);
      if (name && !seen.has(name)) {
        seen.add(name);
        boxes.push(name);
      }
      continue;
    }
    // Or a short line that says it is the writer's ("Written by Jane Doe" heading an author box).
    if (!named && !(WRITER_LINE_TAGS.test(el.name) && labelFirst(el) && WRITER_LABEL.test(shortText(el, AUTHOR_BOX_CHARS) ?? ""))) continue;
    if (foreign.has(el) && otherStories(page, el)) continue;
    if (inFigure(el)) continue;
    const text = shortText(el, AUTHOR_BOX_CHARS);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    boxes.push(text);
  }
  return boxes;
}

/**
 * A writer's card: a picture whose alt text is a person's name ("Jane Doe", "Picture of Jane Doe", "Jane Doe, Tech
 * Writer"), with that name as a line of its own beside it (or "By Jane Doe", "This post was written by Jane Doe") within
 * a few levels. Comment threads, reviews and lists of other stories have such cards of other people: skipped. Cards
 * of two people or more are a team, a panel or testimonials, not a writer's: none.
 */
function readPortrait(page: Page): string | undefined {
  let found: string | undefined;
  for (const el of page.order) {
    if (el.name !== "img") continue;
    const alt = el.attribs.alt;
    if (!alt || alt.length > PORTRAIT.maxAltChars) continue;
    const name = alt.replace(PORTRAIT_LEAD, "").split(/[,|–—]/)[0].trim();
    if (name === found || !personNamed(name) || !namedBeside(el, name) || inOtherPeoples(page, el)) continue;
    if (found) return undefined;
    found = name;
  }
  return found;
}

/** The name written as a line near the picture: in its parent, grandparent or great-grandparent. */
function namedBeside(img: Element, name: string): boolean {
  let p = img.parent as Element | null;
  for (let level = 0; level < PORTRAIT.levels && p && isElement(p); level++, p = p.parent as Element | null) {
    const stack: AnyNode[] = [...p.children];
    let seen = 0;
    while (stack.length && seen < PORTRAIT.maxElements) {
      const n = stack.pop()!;
      if (!isElement(n as Element) || n === img) continue;
      seen++;
      const t = shortText(n as Element, PORTRAIT.maxLineChars);
      if (t === name || (t && PORTRAIT_LINE.test(t) && t.includes(name))) return true;
      if (t === undefined) for (const c of (n as Element).children) stack.push(c);
      else if (t.length > name.length) for (const c of (n as Element).children) stack.push(c);
    }
  }
  return false;
}

/** Inside a comment thread, reviews, testimonials or a list of other stories: someone else's card. */
function inOtherPeoples(page: Page, el: Element): boolean {
  for (let p = el.parent as Element | null; p && isElement(p) && p.name !== "body"; p = p.parent as Element | null) if (NOT_STORY_AUTHOR.test(page.cls(p))) return true;
  return false;
}

const PORTRAIT = {
  /** An alt text longer than this describes a picture; it does not name a person. */
  maxAltChars: 80,
  /** Levels above the picture searched for the name. */
  levels: 3,
  /** Elements read per level, at most: a card is small. */
  maxElements: 60,
  /** A line longer than this is a paragraph, not the card's name line. */
  maxLineChars: 80,
};
/** Words before the name in a portrait's alt text. */
const PORTRAIT_LEAD = /^(?:picture|photo|image|avatar|headshot|portrait|profile(?: picture| photo| image)?)\s+of\s+/i;
/** A line crediting the name beside the picture. */
const PORTRAIT_LINE = /^(?:by|written by|posted by|this (?:post|article) was written by)\s/i;

/** Elements that hold one line of text. */
const WRITER_LINE_TAGS = /^(?:h[2-6]|p|span|div|strong|b|em|small)$/;
/** A line naming the writer by its label: unlike a bare "By", never a picture credit or a quote's attribution. */
const WRITER_LABEL = /^(?:written by|article by|posted by|author:)\s*\S/i;

/** A writer label alone, its name on the next line. */
const WRITER_FIELD = /^\s*(?:written by|article by|posted by|authors?)\s*:?\s*$/i;

/** The element's own first text opens with a writer label: a cheap test before its text is read. */
function labelFirst(el: Element): boolean {
  const first = el.children[0];
  return !!first && first.type === "text" && WRITER_LABEL_START.test((first as unknown as { data: string }).data);
}
const WRITER_LABEL_START = /^\s*(?:written|article|posted|author)\b/i;

/** Zones of other stories' or readers' names: comments, related and teaser cards, lists of posts. */
const OTHER_STORIES = /comment|reply|related|recommend|teaser|card|(?:^|[^a-z])(?:list|grid|loop|feed|more|popular|trending|latest|post-?item|archive)(?:$|[^a-z])/i;

/** An element inside a zone of other stories or of readers (a foreign zone may also be the sidebar that holds the writer's card). */
function otherStories(page: Page, el: Element): boolean {
  for (let p: Element | null = el; p && isElement(p); p = p.parent as Element | null) {
    if (p.name === "body") return false;
    if (p !== el && OTHER_STORIES.test(page.cls(p)) && !BYLINE_CLASS.test(page.cls(p))) return true;
    if (p.name === "nav" || p.name === "footer" || p.name === "form") return true;
  }
  return false;
}

/** A marker on the walk's stack: a space between the words of two blocks. */
const SPACE = { type: "space" } as unknown as AnyNode;
/** A line break in a byline ends a part ("By MARY JONES<br>Courier Staff Writer"): read as " | ", like a separator. */
const BREAK = { type: "break" } as unknown as AnyNode;
const LINE_TAGS = /^(?:div|p|li|ul|ol|br|section|header|footer|dl|dt|dd|h[1-6]|address|figure|figcaption|table|tr|td|th)$/;

/** A byline's text without its <time> children ("By A · 3 May 2024"), in reading order. */
function withoutTimes(el: Element): string {
  let out = "";
  const stack: AnyNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === SPACE) out += " ";
    else if (n === BREAK) out += " | ";
    else if (n.type === "text") out += (n as unknown as { data: string }).data;
    else if (isElement(n as Element) && (n as Element).name !== "time") {
      // Blocks and line breaks part words ("Jemima Kelly</li></ul><span>3 Min" is not "Kelly3 Min").
      if ((n as Element).name === "br") stack.push(BREAK);
      else if (LINE_TAGS.test((n as Element).name)) stack.push(SPACE);
      const ch = (n as Element).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
  }
  return collapseSpace(out).trim();
}

function readDates(page: Page): void {
  for (const el of page.header) {
    const a = el.attribs;
    const cls = page.cls(el);
    // WordPress marks the published <time> "entry-date published updated": a publication cue beats an update cue.
    const cue = (cls && MODIFIED_NAMES.test(cls) && !PUBLISHED_NAMES.test(cls)) || a.itemprop === "dateModified";
    if (el.name === "time" || a.itemprop === "datePublished" || a.itemprop === "dateModified" || a.itemprop === "dateCreated") {
      const machine = a.datetime ?? a.content;
      const text = shortText(el, DATES.maxTextChars) ?? "";
      const context = (shortText(el.parent as Element, 160) ?? "").slice(0, 80);
      const modified = cue || (!a.itemprop?.startsWith("datePub") && MODIFIED_CUE.test(text + " " + (text.length < 60 ? context : "")) && !/^(?:published|veröffentlicht|publié)/i.test(context));
      const source = a.itemprop ? "microdata" : "dom:time";
      if (machine) page.dates.push({ raw: machine.trim(), machine: true, modified, source, ...(text && text !== machine.trim() ? { shown: text } : {}) });
      else if (text) page.dates.push({ raw: text, machine: false, modified, source });
      continue;
    }
    if (cls && DATE_CLASS.test(cls) && !BYLINE_CLASS.test(cls)) {
      const text = shortText(el, DATES.maxTextChars);
      if (!text || !/\d/.test(text)) continue;
      // Only leaf-like date elements: a wrapper's text repeats its children's.
      if (el.children.some((c) => isElement(c) && (c.name === "time" || DATE_CLASS.test(page.cls(c))))) continue;
      page.dates.push({ raw: text, machine: false, modified: !!cue || MODIFIED_CUE.test(text), source: "dom:dateline" });
    }
  }
  // Bylines often carry the dateline ("By A | May 3, 2024").
  for (const b of page.bylines) if (/\d/.test(b.text)) page.dates.push({ raw: b.text, machine: false, modified: MODIFIED_CUE.test(b.text), source: "dom:dateline" });
}

/** Inside a figure or caption: credits there are the picture's. */
function inFigure(el: Element): boolean {
  for (let p: Element | null = el, k = 0; p && k < 6; p = p.parent as Element | null, k++) {
    if (!isElement(p)) break;
    if (p.name === "figure" || p.name === "figcaption" || CAPTION_CLASS.test(classId(p))) return true;
  }
  return false;
}

function after(page: Page, index: Map<Element, number>): Element[] {
  const h = index.get(page.headline!)!;
  return page.header.filter((el) => index.get(el)! > h && !isInside(el, page.headline!));
}

function readStandfirst(page: Page, index: Map<Element, number>): string | undefined {
  const headText = cleanText(page.headline!);
  const els = after(page, index).slice(0, 60);
  for (const el of els) {
    const cls = page.cls(el);
    const prop = el.attribs.itemprop;
    if (!(prop === "description" || prop === "alternativeHeadline" || (cls && STANDFIRST_CLASS.test(cls)))) continue;
    if (/^(?:img|picture|figure|figcaption|a|ul|ol|time)$/.test(el.name)) continue;
    const t = shortText(el, 700);
    if (!t || t.length < 30 || t === headText) continue;
    if (BYLINE_CLASS.test(cls) || /(?:caption|credit)/i.test(cls)) continue;
    if (!readsAsStandfirst(t, STANDFIRST.minWords) || inFigure(el) || holdsMedia(el)) continue;
    return t;
  }
  return undefined;
}

/** A block holding a picture or a caption ("lead-feature" around the lead photo): its text is the caption. */
function holdsMedia(el: Element): boolean {
  return findFirst(el, (e) => e !== el && (MEDIA_TAGS.has(e.name) || CAPTION_CLASS.test(classId(e)))) !== undefined;
}
const MEDIA_TAGS = new Set(["img", "picture", "figure", "figcaption", "video"]);

/** A dek, not a kicker, a subscription pitch, a dateline or a picture credit that carries a standfirst's class. */
export function readsAsStandfirst(t: string, minWords: number): boolean {
  if (countWords(t) < minWords || PROMO_PHRASES.test(t) || STAMPED_LINE.test(t) || CREDIT_LINE.test(t)) return false;
  const c = splitCredit(t);
  return !c.credit || countWords(c.caption ?? "") >= minWords;
}

function readKeyPoints(page: Page, index: Map<Element, number>): string[] | undefined {
  const els = after(page, index).slice(0, 200);
  for (let i = 0; i < els.length; i++) {
    const el = els[i];
    if (el.name !== "ul" && el.name !== "ol") continue;
    let marked = false;
    for (let p: Element | null = el, k = 0; p && k < 3; p = p.parent as Element | null, k++) if (isElement(p) && KEYPOINTS_CLASS.test(page.cls(p))) marked = true;
    if (!marked) {
      // A heading or bold line right before the list: "Key points", "Das Wichtigste in Kürze".
      let prev = el.prev;
      while (prev && !isElement(prev) && !cleanText(prev)) prev = prev.prev;
      if (prev && isElement(prev) && KEYPOINTS_HEADING.test(cleanText(prev))) marked = true;
    }
    if (!marked) continue;
    const items = el.children.filter((c): c is Element => isElement(c) && c.name === "li").map((li) => cleanText(li)).filter((t) => t.length >= 15 && t.length <= 400);
    if (items.length >= 2 && items.length <= 10) return items;
  }
  return undefined;
}

function readImages(page: Page, index: Map<Element, number>): PageImage[] {
  const out: PageImage[] = [];
  const h = index.get(page.headline!)!;
  for (const el of page.header) {
    if (el.name !== "img" || isTinyImage(el)) continue;
    if (index.get(el)! < h - 40) continue;
    // Author portraits live in bylines.
    let skip = false;
    for (let p = el.parent as Element | null, k = 0; p && k < 4; p = p.parent as Element | null, k++) if (isElement(p) && BYLINE_CLASS.test(page.cls(p))) skip = true;
    if (skip) continue;
    const src = imageSource(el);
    if (!src || NOT_LEAD_IMAGE.test(src) || inOtherLink(el)) continue;
    const img: PageImage = { src };
    if (el.attribs.alt?.trim()) img.alt = el.attribs.alt.trim();
    const w = parseInt(el.attribs.width ?? "", 10);
    const hh = parseInt(el.attribs.height ?? "", 10);
    if (w > 0) img.width = w;
    if (hh > 0) img.height = hh;
    Object.assign(img, captionOf(el));
    out.push(img);
    if (out.length >= 3) break;
  }
  return out;
}

/** Inside a link (a teaser card's picture); links to the picture itself or a gallery do not count. */
function inOtherLink(el: Element): boolean {
  for (let p = el.parent as Element | null, k = 0; p && k < 5; p = p.parent as Element | null, k++) {
    if (!isElement(p)) break;
    if (p.name === "a") {
      const href = p.attribs.href ?? "";
      return !!href && !/\.(?:jpe?g|png|webp|gif|avif)(?:[?#]|$)/i.test(href) && !/#|galer|gallery|bilder|foto|photo/i.test(href);
    }
  }
  return false;
}

/** The caption and credit of an image: its <figure>'s figcaption, or caption/credit elements beside it. */
export function captionOf(img: Element): { caption?: string; credit?: string } {
  let fig: Element | undefined;
  for (let p = img.parent as Element | null, k = 0; p && k < 5; p = p.parent as Element | null, k++) {
    if (!isElement(p)) break;
    if (p.name === "figure") {
      fig = p;
      break;
    }
  }
  const scope = fig ?? (img.parent as Element | null);
  if (!scope || !isElement(scope)) return {};
  let caption: string | undefined;
  let credit: string | undefined;
  walkElements(scope, (c) => {
    const cls = classId(c);
    if (c.name === "figcaption" || (cls && CAPTION_CLASS.test(cls))) {
      // A credit element inside the caption is read apart.
      let inner: string | undefined;
      walkElements(c, (d) => {
        if (!inner && CREDIT_CLASS.test(classId(d))) inner = cleanText(d);
      });
      let t = cleanText(c);
      if (inner && t.endsWith(inner)) {
        t = t.slice(0, -inner.length).trim();
        credit ??= inner;
      }
      if (!caption && t) {
        const sp = splitCredit(t);
        caption = sp.caption;
        credit ??= sp.credit;
      }
      return false;
    }
    if (cls && CREDIT_CLASS.test(cls) && !credit) {
      credit = cleanText(c) || undefined;
      return false;
    }
  });
  return { ...(caption ? { caption } : {}), ...(credit ? { credit: credit.replace(/^(?:photo|foto|bild|image|credit)\s*:\s*/i, "") } : {}) };
}

function sampleText(order: Element[], foreign: Marks, headline: Element | undefined): string {
  const max = LANG.sampleChars;
  let s = headline ? cleanText(headline) + ". " : "";
  for (const el of order) {
    if (el.name !== "p" || foreign.has(el)) continue;
    const t = cleanText(el);
    if (t.length < 60) continue;
    s += t + " ";
    if (s.length > max) break;
  }
  return s.slice(0, max);
}

/** A year, or a numeric day-month-year: the cheap test before a text is given to the date parser. */
const DATE_HINT = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}年/;

/**
 * Short texts that look like dates, in page order, outside foreign zones: the
 * last resort for pages that state their date nowhere else.
 */
export function looseDates(page: Page, limit: number): string[] {
  const out: string[] = [];
  const foreignFree = new Set(page.header.length ? page.header : []);
  const pool = page.order.filter((el) => !page.header.length || foreignFree.has(el));
  for (const el of pool) {
    for (const c of el.children) {
      if (c.type !== "text") continue;
      const t = collapseSpace((c as unknown as { data: string }).data).trim();
      if (t.length < 6 || t.length > DATES.maxTextChars || !DATE_HINT.test(t)) continue;
      out.push(t);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
