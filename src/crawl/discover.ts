/**
 * Discovery: the URLs a listing leads to. A sitemap or feed gives its entries; an HTML page (a root or a section) its
 * feed links and its classified links. One function for the crawler on one machine (index.ts) and the crawl on the
 * queue (../queue/crawl.ts): scope, depth and the seen set are the caller's, behind `f.queue`.
 */
import { errorRecord } from "../errors.ts";
import { decode } from "../stages/decode.ts";
import { parseListing, type Listing } from "./feeds.ts";
import { pageLinks } from "./links.ts";
import { classify, normalise, type Kind, type LinkContext } from "./urls.ts";
import type { CrawlResult } from "./index.ts";

/** Where a site without a feed link usually keeps its feed. */
export const FEED_PATHS = ["/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml"];

/** The listing being read. */
export interface Page {
  url: string;
  host: string;
  kind: Kind;
  depth: number;
}

/** What discovery hands back to its crawler. */
export interface Finds {
  /** Scope, depth and seen-set checks, then into the frontier; true when queued. */
  queue(url: string, kind: Kind, depth: number, x: { hint?: string; via?: string }): boolean;
  skip(url: string, reason: string, event?: boolean): void;
  emit(r: CrawlResult): void;
  /** Hosts known to have a feed: their roots are not probed at the common feed paths. */
  feedHosts: Set<string>;
}

/** New URLs from a listing's body: sitemap or feed entries, or the links of an HTML page. Returns how many were queued. */
export function discover(row: Page, bytes: Uint8Array, contentType: string | undefined, f: Finds): number {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart();
  const xml = row.kind === "sitemap" || row.kind === "feed" || /^<\?xml|^<(rss|urlset|sitemapindex|feed|rdf:RDF)\b/i.test(head) || (bytes[0] === 0x1f && bytes[1] === 0x8b);
  if (xml) {
    let listing: Listing;
    try {
      listing = parseListing(bytes, row.url);
    } catch (err) {
      f.emit({ type: "error", url: row.url, kind: row.kind, ...errorRecord(err), retry: false });
      return 0;
    }
    if (listing.dropped) f.emit({ type: "skipped", url: row.url, reason: `${listing.dropped} entries past the sitemap limit of 50,000` });
    if (listing.type === "rss" || listing.type === "atom" || listing.type === "rdf") f.feedHosts.add(row.host);
    let n = 0;
    for (const e of listing.entries) {
      const u = normalise(e.url);
      if (!u) continue;
      if (listing.type === "sitemapindex") {
        if (f.queue(u, "sitemap", row.depth + 1, { via: row.url, ...(e.date ? { hint: e.date } : {}) })) n++;
        continue;
      }
      const area: LinkContext["area"] = listing.type === "urlset" ? (e.news ? "news-sitemap" : "sitemap") : "feed";
      const c = classify(u, { area, ...(e.title ? { text: e.title } : {}) });
      if (c.kind === "other") {
        f.skip(u, c.reason);
        continue;
      }
      if (f.queue(u, c.kind, row.depth, { via: row.url, ...(e.date ? { hint: e.date } : {}) })) n++;
    }
    return n;
  }
  let html: string;
  try {
    html = decode(bytes, contentType).html;
  } catch (err) {
    f.emit({ type: "error", url: row.url, kind: row.kind, ...errorRecord(err), retry: false });
    return 0;
  }
  const page = pageLinks(html);
  const base = safeBase(page.base, row.url);
  let n = 0;
  for (const l of page.feeds) {
    const u = normalise(l.href, base);
    if (!u) continue;
    f.feedHosts.add(row.host);
    if (f.queue(u, "feed", row.depth, { via: row.url })) n++;
  }
  if (new URL(row.url).pathname === "/" && !f.feedHosts.has(row.host) && !page.feeds.length) {
    for (const p of FEED_PATHS) f.queue(new URL(p, row.url).href, "feed", row.depth, { via: "probe" });
  }
  if (page.nofollow) {
    f.skip(row.url, "meta robots nofollow", true);
    return n;
  }
  for (const l of page.links) {
    const u = normalise(l.href, base);
    if (!u) continue;
    const c = classify(u, l);
    if (c.kind === "other") {
      f.skip(u, c.reason);
      continue;
    }
    if (f.queue(u, c.kind, c.kind === "section" ? row.depth + 1 : row.depth + 1, { via: row.url })) n++;
  }
  return n;
}

function safeBase(base: string | undefined, url: string): string {
  if (!base) return url;
  try {
    return new URL(base, url).href;
  } catch {
    return url;
  }
}
