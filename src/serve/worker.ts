/**
 * Extraction off the event loop: one piscina task per page. Runs as compiled
 * JS from dist/ in production and as TypeScript under tsx in tests.
 */
import { extract, extractText } from "../index.ts";
import { decode } from "../stages/decode.ts";
import type { Article } from "../article.ts";

export interface Task {
  /** Page bytes (transferred) or page text. */
  html?: Uint8Array;
  text?: string;
  url?: string;
  contentType?: string;
  explain?: boolean;
  maxBytes?: number;
  /** The extraction's time limit (the library's timeoutMs). */
  timeoutMs?: number;
  /** Also return the decoded page, for the web page's side-by-side view. */
  source?: boolean;
}

export interface Result {
  article: Article;
  source?: string;
}

export type Outcome = { ok: true; result: Result } | { ok: false; code: string; message: string };

export default function run(task: Task): Outcome {
  try {
    const options = { url: task.url, contentType: task.contentType, explain: task.explain, maxBytes: task.maxBytes, timeoutMs: task.timeoutMs };
    if (task.text !== undefined) return { ok: true, result: { article: extractText(task.text, options) } };
    const bytes = task.html ?? new Uint8Array();
    const article = extract(bytes, options);
    const result: Result = { article };
    if (task.source) result.source = decode(bytes, task.contentType, task.maxBytes).html;
    return { ok: true, result };
  } catch (err) {
    // Errors cross the thread boundary as data: a class instance would arrive as a plain Error.
    const e = err as { code?: string; message?: string };
    return { ok: false, code: typeof e.code === "string" ? e.code : "INTERNAL", message: e.message ?? String(err) };
  }
}
