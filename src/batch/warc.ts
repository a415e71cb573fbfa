/**
 * WARC records as batch items, over an already decompressed stream (node:zlib
 * is about twice as fast as warcio's own inflater, and handles per-record gzip
 * members as one stream).
 *
 * Well-formed records are split by hand: find the WARC header, read its
 * Content-Length, take the block in one copy. warcio cost the main thread
 * about 1 ms per record in JS, which on two cores is a tenth of a worker's
 * page and capped the speed-up of a second worker. Everything unusual still
 * goes to warcio, the reader of record: an HTTP body with a transfer or
 * content encoding is decoded by it, and from a header that is not where its
 * Content-Length says (a wrong length, a header that is not CRLF-terminated)
 * warcio reads the rest of the file.
 */
import { WARCParser, type WARCRecord } from "warcio";
import { NewsclipError } from "../errors.ts";
import { problem, type InputEvents, type InputOptions, type Item } from "./inputs.ts";

/** Media types worth extracting; everything else is skipped and counted. */
const HTML_TYPE = /html/i;
/** WARC and HTTP headers on top of the page bytes: a record this much over the page limit is refused unread. */
const HEADER_ROOM = 64 * 1024;
const CRLF2 = Buffer.from("\r\n\r\n");
/** A first line this short can only be a WARC version line ("WARC/1.0\r\n"). */
const VERSION_LINE = 10;

interface State {
  /** Records seen so far in this file (for the ids of records without one). */
  n: number;
}

export async function* readWarc(file: string, source: AsyncIterable<Buffer>, opts: InputOptions, ev: InputEvents): AsyncGenerator<Item> {
  const it = source[Symbol.asyncIterator]();
  const reader = new ByteReader(it);
  const state: State = { n: 0 };
  try {
    let rest: AsyncIterable<Uint8Array>;
    try {
      const handover = yield* readFast(file, reader, opts, ev, state);
      if (!handover) return;
      rest = reader.rest();
    } catch (err) {
      yield problem(`${file}#${state.n + 1}`, "READ_FAILED", err);
      return;
    }
    yield* readSlow(file, rest, opts, ev, state);
  } finally {
    await it.return?.();
  }
}

/** Records split by hand; true when the rest of the file must go to warcio (the reader is then at a record start). */
async function* readFast(file: string, r: ByteReader, opts: InputOptions, ev: InputEvents, state: State): AsyncGenerator<Item, boolean> {
  for (;;) {
    if (!(await r.fill(1))) return false;
    const end = await r.find(CRLF2, HEADER_ROOM);
    if (end < 0) return true;
    const head = r.peek(end + 4);
    if (!head.subarray(0, 5).equals(WARC_MAGIC)) return true;
    const headers = parseHeaders(head.toString("utf8", 0, end));
    if (!headers) return true;
    const length = Number(headers.get("content-length") || 0);
    if (!Number.isSafeInteger(length) || length < 0) return true;
    r.skipBuffered(end + 4);
    state.n++;
    const n = state.n;
    const type = headers.get("warc-type") ?? "";
    const id = headers.get("warc-record-id") || `${file}#${n}`;
    const url = targetUri(headers.get("warc-target-uri"));

    if (type !== "response" && type !== "resource") {
      ev.skipped(type || "untyped");
      if (!(await r.skip(length))) return false;
    } else {
      const item = yield* readRecord(file, r, opts, ev, { n, type, id, url, length, head, contentType: headers.get("content-type") });
      if (item === CUT) return false;
    }
    if (!(await afterBlock(r, ev))) return false;
    if (!(await r.startsWith(WARC_MAGIC))) return true;
  }
}

const WARC_MAGIC = Buffer.from("WARC/");
const CUT = Symbol("cut");

interface Header {
  /** The record's number in its file. */
  n: number;
  type: string;
  id: string;
  url?: string;
  length: number;
  /** The WARC header bytes, to hand a record to warcio whole. */
  head: Buffer;
  /** The WARC Content-Type (of a resource record's block). */
  contentType?: string;
}

