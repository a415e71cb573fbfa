/** Small helpers over the domhandler tree, shared by all HTML stages. */
import { ElementType as NodeTypes } from "htmlparser2";
/** The node types as a plain object, for every stage: reading them through htmlparser2's CommonJS re-export getters cost on every node visited. */
export const ElementType = { ...NodeTypes };
import type { AnyNode, ChildNode, Element, Text, ParentNode } from "domhandler";
import { tick } from "./deadline.ts";
import { keepShape } from "./shapes.ts";

export type { AnyNode, ChildNode, Element, Text, ParentNode };

export function isElement(n: AnyNode): n is Element {
  return n.type === ElementType.Tag || n.type === ElementType.Script || n.type === ElementType.Style;
}

export function isText(n: AnyNode): n is Text {
  return n.type === ElementType.Text;
}

/** Whether `el` lies inside `anc` (below it, not itself). */
export function isInside(el: ChildNode, anc: ParentNode): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === anc) return true;
  return false;
}

/**
 * Appends every item of `from` to `to`. `to.push(...from)` passes each item as an argument, and an element with more
 * than ~120,000 children (a table's rows, a list's items) overflows the call stack.
 */
export function pushAll<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

const CAMEL = /[a-z][A-Z]/;
const CAMEL_ALL = /([a-z])([A-Z])/g;
/**
 * Generated parts of class names say nothing and, split, read as words: CSS Modules' hash suffix ("item__adF2E":
 * "ad"; never all lower-case, unlike a BEM element, "card__title"), styled-components' and emotion's names ("sc-bdVaJa", "css-1ad2x9").
 */
const GENERATED = /__(?=[a-z_-]*[A-Z0-9])[A-Za-z0-9_-]{5}(?=\s|$)|(?:^|\s)(?:sc-[A-Za-z]{5,8}|css-[a-z0-9]{4,9})(?=\s|$)/g;

/**
 * Names are read by several stages; computing them once per element keeps that cheap. They are kept on the
 * element itself: a WeakMap entry per element costs more to write and to collect than the name does to compute.
 */
type Named = Element & { nc_names?: string };

/**
 * Per-node values kept by the stages (classId's names, locate's zone and statistics, a text's count of non-space
 * characters), given their slots when the parser makes the node: every node then has one shape from the start, its
 * slots inside the object, instead of growing them one by one later (a separate property store allocated per node,
 * and nodes of several shapes meeting in every walk). Nodes made elsewhere (parse5's tree, wrappers) grow them when
 * first used.
 */
export function withSlots(el: Element): void {
  const e = el as Element & { nc_names?: string; nc_zone?: unknown; nc_stats?: unknown; nc_mark?: unknown };
  e.nc_names = undefined;
  e.nc_zone = undefined;
  e.nc_stats = undefined;
  e.nc_mark = undefined;
}

type Marked = Element & { nc_mark?: Marks };

/**
 * A set of elements kept as a mark in each element's slot (see withSlots): adding and asking are a property write and
 * read, where a Set of many elements (a page's menus, footers and sidebars, every element inside them) hashed each
 * one and grew its tables. An element holds one mark at a time: a set's elements are marked until a newer set marks
 * them, so each set is read while it is the newest one made over its elements (one per page and use).
 */
export class Marks {
  add(el: Element): void {
    (el as Marked).nc_mark = this;
  }

  has(el: Element): boolean {
    return (el as Marked).nc_mark === this;
  }
}

export function withTextSlots(t: Text): void {
  const x = t as Text & { nc_solid?: number; nc_solidOf?: string };
  x.nc_solid = 0;
  x.nc_solidOf = undefined;
}

/** Lower-cased class, id and component name joined: the string heuristics match against. */
export function classId(el: Element): string {
  let s = (el as Named).nc_names;
  if (s !== undefined) return s;
  const c = el.attribs.class;
  const i = el.attribs.id;
  // Component names that sites with generated classes ("css-1x2y") keep for tests and tracking say what an element is, like a class.
  const q = el.attribs["data-qa"] ?? el.attribs["data-testid"] ?? el.attribs["data-test-id"] ?? el.attribs["data-component"];
  if (!c && !i && !q) return ((el as Named).nc_names = "");
  // camelCase names ("imageEmbedCaption") split like hyphenated ones; utility
  // variants ("print:hidden", "dark:bg-x") say when a style applies, not what the element is.
  s = (c ?? "") + " " + (i ?? "") + (q ? " " + q : "");
  if (s.includes(":")) s = s.replace(/[^\s:]*:(?=\S)/g, "");
  if (s.includes("__") || s.includes("sc-") || s.includes("css-")) s = s.replace(GENERATED, " ");
  if (CAMEL.test(s)) s = s.replace(CAMEL_ALL, "$1-$2");
  s = s.toLowerCase();
  (el as Named).nc_names = s;
  return s;
}

/**
 * A copy of a string that holds its own characters, for caches that outlive a page. Texts and attribute values read
 * from the page are often views into the parser's 64 KB input chunks (V8 keeps a substring, or a concatenation, as
 * a reference to its parts): a cache keeping one would keep its whole chunk alive.
 */
export function ownCopy(s: string): string {
  // The concatenation is flattened into a new string by the slice, which then refers to that new string only.
  return (" " + s).slice(1);
}

