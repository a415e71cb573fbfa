/**
 * Debugging aid: one WCXB page's extraction beside its truth.
 *   tsx bench/inspect-wcxb.ts ID [--removals] [--truth] (N=chars to print)
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { extract } from "../src/index.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "wcxb");
const id = process.argv[2];
const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"))[id];
const a = extract(gunzipSync(readFileSync(join(dir, "html", `${id}.html.gz`))), { url: truth.url ?? undefined, explain: true });
const n = Number(process.env.N ?? 2000);
console.log("URL:", truth.url, "TYPE:", truth.pageType, "PRED TYPE:", a.pageType, a.evidence.pageType?.raw);
console.log("CONTAINER:", a.explain?.container);
console.log("TITLE:", a.title, "| TRUTH:", truth.title);
console.log("AUTHORS:", a.authors.map((x) => x.name), "| TRUTH:", truth.author);
if (process.argv.includes("--removals")) for (const r of a.explain!.removals) console.log(`  - [${r.stage}/${r.rule}] ${r.path ?? ""} :: ${r.textPreview}`);
console.log("---- PRED ----");
console.log(a.text.slice(0, n));
if (process.argv.includes("--truth")) {
  console.log("---- TRUTH ----");
  console.log(truth.main.slice(0, n));
}
