/**
 * Stage 4, locate: find the element that holds the article body.
 *
 * Every element gets two numbers from one bottom-up pass: the characters of
 * story-like text inside it (paragraph units: enough text, few links, not in
 * a furniture zone) and the characters of everything else. The container is
 * the element that maximises `story − α·other`: climbing a level pays off
 * only when it gains more story (a lede in a sibling block, the last
 * paragraphs after an ad) than furniture. What furniture the chosen element
 * still holds is the prune stage's job.
 */
import { Element as ElementNode, type Element } from "domhandler";
import type { Context } from "../context.ts";
import type { Cleaned } from "./clean.ts";
import { type ChildNode, type Text, isElement, isText, classId, ownCopy, pathOf, cleanText, findFirst, pushAll } from "../dom.ts";
import { BODY_NAMES, POSITIVE_NAMES, FURNITURE, FURNITURE_TAGS, RELATED_HEADINGS } from "../heuristics/boilerplate.ts";
import { LOCATE, PRUNE, BLOCK_TAGS } from "../heuristics/weights.ts";
import { sameTitle } from "../metadata/title.ts";
import { KEYPOINTS_CLASS } from "../heuristics/meta.ts";
import { POLICY } from "../heuristics/pagetypes.ts";
import type { PageKind } from "./classify.ts";
import { tick } from "../deadline.ts";

export interface Located {
  container: Element;
  /**
   * The story's parts when ads split it into sibling blocks of one kind
   * ("<div class=body>...</div><aside/><div class=body>...</div>"): the
   * container is the part with most story, `parts` all of them in order.
   */
  parts: Element[];
  path: string;
  /** Per-element text statistics of `root`'s subtree, reused by prune when it prunes that same element. */
  stats: StatsMap;
  /** The element `stats` were computed over (the page's body, or the wrapper of a bare fragment). */
  root: Element;
  /** The story block is one part of a page of many: the page reads better as its main region (see partOfMore). */
  partial?: boolean;
}

export interface Stats {
  /** Non-space characters of all text inside. */
  total: number;
  /** Non-space characters inside links. */
  link: number;
  /** Characters of story-like paragraph units inside. */
  story: number;
  /** Inline text directly in this block (not in nested blocks), and its linked part. */
  own: number;
  ownLink: number;
  /** Number of paragraph units inside. */
  units: number;
  /** Unlinked characters of data tables inside, outside zones: content, but not prose. */
  data: number;
  /** Inside (or being) a furniture zone: never a container, its text never story. */
  zoned: boolean;
  /** The statistics these belong to. */
  of: StatsMap;
}

/**
 * Per-element statistics of one subtree. Each element's Stats sit in a slot of the element (see withSlots), so
 * reading them is a property load where a Map of every element of the page cost a hash per read and per write
 * (and the Map's tables to collect). An element belongs to the subtrees of several statistics in turn (the page's,
 * then a container's in prune): when a newer one takes the slot, the older one keeps its value in a Map of its own,
 * so every reader gets what its own statistics computed.
 */
export class StatsMap {
  /** Elements in the order their statistics were set (as a Map iterates). */
  private readonly order: Element[] = [];
  /** Values whose slot a newer StatsMap took. */
  private moved: Map<Element, Stats> | undefined;

  get(el: Element): Stats | undefined {
    const s = (el as Slotted).nc_stats;
    if (s !== undefined && s.of === this) return s;
    return this.moved?.get(el);
  }

  set(el: Element, s: Stats): void {
    const e = el as Slotted;
    const old = e.nc_stats;
    if (old !== undefined && old.of !== this) old.of.keep(el, old);
    s.of = this;
    e.nc_stats = s;
    this.order.push(el);
  }

  forEach(visit: (s: Stats, el: Element) => void): void {
    for (const el of this.order) visit(this.get(el)!, el);
  }

  /** Forgets every element (the page is done): the object itself may live on (see shapes.ts). */
  clear(): void {
    this.order.length = 0;
    this.moved = undefined;
  }

  private keep(el: Element, s: Stats): void {
    (this.moved ??= new Map()).set(el, s);
  }
}

type Slotted = Element & { nc_stats?: Stats };

/** Non-space characters of a string, without allocating. */
export function solidLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

/**
 * Non-space characters of a text node, kept on the node with the text they were counted in: classify counts every
 * text node of the body, locate every one of its root, prune those of a container again. A node whose text has
 * changed since is counted afresh.
 */
