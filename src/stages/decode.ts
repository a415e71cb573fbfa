/**
 * Stage 1, decode: bytes → string.
 *
 * Order (WHATWG sniffing, then what real pages need): BOM, the charset of the
 * transport Content-Type, the <meta> prescan of the first 1024 bytes, a
 * valid-UTF-8 check, a <meta> scan further down the page, statistical
 * detection, and windows-1252 last. Decoding uses @exodus/bytes, because
 * Node 20's own TextDecoder maps windows-1252 0x80–0x9F to C1 controls.
 */
import { isUtf8 } from "node:buffer";
import sniffHtmlEncoding from "html-encoding-sniffer";
import { TextDecoder, getBOMEncoding, normalizeEncoding } from "@exodus/bytes/encoding.js";
import jschardet from "jschardet";
import { NewsclipError } from "../errors.ts";
import { DECODE } from "../heuristics/tables.ts";

/** A page decoded to a string. */
export interface DecodedText {
  html: string;
  charset: string;
  /** bom | content-type | meta | utf8 | meta-late | detected | default | string */
  source: string;
  deferred?: false;
  /** The bytes were UTF-8 encoded twice and were read once more (see undouble). */
  undoubled?: true;
}

/**
 * A page of valid UTF-8 left as bytes for the parse stage, which decodes only what is read (see parse.ts).
 * Given only to callers that ask for it with `defer`.
 */
export interface DecodedBytes {
  bytes: Buffer;
  charset: "utf-8";
  source: string;
  deferred: true;
  undoubled?: true;
}

export type Decoded = DecodedText | DecodedBytes;

export interface DecodeOptions {
  /** Leave valid UTF-8 undecoded for the parse stage (`DecodedBytes`). */
  defer?: boolean;
}

const NONE = "x-none";
const NON_ASCII = /[\x80-\xff]/;

/** Text of deferred input (UTF-8 bytes held one per character, see `Decoded.deferred`), decoded. */
export function utf8Text(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s;
}
const utf8Decoder = new globalThis.TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

export function charsetOfContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /charset\s*=\s*["']?([^"';,\s]+)/i.exec(contentType);
  return m ? (normalizeEncoding(m[1]) ?? undefined) : undefined;
}

/** Legacy single-byte labels that pages often declare while serving UTF-8. */
const SINGLE_BYTE = new Set(["windows-1252", "iso-8859-2", "iso-8859-15", "windows-1250", "windows-1251", "windows-1254"]);

export function decode(input: Uint8Array | string, contentType?: string, maxBytes?: number): DecodedText;
export function decode(input: Uint8Array | string, contentType: string | undefined, maxBytes: number | undefined, options: DecodeOptions): Decoded;
export function decode(input: Uint8Array | string, contentType?: string, maxBytes = DECODE.maxBytes, options: DecodeOptions = {}): Decoded {
  const d = decodeRaw(input, contentType, maxBytes, options.defer === true);
  if (d.deferred) {
    if (looksLikeJson(d.bytes.toString("latin1", 0, DECODE.binarySampleBytes))) throw new NewsclipError("NOT_HTML", "the input is a JSON document, not an HTML page");
    return d;
  }
  if (looksLikeJson(d.html)) throw new NewsclipError("NOT_HTML", "the input is a JSON document, not an HTML page");
  // The HTML parser spec turns NUL into U+FFFD; other C0 controls are never text.
  if (CONTROL.test(d.html)) d.html = d.html.replace(CONTROL_ALL, "");
  return d;
}

const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
/** CONTROL as bytes, each looked for with memchr-speed indexOf. */
const CONTROL_BYTES = [...Array(32).keys(), 0x7f].filter((b) => b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d);
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

/** A JSON document: starts like JSON and has no markup near the start. */
function looksLikeJson(s: string): boolean {
  const head = s.slice(0, DECODE.binarySampleBytes).trimStart();
  return (head.startsWith("{") || head.startsWith("[")) && !/<(?:html|head|body|div|p|article|!doctype)\b/i.test(head);
}

