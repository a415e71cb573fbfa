/**
 * The archive's interface, in a module of its own: the SQLite and PostgreSQL implementations both import it, and
 * callers (batch, serve, search, the queue worker, the crawler) see only this. Every method is asynchronous because
 * a server database is; the SQLite implementation answers at once.
 */
import type { Article } from "../article.ts";

export interface SaveOptions {
  /** The caller's own key for the record (a file name, a WARC record id): a later save with the same key updates it. */
  id?: string;
  /** The page as fetched, kept beside the article so it can be shown or re-extracted later. */
  html?: Uint8Array | string;
}

export interface Saved {
  /** The archive id, stable across re-extractions of the same article. */
  id: number;
  /** False when an existing record (same key, canonical URL or content) was updated. */
  created: boolean;
}

export interface SearchQuery {
  /** Words to find; every word must match (a trailing * matches a prefix). Absent: newest first. */
  q?: string;
  /** A host name (matches its subdomains too) or a site name. */
  site?: string;
  /** Published at or after this date (ISO 8601 or YYYY-MM-DD). */
  since?: string;
  /** A substring of an author's name, case-insensitive. */
  author?: string;
  limit?: number;
  /** The `next` value of the previous page. */
  cursor?: string;
}

export interface Hit {
  id: number;
  url?: string;
  title?: string;
  siteName?: string;
  site?: string;
  authors: string[];
  published?: string;
  wordCount: number;
  /** Lower is better (SQLite: bm25; PostgreSQL: minus ts_rank); absent when browsing without a query. */
  score?: number;
  /** Text around the matches, plain. */
  snippet?: string;
  /** The same snippet, HTML-escaped, with matches in <mark>. */
  snippetHtml?: string;
  savedAt: string;
}

export interface SearchResult {
  hits: Hit[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  next?: string;
  /** Matching records (counted only on the first page). */
  total?: number;
}

export interface Store {
  /** Resolves once the archive is reachable and migrated; rejects with STORE_FAILED naming what is wrong. */
  ready(): Promise<void>;
  save(article: Article, options?: SaveOptions): Promise<Saved>;
  /** Many saves in one transaction: all or nothing. */
  saveMany(items: { article: Article; options?: SaveOptions }[]): Promise<Saved[]>;
  get(id: number): Promise<Article | undefined>;
  /** The page kept with `save(..., {html})`, if any. */
  source(id: number): Promise<Uint8Array | undefined>;
  search(query: SearchQuery): Promise<SearchResult>;
  count(): Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** SQLite: open the file read-only (it must exist). PostgreSQL: read-only transactions. */
  readonly?: boolean;
}