type Counted = Text & { nc_solid?: number; nc_solidOf?: string };

export function textSolid(t: Text): number {
  const c = t as Counted;
  const data = t.data;
  if (c.nc_solidOf === data) return c.nc_solid!;
  const n = solidLength(data);
  c.nc_solid = n;
  c.nc_solidOf = data;
  return n;
}

/** Weight of one character of text, by script: CJK packs a word into one or two characters. */
function isDense(s: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(s);
}

export interface Zone {
  rule: string;
  reason: string;
  /** The element's names also say "content": only furniture when it holds little story. */
  ambiguous?: boolean;
  /** Kept by prune when it holds more unlinked text than this. */
  maxProse?: number;
  /** Furniture whatever its size. */
  strong?: boolean;
  /** Furniture however much prose it holds (a product's reviews): only holding most of the container keeps it. */
  anyProse?: boolean;
  /** An element holding more than this share of the page's text is no zone of this kind (a layout wrapper). */
  maxPageShare: number;
  /** An element holding more paragraph text than this is no zone of this kind (a panel of controls holds no paragraph). */
  maxStory: number;
}

/** Blocks that describe a person (an expert box, an author card): schema.org/Person on a block. */
const PERSON_BOX = new Set(["div", "section", "aside"]);
const PERSON_ZONE = zone("person-box", "a box about a person (author card, expert profile) is not the story");

/**
 * Every zone has one shape (the same fields, in the same order), so the code
 * that reads them stays monomorphic: each new shape met on a page deoptimised
 * computeStats or prune's judge, and each recompile of those costs a worker
 * ~50 ms of compiler time.
 */
function zone(rule: string, reason: string, o: { maxProse?: number; strong?: boolean; anyProse?: boolean; ambiguous?: boolean; maxPageShare?: number; maxStory?: number } = {}): Zone {
  return { rule, reason, ambiguous: o.ambiguous === true, maxProse: o.maxProse, strong: o.strong === true, anyProse: o.anyProse === true, maxPageShare: o.maxPageShare ?? LOCATE.maxZoneShare, maxStory: o.maxStory ?? Infinity };
}

/** FURNITURE's entries as zones, plain and ambiguous (their names also say "content"). */
const FURNITURE_ZONES = FURNITURE.map((f) => ({ names: f.names, notOnImages: f.notOnImages === true, plain: zone(f.rule, f.reason, f), ambiguous: zone(f.rule, f.reason, { ...f, ambiguous: true }) }));
/** Maps, not objects: a tag or role named "constructor" must find nothing. */
const TAG_ZONES = new Map(Object.entries(FURNITURE_TAGS).map(([tag, t]) => [tag, zone(t.rule, t.reason)]));
const ROLE_ZONES = new Map(["navigation", "complementary", "contentinfo", "banner"].map((r) => [r, zone("role", `role=${r} is page furniture`)]));

/** Names of layouts that hold a sidebar or a rail beside the story ("sidebar-grid", "has-sidebar"): the layout, not the furniture. */
const LAYOUT_COMPOUND = /(?:has|with|no|without)-[a-z]+|[a-z]+-(?:grid|layout)(?=$|[^a-z])/gi;

/**
 * The zone an element's own tag and names give it, kept on the element (null: none): locate reads it for every
 * element of the page and prune again for every element of the container, each time a dozen regexes over its names.
 * What it reads (tag, class, id, role, type attributes) is settled by the clean stage, before either.
 */
type Zoned = Element & { nc_zone?: Zone | null };

export function zoneOf(el: Element): Zone | undefined {
  const known = (el as Zoned).nc_zone;
  if (known !== undefined) return known ?? undefined;
  const z = ownZone(el);
  (el as Zoned).nc_zone = z ?? null;
  return z;
}

