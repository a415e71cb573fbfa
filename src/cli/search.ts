/** `newsclip search news.db "query"`: ranked full-text search of an archive. */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { NewsclipError } from "../errors.ts";
import { connectStore, isPostgresUrl, openStore, type Hit, type Store } from "../store/index.ts";

export function registerSearch(program: Command): void {
  program
    .command("search")
    .description("search an archive (best match first; no query: newest first)")
    .argument("<db>", "archive written by --store: a SQLite file or a postgres:// URL")
    .argument("[query]", 'words (all must match), "a phrase", prefix*, OR')
    .option("--site <site>", "host name (subdomains included) or site name")
    .option("--since <date>", "published on or after this date (YYYY-MM-DD or ISO 8601)")
    .option("--author <name>", "part of an author's name")
    .option("-n, --limit <n>", "hits to show (1-100)", "10")
    .option("--json", "one JSON hit per line")
    .action(async (db: string, query: string | undefined, opts: { site?: string; since?: string; author?: string; limit: string; json?: boolean }) => {
      if (!isPostgresUrl(db) && !existsSync(db)) throw new NewsclipError("BAD_REQUEST", `no archive at ${db}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new NewsclipError("BAD_REQUEST", "--limit must be 1-100");
      const store = await openReadable(db);
      try {
        const res = await store.search({ q: query, site: opts.site, since: opts.since, author: opts.author, limit });
        if (opts.json) {
          for (const hit of res.hits) process.stdout.write(JSON.stringify(hit) + "\n");
          return;
        }
        const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
        process.stdout.write(res.hits.map((h) => format(h, color)).join("\n") + (res.hits.length ? "\n" : ""));
        process.stderr.write(`${res.total ?? res.hits.length} match${(res.total ?? 0) === 1 ? "" : "es"}${res.next ? `, showing ${res.hits.length}` : ""}\n`);
      } finally {
        await store.close();
      }
    });
}

function format(h: Hit, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
  const lines = [`${bold(`#${h.id}`)} ${bold(h.title ?? "(no title)")}`];
  const meta = [h.siteName ?? h.site, h.authors.join(", "), h.published?.slice(0, 10)].filter(Boolean).join(" · ");
  if (meta) lines.push("   " + dim(meta));
  if (h.url) lines.push("   " + dim(h.url));
  if (h.snippetHtml) {
    // The store marks matches in the escaped snippet; the terminal gets them bold, or in [brackets].
    const text = h.snippetHtml
      .replace(/<mark>/g, color ? "\x1b[1;33m" : "[")
      .replace(/<\/mark>/g, color ? "\x1b[22;39m" : "]")
      .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);
    lines.push("   " + text.replace(/\s+/g, " "));
  }
  return lines.join("\n");
}

/**
 * The archive, read-only; an archive written by an older newsclip is migrated first (once, writable), so searching
 * never fails because the schema moved on (schema 3 rebuilt the full-text index for CJK search).
 */
async function openReadable(db: string): Promise<Store> {
  // PostgreSQL: opened as workers open it (an empty or older schema is migrated, as `newsclip store migrate` does);
  // read-only transactions would refuse that.
  if (isPostgresUrl(db)) return connectStore(db);
  try {
    return openStore(db, { readonly: true });
  } catch (err) {
    if (!(err instanceof NewsclipError && /needs a migration/.test(err.message))) throw err;
    process.stderr.write(`newsclip: updating ${db} to the current archive schema (once)\n`);
    await openStore(db).close();
    return openStore(db, { readonly: true });
  }
}
