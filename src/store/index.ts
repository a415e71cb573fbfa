/**
 * The archive. Callers see only the `Store` interface (types.ts); `openStore` picks the implementation: a
 * `postgres://` (or `postgresql://`) URL opens the shared PostgreSQL archive (postgres.ts), anything else is a SQLite
 * file (sqlite.ts), ":memory:" a throwaway one.
 *
 * ```ts
 * const store = openStore("news.db");          // or "postgres://user:pass@host/db"
 * const { id } = await store.save(article, { html });
 * await store.search({ q: "flood warning", site: "example.com" });
 * await store.close();
 * ```
 */
import { SqliteStore } from "./sqlite.ts";
import { PostgresStore, isPostgresUrl } from "./postgres.ts";
import type { OpenOptions, Store } from "./types.ts";

export type { Hit, OpenOptions, SaveOptions, Saved, SearchQuery, SearchResult, Store } from "./types.ts";
export { isPostgresUrl } from "./postgres.ts";

/**
 * Opens the archive at `pathOrUrl`, creating and migrating it as needed. A SQLite file is open on return; a
 * PostgreSQL archive connects on first use (`await store.ready()` to find out at once whether it is reachable).
 */
export function openStore(pathOrUrl: string, options: OpenOptions = {}): Store {
  return isPostgresUrl(pathOrUrl) ? new PostgresStore(pathOrUrl, options) : new SqliteStore(pathOrUrl, options);
}

/** `openStore`, then wait until it is reachable and migrated. */
export async function connectStore(pathOrUrl: string, options: OpenOptions = {}): Promise<Store> {
  const store = openStore(pathOrUrl, options);
  try {
    await store.ready();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}