function ownZone(el: Element): Zone | undefined {
  const tagRule = TAG_ZONES.get(el.name);
  // A block's declared kind ("<div type=poll>", data-type) names it like a class.
  const kind = el.attribs["data-type"] ?? (el.name === "div" || el.name === "section" ? el.attribs.type : undefined);
  const raw = kind ? `${classId(el)} ${kind}` : classId(el);
  if (PERSON_BOX.has(el.name) && el.attribs.itemtype && /\/Person$/i.test(el.attribs.itemtype)) return PERSON_ZONE;
  const image = el.name === "img" || el.name === "picture";
  // Pages repeat their class names on many elements: what the names say is read once per distinct names string
  // (images apart, where some furniture words do not count).
  const kept = raw !== "" && !image && raw.length <= MAX_NAMES_CHARS;
  let said = kept ? NAMES_SAY.get(raw) : undefined;
  if (said === undefined) {
    said = namesSay(raw, image);
    if (kept) {
      if (NAMES_SAY.size >= MAX_NAMES_SAID) NAMES_SAY.clear();
      NAMES_SAY.set(ownCopy(raw), said);
    }
  }
  if (said === SAYS_BODY) return undefined;
  if (tagRule) return tagRule;
  if (said >= 0) {
    const z = FURNITURE_ZONES[said >> 1];
    return said & 1 ? z.ambiguous : z.plain;
  }
  const role = raw ? el.attribs.role : undefined;
  return role === undefined ? undefined : ROLE_ZONES.get(role);
}

/** What class names say in ownZone: the story body (SAYS_BODY), nothing (SAYS_NOTHING), or 2 × the first furniture group named, plus 1 when the names also say "content". */
const SAYS_BODY = -2;
const SAYS_NOTHING = -1;
const NAMES_SAY = new Map<string, number>();
/** Distinct names strings remembered, at most (a bound on the memory a long run keeps). */
const MAX_NAMES_SAID = 10_000;
/** Longer names strings (utility-class soup) are read each time, not kept. */
const MAX_NAMES_CHARS = 300;

function namesSay(raw: string, image: boolean): number {
  const names = raw.replace(LAYOUT_COMPOUND, " ");
  if (!names) return SAYS_NOTHING;
  if (BODY_NAMES.test(names)) return SAYS_BODY;
  // FURNITURE's entries differ in shape (optional fields); these all have one, so the loop reads them monomorphically.
  for (let i = 0; i < FURNITURE_ZONES.length; i++) {
    const f = FURNITURE_ZONES[i];
    if (f.names.test(names) && !(image && f.notOnImages)) return 2 * i + (POSITIVE_NAMES.test(names) ? 1 : 0);
  }
  return SAYS_NOTHING;
}

/** What the page's kind changes in zoning: furniture rules that are its content, and furniture of its own. */
export interface KindRules {
  /** Furniture rules that are content on this kind of page (a forum's "comments"): never zones. */
  keep: ReadonlySet<string>;
  /** Zones of this kind only (a product page's reviews). */
  extra: readonly { names: RegExp; zone: Zone }[];
}

/** Each kind's rules, built once (undefined where the kind changes nothing: an article). */
const KIND_RULES = new Map(
  (Object.keys(POLICY) as (keyof typeof POLICY)[]).map((type) => {
    const p = POLICY[type];
    const rules: KindRules | undefined =
      p.keep.length || p.furniture?.length ? { keep: new Set(p.keep), extra: (p.furniture ?? []).map((f) => ({ names: f.names, zone: zone(f.rule, f.reason, { anyProse: f.anyProse, maxStory: f.maxStory }) })) } : undefined;
    return [type, rules] as const;
  }),
);

export function kindRules(kind: PageKind | undefined): KindRules | undefined {
  return KIND_RULES.get(kind?.type ?? "article");
}

/** The zone of an element on a page of this kind. */
export function kindZoneOf(el: Element, stats: StatsMap, rules?: KindRules): Zone | undefined {
  let z = zoneOf(el) ?? headedByRelated(el, stats);
  if (!rules) return z;
  if (z && rules.keep.has(z.rule)) z = undefined;
  if (!z && rules.extra.length && !UNZONED_TAGS.has(el.name)) {
    const names = classId(el);
    if (names) for (const e of rules.extra) if (e.names.test(names)) return e.zone;
  }
  return z;
}

/**
 * Per-element statistics of `root`'s subtree, in passes over a pre-order list of its elements, each pass a function
 * of its own: a fresh process compiles each apart, and a pass that meets a case its compiled code has not seen (the
 * first dense text, the first zone of a kind) is compiled again alone, not with every other pass.
 */
