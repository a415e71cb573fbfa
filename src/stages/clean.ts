/**
 * Stage 3, clean: drop what is never article text (scripts, styles, widgets,
 * hidden elements, comments), harvesting the JSON the scripts carry first.
 */
import type { Document } from "domhandler";
import { type ChildNode, type Element, type ParentNode, type Text, detach, detachAll, isElement, textOf, pathOf, findFirst, walkElements, attr, ElementType as NodeTypes } from "../dom.ts";
/** Read once: under a CommonJS transform (tsx) every use of an imported binding goes through a getter. */
const ElementType = NodeTypes;
import type { Context } from "../context.ts";
import { NEVER_CONTENT_TAGS, HIDDEN_CLASS_TOKENS, IMAGE_COMPONENT } from "../heuristics/vocab.ts";
import type { Parsed } from "./parse.ts";
import { utf8Text } from "./decode.ts";
import { longestArticleBody } from "../metadata/jsonld.ts";
import { CART_CONTROL } from "../heuristics/pagetypes.ts";
import { keepShape } from "../shapes.ts";

export interface Cleaned {
  doc: Document;
  body: Element | Document;
  /** Parsed JSON-LD objects, in page order. */
  jsonld: unknown[];
  /** Raw hydration JSON (`__NEXT_DATA__`, `application/json` state) by script id/name. */
  hydration: Hydration[];
  /** The page has an add-to-cart control (read before the controls are dropped): a sign of a product page. */
  cart: boolean;
}

export interface Hydration {
  name: string;
  json: string;
  /** `json` is still undecoded UTF-8 (deferred decoding): decode what is sliced from it with utf8Text. */
  bytes?: boolean;
}

/** One whole class token of HIDDEN_CLASS_TOKENS: a regex test, since splitting every class attribute into tokens cost more than the rest of the check. */
const HIDDEN_CLASS = new RegExp(`(?:^|\\s)(?:${HIDDEN_CLASS_TOKENS.join("|")})(?=\\s|$)`, "i");
/** Hydration entries that are a script's code, not JSON: rescue looks for a state object inside. */
export const SCRIPT_STATE = "script-state";
const CLEAN = {
  /** A <noscript> with this much text may be the page's content for readers without scripts. */
  minNoscriptViewChars: 200,
  /** A hidden element with this much text may be the page's content waiting for its script. */
  minHiddenViewChars: 500,
  /** ...and it is the view only when it holds this many times what the page shows (a page that shows its story keeps it). */
  hiddenViewMargin: 3,
  /** Inline scripts shorter than this carry no article body. */
  minStateScriptChars: 2000,
  /** An <img> this wide inside a button is a photo that opens a viewer; narrower ones are the button's icon. */
  minButtonPictureWidth: 200,
  /** A hidden element this long may be the story behind a wall, when the page's data declares its text... */
  minDeclaredHiddenChars: 200,
  /** ...sentence by sentence: at least this share of its sentences (of some length) are in the declared body. */
  declaredSentenceShare: 0.6,
  /** Sentences shorter than this (letters and digits) prove nothing. */
  minProofChars: 30,
  /** This many sentences are proof enough (and bound the work on a huge hidden element). */
  maxProofSentences: 40,
  /** Only the longest few hidden elements are weighed against the declared body. */
  maxDeclaredHidden: 8,
} as const;

/** Ids of server-streamed segments: hidden only until the page's script swaps them in. */
const STREAMED_SEGMENT = /^S:[0-9a-f]+$/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

