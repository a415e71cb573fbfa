/**
 * Metadata stage: reads the page's own statements about the article
 * (JSON-LD, microdata, OpenGraph/article:*, Twitter, <meta name> families,
 * the byline and <time> near the headline, the URL) and reconciles them
 * field by field. Every field set gets an `evidence` entry saying where it
 * came from; a field the page does not state stays absent.
 */
import type { Document } from "domhandler";
import type { Article, ArticleType, Author, Block, Evidence, LeadImage, PageType } from "../article.ts";
import { ACCOUNT_LINK_TEXT, POLICY, PROFILE_LINK } from "../heuristics/pagetypes.ts";
/** A visible <h1> longer than this is a sentence of the page, not its name. */
const MAX_SHOWN_TITLE = 200;
/** A shown headline shares this many words of four letters or more with the declared title: the same story told otherwise, not a section's or a promo's <h1>. */
const SHOWN_HEADLINE_WORDS = 2;
/** A story title's part after a bar of at most this many words, shorter than what precedes it, is a section or a tag line. */
const MAX_TITLE_TAIL_WORDS = 4;

function sharedWords(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []);
  const wb = words(b);
  let n = 0;
  for (const w of words(a)) if (wb.has(w)) n++;
  return n;
}
/** A poster's name is a handle or a name, not a sentence. */
const MAX_POSTER_CHARS = 40;
import type { Context } from "../context.ts";
import { readHead, firstMeta, metaSource, type Head } from "./head.ts";
import { readJsonLd, typesOf, str, list, isNode, deref, type JsonLd, type Node } from "./jsonld.ts";
import { readPage, overlap, looseDates, readsAsStandfirst, type Page, type PageImage } from "./page.ts";
import { parseDate, urlDate, instant, dayOf, type ParsedDate } from "./dates.ts";
import { parseByline, classify, addPerson, addAgency, emptyCredits, isSite, isUserName, nameKey, personKey, notAuthorCut, type Credits } from "./authors.ts";
import { personNamed } from "../heuristics/names.ts";
import { stripSite, sameTitle, leftover, affixed, truncated, holds, startsWithPart, withoutKicker } from "./title.ts";
import { detect, primaryTag, normTag } from "./lang.ts";
import { pickLeadImage, type Declared } from "./image.ts";
import { PUBLISHED_META, MODIFIED_META } from "../heuristics/dates.ts";
import { JSONLD_TYPE, TYPE_CUES, PAYWALL, PAYWALL_CLASS, STANDFIRST } from "../heuristics/meta.ts";
import { AGENCY, NON_NAME, NOT_AUTHOR_LABEL } from "../heuristics/bylines.ts";
import { type Element, classId, cleanText } from "../dom.ts";
import { countWords } from "../heuristics/words.ts";

/** Everything of the Article that is not the body. */
export type Metadata = Omit<Article, "schemaVersion" | "text" | "markdown" | "html" | "blocks" | "wordCount" | "readingTimeMinutes" | "explain" | "evidence" | "authors"> & {
  authors: Article["authors"];
  evidence: Record<string, Evidence>;
  /** JSON-LD articleBody, when the page carries one: used by rescue and the paywall check. */
  articleBody?: string;
  /** What `reconcile` still needs (image candidates, paywall cues); removed by it. */
  found?: Found;
};

export interface MetaInput {
  doc: Document;
  jsonld: unknown[];
}

interface Found {
  declared: Declared[];
  images: PageImage[];
  wall: boolean;
  /** The organisation credited as author, for when no person is: not one that only restates the publisher. */
  orgAuthor?: { author: Author; evidence: Evidence };
  /** The page's visible <h1>, for kinds whose name is what the page shows (a category, a product). */
  h1?: string;
  /** The first poster named after the headline (a link to a member's profile): a thread's opener. Read on need. */
  poster: () => string | undefined;
  /** A person the site says it belongs to (its name in the title, its home link, its copyright line). Read on need. */
  owner: () => string | undefined;
}

/** Source confidences: how often each kind of statement is right about the article, relative to the others. */
const CONFIDENCE = {
  jsonld: 0.9,
  metaSpecific: 0.85,
  metaGeneric: 0.6,
  microdata: 0.8,
  domTime: 0.75,
  domText: 0.6,
  byline: 0.8,
  authorBox: 0.5,
  userName: 0.55,
  url: 0.4,
  h1: 0.95,
  detected: 0.7,
} as const;

/** Date-like texts tried, at most, on pages that state no date anywhere else. */
const LOOSE_DATES = 12;

/** <meta> keys naming authors, most specific first. */
const AUTHOR_META = ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "citation_author", "byl", "og:article:author", "cxenseparse:author"] as const;
/** "Doe, Jane" → "Jane Doe": a catalogue's one person, family name first. Anything else is left as it is. */
function uninvert(v: string): string {
  const m = /^([^,]{2,40}),\s*([^,]{2,40})$/.exec(v.trim());
  if (!m || m[1].split(" ").length > 3 || m[2].split(" ").length > 3 || /\b(?:and|und|et)\b|&/.test(v)) return v;
  return `${m[2]} ${m[1]}`;
}

/** The text just before an element (its earlier siblings', up the tree) ends with a label of a credit that is not authorship. */
function notAuthorBefore(el: Element): boolean {
  let text = "";
  for (let n: Element | null = el; n && text.length < 60; n = n.parent as Element | null) {
    for (let p = n.prev; p && text.length < 60; p = p.prev) text = cleanText(p) + " " + text;
    if (!n.parent || n.parent.type === "root") break;
  }
  const tail = text.trim().slice(-60);
  const m = NOT_AUTHOR_LABEL.exec(tail);
  return !!m && tail.slice(m.index + m[0].length).trim().length <= 2;
}

/**
 * The text names the host in parentheses, as a credit cites its site: "(www.dw.com)", "(https://dw.com/)". Letters
 * match in either case (the test was a regex built per page, with the "i" flag; compiling it cost more than the
 * search).
 */
function citesHost(text: string, host: string): boolean {
  for (let at = text.indexOf("("); at >= 0; at = text.indexOf("(", at + 1)) {
    for (const scheme of HOST_SCHEMES) {
      if (!startsAt(text, at + 1, scheme)) continue;
      for (const www of HOST_WWW) {
        const from = at + 1 + scheme.length;
        if (!startsAt(text, from, www) || !startsAt(text, from + www.length, host)) continue;
        const end = from + www.length + host.length;
        if (text[end] === ")" || (text[end] === "/" && text[end + 1] === ")")) return true;
      }
    }
  }
  return false;
}

const HOST_SCHEMES = ["https://", "http://", ""];
const HOST_WWW = ["www.", ""];

