/**
 * The embedded archive: one SQLite file (WAL mode, so a killed writer never
 * loses a committed article nor leaves the file unreadable), with an FTS5
 * index ranked by bm25.
 */
import Database from "better-sqlite3";
import { gzipSync, gunzipSync } from "node:zlib";
import type { Article } from "../article.ts";
import { NewsclipError } from "../errors.ts";
import type { OpenOptions, SaveOptions, Saved, SearchQuery, SearchResult, Store } from "./types.ts";
import { MIGRATIONS } from "./migrations.ts";
import { ftsQuery, siteOf, urlKey } from "./keys.ts";
import { ftsRow, hasUnspaced } from "./fts.ts";
import { archived, contentHash, decodeCursor, encodeCursor, fold, limitOf, siteHost, sinceOf, toHit, type Row } from "./common.ts";

/** bm25 weights of title, lead, authors, body: a hit in the headline says more than one deep in the body. */
const WEIGHTS = [10, 4, 2, 1];
const SNIPPET_WORDS = 24;
/** In unspaced scripts a token is one character: a snippet of as many tokens as FTS5 allows. */
const SNIPPET_CHARS = 64;
/**
 * Several processes (batch runs, serve, search) may share one file. Every write takes the write lock at its start
 * (BEGIN IMMEDIATE), so SQLite's busy handler waits for it; a deferred transaction that reads and then writes gets
 * SQLITE_BUSY at once when another connection wrote in between, whatever the busy timeout. Past the busy timeout a
 * write is tried again after a growing pause, and only then reported as STORE_FAILED.
 */
