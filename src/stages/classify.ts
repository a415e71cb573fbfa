/**
 * Stage 3b, classify: what kind of page this is (article, forum thread, product, collection, listing,
 * documentation, service page), from generic signals: the schema.org types and OpenGraph type the page
 * declares, the software that made it, the shape of its address, and what its body is made of (prices,
 * code blocks, posts by several people, runs of cards, long paragraphs). The signals (hand votes from the
 * tables in heuristics/pagetypes.ts among them) feed a small model; a page is an article unless another kind
 * outscores it by the model's margin.
 */
import type { Cleaned } from "./clean.ts";
import type { Context } from "../context.ts";
import type { Metadata } from "../metadata/index.ts";
import { type ChildNode, type Element, isElement, isText, ElementType as NodeTypes } from "../dom.ts";
/** Read once: under a CommonJS transform (tsx) every use of an imported binding goes through a getter. */
const ElementType = NodeTypes;
import { isNode, typesOf } from "../metadata/jsonld.ts";
import { textSolid } from "./locate.ts";
import { PAGETYPE_MODEL } from "../heuristics/pagetype-model.ts";
import { PROFILE_LINK, SCHEMA_VOTES, OG_VOTES, URL_VOTES, FORUM_GENERATOR, DOCS_GENERATOR, PRICE, DOM, MIN_VOTES, PAGE_TYPES, type PageType } from "../heuristics/pagetypes.ts";

interface Model {
  classes: PageType[];
  features: string[];
  mean: number[];
  std: number[];
  weights: number[][];
  bias: number[];
  /** Another kind than article must outscore article by this much: a news page read as a grid loses most. */
  articleMargin: number;
}

const MODEL: Model | undefined = process.env.NEWSCLIP_NO_PAGETYPE_MODEL ? undefined : (PAGETYPE_MODEL as unknown as Model | undefined);

/** The class with the highest score. */
export function predict(m: Model, f: Record<string, number>): PageType {
  const x = m.features.map((name, i) => ((f[name] ?? 0) - m.mean[i]) / m.std[i]);
  let best = 0;
  let bestScore = -Infinity;
  let article = 0;
  for (let c = 0; c < m.classes.length; c++) {
    let z = m.bias[c];
    const w = m.weights[c];
    for (let i = 0; i < x.length; i++) z += w[i] * x[i];
    if (m.classes[c] === "article") article = z;
    if (z > bestScore) {
      bestScore = z;
      best = c;
    }
  }
  return bestScore - article < m.articleMargin ? "article" : m.classes[best];
}

export interface PageKind {
  type: PageType;
  /** What decided: the caller, the model, or the hand votes alone. */
  source: "caller" | "classify:model" | "classify:votes";
  /** The signals that voted, each "type+votes: why". */
  evidence: string[];
}

type Votes = Record<PageType, number>;

export interface Signals {
  /** Named numbers the model reads (see heuristics/pagetype-model.ts). */
  features: Record<string, number>;
  /** The hand-written votes by kind (also features). */
  votes: Votes;
  evidence: string[];
}

/**
 * The page's kind: a small model (softmax regression over the signals, trained on WCXB's labelled development
 * pages with no site in both training and evaluation folds: bench/train-pagetype.ts) when its weights are
 * present, else the hand votes alone.
 */
export function classify(cleaned: Cleaned, meta: Pick<Metadata, "published" | "authors">, ctx: Context): PageKind {
  const sig = signals(cleaned, meta, ctx);
  const type = MODEL ? predict(MODEL, sig.features) : byVotes(sig.votes);
  return { type, source: MODEL ? "classify:model" : "classify:votes", evidence: sig.evidence };
}

function byVotes(votes: Votes): PageType {
  let best: PageType = "article";
  for (const t of PAGE_TYPES) if (t !== "article" && votes[t] > (best === "article" ? 0 : votes[best])) best = t;
  return best !== "article" && votes[best] >= MIN_VOTES && votes[best] > votes.article ? best : "article";
}