export function clean(parsed: Parsed, ctx: Context): Cleaned {
  const { doc } = parsed;
  const w: Walk = { stack: [...doc.children].reverse(), drop: [], raw: parsed.rawScripts === true, jsonld: [], hydration: [], cart: false, noscripts: [], hidden: [], toggles: new WeakSet() };
  const { stack, drop, jsonld, hydration, noscripts, hidden } = w;
  walk(w);
  if (noscripts.length) {
    // When the page shows less text than its no-script view, that view is what a reader without scripts (and a
    // crawler) gets: it counts. Otherwise it repeats what is shown, or holds a tracking pixel's frame.
    const skip = new Set<ChildNode>([...drop.map(([node]) => node), ...hidden, ...noscripts]);
    const shown = solidChars(textOutside(doc, skip));
    const view = noscripts.reduce((n, el) => n + solidChars(textOf(el)), 0);
    for (const el of noscripts) {
      if (view > shown) {
        ctx.rescued("clean:noscript-view", `the page shows ${shown} characters of text and its no-script view ${view}: the view is kept`);
        el.name = "div";
        for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
        walk(w);
      } else drop.push([el, "noscript", "a no-script copy of what the page shows"]);
    }
  }
  // Each hidden element's text length, read once: the hidden view and the declared body below both weigh them.
  const lengths = new Map<Element, number>();
  for (const el of hidden) lengths.set(el, readableChars(el));
  // What readers see: the page less what is dropped or hidden (built only when a hidden element could be the view).
  const unseen = () => new Set<ChildNode>([...drop.map(([node]) => node), ...hidden]);
  // A page whose headline is hidden with the text around it (a product block shown by its script once loaded) shows
  // its readers no headline at all: the longest hidden element holding an <h1> is the view, when no <h1> is shown.
  // Before the longest: a hidden footer or menu can be longer than the hidden story.
  let view: Element | undefined;
  let best = 0;
  for (const [el, n] of lengths) if (n >= CLEAN.minHiddenViewChars && n > best && findFirst(el, isHeadline)) [view, best] = [el, n];
  if (view && shownHeadline(doc, unseen())) view = undefined;
  if (view) ctx.rescued("clean:hidden-headline", `no headline is shown and a hidden element of ${best} characters holds one: it is kept`);
  // A page whose content waits hidden for its script ("display:none" until loaded) shows readers almost nothing
  // without it: when the longest hidden element holds the page's text (more than all it shows, by a margin), it is the view.
  let top: Element | undefined;
  let most = 0;
  for (const [el, n] of lengths) if (n > most) [top, most] = [el, n];
  if (!view && top && most >= CLEAN.minHiddenViewChars) {
    const skip = unseen();
    const shown = solidChars(textOutside(doc, skip));
    // The page's main region showing little beside it says the same, whatever its menus and footer show.
    const main = shown * CLEAN.hiddenViewMargin >= most ? mainOf(top) : undefined;
    const inMain = main ? solidChars(textOutside(main, skip)) : Infinity;
    if (most > shown * CLEAN.hiddenViewMargin || most > inMain * CLEAN.hiddenViewMargin) {
      ctx.rescued("clean:hidden-view", `the page shows ${shown} characters of text${main ? ` (its main region ${inMain})` : ""} and one hidden element ${most}: it is kept`);
      view = top;
    }
  }
  if (view) {
    hidden.splice(hidden.indexOf(view), 1);
    lengths.delete(view);
    for (let i = view.children.length - 1; i >= 0; i--) stack.push(view.children[i]);
    walk(w);
  }
  const declared = hidden.length ? longestArticleBody(jsonld) : undefined;
  // The longest few, in page order: a story behind a wall is hidden in one or a few elements, not in thousands.
  const longest = new Set(
    declared ? [...lengths].filter(([, n]) => n >= CLEAN.minDeclaredHiddenChars).sort((x, y) => y[1] - x[1]).slice(0, CLEAN.maxDeclaredHidden).map(([el]) => el) : [],
  );
  const hiddenLong = hidden.filter((el) => longest.has(el));
  for (const el of hidden) if (!longest.has(el)) drop.push([el, "hidden", "element is hidden from readers"]);
  if (hiddenLong.length) {
    const proof = letters(declared!);
    // What readers see already: a hidden copy of shown text (a screen-reader or print version) adds nothing.
    let shown = letters(textOutside(doc, new Set<ChildNode>([...drop.map(([node]) => node), ...hiddenLong])));
    for (const el of hiddenLong) {
      const text = textOf(el);
      if (declaredIn(text, proof) && !declaredIn(text, shown)) {
        shown += letters(text);
        ctx.rescued("clean:declared-hidden", `a hidden element of ${text.length} characters is the article body the page declares (JSON-LD articleBody), shown nowhere else: kept`);
        for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
        walk(w);
      } else drop.push([el, "hidden", "element is hidden from readers"]);
    }
  }
  removeDropped(drop, ctx);
  const body = findFirst(doc, (el) => el.name === "body") ?? doc;
  return { doc, body, jsonld, hydration, cart: w.cart };
}

