/**
 * Stage 5, prune: remove the furniture that sits inside the chosen container
 * (share bars, related lists, ad labels, bylines, promos...). Every removal
 * is recorded with its rule and reason. A rule never removes an element that
 * holds a large share of the container's story text: a wrapper that happens
 * to carry a furniture word in its class is not furniture.
 */
import type { Element } from "domhandler";
import type { Context } from "../context.ts";
import type { Located, Stats } from "./locate.ts";
import type { Metadata } from "../metadata/index.ts";
import { type ChildNode, type ParentNode, isElement, isText, classId, cleanText, detach, detachAll, findFirst, pathOf, textOf, walkElements, ownCopy, pushAll, isInside } from "../dom.ts";
import { zoneOf, computeStats, kindRules, kindZoneOf, pageEnd, solidLength, type Zone, type KindRules, type StatsMap } from "./locate.ts";
import { appealKinds, AD_LABELS, FURNITURE_TEXTS, FURNITURE_SHAPES, PROMO_PHRASES, RELATED_HEADINGS, COMMENT_HEADINGS, REPLY_CONTROL, POST_LINK, AVATAR, LEAD_IN_LINKS, BYLINE_LINE, DATE_LINE, DATE_PROPS, STAMP, STAMP_WORDS } from "../heuristics/boilerplate.ts";
import { PRUNE, BLOCK_TAGS, LOCATE } from "../heuristics/weights.ts";
import { countWords } from "../heuristics/words.ts";
import { imageSource, isTinyImage } from "../heuristics/images.ts";
import type { PageKind } from "./classify.ts";

export interface Pruned {
  container: Element;
  /** The story's parts in reading order (the container alone, unless ads split the body). */
  parts: Element[];
}

interface Verdict {
  rule: string;
  reason: string;
}

const HEADING = /^h[1-6]$/;
/** Whole blocks whose inside is data (figures: structure reads only their pictures and caption), judged only as a whole. */
const OPAQUE = new Set(["table", "pre", "code", "math", "figure", "picture"]);
/** Link lists come as lists and blocks; a <p> full of links is still a sentence. */
const LISTISH = new Set(["ul", "ol", "div", "section", "nav", "table", "dl", "aside", "article", "header", "figure"]);

export function prune(located: Located, meta: Metadata, ctx: Context, kind?: PageKind): Pruned {
  void meta;
  const rules = kindRules(kind);
  // The page's own numbers serve when the whole page is pruned (a page of many units, a page with no story block)
  // and nothing has changed it since: computing them again is most of prune's cost on a page of tiny elements.
  for (const part of located.parts) prunePart(part, ctx, rules, part === located.root ? located.stats : undefined);
  return { container: located.container, parts: located.parts };
}

