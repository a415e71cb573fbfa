/** What both archive implementations compute the same way: dedupe hash, search paging, snippet markup, hits. */
import { createHash } from "node:crypto";
import type { Article } from "../article.ts";
import { NewsclipError } from "../errors.ts";
import { ZWSP } from "./fts.ts";
import type { Hit } from "./types.ts";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Snippet match markers: control characters never present in extracted text. */
export const OPEN = "\u0002";
export const CLOSE = "\u0003";

/** Same title and body text means the same article, whatever URL it came from. */
export function contentHash(a: Article): string | undefined {
  const text = a.text.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  return createHash("sha256").update((a.title ?? "").trim()).update("\n").update(text).digest("base64url");
}

/** The article as archived: its `explain` trace is for the caller of extract(), not for the archive. */
export function archived(article: Article): Omit<Article, "explain"> {
  const { explain: _explain, ...kept } = article;
  void _explain;
  return kept;
}

export function limitOf(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
}

export function sinceOf(since: string): number {
  const ts = Date.parse(since);
  if (!Number.isFinite(ts)) throw new NewsclipError("BAD_REQUEST", `"since" is not a date: ${since}`);
  return ts;
}

/** The site filter's host: no scheme, no www., no path. */
export function siteHost(site: string): string {
  return site.trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/^www\./, "").replace(/\/.*$/, "");
}

/** Lower case without accents, so "zurcher" finds "Zürcher" as the full-text index does. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const o = (JSON.parse(Buffer.from(cursor, "base64url").toString()) as { o?: unknown }).o;
    if (typeof o === "number" && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // reported below
  }
  throw new NewsclipError("BAD_REQUEST", "invalid cursor");
}

/** A result row as both implementations select it. */
export interface Row {
  id: number | string;
  url: string | null;
  title: string | null;
  site: string | null;
  site_name: string | null;
  authors: string;
  published: string | null;
  word_count: number;
  saved_at: string;
  score?: number;
  snip?: string | null;
  best?: string | null;
}

export function toHit(r: Row): Hit {
  const hit: Hit = {
    id: Number(r.id),
    authors: r.authors ? r.authors.split("\n") : [],
    wordCount: r.word_count,
    savedAt: r.saved_at,
  };
  if (r.url) hit.url = r.url;
  if (r.title) hit.title = r.title;
  if (r.site_name) hit.siteName = r.site_name;
  if (r.site) hit.site = r.site;
  if (r.published) hit.published = r.published;
  if (r.score !== undefined) hit.score = Math.round(r.score * 1e4) / 1e4;
  // Body text around the match reads better than a matched headline repeated; the best column is the fallback.
  let snip = r.snip?.includes(OPEN) ? r.snip : (r.best ?? r.snip ?? undefined);
  // The index's grapheme separators (fts.ts) are not the article's text.
  if (snip) snip = snip.replaceAll(ZWSP, "");
  if (snip) {
    hit.snippet = snip.replace(/[\u0002\u0003]/g, "");
    hit.snippetHtml = escapeHtml(snip).replaceAll(OPEN, "<mark>").replaceAll(CLOSE, "</mark>");
  }
  return hit;
}