export function computeStats(root: Element, rules?: KindRules): StatsMap {
  const stats = new StatsMap();
  const { order, parentAt } = preOrder(root);
  const count = order.length;
  const all = newStats(count, stats);
  const sizes = textSizes(order, parentAt, all, stats);
  // Summaries cut short with an ellipsis, several on one page, are teasers of other stories (a list of cards, each
  // with its excerpt), not paragraphs of this one: their text is no story, wherever it sits.
  const { unit, raw, cutAt } = sizes;
  if (sizes.cuts >= LOCATE.minCutTeasers) {
    for (let k = count - 1; k >= 0; k--) {
      if (cutAt[k] !== 1) continue;
      const v = unit[k];
      unit[k] = -1;
      for (let p = k; p >= 0; p = parentAt[p]) raw[p] -= v;
    }
  }
  markZones(order, parentAt, all, stats, sizes, rules);
  storyUp(parentAt, all, sizes);
  return stats;
}

/**
 * Zeroed statistics for `count` elements. A loop of its own: in computeStats, on a large first page, the loop was
 * optimised while it ran (on-stack replacement), before the rest of computeStats had run once, and that code was
 * thrown away as soon as it went on.
 */
function newStats(count: number, of: StatsMap): Stats[] {
  const all: Stats[] = new Array(count);
  for (let k = 0; k < count; k++) all[k] = { total: 0, link: 0, story: 0, own: 0, ownLink: 0, units: 0, data: 0, zoned: false, of };
  return all;
}

/** Pre-order list of the elements with each element's parent position; backward visits see children before parents. */
function preOrder(root: Element): { order: Element[]; parentAt: number[] } {
  // Per-element working values live in arrays by position: a Map per value cost more than the arithmetic.
  const order: Element[] = [];
  const parentAt: number[] = [];
  const stack: ChildNode[] = [root];
  const stackParent: number[] = [-1];
  while (stack.length) {
    tick();
    const n = stack.pop()!;
    const p = stackParent.pop()!;
    if (!isElement(n)) continue;
    const k = order.length;
    order.push(n);
    parentAt.push(p);
    for (let i = n.children.length - 1; i >= 0; i--) {
      stack.push(n.children[i]);
      stackParent.push(k);
    }
  }
  return { order, parentAt };
}

/** Working values of computeStats by element position. */
interface Sizes {
  /** The paragraph unit each block closes (its own unlinked text), -1 for none. */
  unit: Float64Array;
  /** Unit text inside, before zones. */
  raw: Float64Array;
  /** Elements that hold a story-body marker (class "article-body", itemprop=articleBody). */
  holdsBody: Uint8Array;
  /** Data tables: the unlinked text of a <table> with no blocks inside (a grid of cells, not a page layout). */
  data: Float64Array;
  /** Units cut short with an ellipsis (1 at their positions), and their number. */
  cutAt: Uint8Array;
  cuts: number;
}

/** Pass 1 (up): text sizes, and the paragraph unit each block closes. Children add themselves to their parent. */
function textSizes(order: Element[], parentAt: number[], all: Stats[], stats: StatsMap): Sizes {
  const count = order.length;
  const unit = new Float64Array(count).fill(-1);
  const raw = new Float64Array(count);
  const holdsBody = new Uint8Array(count);
  const data = new Float64Array(count);
  const blocks = new Uint8Array(count);
  // Units cut short, marked by position on every unit (0 or 1) rather than pushed when found: a branch that runs only
  // on some pages is a point where the optimised loop is thrown away the first time it runs (and the loop compiled
  // again), as were the rare dense-text limit read below and the push of a cut unit.
  const cutAt = new Uint8Array(count);
  let cuts = 0;
  for (let k = count - 1; k >= 0; k--) {
    const el = order[k];
    const s = all[k];
    let dense = false;
    for (const c of el.children) {
      if (isText(c)) {
        const len = textSolid(c);
        s.total += len;
        s.own += len;
        if (len && !dense && isDense(c.data)) dense = true;
      }
    }
    if (el.name === "a") {
      s.link = s.total;
      s.ownLink = s.own;
    }
    if (BLOCK_TAGS.has(el.name) && !CAPTION_TAGS.has(el.name)) {
      const min = dense ? MIN_UNIT_DENSE : el.name === "p" ? MIN_PARAGRAPH : MIN_UNIT;
      if (s.own >= min && s.ownLink <= s.own * LOCATE.maxUnitLinkDensity) {
        unit[k] = s.own - s.ownLink;
        raw[k] += s.own - s.ownLink;
        const c = endsCut(el) ? 1 : 0;
        cutAt[k] = c;
        cuts += c;
      }
    }
    // Written for every element (0 but for data tables), for the same reason as cutAt.
    // Every test is run (no short-circuit): a comparison first met on the first table is a point of the same kind.
    const total = s.total;
    const link = s.link;
    const table = (el.name === "table" ? 1 : 0) & (blocks[k] === 0 ? 1 : 0) & (link <= total * MAX_DATA_TABLE_LINKS ? 1 : 0);
    data[k] = table * (total - link);
    stats.set(el, s);
    holdsBody[k] |= isBodyMarker(el) ? 1 : 0;
    const p = parentAt[k];
    if (p >= 0) {
      const ps = all[p];
      raw[p] += raw[k];
      holdsBody[p] |= holdsBody[k];
      if (blocks[k] || LAYOUT_BLOCKS.has(el.name)) blocks[p] = 1;
      ps.total += s.total;
      ps.link += s.link;
      if (!BLOCK_TAGS.has(el.name)) {
        ps.own += s.own;
        ps.ownLink += s.ownLink;
      }
    }
  }
  return { unit, raw, holdsBody, data, cutAt, cuts };
}

