/**
 * Stage 2, parse: string → DOM (htmlparser2 + domhandler).
 *
 * htmlparser2 is 3× faster than parse5 and, on the 181 benchmark pages,
 * builds trees whose text and ancestor paths equal parse5's (see README).
 * Pathologically deep trees are flattened so that every later walk stays
 * within the stack.
 */
import { Parser, ElementType, Tokenizer } from "htmlparser2";
import { DomHandler, type Document, type ChildNode, type Element, type AnyNode } from "domhandler";
import { decodeHTML, decodeHTMLAttribute } from "entities";
import { NewsclipError } from "../errors.ts";
import { PARSE } from "../heuristics/tables.ts";
import { type Decoded, utf8Text as utf8 } from "./decode.ts";

export interface Parsed {
  doc: Document;
  /**
   * Script and style contents are still UTF-8 bytes, one character per byte (deferred decoding): decode what is
   * read of them with decode.ts's utf8Text. Everything else in the tree is decoded.
   */
  rawScripts?: boolean;
}

export function parse(input: string | Decoded): Parsed {
  if (typeof input === "string") return parseHtml(input);
  return input.deferred ? parseHtml(input.bytes) : parseHtml(input.html);
}

/** A string, or UTF-8 bytes to be read one character per byte (deferred decoding). */
function parseHtml(html: string | Buffer): Parsed {
  const deferred = typeof html !== "string";
  let doc: Document | undefined;
  const handler = new DomHandler(
    (err, dom) => {
      if (err) throw new NewsclipError("PARSE_FAILED", String(err));
      void dom;
    },
    { withStartIndices: false, withEndIndices: false },
  );
  // Deferred input holds UTF-8 bytes: entities are decoded after the bytes, else "&eacute;" (U+00E9) would be
  // taken for a byte.
  const parser = new DepthCappedParser(handler, {
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
  if (deferred) finishDecoding(doc);
  flattenDeep(doc);
  return deferred ? { doc, rawScripts: true } : { doc };
}

const PENDING = /[\x80-\xff&]/;

/** Elements whose text the parser takes verbatim, entities and all (HTML's raw text elements). */
const RAW_TEXT = new Set(["iframe", "noembed", "noframes", "xmp"]);

/**
 * Deferred decoding, finished: text and attribute values become UTF-8-decoded strings with their entities
 * decoded, as the parser would have made them. Script and style contents are left as bytes (they are read once,
 * if at all, by the clean stage); comments too (never read). UTF-8 sequences never hold ASCII bytes, so no
 * character is ever split between two nodes.
 */
function finishDecoding(doc: Document): void {
  const stack: AnyNode[] = [doc];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementType.Text) {
      const t = n as ChildNode & { data: string };
      if (PENDING.test(t.data)) {
        const p = t.parent;
        const raw = !!p && "name" in p && RAW_TEXT.has(p.name);
        t.data = raw ? utf8(t.data) : decodeHTML(utf8(t.data));
      }
      continue;
    }
    if (n.type === ElementType.Tag || n.type === ElementType.Script || n.type === ElementType.Style) {
      const el = n as Element;
      const a = el.attribs;
      for (const k in a) {
        const v = a[k];
        if (PENDING.test(v)) a[k] = decodeHTMLAttribute(utf8(v));
      }
      if (n.type !== ElementType.Tag) continue;
    }
    if ("children" in n) {
      const ch = (n as Element).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
  }
}

/**
 * htmlparser2 keeps its open-element stack with Array#unshift, so a page of
 * 100,000 unclosed tags costs O(depth²). Past PARSE.maxOpenElements open
 * elements, further opening tags are ignored the way the parser itself
 * ignores a nested <form> (an empty tag name): their text stays, in place.
 */
class DepthCappedParser extends Parser {
  override onopentagname(start: number, endIndex: number): void {
    const self = this as unknown as { stack: string[]; tagname: string; endIndex: number; openTagStart: number; startIndex: number; attribs: unknown };
    if (self.stack.length >= PARSE.maxOpenElements) {
      self.endIndex = endIndex;
      self.openTagStart = self.startIndex;
      self.tagname = "";
      self.attribs = null;
      return;
    }
    super.onopentagname(start, endIndex);
  }
}

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
  const stack: [ChildNode | Document, number][] = [[doc, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
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
    for (const child of node.children) stack.push([child, depth + 1]);
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
