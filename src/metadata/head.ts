/** The page's <head> statements: <meta> by key, <link rel>, <title>, <html lang>. */
import type { Document } from "domhandler";
import { type Element, walkElements, textOf, collapseSpace } from "../dom.ts";
import { parseLooseJson } from "../stages/clean.ts";

export interface Head {
  /** Lower-cased key (property, name, itemprop or http-equiv) → contents in page order. */
  meta: Map<string, string[]>;
  /** Lower-cased rel token → hrefs in page order. */
  links: Map<string, string[]>;
  title?: string;
  htmlLang?: string;
  /** JSON-LD still in the tree (clean keeps <head> as it is), parsed. */
  jsonld: unknown[];
}

/** Reads every <meta>/<link> in one walk (they may sit in the body too), stopping at nothing: metadata is small. */
export function readHead(doc: Document): Head {
  const meta = new Map<string, string[]>();
  const links = new Map<string, string[]>();
  let title: string | undefined;
  let htmlLang: string | undefined;
  const jsonld: unknown[] = [];
  const add = (m: Map<string, string[]>, k: string, v: string): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  walkElements(doc, (el: Element) => {
    const a = el.attribs;
    switch (el.name) {
      case "html":
        if (a.lang || a["xml:lang"]) htmlLang = (a.lang || a["xml:lang"]).trim();
        break;
      case "meta": {
        const content = a.content ?? a.value;
        if (content == null) break;
        const v = content.trim();
        if (!v) break;
        for (const key of [a.property, a.name, a.itemprop, a["http-equiv"]]) {
          if (key) for (const k of key.toLowerCase().split(/\s+/)) if (k) add(meta, k, v);
        }
        return false;
      }
      case "link":
        if (a.rel && a.href) for (const r of a.rel.toLowerCase().split(/\s+/)) add(links, r, a.href.trim());
        return false;
      case "script":
        if ((a.type ?? "").toLowerCase().trim() === "application/ld+json") {
          const v = parseLooseJson(textOf(el).trim());
          if (v !== undefined) jsonld.push(v);
        }
        return false;
      case "title":
        if (title === undefined && !(el.parent && (el.parent as Element).name === "svg")) title = titleText(textOf(el)) || undefined;
        return false;
    }
  });
  return { meta, links, title, htmlLang, jsonld };
}

/** A title longer than this is not a headline: it swallowed what followed it. */
const MAX_TITLE_CHARS = 300;
/** Markup no headline holds: a <title> left open (or closed by a typo) took the page's head or body as its text. */
const SWALLOWED_MARKUP = /<\/?(?:meta|link|script|style|head|body|html|title|titel|div|p|img|h[1-6]|main|article|section|noscript)\b/i;

/**
 * The title's text, white space collapsed. A title that holds markup or runs past a few hundred characters
 * swallowed the page after it (parse.ts's repairTitle mends the page itself when its body is in there): it is
 * re-read as its first line, up to its first tag.
 */
export function titleText(raw: string): string {
  let t = raw;
  if (t.length > MAX_TITLE_CHARS || SWALLOWED_MARKUP.test(t)) {
    t = t.trimStart();
    const cut = t.search(/[\r\n]|<[a-z!/]/i);
    if (cut > 0) t = t.slice(0, cut);
  }
  return collapseSpace(t).trim();
}

/** First value among keys, in key order. */
export function firstMeta(head: Head, keys: readonly string[]): { key: string; value: string } | undefined {
  for (const k of keys) {
    const v = head.meta.get(k);
    if (v && v.length) return { key: k, value: v[0] };
  }
  return undefined;
}

/** The evidence source name of a meta key. */
export function metaSource(key: string): string {
  if (key.startsWith("og:") || key.startsWith("article:")) return "meta:og";
  if (key.startsWith("twitter:")) return "meta:twitter";
  return "meta:name";
}
