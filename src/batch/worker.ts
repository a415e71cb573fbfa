/**
 * The pool worker: one record in, one rendered output out. Rendering here,
 * not in the main thread, keeps the main thread free to read input and write.
 */
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
  data: Uint8Array;
  format: OutFormat;
  /** Send the Article object back too (for an onArticle hook). */
  keep: boolean;
  /** Shared with the main thread: when this task started (epoch ms), so its time limit excludes queueing and worker start-up. */
  clock?: SharedArrayBuffer;
}

export interface Result {
  /** The output: a JSONL line, or the content of one file. */
  out?: string;
  title?: string;
  url?: string;
  article?: Article;
  error?: { code: string; message: string };
}

/** Text mode learns each site's furniture lines as the batch goes: one memory per worker, bounded by its own limits. */
const memory = new SiteMemory();

export default function run(task: Task): Result {
  if (task.clock) new Float64Array(task.clock)[0] = Date.now();
  try {
    const options = { url: task.url, contentType: task.contentType };
    const article =
      task.mode === "text"
        ? extractText(decodeText(Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength)), { ...options, memory })
        : extract(task.data, options);
    return {
      out: output(task, article),
      title: article.title,
      url: article.url ?? task.url,
      ...(task.keep ? { article } : {}),
    };
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