/**
 * Records and detaches what the walk dropped. A function of its own: as a loop of clean, over the hundreds of nodes a
 * page drops, it made clean hot enough to be optimised whole (~70 ms of compiler time) for code run once a page.
 */
function removeDropped(drop: [ChildNode, string, string][], ctx: Context): void {
  for (const [node, rule, reason] of drop) {
    if (rule && isElement(node)) ctx.removed("clean", rule, reason, () => textOf(node), () => pathOf(node));
  }
  detachAll(drop.map(([node]) => node));
  // Comments, the doctype and CDATA sections are all dropped here: the last of each kind, detached, stays alive as
  // its kind's (see shapes.ts).
  for (const [node] of drop) {
    if (node.type === ElementType.Comment) keepShape("comment", node);
    else if (node.type === ElementType.Directive) keepShape("directive", node);
    else if (node.type === ElementType.CDATA) keepShape("cdata", node);
  }
}

/** What clean's walk reads and fills. */
interface Walk {
  /** Nodes still to visit, the next on top. */
  stack: ChildNode[];
  /** Nodes to remove, with the rule and reason to record (an empty rule: nothing worth explaining). */
  drop: [ChildNode, string, string][];
  /** Script contents are still bytes (deferred decoding). */
  raw: boolean;
  jsonld: unknown[];
  hydration: Hydration[];
  /** An add-to-cart control was seen. */
  cart: boolean;
  /** <noscript> views of the content, weighed after the walk. */
  noscripts: Element[];
  /** Hidden elements: they wait for the whole page's data (the story behind a wall is hidden until a script shows it). */
  hidden: Element[];
  /** Accordion toggles seen (a button holding a heading): the hidden panel after one is content. */
  toggles: WeakSet<Element>;
}

/**
 * Visits what is on the stack: drops what never holds article text, harvests scripts, notes hidden elements and
 * no-script views. A function of the module, not a closure made per page: each page's new closure was compiled
 * anew by the optimising compiler, the largest compile of a fresh process.
 *
 * The loop itself handles the common case (text, and elements of ordinary tags that are not hidden) and hands every
 * other node to `visit`, which decides in the order the checks always had. The loop stays small to compile: when it
 * held every case, a fresh process compiled it six times (40-50 ms of compiler time each), each time a case first
 * met in its optimised code (a button, a custom element, a noscript) threw that code away.
 */
