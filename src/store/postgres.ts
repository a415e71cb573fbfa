/**
 * The shared archive: PostgreSQL, for many workers on many machines (docs/scale.md). Same contract as the SQLite
 * archive (types.ts): upserts on the caller's key, then the canonical URL, then the content hash, so a record saved
 * twice (a job retried after a worker died, a commit whose acknowledgement was lost) is one row. Full-text search is
 * PostgreSQL's own: a weighted tsvector under a GIN index, websearch_to_tsquery for the user's words, ts_rank, and
 * ts_headline for snippets.
 */
import pg from "pg";
import { createHash } from "node:crypto";
import { gzipSync, gunzipSync } from "node:zlib";
import type { Article } from "../article.ts";
import { NewsclipError } from "../errors.ts";
import type { OpenOptions, SaveOptions, Saved, SearchQuery, SearchResult, Store } from "./types.ts";
import { PG_MIGRATIONS } from "./pg-migrations.ts";
import { siteOf, urlKey } from "./keys.ts";
import { ftsRow, ftsText } from "./fts.ts";
import { CLOSE, OPEN, archived, contentHash, decodeCursor, encodeCursor, fold, limitOf, siteHost, sinceOf, toHit, type Row } from "./common.ts";

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/**
 * A connection that drops, a server restarting or refusing connections for a moment: the whole transaction is tried
 * again after a growing pause (it rolled back, or committed and the retry finds its row), and only then reported.
 */
export const PG_RETRY = {
  retries: 6,
  /** Pause before the first retry, doubled at each one, with jitter: about 6 s in all. */
  backoffMs: 100,
  connectTimeoutMs: 10_000,
};

