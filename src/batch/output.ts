/**
 * Batch outputs. Every record is written with one write call of whole lines
 * (JSONL) or a temp file renamed into place (folders), so a killed run leaves
 * at most a partial last line, which `--resume` cuts away.
 */
import { closeSync, existsSync, readdirSync, rmSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync, writeSync, createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { NewsclipError } from "../errors.ts";
import type { OutFormat } from "./worker.ts";

export interface ErrorInfo {
  code: string;
  message: string;
}

export interface Sink {
  /** What the output already holds, by id (a count, in case inputs repeat an id). */
  readonly done: Map<string, number>;
  /** Bytes cut from a partial last line when resuming. */
  readonly repaired: number;
  /** An article's output, UTF-8. */
  ok(id: string, url: string | undefined, out: Uint8Array, title?: string): void;
  fail(id: string, url: string | undefined, error: ErrorInfo): void;
  close(): void;
}

const TEMP_FILE = /\.tmp-\d+$/;

export const EXTENSIONS: Record<Exclude<OutFormat, "jsonl">, string> = { md: ".md", txt: ".txt", html: ".html" };

export async function openSink(out: string, format: OutFormat, resume: boolean): Promise<Sink> {
  if (format === "jsonl") {
    if (existsSync(out) && statSync(out).isDirectory()) throw new NewsclipError("BAD_REQUEST", `--out ${out} is a folder: give a .jsonl file, or --format md|txt|html`);
    return JsonlSink.open(out, resume);
  }
  if (existsSync(out) && !statSync(out).isDirectory()) throw new NewsclipError("BAD_REQUEST", `--out ${out} must be a folder for --format ${format}`);
  mkdirSync(out, { recursive: true });
  // A kill between writing a file and renaming it leaves its temp file behind.
  if (resume) for (const f of readdirSync(out)) if (TEMP_FILE.test(f)) rmSync(join(out, f), { force: true });
  return new FolderSink(out, EXTENSIONS[format], await JsonlSink.open(join(out, "index.jsonl"), resume));
}

export class JsonlSink implements Sink {
  private fd: number;
  private constructor(
    readonly path: string,
    readonly done: Map<string, number>,
    readonly repaired: number,
  ) {
    this.fd = openSync(path, "a");
  }

  static async open(path: string, resume: boolean): Promise<JsonlSink> {
    let done = new Map<string, number>();
    let repaired = 0;
    if (existsSync(path) && statSync(path).size > 0) {
      if (!resume) throw new NewsclipError("BAD_REQUEST", `${path} already has output: add --resume to continue it, or remove it`);
      repaired = cutPartialLine(path);
      done = await readIds(path);
    }
    return new JsonlSink(path, done, repaired);
  }

  ok(id: string, _url: string | undefined, out: Uint8Array): void {
    this.write(out);
  }

  fail(id: string, url: string | undefined, error: ErrorInfo): void {
    this.write(JSON.stringify({ id, ...(url ? { url } : {}), error }) + "\n");
  }

  /** One record, one write: whole lines only. */
  write(text: string | Uint8Array): void {
    const buf = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A folder of one file per article, with index.jsonl telling which id went where (and the errors). */
export class FolderSink implements Sink {
  constructor(
    readonly dir: string,
    readonly ext: string,
    private index: JsonlSink,
  ) {}

  get done(): Map<string, number> {
    return this.index.done;
  }

  get repaired(): number {
    return this.index.repaired;
  }

  ok(id: string, url: string | undefined, out: Uint8Array, title?: string): void {
    const file = fileName(id, url, this.ext);
    const path = join(this.dir, file);
    const tmp = `${path}.tmp-${process.pid}`; // matches TEMP_FILE
    writeFileSync(tmp, out);
    renameSync(tmp, path);
    // The file first, then its index line: a kill in between redoes the record and overwrites the file.
    this.index.write(JSON.stringify({ id, ...(url ? { url } : {}), file, ...(title ? { title } : {}) }) + "\n");
  }

  fail(id: string, url: string | undefined, error: ErrorInfo): void {
    this.index.fail(id, url, error);
  }

  close(): void {
    this.index.close();
  }
}

/** A readable, stable, unique file name: a slug from the URL (or id) plus a hash of the id. */
export function fileName(id: string, url: string | undefined, ext: string): string {
  let base = "";
  if (url) {
    try {
      const u = new URL(url);
      base = u.pathname.split("/").filter(Boolean).pop() ?? u.hostname;
    } catch {
      base = url;
    }
  } else {
    base = id.split(/[\\/]/).pop() ?? id;
  }
  base = base
    .replace(/\.(html?|xhtml|txt)(\.gz)?$/i, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 60);
  const hash = createHash("sha1").update(id).digest("hex").slice(0, 10);
  return `${base ? base + "-" : ""}${hash}${ext}`;
}

/** Truncates a last line that has no newline (a write cut by a kill); returns the bytes removed. */
export function cutPartialLine(path: string): number {
  const fd = openSync(path, "r+");
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(64 * 1024);
    let end = size;
    let cut = 0;
    while (end > 0) {
      const start = Math.max(0, end - buf.length);
      const n = readSync(fd, buf, 0, end - start, start);
      const nl = buf.subarray(0, n).lastIndexOf(10);
      if (nl >= 0) {
        cut = start + nl + 1;
        break;
      }
      end = start;
    }
    if (cut < size) ftruncateSync(fd, cut);
    return size - cut;
  } finally {
    closeSync(fd);
  }
}

const ID_PREFIX = /^\{"id":("(?:[^"\\]|\\.)*")/;

/** The ids in a JSONL output, counted; reads only the start of each line. */
export async function readIds(path: string): Promise<Map<string, number>> {
  const done = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    const m = ID_PREFIX.exec(line);
    let id: unknown;
    if (m) id = JSON.parse(m[1]);
    else {
      try {
        id = JSON.parse(line)?.id;
      } catch {
        id = undefined;
      }
    }
    if (typeof id === "string") done.set(id, (done.get(id) ?? 0) + 1);
  }
  return done;
}