/** `word` is in `text` at `at`, ASCII letters compared without case. */
function startsAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) {
    const a = text.charCodeAt(at + i);
    const b = word.charCodeAt(i);
    if (a !== b && (a | 32) !== (b | 32)) return false;
    if (a !== b && !((b | 32) >= 97 && (b | 32) <= 122)) return false;
  }
  return true;
}

/**
 * Class names that say the element is a paywall: read for every element of the page until one says so. Tested each
 * time: a cache of verdicts by names string (a Map, bounded at 10,000 strings) cost more than the test, pages holding
 * ~110 distinct names strings each (20,259 over the 181 Zyte pages), most met once.
 */
const paywallNamed = (names: string): boolean => PAYWALL_CLASS.test(names);

/** A link preview's label for its author value. */
const WRITTEN_BY = /^(?:written by|author|by|geschrieben von|autor(?:in)?|écrit par|escrito por)$/i;
const SITE_META = ["og:site_name", "application-name", "apple-mobile-web-app-title", "al:ios:app_name", "twitter:app:name:iphone"] as const;
const SECTION_META = ["article:section", "parsely-section", "section", "sailthru.section", "article-section", "og:article:section", "cxenseparse:recs:articlesection"] as const;
const TAG_META = ["article:tag", "news_keywords", "parsely-tags", "sailthru.tags", "keywords"] as const;
const DESCRIPTION_META = ["description", "og:description", "twitter:description", "dc.description", "dcterms.description"] as const;
const LANG_META = ["content-language", "og:locale", "dc.language", "language", "inlanguage"] as const;

export function readMetadata(input: MetaInput, ctx: Context): Metadata {
  const head = readHead(input.doc);
  const evidence: Record<string, Evidence> = {};
  const ev = (field: string, source: string, raw: string | undefined, confidence: number): void => {
    evidence[field] = { source, ...(raw !== undefined ? { raw: raw.length > 300 ? raw.slice(0, 297) + "..." : raw } : {}), confidence };
  };
  const meta: Metadata = { url: ctx.url, authors: [], evidence };

  const canonicalRaw = head.links.get("canonical")?.[0];
  const canonical = ctx.resolve(canonicalRaw);
  const og = (k: string): string | undefined => head.meta.get(k)?.[0];
  const declaredTitles = [og("og:title"), og("twitter:title"), head.title].filter((x): x is string => !!x);
  const ld = readJsonLd([...head.jsonld, ...input.jsonld], { url: ctx.url, canonical, headline: declaredTitles[0] });
  const main = ld.main;
  if (main) declaredTitles.unshift(...[str(main.headline), str(main.name)].filter((x): x is string => !!x));

  const page = readPage(input.doc, declaredTitles, (_el, names) => paywallNamed(names));

  // ---- language (first: dates and bylines are read in it) ----
  const declaredLang = [
    { raw: head.htmlLang, source: "html:lang" },
    { raw: main && str(main.inLanguage), source: "jsonld" },
    ...LANG_META.map((k) => ({ raw: og(k), source: metaSource(k) })),
  ].find((d) => d.raw && primaryTag(d.raw));
  const detected = detect(page.sample);
  if (declaredLang && (!detected || primaryTag(declaredLang.raw) === detected)) {
    meta.lang = normTag(declaredLang.raw!) ?? primaryTag(declaredLang.raw);
    ev("lang", declaredLang.source, declaredLang.raw, detected ? 0.95 : 0.7);
  } else if (detected) {
    meta.lang = detected;
    ev("lang", "detected", declaredLang?.raw, CONFIDENCE.detected);
  }
  const lang = meta.lang;

  // ---- site name ----
  const publisher = main && (deref(main.publisher, ld.ids) as unknown);
  const siteCands: { v?: string; source: string; c: number }[] = [
    { v: og("og:site_name"), source: "meta:og", c: 0.9 },
    { v: ld.site && typesOf(ld.site).includes("WebSite") ? str(ld.site.name) : undefined, source: "jsonld", c: 0.85 },
    { v: isNode(publisher) ? str(publisher.name) : undefined, source: "jsonld", c: 0.8 },
    ...SITE_META.slice(1).map((k) => ({ v: og(k), source: "meta:name", c: 0.6 })),
  ];
  // A publisher "name" that repeats the headline is a CMS slip, not the site's name.
  for (const s of siteCands) if (s.v && declaredTitles.some((t) => sameTitle(t, s.v!))) s.v = undefined;
  const site = siteCands.find((s) => s.v);
  if (site) {
    meta.siteName = site.v;
    ev("siteName", site.source, site.v, site.c);
  }
  const host = hostOf(ctx.url ?? canonical);

  // ---- title ----
  readTitle(meta, ev, { head, main, page, host, siteNames: siteCands.map((s) => s.v).filter((x): x is string => !!x) });

  // ---- authors ----
  const orgAuthor = readAuthors(meta, ev, { head, ld, page, ctx });

  // ---- dates ----
  readDates(meta, ev, { head, ld, page, ctx, lang });

  // ---- description, standfirst, key points ----
  const desc = DESCRIPTION_META.map((k) => ({ k, v: og(k) })).find((d) => d.v) ?? (main && str(main.description) ? { k: "jsonld", v: str(main.description) } : undefined);
  if (desc?.v) {
    meta.description = desc.v;
    ev("description", desc.k === "jsonld" ? "jsonld" : metaSource(desc.k), desc.v, 0.8);
  }
  if (page.standfirst) {
    meta.standfirst = page.standfirst;
    ev("standfirst", "dom:standfirst", page.standfirst, desc?.v && overlap(desc.v, page.standfirst) > 0.6 ? 0.9 : 0.7);
  } else if (main && str(main.alternativeHeadline) && readsAsStandfirst(str(main.alternativeHeadline)!, STANDFIRST.altHeadlineMinWords) && !declaredTitles.some((t) => sameTitle(stripSite(t, { names: meta.siteName ? [meta.siteName] : [] }), str(main.alternativeHeadline)!)) && !(page.headline && sameTitle(cleanText(page.headline), str(main.alternativeHeadline)!))) {
    // An alternative headline that repeats one of the page's titles is no standfirst.
    meta.standfirst = str(main.alternativeHeadline);
    ev("standfirst", "jsonld", meta.standfirst, 0.6);
  }
  if (page.keyPoints) {
    meta.keyPoints = page.keyPoints;
    ev("keyPoints", "dom:keypoints", page.keyPoints.join(" | "), 0.8);
  }

  // ---- canonical, section, tags ----
  const canon = canonical ?? ctx.resolve(og("og:url")) ?? (main ? ctx.resolve(str(main.url)) : undefined);
  if (canon) {
    meta.canonicalUrl = canon;
    ev("canonicalUrl", canonical ? "link:canonical" : og("og:url") ? "meta:og" : "jsonld", canonicalRaw ?? og("og:url") ?? str(main?.url), canonical ? 0.9 : 0.7);
  }
  const sectionLd = main ? str(main.articleSection) : undefined;
  const sectionMeta = firstMeta(head, SECTION_META);
  const sectionMd = page.itemprops.get("articleSection")?.[0]?.value;
  if (sectionLd || sectionMeta || sectionMd) {
    meta.section = (sectionLd ?? sectionMeta?.value ?? sectionMd)!;
    ev("section", sectionLd ? "jsonld" : sectionMeta ? metaSource(sectionMeta.key) : "microdata", meta.section, 0.8);
  }
  readTags(meta, ev, head, main);

  // ---- type, access ----
  readType(meta, ev, ld, ctx.url ?? canonical);
  if (main && main.isAccessibleForFree !== undefined) {
    const v = main.isAccessibleForFree;
    const free = v === true || (typeof v === "string" && /^true$/i.test(v.trim()));
    meta.isAccessibleForFree = free;
    ev("isAccessibleForFree", "jsonld", String(v), 0.9);
  } else if (og("article:content_tier")) {
    const tier = og("article:content_tier")!;
    meta.isAccessibleForFree = /^free$/i.test(tier);
    ev("isAccessibleForFree", "meta:og", tier, 0.8);
  }
  const body = main ? str(main.articleBody) : undefined;
  if (body) meta.articleBody = body;

  const h1 = page.headline?.name === "h1" ? cleanText(page.headline) : undefined;
  meta.found = { declared: declaredImages(head, ld, main, ctx), images: page.images, wall: page.wall, ...(orgAuthor ? { orgAuthor } : {}), ...(h1 ? { h1 } : {}), poster: () => firstPoster(page), owner: () => siteOwner(page, head.title, ctx.base?.origin) };
  return meta;
}

