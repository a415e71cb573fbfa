/**
 * The crawl's extraction worker: one fetched page in; its Article, its dedup
 * keys and its JSONL line out, so the main thread (which fetches, schedules
 * and writes) does no per-page work it can hand off.
 */
import { createHash } from "node:crypto";
import { extract } from "../index.ts";
import { urlKey } from "../store/keys.ts";
import { errorRecord } from "../errors.ts";
import { jsonLine } from "../batch/worker.ts";
import type { Article } from "../article.ts";

export interface Task {
  url: string;
  contentType?: string;
  html: Uint8Array;
  /** Render the JSONL line too. */
  line: boolean;
  timeoutMs?: number;
}

export interface Done {
  article: Article;
  /** The canonical URL's dedup key, when it is not the page's own. */
  canon?: string;
  /** Title and text, whitespace folded: the archive's content key. */
  hash?: string;
  line?: Uint8Array;
}

export type Outcome = { ok: true; done: Done } | { ok: false; code: string; message: string };

const utf8 = new TextEncoder();
/** Lets a result leave before the next queued page starts (piscina hands a worker two tasks). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export default async function run(task: Task): Promise<Outcome> {
  await turn();
  try {
    return { ok: true, done: digest(task.url, extract(task.html, { url: task.url, ...(task.contentType ? { contentType: task.contentType } : {}), ...(task.timeoutMs ? { timeoutMs: task.timeoutMs } : {}) }), task.line) };
  } catch (err) {
    const e = errorRecord(err);
    return { ok: false, code: (err as { code?: string }).code ?? e.code, message: e.message };
  }
}

/** The dedup keys and output line of an extracted page (also used when extracting on the calling thread). */
export function digest(url: string, article: Article, line: boolean): Done {
  const canon = article.canonicalUrl ? urlKey(article.canonicalUrl) : undefined;
  const text = article.text.replace(/\s+/g, " ").trim();
  const hash = text ? createHash("sha256").update((article.title ?? "").trim()).update("\n").update(text).digest("base64url") : undefined;
  return {
    article,
    ...(canon && canon !== urlKey(url) ? { canon } : {}),
    ...(hash ? { hash } : {}),
    ...(line ? { line: utf8.encode(jsonLine(url, url, article)) } : {}),
  };
}
