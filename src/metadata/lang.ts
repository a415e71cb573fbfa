/**
 * Language: the page's declaration, checked by eld on a bounded text sample.
 * eld's small model is loaded on first use only, once per process or worker thread, and its n-gram table is
 * packed off the JavaScript heap (see ngrams.ts). `extract` stays synchronous, so eld is required, not imported.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { LANG } from "../heuristics/meta.ts";
import { readTable, asObject } from "./ngrams.ts";

interface Eld {
  detect(text: string): { language: string; isReliable(): boolean };
}

let eld: Eld | null | undefined;

function detector(): Eld | null {
  if (eld !== undefined) return eld;
  try {
    const require = createRequire(import.meta.url);
    const entry = modelFile(require);
    try {
      eld = packed(require, dirname(dirname(entry)));
    } catch {
      // eld's files changed shape: its own loader still works, with its table on the heap.
      const mod = require(entry) as { eld?: Eld; default?: Eld };
      eld = mod.eld ?? mod.default ?? null;
    }
  } catch {
    eld = null;
  }
  return eld;
}

/**
 * An eld instance over the packed table. The table's module is read as text rather than imported, so that no
 * module cache keeps the unpacked object alive once it is packed.
 */
function packed(require: NodeJS.Require, src: string): Eld {
  const { createEld } = require(join(src, "languageDetector.js")) as {
    createEld(): { instance: Eld; loadData(data: unknown): string };
  };
  const table = readTable(readFileSync(join(src, "ngrams", "small.js"), "utf8"));
  const { instance, loadData } = createEld();
  if (!loadData({ ...table, ngrams: asObject(table.ngrams) })) throw new Error("eld refused the table");
  return instance;
}

/**
 * eld exports only an ESM "import" condition, so `require.resolve` refuses it; its file is found through
 * `import.meta.resolve` where the runtime has it, else by looking in the node_modules folders on the path
 * (tsx-run worker threads on Node 20 lack `import.meta.resolve`).
 */
function modelFile(require: NodeJS.Require): string {
  const resolve = (import.meta as { resolve?: (s: string) => string }).resolve;
  if (typeof resolve === "function") return fileURLToPath(resolve("eld/small"));
  for (const dir of require.resolve.paths("eld") ?? []) {
    const f = join(dir, "eld", "src", "entries", "static.small.js");
    if (existsSync(f)) return f;
  }
  throw new Error("eld not found");
}

/** Primary subtag of a declared language ("de-AT" → "de", "en_US" → "en"); undefined for junk. */
export function primaryTag(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(lang.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** A language tag normalised to BCP 47 case ("en_us" → "en-US"). */
export function normTag(lang: string): string | undefined {
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2}|\d{3}|[a-z]{4}))?(?:[-_].*)?$/i.exec(lang.trim());
  if (!m) return undefined;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].length === 4 ? m[2][0].toUpperCase() + m[2].slice(1).toLowerCase() : m[2].toUpperCase()}` : m[1].toLowerCase();
}

/** The detected language of a sample, or undefined when unsure. */
export function detect(sample: string): string | undefined {
  const text = sample.slice(0, LANG.sampleChars);
  if (text.length < LANG.minSampleChars) return undefined;
  const d = detector();
  if (!d) return undefined;
  const r = d.detect(text);
  return r.language && r.isReliable() ? r.language : undefined;
}
