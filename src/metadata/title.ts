/** The headline as the page shows it: no site-name suffix, never cut at a colon. */
import { collapseSpace, ownCopy } from "../dom.ts";
import { TITLE_SEPARATOR } from "../heuristics/meta.ts";

function fold(s: string): string {
  return collapseSpace(s.normalize("NFKC").toLowerCase().replace(/[’‘`´]/g, "'").replace(/[“”„«»]/g, '"').replace(/[–—]/g, "-")).trim();
}

/**
 * Letters and digits only, folded. Remembered per string: a page's few titles and names are compared with each other
 * many times over (every site-name candidate with every title, each part of a title with every name).
 */
function compact(s: string): string {
  let c = COMPACT.get(s);
  if (c !== undefined) return c;
  if (s.length > MAX_COMPACT_CHARS) return fold(s).replace(/[^\p{L}\p{N}]+/gu, "");
  // Computed from a copy: the cache keeps the string and, when folding changes nothing, the result is that string.
  const own = ownCopy(s);
  c = fold(own).replace(/[^\p{L}\p{N}]+/gu, "");
  if (COMPACT.size >= MAX_COMPACT) COMPACT.clear();
  COMPACT.set(own, c);
  return c;
}

const COMPACT = new Map<string, string>();
/** Strings remembered, at most (a bound on the memory a long run keeps). */
const MAX_COMPACT = 5_000;
/** Longer strings (a sentence taken for a title) are not kept. */
const MAX_COMPACT_CHARS = 500;

/**
 * Removes a site-name part from either end of a title ("Headline | Site",
 * "Site - Headline"). A part is the site's when it matches a known site name
 * or host, or when it repeats across the page's title strings; otherwise the
 * title is kept whole (a dash inside a headline is the headline's).
 */
export function stripSite(title: string, site: { names: string[]; host?: string }): string {
  const parts = splitParts(title);
  if (parts.length < 2) return title.trim();
  const isSite = (p: string, last = false): boolean => {
    const c = compact(p);
    if (!c) return true;
    for (const n of site.names) {
      const cn = compact(n);
      if (cn && (c === cn || (cn.length >= 4 && (c.includes(cn) || cn.includes(c)) && c.length <= cn.length + 12))) return true;
    }
    if (site.host) {
      const h = site.host.replace(/^www\./, "").toLowerCase();
      const core = h.split(".").slice(0, -1).join("").replace(/[^a-z0-9]/g, "");
      // Hosts spell umlauts out ("boersen-zeitung" for "Börsen-Zeitung").
      const t = c.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}/gu, "");
      if (core.length >= 3 && [c, t].some((x) => x === core || x.replace(/^the/, "") === core || x === h.replace(/[^a-z0-9]/g, ""))) return true;
      // A subdomain's site is its domain's ("investor.vanguard.com": Vanguard); a short last part naming the domain
      // ("Bridgestone Tires", "Newegg.com"), or named inside it ("getdianahr.com": DianaHR), is the site's too. Only
      // the last: a first part so named is the product ("Stripe Payments | Global Payment Processing").
      const label = domainLabel(h);
      if (last && label.length >= 5 && p.trim().split(/\s+/).length <= 2 && [c, t].some((x) => x === label || x === label + tldOf(h) || (x.length >= 5 && (x.includes(label) || label.includes(x)) && Math.abs(x.length - label.length) <= 12))) return true;
    }
    return false;
  };
  let from = 0;
  let to = parts.length;
  while (to - from > 1 && isSite(parts[to - 1].text, true)) to--;
  while (to - from > 1 && isSite(parts[from].text)) from++;
  if (from === 0 && to === parts.length) return title.trim();
  return title.slice(parts[from].start, parts[to - 1].end).trim();
}

function splitParts(title: string): { text: string; start: number; end: number }[] {
  const parts: { text: string; start: number; end: number }[] = [];
  let last = 0;
  for (const m of title.matchAll(TITLE_SEPARATOR)) {
    parts.push({ text: title.slice(last, m.index), start: last, end: m.index! });
    last = m.index! + m[0].length;
  }
  parts.push({ text: title.slice(last), start: last, end: title.length });
  return parts;
}

/** True when `text` starts with `part` (case, quotes, dashes, spacing and punctuation folded). */
export function startsWithPart(text: string, part: string): boolean {
  const p = compact(part);
  return !!p && compact(text).startsWith(p);
}

/** True when `text` contains `part` (folded as above). */
export function holds(text: string, part: string): boolean {
  const p = compact(part);
  return !!p && compact(text).includes(p);
}

/** The headline element's text without its kicker and the separator after it. */
export function withoutKicker(text: string, kicker: string): string {
  return text.startsWith(kicker) ? text.slice(kicker.length).replace(/^[\s:|–—·•/-]+/, "").trim() : text;
}

/** True when two titles say the same (case, quotes, dashes and spacing folded). */
export function sameTitle(a: string, b: string): boolean {
  return compact(a) === compact(b);
}

/**
 * True when `small` is `big` with only a kicker, section or site affix cut
 * off: it sits inside `big` and what is left on each side ends (before) or
 * starts (after) at a separator ("Kicker: Headline", "Headline - Section").
 */
export function affixed(big: string, small: string): boolean {
  const b = fold(big);
  const s = fold(small);
  if (s.length < AFFIX_MIN || s.length >= b.length) return false;
  const i = b.indexOf(s);
  if (i < 0) return false;
  const before = b.slice(0, i);
  const after = b.slice(i + s.length);
  return (!before.trim() || AFFIX_BEFORE.test(before)) && (!after.trim() || ((AFFIX_AFTER.test(after) || AFFIX_GLUED.test(after)) && after.trim().split(" ").length <= AFFIX_AFTER_WORDS));
}

/** Shorter strings are too likely to sit inside a headline by chance. */
const AFFIX_MIN = 12;
/** A kicker or site name before the headline ends with a colon or a separator; a hyphen only when spaced ("Site - "). */
const AFFIX_BEFORE = /(?:[:|/·•»›]|\s-{1,2})\s*$/u;
/** A section or site name after the headline is a few words; more is the headline's second half ("A - B"). */
const AFFIX_AFTER_WORDS = 4;
/** ...and starts with a separator; a hyphen only when spaced (" - Section"): "vaccine-maker" is one word. */
const AFFIX_AFTER = /^\s*(?:[|/·•«‹ㅣ｜]|-{1,2}\s)/u;
/** A section glued by a hyphen is one word ("Headline-Politics"). */
const AFFIX_GLUED = /^-[^\s-]+(?:\s*[|ㅣ｜].*)?$/u;

/**
 * True when `short` is `full` cut off where a quotation mark starts: what an
 * unescaped quote does to an attribute (content="Winner and "royal visit"").
 */
export function truncated(short: string, full: string): boolean {
  const a = fold(short);
  const b = fold(full);
  return a.length >= b.length / 2 && a.length < b.length && b.startsWith(a) && b.slice(a.length).trimStart().startsWith('"');
}

/** The part of `longer` that `shorter` leaves over, when `longer` starts or ends with it: a site-name suffix candidate. */
export function leftover(longer: string, shorter: string): string | undefined {
  const l = fold(longer);
  const s = fold(shorter);
  if (l === s || !s) return undefined;
  if (l.startsWith(s)) return longer.slice(shorter.length).replace(/^[\s|–—:·•-]+/, "").trim() || undefined;
  if (l.endsWith(s)) return longer.slice(0, longer.length - shorter.length).replace(/[\s|–—:·•-]+$/, "").trim() || undefined;
  return undefined;
}

/** Second-level labels under which names are registered ("example.co.uk"). */
const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go", "gob", "nic"]);

/** The registered name of a host, without subdomains or suffix: "investor.vanguard.com" -> "vanguard". */
function domainLabel(host: string): string {
  const labels = host.split(".");
  if (labels.length < 2) return "";
  const i = labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2]) ? labels.length - 3 : labels.length - 2;
  return labels[i].replace(/[^a-z0-9]/g, "");
}

function tldOf(host: string): string {
  return host.slice(host.lastIndexOf(".") + 1).replace(/[^a-z0-9]/g, "");
}
