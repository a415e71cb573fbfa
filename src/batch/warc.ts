/**
 * WARC records as batch items, streamed with warcio over an already
 * decompressed stream (node:zlib is about twice as fast as warcio's own
 * inflater, and handles per-record gzip members as one stream).
 */
import type { Readable } from "node:stream";
import { WARCParser, type WARCRecord } from "warcio";
import { NewsclipError } from "../errors.ts";
import { problem, type InputEvents, type InputOptions, type Item } from "./inputs.ts";

/** Media types worth extracting; everything else is skipped and counted. */
const HTML_TYPE = /html/i;
/** WARC and HTTP headers on top of the page bytes: a record this much over the page limit is refused unread. */
const HEADER_ROOM = 64 * 1024;

export async function* readWarc(file: string, source: Readable, opts: InputOptions, ev: InputEvents): AsyncGenerator<Item> {
  const parser = new WARCParser(source);
  let n = 0;
  // A failed read already produced its problem line; the parser then fails on the same break.
  let reported = false;
  let inGarbage = false;
  try {
    for await (const rec of parser) {
      n++;
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
    if (!reported) yield problem(`${file}#${n + 1}`, "READ_FAILED", err);
  } finally {
    source.destroy();
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
