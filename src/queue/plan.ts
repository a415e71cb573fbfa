/**
 * Inputs → queue jobs. A job is a share of the work small enough to spread one file over many workers: a byte range
 * of a WARC, WARC.gz or JSONL file that starts and ends at record boundaries, a list of page files (a folder), or a
 * list of URLs. A range is cut where a record starts: after a WARC record's Content-Length (plain WARC), at a gzip
 * member that inflates to a WARC header (WARC.gz, one or two members a record as written by crawlers), after a newline
 * (JSONL). The same cut splits a job in two when it failed once (worker.ts), so a record that keeps failing ends up
 * alone, and is the only one parked.
 *
 * Every worker must see the files at the same absolute path (a shared or replicated disk): jobs carry paths, not
 * pages, so Redis holds a few hundred bytes a job whatever the pages weigh.
 */
import { promises as fsp, type Stats } from "node:fs";
import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { inflateRawSync, constants } from "node:zlib";
import { NewsclipError } from "../errors.ts";
import { readInputs } from "../batch/inputs.ts";

/** A share of a WARC or JSONL file: bytes [start, end), starting at a record; `line` is its first line (JSONL). */
export interface RangeJob {
  kind: "range";
  file: string;
  start: number;
  end: number;
  line?: number;
  text?: boolean;
}

/** Page files, read whole (a folder's pages, or pages named on the command line). */
export interface FilesJob {
  kind: "files";
  files: string[];
  text?: boolean;
}

/** Pages to fetch, then extract. */
export interface UrlsJob {
  kind: "urls";
  urls: string[];
}

export type JobData = RangeJob | FilesJob | UrlsJob;

export interface PlanOptions {
  /** Bytes of input a range job holds (about; cut at the next record). */
  chunkBytes: number;
  /** Files or URLs a list job holds. */
  chunkItems: number;
  text?: boolean;
  /** Plain-text inputs are lists of URLs. */
  urls?: boolean;
}

export const PLAN_DEFAULTS = { chunkBytes: 4 * 1024 * 1024, chunkItems: 50 };

const WARC_FILE = /\.warc(\.gz)?$/i;
const JSONL_FILE = /\.(jsonl|ndjson)$/i;
const URL_FILE = /\.urls$/i;
const GZIP = Buffer.from([0x1f, 0x8b, 0x08]);
const WARC_MAGIC = Buffer.from("WARC/");
const PROBE = 64 * 1024;

export async function* plan(inputs: string[], opts: PlanOptions, warn: (m: string) => void): AsyncGenerator<JobData> {
  for (const input of inputs) {
    if (input === "-") throw new NewsclipError("BAD_REQUEST", "the queue takes files every worker can read, not stdin");
    const path = resolve(input);
    let st: Stats;
    try {
      st = await fsp.stat(path);
    } catch (err) {
      throw new NewsclipError("READ_FAILED", `${input}: ${(err as Error).message}`, { cause: err });
    }
    if (st.isDirectory()) yield* folder(path, opts, warn);
    else if (opts.urls || URL_FILE.test(path)) yield* urlList(path, opts);
    else if (WARC_FILE.test(path) || JSONL_FILE.test(path)) yield* ranges(path, st.size, opts);
    // A .jsonl.gz is one gzip stream: it cannot be cut without reading it, and goes whole.
    else if (/\.(jsonl|ndjson)\.gz$/i.test(path)) yield { kind: "range", file: path, start: 0, end: st.size, ...(opts.text ? { text: true } : {}) };
    else yield { kind: "files", files: [path], ...(opts.text ? { text: true } : {}) };
  }
}

async function* folder(dir: string, opts: PlanOptions, warn: (m: string) => void): AsyncGenerator<JobData> {
  let files: string[] = [];
  const ev = { skipped: () => {}, warn, bytes: () => {} };
  // The batch reader's walk: the same files, in the same order, as `newsclip batch DIR`.
  for await (const item of readInputs([dir], { text: opts.text === true, maxBytes: Infinity }, ev)) {
    if (item.kind === "problem") {
      warn(`${item.id}: ${item.error.message}`);
      continue;
    }
    files.push(item.id);
    if (files.length >= opts.chunkItems) {
      yield { kind: "files", files, ...(opts.text ? { text: true } : {}) };
      files = [];
    }
  }
  if (files.length) yield { kind: "files", files, ...(opts.text ? { text: true } : {}) };
}

async function* urlList(path: string, opts: PlanOptions): AsyncGenerator<JobData> {
  let urls: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    const url = line.trim();
    if (!url || url.startsWith("#")) continue;
    urls.push(url);
    if (urls.length >= opts.chunkItems) {
      yield { kind: "urls", urls };
      urls = [];
    }
  }
  if (urls.length) yield { kind: "urls", urls };
}

/** A file cut into ranges of about chunkBytes, each starting at a record. */
async function* ranges(path: string, size: number, opts: PlanOptions): AsyncGenerator<JobData> {
  const f = await File.open(path);
  try {
    let start = 0;
    let line = 1;
    const jsonl = JSONL_FILE.test(path);
    while (start < size) {
      const cut = start + opts.chunkBytes < size ? await f.nextStart(start, start + opts.chunkBytes, size) : undefined;
      const end = cut ?? size;
      yield { kind: "range", file: path, start, end, ...(jsonl ? { line } : {}), ...(opts.text ? { text: true } : {}) };
      if (jsonl) line += await f.newlines(start, end);
      start = end;
    }
  } finally {
    await f.close();
  }
}

