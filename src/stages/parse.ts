/**
 * Stage 2, parse: string → DOM (htmlparser2 + domhandler).
 *
 * htmlparser2 is 3× faster than parse5 and, on the 181 benchmark pages,
 * builds trees whose text and ancestor paths equal parse5's (see README).
 * Pathologically deep trees are flattened so that every later walk stays
 * within the stack.
 */
import { Parser } from "htmlparser2";
import { DomHandler, type Document, type ChildNode, type Element } from "domhandler";
import { NewsclipError } from "../errors.ts";
import { PARSE } from "../heuristics/tables.ts";

export interface Parsed {
  doc: Document;
}

export function parse(html: string): Parsed {
  let doc: Document | undefined;
  const handler = new DomHandler(
    (err, dom) => {
      if (err) throw new NewsclipError("PARSE_FAILED", String(err));
      void dom;
    },
    { withStartIndices: false, withEndIndices: false },
  );
  const parser = new DepthCappedParser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  parser.end(html);
  doc = handler.root;
  flattenDeep(doc);
  return { doc };
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
