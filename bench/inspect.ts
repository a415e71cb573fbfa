/**
 * Debugging aid: one Zyte page's extraction beside its truth.
 *   tsx bench/inspect.ts ID_PREFIX [--removals] [--truth]
 */
import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { extract } from "../src/index.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "zyte");
const prefix = process.argv[2];
const file = readdirSync(join(dir, "html")).find((f) => f.startsWith(prefix))!;
const id = file.replace(".html.gz", "");
const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8"))[id];
const a = extract(gunzipSync(readFileSync(join(dir, "html", file))), { url: truth.url, explain: true });
console.log("URL:", truth.url);
console.log("CONTAINER:", a.explain?.container);
console.log("TITLE:", a.title);
if (process.argv.includes("--removals")) for (const r of a.explain!.removals) console.log(`  - [${r.stage}/${r.rule}] ${r.path ?? ""} :: ${r.textPreview}`);
if (!process.argv.includes("--diff")) {
  console.log("---- PRED ----");
  console.log(a.text.slice(0, Number(process.env.N ?? 3000)));
}
const key = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, " ").trim().slice(0, 50);
if (process.argv.includes("--diff")) {
  const predKeys = a.text.split(/\n+/).map(key);
  const truthNorm = truth.articleBody.replace(/[^\p{L}\p{N}]+/gu, " ");
  const predNorm = a.text.replace(/[^\p{L}\p{N}]+/gu, " ");
  console.log("---- MISSING (in truth, not predicted) ----");
  for (const l of truth.articleBody.split(/\n+/)) if (key(l) && !predNorm.includes(key(l))) console.log("  - " + l.slice(0, 160));
  console.log("---- EXTRA (predicted, not in truth) ----");
  for (const l of a.text.split(/\n+/)) if (key(l) && !truthNorm.includes(key(l))) console.log("  + " + l.slice(0, 160));
  void predKeys;
}
if (process.argv.includes("--truth")) {
  console.log("---- TRUTH ----");
  console.log(truth.articleBody.slice(0, Number(process.env.N ?? 3000)));
}
