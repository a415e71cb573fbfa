/**
 * Batch inputs as one lazy stream of items, in a stable order (so a resumed
 * run sees the same ids): folders (walked recursively, sorted), WARC and
 * WARC.gz files, JSONL of {url, html} or {url, text}, single pages, and `-`.
 *
 * Nothing is read ahead: the consumer pulls one item at a time, which is the
 * backpressure that keeps memory bounded whatever the input size.
 */
import { createReadStream, promises as fsp, type Stats } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Readable, pipeline } from "node:stream";
import { createGunzip, gunzip } from "node:zlib";
import { promisify } from "node:util";
import { readWarc } from "./warc.ts";
import { NewsclipError, errorRecord, type ErrorCode } from "../errors.ts";

const gunzipAsync = promisify(gunzip);

export type Mode = "html" | "text";

/** One page to extract. `read` must be called (or not) before pulling the next item. */
export interface RecordItem {
  kind: "record";
  id: string;
  url?: string;
  contentType?: string;
  mode: Mode;
  read(): Promise<Uint8Array>;
}

/** An input that failed before extraction: it becomes an error line. */
export interface ProblemItem {
  kind: "problem";
  id: string;
  url?: string;
  error: { code: ErrorCode; message: string };
}

export type Item = RecordItem | ProblemItem;

export interface InputEvents {
  /** An input record deliberately not extracted (request, revisit, image...). */
  skipped(reason: string): void;
  /** A problem that has no record id of its own (an unreadable folder...). */
  warn(message: string): void;
  /** Raw input bytes consumed, for progress. */
  bytes(n: number): void;
}

export interface InputOptions {
  text: boolean;
  maxBytes: number;
  stdin?: NodeJS.ReadableStream;
}

const HTML_FILE = /\.(html?|xhtml)(\.gz)?$/i;
const TEXT_FILE = /\.txt(\.gz)?$/i;
const WARC_FILE = /\.warc(\.gz)?$/i;
const JSONL_FILE = /\.(jsonl|ndjson)(\.gz)?$/i;
/** Inflated bytes per chunk: zlib's default 16 KB meant a dozen thread-pool round trips and stream steps per page. */
const GUNZIP_CHUNK = 256 * 1024;
/** File reads: a WARC.gz page is about 35 KB compressed, so a few pages per read. */
const READ_CHUNK = 256 * 1024;

export async function* readInputs(inputs: string[], opts: InputOptions, ev: InputEvents): AsyncGenerator<Item> {
  for (const input of inputs) {
    if (input === "-") {
      yield* readStream("-", (opts.stdin ?? process.stdin) as Readable, opts, ev);
      continue;
    }
    const st = await statOrProblem(input);
    if (!("isDirectory" in st)) {
      yield st;
      continue;
    }
    if (st.isDirectory()) yield* walk(input, opts, ev);
    else yield* readPath(input, st, opts, ev, true);
  }
}

/** The file's stats, or the READ_FAILED record that reports it. */
async function statOrProblem(path: string): Promise<Stats | ProblemItem> {
  try {
    return await fsp.stat(path);
  } catch (err) {
    return problem(path, "READ_FAILED", err);
  }
}

/** Total bytes of the inputs, when knowable (no stdin), for an ETA. */
export async function totalBytes(inputs: string[], text: boolean): Promise<number | undefined> {
  let total = 0;
  for (const input of inputs) {
    if (input === "-") return undefined;
    const st = await fsp.stat(input).catch(() => undefined);
    if (!st) continue;
    if (!st.isDirectory()) {
      total += st.size;
      continue;
    }
    for await (const file of walkFiles(input, text, () => {})) {
      const s = await fsp.stat(file).catch(() => undefined);
      if (s?.isFile()) total += s.size;
    }
  }
  return total;
}

