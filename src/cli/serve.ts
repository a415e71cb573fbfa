/** `newsclip serve`: the HTTP API, the web page and the archive. */
import type { Command } from "commander";
import { NewsclipError } from "../errors.ts";

function int(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new NewsclipError("BAD_REQUEST", `--${name} must be a whole number, got "${v}"`);
    return n;
  };
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API and the web page (http://HOST:PORT/)")
    .option("--store <path|url>", "archive: a SQLite file, or a postgres:// URL (docs/scale.md); extracted articles are saved there (default: an in-memory archive, gone on exit)")
    .option("-p, --port <n>", "port", int("port"), 8080)
    .option("--host <host>", "address to listen on (0.0.0.0 for every interface)", "127.0.0.1")
    .option("--threads <n>", "extraction worker threads (default: number of cores)", int("threads"))
    .option("--body-limit <bytes>", "largest request body and fetched page", int("body-limit"), 16 * 1024 * 1024)
    .option("--timeout <ms>", "time limit of one extraction", int("timeout"), 20_000)
    .option("--fetch-timeout <ms>", "time limit of one URL fetch", int("fetch-timeout"), 15_000)
    .option("--max-fetches <n>", "URL fetches running at once", int("max-fetches"), 8)
    .option("--allow-private", "let {url} requests reach private, loopback and link-local addresses (off: SSRF guard)")
    .option("--log", "log every request (JSON lines on stdout)")
    .option("--token <token>", "require Authorization: Bearer <token> on API requests (default: $NEWSCLIP_TOKEN; prefer the variable, a command line is visible to other users)")
    .option("--allow-host <name>", "also answer to this Host name (repeatable; loopback names and IP addresses always work; * for any)", (v: string, prev: string[] = []) => [...prev, v])
    .action(async (opts: { store?: string; port: number; host: string; threads?: number; bodyLimit: number; timeout: number; fetchTimeout: number; maxFetches: number; allowPrivate?: boolean; log?: boolean; token?: string; allowHost?: string[] }) => {
      const { buildServer, isLoopbackHost } = await import("../serve/app.ts");
      const { redact } = await import("../store/postgres.ts");
      const token = opts.token ?? (process.env.NEWSCLIP_TOKEN || undefined);
      if (token !== undefined && !/^[\x21-\x7e]{16,}$/.test(token)) throw new NewsclipError("BAD_REQUEST", "the token must be at least 16 printable ASCII characters without spaces");
      const app = await buildServer({
        host: opts.host,
        allowedHosts: opts.allowHost,
        token,
        store: opts.store,
        bodyLimit: opts.bodyLimit,
        maxFetches: opts.maxFetches,
        fetch: { timeoutMs: opts.fetchTimeout, allowPrivate: opts.allowPrivate === true },
        pool: { threads: opts.threads, timeoutMs: opts.timeout },
        logger: opts.log === true,
      });
      const address = await app.listen({ port: opts.port, host: opts.host });
      process.stderr.write(`newsclip serve: ${address}/${token ? "#token=..." : ""} (archive: ${opts.store ? redact(opts.store) : "in memory"}${token ? "; API requests need the token" : ""})\n`);
      if (!token && !isLoopbackHost(opts.host)) {
        process.stderr.write(
          `newsclip serve: warning: listening on ${opts.host}, beyond this machine, without an access token: anyone who can reach the port can extract, fetch URLs through this server and read the archive. Set NEWSCLIP_TOKEN (or --token).\n`,
        );
      }
      const stop = (): void => {
        app.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