/** One response or resource record: an item, nothing (skipped, counted), or CUT when the input ended inside it. */
async function* readRecord(file: string, r: ByteReader, opts: InputOptions, ev: InputEvents, h: Header): AsyncGenerator<Item, typeof CUT | undefined> {
  let yielded = false;
  try {
    let contentType: string | undefined;
    let bodyStart = 0;
    let http: Http | undefined;
    if (h.type === "response") {
      const room = Math.min(h.length, HEADER_ROOM);
      await r.fill(room);
      const end = await r.find(CRLF2, room);
      http = end >= 0 ? parseHttp(r.peek(end).toString("latin1")) : undefined;
      if (http) {
        const status = Number(http.status);
        if (status && (status < 200 || status >= 300)) {
          ev.skipped(`http-${Math.floor(status / 100)}xx`);
          return (await r.skip(h.length)) ? undefined : CUT;
        }
        contentType = http.contentType;
        bodyStart = end + 4;
      }
    } else {
      contentType = h.contentType;
    }
    if (contentType && !HTML_TYPE.test(contentType)) {
      ev.skipped("not-html");
      return (await r.skip(h.length)) ? undefined : CUT;
    }
    if (h.length > opts.maxBytes + HEADER_ROOM) {
      yielded = true;
      yield problem(h.id, "TOO_LARGE", new Error(`record of ${h.length} bytes, over the ${opts.maxBytes}-byte limit`), h.url);
      return (await r.skip(h.length)) ? undefined : CUT;
    }
    if (!(await r.fill(h.length))) {
      yielded = true;
      yield problem(h.id, "READ_FAILED", new Error(`record cut short: ${h.length - r.available} bytes missing`), h.url);
      return CUT;
    }
    if (h.type === "response" && (!http || http.encoded)) {
      // No plain HTTP header, or a body to decode: warcio reads this record.
      const item = await viaWarcio(file, opts, ev, h, r.take(h.length));
      yielded = true;
      if (item) yield item;
      return undefined;
    }
    r.skipBuffered(bodyStart);
    const body = r.take(h.length - bodyStart, true);
    yielded = true;
    yield { kind: "record", id: h.id, url: h.url, contentType, mode: "html", read: async () => body };
    return undefined;
  } catch (err) {
    if (yielded) throw err;
    yield problem(h.id, "READ_FAILED", new NewsclipError("READ_FAILED", `record cut short: ${(err as Error).message}`), h.url);
    return CUT;
  }
}

/** One record, whole in memory, parsed and decoded by warcio. */
async function viaWarcio(file: string, opts: InputOptions, ev: InputEvents, h: Header, block: Uint8Array): Promise<Item | undefined> {
  async function* bytes() {
    yield h.head;
    yield block;
  }
  for await (const rec of new WARCParser(bytes())) {
    const item = classify(rec, file, h.n, opts, ev, () => {});
    if (item?.kind !== "record") return item;
    try {
      const body = await item.read();
      return { ...item, read: async () => body };
    } catch (err) {
      return problem(item.id, "READ_FAILED", err, item.url);
    }
  }
  return undefined;
}

/**
 * After a block: the CRLFCRLF that ends a record, read as warcio reads it. A
 * line with text in it means the Content-Length was too short (a warning, as
 * from warcio); the blank lines before the next header are skipped. False at
 * the end of the input.
 */
async function afterBlock(r: ByteReader, ev: InputEvents): Promise<boolean> {
  const end = await r.find(LF_LINE, HEADER_ROOM);
  // No line end within reach: the caller sees no WARC header here and hands over to warcio.
  if (end < 0) return r.fill(1);
  const line = r.peek(end + 1);
  if (line.length === VERSION_LINE && line.subarray(0, 5).equals(WARC_MAGIC)) return true;
  let e = line.length;
  while (e > 0 && (line[e - 1] === 10 || line[e - 1] === 13)) e--;
  if (e) ev.warn(`WARC record shorter than its Content-Length, its page may be cut: ${e} bytes of text after it`);
  r.skipBuffered(line.length);
  while (await r.startsWith(CRLF_LINE)) r.skipBuffered(2);
  return r.fill(1);
}

const CRLF_LINE = Buffer.from("\r\n");
const LF_LINE = Buffer.from("\n");

