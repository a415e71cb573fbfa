/**
 * Text mode on the 181 Zyte pages rendered to visible text, scored with the
 * shared scorer, plus the speed of text mode against HTML mode on the same
 * pages in the same process.
 *   npm run bench:zyte-text [-- --per-item=20] [--gate [--raise]] [--no-speed]
 * Writes predictions to .bench-out/zyte-text.json.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { extractText } from "../src/text/index.ts";
import { checkGate } from "./gate.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "zyte-text");
const htmlDir = join(shared, "bench", "zyte");
if (!existsSync(dir)) {
  console.log(`bench:zyte-text: ${dir} not found, skipped`);
  process.exit(0);
}
const truth = JSON.parse(readFileSync(join(htmlDir, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
const ids = Object.keys(truth);
const texts = new Map(ids.map((id) => [id, readFileSync(join(dir, `${id}.txt`), "utf8")]));

const out: Record<string, { articleBody: string }> = {};
let failed = 0;
for (const id of ids) {
  try {
    out[id] = { articleBody: extractText(texts.get(id)!, { url: truth[id].url }).text };
  } catch (err) {
    failed++;
    console.error(`${id}: ${(err as Error).message}`);
    out[id] = { articleBody: "" };
  }
}
mkdirSync(".bench-out", { recursive: true });
writeFileSync(".bench-out/zyte-text.json", JSON.stringify(out));
const scorer = join(shared, "bench", "score-zyte.mjs");
const extra = process.argv.slice(2).filter((a) => a.startsWith("--per-item"));
console.log(execFileSync("node", [scorer, ".bench-out/zyte-text.json", ...extra], { encoding: "utf8" }).trim());
console.log(`pages: ${ids.length}, errors: ${failed}`);

if (!process.argv.includes("--no-speed")) {
  // Same pages, same process, one warm-up pass each, then the best of three timed passes.
  const htmls = new Map(ids.map((id) => [id, gunzipSync(readFileSync(join(htmlDir, "html", `${id}.html.gz`)))]));
  const pass = (run: (id: string) => void): number => {
    const t0 = performance.now();
    for (const id of ids) {
      try {
        run(id);
      } catch {
        // errors are counted above; speed counts the attempt
      }
    }
    return performance.now() - t0;
  };
  const best = (run: (id: string) => void): number => {
    pass(run);
    return Math.min(pass(run), pass(run), pass(run));
  };
  const textMs = best((id) => extractText(texts.get(id)!, { url: truth[id].url }));
  // Imported only here: the HTML pipeline may be mid-change while text mode is measured.
  const { extract } = await import("../src/index.ts");
  const htmlMs = best((id) => extract(htmls.get(id)!, { url: truth[id].url, contentType: "text/html; charset=utf-8" }));
  const rate = (ms: number) => (ids.length / (ms / 1000)).toFixed(1);
  console.log(`speed: text mode ${rate(textMs)} pages/s (${(textMs / ids.length).toFixed(2)} ms/page), HTML mode ${rate(htmlMs)} pages/s (${(htmlMs / ids.length).toFixed(2)} ms/page), ratio ${(htmlMs / textMs).toFixed(1)}x`);
}

if (process.argv.includes("--gate")) {
  const json = JSON.parse(execFileSync("node", [scorer, ".bench-out/zyte-text.json", "--json"], { encoding: "utf8" }));
  process.exitCode = checkGate("zyte-text", { f1: json.f1, precision: json.precision, recall: json.recall }, dir) ? 0 : 1;
}