function decodeRaw(input: Uint8Array | string, contentType: string | undefined, maxBytes: number, defer: boolean): Decoded {
  if (typeof input === "string") {
    if (input.length > maxBytes) throw new NewsclipError("TOO_LARGE", `input has ${input.length} characters, limit ${maxBytes}`);
    return { html: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, charset: "utf-16", source: "string" };
  }
  if (input.byteLength === 0) throw new NewsclipError("EMPTY_INPUT");
  if (input.byteLength > maxBytes) throw new NewsclipError("TOO_LARGE", `input has ${input.byteLength} bytes, limit ${maxBytes}`);

  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const binary = binaryKind(bytes);
  if (binary) throw new NewsclipError("NOT_HTML", `the input is ${binary}, not an HTML page`);
  let charset: string | null = getBOMEncoding(bytes);
  let source = "bom";
  let valid: boolean | undefined;
  const utf8 = () => (valid ??= isUtf8(bytes));
  if (!charset) {
    charset = charsetOfContentType(contentType) ?? null;
    source = "content-type";
  }
  if (!charset) {
    const sniffed = sniffHtmlEncoding(bytes, { defaultEncoding: NONE });
    if (sniffed !== NONE) {
      charset = normalizeEncoding(sniffed);
      source = "meta";
      // A page that declares a legacy single-byte charset but whose bytes are
      // valid, non-ASCII UTF-8 was re-saved as UTF-8: trust the bytes.
      if (charset && SINGLE_BYTE.has(charset) && hasHighBytes(bytes) && utf8()) {
        charset = "utf-8";
        source = "utf8";
      }
    }
  }
  if (!charset && utf8()) {
    charset = "utf-8";
    source = "utf8";
  }
  if (!charset) {
    charset = lateMetaCharset(bytes);
    source = "meta-late";
  }
  if (!charset) {
    const guess = detect(bytes);
    if (guess) {
      charset = guess;
      source = "detected";
    }
  }
  if (!charset || charset === "replacement") {
    charset = "windows-1252";
    source = "default";
  }
  // A page written as UTF-8, read back as Latin-1 or Windows-1252 and written as UTF-8 again shows "â€™" for "’"
  // throughout: when every character of it maps back to a byte and those bytes are UTF-8, they are the page.
  let undoubled = false;
  if (charset === "utf-8" && utf8()) {
    const fixed = undouble(bytes);
    if (fixed) [bytes, undoubled] = [fixed, true];
  }
  const mark = undoubled ? { undoubled: true as const } : {};
  // Valid UTF-8 (nearly every page) is turned into strings by the parse stage, only where it is read: V8 decodes
  // UTF-8 at ~140 MB/s, and half a page's bytes are scripts and styles that are never read as text. Pages with
  // control characters take the common road, which strips them.
  if (defer && charset === "utf-8" && utf8()) {
    const start = source === "bom" ? 3 : 0;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
    if (!CONTROL_BYTES.some((b) => buf.indexOf(b) >= 0)) return { bytes: buf, charset, source, deferred: true, ...mark };
  }
  let html: string;
  try {
    // UTF-8 is the common case and Node's own decoder is right for it, and fastest.
    html = charset === "utf-8" ? utf8Decoder.decode(bytes) : new TextDecoder(charset, { fatal: false, ignoreBOM: false }).decode(bytes);
  } catch (err) {
    try {
      html = new TextDecoder("utf-8").decode(bytes);
      charset = "utf-8";
      source = "fallback";
    } catch {
      throw new NewsclipError("DECODE_FAILED", `cannot decode as ${charset}`, { cause: err });
    }
  }
  return { html, charset, source, ...mark };
}

/** Byte runs that only doubly encoded UTF-8 makes: "â" then a C1 control or a Windows-1252 "€" (of "’ “ ” — –"), "Ã" or "Â" then a Latin-1 character. */
const DOUBLED = [Buffer.from([0xc3, 0xa2, 0xc2]), Buffer.from([0xc3, 0xa2, 0xe2, 0x82, 0xac]), Buffer.from([0xc3, 0x83, 0xc2]), Buffer.from([0xc3, 0x82, 0xc2])];
/** Windows-1252's characters of bytes 0x80-0x9F, by code point. */
const CP1252_BYTE = new Map<number, number>(
  [0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178]
    .map((c, i) => [c, 0x80 + i] as [number, number])
    .filter(([c]) => c !== 0),
);

/** The page's own UTF-8 bytes when it was encoded twice (see DOUBLED); undefined when it was not, or not wholly. */
function undouble(bytes: Uint8Array): Uint8Array | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let seen = 0;
  for (const sign of DOUBLED) {
    for (let i = buf.indexOf(sign); i >= 0 && seen < DECODE.minDoubled; i = buf.indexOf(sign, i + sign.length)) seen++;
  }
  if (seen < DECODE.minDoubled) return undefined;
  const text = buf.toString("utf8");
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c <= 0xff ? c : CP1252_BYTE.get(c);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return isUtf8(out) ? out : undefined;
}

/** File signatures of formats that are never pages. */
const MAGIC: [string, number[]][] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a ZIP archive", [0x50, 0x4b, 0x03, 0x04]],
  ["gzip data (decompress it first)", [0x1f, 0x8b]],
  ["a WebP/RIFF file", [0x52, 0x49, 0x46, 0x46]],
  ["a WebAssembly module", [0x00, 0x61, 0x73, 0x6d]],
];

/** Names binary input; undefined for anything that may be text. */
function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [name, sig] of MAGIC) if (sig.every((b, i) => bytes[i] === b)) return name;
  // UTF-16 text has NULs too, but starts with a BOM (checked by the caller's decode).
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const n = Math.min(bytes.length, DECODE.binarySampleBytes);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > n * DECODE.maxControlShare ? "binary data" : undefined;
}

/** Encodings pages are written in; Mac and EBCDIC code pages are never worth the false positives. */
const WEB_ENCODINGS = ["UTF-8", "windows-1252", "windows-1251", "windows-1250", "windows-1253", "windows-1254", "windows-1255", "windows-1256", "ISO-8859-2", "ISO-8859-5", "ISO-8859-7", "KOI8-R", "GB2312", "GB18030", "Big5", "SHIFT_JIS", "EUC-JP", "ISO-2022-JP", "EUC-KR", "TIS-620", "UTF-16LE", "UTF-16BE"];

/** Statistical detection over the text of the page: markup is ASCII and only dilutes the evidence. (Only ASCII white space is collapsed: 0x85 and 0xA0 are bytes of multi-byte characters.) */
function detect(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECODE.detectSampleBytes)).toString("latin1");
  const text = head.replace(/<(script|style)[^>]*>[^]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ").replace(/&[#\w]+;/g, " ").replace(/[ \t\r\n]+/g, " ");
  if (!/[\x80-\xff]/.test(text)) return undefined;
  const guess = jschardet.detect(Buffer.from(text, "latin1"), { detectEncodings: WEB_ENCODINGS });
  if (!guess.encoding || guess.confidence < DECODE.minDetectConfidence) return undefined;
  return normalizeEncoding(guess.encoding) ?? undefined;
}

function hasHighBytes(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, DECODE.detectSampleBytes);
  for (let i = 0; i < n; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

/** <meta charset> or http-equiv further down than the 1024-byte prescan. */
function lateMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECODE.lateMetaBytes)).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return m ? normalizeEncoding(m[1]) : null;
}