/** After the body is known: lead image, paywall, anything needing the blocks. */
export function reconcile(meta: Metadata, blocks: Block[], ctx: Context, bylines: string[] = [], pageType?: PageType): Metadata {
  const { found, ...out } = meta;
  // A page that is not a story or a thread (a product, a grid, a list, docs, a company's page) credits no one by its
  // weakest signs: an author box found far from any headline, a bare name line, or an organisation standing in for a writer.
  const story = !pageType || pageType === "article" || pageType === "forum";
  if ((!story && out.evidence.authors?.source === "dom:author-box") || (pageType !== "article" && out.evidence.authors?.source === "dom:portrait")) {
    out.authors = [];
    delete out.evidence.authors;
  }
  // A byline the body printed as a bare name line: the author when no other source named a person. Not on other
  // kinds: there, capitalised lines are labels ("Key Features", "Customer Images", "Get Started").
  if (story && bylines.length && out.authors.every((a) => isSite(a.name, out))) {
    out.authors = bylines.map((name) => ({ name }));
    out.evidence.authors = { source: "dom:name-line", raw: bylines.join("; "), confidence: 0.6 };
  }
  // No person credited, no agency: the credited organisation (a desk, a team, the site) is the author, marked as one.
  // Set last, after the page type and the body are decided, which weigh people only.
  // Nor is a product, a grid, a manual or a company page published news: the dates in its data and text are when it
  // was built, changed or copyrighted (POLICY.undated). A list of stories keeps its date: a news hub is dated.
  if (pageType && POLICY[pageType].undated && out.published) {
    delete out.published;
    delete out.evidence.published;
  }
  if (pageType && POLICY[pageType].uncredited && out.authors.length) {
    out.authors = [];
    delete out.evidence.authors;
  }
  // A thread's author is who opened it: its data and bylines name every poster, the opening post's first.
  if (pageType === "forum" && out.authors.length > 1) out.authors = out.authors.slice(0, 1);
  const poster = pageType === "forum" && !out.authors.length ? found?.poster() : undefined;
  if (poster) {
    out.authors = [{ name: poster }];
    out.evidence.authors = { source: "dom:poster", raw: poster, confidence: 0.6 };
  }
  // A product, a category, a list or a manual page is named by what it shows; a company page's <h1> is a slogan.
  // A story's shown headline that is another headline than the declared one (not the same with a kicker or a site
  // name around it): the headline readers see, where the declared title is the search engines' variant.
  const otherHeadline = pageType === "article" && !!found?.h1 && !!out.title && found.h1.length <= MAX_SHOWN_TITLE && !holds(found.h1, out.title) && !holds(out.title, found.h1) && sharedWords(found.h1, out.title) >= SHOWN_HEADLINE_WORDS;
  if (pageType && (POLICY[pageType].shownTitle || otherHeadline) && found?.h1 && found.h1.length <= MAX_SHOWN_TITLE && out.title !== found.h1) {
    out.title = found.h1;
    out.evidence.title = { source: "dom:h1", raw: found.h1, confidence: 0.7 };
  }
  // A page of many units named by its <title> still carries the site's or a tagline's part after a bar ("Economy |
  // Today's latest from ..."): its name is the first part. A story's title keeps a kicker before the bar ("BUDGET 3.0
  // | Sars gets ..."), and loses only short parts after it ("... | Opinion", "... | Top 19 Companies").
  // Pages of many units also bar their name off with a dash ("What is Ownership? - The Rust Programming Language"); a
  // thread's title is a poster's sentence, where a dash is punctuation.
  const bar = pageType && pageType !== "article" && pageType !== "forum" && !/ \| /.test(out.title ?? "") ? " - " : " | ";
  if (pageType && out.evidence.title?.source !== "dom:h1" && out.title && out.title.includes(bar)) {
    const [first, ...rest] = out.title.split(bar).map((x) => x.trim());
    const tail = pageType !== "article" || rest.every((x) => x.length < first.length && x.split(" ").length <= MAX_TITLE_TAIL_WORDS);
    if (first.length >= 3 && tail) out.title = first;
  }
  // Nothing credits anyone, and the site bears a person's name: its writer ("Owain Brennan" on owainbrennan.com).
  if (story && !out.authors.length && !out.agencies?.length && out.siteName && personNamed(out.siteName)) {
    out.authors = [{ name: out.siteName }];
    out.evidence.authors = { source: "site:person", raw: out.siteName, confidence: 0.4 };
  }
  // ...or, with no site name declared, a personal site says whose it is in its title, home link or copyright line.
  const owner = story && !out.authors.length && !out.agencies?.length && !out.siteName ? found?.owner() : undefined;
  if (owner) {
    out.authors = [{ name: owner }];
    out.evidence.authors = { source: "site:owner", raw: owner, confidence: 0.4 };
  }
  if (story && !out.authors.length && !out.agencies?.length && found?.orgAuthor) {
    out.authors = [{ ...found.orgAuthor.author }];
    out.evidence.authors = { ...found.orgAuthor.evidence };
  }
  if (!found) return out;
  const lead = pickLeadImage(found.declared, found.images, blocks, ctx);
  // Only an http(s) picture leaves the engine (a header image's src is kept raw when it does not resolve).
  const leadSrc = lead ? ctx.resolve(lead.image.src, "image") : undefined;
  if (lead && leadSrc) {
    out.leadImage = { ...lead.image, src: leadSrc };
    out.evidence.leadImage = { source: lead.source, raw: lead.raw, confidence: lead.confidence };
  }
  // A teaser: the declared article is much longer than what the page shows, or the page says it is locked.
  // The visible words are counted only where a test below reads them: without a declared body or a declared access,
  // no branch does (a page with neither is most pages, and the count walked every character of the body).
  let visible = 0;
  if (out.articleBody || out.isAccessibleForFree !== undefined)
    for (const b of blocks) if (b.type === "paragraph" || b.type === "heading" || b.type === "quote") visible += countWords(b.text);
  const declaredWords = out.articleBody ? countWords(out.articleBody) : 0;
  const short = declaredWords >= visible * PAYWALL.bodyRatio && declaredWords - visible >= PAYWALL.minMissingWords;
  if (short) {
    out.paywalled = true;
    out.evidence.paywalled = { source: "jsonld:articleBody", raw: `${visible} of ${declaredWords} words visible`, confidence: 0.8 };
  } else if (out.isAccessibleForFree === false && (found.wall || !declaredWords)) {
    out.paywalled = true;
    out.evidence.paywalled = { source: found.wall ? "dom:paywall" : "jsonld", raw: "isAccessibleForFree: false", confidence: found.wall ? 0.85 : 0.7 };
  } else if (out.isAccessibleForFree !== undefined || declaredWords) {
    out.paywalled = false;
    out.evidence.paywalled = { source: declaredWords ? "jsonld:articleBody" : "jsonld", raw: `${visible} words visible`, confidence: 0.6 };
  }
  return out;
}