/** Connections per process: a worker writes one job at a time, serve reads a few at once. */
const POOL = Number(process.env.NEWSCLIP_PG_POOL) || 4;
/** Body text indexed: a tsvector is at most 1 MB, and a page's first 200,000 characters find it. */
const INDEX_CHARS = 200_000;
const CONFIG = "newsclip";
/** Held while migrating, so several workers starting at once migrate once. */
const MIGRATE_LOCK = 0x6e657773;
const SNIPPET = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "`;

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly where: string;
  private init?: Promise<void>;
  private closed = false;
  /** What the first ready() found and did: schema versions before and after. */
  migration?: { from: number; to: number };

  constructor(
    url: string,
    private readonly options: OpenOptions = {},
  ) {
    this.where = redact(url);
    try {
      this.pool = new pg.Pool({
        connectionString: url,
        max: POOL,
        connectionTimeoutMillis: PG_RETRY.connectTimeoutMs,
        application_name: "newsclip",
        ...(options.readonly ? { options: "-c default_transaction_read_only=on" } : {}),
      });
    } catch (err) {
      throw new NewsclipError("STORE_FAILED", `${this.where}: ${message(err)}`, { cause: err });
    }
    // An idle connection the server dropped (a restart): the pool forgets it and the next query opens another.
    this.pool.on("error", () => {});
  }

  ready(): Promise<void> {
    this.init ??= retrying(() => this.migrate()).then(
      (m) => void (this.migration = m),
      (err: unknown) => {
        this.init = undefined;
        throw storeError(err, this.where);
      },
    );
    return this.init;
  }

  /** Brings the schema to the current version; returns the versions before and after. */
  async migrate(): Promise<{ from: number; to: number }> {
    const c = await this.pool.connect();
    let broken = false;
    const lost = () => (broken = true);
    c.on("error", lost);
    try {
      const current = async () =>
        Number((await c.query<{ v: string }>("SELECT coalesce(max(version), 0) AS v FROM schema_migrations")).rows[0].v);
      const exists = (await c.query("SELECT to_regclass('schema_migrations') AS t")).rows[0].t !== null;
      let from = exists ? await current() : 0;
      if (from > PG_MIGRATIONS.length) {
        throw new NewsclipError("STORE_FAILED", `archive schema version ${from} is newer than this newsclip (${PG_MIGRATIONS.length})`);
      }
      if (from === PG_MIGRATIONS.length) return { from, to: from };
      if (this.options.readonly) throw new NewsclipError("STORE_FAILED", `archive schema version ${from} needs a migration: newsclip store migrate --store URL`);
      await c.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK]);
      try {
        await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        from = await current();
        for (let v = from; v < PG_MIGRATIONS.length; v++) {
          await c.query("BEGIN");
          try {
            await c.query(PG_MIGRATIONS[v]);
            await c.query("INSERT INTO schema_migrations (version) VALUES ($1)", [v + 1]);
            await c.query("COMMIT");
          } catch (err) {
            await c.query("ROLLBACK").catch(() => {});
            throw err;
          }
        }
        return { from, to: PG_MIGRATIONS.length };
      } finally {
        await c.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK]).catch(() => {});
      }
    } catch (err) {
      broken ||= transient(err);
      throw err;
    } finally {
      c.off("error", lost);
      c.release(broken);
    }
  }

  /**
   * One transaction on one connection, tried again on a transient failure. `head`, a statement without parameters,
   * goes with the BEGIN in one round trip.
   */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>, head?: string): Promise<T> {
    if (this.closed) throw new NewsclipError("STORE_FAILED", `${this.where}: the archive is closed`);
    await this.ready();
    try {
      return await retrying(async () => {
        const c = await this.pool.connect();
        let broken = false;
        // The server may end the connection between two statements (a restart): pg then emits 'error' on the client,
        // which would end the process unheard. The next statement fails, and the transaction is tried again.
        const lost = () => (broken = true);
        c.on("error", lost);
        try {
          await c.query(head ? `BEGIN; ${head}` : "BEGIN");
          const out = await fn(c);
          await c.query("COMMIT");
          return out;
        } catch (err) {
          broken ||= transient(err);
          if (!broken) await c.query("ROLLBACK").catch(() => (broken = true));
          throw err;
        } finally {
          c.off("error", lost);
          c.release(broken);
        }
      });
    } catch (err) {
      throw storeError(err, this.where);
    }
  }

  /** One statement outside a transaction (reads), tried again on a transient failure. */
  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    if (this.closed) throw new NewsclipError("STORE_FAILED", `${this.where}: the archive is closed`);
    await this.ready();
    try {
      return await retrying(async () => (await this.pool.query<R>(sql, params)).rows);
    } catch (err) {
      throw storeError(err, this.where);
    }
  }

  save(article: Article, options: SaveOptions = {}): Promise<Saved> {
    return this.saveMany([{ article, options }]).then((s) => s[0]);
  }

  saveMany(items: { article: Article; options?: SaveOptions }[]): Promise<Saved[]> {
    const rows = items.map((it) => row(it.article, it.options ?? {}));
    // Every key of the batch locked up front, in one order: two workers saving the same article (a job run twice)
    // wait for each other instead of both inserting it, and never deadlock.
    const locks = [...new Set(rows.flatMap((r) => r.locks))].sort();
    // The keys are decimal integers of our own making, so they go in the statement as a literal, with the BEGIN.
    const head = locks.length ? `SELECT pg_advisory_xact_lock(k) FROM unnest('{${locks.join(",")}}'::bigint[]) AS k ORDER BY k` : undefined;
    return this.tx((c) => writeMany(c, rows), head);
  }

  async get(id: number): Promise<Article | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const [r] = await this.query<{ article: Article }>("SELECT article FROM documents WHERE id = $1", [id]);
    return r?.article;
  }

  async source(id: number): Promise<Uint8Array | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const [r] = await this.query<{ source: Buffer | null }>("SELECT source FROM documents WHERE id = $1", [id]);
    return r?.source ? gunzipSync(r.source) : undefined;
  }

  async count(): Promise<number> {
    const [r] = await this.query<{ n: string }>("SELECT count(*) AS n FROM articles");
    return Number(r.n);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const limit = limitOf(query.limit);
    const offset = decodeCursor(query.cursor);
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where: string[] = [];
    const tsq = query.q ? tsQuery(query.q, p) : undefined;
    // The query's own parameters come first: the snippet statement takes them alone.
    const k = params.length;
    // A query with no searchable word finds nothing, rather than everything.
    if (query.q?.trim() && !tsq) return { hits: [], total: 0 };
    if (tsq) where.push("a.search @@ q.q");
    if (query.site) {
      const site = siteHost(query.site);
      where.push(`(a.site = ${p(site)} OR a.site LIKE ${p("%." + site.replace(/[\\%_]/g, "\\$&"))} OR lower(unaccent(a.site_name)) = ${p(fold(query.site.trim()))})`);
    }
    if (query.since) where.push(`a.published_ts >= ${p(sinceOf(query.since))}`);
    if (query.author) where.push(`strpos(lower(unaccent(a.authors)), ${p(fold(query.author.trim()))}) > 0`);
    const from = tsq ? `articles a, (SELECT ${tsq} AS q) q` : "articles a";
    const cond = where.length ? "WHERE " + where.join(" AND ") : "";
    const cols = `a.id, a.url, a.title, a.site, a.site_name, a.authors, a.published, a.word_count,
      to_char(a.saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS saved_at`;
    const n = params.length;
    let rows: Row[];
    if (tsq) {
      // ts_rank's weights are {D, C, B, A}: body 1, authors 2, lead 4, headline 10, as the SQLite archive's bm25.
      // Ranked on ids first, then the page's snippets: a ts_headline reads the whole body.
      const ranked = await this.query<{ id: string; score: number }>(
        `SELECT a.id, -ts_rank('{0.1, 0.2, 0.4, 1.0}', a.search, q.q) AS score FROM ${from} ${cond} ORDER BY score, a.id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, limit + 1, offset],
      );
      const page = ranked.slice(0, limit);
      const detail = new Map<string, Row>();
      if (page.length) {
        for (const r of await this.query<Row & { id: string }>(
          `SELECT ${cols}, ts_headline('${CONFIG}', left(d.article->>'text', ${INDEX_CHARS}), q.q, $${k + 1}) AS snip,
             ts_headline('${CONFIG}', coalesce(a.title, ''), q.q, $${k + 1}) AS best
           FROM articles a JOIN documents d ON d.id = a.id, (SELECT ${tsq} AS q) q WHERE a.id = ANY($${k + 2}::bigint[])`,
          [...params.slice(0, k), SNIPPET, page.map((r) => r.id)],
        ))
          detail.set(String(r.id), r);
      }
      rows = page.flatMap((r) => {
        const d = detail.get(String(r.id));
        return d ? [{ ...d, score: Number(r.score) }] : [];
      });
      const result: SearchResult = { hits: rows.map(toHit) };
      if (ranked.length > limit) result.next = encodeCursor(offset + limit);
      if (offset === 0) result.total = await this.total(from, cond, params);
      return result;
    }
    rows = await this.query<Row>(
      `SELECT ${cols} FROM ${from} ${cond} ORDER BY coalesce(a.published_ts, 0) DESC, a.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, limit + 1, offset],
    );
    const result: SearchResult = { hits: rows.slice(0, limit).map(toHit) };
    if (rows.length > limit) result.next = encodeCursor(offset + limit);
    if (offset === 0) result.total = await this.total(from, cond, params);
    return result;
  }

  private async total(from: string, cond: string, params: unknown[]): Promise<number> {
    const [r] = await this.query<{ n: string }>(`SELECT count(*) AS n FROM ${from} ${cond}`, params);
    return Number(r.n);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => {});
  }
}

