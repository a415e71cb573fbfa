/** Stage 7, rescue: when the HTML body is empty or far shorter than the article text in JSON, use that. (first cut) */
import type { Context } from "../context.ts";
import type { Cleaned } from "./clean.ts";
import type { Structured } from "./structure.ts";
import type { Metadata } from "../metadata/index.ts";

export function rescue(structured: Structured, cleaned: Cleaned, meta: Metadata, ctx: Context): Structured {
  void cleaned;
  void meta;
  void ctx;
  return structured;
}