function prunePart(container: Element, ctx: Context, rules?: KindRules, known?: StatsMap): void {
  const keep = rules?.keep;
  const changed = dropInlineWidgets(container, ctx);
  // Fresh numbers inside the container: zones are judged against it, not the page.
  const stats = known && !changed ? known : computeStats(container, rules);
  const top = stats.get(container)!;
  const story = top.story || 1;
  const drop: [Element, Verdict][] = [];
  const cards: Element[] = [];
  let cardText = 0;
  // Several dated <time> stamps: a live blog's entries or a timeline, whose times are part of the story. Counted
  // only when a lone <time> is about to be taken for the dateline: most pages never need it.
  let stampedPart: boolean | undefined;
  const stamped = (): boolean => {
    if (stampedPart === undefined) {
      let times = 0;
      walkElements(container, (el) => void (el.name === "time" && el.attribs.datetime && times++));
      stampedPart = times >= PRUNE.minStamps;
    }
    return stampedPart;
  };

  // Page builders wrap every block in a "widget": when such boxes tile the container, the name tells nothing.
  let tiledPart: boolean | undefined;
  const tiled = (): boolean => (tiledPart ??= tiledZones(container, stats, top.total, rules));

  if (!keep?.has("comments")) for (const el of trailingThread(container, stats, story)) drop.push([el, THREAD]);

  // Links met so far by address: a card names its item in several links (picture, heading, a copy for another layout).
  let links: Map<string, Element> | undefined;
  // Boxes that stayed, by length (non-space characters); a length's boxes by text once a second box of that length
  // comes up. Each box's text is read once, and only then (a wrapper and its only child share their length, and are
  // told apart by containment first): a page of thousands of boxes of one length costs a lookup each, not a comparison
  // with every earlier one.
  let boxes: Map<number, Boxes> | undefined;
  const far = (n: Element, same: Boxes): boolean => {
    if (!same.byText) {
      // Until now each box of this length held the next one (a chain of wrappers, pre-order): if the last holds this
      // one, all do, and no text is needed.
      if (isInside(n, same.all[same.all.length - 1])) return false;
      same.byText = new Map();
      for (const o of same.all) addText(same.byText, o);
    }
    const earlier = same.byText.get(cleanText(n));
    if (!earlier) return false;
    // Earlier boxes of this text that are not around this one: those that are its ancestors are counted on its way up
    // (at most the tree's depth), not tested one by one.
    let around = 0;
    for (let p = n.parent; p && around < earlier.size; p = p.parent) if (earlier.has(p as Element)) around++;
    if (around === earlier.size) return false;
    // A box with a picture is its picture's (a gallery's slides share a caption; a picture shown twice is shown twice).
    return !containsTag(n, "img") && !containsTag(n, "picture");
  };
  const stack: ChildNode[] = [...container.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    const s = stats.get(n);
    if (!s) continue;
    // A box printing again the text of an earlier box elsewhere in the container (a sticky bar's copy of the buy box, a
    // tab's copy of the summary): the layout's copy. Boxes, and long paragraphs (a refrain or a dish is shorter).
    const copyable = s.total >= PRUNE.minCopyChars && (COPY_BOXES.has(n.name) || (n.name === "p" && s.total >= PRUNE.minParagraphCopyChars));
    if (copyable) {
      const same = (boxes ??= new Map()).get(s.total);
      if (same && far(n, same)) {
        drop.push([n, FAR_COPY]);
        continue;
      }
    }
    if (n.name === "a" && s.total > 0 && n.attribs.href) {
      const href = n.attribs.href;
      const before = (links ??= new Map()).get(href);
      links.set(href, n);
      if (before && cardCopy(n, before, stats)) {
        drop.push([n, LINK_COPY]);
        continue;
      }
    }
    let v = judge(n, s, story, stats, stamped, tiled, top.total, rules) ?? (LIST_TAGS.has(n.name) && isBreadcrumb(n, ctx) ? BREADCRUMB : undefined);
    if (!v && !keep?.has("comments") && s.story > 0 && replyThread(n, container, stats, story)) v = THREAD;
    if (!v && s.total >= PRUNE.minCopyChars * 2) for (const c of layoutCopies(n, stats)) drop.push([c, COPY]);
    // What this kind of page is made of stays (a forum's posts, a grid's cards).
    if (v && keep?.has(v.rule)) v = undefined;
    if (!v && !keep?.has("teaser-card") && isTeaserCard(n, s, stats, ctx)) {
      cards.push(n);
      cardText += s.total - s.link;
      continue;
    }
    if (v) {
      drop.push([n, v]);
      if (v.rule === "comments-heading") {
        // The thread runs to the next heading, prose as it is; a "Comments" label above the story (a bar of the
        // story's tools) has the story after it, which no rule takes.
        const thread: Element[] = [];
        let told = 0;
        for (let next = nextElement(n); next && !HEADING.test(next.name); next = nextElement(next)) {
          thread.push(next);
          told += stats.get(next)?.story ?? 0;
        }
        if (told <= story * PRUNE.maxRemovableStoryShare) for (const el of thread) drop.push([el, { rule: "comments", reason: "what follows a comments heading" }]);
      }
      if (v.rule === "related-heading") {
        // What follows a "Related" heading, up to the next heading, is the list of other stories.
        const dropped = new Set<Element>();
        for (let next = nextElement(n); next && !HEADING.test(next.name) && !stats.get(next)?.units; next = nextElement(next)) {
          drop.push([next, { rule: "related-list", reason: "what follows a 'related' heading" }]);
          dropped.add(next);
        }
        for (let next = nextElement(n); next && !HEADING.test(next.name); next = nextElement(next)) {
          if (dropped.has(next)) continue;
          if (isTeaser(next, stats)) drop.push([next, { rule: "related-list", reason: "a story teaser after a 'related' heading" }]);
          else break;
        }
      }
      continue;
    }
    // Cells and code are data: a date in a table header is a column, not a dateline.
    // A <figure> without a picture (a byline box, a pull quote) is read like any block.
    // Only a box that stays is an original: a copy of a menu or a related list taken out is no reason to drop the text.
    if (copyable) {
      const same = boxes!.get(s.total);
      if (!same) boxes!.set(s.total, { all: [n], byText: undefined });
      else {
        same.all.push(n);
        if (same.byText) addText(same.byText, n);
      }
    }
    if (OPAQUE.has(n.name) && !(n.name === "table" && isLayoutTable(n)) && !(n.name === "figure" && !containsTag(n, "img") && !containsTag(n, "picture"))) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  // Cards that make up most of the container are its content (a roundup whose items link to the site's reviews).
  if (cardText <= (top.total - top.link) * PRUNE.maxTeaserCardShare) for (const el of cards) drop.push([el, TEASER_CARD]);
  keepOnlyProse(drop, top, stats);
  for (const [el, v] of drop) ctx.removed("prune", v.rule, v.reason, () => textOf(el), () => pathOf(el));
  detachAll(drop.map(([el]) => el));
}

/**
 * A page whose only prose is its comments (a link shared for discussion, a question read as a story): pruning them
 * would leave nothing, so they are its content and stay.
 */
function keepOnlyProse(drop: [Element, Verdict][], top: Stats, stats: StatsMap): void {
  let gone = 0;
  let comments = 0;
  for (const [el, v] of drop) {
    const s = stats.get(el);
    if (!s) continue;
    gone += s.total - s.link;
    if (v.rule === "comments") comments += s.total - s.link;
  }
  const left = top.total - top.link - gone;
  if (comments >= PRUNE.minOnlyProse && left < PRUNE.minOnlyProse) {
    for (let i = drop.length - 1; i >= 0; i--) if (drop[i][1].rule === "comments") drop.splice(i, 1);
  }
}

/** Whether the container's topmost small-by-nature zones (page-builder "widgets") hold most of its text. */
function tiledZones(container: Element, stats: StatsMap, whole: number, rules?: KindRules): boolean {
  let sum = 0;
  const stack: ChildNode[] = [...container.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    const z = kindZoneOf(n, stats, rules);
    if (z && z.maxPageShare < LOCATE.maxZoneShare) {
      sum += stats.get(n)?.total ?? 0;
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  return sum > whole * PRUNE.minTiledZoneShare;
}

function judge(el: Element, s: Stats, story: number, stats: StatsMap, stamped: () => boolean, tiled: () => boolean, whole: number, rules?: KindRules): Verdict | undefined {
  // 1. Named furniture (class/id/tag/role), as this kind of page names it.
  let zone = kindZoneOf(el, stats, rules);
  // A kind of furniture that is small by nature ("widget") holding much of the container is the container's content.
  if (zone && zone.maxPageShare < LOCATE.maxZoneShare && (s.total > whole * zone.maxPageShare || tiled())) zone = undefined;
  // A zone whose names also say "article" or "content" ("article-widget-text") needs less story to be kept.
  const share = zone?.ambiguous ? PRUNE.maxRemovableAmbiguousShare : PRUNE.maxRemovableStoryShare;
  const shareOfStory = storyShare(el, stats);
  const appeal = zone?.rule === "newsletter" && shareOfStory <= PRUNE.maxAppealStoryShare * story && asksForSupport(el);
  // Even a sure zone (a consent banner) never takes most of the container with it: a wrapper misnamed so is the page.
  const protectedByStory = zone?.strong || zone?.anyProse ? s.total > whole * PRUNE.maxStrongZoneShare && shareOfStory > share * story : !appeal && shareOfStory > share * story && !(zone && pageEnd(el));
  // A few words a sentence runs through stay, whatever their class names ("<a class=player-link>Rafael Nadal</a> kept").
  if (zone && !protectedByStory && (appeal || !sparedZone(zone, el, s)) && (zone.strong || !phraseInSentence(el, s, stats))) return zone;

  // Short elements: judged by their whole text, when that text is a line of its own (not a word inside a sentence,
  // nor a byline- or date-shaped phrase that a sentence runs through).
  if (s.total <= PRUNE.shortTextChars) {
    const v = judgeShort(el, s, stamped);
    if (v && (standsAlone(el) || (!WHOLE_LINE_RULES.has(v.rule) && !(v.rule === "byline" && inSentence(el, stats))))) return v;
  }

  // A list of other stories' headlines, each with an excerpt the page cuts short ("...").
  if (LIST_TAGS.has(el.name) && isTeaserList(el, stats)) return { rule: "teaser-list", reason: "a list of links to other stories, each with an excerpt cut short" };
  // A labelled run of links of any length ("Tags: a, b, c, ...", "Related: ..."): short ones are judged above.
  if (s.total > PRUNE.shortTextChars && s.link >= s.total * PRUNE.paragraphLinkDensity && LEAD_IN_LINKS.test(cleanText(el))) return { rule: "read-more", reason: "a labelled list of links to other pages" };
  // Blocks of links: menus, related headlines, tag lists.
  if ((LISTISH.has(el.name) || (el.name === "a" && hasBlockChild(el))) && !protectedByStory && isLinkList(el, stats) && !introduced(el)) return { rule: "link-list", reason: "a block made of links points elsewhere" };
  if (el.name === "p" && s.total >= PRUNE.minLinkListChars && s.link >= s.total * PRUNE.paragraphLinkDensity) return { rule: "link-paragraph", reason: "a paragraph that is only a link points elsewhere" };
  return undefined;
}

const LIST_TAGS = new Set(["ul", "ol"]);
/** Class words of a box that holds one picture and its caption. */
const PICTURE_BOX = /(?:^|[^a-z])(?:image|photo|picture|img)[-_](?:widget|block|embed|box|container|module)(?:$|[^a-z])/i;
const THREAD: Verdict = { rule: "comments", reason: "signed and dated posts after the story: readers' comments" };

/**
 * Readers' comments after the story with no name to find them by (an old page's thread in the story's own cell):
 * a run of at least PRUNE.minThreadPosts posts, each opening with a signature line (a name beside a date or time),
 * to the end of the container or of its last block, after most of the story. A live blog's entries open with a
 * time alone, a timeline's with a date alone: no name, no thread.
 */
function trailingThread(container: Element, stats: StatsMap, story: number): Element[] {
  for (let box: Element | undefined = container, depth = 0; box && depth < 2; depth++) {
    const kids: Element[] = box.children.filter(isElement);
    const signed: number[] = [];
    kids.forEach((k, i) => void (signatureLine(k) && signed.push(i)));
    if (signed.length >= PRUNE.minThreadPosts) {
      // The run: signed posts a few blocks apart, to the end.
      let first = signed.length - 1;
      while (first > 0 && signed[first] - signed[first - 1] <= PRUNE.maxPostBlocks) first--;
      const from = signed[first];
      const posts = signed.length - first;
      if (posts >= PRUNE.minThreadPosts && kids.length - 1 - signed[signed.length - 1] <= PRUNE.maxPostBlocks) {
        let before = 0;
        for (let i = 0; i < from; i++) before += stats.get(kids[i])?.story ?? 0;
        if (before >= story * PRUNE.minStoryBeforeThread) return kids.slice(from);
      }
    }
    const last: Element | undefined = kids[kids.length - 1];
    box = last && (stats.get(last)?.story ?? 0) < story * PRUNE.minStoryBeforeThread ? last : undefined;
  }
  return [];
}

/**
 * Readers' comments in nested boxes, whatever their names: a box of at least PRUNE.minThreadPosts units of one tag,
 * most of them posts (a date or time in their first characters, and a reply control), after most of the story
 * outside it. A live blog's or a timeline's entries have dates and no reply control.
 */
function replyThread(el: Element, container: Element, stats: StatsMap, story: number): boolean {
  // Units with text: a thread's empty anchors and spacers between posts are no posts.
  let units = 0;
  let tag = "";
  for (let c = el.firstChild; c; c = c.next) {
    if (!isElement(c) || !(stats.get(c)?.total ?? 0)) continue;
    if (!units) tag = c.name;
    units++;
  }
  if (units < PRUNE.minThreadPosts || !POST_BOXES.has(tag)) return false;
  // Most blocks fail on their first units: stop as soon as too many have failed.
  const allowed = units - Math.max(PRUNE.minThreadPosts, Math.ceil(units * PRUNE.threadPostShare));
  if (failures(el, stats, tag, allowed, datedLead) > allowed) return false;
  if (failures(el, stats, tag, allowed, (u) => postMark(u, stats)) > allowed) return false;
  const own = stats.get(el)?.story ?? 0;
  return storyBefore(el, container, stats) >= (story - own) * PRUNE.minStoryBeforeThread;
}

/** Units with text (of the tag) failing the test, counted until more than `allowed` have. */
function failures(el: Element, stats: StatsMap, tag: string, allowed: number, test: (unit: Element) => boolean): number {
  let failed = 0;
  for (let c = el.firstChild; c && failed <= allowed; c = c.next) {
    if (!isElement(c) || !(stats.get(c)?.total ?? 0)) continue;
    if (c.name !== tag || !test(c)) failed++;
  }
  return failed;
}

/** What a layout's copy is boxed in. */
const FAR_COPY: Verdict = { rule: "copy", reason: "the same text as a box earlier in the container: the layout's copy for another place or screen" };

/** The boxes of one length that stayed in a container, and (once two are met) the same by text. */
interface Boxes {
  all: Element[];
  byText?: Map<string, Set<Element>>;
}

function addText(byText: Map<string, Set<Element>>, el: Element): void {
  const t = cleanText(el);
  const set = byText.get(t);
  if (set) set.add(el);
  else byText.set(t, new Set([el]));
}

const LINK_COPY: Verdict = { rule: "link-copy", reason: "a card's link printed again with the same text and address (a copy for another layout)" };

/** Whether `link` prints the text of `before`, a link to the same address, both within one small box (a card). */
function cardCopy(link: Element, before: Element, stats: StatsMap): boolean {
  if ((stats.get(link)?.total ?? 0) !== (stats.get(before)?.total ?? 0)) return false;
  let box = link.parent;
  while (box && isElement(box) && (stats.get(box)?.total ?? Infinity) <= PRUNE.maxCardCopyChars) {
    if (isInside(before, box)) return cleanText(link) === cleanText(before);
    box = box.parent;
  }
  return false;
}

const COPY_BOXES = new Set(["div", "section", "article", "ul", "ol", "table", "aside", "figure", "dl"]);
const COPY: Verdict = { rule: "copy", reason: "the same text as a block before it: the layout's version for another screen size, or a slider's clone" };

/**
 * Children that print again the text of a sibling before them: a layout's versions for each screen size (one
 * shown at a time), a slider's clones. Siblings of equal length are compared, so most boxes compare none.
 */
function layoutCopies(el: Element, stats: StatsMap): Element[] {
  let byLength: Map<number, Element[]> | undefined;
  let copies: Element[] | undefined;
  for (let c = el.firstChild; c; c = c.next) {
    if (!isElement(c)) continue;
    const total = stats.get(c)?.total ?? 0;
    // Boxes only: a paragraph said twice among its siblings (a meal plan's dish, a refrain) is the page's.
    if (total < PRUNE.minCopyChars || !COPY_BOXES.has(c.name)) continue;
    byLength ??= new Map();
    const same = byLength.get(total);
    if (!same) {
      byLength.set(total, [c]);
      continue;
    }
    const text = cleanText(c);
    if (same.some((o) => cleanText(o) === text)) (copies ??= []).push(c);
    else same.push(c);
  }
  return copies ?? [];
}

/** What a nested post is boxed in (a story's paragraphs are <p>s: an old page's signed <p> posts are trailingThread's). */
const POST_BOXES = new Set(["div", "li", "article", "section", "table"]);

/** A date or time in an element's first characters of text. */
function datedLead(el: Element): boolean {
  let lead = "";
  const stack: ChildNode[] = [el];
  while (stack.length && lead.length < PRUNE.postLeadChars) {
    const n = stack.pop()!;
    if (isText(n)) lead += n.data + " ";
    else if (isElement(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  STAMP.lastIndex = 0;
  return STAMP.test(lead.slice(0, PRUNE.postLeadChars));
}

/**
 * A reader's post's mark in the element: a link, button or label saying "Reply", a permalink to the comment, an
 * avatar. Looked for within a bounded number of nodes.
 */
function postMark(el: Element, stats: StatsMap): boolean {
  const stack: ChildNode[] = [el];
  for (let seen = 0; stack.length && seen < PRUNE.maxReplySearch; seen++) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if ((n.name === "a" && n.attribs.href && POST_LINK.test(n.attribs.href)) || (n.name === "img" && AVATAR.test(n.attribs.src ?? ""))) return true;
    // The text is read only of small elements (its solid characters counted already): a post's body is never a control.
    if (n !== el && n.children.length <= 3 && (stats.get(n)?.total ?? 0) <= PRUNE.maxReplyControlChars) {
      const text = textOf(n);
      if (text.length <= PRUNE.maxReplyControlChars && REPLY_CONTROL.test(text.trim())) return true;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return false;
}

/** The container's story text before an element, in page order. */
function storyBefore(el: Element, container: Element, stats: StatsMap): number {
  let before = 0;
  for (let n: Element = el; n !== container && n.parent && isElement(n.parent); n = n.parent) {
    for (let p = n.prev; p; p = p.prev) if (isElement(p)) before += stats.get(p)?.story ?? 0;
    if (n.parent === container) break;
  }
  return before;
}

/** Whether a block opens with a short line holding a name beside a date or time. */
function signatureLine(el: Element): boolean {
  let line = "";
  const stack: ChildNode[] = [el.name === "table" ? (findFirst(el, (e) => e.name === "tr") ?? el) : el];
  // The first line: text up to the first line break or block inside.
  while (stack.length && line.length <= PRUNE.maxSignatureChars) {
    const n = stack.pop()!;
    if (isText(n)) line += n.data + " ";
    else if (isElement(n)) {
      if (n !== el && (n.name === "br" || (BLOCK_TAGS.has(n.name) && n.name !== "td" && n.name !== "th" && line.trim()))) break;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  line = line.replace(/\s+/g, " ").trim();
  if (!line || line.length > PRUNE.maxSignatureChars) return false;
  STAMP.lastIndex = 0;
  if (!STAMP.test(line)) return false;
  const rest = line.replace(STAMP, " ").replace(STAMP_WORDS, " ");
  return /\p{L}{2,}|\p{L}\d/u.test(rest);
}

/** Blocks an old page's teaser is written as. */
const TEASER_LINES = new Set(["p", "div", "li", "td"]);

/**
 * The link that opens a block as a headline of its own line (<a><b>Title</b></a><br>excerpt), to another page of
 * the site, with a few words of text after it.
 */
function headlineLine(el: Element, ctx: Context): Element | undefined {
  let first: ChildNode | null = el.firstChild;
  while (first && isText(first) && !first.data.trim()) first = first.next;
  if (!first || !isElement(first)) return undefined;
  let link: Element | undefined = first.name === "a" ? first : undefined;
  if (!link && (first.name === "b" || first.name === "strong") && first.children.length === 1 && isElement(first.children[0]) && first.children[0].name === "a") link = first.children[0];
  if (!link || !sameSiteElsewhere(link.attribs.href, ctx) || cleanText(link).split(" ").length < 3) return undefined;
  let next: ChildNode | null = first.next;
  while (next && isText(next) && !next.data.trim()) next = next.next;
  if (!next || !isElement(next) || next.name !== "br") return undefined;
  return textOf(el).length > textOf(link).length + PRUNE.minExcerptChars ? link : undefined;
}

/** A label of one to three words and a colon, at the start of a line. */
const LABELLED_LINK = /^[\p{L}'’]+(?:\s[\p{L}'’]+){0,2}:\s*/u;
const CARD_TAGS = new Set(["div", "section", "article", "li", "aside"]);
const CARD_HEADINGS = new Set(["h2", "h3", "h4", "h5", "h6"]);
const TEASER_CARD: Verdict = { rule: "teaser-card", reason: "a card of another story on this site: its headline is a link, with a picture or a line of text" };

/**
 * A small block whose heading is wholly a link to another page of the same site, plus a picture or a short text:
 * a teaser of another story. Links to other sites (a shop, a source) are what roundups and reviews are made of.
 */
function isTeaserCard(el: Element, s: Stats, stats: StatsMap, ctx: Context): boolean {
  // Old pages set a teaser as a paragraph: a linked headline on a line of its own, then the excerpt. One such
  // paragraph could be the story's; a run of them is a list of other stories.
  if (TEASER_LINES.has(el.name) && s.total <= PRUNE.maxTeaserChars) {
    const own = headlineLine(el, ctx);
    if (own) {
      const near = [nextElement(el, "prev"), nextElement(el)].filter((x): x is Element => !!x && x.name === el.name);
      return near.some((x) => headlineLine(x, ctx) !== undefined);
    }
  }
  // A card without linked text may still be covered by an empty link of its own.
  if (!CARD_TAGS.has(el.name) || s.total > PRUNE.maxTeaserChars || (!s.link && !coverLink(el))) return false;
  let heading: Element | undefined;
  let picture = false;
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (CARD_HEADINGS.has(n.name)) {
      if (heading) return false;
      heading = n;
      continue;
    }
    if (n.name === "h1") return false;
    if (n.name === "img" || n.name === "picture") picture = true;
    pushAll(stack, n.children);
  }
  const hs = heading && stats.get(heading);
  if (!heading || !hs || !hs.total) return false;
  if (!picture && s.total === hs.total) return false;
  // A numbered heading over text of its own is an item of the story's ranked list ("3. Duke Fuqua", then its
  // figures), which links to the item's page; a "most read" list numbers bare headlines.
  if (RANKED.test(cleanText(heading)) && s.total - hs.total >= PRUNE.minRankedItemChars) return false;
  // The heading is all link text, or sits inside a link (<a href><h5>Title</h5></a>), or is a kicker and a linked
  // title ("Eskalation in Nahost: <a>Aktuelle News</a>"), or the card is covered by an empty link of its own.
  const link = hs.link >= hs.total ? firstLink(heading)
    : linkAround(heading, el) ?? (hs.link >= hs.total * PRUNE.cardTitleLinkShare ? firstLink(heading) : coverLink(el));
  // A card marked up as an article of its own (itemtype Article) is another story, wherever it links: an aggregator's teasers.
  return link !== undefined && (sameSiteElsewhere(link.attribs.href, ctx) || (OTHER_ARTICLE.test(el.attribs.itemtype ?? "") && elsewhere(link.attribs.href, ctx)));
}

/** A heading that numbers its item: "3. Name", "#3 Name", "3) Name", "Chapter 3: Name", "Step 3 - Name". */
const RANKED = /^(?:(?:#\s?)?\d{1,3}[.)]?|(?:chapter|step|part|lesson|module|day|week|no\.)\s*\d{1,3}\s*[:.)–—-]?)\s+\S/i;

/** Microdata types of an article: a card typed so inside the story's container is another story. */
const OTHER_ARTICLE = /schema\.org\/(?:\w*NewsArticle|Article|BlogPosting|Report)$/i;

/** A link to another page (not an anchor in this one, nor this page itself). */
function elsewhere(href: string | undefined, ctx: Context): boolean {
  if (!href || href.startsWith("#") || /^(?:javascript|mailto):/i.test(href)) return false;
  const target = ctx.resolve(href);
  if (!target || !ctx.base) return !!target;
  try {
    const u = new URL(target);
    return !(u.hostname === ctx.base.hostname && u.pathname === ctx.base.pathname);
  } catch {
    return false;
  }
}

/** An empty link laid over a whole card ("stretched link"): the card's own link. A link holding an icon is a control (a gallery's "next"). */
function coverLink(el: Element): Element | undefined {
  return findFirst(el, (e) => e.name === "a" && !!e.attribs.href && e.attribs.role !== "button" && !e.children.some((c) => isElement(c) || (isText(c) && c.data.trim() !== "")));
}

function linkAround(el: Element, stop: Element): Element | undefined {
  for (let n = el.parent; n && n !== stop && "name" in n; n = n.parent) if ((n as Element).name === "a") return n as Element;
  return undefined;
}

function firstLink(el: Element): Element | undefined {
  return findFirst(el, (e) => e !== el && e.name === "a");
}

const BREADCRUMB: Verdict = { rule: "breadcrumb", reason: "a trail of links down the site's sections to this page is navigation" };

/**
 * A breadcrumb trail, whatever its class names or language: list items that are each one link and a separator,
 * going down one path ("/", "/local/", "/local/bihar/"), each a section of the one before, a few words each;
 * only the last items (the page itself) may be unlinked.
 */
function isBreadcrumb(el: Element, ctx: Context): boolean {
  const paths: string[] = [];
  let unlinked = false;
  for (const li of el.children) {
    if (!isElement(li) || li.name !== "li") continue;
    const a = findFirst(li, (e) => e.name === "a" && !!e.attribs.href);
    if (!a) {
      unlinked = true;
      continue;
    }
    const name = cleanText(a);
    // Nothing beside the link but separators ("Local ›"): an item with words of its own is a sentence with a link.
    if (unlinked || countWords(name) > PRUNE.maxCrumbWords || /[\p{L}\p{N}]/u.test(cleanText(li).replace(name, ""))) return false;
    const href = ctx.resolve(a.attribs.href) ?? a.attribs.href;
    let path: string;
    try {
      const u = new URL(href, "http://host.invalid/");
      if (ctx.base && u.hostname.replace(/^www\./, "") !== ctx.base.hostname.replace(/^www\./, "") && u.hostname !== "host.invalid") return false;
      path = u.pathname.endsWith("/") ? u.pathname : u.pathname + "/";
    } catch {
      return false;
    }
    const prev = paths.at(-1);
    if (prev !== undefined && (path === prev || !path.startsWith(prev))) return false;
    paths.push(path);
  }
  return paths.length >= PRUNE.minCrumbLinks;
}

/** A link to another page of the page's own site (relative links are, without a page URL). */
function sameSiteElsewhere(href: string | undefined, ctx: Context): boolean {
  if (!href || href.startsWith("#")) return false;
  if (!ctx.base) return !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href.trim());
  const target = ctx.resolve(href);
  if (!target) return false;
  try {
    const u = new URL(target);
    return u.hostname.replace(/^www\./, "") === ctx.base.hostname.replace(/^www\./, "") && u.pathname !== ctx.base.pathname;
  } catch {
    return false;
  }
}
/** An excerpt cut short by the page, not a sentence's end. */
const CUT_SHORT = /(?:\.\.\.|…)\s*\]?$/u;

/** Items each made of a link to another page and an excerpt that ends in an ellipsis: a ticker or "latest" list, not the story's own list. */
function isTeaserList(el: Element, stats: StatsMap): boolean {
  let items = 0;
  let teasers = 0;
  for (const li of el.children) {
    if (!isElement(li) || li.name !== "li") continue;
    items++;
    const s = stats.get(li);
    if (s && s.link > 0 && s.total - s.link > 0 && s.total <= PRUNE.maxTeaserChars && linksAway(li) && CUT_SHORT.test(cleanText(li))) teasers++;
  }
  return items >= PRUNE.minTeaserItems && teasers >= items * PRUNE.teaserItemShare;
}

/** Holds a link to another page (an in-page anchor or a script link is a control, not a teaser). */
function linksAway(el: Element): boolean {
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "a" && /^(?:https?:|\/|\.|[\w-]+(?:[/.?]|$))/i.test(n.attribs.href ?? "") && !/^javascript:/i.test(n.attribs.href ?? "")) return true;
    pushAll(stack, n.children);
  }
  return false;
}

/**
 * Hover cards inside a sentence ("Rep. <span>Jane Doe<span class=card>her latest stories: <a>..</a> <a>..</a></span></span>"):
 * an inline element within a paragraph, made of several links, that the page shows only on hover. Taken out first,
 * so that its links neither hide the sentence around it (a paragraph of links) nor run into it. The innermost such
 * element goes, so the name it hangs on stays.
 */
/** Returns whether any was dropped. */
function dropInlineWidgets(container: Element, ctx: Context): boolean {
  const inline: Element[] = [];
  const stack: ChildNode[] = [container];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "p") collectSpans(n, inline);
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  let dropped = false;
  // Deepest last in pre-order: judged first.
  for (let i = inline.length - 1; i >= 0; i--) {
    const el = inline[i];
    if (!el.parent || !isInlineWidget(el)) continue;
    ctx.removed("prune", "inline-widget", "a hover card of links inside a sentence", () => textOf(el), () => pathOf(el));
    detach(el);
    dropped = true;
  }
  return dropped;
}

/** The <span>s inside a paragraph, in document order (a paragraph with links only: the rest cannot hold a card). */
function collectSpans(p: Element, out: Element[]): void {
  const stack: ChildNode[] = [...p.children].reverse();
  let links = false;
  const spans: Element[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "span") spans.push(n);
    else if (n.name === "a") links = true;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  if (links) pushAll(out, spans);
}

function isInlineWidget(el: Element): boolean {
  let links = 0;
  let linked = 0;
  let total = 0;
  const stack: [ChildNode, boolean][] = [[el, false]];
  while (stack.length) {
    const [n, inLink] = stack.pop()!;
    if (isText(n)) {
      const len = solidLength(n.data);
      total += len;
      if (inLink) linked += len;
      continue;
    }
    if (!isElement(n)) continue;
    const link = inLink || (n.name === "a" && !!n.attribs.href && !n.attribs.href.startsWith("#"));
    if (n.name === "a" && link && !inLink) links++;
    for (const c of n.children) stack.push([c, link]);
  }
  return links >= PRUNE.minWidgetLinks && total >= PRUNE.minWidgetChars && linked >= total * PRUNE.paragraphLinkDensity;
}

/** A promo zone ("cta", "donate", "membership") whose text asks for money or membership in two ways: an appeal. */
function asksForSupport(el: Element): boolean {
  return appealKinds(cleanText(el)) >= 2;
}

/** What a furniture name does not settle: a quoted post, more prose than the name allows, a captioned picture. */
function sparedZone(zone: Zone, el: Element, s: Stats): boolean {
  if (zone.rule !== "comments" && holdsEmbed(el)) return true;
  // A label class on all of a heading's text (an anchor "jumpLabel" wrapping a subheading) labels nothing: it is the heading.
  if (zone.rule === "meta" && wholeHeading(el)) return true;
  if (zone.maxProse !== undefined && s.total - s.link > zone.maxProse) return true;
  if (s.story > zone.maxStory) return true;
  return !zone.strong && zone.rule !== "ads" && !s.link && (onlyFigure(el) || pictureBox(el, s));
}

/** An inline element inside a subheading that holds all of its text. */
function wholeHeading(el: Element): boolean {
  if (HEADING.test(el.name) || BLOCK_TAGS.has(el.name)) return false;
  let h: ParentNode | null = el.parent;
  while (h && "name" in h && !HEADING.test((h as Element).name)) {
    if (BLOCK_TAGS.has((h as Element).name)) return false;
    h = h.parent;
  }
  return !!h && "name" in h && cleanText(h as Element) === cleanText(el);
}

/** Rules that judge a text as a whole line: a word of a sentence ("live", "und", "dpa") that happens to sit in its own <em>, or a link in a sentence that starts with "more" or "watch", is not such a line. */
const WHOLE_LINE_RULES = new Set(["furniture-text", "dateline", "read-more", "pagination", ...FURNITURE_SHAPES.map((x) => x.rule)]);

/** A line of its own, or a part of a line made of parts; not a phrase with running text beside it in its block. */
function standsAlone(el: Element): boolean {
  for (let n: Element = el; !BLOCK_TAGS.has(n.name) && n.parent && "name" in n.parent; n = n.parent as Element) {
    for (const sib of (n.parent as Element).children) if (sib !== n && isText(sib) && /\p{L}/u.test(sib.data)) return false;
  }
  return true;
}

/**
 * A phrase that a paragraph's sentence runs through: words before it since the last sentence end ("killed
 * <b>38 664</b>", "said on <a>8 May 2026</a>, that"), or the sentence going on after it ("<b>As of 29
 * November</b>, thirty works", "MADRID — <a>Rafael Nadal</a> kept"). A name or date that merely ends a paragraph
 * ("<i>By Eva Roth</i>" after the standfirst), or sits in a short dateline block, is none.
 */
function inSentence(el: Element, stats: StatsMap): boolean {
  let block: Element = el;
  while (!BLOCK_TAGS.has(block.name) && block.parent && "name" in block.parent) block = block.parent as Element;
  // A paragraph is far shorter; a page-long block of inline text is not read once per phrase in it.
  if ((stats.get(block)?.total ?? Infinity) > PRUNE.maxSentenceBlockChars) return false;
  let before = "";
  let after = "";
  let passed = false;
  const stack: ChildNode[] = [...block.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n === el) passed = true;
    else if (isText(n)) {
      if (passed) after += n.data;
      else before += n.data;
    } else if (isElement(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  // A dateline block ("published 26/12/2020, updated 21:00") is short; a paragraph is not.
  if (countWords(before) + countWords(after) < PRUNE.sentenceBlockWords) return false;
  // A field of a line of fields ("<b>05/10/2018</b> - Published by: ...") is followed by a separator, not by the sentence.
  if (/^\s*[-–—|•·/:]/u.test(after)) return false;
  const clause = before.split(/[.!?:|•·–—]\s/u).at(-1) ?? "";
  return countWords(clause) >= PRUNE.sentenceWordsBefore || /^\s*,?\s*\p{Ll}/u.test(after);
}

/** A few words in an inline element that a sentence runs through: a linked name ("MADRID — <a class=player-link>Rafael Nadal</a> kept..."), whatever its class says. */
function phraseInSentence(el: Element, s: Stats, stats: StatsMap): boolean {
  if (BLOCK_TAGS.has(el.name) || s.total > PRUNE.shortTextChars || standsAlone(el)) return false;
  const text = cleanText(el);
  return countWords(text) <= PRUNE.maxSentencePhraseWords && !/[.!?]/.test(text) && inSentence(el, stats);
}

function inQuote(el: Element): boolean {
  for (let n = el.parent; n && "name" in n; n = n.parent) if ((n as Element).name === "blockquote") return true;
  return false;
}

/** A line of page numbers and next/previous links, nothing else. */
const PAGER = /^(?:(?:page|pages|seite|página|pagina|\d{1,3}|of|von|de|next|previous|prev|older|newer|first|last|weiter|zurück|suivant|précédent|siguiente|anterior|[»«›‹<>|·•…]+)\s*)+$/i;

/** Short elements judged by their whole text: labels, shapes, related headings, promos, bylines. */
function judgeShort(el: Element, s: Stats, stamped: () => boolean): Verdict | undefined {
  const hasImage = el.name === "img" || el.name === "figure" || el.name === "picture" || containsTag(el, "img");
  const text = cleanText(el);
  if (!text) return undefined;
  const headingish = HEADING.test(el.name) || el.name === "p" || el.name === "div" || el.name === "strong" || el.name === "b" || el.name === "span";
  if (!hasImage && headingish && !s.link && COMMENT_HEADINGS.test(text)) return { rule: "comments-heading", reason: `"${text}" opens the readers' comments` };
  // A picture whose only text is its credit or counter is still a picture.
  if (!hasImage) {
    const label = labelVerdict(text);
    if (label) return label;
  }
  // A picture under an ad label is the ad ("ADVERTISEMENT<br><a href=/ads/click><img></a>").
  if (hasImage && AD_LABELS.test(text.replace(/[\s:.»›→>|]+$/, ""))) return { rule: "ads", reason: `a picture labelled "${text}"` };
  if (headingish && RELATED_HEADINGS.test(text))
    return { rule: "related-heading", reason: `"${text}" introduces other stories` };
  if (PROMO_PHRASES.test(text)) return { rule: "promo", reason: "subscription, newsletter or paywall prompt" };
  if (LEAD_IN_LINKS.test(text) && s.link >= s.total * PRUNE.leadInLinkShare) return { rule: "read-more", reason: "a link to another story" };
  // An embedded post's date sits in its attribution line ("— Jane (@jane) March 3, 2025"): part of the quote.
  if (!hasImage && s.total <= PRUNE.bylineChars && (BYLINE_LINE.test(text) || DATE_LINE.test(text)) && !(inQuote(el) && !standsAlone(el)))
    return { rule: "byline", reason: "bylines and datelines are metadata" };
  // "Related Roundup: <a>X</a>", "Buyer's Guide: <a>X</a>": a label and a link, a line of its own.
  if (!hasImage && el.name === "div" && s.total <= PRUNE.bylineChars && s.link > 0) {
    const m = LABELLED_LINK.exec(text);
    if (m && s.link >= (s.total - m[0].replace(/\s+/g, "").length) * PRUNE.labelledLinkShare) return { rule: "labelled-link", reason: `"${text}" labels a link to another page` };
  }
  const prop = el.attribs.itemprop;
  if (!hasImage && prop !== undefined && s.total <= PRUNE.bylineChars && DATE_PROPS.has(prop.toLowerCase())) return { rule: "dateline", reason: `the article's date (itemprop ${prop}) is metadata` };
  // A machine-dated <time> that is all of a line's text ("12. MÄR 2025 18:03"), whatever its language or format.
  // (Standing alone on its line is checked by judge, as for every dateline.)
  if (!hasImage && s.total <= PRUNE.bylineChars && isWholeTime(el, text) && !inQuote(el) && !stamped()) return { rule: "dateline", reason: "a dated <time> standing alone is metadata" };
  return undefined;
}

/**
 * What a short line's text alone says (a page label, a row of them, a furniture shape), or null; remembered per text:
 * nested elements share their text (<p><span><a>Share</a></span></p> is judged three times), and pages repeat their
 * labels.
 */
function labelVerdict(text: string): Verdict | null {
  let v = LABELS.get(text);
  if (v !== undefined) return v;
  // Read from a copy: the cache keeps the text and the verdict quotes it (see ownCopy).
  const own = ownCopy(text);
  v = readLabel(own);
  if (LABELS.size >= MAX_LABELS) LABELS.clear();
  LABELS.set(own, v);
  return v;
}

const LABELS = new Map<string, Verdict | null>();
/** Texts remembered, at most (a bound on the memory a long run keeps). */
const MAX_LABELS = 10_000;

function readLabel(text: string): Verdict | null {
  // As written ("Quellen:", "Bitte aktivieren Sie JavaScript.") or without its trailing colon, dot or arrow ("Read more »").
  const bare = text.replace(/[\s:.»›→>|]+$/, "");
  if (FURNITURE_TEXTS.test(bare) || (bare !== text && FURNITURE_TEXTS.test(text))) return { rule: "furniture-text", reason: `"${text}" is a page label` };
  // Page numbers and next/previous links ("Page 1 | 2 | 3 | Next >>"): the story's other pages, not its text.
  if (PAGER.test(text) && /\d/.test(text) && (/\d\D+\d/.test(text) || /[a-zé]{4}/i.test(text))) return { rule: "pagination", reason: `"${text}" links the story's other pages` };
  // A row of tool links ("Print | Email | Back to top"): every piece a page label.
  if (/[|·•]/.test(text) && text.split(/\s*[|·•]\s*/).every((t) => !t || FURNITURE_TEXTS.test(t))) return { rule: "furniture-text", reason: `"${text}" is a row of page labels` };
  for (const sh of FURNITURE_SHAPES) if (sh.test.test(text)) return sh;
  return null;
}

/** The element is a <time> with a machine date, or holds one whose text is all of its own. */
function isWholeTime(el: Element, text: string): boolean {
  const t = el.name === "time" ? el : findFirst(el, (c) => c.name === "time");
  return !!t && !!(t.attribs.datetime ?? "").trim() && (t === el || cleanText(t) === text);
}

/** Story text the element would have if it were not zoned: its paragraph units. */
function storyShare(el: Element, stats: StatsMap): number {
  const s = stats.get(el)!;
  if (!s.zoned) return s.story;
  // Zoned elements carry story 0; estimate with their unlinked text.
  return s.total - s.link;
}

/**
 * A list the story's own sentence introduces ("Key topics the guide covers include:"): part of what it says. A bare
 * label ("See also:", "Read more:") is no sentence: its list is the usual furniture.
 */
function introduced(el: Element): boolean {
  if (el.name !== "ul" && el.name !== "ol") return false;
  let prev = el.prev;
  while (prev && !isElement(prev)) prev = prev.prev;
  if (!prev || prev.name !== "p") return false;
  const t = textOf(prev).trim();
  return t.endsWith(":") && t.split(/\s+/).length >= PRUNE.minIntroWords;
}

function isLinkList(el: Element, stats: StatsMap): boolean {
  const s = stats.get(el);
  if (!s || s.total < PRUNE.minLinkListChars) return false;
  if (s.link < s.total * PRUNE.linkListDensity) return false;
  // Prose with many links keeps long unlinked runs; a link list does not.
  return s.total - s.link < PRUNE.maxLinkListProse;
}

/** A wrapper around one captioned picture and nothing else ("widget widget--type-image"): the story's picture, whatever the wrapper is called. */
function onlyFigure(el: Element): boolean {
  if (el.name === "figure") return containsTag(el, "img") && containsTag(el, "figcaption");
  let figure: Element | undefined;
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) {
      if (n.data.trim()) return false;
      continue;
    }
    if (!isElement(n)) continue;
    if (n.name === "figure") {
      if (figure) return false;
      figure = n;
      continue;
    }
    pushAll(stack, n.children);
  }
  return figure !== undefined && containsTag(figure, "img") && containsTag(figure, "figcaption");
}

/**
 * A block named as a picture box ("image-widget", "photo-block") with one picture and a line or two of caption, no
 * links. The name is checked first: without `s` (structure has no statistics) the text is measured only then.
 */
export function pictureBox(el: Element, s?: { total: number; link: number }): boolean {
  const names = classId(el);
  if (!(names && PICTURE_BOX.test(names)) && !pictureBoxShape(el)) return false;
  if (s ? s.link > 0 : findFirst(el, (e) => e.name === "a") !== undefined) return false;
  if ((s ? s.total : solidLength(textOf(el))) > PRUNE.maxPictureBoxChars) return false;
  let pictures = 0;
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "img" && ++pictures > 1) return false;
    pushAll(stack, n.children);
  }
  return pictures === 1;
}

/**
 * A box shaped as a captioned picture, whatever it is called (generated class names say nothing): a <div> whose
 * first child is the picture (or a wrapper holding only it), followed by one or two short lines of text (caption,
 * credit) and nothing else.
 */
function pictureBoxShape(el: Element): boolean {
  if (el.name !== "div") return false;
  const kids: Element[] = [];
  for (const c of el.children) {
    if (isElement(c)) kids.push(c);
    else if (isText(c) && /\p{L}/u.test(c.data)) return false;
  }
  if (kids.length < 2 || kids.length > 3) return false;
  for (const k of kids.slice(1)) {
    // Plain lines: a line with marked-up parts (a credit in its own span) is read by the caption rules instead.
    if (!TEXT_LINE_TAGS.has(k.name) || findFirst(k, (e) => e.name !== "br") !== undefined) return false;
    if (!/\p{L}/u.test(textOf(k))) return false;
  }
  // A box named as furniture (a comments banner with its icon) is not a picture of the story.
  return onlyPicture(kids[0]) && zoneOf(el) === undefined;
}

/** Tags of a caption or credit line beside a picture. */
const TEXT_LINE_TAGS = new Set(["div", "span", "p", "small"]);

/** A picture, or an element holding one picture and no text. */
function onlyPicture(el: Element): boolean {
  // Down a chain of wrappers with one child each (kept short: this runs on every <div>), to the picture.
  let n: Element = el;
  for (let depth = 0; (n.name === "div" || n.name === "span") && depth < 4; depth++) {
    const kids = n.children.filter((c) => isElement(c) || (isText(c) && /\S/.test(c.data)));
    if (kids.length !== 1 || !isElement(kids[0])) return false;
    n = kids[0];
  }
  const img = n.name === "img" ? n : n.name === "picture" ? findFirst(n, (e) => e.name === "img") : undefined;
  return !!img && !isTinyImage(img) && !/\.svg(?:$|[?#])/i.test(imageSource(img) ?? "");
}

/** An embedded post (a tweet, an Instagram caption) quoted in the story: a blockquote with text. */
function holdsEmbed(el: Element): boolean {
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "blockquote") return cleanText(n).length >= PRUNE.minEmbedChars;
    pushAll(stack, n.children);
  }
  return false;
}

/** A table used as a page grid: it holds blocks (paragraphs, divs, other tables), not data cells. */
function isLayoutTable(table: Element): boolean {
  const stack: ChildNode[] = [...table.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === "table" || n.name === "p" || n.name === "div" || n.name === "ul" || HEADING.test(n.name)) return true;
    pushAll(stack, n.children);
  }
  return false;
}

/** A link wrapped around blocks (a teaser card), not a link inside a sentence. */
function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isElement(c) && BLOCK_TAGS.has(c.name));
}

/** A teaser card: little text, a link, often a picture. */
function isTeaser(el: Element, stats: StatsMap): boolean {
  const s = stats.get(el);
  if (!s) return false;
  return s.link > 0 && s.total <= PRUNE.maxTeaserChars;
}

function containsTag(el: Element, tag: string): boolean {
  const stack: ChildNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === tag) return true;
    pushAll(stack, n.children);
  }
  return false;
}

/** The element right after (or before) this one, unless text stands between them. */
function nextElement(el: Element, side: "next" | "prev" = "next"): Element | undefined {
  let n = el[side];
  while (n && !isElement(n)) {
    if (isText(n) && n.data.trim()) return undefined;
    n = n[side];
  }
  return n ?? undefined;
}