interface PgRow {
  source_key: string | null;
  url_key: string | null;
  content_hash: string | null;
  fields: unknown[];
  fts: string[];
  article: string;
  source: Buffer | null;
  /** Advisory lock keys: one per dedupe key of the record. */
  locks: string[];
}

const FIELDS = "url, title, site, site_name, authors, published, published_ts, lang, word_count";

function row(article: Article, options: SaveOptions): PgRow {
  const key = urlKey(article.canonicalUrl) ?? urlKey(article.url);
  const hash = contentHash(article);
  const published = article.published ? Date.parse(article.published) : NaN;
  const f = ftsRow(article);
  const keys = [options.id && "s:" + options.id, key && "u:" + key, hash && "h:" + hash].filter((k): k is string => !!k);
  return {
    source_key: options.id ?? null,
    url_key: key ?? null,
    content_hash: hash ?? null,
    fields: [
      clean(article.canonicalUrl ?? article.url),
      clean(article.title),
      siteOf(article.canonicalUrl ?? article.url) ?? null,
      clean(article.siteName),
      clean(article.authors.map((a) => a.name).join("\n")),
      clean(article.published),
      Number.isFinite(published) ? published : null,
      clean(article.lang),
      article.wordCount,
    ],
    fts: [f.title, f.lead, f.authors, f.body.slice(0, INDEX_CHARS)].map((s) => clean(s) ?? ""),
    // json keeps the article's key order (jsonb would not); a NUL is valid in JSON text only escaped, which it is.
    article: JSON.stringify(archived(article)),
    source: options.html === undefined ? null : gzipSync(typeof options.html === "string" ? Buffer.from(options.html) : options.html),
    locks: keys.map(lockKey),
  };
}

