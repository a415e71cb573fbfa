/**
 * Stage 2, parse: string → DOM (htmlparser2 + domhandler; parse5 for pages of broken structure).
 *
 * htmlparser2 is 3× faster than parse5 and, on well-formed pages, builds trees whose text and ancestor paths
 * equal parse5's (see README). It does no HTML5 tree construction, though: a page without </head> and <body>
 * nests inside <head>, a page without <body> has none, content after a stray </body> lands outside it, and a
 * widget's own <html><head><body> nest inside the page. So the fast tree is checked (brokenStructure: the
 * top-level elements, the head's children, and tag counts kept while parsing) and, when broken, the page is
 * parsed again by parse5, which builds the tree a browser builds, into the same domhandler nodes.
 * Pathologically deep trees are flattened so that every later walk stays within the stack.
 */
import { Parser, Tokenizer, QuoteType } from "htmlparser2";
import { ElementType as NodeTypes, withSlots, withTextSlots } from "../dom.ts";
/** Read once: under a CommonJS transform (tsx) every use of an imported binding goes through a getter. */
const ElementType = NodeTypes;
import { DomHandler, type Document, type ChildNode, type Element, type AnyNode, type Text } from "domhandler";
import { decodeHTML, decodeHTMLAttribute } from "entities";
import { parse as parse5 } from "parse5";
import { adapter } from "parse5-htmlparser2-tree-adapter";
import { appendChild, removeElement } from "domutils";
import { NewsclipError } from "../errors.ts";
import { PARSE } from "../heuristics/tables.ts";
import { type Decoded, utf8Text as utf8 } from "./decode.ts";
import { tick } from "../deadline.ts";
import { keepShape } from "../shapes.ts";

export interface Parsed {
  doc: Document;
  /**
   * Script and style contents are still UTF-8 bytes, one character per byte (deferred decoding): decode what is
   * read of them with decode.ts's utf8Text. Everything else in the tree is decoded.
   */
  rawScripts?: boolean;
  /** What is wrong with htmlparser2's tree, when something is (see brokenStructure). */
  broken?: string;
  /** The tree is parse5's (HTML5 tree construction), built because the structure was broken. */
  rebuilt?: true;
}

export function parse(input: string | Decoded): Parsed {
  const tags: TagCounts = { elements: 0, swallowed: 0, html: 0, head: 0, body: 0 };
  const fast = typeof input === "string" ? parseHtml(input, tags) : input.deferred ? parseHtml(input.bytes, tags) : parseHtml(input.html, tags);
  const broken = brokenStructure(fast.doc, tags);
  if (!broken) return fast;
  fast.broken = broken;
  const html = typeof input === "string" ? input : input.deferred ? input.bytes.toString("utf8") : input.html;
  if (html.length > PARSE.maxRebuildChars) return fast;
  const doc = parseBrowser(repairTitle(html), PARSE.rebuildElementBase + tags.elements * PARSE.rebuildElementFactor);
  return doc ? { doc, broken, rebuilt: true } : fast;
}

/** Start tags seen by the fast parser (`elements`: all of them, those past the depth cap too). */
interface TagCounts {
  elements: number;
  /** Comments opened by "<![CDATA[" that hold markup (what a browser would have read as the page). */
  swallowed: number;
  html: number;
  head: number;
  body: number;
}

/** What <head> may hold; anything else there (with text in it) is the page's body, nested where no stage reads it. */
const HEAD_TAGS = new Set(["meta", "link", "title", "script", "style", "noscript", "base", "template"]);
/** Elements whose text is never shown: their place in the tree does not matter. */
const NO_TEXT_TAGS = new Set(["script", "style", "template", "noscript", "iframe", "svg", "link", "meta", "base"]);

/**
 * Why htmlparser2's tree differs from a browser's where it matters, or undefined. Reads only the top-level
 * elements, the children of <html> and <head>, and the text of the few elements found out of place (a well-formed
 * page has none), so it costs next to nothing.
 */