/** Two halves of a job, or undefined when it holds one record (or one that cannot be cut). */
export async function split(job: JobData): Promise<[JobData, JobData] | undefined> {
  if (job.kind === "files" || job.kind === "urls") {
    const list = job.kind === "files" ? job.files : job.urls;
    if (list.length < 2) return undefined;
    const mid = Math.ceil(list.length / 2);
    return job.kind === "files"
      ? [{ ...job, files: job.files.slice(0, mid) }, { ...job, files: job.files.slice(mid) }]
      : [{ ...job, urls: job.urls.slice(0, mid) }, { ...job, urls: job.urls.slice(mid) }];
  }
  if (/\.gz$/i.test(job.file) && !WARC_FILE.test(job.file)) return undefined;
  const f = await File.open(job.file);
  try {
    const mid = job.start + Math.floor((job.end - job.start) / 2);
    // The first record start after the middle, or else after the first record.
    const cut = (await f.nextStart(job.start, mid, job.end)) ?? (await f.nextStart(job.start, job.start + 1, job.end));
    if (cut === undefined) return undefined;
    const second: RangeJob = { ...job, start: cut };
    if (job.line !== undefined) second.line = job.line + (await f.newlines(job.start, cut));
    return [{ ...job, end: cut }, second];
  } finally {
    await f.close();
  }
}

/** Reads at offsets, to find record starts without reading the records. */
class File {
  private constructor(
    private readonly h: fsp.FileHandle,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<File> {
    try {
      return new File(await fsp.open(path, "r"), path);
    } catch (err) {
      throw new NewsclipError("READ_FAILED", `${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  close(): Promise<void> {
    return this.h.close();
  }

  private async read(pos: number, n: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(n);
    const { bytesRead } = await this.h.read(buf, 0, n, pos);
    return buf.subarray(0, bytesRead);
  }

  /** The first record start at or after `from` and before `limit`; `known` is a record start at or before `from`. */
  async nextStart(known: number, from: number, limit: number): Promise<number | undefined> {
    if (/\.gz$/i.test(this.path)) return this.nextMember(from, limit);
    if (JSONL_FILE.test(this.path)) return this.nextLine(from, limit);
    return this.nextWarc(known, from, limit);
  }

  /** JSONL: the byte after the first newline at or after from - 1. */
  private async nextLine(from: number, limit: number): Promise<number | undefined> {
    for (let pos = Math.max(from - 1, 0); pos < limit; pos += PROBE) {
      const buf = await this.read(pos, Math.min(PROBE, limit - pos));
      if (!buf.length) return undefined;
      const i = buf.indexOf(0x0a);
      if (i >= 0) return pos + i + 1 < limit ? pos + i + 1 : undefined;
    }
    return undefined;
  }

  async newlines(start: number, end: number): Promise<number> {
    let n = 0;
    for (let pos = start; pos < end; pos += PROBE) {
      const buf = await this.read(pos, Math.min(PROBE, end - pos));
      for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
    }
    return n;
  }

  /** Plain WARC: walks record headers from a known start, skipping each block by its Content-Length. */
  private async nextWarc(known: number, from: number, limit: number): Promise<number | undefined> {
    let pos = known;
    while (pos < limit) {
      if (pos >= from && pos > known) return pos;
      const head = await this.read(pos, PROBE);
      if (!head.length) return undefined;
      if (!head.subarray(0, 5).equals(WARC_MAGIC)) {
        // Not where the lengths say: look for the next header line.
        const i = head.indexOf("\r\n\r\nWARC/1.", 0, "latin1");
        if (i < 0) return undefined;
        pos += i + 4;
        continue;
      }
      const end = head.indexOf("\r\n\r\n", 0, "latin1");
      const m = end > 0 ? /\r\ncontent-length:\s*(\d+)/i.exec(head.toString("latin1", 0, end)) : null;
      if (!m) return undefined;
      pos += end + 4 + Number(m[1]);
      // The record's trailing CRLF CRLF (tolerating missing or extra line ends).
      const gap = await this.read(pos, 16);
      let skip = 0;
      while (skip < gap.length && (gap[skip] === 0x0d || gap[skip] === 0x0a)) skip++;
      pos += skip;
    }
    return undefined;
  }

  /** WARC.gz: the first gzip member at or after `from` that inflates to a WARC header. */
  private async nextMember(from: number, limit: number): Promise<number | undefined> {
    for (let pos = from; pos < limit; ) {
      const buf = await this.read(pos, Math.min(PROBE + 512, limit - pos));
      if (buf.length < 18) return undefined;
      for (let i = buf.indexOf(GZIP); i >= 0 && i < PROBE; i = buf.indexOf(GZIP, i + 1)) {
        if (await this.isWarcMember(pos + i)) return pos + i < limit ? pos + i : undefined;
      }
      pos += PROBE;
    }
    return undefined;
  }

  private async isWarcMember(at: number): Promise<boolean> {
    const buf = await this.read(at, 4096);
    const flags = buf[3];
    if (flags & 0xe0) return false;
    let p = 10;
    if (flags & 4) p += 2 + buf.readUInt16LE(p);
    if (flags & 8) p = buf.indexOf(0, p) + 1;
    if (flags & 16) p = buf.indexOf(0, p) + 1;
    if (flags & 2) p += 2;
    if (p <= 0 || p >= buf.length) return false;
    try {
      // A sync flush inflates what these bytes hold without asking for the rest of the member.
      const out = inflateRawSync(buf.subarray(p), { finishFlush: constants.Z_SYNC_FLUSH });
      return out.subarray(0, 5).equals(WARC_MAGIC) && /^WARC\/\d\.\d\r?\n/.test(out.toString("latin1", 0, 12));
    } catch {
      return false;
    }
  }
}
