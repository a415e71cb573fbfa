/** `newsclip store migrate`: brings an archive's schema to this newsclip's version. */
import type { Command } from "commander";
import { NewsclipError } from "../errors.ts";

export function registerStore(program: Command): void {
  const store = program.command("store").description("archive maintenance");
  store
    .command("migrate")
    .description("create the archive, or bring its schema to the current version (versioned migrations, each run once)")
    .option("--store <url>", "postgres://USER:PASS@HOST/DB or a SQLite file (default: $NEWSCLIP_STORE)")
    .action(async (opts: { store?: string }) => {
      const where = opts.store ?? process.env.NEWSCLIP_STORE;
      if (!where) throw new NewsclipError("BAD_REQUEST", "no archive: pass --store postgres://... or set NEWSCLIP_STORE");
      const { isPostgresUrl, openStore } = await import("../store/index.ts");
      if (isPostgresUrl(where)) {
        const { PostgresStore, redact } = await import("../store/postgres.ts");
        const pg = new PostgresStore(where);
        try {
          // Through ready(): the store's retries with back-off, and its error naming the server.
          await pg.ready();
          const { from, to } = pg.migration!;
          process.stderr.write(`newsclip store: ${redact(where)} at schema version ${to}${from === to ? " (already)" : ` (was ${from})`}\n`);
        } finally {
          await pg.close();
        }
        return;
      }
      const { MIGRATIONS } = await import("../store/migrations.ts");
      // A SQLite archive migrates when opened writable.
      await openStore(where).close();
      process.stderr.write(`newsclip store: ${where} at schema version ${MIGRATIONS.length}\n`);
    });
}
