/**
 * Sitemaps (index, urlset, Google News) and feeds (RSS, Atom, RDF), read with
 * fast-xml-parser. A file that is not what it says (truncated, HTML, another
 * root element) is refused with a reason; the crawl logs it and goes on.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { gunzipSync } from "node:zlib";
import { NewsclipError } from "../errors.ts";

export interface Entry {
  url: string;
  /** Last change (sitemap lastmod, feed updated/pubDate), ISO 8601 when it parsed. */
  date?: string;
  /** Listed in a Google News sitemap (news:news). */
  news?: boolean;
  title?: string;
}

export interface Listing {
  type: "sitemapindex" | "urlset" | "rss" | "atom" | "rdf";
  entries: Entry[];
  /** Entries dropped past the sitemap protocol's 50,000. */
  dropped: number;
}

/** The sitemap protocol's limits: 50,000 URLs and 50 MB uncompressed per file. */
export const MAX_ENTRIES = 50_000;
export const MAX_XML_BYTES = 50 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  // sitemap:, news:, dc:, atom:, rdf: prefixes vary between sites; the local names are what the formats define.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ["url", "sitemap", "item", "entry", "link"].includes(name),
});

/** Gzipped (by magic number, whatever the name or type says) or plain, BOM or not. */
export function xmlText(bytes: Uint8Array): string {
  let b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0x1f && b[1] === 0x8b) {
    try {
      b = gunzipSync(b, { maxOutputLength: MAX_XML_BYTES });
    } catch (err) {
      throw new NewsclipError("PARSE_FAILED", `bad or oversized gzip: ${(err as Error).message}`);
    }
  }
  return b.toString("utf8").replace(/^\uFEFF/, "");
}

export function parseListing(bytes: Uint8Array, base: string): Listing {
  const text = xmlText(bytes).trimStart();
  if (!text) throw new NewsclipError("EMPTY_INPUT", "empty file");
  if (/^<!doctype html|^<html[\s>]/i.test(text)) throw new NewsclipError("PARSE_FAILED", "an HTML page served where XML was expected");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new NewsclipError("PARSE_FAILED", `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new NewsclipError("PARSE_FAILED", `not well-formed XML: ${(err as Error).message}`);
  }
  const root = Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("#"));
  const body = (root ? doc[root] : undefined) as Node | undefined;
  let listing: Listing;
  switch (root) {
    case "sitemapindex":
      listing = { type: "sitemapindex", entries: list(body?.sitemap).map((s) => entry(s.loc, s.lastmod, base)), dropped: 0 };
      break;
    case "urlset":
      listing = {
        type: "urlset",
        entries: list(body?.url).map((u) => {
          const news = first(u.news) as Node | undefined;
          // lastmod says when the page last changed; the publication date only when it first appeared.
          const e = entry(u.loc, u.lastmod ?? first(news?.publication_date), base);
          if (news) {
            e.news = true;
            const title = str(news.title);
            if (title) e.title = title;
          }
          return e;
        }),
        dropped: 0,
      };
      break;
    case "rss": {
      const channel = first(body?.channel) as Node | undefined;
      listing = { type: "rss", entries: list(channel?.item).map((i) => itemEntry(i, base)), dropped: 0 };
      break;
    }
    case "RDF":
      listing = { type: "rdf", entries: list(body?.item).map((i) => itemEntry(i, base)), dropped: 0 };
      break;
    case "feed":
      listing = {
        type: "atom",
        entries: list(body?.entry).map((e) => {
          const links = list(e.link);
          const link = links.find((l) => !l["@rel"] || l["@rel"] === "alternate") ?? links[0];
          const x = entry(link?.["@href"], e.published ?? e.updated, base);
          const title = str(e.title);
          if (title) x.title = title;
          return x;
        }),
        dropped: 0,
      };
      break;
    default:
      throw new NewsclipError("PARSE_FAILED", `not a sitemap or a feed: root element <${root ?? "none"}>`);
  }
  listing.entries = listing.entries.filter((e) => e.url);
  if (listing.entries.length > MAX_ENTRIES) {
    listing.dropped = listing.entries.length - MAX_ENTRIES;
    listing.entries.length = MAX_ENTRIES;
  }
  return listing;
}

type Node = Record<string, unknown> & { [k: string]: unknown };

function list(v: unknown): Node[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "object" && x !== null ? (x as Node) : ({ "#text": x } as Node)));
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function str(v: unknown): string | undefined {
  v = first(v);
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number") return String(v);
  if (v && typeof v === "object" && "#text" in v) return str((v as Node)["#text"]);
  return undefined;
}

function itemEntry(i: Node, base: string): Entry {
  // RSS 2.0 may put the URL only in a permalink guid.
  const guid = first(i.guid) as Node | string | undefined;
  const permalink = typeof guid === "object" && guid?.["@isPermaLink"] !== "false" ? str(guid) : typeof guid === "string" && /^https?:/.test(guid) ? guid : undefined;
  const link = list(i.link).map((l) => str(l) ?? (l["@href"] as string | undefined)).find(Boolean);
  const e = entry(link ?? permalink, i.pubDate ?? i.date ?? i.published ?? i.updated, base);
  const title = str(i.title);
  if (title) e.title = title;
  return e;
}

function entry(loc: unknown, date: unknown, base: string): Entry {
  const raw = str(loc);
  let url = "";
  if (raw) {
    try {
      url = new URL(raw, base).href;
    } catch {
      url = "";
    }
  }
  const d = str(date);
  const t = d ? Date.parse(d) : NaN;
  return { url, ...(Number.isFinite(t) ? { date: new Date(t).toISOString() } : {}) };
}
