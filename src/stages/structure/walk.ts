/**
 * Structure, the walk: HTML → blocks. The Builder reads an element's children in order; inline runs become
 * paragraphs, block elements close them, and pictures, captions, lists, tables, quotes and code become their
 * blocks. Everything the walk calls is here; the stage (../structure.ts) runs it, then the passes.
 */
import type { Block, FigureBlock, Image, Inline, ListBlock, ListItem } from "../../article.ts";
import type { Context } from "../../context.ts";
import { type ChildNode, type Element, type ParentNode, isElement, isText, classId, cleanText, collapseSpace, textOf, findFirst, pushAll } from "../../dom.ts";
import { imageSource, isTinyImage } from "../../heuristics/images.ts";
import { CAPTION_CLASS, CREDIT_CLASS, CAPTIONS, SLIDE_COUNTER, captionParts, cleanCredit, splitCredit } from "../../heuristics/credits.ts";
import { FURNITURE_TEXTS } from "../../heuristics/boilerplate.ts";
import { SUBHEADING_CLASS } from "../../heuristics/meta.ts";
import { pictureBox } from "../prune.ts";
import { plain } from "../serialise.ts";

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

export const STRUCTURE = {
  /** A subheading set as a paragraph is a line, not a sentence. */
  maxSubheadingChars: 100,
  /** Subheadings read from paragraphs sit below the page's own <h2> sections. */
  inferredHeadingLevel: 3,
} as const;

/**
 * A subheading set as a paragraph, named so by its class ("zwischentitel", "crosshead"). (A short paragraph that is all
 * one bold run is judged later, with its neighbours, by boldHeadings in tidy.ts: alone it may as well be a live-blog
 * stamp, a byline or a lead-in.)
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

/** Headings, lists and tables are no part of a caption: a "caption" box holding them is a card's text (a thumbnail's caption area). */
function holdsSections(el: Element): boolean {
  return findFirst(el, (e) => SECTION_TAGS.has(e.name)) !== undefined;
}
const SECTION_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"]);

function hasImage(el: Element): boolean {
  return findFirst(el, (e) => e.name === "img" || e.name === "amp-img") !== undefined;
}

/** One picture, and beside it a short unlinked text: a caption. */
function captionedPicture(el: Element): boolean {
  let pictures = 0;
  let linked = false;
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "img" && ++pictures > 1) return false;
    if (n.name === "a" && textOf(n).trim()) linked = true;
    pushAll(stack, n.children);
  }
  const text = cleanText(el);
  return pictures === 1 && !linked && text.length > 0 && text.length <= CAPTIONS.maxLooseChars;
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

/** A slide's caption: its text without the picture, buttons, counters and player labels. */
export function slideText(slide: Element, img: Element): string {
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

/** An open paragraph: a stack of inline frames. */
interface Frame {
  kind?: "link" | "strong" | "em" | "code" | "sub" | "sup";
  href?: string;
  children: Inline[];
}

export class Builder {
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
    else pushAll(parent, f.children);
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
    // Pre-order: children pushed last to first, so the first child is popped next.
    const stack: ChildNode[] = [];
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
    while (stack.length) {
      const c = stack.pop()!;
      if (!isElement(c)) continue;
      if (c.name === "img" || c.name === "amp-img") imgs.push(c);
      else if (c.name === "figcaption" || (!captionEl && CAPTION_CLASS.test(classId(c)))) captionEl ??= c;
      else if (c.name === "blockquote") quote ??= c;
      else for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]);
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
    pushAll(this.blocks, figures);
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
    // A one-column table holding one picture and a line of unlinked text is how old pages captioned a photo.
    if (!layout && width <= 1 && rows.length <= 2 && captionedPicture(el)) return this.figure(el);
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
        const collapsed = collapseSpace(n);
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