/** The rest of the file, read with warcio (the original parser loop). */
async function* readSlow(file: string, source: AsyncIterable<Uint8Array>, opts: InputOptions, ev: InputEvents, state: State): AsyncGenerator<Item> {
  const parser = new WARCParser(source);
  // A failed read already produced its problem line; the parser then fails on the same break.
  let reported = false;
  let inGarbage = false;
  try {
    for await (const rec of parser) {
      const n = ++state.n;
      if (!rec.warcHeaders.statusline.startsWith("WARC/")) {
        // A wrong Content-Length leaves the parser inside a record; report the run once.
        if (!inGarbage) yield problem(`${file}#${n}`, "READ_FAILED", new Error(`record ${n} has no WARC header (a wrong Content-Length before it?)`));
        inGarbage = true;
        continue;
      }
      inGarbage = false;
      const item = classify(rec, file, n, opts, ev, () => (reported = true));
      if (item) yield item;
      // A record that could not be read means the stream itself broke: nothing after it can be trusted.
      if (reported) break;
    }
  } catch (err) {
    if (!reported) yield problem(`${file}#${state.n + 1}`, "READ_FAILED", err);
  }
}

function classify(rec: WARCRecord, file: string, n: number, opts: InputOptions, ev: InputEvents, onFail: () => void): Item | undefined {
  const type = rec.warcType;
  if (type !== "response" && type !== "resource") {
    ev.skipped(type || "untyped");
    return undefined;
  }
  const id = rec.warcHeader("WARC-Record-ID") || `${file}#${n}`;
  const url = rec.warcTargetURI || undefined;
  let contentType: string | undefined;
  if (type === "response") {
    if (!rec.httpHeaders) return problem(id, "READ_FAILED", new Error("response record without HTTP headers"), url);
    const status = Number(rec.httpHeaders.statusCode);
    if (status && (status < 200 || status >= 300)) {
      ev.skipped(`http-${Math.floor(status / 100)}xx`);
      return undefined;
    }
    contentType = rec.httpHeaders.headers.get("content-type") ?? undefined;
  } else {
    contentType = rec.warcContentType ?? undefined;
  }
  if (contentType && !HTML_TYPE.test(contentType)) {
    ev.skipped("not-html");
    return undefined;
  }
  if (rec.warcContentLength > opts.maxBytes + HEADER_ROOM) {
    return problem(id, "TOO_LARGE", new Error(`record of ${rec.warcContentLength} bytes, over the ${opts.maxBytes}-byte limit`), url);
  }
  return {
    kind: "record",
    id,
    url,
    contentType,
    mode: "html",
    read: async () => {
      let body: Uint8Array;
      try {
        body = await rec.readFully(true);
      } catch (err) {
        onFail();
        throw new NewsclipError("READ_FAILED", `record cut short: ${(err as Error).message}`);
      }
      const left = (rec._reader as { limit?: number }).limit ?? 0;
      if (left > 0) {
        onFail();
        throw new NewsclipError("READ_FAILED", `record cut short: ${left} bytes missing`);
      }
      return body;
    },
  };
}

/**
 * Header lines after the first, by lower-case name; repeated names joined
 * with ", " (as fetch's Headers, which warcio uses). Undefined for a bare LF
 * line end: such a header is left to warcio.
 */