export function brokenStructure(doc: Document, tags: TagCounts): string | undefined {
  if (tags.swallowed) return "a <![CDATA[ section swallowed markup";
  if (tags.body > 1) return "more than one <body>";
  if (tags.html > 1) return "more than one <html>";
  if (tags.head > 1) return "more than one <head>";
  let html: Element | undefined;
  const top: ChildNode[] = [];
  for (const c of doc.children) {
    if (c.type === ElementType.Tag && (c as Element).name === "html" && !html) html = c as Element;
    else top.push(c);
  }
  const kids = html ? [...html.children, ...top] : top;
  let head: Element | undefined;
  let body: Element | undefined;
  for (const c of kids) {
    const name = c.type === ElementType.Tag ? (c as Element).name : "";
    if (name === "head" && !head && !body) head = c as Element;
    else if (name === "body" && !body) body = c as Element;
    else if (holdsText(c)) return body ? "content after </body>" : "content outside <head> and <body>";
  }
  if (head) for (const c of head.children) if ((c.type !== ElementType.Tag || !HEAD_TAGS.has((c as Element).name)) && holdsText(c)) return "content inside <head>";
  if (!body) return "no <body>";
  return undefined;
}

/** A comment opened by "<![CDATA[" holding tags, among the first levels of the page (where a stray one sits: in <body>). */
function swallowedByCdata(node: ChildNode): boolean {
  // Node and depth on two stacks: no pair allocated per node (a flat page has 100,000 nodes on its third level).
  const stack: ChildNode[] = [node];
  const depths: number[] = [0];
  while (stack.length) {
    const n = stack.pop()!;
    const d = depths.pop()!;
    if (n.type === ElementType.Comment) {
      const data = (n as unknown as { data: string }).data;
      if (data.startsWith("[CDATA[") && data.length > PARSE.minSwallowedChars && /<[a-z]/i.test(data)) return true;
    } else if (n.type === ElementType.Tag && d < 3)
      for (const c of (n as Element).children) {
        stack.push(c);
        depths.push(d + 1);
      }
  }
  return false;
}

/** The node shows some text (not white space, not a script's). Stops at the first. */
function holdsText(node: ChildNode): boolean {
  const stack: ChildNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementType.Text) {
      if (/\S/.test((n as unknown as { data: string }).data)) return true;
    } else if (n.type === ElementType.Tag && !NO_TEXT_TAGS.has((n as Element).name)) {
      const ch = (n as Element).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
  }
  return false;
}

/**
 * A <title> left open (or closed by a typo, "</titel>") takes the rest of the page as its text, in a browser too.
 * When no </title> comes before <body> or </head>, one is put at the end of the title's first line (or before its
 * first tag), so that the page after it is parsed as a page.
 */
export function repairTitle(html: string): string {
  const open = /<title\b[^>]*>/gi;
  const m = open.exec(html.length > PARSE.titleSearchChars ? html.slice(0, PARSE.titleSearchChars) : html);
  if (!m) return html;
  const from = open.lastIndex;
  const next = /<\/title\s*>|<body\b|<\/head\s*>/gi;
  next.lastIndex = from;
  const end = next.exec(html);
  if (end && end[0].toLowerCase().startsWith("</title")) return html;
  // No </title>, <body> or </head> at all: the title runs to the end, and holds the page if it holds markup.
  const stop = end ? end.index : html.length;
  if (!end && !/<[a-z!/]/i.test(html.slice(from, from + PARSE.titleSearchChars))) return html;
  const lead = /^\s*/.exec(html.slice(from, stop))![0].length;
  const rest = html.slice(from + lead, stop);
  const cut = rest.search(/[\r\n<]/);
  const at = from + lead + (cut >= 0 ? cut : rest.length);
  return html.slice(0, at) + "</title>" + html.slice(at);
}

class TooManyElements extends Error {}

const HTML_NS = "http://www.w3.org/1999/xhtml";

/**
 * HTML5 tree construction (parse5) into domhandler nodes. parse5's handling of misnested formatting elements
 * can create a number of elements quadratic in the tags of a hostile page ("<div><b id=1>x</div>" repeated):
 * past `maxElements` the parse is abandoned (undefined).
 */