/** textSizes' unit limits, read once. */
const MIN_UNIT_DENSE = LOCATE.minUnitCharsDense;
const MIN_PARAGRAPH = LOCATE.minParagraphChars;
const MIN_UNIT = LOCATE.minUnitChars;
const MAX_DATA_TABLE_LINKS = LOCATE.maxDataTableLinkDensity;

/**
 * Pass 2 (down): furniture zones, unless they hold most of the page (a wrapper whose class happens to say
 * "sidebar-layout" is no sidebar).
 */
function markZones(order: Element[], parentAt: number[], all: Stats[], stats: StatsMap, sizes: Sizes, rules?: KindRules): void {
  // 2a: each element's zone, and the paragraph text inside plain zones (a mega-menu of teasers with excerpts).
  // Each loop is a function of its own (assignZones, zoneFlags), not a closure and a loop of this one: optimised while
  // its loop ran, this function was thrown away on reaching code after the loop that had not run yet.
  const w = new ZoneWork(order, parentAt, all, stats, sizes, rules);
  // Over half the page in small-by-nature zones ("widget"): they are a page builder's blocks, the story too, and the
  // pass runs again with their names read as nothing (prune does the same).
  if (assignZones(w, false) > w.whole * PRUNE.minTiledZoneShare) {
    w.zones.fill(undefined);
    w.ambiguous.fill(0);
    w.inPlain.fill(0);
    w.inSmall.fill(0);
    w.plainStory = 0;
    assignZones(w, true);
  }
  zoneFlags(w);
}

/** What markZones' passes read and fill. */
class ZoneWork {
  readonly count: number;
  readonly whole: number;
  readonly raw: Float64Array;
  readonly holdsBody: Uint8Array;
  readonly zones: (Zone | undefined)[];
  readonly ambiguous: Uint8Array;
  readonly inPlain: Uint8Array;
  readonly inSmall: Uint8Array;
  plainStory = 0;

  constructor(
    readonly order: Element[],
    readonly parentAt: number[],
    readonly all: Stats[],
    readonly stats: StatsMap,
    sizes: Sizes,
    readonly rules: KindRules | undefined,
  ) {
    const count = order.length;
    this.count = count;
    this.whole = all[0].total;
    this.raw = sizes.raw;
    this.holdsBody = sizes.holdsBody;
    this.zones = new Array(count);
    this.ambiguous = new Uint8Array(count);
    this.inPlain = new Uint8Array(count);
    this.inSmall = new Uint8Array(count);
  }
}

/** Each element's zone; returns the text the outermost small-by-nature zones hold. */
function assignZones(w: ZoneWork, tiled: boolean): number {
  const { order, parentAt, all, stats, rules, raw, holdsBody, zones, ambiguous, inPlain, inSmall, whole, count } = w;
  let small = 0;
  for (let k = 0; k < count; k++) {
    const el = order[k];
    const p = parentAt[k];
    if (p >= 0 && inSmall[p]) inSmall[k] = 1;
    if (p >= 0 && inPlain[p]) {
      inPlain[k] = 1;
      continue;
    }
    if (UNZONED_TAGS.has(el.name)) continue;
    const zone = kindZoneOf(el, stats, rules);
    if (!zone) continue;
    const smallKind = zone.maxPageShare < LOCATE.maxZoneShare;
    if (smallKind && !inSmall[k]) {
      inSmall[k] = 1;
      small += all[k].total;
    }
    if ((all[k].total > whole * zone.maxPageShare && !zone.strong && !pageEnd(el)) || (tiled && smallKind) || raw[k] > zone.maxStory) continue;
    zones[k] = zone;
    // A "rail" or "sidebar" layout wrapper that holds the story body is no sure zone.
    if (zone.ambiguous || (holdsBody[k] === 1 && !isBodyMarker(el))) ambiguous[k] = 1;
    else {
      inPlain[k] = 1;
      w.plainStory += raw[k];
    }
  }
  return small;
}

