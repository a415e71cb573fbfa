/**
 * The pool worker: one record in, one rendered output out. Rendering and
 * UTF-8 encoding here, not in the main thread, keep the main thread free to
 * read input and write: the bytes come back transferred, not copied, and
 * never become a string on the main thread's heap.
 */
import { threadId } from "node:worker_threads";
import { Piscina } from "piscina";
import { extract } from "../index.ts";
import { extractText, SiteMemory } from "../text/index.ts";
import { render } from "../render.ts";
import { errorRecord } from "../errors.ts";
import { decodeText } from "../cli/extract.ts";
import type { Article } from "../article.ts";

export type OutFormat = "jsonl" | "md" | "txt" | "html";

export interface Task {
  id: string;
  url?: string;
  contentType?: string;
  mode: "html" | "text";
  /** The page, in shared memory (the main thread keeps it for a retry): copied before use. */
  data: Uint8Array;
  format: OutFormat;
  /** Send the Article object back too (for an onArticle hook). */
  keep: boolean;
  /**
   * Shared with the main thread: when this task started (epoch ms), so its time limit excludes queueing and worker
   * start-up, and which thread runs it, so that thread can be stopped.
   */
  clock?: SharedArrayBuffer;
  /** The record's time limit, given to extract() (its timeoutMs): a slow page stops itself and the worker lives on. */
  timeoutMs?: number;
}

export interface Result {
  /** The output, UTF-8: a JSONL line, or the content of one file. */
  out?: Uint8Array;
  title?: string;
  url?: string;
  article?: Article;
  error?: { code: string; message: string };
}

/** Text mode learns each site's furniture lines as the batch goes: one memory per worker, bounded by its own limits. */
const memory = new SiteMemory();

const utf8 = new TextEncoder();

/** Lets the event loop run once: see run(). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export default async function run(task: Task): Promise<Result> {
  // A worker holds two tasks, and Piscina starts both at once. Were this function synchronous, the second page would
  // be extracted before the first one's result is posted, both results would leave together, and the worker would
  // sit idle while the main thread sends the next two. Yielding first lets each result leave as soon as it is ready,
  // so the next record is already queued while this one runs.
  await turn();
  if (task.clock) {
    const clock = new Float64Array(task.clock);
    clock[1] = threadId;
    clock[0] = Date.now();
  }
  try {
    const options = { url: task.url, contentType: task.contentType, timeoutMs: task.timeoutMs };
    // A private copy: decoders may refuse shared memory, and the main thread may hand the same bytes to another worker.
    const data = new Uint8Array(task.data);
    const article =
      task.mode === "text"
        ? extractText(decodeText(Buffer.from(data.buffer, data.byteOffset, data.byteLength)), { ...options, memory })
        : extract(data, options);
    // TextEncoder gives the bytes an ArrayBuffer of their own (a small Buffer shares a pool), so it can move.
    const out = utf8.encode(output(task, article));
    const result: Result = { out, title: article.title, url: article.url ?? task.url, ...(task.keep ? { article } : {}) };
    const moved = { [Piscina.transferableSymbol]: [out.buffer], [Piscina.valueSymbol]: result };
    return Piscina.move(moved as unknown as Parameters<typeof Piscina.move>[0]) as unknown as Result;
  } catch (err) {
    return { error: errorRecord(err) };
  }
}

function output(task: Task, a: Article): string {
  switch (task.format) {
    case "jsonl":
      return jsonLine(task.id, task.url, a);
    case "md":
      return render(a, "md");
    case "txt":
      return render(a, "text");
    case "html":
      return render(a, "html");
  }
}

/** One output line: the Article with the input's id first, and its url when the article has none. */
export function jsonLine(id: string, url: string | undefined, a: Article): string {
  const line = a.url === undefined && url !== undefined ? { id, ...a, url } : { id, ...a };
  return JSON.stringify(line) + "\n";
}