function parseBrowser(html: string, maxElements: number): Document | undefined {
  let made = 0;
  const counting: typeof adapter = {
    ...adapter,
    createElement(tagName, namespaceURI, attrs) {
      if (++made > maxElements) throw new TooManyElements();
      return adapter.createElement(tagName, namespaceURI, attrs);
    },
  };
  let doc: Document;
  try {
    // Scripting off: <noscript> holds markup, as in htmlparser2's tree (clean reads the pictures in it).
    doc = parse5(html, { treeAdapter: counting, scriptingEnabled: false });
  } catch (err) {
    if (err instanceof TooManyElements) return undefined;
    throw err;
  }
  normaliseTree(doc);
  flattenDeep(doc);
  return doc;
}

/**
 * parse5's tree in htmlparser2's shape: lower-case tag and attribute names (parse5 keeps SVG's "clipPath" and
 * "viewBox"), plain attribute objects, and a <template>'s content as its children (parse5 puts it in a fragment).
 * A <title> the parser left in the body (content before <html> starts the body early) moves to <head>: a browser
 * never shows it, and the document's title is still the first one.
 */
function normaliseTree(doc: Document): void {
  const stack: AnyNode[] = [doc];
  const titles: Element[] = [];
  let head: Element | undefined;
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementType.Tag || n.type === ElementType.Script || n.type === ElementType.Style) {
      const el = n as Element;
      const lower = el.name.toLowerCase();
      if (lower !== el.name) el.name = lower;
      if (lower === "head") head ??= el;
      else if (lower === "title" && el.namespace === HTML_NS && (el.parent as Element | null)?.name !== "head") titles.push(el);
      const a: Record<string, string> = {};
      for (const k in el.attribs) a[k.toLowerCase()] = el.attribs[k];
      el.attribs = a;
      if (lower === "template" && el.children.length === 1 && el.children[0].type === ElementType.Root) {
        const kids = (el.children[0] as unknown as Document).children;
        el.children = kids;
        for (const k of kids) k.parent = el;
      }
    }
    if ("children" in n) {
      const ch = (n as Element).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
  }
  if (head)
    for (const t of titles) {
      removeElement(t);
      appendChild(head, t);
    }
}

/** A string, or UTF-8 bytes to be read one character per byte (deferred decoding). */
function parseHtml(html: string | Buffer, tags: TagCounts): Parsed {
  const deferred = typeof html !== "string";
  let doc: Document | undefined;
  const onDone = (err: Error | null): void => {
    if (err) throw new NewsclipError("PARSE_FAILED", String(err));
  };
  const options = { withStartIndices: false, withEndIndices: false };
  const handler = new TreeHandler(deferred, onDone, options);
  // Deferred input holds UTF-8 bytes: entities are decoded after the bytes, else "&eacute;" (U+00E9) would be
  // taken for a byte.
  const parser = new DepthCappedParser(tags, deferred, handler, {
    decodeEntities: !deferred,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    recognizeSelfClosing: false,
    Tokenizer: ScanningTokenizer,
  });
  if (!deferred) parser.end(html);
  else {
    for (let i = 0; i < html.length; i += PARSE.chunkBytes) parser.write(html.toString("latin1", i, Math.min(html.length, i + PARSE.chunkBytes)));
    parser.end();
  }
  doc = handler.root;
  // "<![CDATA[" outside SVG and MathML is a bogus comment that ends at the first ">" in a browser; htmlparser2 runs
  // it to "]]>", and a stray one swallows the page.
  for (const c of handler.root.children) if (swallowedByCdata(c)) tags.swallowed++;
  if (deferred) finishDecoding(handler.pending);
  // The parser, its tokenizer and tree builder stay alive as their kinds' (see shapes.ts); the page's text nodes go.
  handler.pending.length = 0;
  keepShape("parser", parser);
  if (handler.deepest >= PARSE.maxDepth) flattenDeep(doc);
  return deferred ? { doc, rawScripts: true } : { doc };
}

const PENDING = /[\x80-\xff&]/;

/** Elements whose text the parser takes verbatim, entities and all (HTML's raw text elements). */
const RAW_TEXT = new Set(["iframe", "noembed", "noframes", "xmp"]);