/** 2b: an ambiguous zone is furniture when it holds little of the paragraph text outside the plain zones. */
function zoneFlags(w: ZoneWork): void {
  const { parentAt, all, raw, zones, ambiguous, count } = w;
  const pageStory = Math.max(raw[0] - w.plainStory, 1);
  for (let k = 0; k < count; k++) {
    const s = all[k];
    const p = parentAt[k];
    if (p >= 0 && all[p].zoned) s.zoned = true;
    else if (zones[k]) s.zoned = !ambiguous[k] || raw[k] < pageStory * LOCATE.maxAmbiguousZoneStory;
  }
}

/** Pass 3 (up): story text, outside zones. */
function storyUp(parentAt: number[], all: Stats[], sizes: Sizes): void {
  const { unit, data } = sizes;
  for (let k = all.length - 1; k >= 0; k--) {
    const s = all[k];
    if (s.zoned) continue;
    if (unit[k] >= 0) {
      s.story += unit[k];
      s.units++;
    }
    s.data += data[k];
    const p = parentAt[k];
    if (p >= 0) {
      const ps = all[p];
      ps.story += s.story;
      ps.units += s.units;
      ps.data += s.data;
    }
  }
}

/**
 * A <footer> or <nav> that holds most of a page's text is still the page's footer or menu when it holds no headline
 * or article: on a page with almost no text of its own (a video page), the legal notice is most of what there is.
 */
export function pageEnd(el: Element): boolean {
  return (el.name === "footer" || el.name === "nav") && !findFirst(el, (e) => e.name === "h1" || e.name === "article" || e.name === "main");
}

/** A block whose text ends in an ellipsis ("...", "…"), looking through trailing inline elements. */
function endsCut(el: Element): boolean {
  let n: ChildNode | null = el.lastChild as ChildNode | null;
  for (let depth = 0; n && depth < 4; ) {
    if (isText(n)) {
      if (!n.data.trim()) {
        n = n.prev as ChildNode | null;
        continue;
      }
      return /(?:\.\.\.|…)\s*$/.test(n.data);
    }
    if (!isElement(n) || BLOCK_TAGS.has(n.name)) return false;
    n = n.lastChild as ChildNode | null;
    depth++;
  }
  return false;
}

const RELATED_ZONE = zone("related-section", "a section headed 'related', 'more from', 'most read'...");

/** A block whose first child is a heading such as "Related stories" or "Most read". */
export function headedByRelated(el: Element, stats: StatsMap): Zone | undefined {
  let first: Element | undefined;
  for (const c of el.children) {
    if (isElement(c)) {
      first = c;
      break;
    }
    if (isText(c) && c.data.trim()) return undefined;
  }
  if (!first) return undefined;
  // Descend through single wrappers (<div><h3>Related</h3></div>) a little way.
  for (let i = 0; i < 2 && first.children.length === 1 && isElement(first.children[0]); i++) first = first.children[0] as Element;
  const fs = stats.get(first);
  if (!fs || fs.total > LOCATE.maxHeadingChars || fs.total === 0) return undefined;
  if (fs.total === stats.get(el)!.total) return undefined;
  return RELATED_HEADINGS.test(cleanText(first)) ? RELATED_ZONE : undefined;
}

function isBodyMarker(el: Element): boolean {
  if (el.attribs.itemprop === "articleBody") return true;
  const names = classId(el);
  return names !== "" && BODY_NAMES.test(names);
}

/** Page-level wrappers are never furniture zones, whatever their class says. */
const UNZONED_TAGS = new Set(["html", "body", "main"]);

/** What a page-layout table holds and a data table does not. */
const LAYOUT_BLOCKS = new Set(["table", "p", "div", "ul", "ol", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "form"]);

const CAPTION_TAGS = new Set(["figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6"]);