/** The index of a row from its headline, lead, authors and body, weighted A to D. */
const vector = (t: string, l: string, a: string, b: string) => `setweight(to_tsvector('${CONFIG}', ${t}), 'A') || setweight(to_tsvector('${CONFIG}', ${l}), 'B')
  || setweight(to_tsvector('${CONFIG}', ${a}), 'C') || setweight(to_tsvector('${CONFIG}', ${b}), 'D')`;

/** The columns of FIELDS, named and typed for json_to_recordset. */
const FIELD_NAMES = FIELDS.split(", ");
const FIELD_TYPES = ["text", "text", "text", "text", "text", "text", "bigint", "text", "integer"];

interface Keys {
  source_key: string | null;
  url_key: string | null;
  content_hash: string | null;
}

/**
 * A batch of upserts in a few statements, in the caller's transaction holding the records' locks: one lookup of every
 * row any record's keys find, then, written as if the records were saved one after the other (a later record finds
 * the row an earlier one of the batch made or changed, on the same keys in the same order: record id, canonical URL,
 * content hash, lowest id first), one INSERT of the new rows, one UPDATE of the rows found, one upsert of their
 * documents. A round trip a record costs more than the record when the worker's thread is busy extracting the next
 * job: its answer waits for the thread.
 */
async function writeMany(c: pg.PoolClient, rows: PgRow[]): Promise<Saved[]> {
  const keyList = (k: keyof Keys) => [...new Set(rows.map((r) => r[k]).filter((v): v is string => v !== null))];
  const found = await c.query<Keys & { id: string }>(
    `SELECT id, source_key, url_key, content_hash FROM articles
     WHERE source_key = ANY($1::text[]) OR url_key = ANY($2::text[]) OR content_hash = ANY($3::text[])`,
    [keyList("source_key"), keyList("url_key"), keyList("content_hash")],
  );
  // The rows as they stand, in id order; new rows of this batch come after every existing one, in the order made.
  const state: (Keys & { id: number; fresh: boolean })[] = found.rows.map((r) => ({ ...r, id: Number(r.id), fresh: false })).sort((a, b) => a.id - b.id);
  const last = new Map<(typeof state)[number], PgRow>();
  const source = new Map<(typeof state)[number], Buffer>();
  const targets: (typeof state)[number][] = [];
  const created: boolean[] = [];
  for (const r of rows) {
    let t: (typeof state)[number] | undefined;
    for (const k of ["source_key", "url_key", "content_hash"] as const) {
      if (r[k] === null) continue;
      t = state.find((s) => s[k] === r[k]);
      if (t) break;
    }
    if (t) {
      t.source_key = r.source_key ?? t.source_key;
      t.url_key = r.url_key ?? t.url_key;
      t.content_hash = r.content_hash;
      created.push(false);
    } else {
      t = { id: 0, fresh: true, source_key: r.source_key, url_key: r.url_key, content_hash: r.content_hash };
      state.push(t);
      created.push(true);
    }
    targets.push(t);
    last.set(t, r);
    if (r.source) source.set(t, r.source);
  }
  const fresh = [...last.keys()].filter((t) => t.fresh);
  const old = [...last.keys()].filter((t) => !t.fresh);
  // Several new rows take their ids first, in the order made (a multi-row INSERT's RETURNING has no promised order); one
  // new row (a single save: batch, crawl, serve) takes its id from its INSERT, a round trip fewer.
  if (fresh.length > 1) {
    const ids = await c.query<{ id: string }>("SELECT nextval(pg_get_serial_sequence('articles', 'id')) AS id FROM generate_series(1, $1::int)", [fresh.length]);
    ids.rows.map((r) => Number(r.id)).sort((a, b) => a - b).forEach((id, i) => (fresh[i].id = id));
  }
  // Each statement takes its rows as one JSON array (json_to_recordset): JSON.stringify and the server's JSON parser
  // are cheaper than PostgreSQL array literals, whose quoting of every article's text costs more than the write.
  const records = (list: (typeof state)[number][]) =>
    JSON.stringify(
      list.map((t) => {
        const r = last.get(t)!;
        const o: Record<string, unknown> = { id: t.id || null, source_key: t.source_key, url_key: t.url_key, content_hash: t.content_hash, t: r.fts[0], l: r.fts[1], a: r.fts[2], b: r.fts[3] };
        FIELD_NAMES.forEach((f, i) => (o[f] = r.fields[i]));
        return o;
      }),
    );
  const recordset = `json_to_recordset($1::json) AS v(id bigint, source_key text, url_key text, content_hash text, ${FIELD_NAMES.map((f, i) => `${f} ${FIELD_TYPES[i]}`).join(", ")}, t text, l text, a text, b text)`;
  if (fresh.length) {
    const ins = await c.query<{ id: string }>(
      `INSERT INTO articles (id, source_key, url_key, content_hash, ${FIELDS}, search)
       SELECT coalesce(v.id, nextval(pg_get_serial_sequence('articles', 'id'))), v.source_key, v.url_key, v.content_hash, ${FIELD_NAMES.map((f) => "v." + f).join(", ")}, ${vector("v.t", "v.l", "v.a", "v.b")} FROM ${recordset}
       RETURNING id`,
      [records(fresh)],
    );
    if (fresh.length === 1) fresh[0].id = Number(ins.rows[0].id);
  }
  if (old.length) {
    await c.query(
      `UPDATE articles SET source_key = v.source_key, url_key = v.url_key, content_hash = v.content_hash,
         ${FIELD_NAMES.map((f) => `${f} = v.${f}`).join(", ")}, search = ${vector("v.t", "v.l", "v.a", "v.b")}, updated_at = now()
       FROM ${recordset} WHERE articles.id = v.id`,
      [records(old)],
    );
  }
  const all = [...last.keys()];
  // The article JSON texts joined by a byte JSON never holds unescaped (so no quoting at all), each parsed once by the
  // json type; the page as base64 (nothing to quote either).
  await c.query(
    `INSERT INTO documents (id, article, source)
     SELECT d.id, d.article::json, decode(d.source, 'base64') FROM unnest($1::bigint[], string_to_array($2::text, E'\\x01'), $3::text[]) AS d(id, article, source)
     ON CONFLICT (id) DO UPDATE SET article = excluded.article, source = coalesce(excluded.source, documents.source)`,
    [all.map((t) => t.id), all.map((t) => last.get(t)!.article).join("\x01"), all.map((t) => source.get(t)?.toString("base64") ?? null)],
  );
  return targets.map((t, i) => ({ id: t.id, created: created[i] }));
}