function walk(w: Walk): void {
  const stack = w.stack;
  while (stack.length) {
    const n = stack.pop()!;
    const type = n.type;
    if (type === ElementType.Text) {
      // A text that is only a machine identifier (a UUID: a label scrambled with random ids against blockers) says nothing.
      const d = (n as Text).data;
      if (d.length >= UUID_CHARS && d.length <= UUID_CHARS + 8 && UUID_TEXT.test(d)) w.drop.push([n, "", ""]);
      continue;
    }
    if (type !== ElementType.Tag || SPECIAL_TAGS.has((n as Element).name)) {
      visit(n, w);
      continue;
    }
    const el = n as Element;
    // A panel hidden until its toggle is clicked (an FAQ's answer) is the page's, like an inactive tab's.
    if (isHidden(el) && !afterToggle(el, w.toggles)) {
      w.hidden.push(el);
      continue;
    }
    const tag = el.name;
    if ((tag.includes("-") || ((tag === "div" || tag === "span") && el.attribs["data-src"])) && renamed(el)) continue;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
}

/** A text node that is one UUID and white space. */
const UUID_TEXT = /^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i;
const UUID_CHARS = 36;

/** Tags that `visit` decides on before the hidden test: scripts, controls and embeds, no-script views, <head>. */
const SPECIAL_TAGS = new Set([...NEVER_CONTENT_TAGS, "script", "button", "noscript", "head"]);

/** One node that is not text nor an ordinary element, decided as the walk always did; children to visit are pushed. */
function visit(n: ChildNode, w: Walk): void {
  if (n.type === ElementType.Comment || n.type === ElementType.Directive || n.type === ElementType.CDATA) {
    w.drop.push([n, "", ""]);
    return;
  }
  if (!isElement(n)) return;
  const tag = n.name;
  if (tag === "script") {
    harvestScript(n, w.raw, w.jsonld, w.hydration);
    w.drop.push([n, "", ""]);
    return;
  }
  // A picture wrapped in a button that opens the image viewer is still the article's picture.
  if (tag === "button" && findFirst(n, isPictureContent) !== undefined) {
    n.name = "div";
    for (let i = n.children.length - 1; i >= 0; i--) w.stack.push(n.children[i]);
    return;
  }
  // An accordion's toggle: a button holding a heading, the question its collapsed panel answers.
  if (tag === "button" && findFirst(n, isSubheading) !== undefined) {
    n.name = "div";
    w.toggles.add(n);
    for (let i = n.children.length - 1; i >= 0; i--) w.stack.push(n.children[i]);
    return;
  }
  if (NEVER_CONTENT_TAGS.has(tag)) {
    if (!w.cart && (tag === "button" || tag === "input") && isCartControl(n)) w.cart = true;
    // Only removals that could have held text are worth explaining.
    w.drop.push([n, tag === "style" ? "" : "tag", `<${tag}> never holds article text`]);
    return;
  }
  if (tag === "noscript") {
    if (resolveNoscript(n)) return;
    // A view of the content for readers without scripts (a forum's posts, a shop's grid) is weighed below.
    if (n.children.some(isElement) && textOf(n).length >= CLEAN.minNoscriptViewChars) w.noscripts.push(n);
    else w.drop.push([n, "", ""]);
    return;
  }
  // A panel hidden until its toggle is clicked (an FAQ's answer) is the page's, like an inactive tab's.
  if (isHidden(n) && !afterToggle(n, w.toggles)) {
    w.hidden.push(n);
    return;
  }
  if (tag === "head") {
    // Only scripts leave <head> (their JSON harvested); <meta>, <link> and <title> stay for metadata.
    for (const c of n.children) {
      if (isElement(c) && c.name === "script") {
        harvestScript(c, w.raw, w.jsonld, w.hydration);
        w.drop.push([c, "", ""]);
      }
    }
    return;
  }
  if (renamed(n)) return;
  for (let i = n.children.length - 1; i >= 0; i--) w.stack.push(n.children[i]);
}

/** A picture component or a lazy picture's placeholder inside a figure: renamed <img>, not entered. */
function renamed(n: Element): boolean {
  const tag = n.name;
  if (tag.includes("-") && tag !== "amp-img" && IMAGE_COMPONENT.test(tag) && isImageComponent(n)) {
    n.name = "img";
    return true;
  }
  // A lazy-loading placeholder inside a figure (<div class="delayed-image" data-src="...jpg">) is its picture.
  if ((tag === "div" || tag === "span") && n.attribs["data-src"] && !n.children.some(isElement) && LAZY_PICTURE.test(n.attribs["data-src"]) && insideFigure(n)) {
    n.name = "img";
    if (n.attribs["data-alt"] && n.attribs.alt === undefined) n.attribs.alt = n.attribs["data-alt"];
    return true;
  }
  return false;
}

/** Most of the text's sentences (those long enough to prove anything) are in the declared body. */
function declaredIn(text: string, proof: string): boolean {
  let tested = 0;
  let found = 0;
  for (const sentence of text.split(/[.!?。]+\s/)) {
    if (tested === CLEAN.maxProofSentences) break;
    const l = letters(sentence);
    if (l.length < CLEAN.minProofChars) continue;
    tested++;
    if (proof.includes(l)) found++;
  }
  return tested > 0 && found >= tested * CLEAN.declaredSentenceShare;
}

/** The text of a tree without the given subtrees. */
function textOutside(root: ParentNode, skip: Set<ChildNode>): string {
  const out: string[] = [];
  const stack: ChildNode[] = [...root.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (skip.has(n)) continue;
    if (n.type === ElementType.Text) out.push((n as { data: string }).data);
    else if (isElement(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out.join(" ");
}

const isHeadline = (el: Element): boolean => el.name === "h1" && textOf(el).trim() !== "";

/** Whether an <h1> with text stands outside `skip`. */
function shownHeadline(root: ParentNode, skip: Set<ChildNode>): boolean {
  let found = false;
  walkElements(root, (el) => {
    if (found || skip.has(el)) return false;
    if (isHeadline(el)) found = true;
  });
  return found;
}

/** Characters that are not white space: indentation can make a hidden menu's raw text many times its words. */
/** The page's main region (<main>, role=main) around an element, if any. */
function mainOf(el: Element): Element | undefined {
  for (let p = el.parent; p && isElement(p); p = p.parent) if (p.name === "main" || p.attribs.role === "main") return p;
  return undefined;
}

/**
 * The non-space characters a hidden element would show: its scripts and styles are not yet removed (the walk does not
 * enter hidden elements), and a store's JSON-LD inside a hidden box made it look 5 times its text.
 */
function readableChars(root: Element): number {
  let n = 0;
  const stack: ChildNode[] = [...root.children];
  while (stack.length) {
    const c = stack.pop()!;
    if (c.type === ElementType.Text) n += solidChars((c as { data: string }).data);
    else if (isElement(c) && !NEVER_CONTENT_TAGS.has(c.name)) for (const k of c.children) stack.push(k);
  }
  return n;
}

function solidChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 || (c < 9 || c > 13) && c !== 32) n++;
  }
  return n;
}

function letters(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The address of a picture file (not a video or a script) in a placeholder's data-src. */
const LAZY_PICTURE = /\.(?:jpe?g|png|webp|avif|gif)(?:$|[?#])|\/(?:images?|photos?|media)\//i;

function insideFigure(el: Element): boolean {
  for (let n = el.parent; n && "name" in n; n = n.parent) if ((n as Element).name === "figure") return true;
  return false;
}

/** A picture worth keeping inside a button: a figure, or an <img> sized like a photo (an icon is small or an SVG). */
function isPictureContent(e: Element): boolean {
  if (e.name === "figure") return true;
  if (e.name !== "img") return false;
  const a = e.attribs;
  if (/\.svg(?:$|[?#])/i.test(a.src ?? "")) return false;
  return a.srcset !== undefined || a.sizes !== undefined || Number(a.width) >= CLEAN.minButtonPictureWidth;
}

/** A picture component that holds its own address, not a wrapper around an <img> of its own. */
function isImageComponent(el: Element): boolean {
  const a = el.attribs;
  if (!a.src && !a.srcset && !a["data-src"]) return false;
  return findFirst(el, (e) => e !== el && (e.name === "img" || e.name === "picture" || e.name === "amp-img")) === undefined;
}

/** A button or input that puts something in a shopping cart. */
function isCartControl(el: Element): boolean {
  const a = el.attribs;
  const said = el.name === "input" ? `${a.value ?? ""} ${a.name ?? ""}` : textOf(el).slice(0, 80);
  return CART_CONTROL.test(said) || /add[-_]?to[-_]?(?:cart|bag|basket)/i.test(`${a.class ?? ""} ${a.id ?? ""} ${a.name ?? ""}`);
}

const isSubheading = (el: Element): boolean => /^h[2-6]$/.test(el.name);

/** Whether the element right before this one is an accordion's toggle (a button with a heading, aria-expanded). */
function afterToggle(el: Element, toggles: WeakSet<Element>): boolean {
  let prev = el.prev;
  while (prev && !isElement(prev)) prev = prev.prev;
  return !!prev && (toggles.has(prev) || prev.attribs["aria-expanded"] === "false");
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  // Tabs show one panel at a time, and every panel is the page's (a guide's steps for each language, a product's
  // specifications): an inactive panel is hidden only until its tab is clicked.
  if (a.role === "tabpanel") return false;
  // Streaming renderers park finished parts in hidden segments ("S:4") that a script moves into place.
  if (a.hidden !== undefined) return !(a.id && STREAMED_SEGMENT.test(a.id));
  if (a["aria-hidden"] === "true" && el.name !== "span" && el.name !== "a" && !textOf(el).trim()) return true;
  if (a.style && HIDDEN_STYLE.test(a.style)) return true;
  const cls = a.class;
  if (cls && HIDDEN_CLASS.test(cls)) return true;
  return false;
}

/** `raw`: the script's text is still UTF-8 bytes (deferred decoding). */
function harvestScript(el: Element, raw: boolean, jsonld: unknown[], hydration: Hydration[]): void {
  const type = (attr(el, "type") ?? "").toLowerCase();
  if (type !== "application/ld+json" && type !== "application/json" && attr(el, "id") !== "__NEXT_DATA__") {
    if (type && !/javascript|module/.test(type)) return;
    // State handed to the page's script as an object literal ("window.x.push({...})"): kept as is (bytes
    // included), read only if rescue needs it.
    const code = textOf(el);
    if (code.length >= CLEAN.minStateScriptChars) hydration.push({ name: SCRIPT_STATE, json: code, bytes: raw });
    return;
  }
  const text = (raw ? utf8Text(textOf(el)) : textOf(el)).trim();
  if (!text) return;
  if (type === "application/ld+json") {
    const parsed = parseLooseJson(text);
    if (parsed !== undefined) jsonld.push(parsed);
    return;
  }
  hydration.push({ name: attr(el, "id") ?? attr(el, "data-name") ?? type, json: text });
}

/** JSON-LD in the wild: CDATA wrappers, comments, trailing commas, raw newlines in strings. */
export function parseLooseJson(raw: string): unknown {
  let s = raw.replace(/^\s*(?:\/\/)?\s*<!\[CDATA\[/, "").replace(/(?:\/\/)?\s*\]\]>\s*$/, "").trim();
  try {
    return JSON.parse(s);
  } catch {
    s = s.replace(/[\u0000-\u001f]+/g, " ").replace(/,\s*([}\]])/g, "$1");
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  }
}

/**
 * htmlparser2 parses <noscript> content as markup. Lazy-image patterns put the
 * real <img> there beside a placeholder; keep whichever carries a real source.
 * Returns true when the noscript was kept (unwrapped in place).
 */
function resolveNoscript(ns: Element): boolean {
  const img = findFirst(ns, (e) => e.name === "img");
  if (!img) return false;
  let prev = ns.prev;
  while (prev && !isElement(prev) && !textOf(prev).trim()) prev = prev.prev;
  const prevImg = prev && isElement(prev) ? (prev.name === "img" ? prev : findFirst(prev, (e) => e.name === "img")) : undefined;
  if (prevImg) {
    if (hasRealSrc(prevImg)) return false;
    detach(prev as ChildNode);
  }
  // Unwrap: the noscript's children take its place.
  const parent = ns.parent!;
  const i = parent.children.indexOf(ns);
  const kids = ns.children;
  for (const k of kids) k.parent = parent;
  parent.children = [...parent.children.slice(0, i), ...kids, ...parent.children.slice(i + 1)];
  relink(parent.children);
  return true;
}

function hasRealSrc(img: Element): boolean {
  const a = img.attribs;
  if (a.srcset || a["data-src"] || a["data-srcset"] || a["data-lazy-src"] || a["data-original"]) return true;
  const src = a.src ?? "";
  return !!src && !src.startsWith("data:") && !/(?:blank|placeholder|spacer|pixel|transparent|lazy|loading)[^/]*\.(?:gif|png|svg)/i.test(src);
}

function relink(children: ChildNode[]): void {
  for (let i = 0; i < children.length; i++) {
    children[i].prev = children[i - 1] ?? null;
    children[i].next = children[i + 1] ?? null;
  }
}
