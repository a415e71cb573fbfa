/**
 * The frontier and the seen set, in SQLite: by default the archive's own file,
 * in tables of their own (crawl_*) with their own schema version, so the
 * archive's schema knows nothing of them. Every change is one statement or one
 * transaction in WAL mode: a crawl killed at any point finds on restart exactly
 * what it had decided, and a URL being fetched when it died is simply fetched
 * again.
 *
 * A run is one pass over the sites. A run that did not finish is resumed by
 * the next start; a finished one is followed by a new run, which revisits the
 * listings (seeds, sections, feeds, sitemaps) with conditional GETs, and
 * articles only when a sitemap or feed says they changed since they were
 * fetched.
 */
import Database from "better-sqlite3";
import { gzipSync, gunzipSync } from "node:zlib";
import { NewsclipError } from "../errors.ts";
import type { Kind } from "./urls.ts";

/** Schema steps of the crawl tables; the version lives in crawl_meta, not in the archive's user_version. */
const SCHEMA: string[] = [
  `CREATE TABLE crawl_runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, seeds TEXT NOT NULL);
   CREATE TABLE crawl_urls (
     url TEXT PRIMARY KEY,
     host TEXT NOT NULL,
     kind TEXT NOT NULL,
     depth INTEGER NOT NULL,
     state TEXT NOT NULL,
     prio INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     run INTEGER NOT NULL,
     hops INTEGER NOT NULL DEFAULT 0,
     hint TEXT,
     tries INTEGER NOT NULL DEFAULT 0,
     etag TEXT,
     last_modified TEXT,
     fetched_at TEXT,
     digest TEXT,
     body BLOB,
     reason TEXT,
     via TEXT
   );
   CREATE INDEX crawl_urls_next ON crawl_urls (state, host, prio, seq);
   CREATE TABLE crawl_content (hash TEXT PRIMARY KEY, url TEXT NOT NULL);
   CREATE TABLE crawl_canon (canon TEXT PRIMARY KEY, url TEXT NOT NULL);`,
];

/** failed: may pass (5xx, timeouts), tried again next run; gone: will not (4xx, not a page, too large), tried again only when a sitemap or feed says it changed. */
export type State = "queued" | "working" | "done" | "failed" | "gone" | "skipped";

export interface Row {
  url: string;
  host: string;
  kind: Kind;
  depth: number;
  state: State;
  prio: number;
  run: number;
  hops: number;
  hint: string | null;
  tries: number;
  etag: string | null;
  last_modified: string | null;
  fetched_at: string | null;
  digest: string | null;
  via: string | null;
}

export interface Offer {
  url: string;
  host: string;
  kind: Kind;
  depth: number;
  prio: number;
  /** A date from a sitemap or feed: the page changed then. */
  hint?: string;
  via?: string;
  hops?: number;
}

/** Listing kinds: revisited in every run for new links. */
const LISTING = new Set<Kind>(["section", "feed", "sitemap"]);

export class Frontier {
  private readonly db: Database.Database;
  private readonly st: ReturnType<Frontier["prepare"]>;
  private seq = 0;
  /** The run being crawled. */
  run = 0;
  /** True when this start continues a run that was stopped. */
  resumed = false;