/**
 * User words → a tsquery expression. Each word or "phrase" goes through websearch_to_tsquery quoted (so its own
 * operators cannot misfire, and "covid-19" is the phrase the parser makes of it); a trailing * is a prefix match
 * (to_tsquery's :*); OR joins its two neighbours; the rest must all match. Words in unspaced scripts become the
 * phrase of their graphemes, as they are indexed (fts.ts). Undefined when no word is left.
 */
export function tsQuery(q: string, p: (v: unknown) => string): string | undefined {
  const groups: string[][] = [];
  let or = false;
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) {
    const raw = m[1] ?? m[2];
    if (m[1] === undefined && raw === "OR") {
      or = groups.length > 0;
      continue;
    }
    const words = raw.match(/[\p{L}\p{M}\p{N}]+/gu);
    if (!words) continue;
    let term: string;
    const unspaced = ftsText(words.join(" ")) !== words.join(" ");
    if (m[1] === undefined && raw.endsWith("*") && !unspaced) {
      term = `to_tsquery('${CONFIG}', ${p(words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" <-> "))})`;
    } else {
      // The raw text, not its words: the parser makes "covid-19" 'covid' '-19' in the index, and must do so here.
      term = `websearch_to_tsquery('${CONFIG}', ${p(`"${ftsText(raw).replaceAll('"', " ")}"`)})`;
    }
    if (or) groups[groups.length - 1].push(term);
    else groups.push([term]);
    or = false;
  }
  if (!groups.length) return undefined;
  return groups.map((g) => (g.length > 1 ? `(${g.join(" || ")})` : g[0])).join(" && ");
}

