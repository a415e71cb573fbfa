/**
 * The links of an HTML page, with what a classifier needs to know of each:
 * anchor text, rel, and whether it sits in site furniture (nav, header,
 * footer, aside) or in the page body. One streaming pass with htmlparser2,
 * no tree: a listing page can hold thousands of links.
 */
import { Parser } from "htmlparser2";
import type { LinkContext } from "./urls.ts";

export interface Link extends LinkContext {
  href: string;
}

export interface PageLinks {
  links: Link[];
  /** <link rel=alternate> feeds. */
  feeds: Link[];
  canonical?: string;
  base?: string;
  /** <meta name=robots content=nofollow>: the page asks that its links not be followed. */
  nofollow: boolean;
}

const FURNITURE = new Set(["nav", "header", "footer", "aside", "menu"]);
/** Class or id words of furniture blocks without a semantic tag. */
const FURNITURE_NAME = /(^|[\s_-])(nav|navbar|navigation|menu|header|footer|breadcrumbs?|sidebar|masthead)($|[\s_-])/i;
/** Anchor text kept per link: enough for a headline. */
const TEXT_CHARS = 200;

export function pageLinks(html: string): PageLinks {
  const out: PageLinks = { links: [], feeds: [], nofollow: false };
  // For each open element: whether it opened a furniture block, so the count drops when it closes.
  const stack: boolean[] = [];
  let furniture = 0;
  let anchor: Link | undefined;
  const VOID = /^(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (VOID.test(name)) {
          if (name === "link") {
            const rel = (attrs.rel ?? "").toLowerCase();
            if (/\balternate\b/.test(rel) && /(rss|atom|rdf)/i.test(attrs.type ?? "") && attrs.href) out.feeds.push({ href: attrs.href, rel, type: attrs.type, area: "feed" });
            else if (/\bcanonical\b/.test(rel) && attrs.href) out.canonical ??= attrs.href;
          } else if (name === "base" && attrs.href) out.base ??= attrs.href;
          else if (name === "meta" && (attrs.name ?? "").toLowerCase() === "robots" && /nofollow|none/i.test(attrs.content ?? "")) out.nofollow = true;
          return;
        }
        const f = FURNITURE.has(name) || attrs.role === "navigation" || FURNITURE_NAME.test(`${attrs.class ?? ""} ${attrs.id ?? ""}`);
        stack.push(f);
        if (f) furniture++;
        if (name === "a" && attrs.href) {
          anchor = { href: attrs.href, text: "", area: furniture > 0 ? "nav" : "body", ...(attrs.rel ? { rel: attrs.rel } : {}) };
          out.links.push(anchor);
        }
      },
      ontext(t) {
        if (anchor && anchor.text!.length < TEXT_CHARS) anchor.text += t;
      },
      onclosetag(name) {
        if (VOID.test(name)) return;
        if (name === "a" && anchor) {
          anchor.text = anchor.text!.replace(/\s+/g, " ").trim().slice(0, TEXT_CHARS);
          anchor = undefined;
        }
        if (stack.pop()) furniture--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return out;
}