type Ev = (field: string, source: string, raw: string | undefined, confidence: number) => void;

/** The site's host names as a credit might write them ("example.com", "example"). */
function siteHosts(url: string | undefined): string[] {
  const h = hostOf(url)?.replace(/^www\./, "");
  return h ? [h, h.split(".")[0]] : [];
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function readTitle(meta: Metadata, ev: Ev, x: { head: Head; main?: Node; page: Page; host?: string; siteNames: string[] }): void {
  const { head, main, page } = x;
  const og = head.meta.get("og:title")?.[0];
  const tw = head.meta.get("twitter:title")?.[0];
  const ldHead = main ? str(main.headline) : undefined;
  const ldName = main ? str(main.name) : undefined;
  const metaHead = head.meta.get("headline")?.[0];
  // An <h2> or a bold line taken for the headline (no <h1> carries the title) places the header; it does not vote on the title.
  const shown = page.headline && page.headline.name !== "h2" && (page.headline.name === "h1" || page.headline.attribs.itemprop === "headline") ? page.headline : undefined;
  const h1 = shown ? cleanText(shown) : undefined;
  const kicker = shown ? page.kicker : undefined;
  // Site names: the declared ones, plus what <title> adds around the headline.
  // A publisher "name" that repeats a title is a CMS slip, not the site's name: it would cut the headline itself.
  const raw = [og, tw, ldHead, ldName, head.title, h1].filter((t): t is string => !!t);
  const names = x.siteNames.filter((n) => !raw.some((t) => sameTitle(t, n)));
  for (const short of [h1, ldHead, og]) {
    if (!short || !head.title) continue;
    const rest = leftover(head.title, short);
    // What only the <h1> leaves out, while JSON-LD and og:title both carry it, is declared as part of the headline.
    if (short === h1 && rest && ldHead && og && holds(ldHead, rest) && holds(og, rest)) continue;
    if (rest && rest.length < 60) names.push(rest);
  }
  const site = { names, host: x.host };
  const declared = [
    { v: ldHead, source: "jsonld", w: 1.1 },
    // <meta name="headline">: the same editorial statement where a CMS writes no JSON-LD (when it is about this story:
    // a microdata itemprop="headline" of a part or a teaser shares the key).
    { v: ldHead ? undefined : metaHead && [og, head.title].some((t) => t && overlap(t, metaHead) >= 0.5) ? metaHead : undefined, source: "meta:name", w: 1.05 },
    { v: og, source: "meta:og", w: 1 },
    { v: tw, source: "meta:twitter", w: 0.9 },
    { v: head.title, source: "html:title", w: 0.8 },
    { v: ldName, source: "jsonld", w: 0.7 },
  ].filter((d): d is { v: string; source: string; w: number } => !!d.v).map((d) => ({ ...d, v: stripSite(d.v, site) }));
  // The publisher's own declared headline (og:title, then JSON-LD headline) is the cleanest text: the <h1> often
  // glues a kicker to the headline without punctuation, and <title> carries SEO variants. The <h1> stands in when
  // nothing is declared; agreement between sources raises the confidence.
  const order = ["meta:og", "jsonld", "meta:name", "meta:twitter", "dom:h1", "html:title"];
  const pool = [...declared.filter((d) => d.w >= 0.8), ...(h1 ? [{ v: h1, source: "dom:h1", w: 1 }] : []), ...declared.filter((d) => d.w < 0.8)];
  let best = pool.sort((a, b) => rankOf(order, a.source) - rankOf(order, b.source))[0];
  const ogC = declared.find((d) => d.source === "meta:og");
  const ldC = declared.find((d) => (d.source === "jsonld" || d.source === "meta:name") && d.w > 1);
  const titleC = declared.find((d) => d.source === "html:title");
  if (best && ogC && ldC && !sameTitle(ogC.v, ldC.v)) {
    // One declared headline inside the other with only a kicker or section around it: the bare one is the headline,
    // unless the page itself shows that kicker set apart in its headline element.
    const shown = (long: string, short: string): boolean => !!kicker && startsWithPart(long, kicker) && !startsWithPart(short, kicker);
    if (affixed(ogC.v, ldC.v)) best = shown(ogC.v, ldC.v) ? ogC : ldC;
    else if (affixed(ldC.v, ogC.v)) best = shown(ldC.v, ogC.v) ? ldC : ogC;
    // <title> and og:title are often filled from one SEO field; a JSON-LD headline that differs from that echo was set on purpose.
    // An og:title cut short (an unescaped quote ends the attribute) is a broken copy of <title>, so it echoes it too.
    else if (titleC && (sameTitle(titleC.v, ogC.v) || truncated(ogC.v, titleC.v)) && best === ogC) best = ldC;
  }
  // The visible headline under its own kicker, inside a declared one that carries a different kicker: the shared part
  // is the headline, each kicker is furniture ("Kicker A - Headline" shown, "Kicker B: Headline" declared).
  if (best && kicker && h1) {
    const core = withoutKicker(h1, kicker);
    if (!sameTitle(core, best.v) && affixed(best.v, core) && !startsWithPart(best.v, kicker)) best = { v: core, source: "dom:h1", w: 1 };
  }
  if (best) {
    const agree = pool.filter((d) => d !== best && sameTitle(d.v, best.v)).length;
    meta.title = best.v;
    ev("title", best.source, best.v, Math.min(0.97, 0.6 + 0.1 * agree));
  }
}

function rankOf(order: string[], source: string): number {
  const i = order.indexOf(source);
  return i < 0 ? order.length : i;
}

function readAuthors(meta: Metadata, ev: Ev, x: { head: Head; ld: JsonLd; page: Page; ctx: Context }): Found["orgAuthor"] {
  const { head, ld, page, ctx } = x;
  // JSON-LD author nodes that only restate the publisher (an Organization of the publisher's name or @id): no credit.
  const publisher = ld.main ? deref(ld.main.publisher, ld.ids) : undefined;
  const publisherKeys = new Set(list(publisher, ld.ids).filter(isNode).flatMap((p) => [str(p.name) && nameKey(str(p.name)!), typeof p["@id"] === "string" ? p["@id"] : undefined]).filter((k): k is string => !!k));
  const echoes = new Set<string>();
  // Names a JSON-LD node types as a Person: a person even when the site bears that name.
  const typedPeople = new Set<string>();
  const sets: { credits: Credits; source: string; raw: string; c: number }[] = [];
  // JSON-LD: Person objects, strings, arrays, references.
  if (ld.main) {
    const cr = emptyCredits();
    const raws: string[] = [];
    const authors = list(ld.main.author, ld.ids);
    for (const a of authors.length ? authors : list(ld.main.creator, ld.ids)) {
      if (typeof a === "string") {
        raws.push(a);
        parseByline(a, cr, true);
      } else if (isNode(a)) {
        const name = str(a.name) ?? [str(a.givenName), str(a.familyName)].filter(Boolean).join(" ");
        if (!name) continue;
        raws.push(name);
        const types = typesOf(a);
        const org = types.some((t) => /Organization$/.test(t));
        if (org || AGENCY.test(name)) {
          if (AGENCY.test(name)) addAgency(cr, name);
          else cr.organization ??= name;
          if (org && (publisherKeys.has(nameKey(name)) || (typeof a["@id"] === "string" && publisherKeys.has(a["@id"])))) echoes.add(nameKey(name));
          continue;
        }
        if (types.includes("Person")) typedPeople.add(nameKey(name));
        const url = str(a.url) ?? list(a.sameAs, ld.ids).map(str).find((u) => u && /^https?:/.test(u));
        const before = cr.people.length;
        parseByline(name, cr, true);
        // One Person node with one name: keep its URL.
        if (cr.people.length === before + 1 && url) cr.people[before].url = ctx.resolve(url);
      }
    }
    if (raws.length) sets.push({ credits: cr, source: "jsonld", raw: raws.join("; "), c: CONFIDENCE.jsonld });
  }
  // The visible byline near the headline.
  for (const b of page.bylines) {
    const cr = emptyCredits();
    if (b.links.length) {
      // Links after "Reviewed by", "Edited by" name reviewers and editors, not authors.
      const cut = notAuthorCut(b.text).length;
      for (const l of b.links) {
        const at = b.text.indexOf(l.name);
        if (cut < b.text.length && (at < 0 || at >= cut)) continue;
        const c = classify(l.name);
        if (c?.kind === "person") addPerson(cr, { name: c.name, ...(l.href && ctx.resolve(l.href) ? { url: ctx.resolve(l.href) } : {}) });
        else if (c?.kind === "agency") addAgency(cr, c.name);
      }
      // Agencies and unlinked co-authors written beside the links.
      // What follows a "•" or "|" after the linked names is a dateline or section, not more people.
      const rest = parseByline(b.text.split(/\s[|·•]\s/)[0]);
      for (const a of rest.agencies) addAgency(cr, a);
      // ...but not the links' own text glued together ("A B C" from three links).
      for (const p of rest.people) if (b.text.length < 120 && !cr.people.some((q) => nameKey(p.name).includes(nameKey(q.name)))) addPerson(cr, p);
      cr.organization ??= rest.organization;
    } else parseByline(b.text, cr);
    if (cr.people.length || cr.agencies.length || cr.organization) sets.push({ credits: cr, source: b.source, raw: b.text, c: CONFIDENCE.byline });
  }
  const md = page.itemprops.get("author");
  if (md?.length) {
    const cr = emptyCredits();
    // "Reviewed by:", "Researched by:" just before the element: a reviewer's card, not the writer's.
    // Structured data, like a <meta> author: a user name in lower case ("hayley.p") is the author as the site knows them.
    for (const m of md.slice(0, 10)) if (!notAuthorBefore(m.el)) parseByline(m.value, cr, true);
    sets.push({ credits: cr, source: "microdata", raw: md.map((m) => m.value).join("; "), c: CONFIDENCE.microdata });
  }
  // Label and value pairs of link previews ("twitter:label1" "Written by", "twitter:data1" "Jane Doe").
  const labelled = [1, 2, 3].flatMap((i) => (WRITTEN_BY.test(head.meta.get(`twitter:label${i}`)?.[0] ?? "") ? head.meta.get(`twitter:data${i}`) ?? [] : []));
  for (const [k, vals] of [...AUTHOR_META.map((k) => [k, head.meta.get(k)] as const), ["twitter:data", labelled] as const]) {
    if (!vals?.length) continue;
    const cr = emptyCredits();
    // Library catalogues write one person a tag, family name first ("Doe, Jane"): one name, not two.
    const inverted = /^(?:citation_author|dc\.creator|dcterms\.creator)$/.test(k);
    for (const v of vals) if (!/^https?:/i.test(v)) parseByline(inverted ? uninvert(v) : v, cr, true);
    if (cr.people.length || cr.agencies.length || cr.organization) {
      sets.push({ credits: cr, source: metaSource(k), raw: vals.join("; "), c: k === "author" ? CONFIDENCE.metaGeneric + 0.1 : CONFIDENCE.metaGeneric });
    }
  }
  // No statement names a person: an author box elsewhere on the page may (a writer's card under the story). Its names
  // of two words or more ("Written by Jane Doe and John Roe": both): single words there are section labels and headings
  // ("Author", "Insights") as often as names.
  if (!sets.some((t) => t.credits.people.length)) {
    for (const text of page.authorBoxes()) {
      const people = parseByline(text).people.filter((p) => p.name.includes(" "));
      if (!people.length) continue;
      sets.push({ credits: { people, agencies: [] }, source: "dom:author-box", raw: text, c: CONFIDENCE.authorBox });
      break;
    }
  }
  // Nor an author box: a writer's card, a portrait captioned by the writer's name.
  const portrait = !sets.some((t) => t.credits.people.length) ? page.portrait() : undefined;
  if (portrait) sets.push({ credits: { people: [{ name: portrait }], agencies: [] }, source: "dom:portrait", raw: portrait, c: CONFIDENCE.authorBox });
  // A visible byline's "name" that runs on past a name the page declares ("Jane Doe Jane is a writer...",
  // "Jane Doe FacebookTweet"): the declared name.
  const declared = sets.filter((t) => t.source !== "dom:byline").flatMap((t) => t.credits.people.map((p) => p.name));
  for (const t of sets) {
    if (t.source !== "dom:byline") continue;
    for (const p of t.credits.people) {
      const d = declared.find((n) => nameKey(p.name).startsWith(nameKey(n) + " ") || (nameKey(p.name).startsWith(nameKey(n)) && /^\p{Lu}/u.test(p.name.slice(n.length))));
      if (d) p.name = d;
    }
    t.credits.people = t.credits.people.filter((p, i, all) => all.findIndex((q) => nameKey(q.name) === nameKey(p.name)) === i);
  }
  // Names that are the site itself ("Lesotho Times" as author) are the organisation.
  const hosts = siteHosts(ctx.url);
  const siteKeys = new Set([meta.siteName, ...hosts].filter((x): x is string => !!x).map(nameKey));
  // "Deutsche Welle (www.dw.com)": one name given with the page's own host is the site's.
  const host = hosts[0];
  for (const s of sets) {
    const siteNamed = s.credits.people.length === 1 && !!host && citesHost(s.raw, host);
    s.credits.people = s.credits.people.filter((p) => {
      // A site named after its writer ("Polly Barks") credits that person: a person's name, not the organisation.
      if (!siteNamed && (!siteKeys.has(nameKey(p.name)) || personNamed(p.name)) && !/\.(?:[a-z]{2,3})$/i.test(p.name)) return true;
      s.credits.organization ??= p.name;
      return false;
    });
  }
  // A statement naming only user names ("jdoe") yields to a written name in a byline: the CMS account is often not the writer.
  for (const t of sets) if (t.credits.people.length && t.credits.people.every((p) => isUserName(p.name))) t.c = Math.min(t.c, CONFIDENCE.userName);
  const ranked = [...sets].sort((a, b) => b.c - a.c);
  // The most trusted statement decides; when it credits only a desk or agency, people come only from a visible byline.
  const top = ranked.find((s) => s.credits.people.length || s.credits.agencies.length || s.credits.organization);
  const withPeople = ranked.filter((s) => s.credits.people.length && (!top || top.credits.people.length || s.source === "dom:byline" || s.source === "dom:author-box"));
  let primary = withPeople[0];
  if (primary) {
    // A visible byline naming everyone the declaration names, and more, wins: declarations drop co-authors (and
    // honorifics: "Dr Jane Doe" in the byline is the declaration's "Jane Doe").
    const keys = new Set(primary.credits.people.map((p) => personKey(p.name)));
    for (const s of withPeople) {
      if (s === primary || s.credits.people.length <= keys.size) continue;
      if ([...keys].every((k) => s.credits.people.some((p) => personKey(p.name) === k))) primary = s;
    }
    // "Jane Doe Political Correspondent" beside "Jane Doe": a name glued to a role.
    const keysAll = primary.credits.people.map((p) => nameKey(p.name));
    const people: Author[] = primary.credits.people.filter((p, i) => !keysAll.some((k, j) => j !== i && nameKey(p.name).startsWith(k + " "))).map((p) => ({ ...p }));
    // Profile URLs from any source, matched by name.
    for (const s of sets) for (const p of s.credits.people) {
      const q = people.find((r) => nameKey(r.name) === nameKey(p.name));
      if (q && !q.url && p.url) q.url = p.url;
    }
    meta.authors = people;
    ev("authors", primary.source, primary.raw, primary.c);
  }
  const agencies: string[] = [];
  let org: string | undefined;
  const pool = primary ? [primary, ...sets.filter((s) => s !== primary)] : sets;
  for (const s of pool) {
    for (const a of s.credits.agencies) if (!agencies.some((b) => b.toLowerCase() === a.toLowerCase())) agencies.push(a);
    org ??= s.credits.organization;
  }
  if (agencies.length) {
    meta.agencies = agencies;
    const s = pool.find((p) => p.credits.agencies.length)!;
    ev("agencies", s.source, s.raw, s.c);
  }
  if (!org) return undefined;
  meta.organization = org;
  const s = pool.find((p) => p.credits.organization === org)!;
  ev("organization", s.source, s.raw, s.c);
  const key = nameKey(org);
  // A credit only the publisher's own JSON-LD node makes, in no other statement, is the publisher, not an author.
  if (echoes.has(key) && !sets.some((t) => t.source !== "jsonld" && nameKey(t.credits.organization ?? "") === key)) return undefined;
  return { author: { name: org, ...(typedPeople.has(key) ? {} : { organization: true }) }, evidence: { ...meta.evidence.organization } };
}

interface DateCand {
  date: ParsedDate;
  source: string;
  raw: string;
  c: number;
}

function readDates(meta: Metadata, ev: Ev, x: { head: Head; ld: JsonLd; page: Page; ctx: Context; lang?: string }): void {
  const { head, ld, page, ctx, lang } = x;
  const pub: DateCand[] = [];
  const mod: DateCand[] = [];
  const add = (to: DateCand[], raw: string | undefined, source: string, c: number): void => {
    if (!raw) return;
    const d = parseDate(raw, lang);
    if (d) to.push({ date: d, source, raw, c });
  };
  if (ld.main) {
    add(pub, str(ld.main.datePublished), "jsonld", CONFIDENCE.jsonld);
    add(pub, str(ld.main.dateCreated), "jsonld", CONFIDENCE.jsonld - 0.2);
    add(mod, str(ld.main.dateModified), "jsonld", CONFIDENCE.jsonld);
  }
  PUBLISHED_META.forEach((k, i) => {
    for (const v of head.meta.get(k) ?? []) add(pub, v, metaSource(k), i < 6 ? CONFIDENCE.metaSpecific : CONFIDENCE.metaGeneric);
  });
  MODIFIED_META.forEach((k, i) => {
    for (const v of head.meta.get(k) ?? []) add(mod, v, metaSource(k), i < 4 ? CONFIDENCE.metaSpecific : CONFIDENCE.metaGeneric);
  });
  for (const m of page.itemprops.get("datePublished")?.slice(0, 2) ?? []) add(pub, m.value, "microdata", CONFIDENCE.microdata);
  for (const m of page.itemprops.get("dateModified")?.slice(0, 2) ?? []) add(mod, m.value, "microdata", CONFIDENCE.microdata);
  // Visible date texts need chrono (slow, language-dependent): read them only when no machine-readable statement settles it.
  const settled = (to: DateCand[]): boolean => to.some((d) => d.c >= CONFIDENCE.metaSpecific && d.date.hasTime);
  const pubSettled = settled(pub);
  const modSettled = settled(mod);
  for (const d of page.dates) {
    if (!d.machine && (d.modified ? modSettled : pubSettled)) continue;
    add(d.modified ? mod : pub, d.raw, d.source, d.machine ? CONFIDENCE.domTime : CONFIDENCE.domText);
  }
  const fromUrl = urlDate(ctx.url) ?? urlDate(meta.canonicalUrl);
  if (fromUrl) pub.push({ date: fromUrl.date, source: "url", raw: fromUrl.raw, c: CONFIDENCE.url });
  else {
    // The lead picture's upload path ("/uploads/2020/10/13/") dates it, usually on the article's day.
    const img = head.meta.get("og:image")?.[0] ?? (ld.main ? str(list(ld.main.image, ld.ids).map((i) => (isNode(i) ? i.url : i))) : undefined);
    const fromImage = img ? urlDate(ctx.resolve(img)) : undefined;
    if (fromImage) pub.push({ date: fromImage.date, source: "url:image", raw: fromImage.raw, c: CONFIDENCE.url - 0.15 });
  }

  // Nothing machine-readable or labelled: the first date-like short text of the article area.
  if (!pub.length && !mod.length) {
    // A dateline with a time of day is the story's own stamp; a bare day in a list is more often a teaser's or an archive's.
    let first: DateCand | undefined;
    for (const raw of looseDates(page, LOOSE_DATES)) {
      const d = parseDate(raw, lang);
      if (!d) continue;
      first ??= { date: d, source: "text", raw, c: 0.3 };
      if (d.hasTime) {
        first = { date: d, source: "text", raw, c: 0.3 };
        break;
      }
    }
    if (first) pub.push(first);
  }
  // A page that states only when it was updated was published no later: its earliest statement stands in.
  if (!pub.some((d) => d.source !== "url") && mod.length) {
    const first = [...mod].sort((a, b) => instant(a.date.iso) - instant(b.date.iso))[0];
    pub.push({ ...first, c: Math.min(first.c, 0.5) });
  }
  const published = choose(pub, fromUrl?.date);
  if (published && published.date.iso.endsWith("Z")) {
    const local = localise(published.date, page, lang);
    if (local) published.date = local;
  }
  if (published) {
    meta.published = published.date.iso;
    ev("published", published.source, published.raw, published.c);
  }
  const after = published ? mod.filter((m) => instant(m.date.iso) >= instant(published.date.iso) - 60_000) : mod;
  const modified = choose(after, undefined);
  if (modified && (!published || modified.date.iso !== published.date.iso)) {
    meta.modified = modified.date.iso;
    ev("modified", modified.source, modified.raw, modified.c);
  }
}

/**
 * The most trusted candidate, checked against the others: when the URL
 * states a day and the top candidate disagrees while another agrees, the
 * agreeing one wins; a same-day candidate with a time and zone enriches a
 * bare day.
 */
function choose(cands: DateCand[], fromUrl: ParsedDate | undefined): DateCand | undefined {
  if (!cands.length) return undefined;
  const rank = (d: DateCand): number => d.c + (d.date.hasZone ? 0.02 : d.date.hasTime ? 0.01 : 0);
  const sorted = [...cands].sort((a, b) => rank(b) - rank(a));
  let best = sorted[0];
  if (fromUrl && dayOf(best.date.iso) !== fromUrl.iso) {
    const agree = sorted.find((d) => d.source !== "url" && dayOf(d.date.iso) === fromUrl.iso);
    if (agree && agree.c >= best.c - 0.3) best = agree;
  }
  // A UTC time is often the server's conversion; the same instant with the page's own offset keeps the local day.
  if (best.date.hasZone && best.date.iso.endsWith("Z")) {
    const t = instant(best.date.iso);
    const local = sorted.find((d) => d.date.hasZone && !d.date.iso.endsWith("Z") && Math.abs(instant(d.date.iso) - t) < 60_000);
    if (local) best = { ...best, date: local.date };
  }
  if (!best.date.hasZone) {
    const richer = sorted.find((d) => d.date.hasZone && d.date.iso.startsWith(best.date.hasTime ? best.date.iso.slice(0, 16) : dayOf(best.date.iso)));
    if (richer) best = { ...best, date: richer.date };
  }
  return best;
}

/**
 * A UTC time restated in the page's own zone, when the page shows the same
 * instant as local wall-clock time ("<time datetime=…Z>May 1, 10:54 PM</time>"):
 * the offset is the difference, if it is a whole quarter-hour within ±14 h.
 */
function localise(date: ParsedDate, page: Page, lang: string | undefined): ParsedDate | undefined {
  const utc = Math.floor(instant(date.iso) / 60_000);
  const texts = page.dates.map((d) => (d.machine ? d.shown : d.raw)).filter((t): t is string => !!t && /\d[:.h]\d\d/.test(t)).slice(0, 4);
  for (const t of texts) {
    const d = parseDate(t, lang);
    if (!d || !d.hasTime || d.hasZone) continue;
    const diff = Math.round(instant(d.iso) / 60_000) - utc;
    if (diff === 0 || diff % 15 !== 0 || Math.abs(diff) > 14 * 60) continue;
    const at = new Date((utc + diff) * 60_000 + (instant(date.iso) % 60_000));
    const sign = diff < 0 ? "-" : "+";
    const off = `${sign}${String(Math.floor(Math.abs(diff) / 60)).padStart(2, "0")}:${String(Math.abs(diff) % 60).padStart(2, "0")}`;
    return { iso: at.toISOString().slice(0, 19) + off, hasTime: true, hasZone: true };
  }
  return undefined;
}

function readTags(meta: Metadata, ev: Ev, head: Head, main: Node | undefined): void {
  const split = (v: string): string[] => v.split(/\s*[,;]\s*/);
  const sources: { vals: string[]; source: string; raw: string }[] = [];
  const at = head.meta.get("article:tag");
  if (at) sources.push({ vals: at.flatMap((v) => (at.length === 1 ? split(v) : [v])), source: "meta:og", raw: at.join(", ") });
  if (main?.keywords) {
    const k = main.keywords;
    const vals = Array.isArray(k) ? k.map(str).filter((s): s is string => !!s).flatMap((s) => (k.length === 1 ? split(s) : [s])) : typeof k === "string" ? split(k) : [];
    if (vals.length) sources.push({ vals, source: "jsonld", raw: vals.join(", ") });
  }
  for (const key of TAG_META.slice(1)) {
    const v = head.meta.get(key)?.[0];
    if (v) sources.push({ vals: split(v), source: "meta:name", raw: v });
  }
  const s = sources[0];
  if (!s) return;
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const t of s.vals) {
    const v = t.trim();
    if (!v || v.length > 80 || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    tags.push(v);
    if (tags.length >= 40) break;
  }
  if (tags.length) {
    meta.tags = tags;
    ev("tags", s.source, s.raw, 0.8);
  }
}

function readType(meta: Metadata, ev: Ev, ld: JsonLd, url: string | undefined): void {
  const live = ld.nodes.find((n) => typesOf(n).includes("LiveBlogPosting"));
  let type: ArticleType | undefined;
  let source = "jsonld";
  let raw: string | undefined;
  const t = live ? ["LiveBlogPosting"] : ld.main ? typesOf(ld.main) : [];
  // The most specific genre wins: ["NewsArticle", "AnalysisNewsArticle"] is analysis.
  for (const name of t) {
    const mapped = Object.hasOwn(JSONLD_TYPE, name) ? JSONLD_TYPE[name] : undefined;
    if (mapped && (!type || type === "news" || type === "blog")) {
      type = mapped;
      raw = name;
    }
  }
  if (!type || type === "news" || type === "blog") {
    const path = [url ? safePath(url) : "", meta.section ?? ""].join(" ");
    for (const [re, cue] of TYPE_CUES) {
      if (re.test(path)) {
        type = cue;
        source = "url";
        raw = path.trim();
        break;
      }
    }
  }
  if (type) {
    meta.type = type;
    ev("type", source, raw, source === "jsonld" ? 0.85 : 0.6);
  }
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

function declaredImages(head: Head, ld: JsonLd, main: Node | undefined, ctx: Context): Declared[] {
  const out: Declared[] = [];
  const push = (src: string | undefined, source: string, extra: Partial<LeadImage> = {}): void => {
    const abs = ctx.resolve(src);
    if (abs && !out.some((d) => d.src === abs)) out.push({ src: abs, source, ...extra });
  };
  if (main) {
    for (const im of list(main.image, ld.ids).slice(0, 5)) {
      if (typeof im === "string") push(im, "jsonld");
      else if (isNode(im)) {
        const w = Number(str(im.width));
        const h = Number(str(im.height));
        push(str(im.url) ?? str(im.contentUrl), "jsonld", {
          ...(str(im.caption) ? { caption: str(im.caption) } : {}),
          ...(str(im.creditText) ?? str(im.copyrightHolder) ? { credit: str(im.creditText) ?? str(isNode(im.copyrightHolder) ? im.copyrightHolder.name : im.copyrightHolder) } : {}),
          ...(w > 0 ? { width: w } : {}),
          ...(h > 0 ? { height: h } : {}),
        });
      }
    }
  }
  const w = Number(head.meta.get("og:image:width")?.[0]);
  const h = Number(head.meta.get("og:image:height")?.[0]);
  for (const k of ["og:image", "og:image:url", "og:image:secure_url"]) for (const v of head.meta.get(k) ?? []) push(v, "meta:og", { ...(w > 0 ? { width: w } : {}), ...(h > 0 ? { height: h } : {}), ...(head.meta.get("og:image:alt") ? { alt: head.meta.get("og:image:alt")![0] } : {}) });
  for (const k of ["twitter:image", "twitter:image:src"]) for (const v of head.meta.get(k) ?? []) push(v, "meta:twitter");
  if (main) push(str(main.thumbnailUrl), "jsonld");
  return out;
}

/** A thread's opener: the first link to a member's profile after the headline, when its text is a name. */
/**
 * The person a personal site belongs to, when the page says it: the <title>'s last part ("Post | Jane Doe", "Post
 * (Jane Doe)"), the text of a link to the site's home ("<a href=/>Jane Doe</a>"), or the holder of its copyright
 * ("© 2025 Jane Doe."). Only a person's name counts (personNamed: a known given name, no business word).
 */
function siteOwner(page: Page, title: string | undefined, origin: string | undefined): string | undefined {
  const cands: string[] = [];
  const part = title ? OWNER_IN_TITLE.exec(title) : null;
  if (part) cands.push(part[1].trim());
  let homes = 0;
  for (const el of page.order) {
    if (el.name !== "a") continue;
    const href = el.attribs.href;
    if (href !== "/" && href !== "../" && !(origin && (href === origin || href === origin + "/"))) continue;
    const t = cleanText(el);
    if (t && t.length <= OWNER_MAX_CHARS) cands.push(t);
    if (++homes >= OWNER_HOME_LINKS) break;
  }
  // The copyright line sits in the footer: the last elements are read, not the page.
  for (let i = page.order.length - 1, n = 0; i >= 0 && n < OWNER_FOOTER_ELEMENTS; i--, n++) {
    for (const c of page.order[i].children) {
      if (c.type !== "text") continue;
      const m = COPYRIGHT_HOLDER.exec((c as unknown as { data: string }).data);
      if (m) cands.push(m[1].trim());
    }
  }
  return cands.find((c) => personNamed(c));
}

/** The <title>'s last part after a bar or dash, or in closing parentheses. */
const OWNER_IN_TITLE = /(?:\s[|–—·-]\s|\()\s*([^|–—·()]{3,60}?)\)?\s*$/;
/** "© 2025 Jane Doe", "Copyright © 2019-2025 Jane Doe": the holder, up to a period, comma or bar. */
const COPYRIGHT_HOLDER = /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?([^.,|©\d][^.,|©]{2,50})/i;
/** A home link's text longer than this is a sentence, not a name. */
const OWNER_MAX_CHARS = 40;
/** Home links read, at most (the logo, the header's name, the crumbs' first). */
const OWNER_HOME_LINKS = 5;
/** Elements read from the page's end for a copyright line. */
const OWNER_FOOTER_ELEMENTS = 300;

function firstPoster(page: Page): string | undefined {
  const from = page.headline ? Math.max(page.order.indexOf(page.headline), 0) : 0;
  for (let i = from; i < page.order.length; i++) {
    const el = page.order[i];
    if (el.name !== "a" || !el.attribs.href || !PROFILE_LINK.test(el.attribs.href)) continue;
    const name = cleanText(el);
    // A letter alone is the poster's avatar ("J" on a coloured disc), linked like the name after it.
    if (name && name.length > 1 && name.length <= MAX_POSTER_CHARS && !ACCOUNT_LINK_TEXT.test(name) && !NON_NAME.test(name)) return name;
  }
  return undefined;
}