export function locate(cleaned: Cleaned, ctx: Context, title?: string, kind?: PageKind): Located {
  void ctx;
  const policy = POLICY[kind?.type ?? "article"];
  const rules = kindRules(kind);
  const root = (isElement(cleaned.body as ChildNode) ? cleaned.body : cleaned.doc.children.find((c) => isElement(c))) as Element | undefined;
  if (!root) {
    // Text without any element (a fragment, or plain text): read the document itself.
    const wrapper = new ElementNode("body", {}, cleaned.doc.children);
    return { container: wrapper, parts: [wrapper], path: "#document", stats: computeStats(wrapper, rules), root: wrapper };
  }
  const stats = computeStats(root, rules);
  if (policy.region) {
    const region = mainRegion(root, stats);
    return { container: region, parts: [region], path: pathOf(region), stats, root };
  }
  let best = root;
  let bestScore = -Infinity;
  // forEach: no [element, stats] array per element of the page.
  stats.forEach((s, el) => {
    if (!s.units) return;
    const score = storyScore(s);
    if (score > bestScore && !inKeyPoints(el)) {
      bestScore = score;
      best = el;
    }
  });
  best = firstStory(best, stats, title);
  // A lone paragraph is never the story when its parent holds more of it: the text around (a thread below) cost the
  // parent its score, and prune takes that out again.
  if (best.name === "p" && best !== root) {
    const up = stats.get(best.parent as Element);
    const own = stats.get(best);
    if (up && !up.zoned && up.total - up.link >= (own?.total ?? 0) * LOCATE.loneParagraphShare) best = best.parent as Element;
  }
  return { container: best, parts: splitParts(best, stats), path: pathOf(best), stats, root, ...(partOfMore(best, root, stats) ? { partial: true } : {}) };
}

/**
 * Whether the best story block is one part of a page made of many (one section of a company's page, one card's text
 * on a list): the page's main region holds it and more than twice its story text (on a page of next to no story, more
 * than ten times its unlinked text), and no <article> around it under
 * the region has a headline of its own (a story with other stories beside it is still one story).
 */
function partOfMore(best: Element, root: Element, stats: StatsMap): boolean {
  // The region lies inside the root: a block holding half the root's story holds half the region's (most stories),
  // and the region's walk is spared.
  const own = stats.get(best)?.story ?? 0;
  const whole = stats.get(root)?.story ?? 0;
  if (whole >= LOCATE.minStoryChars && own >= whole * LOCATE.minStoryShare) return false;
  const region = mainRegion(root, stats);
  const story = stats.get(region)?.story ?? 0;
  if (story < LOCATE.minStoryChars) {
    // A page of next to no story (a grid of short cards taken for a story): its best block is a scrap of the page
    // when the region holds a story's worth of unlinked text and the block almost none of it.
    const r = stats.get(region);
    const b = stats.get(best);
    const text = r ? r.total - r.link : 0;
    if (!b || text < LOCATE.minStoryChars || b.total - b.link >= text * LOCATE.maxScrapShare) return false;
  } else if (own >= story * LOCATE.minStoryShare) return false;
  let n: Element | null = best;
  for (; n && n !== region; n = n.parent as Element | null) if (n.name === "article" && headlineOf(n)) return false;
  // A scrap outside the region (a sticky bar's line) is no part of the page's content either.
  return n === region || story < LOCATE.minStoryChars;
}

/**
 * The page's main region, for pages made of many units (a thread's posts, a grid's cards, a company page's
 * sections): the smallest element that holds nearly all the text outside furniture zones (menus, header,
 * footer, sidebars), so that no unit is left out for not being the best one.
 */