export function signals(cleaned: Cleaned, meta: Pick<Metadata, "published" | "authors">, ctx: Context): Signals {
  const f: Record<string, number> = {};
  const votes: Votes = { article: 0, forum: 0, product: 0, collection: 0, listing: 0, documentation: 0, service: 0 };
  const evidence: string[] = [];
  const vote = (v: Partial<Votes>, why: string): void => {
    for (const t of PAGE_TYPES) {
      const n = v[t];
      if (!n) continue;
      votes[t] += n;
      evidence.push(`${t}+${n}: ${why}`);
    }
  };
  // Declared types: each once, however often it is repeated.
  const declared = new Set<string>();
  const counts = new Map<string, number>();
  collectTypes(cleaned.jsonld, declared, 0, counts);
  // Many stories declared on one page: a list of them, not one of them.
  let stories = 0;
  for (const [t, n] of counts) if (SCHEMA_VOTES[t]?.article) stories += n;
  if (stories >= DOM.minDeclaredStories) vote({ listing: 3 }, `${stories} stories declared`);
  const head = headSignals(cleaned);
  // The body's walk also notes page-level statements on its first levels (into `head`): read both before voting.
  const body = bodySignals(cleaned.body as Element, head);
  for (const t of head.itemtypes) declared.add(t);
  if (stories < DOM.minDeclaredStories) for (const t of declared) if (Object.hasOwn(SCHEMA_VOTES, t)) vote(SCHEMA_VOTES[t], `schema.org ${t}`);
  // A story has a date and a writer; a grid, a list or a company page seldom has either.
  if (meta.published) vote({ article: 1.5 }, "a publication date");
  if (meta.authors.length) vote({ article: 1 }, "a credited author");
  if (head.og && Object.hasOwn(OG_VOTES, head.og)) vote(OG_VOTES[head.og], `og:type ${head.og}`);
  if (head.generator && FORUM_GENERATOR.test(head.generator)) vote({ forum: 3 }, `made by forum software (${head.generator.slice(0, 40)})`);
  if (head.generator && DOCS_GENERATOR.test(head.generator)) vote({ documentation: 3 }, `made by documentation software (${head.generator.slice(0, 40)})`);
  const url = ctx.url ?? "";
  URL_VOTES.forEach(([re, v, why], i) => {
    const hit = url !== "" && re.test(url);
    f[`url${i}`] = +hit;
    if (hit) vote(v, why);
  });

  if (body.prices >= DOM.collectionPrices) vote({ collection: 2 }, `${body.prices} prices`);
  else if (body.prices > 0 && cleaned.cart) vote({ product: 2.5 }, "a price and an add-to-cart control");
  else if (cleaned.cart) vote({ product: 1 }, "an add-to-cart control");
  if (body.posts >= DOM.minPosts) vote({ forum: 2 }, `${body.posts} posts by people (comment units, profile links)`);
  if (body.code >= DOM.minCodeBlocks) vote({ documentation: body.code >= 5 ? 2.5 : 1.5 }, `${body.code} code blocks`);
  if (body.cardShare >= DOM.cardTextShare) {
    const n = body.cardShare >= DOM.mostlyCards ? 3 : 2;
    vote(body.prices >= DOM.collectionPrices ? { collection: n } : { listing: n, collection: 0.5 }, `runs of cards hold ${Math.round(body.cardShare * 100)}% of the text`);
  }
  if (body.proseShare >= DOM.storyShare) vote({ article: 2 }, `long paragraphs hold ${Math.round(body.proseShare * 100)}% of the text`);
  else if (body.proseShare >= DOM.someStoryShare) vote({ article: 1 }, `long paragraphs hold ${Math.round(body.proseShare * 100)}% of the text`);

  for (const t of PAGE_TYPES) f[`vote_${t}`] = votes[t];
  f.og_article = +(head.og === "article");
  f.og_product = +(head.og?.startsWith("product") ?? false);
  f.og_website = +(head.og === "website");
  f.gen_forum = +(!!head.generator && FORUM_GENERATOR.test(head.generator));
  f.gen_docs = +(!!head.generator && DOCS_GENERATOR.test(head.generator));
  f.prices = Math.log1p(body.prices);
  f.cart = +cleaned.cart;
  f.posts = Math.log1p(body.posts);
  f.code = Math.log1p(body.code);
  f.cards = body.cardShare;
  f.prose = body.proseShare;
  f.date = +!!meta.published;
  f.author = +(meta.authors.length > 0);
  f.stories = Math.log1p(stories);
  for (const [t, n] of Object.entries(body.tags)) f[`n_${t}`] = Math.log1p(n);
  f.calls = Math.log1p(body.calls);
  f.links = body.linkShare;
  f.chars = Math.log1p(body.chars);
  let path = "";
  try {
    const u = new URL(url);
    path = u.pathname;
    f.query = +(u.search.length > 1);
  } catch {
    f.query = 0;
  }
  const segments = path.split("/").filter(Boolean);
  f.depth = segments.length;
  f.root = +(segments.length === 0);
  f.numeric = +segments.some((x) => /\d{3,}/.test(x));
  f.slug = Math.max(0, ...segments.map((x) => x.split(/[-_]/).length));
  return { features: f, votes, evidence };
}

