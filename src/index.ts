/**
 * newsclip: news web pages in, clean structured articles out.
 *
 * ```ts
 * import { extract } from "newsclip";
 * const article = extract(bytes, { url: "https://example.com/news/1" });
 * console.log(article.title, article.text);
 * ```
 */
import type { Article } from "./article.ts";
import type { ExtractOptions } from "./context.ts";
import { extractHtml } from "./pipeline.ts";

export { extractText, SiteMemory, type SiteMemoryOptions, type TextOptions } from "./text/index.ts";
export { NewsclipError, ERROR_CODES, errorRecord, type ErrorCode } from "./errors.ts";
export { serialise, toText, toMarkdown, toHtml } from "./stages/serialise.ts";
export type { ExtractOptions } from "./context.ts";
export * from "./article.ts";

/** Extracts the article of one HTML page given as bytes (preferred) or a string. Never hangs; throws only NewsclipError. */
export function extract(input: Uint8Array | ArrayBuffer | string, options: ExtractOptions = {}): Article {
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  return extractHtml(bytes, options);
}
