/** `newsclip extract FILE|-`: one page (or one text) in, one article out. */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Command } from "commander";
import { extract, extractText } from "../index.ts";
import { render, FORMATS, formatOf } from "../render.ts";
import { NewsclipError } from "../errors.ts";
import type { Article, PageType } from "../article.ts";
import { PAGE_TYPES } from "../heuristics/pagetypes.ts";

export async function readInput(file: string): Promise<Buffer> {
  let buf: Buffer;
  try {
    // stdin as a stream: a synchronous read of a pipe another module has set non-blocking fails with EAGAIN.
    buf = file === "-" ? await readStdin() : readFileSync(file);
  } catch (err) {
    // A missing, unreadable or directory argument is the user's input, not a bug.
    const e = err as NodeJS.ErrnoException;
    const why = e.code === "ENOENT" ? "no such file" : e.code === "EISDIR" ? "is a directory" : e.code === "EACCES" || e.code === "EPERM" ? "permission denied" : e.message;
    throw new NewsclipError("READ_FAILED", `${file === "-" ? "stdin" : file}: ${why}`, { cause: err });
  }
  try {
    return file.endsWith(".gz") || (buf[0] === 0x1f && buf[1] === 0x8b) ? gunzipSync(buf) : buf;
  } catch (err) {
    throw new NewsclipError("READ_FAILED", `${file}: not valid gzip (${(err as Error).message})`, { cause: err });
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("extract the article of one page (a file, or - for stdin)")
    .argument("<file>", "HTML file (.html, .html.gz), - for stdin, or an http(s) URL to fetch")
    .option("--url <url>", "page URL: base for links, and a metadata source")
    .option("--content-type <type>", "HTTP Content-Type of the page, when known")
    .option("-f, --format <format>", `output format: ${FORMATS.join("|")} (txt is text)`, "json")
    .option("--text", "the input is already-scraped page text, not HTML")
    .option("--explain", "include every removal with its reason, and stage timings")
    .option("--page-type <kind>", `the kind of page, when known (skips the decision): ${PAGE_TYPES.join("|")}`)
    .option("--store <db>", "also save the article in this archive (SQLite; see newsclip search)")
    .option("--timeout <ms>", "time limit of the extraction in milliseconds (TIMEOUT past it; default none)")
    .option("--allow-private", "let a URL argument reach private, loopback and link-local addresses")
    .action(async (file: string, opts: { url?: string; contentType?: string; format: string; text?: boolean; explain?: boolean; store?: string; allowPrivate?: boolean; pageType?: string; timeout?: string }) => {
      if (opts.pageType !== undefined && !(PAGE_TYPES as readonly string[]).includes(opts.pageType)) throw new NewsclipError("BAD_REQUEST", `--page-type must be one of ${PAGE_TYPES.join(", ")}, got "${opts.pageType}"`);
      const format = formatOf(opts.format);
      if (!format) throw new NewsclipError("BAD_REQUEST", `unknown format "${opts.format}" (${FORMATS.join("|")})`);
      // A URL of another scheme is not a file name either: say so rather than "no such file".
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(file)?.[1].toLowerCase();
      if (scheme && scheme !== "http" && scheme !== "https") {
        throw new NewsclipError("BAD_REQUEST", `${scheme}: URLs are not supported: give an http(s) URL, a file path${scheme === "file" ? " (without file://)" : ""}, or - for stdin`);
      }
      const timeoutMs = opts.timeout === undefined ? undefined : Number(opts.timeout);
      if (timeoutMs !== undefined && !(timeoutMs > 0 && Number.isFinite(timeoutMs))) throw new NewsclipError("BAD_REQUEST", `--timeout must be a positive number of milliseconds, got "${opts.timeout}"`);
      const page = /^https?:\/\//i.test(file) ? await (await import("../fetch/index.ts")).fetchPage(file, { allowPrivate: opts.allowPrivate === true }) : undefined;
      const bytes = page ? Buffer.from(page.bytes) : await readInput(file);
      const options = { url: opts.url ?? page?.url, contentType: opts.contentType ?? page?.contentType, explain: opts.explain, pageType: opts.pageType as PageType | undefined, timeoutMs };
      const article = opts.text ? extractText(decodeText(bytes), options) : extract(bytes, options);
      if (opts.store) await saveTo(opts.store, article, bytes);
      process.stdout.write(render(article, format));
    });
}

/** Text input: UTF-8 (or UTF-16 with a BOM). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString("utf16le");
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

/** Loaded on demand: most extractions need neither an archive nor an HTTP client. */
async function saveTo(db: string, article: Article, html: Buffer): Promise<void> {
  const store = (await import("../store/index.ts")).openStore(db);
  try {
    const { id, created } = await store.save(article, { html });
    // A PostgreSQL URL may hold a password: never printed.
    const { redact } = await import("../store/postgres.ts");
    process.stderr.write(`newsclip: ${created ? "saved" : "updated"} #${id} in ${redact(db)}\n`);
  } finally {
    await store.close();
  }
}
