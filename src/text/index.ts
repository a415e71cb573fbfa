/**
 * Text mode: already-scraped page text in (an innerText dump, a crawl's text
 * record, a copied page), the same Article as HTML mode out.
 *
 * ```ts
 * import { extractText, SiteMemory } from "newsclip";
 * const a = extractText(text, { url: "https://example.com/news/1" });
 * const memory = new SiteMemory(); // for a batch: learns each site's furniture lines
 * for (const r of records) extractText(r.text, { url: r.url, memory });
 * ```
 */
import type { Article } from "../article.ts";
import { textPipeline, type TextOptions } from "./pipeline.ts";
import { NewsclipError } from "../errors.ts";

export { SiteMemory, type SiteMemoryOptions } from "./memory.ts";
export type { TextOptions } from "./pipeline.ts";

import { within, timeoutOption } from "../deadline.ts";

/** Extracts the article from scraped page text. Never hangs; throws only NewsclipError. */
export function extractText(text: string, options: TextOptions = {}): Article {
  try {
    return within(timeoutOption(options.timeoutMs), () => textPipeline(text, options));
  } catch (err) {
    if (err instanceof NewsclipError) throw err;
    throw new NewsclipError("INTERNAL", err instanceof Error ? err.message : String(err), { cause: err });
  }
}