async function* walk(dir: string, opts: InputOptions, ev: InputEvents): AsyncGenerator<Item> {
  for await (const file of walkFiles(dir, opts.text, ev.warn)) {
    const st = await statOrProblem(file);
    if (!("isDirectory" in st)) {
      yield st;
      continue;
    }
    yield* readPath(file, st, opts, ev, false);
  }
}

/** Files of a tree worth reading, sorted; symlinked folders are not followed (no loops). */
async function* walkFiles(dir: string, text: boolean, warn: (m: string) => void): AsyncGenerator<string> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    warn(`cannot read folder ${dir}: ${errorRecord(err).message}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walkFiles(path, text, warn);
    else if (text ? TEXT_FILE.test(e.name) : HTML_FILE.test(e.name)) yield path;
  }
}

async function* readPath(path: string, st: Stats, opts: InputOptions, ev: InputEvents, explicit: boolean): AsyncGenerator<Item> {
  // A FIFO or device would block or never end.
  if (!st.isFile()) {
    if (explicit) yield problem(path, "READ_FAILED", new Error("not a regular file"));
    else ev.warn(`skipped ${path}: not a regular file`);
    return;
  }
  if (WARC_FILE.test(path) || JSONL_FILE.test(path) || (explicit && !HTML_FILE.test(path) && !TEXT_FILE.test(path))) {
    const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
    yield* readStream(path, stream, opts, ev);
    return;
  }
  const mode: Mode = TEXT_FILE.test(path) ? "text" : "html";
  const gz = /\.gz$/i.test(path);
  if (!gz && st.size > opts.maxBytes) {
    yield problem(path, "TOO_LARGE", new Error(`${st.size} bytes, over the ${opts.maxBytes}-byte limit`));
    return;
  }
  const item: RecordItem = {
    kind: "record",
    id: path,
    mode,
    read: async () => {
      const raw = await fsp.readFile(path);
      ev.bytes(raw.length);
      if (!gz) return raw;
      return await gunzipAsync(raw, { maxOutputLength: opts.maxBytes + 1 }).then((b) => {
        if (b.length > opts.maxBytes) throw new NewsclipError("TOO_LARGE", `over the ${opts.maxBytes}-byte limit once decompressed`);
        return b;
      });
    },
  };
  yield item;
}

/** A stream whose kind is only known from its first bytes: gzip, WARC, JSONL, or one page. */
/** `name`: the file name that tells its kind, when `id` is not one. */
async function* readStream(id: string, stream: Readable, opts: InputOptions, ev: InputEvents, name = id): AsyncGenerator<Item> {
  let chunks = stream[Symbol.asyncIterator]();
  let first: Buffer;
  try {
    const r = await chunks.next();
    first = r.done ? Buffer.alloc(0) : Buffer.from(r.value as Uint8Array);
  } catch (err) {
    yield problem(id, "READ_FAILED", err);
    return;
  }
  ev.bytes(first.length);
  let body: AsyncGenerator<Buffer> = prepend(first, chunks, ev);
  if (first[0] === 0x1f && first[1] === 0x8b) {
    const gz = createGunzip({ chunkSize: GUNZIP_CHUNK });
    const source = pipeline(Readable.from(body), gz, () => {}) as unknown as Readable;
    chunks = source[Symbol.asyncIterator]();
    try {
      const r = await chunks.next();
      first = r.done ? Buffer.alloc(0) : Buffer.from(r.value as Uint8Array);
    } catch (err) {
      yield problem(id, "READ_FAILED", err);
      return;
    }
    body = prepend(first, chunks);
  }
  const head = first.subarray(0, 16).toString("latin1");
  try {
    if (head.startsWith("WARC/")) yield* readWarc(id, body, opts, ev);
    // The name promised a crawl: a file that is not one is an input error, not a page.
    else if (WARC_FILE.test(name)) yield problem(id, "READ_FAILED", new Error(`named like a WARC file, but it does not start with a WARC record ("WARC/1.x"): starts with ${JSON.stringify(head)}`));
    else if (JSONL_FILE.test(name) || (id === "-" && /^\s*\{/.test(head))) yield* readJsonl(id, Readable.from(body), opts);
    else yield* readWhole(id, Readable.from(body), opts);
  } finally {
    // Also on an early stop (Ctrl-C, a broken record): release the file now, not at garbage collection.
    if (id !== "-") stream.destroy();
  }
}

async function* prepend(first: Buffer, rest: AsyncIterator<unknown>, ev?: InputEvents): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    ev?.bytes(b.length);
    yield b;
  }
}

/** `first`: the number of the source's first line in its file (a queue job reads a byte range of it). */
async function* readJsonl(id: string, source: Readable, opts: InputOptions, first = 1): AsyncGenerator<Item> {
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let n = first - 1;
  try {
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      const lineId = `${id}:${n}`;
      let rec: { id?: unknown; url?: unknown; html?: unknown; text?: unknown; contentType?: unknown };
      try {
        rec = JSON.parse(line);
        if (!rec || typeof rec !== "object") throw new Error("not an object");
      } catch (err) {
        yield problem(lineId, "BAD_REQUEST", new Error(`line ${n} is not a JSON object: ${errorRecord(err).message}`));
        continue;
      }
      const rid = typeof rec.id === "string" && rec.id ? rec.id : lineId;
      const url = typeof rec.url === "string" ? rec.url : undefined;
      const body = typeof rec.html === "string" ? rec.html : typeof rec.text === "string" ? rec.text : undefined;
      if (body === undefined) {
        yield { kind: "problem", id: rid, url, error: { code: "BAD_REQUEST", message: `line ${n} has neither "html" nor "text"` } };
        continue;
      }
      const mode: Mode = typeof rec.html === "string" ? "html" : "text";
      const contentType = typeof rec.contentType === "string" ? rec.contentType : undefined;
      yield { kind: "record", id: rid, url, contentType, mode, read: async () => Buffer.from(body, "utf8") };
    }
  } catch (err) {
    yield problem(`${id}:${n + 1}`, "READ_FAILED", err);
  }
}

async function* readWhole(id: string, source: Readable, opts: InputOptions): AsyncGenerator<Item> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of source) {
      size += (c as Buffer).length;
      if (size > opts.maxBytes) {
        yield problem(id, "TOO_LARGE", new Error(`over the ${opts.maxBytes}-byte limit`));
        source.destroy();
        return;
      }
      parts.push(c as Buffer);
    }
  } catch (err) {
    yield problem(id, "READ_FAILED", err);
    return;
  }
  const data = Buffer.concat(parts);
  yield { kind: "record", id, mode: opts.text ? "text" : "html", read: async () => data };
}

/**
 * One byte range of a file, read as `readInputs` reads the whole file: a queue job's share of a WARC or JSONL file
 * (src/queue). The range starts at a record (a WARC record, a gzip member holding one, a JSONL line); `line` is the
 * number of its first line, for JSONL ids. Ids of WARC records without a WARC-Record-ID name the range's start.
 */
export async function* readRange(path: string, range: { start: number; end: number; line?: number }, opts: InputOptions, ev: InputEvents): AsyncGenerator<Item> {
  const stream = createReadStream(path, { start: range.start, end: range.end - 1, highWaterMark: READ_CHUNK });
  if (JSONL_FILE.test(path) && !/\.gz$/i.test(path)) {
    try {
      yield* readJsonl(path, stream, opts, range.line ?? 1);
    } finally {
      stream.destroy();
    }
    return;
  }
  yield* readStream(range.start ? `${path}@${range.start}` : path, stream, opts, ev, path);
}

export function problem(id: string, code: ErrorCode, err: unknown, url?: string): ProblemItem {
  const { message } = errorRecord(err);
  return { kind: "problem", id, ...(url ? { url } : {}), error: { code: err instanceof NewsclipError ? err.code : code, message } };
}