function parseHeaders(text: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let name = "";
  const lines = text.split("\r\n");
  if (lines.some((l) => l.includes("\n"))) return undefined;
  for (const line of lines.slice(1)) {
    if ((line[0] === " " || line[0] === "\t") && name) {
      // A folded continuation line.
      out.set(name, `${out.get(name)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const had = out.get(name);
    out.set(name, had === undefined ? value : `${had}, ${value}`);
  }
  return out;
}

interface Http {
  status: string;
  contentType?: string;
  /** A transfer or content encoding: the body is decoded by warcio. */
  encoded: boolean;
}

/** The status and content type of an HTTP response header. */
function parseHttp(text: string): Http | undefined {
  if (!text.startsWith("HTTP/")) return undefined;
  const first = text.indexOf("\r\n");
  const status = (first < 0 ? text : text.slice(0, first)).split(" ")[1] ?? "";
  const headers = parseHeaders(text);
  if (!headers) return undefined;
  const te = headers.get("transfer-encoding")?.toLowerCase();
  const ce = headers.get("content-encoding")?.toLowerCase();
  const encoded = (te !== undefined && te !== "identity") || (ce !== undefined && ce !== "identity");
  return { status, contentType: headers.get("content-type"), encoded };
}

/** A WARC/1.0 target URI may come in angle brackets (warcio strips them too). */
function targetUri(v: string | undefined): string | undefined {
  if (!v) return undefined;
  return v.startsWith("<") && v.endsWith(">") ? v.slice(1, -1) : v;
}

/** Buffered reads over a stream of chunks: look ahead, take, skip, without holding more than one record. */
class ByteReader {
  private bufs: Buffer[] = [];
  /** Read position in bufs[0]. */
  private pos = 0;
  available = 0;
  private ended = false;

  constructor(private it: AsyncIterator<Buffer>) {}

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    const b = r.value;
    if (b.length) {
      this.bufs.push(b);
      this.available += b.length;
    }
    return true;
  }

  /** Buffers at least n bytes; false when the input ends first. */
  async fill(n: number): Promise<boolean> {
    while (this.available < n) if (!(await this.more())) return false;
    return true;
  }

  /** The first n buffered bytes (a view when they sit in one chunk, else a copy). */
  peek(n: number): Buffer {
    n = Math.min(n, this.available);
    const first = this.bufs[0];
    if (first && first.length - this.pos >= n) return first.subarray(this.pos, this.pos + n);
    const out = Buffer.allocUnsafe(n);
    this.copy(out, n);
    return out;
  }

  /** Copies n buffered bytes, from `from` bytes past the read position. */
  private copy(out: Uint8Array, n: number, from = 0): void {
    let off = 0;
    let skip = from + this.pos;
    for (const b of this.bufs) {
      if (off >= n) break;
      if (skip >= b.length) {
        skip -= b.length;
        continue;
      }
      const k = Math.min(b.length - skip, n - off);
      out.set(b.subarray(skip, skip + k), off);
      off += k;
      skip = 0;
    }
  }

  /** Where a pattern starts within the next `limit` bytes, or -1; reads more input as needed, copies nothing big. */
  async find(pattern: Buffer, limit: number): Promise<number> {
    const k = pattern.length - 1;
    let base = 0;
    let i = 0;
    for (;;) {
      for (; i < this.bufs.length; i++) {
        const b = this.bufs[i];
        const start = i === 0 ? this.pos : 0;
        if (i > 0 && k > 0) {
          // A match across the boundary with the chunks before.
          const from = Math.max(0, base - k);
          const w = Buffer.allocUnsafe(Math.min(base + k, this.available) - from);
          this.copy(w, w.length, from);
          const j = w.indexOf(pattern);
          if (j >= 0) return from + j + pattern.length <= limit ? from + j : -1;
        }
        const j = b.indexOf(pattern, start);
        if (j >= 0) return base + j - start + pattern.length <= limit ? base + j - start : -1;
        base += b.length - start;
        if (base >= limit) return -1;
      }
      if (!(await this.more())) return -1;
    }
  }

  async startsWith(pattern: Buffer): Promise<boolean> {
    await this.fill(pattern.length);
    return this.available >= pattern.length && this.peek(pattern.length).equals(pattern);
  }

  /** The next n bytes (buffered already) in a buffer of their own; in shared memory, to go to a worker. */
  take(n: number, share = false): Uint8Array {
    const out = share ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
    this.copy(out, n);
    this.skipBuffered(n);
    return out;
  }

  skipBuffered(n: number): void {
    this.available -= n;
    while (n > 0) {
      const left = this.bufs[0].length - this.pos;
      if (n < left) {
        this.pos += n;
        return;
      }
      n -= left;
      this.bufs.shift();
      this.pos = 0;
    }
  }

  /** Drops n bytes, reading through them chunk by chunk; false when the input ends first. */
  async skip(n: number): Promise<boolean> {
    while (this.available < n) {
      n -= this.available;
      this.skipBuffered(this.available);
      if (!(await this.more())) return false;
    }
    this.skipBuffered(n);
    return true;
  }

  /** What is buffered, then the rest of the input. */
  async *rest(): AsyncGenerator<Uint8Array> {
    while (this.bufs.length) {
      const b = this.bufs.shift()!;
      const part = b.subarray(this.pos);
      this.pos = 0;
      this.available -= part.length;
      if (part.length) yield part;
    }
    for (;;) {
      const r = await this.it.next();
      if (r.done) return;
      yield r.value;
    }
  }
}