/**
 * Deferred decoding, finished: text becomes UTF-8-decoded strings with their entities decoded, as the parser would
 * have made them (attribute values are decoded as each attribute ends: DepthCappedParser.onattribend). Script and
 * style contents are left as bytes (they are read once, if at all, by the clean stage); comments too (never read).
 * UTF-8 sequences never hold ASCII bytes, so no character is ever split between two nodes; a node's text may
 * arrive in several pieces (one per input chunk), so it is decoded once the tree is built.
 */
function finishDecoding(pending: Text[]): void {
  for (const t of pending) {
    const p = t.parent;
    if (p && (p.type === ElementType.Script || p.type === ElementType.Style)) continue;
    const raw = !!p && "name" in p && RAW_TEXT.has(p.name);
    t.data = raw ? utf8(t.data) : decodeHTML(utf8(t.data));
  }
}

/**
 * The tree builder: gives every node its slots (see withSlots) and, for deferred input, notes the text nodes that
 * hold a byte to decode (non-ASCII or "&") as their text arrives: finishing the decoding then reads those nodes
 * only, instead of walking the whole tree again.
 */
class TreeHandler extends DomHandler {
  readonly pending: Text[] = [];

  constructor(
    private readonly deferred: boolean,
    ...args: ConstructorParameters<typeof DomHandler>
  ) {
    super(...args);
  }

  /**
   * The depth of the deepest node with children (the document is 0): below PARSE.maxDepth, flattenDeep has nothing
   * to do, and its walk of the whole tree is skipped.
   */
  deepest = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    const stack = (this as unknown as { tagStack: Element[] }).tagStack;
    withSlots(stack[stack.length - 1]);
    if (stack.length - 1 > this.deepest) this.deepest = stack.length - 1;
  }

  override oncdatastart(): void {
    super.oncdatastart();
    // The section's text node gets its slots as every other text node does (one shape for all text nodes).
    withTextSlots((this as unknown as { lastNode: Text }).lastNode);
    const depth = (this as unknown as { tagStack: Element[] }).tagStack.length;
    if (depth > this.deepest) this.deepest = depth;
  }

  override ontext(data: string): void {
    const before = (this as unknown as { lastNode: Text | null }).lastNode;
    super.ontext(data);
    // The node this text went to: a new one, or the one it was appended to.
    const node = (this as unknown as { lastNode: Text }).lastNode;
    if (node !== before) withTextSlots(node);
    if (!this.deferred || !PENDING.test(data)) return;
    // Noted once, however many pieces of its text hold bytes to decode.
    const pending = this.pending;
    if (pending[pending.length - 1] !== node) pending.push(node);
  }
}

/**
 * htmlparser2 keeps its open-element stack with Array#unshift, so a page of
 * 100,000 unclosed tags costs O(depth²). Past PARSE.maxOpenElements open
 * elements, further opening tags are ignored the way the parser itself
 * ignores a nested <form> (an empty tag name): their text stays, in place.
 */
class DepthCappedParser extends Parser {
  /** The open tag's attributes are in a dictionary already. */
  dictionary = false;

  constructor(
    private readonly tags: TagCounts,
    /** Input is UTF-8 bytes, one per character: attribute values are decoded as each ends. */
    private readonly deferred: boolean,
    ...args: ConstructorParameters<typeof Parser>
  ) {
    super(...args);
  }

  override onattribend(quote: QuoteType, endIndex: number): void {
    const self = this as unknown as { attribvalue: string; attribname: string; attribs: Record<string, string> | null };
    if (this.deferred && PENDING.test(self.attribvalue)) self.attribvalue = decodeHTMLAttribute(utf8(self.attribvalue));
    // An element's first attribute: its attributes go into a prototype-less dictionary (see emitOpenTag below).
    if (!this.dictionary && self.attribs !== null) {
      self.attribs = Object.create(null) as Record<string, string>;
      this.dictionary = true;
    }
    // An attribute named "__proto__" set on an object literal changed nothing (a string is no prototype); on the
    // prototype-less attribute objects (emitOpenTag below) it would be kept: it is dropped, as before.
    if (self.attribname === "__proto__") {
      const attribs = self.attribs;
      self.attribs = null;
      super.onattribend(quote, endIndex);
      self.attribs = attribs;
      return;
    }
    super.onattribend(quote, endIndex);
  }

