/**
 * Text mode: already-scraped page text in, the same Article out.
 * (Placeholder: lands with issue 3.)
 */
import { SCHEMA_VERSION, type Article } from "../article.ts";
import type { ExtractOptions } from "../context.ts";

export function extractText(text: string, options: ExtractOptions = {}): Article {
  void text;
  return { schemaVersion: SCHEMA_VERSION, url: options.url, authors: [], wordCount: 0, readingTimeMinutes: 0, text: "", markdown: "", html: "", blocks: [], evidence: {} };
}