/** The types of the page's top JSON-LD nodes (and of an ItemList's items, counted, so many stories show). */
function collectTypes(v: unknown, out: Set<string>, depth: number, counts: Map<string, number>): void {
  if (depth > 5 || out.size > 50) return;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 100)) collectTypes(x, out, depth + 1, counts);
    return;
  }
  if (!isNode(v)) return;
  for (const t of typesOf(v)) {
    out.add(t);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  if (Array.isArray(v["@graph"])) collectTypes(v["@graph"], out, depth + 1, counts);
  // The page's main entity and a list's items only: a type nested in a property (an offer's seller) says nothing of the page.
  if (isNode(v.mainEntity) || Array.isArray(v.mainEntity)) collectTypes(v.mainEntity, out, depth + 1, counts);
  if (Array.isArray(v.itemListElement)) for (const x of v.itemListElement.slice(0, 100)) collectTypes(isNode(x) && isNode(x.item) ? x.item : x, new Set(), depth + 1, counts);
  if (Array.isArray(v.blogPost)) collectTypes(v.blogPost, new Set(), depth + 1, counts);
}

/** og:type, the generator, and the microdata types of the page's top elements. */
function headSignals(cleaned: Cleaned): { og?: string; generator?: string; itemtypes: string[] } {
  // Every field set from the start: one added on some pages only (og, generator) makes a hidden class of its own.
  const out: { og?: string; generator?: string; itemtypes: string[] } = { og: undefined, generator: undefined, itemtypes: [] };
  const stack: ChildNode[] = [...cleaned.doc.children];
  const depths: number[] = stack.map(() => 0);
  // <meta> lives in <head>, and microdata types of the page on the first levels of the body: no need to read the
  // whole page. The body is read by bodySignals, which notes the same statements on its first levels.
  const body = cleaned.body;
  while (stack.length) {
    const n = stack.pop()!;
    const d = depths.pop()!;
    if (!isElement(n) || n === body) continue;
    if (pageStatement(n, out)) continue;
    if (d >= HEAD_LEVELS && n.name !== "head") continue;
    for (const c of n.children) {
      stack.push(c);
      depths.push(n.name === "head" ? 1 : d + 1);
    }
  }
  return out;
}

