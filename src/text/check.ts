/**
 * Text stage 0, check: refuses what is not text before any work is done.
 * Empty → EMPTY_INPUT; over the size limit → TOO_LARGE; binary → NOT_TEXT.
 */
import { NewsclipError } from "../errors.ts";
import { DECODE } from "../heuristics/tables.ts";
import { BINARY } from "../heuristics/text-memory.ts";

export function check(input: unknown, maxBytes = DECODE.maxBytes): string {
  if (input == null) throw new NewsclipError("EMPTY_INPUT");
  if (typeof input !== "string") throw new NewsclipError("BAD_REQUEST", "text mode takes a string (decode bytes first)");
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so only near the limit is the exact size needed.
  if (input.length * 3 > maxBytes && Buffer.byteLength(input, "utf8") > maxBytes) {
    throw new NewsclipError("TOO_LARGE", `input has ${Buffer.byteLength(input, "utf8")} bytes, limit ${maxBytes}`);
  }
  if (!/\S/.test(input)) throw new NewsclipError("EMPTY_INPUT");
  const sample = input.length > BINARY.sample ? input.slice(0, BINARY.sample) : input;
  const bad = sample.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/g)?.length ?? 0;
  if (bad > sample.length * BINARY.maxShare) throw new NewsclipError("NOT_TEXT", `${bad} control or undecodable characters in the first ${sample.length}`);
  return input;
}