/** Concatenated text of a subtree (iterative: trees may be wide and deep). */
export function textOf(node: AnyNode): string {
  if (isText(node)) return node.data;
  let out = "";
  const stack: AnyNode[] = [node];
  while (stack.length) {
    tick();
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    // A line break parts words as a space would ("Tags<br>politics" is two words).
    else if ((n as Element).name === "br") out += "\n";
    else if ("children" in n) {
      const ch = (n as ParentNode).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
  }
  return out;
}

/** White space that collapsing changes: a run of two or more, or one character that is not a plain space. */
const UNCOLLAPSED = /\s\s|[^\S ]/;

/**
 * Runs of white space as one plain space. Most texts read this way are collapsed already or close to it: testing
 * first spares them the copy a replace makes (collapsing was a large share of all the strings extraction allocated).
 */
export function collapseSpace(s: string): string {
  return UNCOLLAPSED.test(s) ? s.replace(/\s+/g, " ") : s;
}

/** Text with white space collapsed. */
export function cleanText(node: AnyNode): string {
  return collapseSpace(textOf(node)).trim();
}

/** Detaches a node from its parent. */
export function detach(node: ChildNode): void {
  const parent = node.parent;
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  if (parent) {
    const i = parent.children.lastIndexOf(node);
    if (i >= 0) parent.children.splice(i, 1);
  }
  node.prev = node.next = node.parent = null;
}

/**
 * Detaches many nodes at once: one pass per parent, so removing thousands of
 * siblings (ad slots in a flat page) stays linear.
 */
export function detachAll(nodes: ChildNode[]): void {
  const byParent = new Map<ParentNode, Set<ChildNode>>();
  for (const n of nodes) {
    const p = n.parent;
    if (!p) continue;
    let set = byParent.get(p);
    if (!set) byParent.set(p, (set = new Set()));
    set.add(n);
  }
  for (const [parent, gone] of byParent) {
    const kept = parent.children.filter((c) => !gone.has(c));
    for (let i = 0; i < kept.length; i++) {
      kept[i].prev = kept[i - 1] ?? null;
      kept[i].next = kept[i + 1] ?? null;
    }
    parent.children = kept;
    for (const n of gone) n.prev = n.next = n.parent = null;
  }
}

/** A short CSS-like path for explanations: `div#main > article.story > p`. */
export function pathOf(el: Element, depth = 4): string {
  const parts: string[] = [];
  let n: Element | null = el;
  while (n && parts.length < depth && isElement(n)) {
    let s = n.name;
    if (n.attribs.id) s += "#" + n.attribs.id.trim().split(/\s+/)[0];
    else if (n.attribs.class) s += "." + n.attribs.class.trim().split(/\s+/).slice(0, 2).join(".");
    parts.unshift(s);
    n = n.parent as Element | null;
  }
  return parts.join(" > ");
}

export function childElements(el: ParentNode): Element[] {
  const out: Element[] = [];
  for (const c of el.children) if (isElement(c)) out.push(c);
  return out;
}

/** Iterative pre-order walk over elements; return false from visit to skip a subtree. */
export function walkElements(root: ParentNode, visit: (el: Element) => boolean | void): void {
  const stack: ChildNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  while (stack.length) {
    tick();
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (visit(n) === false) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}

export function findFirst(root: ParentNode, test: (el: Element) => boolean): Element | undefined {
  let found: Element | undefined;
  walkElements(root, (el) => {
    if (found) return false;
    if (test(el)) {
      found = el;
      return false;
    }
  });
  return found;
}

export function findAll(root: ParentNode, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  walkElements(root, (el) => {
    if (test(el)) out.push(el);
  });
  return out;
}

const NO_CHILDREN: ChildNode[] = [];

/**
 * Unlinks a finished page's tree: every node's links to its neighbours, its children and the values the stages kept
 * in its slots. The tree is garbage once the article is built, but the young-generation collector treats every
 * pointer from an old object as live: nodes of a page promoted by a collection during its extraction (its first
 * elements, often) kept the rest of the page, and what the stages hung on it, alive through collection after
 * collection until the next full one, each time copied again.
 */
export function teardown(root: ParentNode): void {
  // The first element and text node met, emptied like the rest, stay alive as their kinds' (see shapes.ts).
  let text = false;
  let element = false;
  keepShape("document", root);
  const stack: ChildNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  root.children = NO_CHILDREN;
  while (stack.length) {
    const n = stack.pop()!;
    n.parent = n.prev = n.next = null;
    if (n.type === ElementType.Text) {
      const t = n as Text & { nc_solidOf?: string };
      t.nc_solidOf = undefined;
      if (!text) {
        keepShape("text", t);
        text = true;
      }
      continue;
    }
    if (!("children" in n)) continue;
    const p = n as ParentNode;
    const ch = p.children;
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    p.children = NO_CHILDREN;
    if (isElement(n)) {
      if (!element && n.type === ElementType.Tag) {
        keepShape("element", n);
        element = true;
      }
      const e = n as Element & { nc_names?: string; nc_zone?: unknown; nc_stats?: unknown; nc_mark?: unknown };
      e.nc_names = undefined;
      e.nc_zone = undefined;
      e.nc_stats = undefined;
      e.nc_mark = undefined;
    }
  }
}