export const LOCKING = {
  /** SQLite waits this long for a lock before giving up with SQLITE_BUSY. */
  busyTimeoutMs: 5000,
  /** Further attempts after a write gave up with SQLITE_BUSY or SQLITE_LOCKED. */
  retries: 4,
  /** Pause before the first retry, doubled at each one, with jitter. */
  backoffMs: 50,
};

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteStore["prepare"]>;

  constructor(path: string, options: OpenOptions = {}) {
    try {
      this.db = new Database(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
      this.db.pragma(`busy_timeout = ${LOCKING.busyTimeoutMs}`);
      if (!options.readonly && path !== ":memory:") {
        retrying(() => this.db.pragma("journal_mode = WAL"));
        // In WAL mode NORMAL loses nothing on a process crash, only possibly on power loss.
        this.db.pragma("synchronous = NORMAL");
      }
      this.db.function("nc_fold", { deterministic: true }, (s: unknown) => (typeof s === "string" ? fold(s) : null));
      this.migrate(options.readonly === true);
      this.stmts = this.prepare();
    } catch (err) {
      throw storeError(err, path);
    }
  }

  private migrate(readonly: boolean): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new NewsclipError("STORE_FAILED", `archive schema version ${version} is newer than this newsclip (${MIGRATIONS.length})`);
    }
    if (version === MIGRATIONS.length) return;
    if (readonly) throw new NewsclipError("STORE_FAILED", `archive schema version ${version} needs a migration; open it writable once`);
    // Another process may be migrating the same file: each step holds the write lock and reads the version again under it.
    for (;;) {
      const done = retrying(() =>
        this.db
          .transaction(() => {
            const v = this.db.pragma("user_version", { simple: true }) as number;
            if (v >= MIGRATIONS.length) return true;
            const step = MIGRATIONS[v];
            if (typeof step === "string") this.db.exec(step);
            else step(this.db);
            this.db.pragma(`user_version = ${v + 1}`);
            return false;
          })
          .immediate(),
      );
      if (done) return;
    }
  }

  private prepare() {
    const db = this.db;
    return {
      bySource: db.prepare<[string], { id: number }>("SELECT id FROM articles WHERE source_key = ? LIMIT 1"),
      byUrl: db.prepare<[string], { id: number }>("SELECT id FROM articles WHERE url_key = ? LIMIT 1"),
      byHash: db.prepare<[string], { id: number }>("SELECT id FROM articles WHERE content_hash = ? LIMIT 1"),
      insert: db.prepare(
        `INSERT INTO articles (source_key, url_key, content_hash, url, title, site, site_name, authors, published, published_ts, lang, word_count, saved_at, updated_at)
         VALUES (@source_key, @url_key, @content_hash, @url, @title, @site, @site_name, @authors, @published, @published_ts, @lang, @word_count, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE articles SET source_key = coalesce(@source_key, source_key), url_key = coalesce(@url_key, url_key), content_hash = @content_hash,
           url = @url, title = @title, site = @site, site_name = @site_name, authors = @authors, published = @published, published_ts = @published_ts,
           lang = @lang, word_count = @word_count, updated_at = @now
         WHERE id = @id`,
      ),
      document: db.prepare(
        `INSERT INTO documents (id, article, source) VALUES (@id, @article, @source)
         ON CONFLICT(id) DO UPDATE SET article = excluded.article, source = coalesce(excluded.source, documents.source)`,
      ),
      ftsDelete: db.prepare<[number]>("DELETE FROM articles_fts WHERE rowid = ?"),
      ftsInsert: db.prepare("INSERT INTO articles_fts (rowid, title, lead, authors, body) VALUES (?, ?, ?, ?, ?)"),
      get: db.prepare<[number], { article: string }>("SELECT article FROM documents WHERE id = ?"),
      source: db.prepare<[number], { source: Buffer | null }>("SELECT source FROM documents WHERE id = ?"),
      count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM articles"),
    };
  }

  async ready(): Promise<void> {}

  async save(article: Article, options: SaveOptions = {}): Promise<Saved> {
    try {
      return retrying(() => this.db.transaction(() => this.write(article, options)).immediate());
    } catch (err) {
      throw storeError(err);
    }
  }

  async saveMany(items: { article: Article; options?: SaveOptions }[]): Promise<Saved[]> {
    try {
      return retrying(() => this.db.transaction(() => items.map((it) => this.write(it.article, it.options ?? {}))).immediate());
    } catch (err) {
      throw storeError(err);
    }
  }

  /** One upsert; the caller holds the transaction. */
  private write(article: Article, options: SaveOptions): Saved {
    const s = this.stmts;
    const key = urlKey(article.canonicalUrl) ?? urlKey(article.url);
    const hash = contentHash(article);
    const found =
      (options.id !== undefined ? s.bySource.get(options.id) : undefined) ??
      (key ? s.byUrl.get(key) : undefined) ??
      (hash ? s.byHash.get(hash) : undefined);
    const kept = archived(article);
    const published = article.published ? Date.parse(article.published) : NaN;
    const row = {
      source_key: options.id ?? null,
      url_key: key ?? null,
      content_hash: hash ?? null,
      url: article.canonicalUrl ?? article.url ?? null,
      title: article.title ?? null,
      site: siteOf(article.canonicalUrl ?? article.url) ?? null,
      site_name: article.siteName ?? null,
      authors: article.authors.map((a) => a.name).join("\n"),
      published: article.published ?? null,
      published_ts: Number.isFinite(published) ? published : null,
      lang: article.lang ?? null,
      word_count: article.wordCount,
      article: JSON.stringify(kept),
      source: options.html === undefined ? null : gzipSync(typeof options.html === "string" ? Buffer.from(options.html) : options.html),
      now: new Date().toISOString(),
    };
    const { article: json, source, ...fields } = row;
    let id: number;
    if (found) {
      id = found.id;
      s.update.run({ ...fields, id });
      s.ftsDelete.run(id);
    } else {
      id = Number(s.insert.run(fields).lastInsertRowid);
    }
    s.document.run({ id, article: json, source });
    const f = ftsRow(article);
    s.ftsInsert.run(id, f.title, f.lead, f.authors, f.body);
    return { id, created: !found };
  }

  async get(id: number): Promise<Article | undefined> {
    const r = this.stmts.get.get(id);
    return r ? (JSON.parse(r.article) as Article) : undefined;
  }

  async source(id: number): Promise<Uint8Array | undefined> {
    const r = this.stmts.source.get(id);
    return r?.source ? gunzipSync(r.source) : undefined;
  }

  async count(): Promise<number> {
    return this.stmts.count.get()!.n;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const limit = limitOf(query.limit);
    const offset = decodeCursor(query.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const match = query.q ? ftsQuery(query.q) : undefined;
    // A query with no searchable word finds nothing, rather than everything.
    if (query.q?.trim() && !match) return { hits: [], total: 0 };
    if (match) {
      where.push("articles_fts MATCH ?");
      params.push(match);
    }
    if (query.site) {
      const site = siteHost(query.site);
      where.push("(a.site = ? OR a.site LIKE ? ESCAPE '\\' OR nc_fold(a.site_name) = ?)");
      params.push(site, "%." + site.replace(/[\\%_]/g, "\\$&"), fold(query.site.trim()));
    }
    if (query.since) {
      where.push("a.published_ts >= ?");
      params.push(sinceOf(query.since));
    }
    if (query.author) {
      where.push("instr(nc_fold(a.authors), ?) > 0");
      params.push(fold(query.author.trim()));
    }
    const cols = "a.id, a.url, a.title, a.site, a.site_name, a.authors, a.published, a.word_count, a.saved_at";
    const cond = where.length ? "WHERE " + where.join(" AND ") : "";
    const from = match ? "articles_fts JOIN articles a ON a.id = articles_fts.rowid" : "articles a";
    try {
      let rows: Row[];
      let more: boolean;
      if (match) {
        // Rank first on ids alone, then build snippets for the one page shown: a snippet costs far more than a score.
        // With no filter on the articles table, the index ranks alone, without a join per match.
        const rankSql =
          where.length === 1
            ? `SELECT rowid AS id, bm25(articles_fts, ${WEIGHTS.join(", ")}) AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score, rowid LIMIT ? OFFSET ?`
            : `SELECT a.id AS id, bm25(articles_fts, ${WEIGHTS.join(", ")}) AS score FROM ${from} ${cond} ORDER BY score, a.id LIMIT ? OFFSET ?`;
        const ranked = this.db
          .prepare<unknown[], { id: number; score: number }>(rankSql)
          .all(...params, limit + 1, offset);
        const page = ranked.slice(0, limit);
        const byId = new Map<number, Row>();
        if (page.length) {
          const size = hasUnspaced(query.q ?? "") ? SNIPPET_CHARS : SNIPPET_WORDS;
          const detail = this.db
            .prepare<unknown[], Row>(
              `SELECT ${cols}, snippet(articles_fts, 3, char(2), char(3), '…', ${size}) AS snip,
                 snippet(articles_fts, -1, char(2), char(3), '…', ${size}) AS best
               FROM ${from} WHERE articles_fts MATCH ? AND articles_fts.rowid IN (${page.map(() => "?").join(", ")})`,
            )
            .all(match, ...page.map((r) => r.id));
          for (const r of detail) byId.set(Number(r.id), r);
        }
        rows = page.flatMap((r) => {
          const row = byId.get(r.id);
          return row ? [{ ...row, score: r.score }] : [];
        });
        more = ranked.length > limit;
      } else {
        rows = this.db
          .prepare<unknown[], Row>(`SELECT ${cols} FROM ${from} ${cond} ORDER BY coalesce(a.published_ts, 0) DESC, a.id DESC LIMIT ? OFFSET ?`)
          .all(...params, limit + 1, offset);
        more = rows.length > limit;
      }
      const result: SearchResult = { hits: rows.slice(0, limit).map(toHit) };
      if (more) result.next = encodeCursor(offset + limit);
      if (offset === 0) {
        // Without filters on the articles table, the full-text index alone can count.
        const count = match && where.length === 1 ? "SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?" : `SELECT count(*) AS n FROM ${from} ${cond}`;
        result.total = this.db.prepare<unknown[], { n: number }>(count).get(...params)!.n;
      }
      return result;
    } catch (err) {
      throw storeError(err);
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** True for the errors another connection's lock causes, which a later attempt can get past. */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn` (a whole transaction: a failed attempt has rolled back), again after a growing pause while the file is locked. */
function retrying<T>(fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || attempt >= LOCKING.retries) throw err;
      const ms = LOCKING.backoffMs * 2 ** attempt;
      // The store's interface is synchronous (better-sqlite3 is): a synchronous sleep, as SQLite's own busy handler does.
      Atomics.wait(pause, 0, 0, ms / 2 + Math.random() * ms);
    }
  }
}

function storeError(err: unknown, path?: string): unknown {
  if (err instanceof NewsclipError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new NewsclipError("STORE_FAILED", path ? `${path}: ${message}` : message, { cause: err });
}