  override onopentagname(start: number, endIndex: number): void {
    const self = this as unknown as { stack: string[]; tagname: string; endIndex: number; openTagStart: number; startIndex: number; attribs: unknown };
    // Counted for brokenStructure and the rebuild's budget: one comparison per tag.
    const tags = this.tags;
    tags.elements++;
    tick();
    if (self.stack.length >= PARSE.maxOpenElements) {
      self.endIndex = endIndex;
      self.openTagStart = self.startIndex;
      self.tagname = "";
      self.attribs = null;
      return;
    }
    super.onopentagname(start, endIndex);
    const name = self.tagname;
    if (name.length === 4) {
      if (name === "html") tags.html++;
      else if (name === "head") tags.head++;
      else if (name === "body") tags.body++;
    }
  }
}

/**
 * Attributes in prototype-less dictionaries. Pages combine attributes in thousands of ways, and each combination was
 * a hidden class of its own: every walk that reads `attribs` met new classes page after page, and its compiled code
 * was thrown away ("wrong map") and compiled again, the costliest part of a fresh process's first pages. Dictionary
 * objects share one class, and a read of an attribute the element lacks (most reads) ends at the object instead of
 * searching Object.prototype. An element without attributes keeps the parser's empty object (smaller: a page of
 * table cells holds hundreds of thousands), so readers meet two classes in all.
 */
const emitOpenTag = (Parser.prototype as unknown as { emitOpenTag(name: string): void }).emitOpenTag;
(DepthCappedParser.prototype as unknown as { emitOpenTag(name: string): void }).emitOpenTag = function (this: DepthCappedParser, name: string): void {
  emitOpenTag.call(this, name);
  this.dictionary = false;
};

/**
 * The tokenizer, skipping ahead with String#indexOf. Without entity decoding
 * (deferred input) it skips every run of text, attribute value, comment and
 * script by reading one character code at a time (fastForwardTo); indexOf
 * finds the same position several times faster, and this loop was the
 * largest single cost of parsing. Same result by construction: the index
 * ends on the first match after the current one, or on the last character of
 * the chunk when there is none.
 */
class ScanningTokenizer extends Tokenizer {}

/** One-character strings to search for, by code. */
const CHAR = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

(ScanningTokenizer.prototype as unknown as { fastForwardTo(c: number): boolean }).fastForwardTo = function (this: { buffer: string; offset: number; index: number }, c: number): boolean {
  const at = this.buffer.indexOf(c < 128 ? CHAR[c] : String.fromCharCode(c), this.index + 1 - this.offset);
  if (at >= 0) {
    this.index = at + this.offset;
    return true;
  }
  // The parse loop increments the index after each state: leave it on the chunk's last character.
  this.index = this.buffer.length + this.offset - 1;
  return false;
};

/**
 * Moves the children of any node deeper than PARSE.maxDepth up to that depth,
 * keeping document order, so no text is lost and no recursion overflows.
 */
function flattenDeep(doc: Document): void {
  // Node and depth on two stacks: no pair allocated per node.
  const stack: (ChildNode | Document)[] = [doc];
  const depths: number[] = [0];
  while (stack.length) {
    tick();
    const node = stack.pop()!;
    const depth = depths.pop()!;
    if (!("children" in node)) continue;
    if (depth >= PARSE.maxDepth) {
      const flat: ChildNode[] = [];
      collectLeaves(node as Element, flat);
      node.children = flat;
      for (const c of flat) c.parent = node as Element;
      for (let i = 0; i < flat.length; i++) {
        flat[i].prev = flat[i - 1] ?? null;
        flat[i].next = flat[i + 1] ?? null;
      }
      continue;
    }
    for (const child of node.children) {
      stack.push(child);
      depths.push(depth + 1);
    }
  }
}

function collectLeaves(root: Element, out: ChildNode[]): void {
  const stack: ChildNode[] = [...root.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if ("children" in n && n.children.length) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    } else if (!("children" in n)) {
      out.push(n);
    }
  }
}