  constructor(path: string) {
    try {
      this.db = new Database(path);
      this.db.pragma("busy_timeout = 5000");
      if (path !== ":memory:") {
        this.db.pragma("journal_mode = WAL");
        this.db.pragma("synchronous = NORMAL");
      }
      this.migrate();
      this.st = this.prepare();
      this.seq = (this.db.prepare("SELECT max(seq) AS s FROM crawl_urls").get() as { s: number | null }).s ?? 0;
    } catch (err) {
      if (err instanceof NewsclipError) throw err;
      throw new NewsclipError("STORE_FAILED", `crawl state ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  private migrate(): void {
    this.db.exec("CREATE TABLE IF NOT EXISTS crawl_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    this.db
      .transaction(() => {
        const row = this.db.prepare("SELECT value FROM crawl_meta WHERE key = 'schema'").get() as { value: string } | undefined;
        const v = row ? Number(row.value) : 0;
        if (v > SCHEMA.length) throw new NewsclipError("STORE_FAILED", `crawl schema version ${v} is newer than this newsclip (${SCHEMA.length})`);
        for (let i = v; i < SCHEMA.length; i++) this.db.exec(SCHEMA[i]);
        this.db.prepare("INSERT INTO crawl_meta (key, value) VALUES ('schema', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(SCHEMA.length));
      })
      .immediate();
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare<[string], Row>("SELECT * FROM crawl_urls WHERE url = ?"),
      insert: db.prepare(
        `INSERT INTO crawl_urls (url, host, kind, depth, state, prio, seq, run, hops, hint, via)
         VALUES (@url, @host, @kind, @depth, 'queued', @prio, @seq, @run, @hops, @hint, @via)`,
      ),
      requeue: db.prepare(
        `UPDATE crawl_urls SET state = 'queued', kind = @kind, depth = @depth, prio = @prio, seq = @seq, run = @run, hint = coalesce(@hint, hint), tries = 0, reason = NULL
         WHERE url = @url`,
      ),
      lift: db.prepare("UPDATE crawl_urls SET depth = min(depth, @depth), prio = min(prio, @prio), hint = coalesce(@hint, hint) WHERE url = @url"),
      next: db.prepare<[string], Row>("SELECT * FROM crawl_urls WHERE state = 'queued' AND host = ? ORDER BY prio, depth, seq LIMIT 1"),
      take: db.prepare<[string]>("UPDATE crawl_urls SET state = 'working' WHERE url = ?"),
      hosts: db.prepare<[], { host: string; n: number }>("SELECT host, count(*) AS n FROM crawl_urls WHERE state = 'queued' GROUP BY host"),
      done: db.prepare(
        `UPDATE crawl_urls SET state = 'done', run = @run, fetched_at = @fetched_at, etag = coalesce(@etag, etag), last_modified = coalesce(@last_modified, last_modified),
           digest = coalesce(@digest, digest), body = coalesce(@body, body), reason = @reason
         WHERE url = @url`,
      ),
      fail: db.prepare("UPDATE crawl_urls SET state = @state, run = @run, reason = @reason WHERE url = @url"),
      retry: db.prepare("UPDATE crawl_urls SET state = 'queued', tries = tries + 1, seq = @seq, reason = @reason WHERE url = @url"),
      body: db.prepare<[string], { body: Buffer | null }>("SELECT body FROM crawl_urls WHERE url = ?"),
      content: db.prepare("INSERT INTO crawl_content (hash, url) VALUES (?, ?) ON CONFLICT(hash) DO NOTHING"),
      contentOf: db.prepare<[string], { url: string }>("SELECT url FROM crawl_content WHERE hash = ?"),
      canon: db.prepare("INSERT INTO crawl_canon (canon, url) VALUES (?, ?) ON CONFLICT(canon) DO NOTHING"),
      canonOf: db.prepare<[string], { url: string }>("SELECT url FROM crawl_canon WHERE canon = ?"),
      visited: db.prepare<[number], { host: string; n: number }>(
        "SELECT host, count(*) AS n FROM crawl_urls WHERE run = ? AND state IN ('done', 'failed', 'gone') AND reason IS NOT 'robots' GROUP BY host",
      ),
    };
  }

  /** Continues the last run if it was stopped, else starts a new one. */
  begin(seeds: string[]): void {
    const last = this.db.prepare("SELECT id, finished_at FROM crawl_runs ORDER BY id DESC LIMIT 1").get() as { id: number; finished_at: string | null } | undefined;
    if (last && !last.finished_at) {
      this.run = last.id;
      this.resumed = true;
      // A URL taken but not finished when the process died: fetched again.
      this.db.prepare("UPDATE crawl_urls SET state = 'queued' WHERE state = 'working'").run();
      return;
    }
    const info = this.db.prepare("INSERT INTO crawl_runs (started_at, seeds) VALUES (?, ?)").run(new Date().toISOString(), JSON.stringify(seeds));
    this.run = Number(info.lastInsertRowid);
    // Left 'working' by a crash after its run was marked finished (cannot happen today; cheap to be sure).
    this.db.prepare("UPDATE crawl_urls SET state = 'queued' WHERE state = 'working'").run();
  }

  finish(): void {
    this.db.prepare("UPDATE crawl_runs SET finished_at = ? WHERE id = ?").run(new Date().toISOString(), this.run);
  }

  /**
   * Queues a URL unless this run already has it. Articles fetched in an earlier
   * run come back only when a hint says they changed after that fetch; listings
   * come back once per run. Returns whether the URL was queued.
   */
  offer(o: Offer): boolean {
    const row = this.st.get.get(o.url);
    const params = { url: o.url, host: o.host, kind: o.kind, depth: o.depth, prio: o.prio, seq: ++this.seq, run: this.run, hops: o.hops ?? 0, hint: o.hint ?? null, via: o.via ?? null };
    if (!row) {
      this.st.insert.run(params);
      return true;
    }
    if (row.state === "queued" || row.state === "working") {
      if (o.depth < row.depth || o.prio < row.prio || (o.hint && o.hint !== row.hint)) this.st.lift.run(params);
      return false;
    }
    if (row.run === this.run) return false;
    const changed = o.hint !== undefined && (!row.fetched_at || o.hint > row.fetched_at);
    const again = row.state === "failed" || row.state === "skipped" || LISTING.has(row.kind) || LISTING.has(o.kind) || changed;
    if (!again) return false;
    this.st.requeue.run({ ...params, kind: row.state === "done" && row.kind === "article" && o.kind !== "article" ? row.kind : o.kind });
    return true;
  }

  /** The next URL of a host, marked as being worked on. */
  next(host: string): Row | undefined {
    const row = this.st.next.get(host);
    if (row) this.st.take.run(row.url);
    return row;
  }

  /** Hosts with queued URLs, and how many. */
  queuedByHost(): Map<string, number> {
    return new Map(this.st.hosts.all().map((r) => [r.host, r.n]));
  }

  /** Pages fetched per host in this run (for limits on resume). */
  visitedByHost(): Map<string, number> {
    return new Map(this.st.visited.all(this.run).map((r) => [r.host, r.n]));
  }

  done(url: string, f: { etag?: string; lastModified?: string; digest?: string; body?: Uint8Array; reason?: string }): void {
    this.st.done.run({
      url,
      run: this.run,
      fetched_at: new Date().toISOString(),
      etag: f.etag ?? null,
      last_modified: f.lastModified ?? null,
      digest: f.digest ?? null,
      body: f.body ? gzipSync(f.body) : null,
      reason: f.reason ?? null,
    });
  }

  /** A URL not fetched (robots, scope) or given up on. */
  fail(url: string, reason: string, state: "failed" | "gone" | "skipped" = "failed"): void {
    this.st.fail.run({ url, run: this.run, reason, state });
  }

  /** Back in the queue behind the others, one try more. */
  retry(url: string, reason: string): void {
    this.st.retry.run({ url, seq: ++this.seq, reason });
  }

  /** The body kept from a listing's last 200, to read again on a 304. */
  body(url: string): Uint8Array | undefined {
    const b = this.st.body.get(url)?.body;
    return b ? gunzipSync(b) : undefined;
  }

  /** Records an article's content hash and canonical URL; returns the URL that had them first if not this one. */
  duplicateOf(url: string, hash: string | undefined, canon: string | undefined): string | undefined {
    return this.db
      .transaction(() => {
        if (canon) {
          this.st.canon.run(canon, url);
          const first = this.st.canonOf.get(canon)!.url;
          if (first !== url) return first;
        }
        if (hash) {
          this.st.content.run(hash, url);
          const first = this.st.contentOf.get(hash)!.url;
          if (first !== url) return first;
        }
        return undefined;
      })
      .immediate();
  }

  close(): void {
    this.db.close();
  }
}