function mainRegion(root: Element, stats: StatsMap): Element {
  // Elements by position (children popped last first, as before), with each one's parent position and subtree size:
  // text outside zones is summed bottom-up in an array, where a Map of every element cost a hash per element.
  const order: Element[] = [];
  const parentAt: number[] = [];
  const stack: Element[] = [root];
  const stackParent: number[] = [-1];
  while (stack.length) {
    const el = stack.pop()!;
    const k = order.length;
    order.push(el);
    parentAt.push(stackParent.pop()!);
    for (const c of el.children)
      if (isElement(c)) {
        stack.push(c);
        stackParent.push(k);
      }
  }
  const count = order.length;
  const free = new Float64Array(count);
  const size = new Uint32Array(count);
  for (let i = count - 1; i >= 0; i--) {
    const el = order[i];
    const s = stats.get(el);
    // Children came later in the order, so their text is already in free[i]: a zone drops it, else its own text joins.
    if (!s || s.zoned) free[i] = 0;
    else for (const c of el.children) if (isText(c)) free[i] += textSolid(c);
    size[i] += 1;
    const p = parentAt[i];
    if (p >= 0) {
      free[p] += free[i];
      size[p] += size[i];
    }
  }
  const target = free[0] * LOCATE.regionShare;
  // Zones that take nearly all the page's text are the page, not its furniture (a grid named "related-products",
  // a service page built of "promo" blocks): the region is the whole page, and prune judges its parts.
  if (free[0] <= LOCATE.minFreeShare * (stats.get(root)?.total ?? 0)) return root;
  let at = 0;
  for (;;) {
    // The children of `at` follow it, the last one first, each after the subtree of the one before: the last child
    // (in page order) that holds the target is the first met.
    let next = -1;
    for (let j = at + 1; j < at + size[at]; j += size[j])
      if (free[j] >= target) {
        next = j;
        break;
      }
    if (next < 0) break;
    at = next;
  }
  let cur = order[at];
  // The page's headline, outside furniture, heads its content: a region that leaves it out (a footer or a side
  // column that happens to hold most of the text) widens to take it in.
  const h1 = order.find((el) => el.name === "h1" && !stats.get(el)?.zoned);
  if (!h1) return cur;
  const above = new Set<Element>();
  for (let n: Element | null = h1; n && n !== root; n = n.parent as Element | null) above.add(n);
  while (cur !== root && !above.has(cur)) cur = cur.parent as Element;
  return cur;
}

/** A key-points box sums the story up: neither it nor a paragraph of it is the story, however well it scores. */
function inKeyPoints(el: Element): boolean {
  for (let p: Element | null = el, k = 0; p && k < 4; p = p.parent as Element | null, k++) if (isElement(p) && KEYPOINTS_CLASS.test(classId(p))) return true;
  return false;
}

/** What a container is worth: its story text, less the other text it carries (a data table's cells are content: neither). */
function storyScore(s: Stats): number {
  return s.story - LOCATE.otherPenalty * (s.total - s.story - s.data);
}

/**
 * A container that holds two or more whole stories, each an <article> with its own <h1> (a page that appends the
 * next story as the reader scrolls): the story whose headline is the page's title, or else the first one, and in it
 * the best-scoring block again.
 */
function firstStory(best: Element, stats: StatsMap, title?: string): Element {
  const stories: Element[] = [];
  const stack: ChildNode[] = [...best.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "article") {
      if ((stats.get(n)?.story ?? 0) >= LOCATE.minStoryChars && headlineOf(n)) stories.push(n);
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  if (stories.length < 2) return best;
  const story = (title && stories.find((st) => sameTitle(cleanText(headlineOf(st)!), title))) || stories[0];
  let pick = story;
  let pickScore = -Infinity;
  const walk: ChildNode[] = [story];
  while (walk.length) {
    const n = walk.pop()!;
    if (!isElement(n)) continue;
    const s = stats.get(n);
    if (s?.units) {
      const score = storyScore(s);
      if (score > pickScore) {
        pickScore = score;
        pick = n;
      }
    }
    pushAll(walk, n.children);
  }
  return pick;
}

function headlineOf(el: Element): Element | undefined {
  return findFirst(el, (e) => e !== el && e.name === "h1");
}

/**
 * Sibling blocks with the same tag and class as the container (or as its
 * parent) that also hold story units: the rest of a body split by ads or
 * widgets. Looked for a level or two up, as the split is often of wrappers.
 */
function splitParts(best: Element, stats: StatsMap): Element[] {
  let el: Element = best;
  for (let level = 0; level < LOCATE.splitLevels && el.parent && isElement(el.parent as ChildNode); level++, el = el.parent as Element) {
    const sig = signature(el);
    if (!sig) continue;
    const parts = (el.parent as Element).children.filter((c): c is Element => isElement(c) && (c === el || (signature(c) === sig && isPart(stats.get(c)))));
    if (parts.length < 2) continue;
    // The container itself stays the part that holds it; its siblings join whole.
    return parts.map((p) => (p === el ? best : p));
  }
  return [best];
}

/** A sibling of the story's kind holds story too; one zoned by a word its kind shares with furniture ("article-widget") still counts by its prose. */
function isPart(s: Stats | undefined): boolean {
  if (!s) return false;
  return s.zoned ? s.total - s.link >= LOCATE.minUnitChars : s.units > 0;
}

function signature(el: Element): string {
  const cls = el.attribs.class?.trim();
  return cls ? `${el.name}.${cls}` : "";
}