/** A <meta> of the page's kind (og:type, generator), or a microdata type: noted. True for a <meta> (nothing inside). */
function pageStatement(n: Element, out: { og?: string; generator?: string; itemtypes: string[] }): boolean {
  const a = n.attribs;
  if (n.name === "meta") {
    const key = (a.property ?? a.name ?? "").toLowerCase();
    if (key === "og:type" && a.content) out.og = a.content.trim().toLowerCase();
    else if (key === "generator" && a.content) out.generator = a.content;
    return true;
  }
  if (a.itemtype && a.itemscope !== undefined) for (const t of a.itemtype.split(/\s+/)) out.itemtypes.push(t.replace(/^https?:\/\/schema\.org\//i, ""));
  return false;
}

/** How deep below <html> page-level statements (meta tags out of place, microdata types) are looked for. */
const HEAD_LEVELS = 8;

interface BodySignals {
  /** Counts of elements by kind (headings, sections, list items...), for the model. */
  tags: Record<string, number>;
  /** Short links that call to act ("Get started", "Request a demo"): a company's page. */
  calls: number;
  /** Share of the text inside links. */
  linkShare: number;
  /** Non-space characters of text. */
  chars: number;
  prices: number;
  posts: number;
  code: number;
  /** Share of the body's text in runs of sibling cards. */
  cardShare: number;
  /** Share of the body's text in long paragraphs. */
  proseShare: number;
}

/** A schema.org unit of a thread. */
const POST_TYPE = /schema\.org\/(?:Comment|Answer|DiscussionForumPosting)$/i;
/** Cards and posts are read only in blocks this short; a long one is a section. */
const MAX_CARD_CHARS = 1500;

/**
 * The body's signals, in three passes, each a function of its own: a fresh process compiles each pass apart, and a
 * pass that meets a case its compiled code has not seen is compiled again alone, not with the others (one function
 * of all three was compiled three or four times over a process's first pages, each time at the cost of all).
 */
function bodySignals(root: Element, head: { og?: string; generator?: string; itemtypes: string[] }): BodySignals {
  const walk = walkBody(root, head);
  const { size, hasLink, kids } = subtreeSizes(walk);
  const { cardText, prose } = cardRuns(walk, size, hasLink, kids);
  const { total } = walk;
  const posts = Math.max(walk.schemaPosts, walk.profiles >= 3 ? walk.profiles : 0);
  const t = Math.max(total, 1);
  return { tags: walk.tags, calls: walk.calls, linkShare: walk.linked / t, chars: total, prices: walk.prices, posts, code: walk.code, cardShare: cardText / t, proseShare: prose / t };
}

/** What one walk of the body reads: its elements in pre-order with their parents' positions and own text, and the counts. */
interface BodyWalk {
  order: Element[];
  parentAt: number[];
  ownText: number[];
  tags: Record<string, number>;
  prices: number;
  code: number;
  schemaPosts: number;
  /** Distinct profile links (up to 50). */
  profiles: number;
  total: number;
  linked: number;
  calls: number;
}

function walkBody(root: Element, head: { og?: string; generator?: string; itemtypes: string[] }): BodyWalk {
  let prices = 0;
  let code = 0;
  let schemaPosts = 0;
  const profiles = new Set<string>();
  let total = 0;
  let linked = 0;
  let calls = 0;
  const tags: Record<string, number> = Object.fromEntries(COUNTED_TAGS.map((t) => [t, 0]));
  // One pre-order walk; per-element values live in arrays by position (a Map per value cost more than the counting).
  const order: Element[] = [];
  const parentAt: number[] = [];
  const ownText: number[] = [];
  const stack: ChildNode[] = [root];
  const stackParent: number[] = [-1];
  const stackLink: boolean[] = [false];
  // Levels below <html> (the body is 1): page-level statements are read on the first levels only.
  const depthAt: number[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    const p = stackParent.pop()!;
    const inLink = stackLink.pop()!;
    if (isText(n)) {
      const len = textSolid(n);
      if (!len) continue;
      total += len;
      if (p >= 0) ownText[p] += len;
      if (inLink) linked += len;
      if (len < 40 && prices < 50 && PRICE.test(n.data)) prices++;
      continue;
    }
    if (!isElement(n) || n.type !== ElementType.Tag) continue;
    const k = order.length;
    order.push(n);
    parentAt.push(p);
    ownText.push(0);
    const depth = p >= 0 ? depthAt[p] + 1 : 1;
    depthAt.push(depth);
    if (depth <= HEAD_LEVELS && pageStatement(n, head) && n !== root) continue;
    const a = n.attribs;
    const name = n.name;
    // Counted on every element (adding 0 or 1): an increment run only on some pages (the first <pre>, the first post)
    // is a point where the optimised walk is thrown away the first time it runs, and the walk compiled again.
    code += name === "pre" || (name === "code" && p >= 0 && order[p].name !== "pre" && n.children.length && /\n/.test(textFirst(n))) ? 1 : 0;
    schemaPosts += a.itemtype && POST_TYPE.test(a.itemtype) ? 1 : 0;
    schemaPosts += a.itemprop === "comment" || a.itemprop === "suggestedAnswer" || a.itemprop === "acceptedAnswer" ? 1 : 0;
    const link = name === "a" && !!a.href;
    if (link && profiles.size < 50 && PROFILE_LINK.test(a.href)) profiles.add(a.href.replace(/[?#].*$/, ""));
    if (Object.hasOwn(tags, name)) tags[name]++;
    if (link && calls < 50 && n.children.length <= 3 && CALL_TO_ACT.test(textFirstDeep(n))) calls++;
    for (let i = n.children.length - 1; i >= 0; i--) {
      stack.push(n.children[i]);
      stackParent.push(k);
      stackLink.push(inLink || link);
    }
  }
  return { order, parentAt, ownText, tags, prices, code, schemaPosts, profiles: profiles.size, total, linked, calls };
}

/** Sizes and "holds a link" of every element's subtree, and its number of child elements, bottom-up. */
function subtreeSizes(walk: BodyWalk): { size: Float64Array; hasLink: Uint8Array; kids: Uint16Array } {
  const { order, parentAt, ownText } = walk;
  const count = order.length;
  const size = new Float64Array(count);
  const hasLink = new Uint8Array(count);
  const kids = new Uint16Array(count);
  for (let k = count - 1; k >= 0; k--) {
    size[k] += ownText[k];
    if (order[k].name === "a" && order[k].attribs.href) hasLink[k] = 1;
    const p = parentAt[k];
    if (p >= 0) {
      size[p] += size[k];
      if (hasLink[k]) hasLink[p] = 1;
      if (kids[p] < 65535) kids[p]++;
    }
  }
  return { size, hasLink, kids };
}

/**
 * Text in runs of cards (siblings of one kind, tag and first class, each short and holding a link, in elements with
 * many children; a run inside a run counts once), and text in long paragraphs outside them.
 */
function cardRuns(walk: BodyWalk, size: Float64Array, hasLink: Uint8Array, kids: Uint16Array): { cardText: number; prose: number } {
  const { order, parentAt } = walk;
  const count = order.length;
  const childrenOf = new Map<number, number[]>();
  for (let k = 1; k < count; k++) {
    const p = parentAt[k];
    if (p >= 0 && kids[p] >= DOM.minCards) {
      const list = childrenOf.get(p);
      if (list) list.push(k);
      else childrenOf.set(p, [k]);
    }
  }
  const inRun = new Uint8Array(count);
  const member = new Uint8Array(count);
  let cardText = 0;
  let prose = 0;
  for (let k = 0; k < count; k++) {
    const p = parentAt[k];
    if (member[k] || (p >= 0 && inRun[p])) inRun[k] = 1;
    if (order[k].name === "p" && size[k] >= 120 && !inRun[k]) prose += size[k];
    // Only elements with that many children have a list: the Map is not asked for every element of the page.
    const list = inRun[k] || kids[k] < DOM.minCards ? undefined : childrenOf.get(k);
    if (!list) continue;
    for (const g of cardGroups(list, order)) {
      if (g.length < DOM.minCards) continue;
      let withLink = 0;
      let text = 0;
      for (const c of g) {
        if (size[c] > 0 && size[c] <= MAX_CARD_CHARS && hasLink[c]) withLink++;
        text += size[c];
      }
      if (withLink >= g.length * 0.8) {
        cardText += text;
        for (const c of g) member[c] = 1;
      }
    }
  }
  return { cardText, prose };
}

/**
 * Children grouped by kind (tag and first class), groups in order of first appearance. Children all of one kind
 * (a list's items, a table row's cells) are one group as they are: no Map and no arrays per parent, which on a table
 * of 100,000 rows was most of this stage.
 */
function cardGroups(list: number[], order: Element[]): Iterable<number[]> {
  let groups: Map<string, number[]> | undefined;
  const first = cardKind(order[list[0]]);
  for (let i = 1; i < list.length; i++) {
    const sig = cardKind(order[list[i]]);
    if (!groups) {
      if (sig === first) continue;
      groups = new Map([[first, list.slice(0, i)]]);
    }
    const g = groups.get(sig);
    if (g) g.push(list[i]);
    else groups.set(sig, [list[i]]);
  }
  return groups ? groups.values() : [list];
}

function cardKind(el: Element): string {
  const cls = el.attribs.class;
  return cls ? `${el.name}.${firstToken(cls)}` : el.name;
}

function firstToken(cls: string): string {
  const s = cls.trim();
  const sp = s.search(/\s/);
  return sp < 0 ? s : s.slice(0, sp);
}

/** Elements counted for the model. */
const COUNTED_TAGS = ["h1", "h2", "h3", "section", "article", "time", "li", "table", "form", "img", "p", "blockquote", "dl", "aside", "nav"];
/** What a company's page asks of its reader. */
const CALL_TO_ACT = /^\s*(?:get started|start (?:for )?free|start (?:your )?free trial|try (?:it )?(?:for )?free|free trial|request a (?:demo|quote)|book a (?:demo|call|consultation)|contact (?:us|sales)|talk to (?:sales|an expert|us)|schedule a (?:call|consultation|demo)|sign up(?: for free)?|get a (?:quote|demo)|learn more|get in touch|see pricing|view pricing|explore|discover more)\s*$/i;


/** The first text inside an element, a few levels down. */
function textFirstDeep(el: Element): string {
  let n: ChildNode | undefined = el;
  for (let k = 0; n && k < 4; k++) {
    if (isText(n)) return n.data;
    if (!isElement(n)) return "";
    n = n.children.find((c) => isElement(c) || (isText(c) && c.data.trim() !== ""));
  }
  return n && isText(n) ? n.data : "";
}

function textFirst(el: Element): string {
  const c = el.children[0];
  return c && isText(c) ? c.data : "";
}


