/** `newsclip batch INPUT... --out FILE|DIR`: many pages, in parallel, resumable, errors as data. */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { NewsclipError } from "../errors.ts";
import { runBatch, DEFAULTS } from "../batch/run.ts";
import { Progress } from "../batch/progress.ts";
import type { OutFormat } from "../batch/worker.ts";
import { formatOf } from "../render.ts";
import type { Article } from "../article.ts";

/** Output formats, by their canonical names (as in `extract`); txt is accepted for text. */
const FORMATS = ["jsonl", "md", "text", "html"] as const;

function outFormat(name: string): OutFormat | undefined {
  const f = formatOf(name);
  return f === "text" ? "txt" : f === "jsonl" || f === "md" || f === "html" ? f : undefined;
}

interface Opts {
  out: string;
  format: string;
  workers?: string;
  text?: boolean;
  resume?: boolean;
  strict?: boolean;
  timeout: string;
  stats?: string;
  quiet?: boolean;
  store?: string;
}

export function registerBatch(program: Command): void {
  program
    .command("batch")
    .description("extract many pages: folders, WARC/WARC.gz, JSONL of {url, html|text}, or - for stdin")
    .argument("<inputs...>", "folders, .warc(.gz), .jsonl, .html(.gz) files, or -")
    .requiredOption("-o, --out <path>", "a .jsonl file, or a folder for md/text/html")
    .option("-f, --format <format>", `output: ${FORMATS.join("|")} (txt is text)`, "jsonl")
    .option("-w, --workers <n>", "worker threads (default: number of cores)")
    .option("--text", "inputs are scraped page text (.txt files in folders)")
    .option("--resume", "continue an interrupted run: records already in the output are not redone")
    .option("--strict", "exit 1 if any record failed")
    .option("--timeout <seconds>", "per-record time limit", String(DEFAULTS.timeoutMs / 1000))
    .option("--stats <file>", "write the final counts as JSON")
    .option("-q, --quiet", "no progress, only the summary")
    .option("--store <db>", "also save every article in this archive (a SQLite file or a postgres:// URL) (newsclip search, serve); an article it cannot take is left out of the output (--resume retries it) and makes the exit status 1")
    .action(async (inputs: string[], opts: Opts) => {
      const format = outFormat(opts.format);
      if (!format) throw new NewsclipError("BAD_REQUEST", `unknown format "${opts.format}" (${FORMATS.join("|")})`);
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) throw new NewsclipError("BAD_REQUEST", "--workers must be a positive integer");
      const timeout = Number(opts.timeout);
      if (!(timeout > 0)) throw new NewsclipError("BAD_REQUEST", "--timeout must be a positive number of seconds");

      const progress = new Progress(process.stderr, opts.quiet ? Infinity : 10_000, opts.quiet ? false : undefined);
      const stop = new AbortController();
      let signals = 0;
      const onSignal = () => {
        // The first Ctrl-C finishes what is in flight; a second one quits at once (every write is whole).
        if (++signals > 1) process.exit(130);
        process.stderr.write("\nnewsclip batch: stopping after the records in flight (Ctrl-C again to quit now)\n");
        stop.abort();
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      // The archive loads only when asked for: batch runs without it by default. A PostgreSQL archive that cannot be
      // reached stops the run before it starts.
      const store = opts.store ? await (await import("../store/index.ts")).connectStore(opts.store) : undefined;
      try {
        const stats = await runBatch({
          inputs,
          out: opts.out,
          format,
          workers,
          text: opts.text,
          resume: opts.resume,
          timeoutMs: timeout * 1000,
          signal: stop.signal,
          onProgress: (s) => progress.update(s),
          onWarning: (m) => progress.warn(m),
          ...(store ? { onArticle: async (article: Article, src: { id: string }) => void (await store.save(article, { id: src.id })) } : {}),
        });
        progress.stop(stats);
        if (opts.stats) writeFileSync(opts.stats, JSON.stringify(stats, null, 2) + "\n");
        if (stats.stopped) process.exitCode = 130;
        // An article the archive did not take is a failure of the run, not data: exit 1 whatever --strict says.
        else if (stats.unsaved > 0) process.exitCode = 1;
        else if (stats.ok === 0 && stats.alreadyDone === 0) process.exitCode = 1;
        else if (opts.strict && stats.errors > 0) process.exitCode = 1;
      } finally {
        await store?.close();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}