/** An advisory lock key for a dedupe key: its hash as a signed 64-bit integer, in decimal for PostgreSQL. */
function lockKey(key: string): string {
  return createHash("sha256").update(key).digest().readBigInt64BE(0).toString();
}

/** PostgreSQL text cannot hold NUL, nor (through JSON, as the batch is sent) half of a surrogate pair. */
function clean(s: string | undefined): string | null {
  if (s === undefined) return null;
  if (s.includes("\0")) s = s.replaceAll("\0", "");
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE_ALL, "\uFFFD") : s;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, "g");

const TRANSIENT_CODES = new Set(["57P01", "57P02", "57P03", "53300", "40001", "40P01", "08000", "08001", "08003", "08004", "08006"]);
const TRANSIENT_NET = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/** A failure a later attempt can get past: a dropped connection, a server restarting, a deadlock or serialisation loss. */
export function transient(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (TRANSIENT_CODES.has(code) || TRANSIENT_NET.has(code)) return true;
  const msg = typeof e?.message === "string" ? e.message : "";
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|the database system is (starting|shutting) up/i.test(msg);
}

async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!transient(err) || attempt >= PG_RETRY.retries) throw err;
      const ms = PG_RETRY.backoffMs * 2 ** attempt;
      await new Promise((r) => setTimeout(r, ms / 2 + Math.random() * ms));
    }
  }
}

/** The URL without its password, for messages (a SQLite path as it is). */
export function redact(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the PostgreSQL URL (unparsable)";
  }
}

function message(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; errors?: unknown[] } | null;
  // A refused connection to "localhost" is an AggregateError (IPv6 and IPv4) with an empty message.
  if (e && Array.isArray(e.errors) && e.errors.length && !e.message) return message(e.errors[0]);
  const m = typeof e?.message === "string" && e.message ? e.message : String(err);
  return typeof e?.code === "string" && !m.includes(e.code) ? `${m} (${e.code})` : m;
}

function storeError(err: unknown, where: string): unknown {
  if (err instanceof NewsclipError) return err;
  return new NewsclipError("STORE_FAILED", `${where}: ${message(err)}`, { cause: err });
}
