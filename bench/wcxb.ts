/**
 * Extracts the 1,356 WCXB development pages (seven page types) and scores them with the shared scorer.
 *   npm run bench:wcxb [-- --per-item 20] [--type article] [--gate] [--raise] [--out FILE] [--oracle]
 * Writes predictions to .bench-out/wcxb.jsonl (or --out) and the per-page scores to .bench-out/wcxb-score.json.
 * With --gate, fails below the floors pinned in bench/floors.json (see bench/gate.ts).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { extract } from "../src/index.ts";
import type { PageType } from "../src/article.ts";
import { checkGate } from "./gate.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "wcxb");
if (!existsSync(dir)) {
  console.log(`bench:wcxb: ${dir} not found, skipped`);
  process.exit(0);
}
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outFile = opt("--out") ?? ".bench-out/wcxb.jsonl";
const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")) as Record<string, { url: string; pageType: PageType }>;
// --oracle: each page extracted as the kind its truth says (what the per-kind extraction gives with a perfect classifier).
const oracle = args.includes("--oracle");
// --as KIND: every page extracted as that kind (to weigh what each kind's extraction gives on every page).
const as = opt("--as") as PageType | undefined;
const type = opt("--type");
const lines: string[] = [JSON.stringify({ _meta: { tool: "newsclip" } })];
let failed = 0;
const t0 = performance.now();
for (const [id, { url, pageType }] of Object.entries(truth)) {
  if (type && pageType !== type) continue;
  const html = gunzipSync(readFileSync(join(dir, "html", `${id}.html.gz`)));
  try {
    const a = extract(html, { url: url ?? undefined, contentType: "text/html; charset=utf-8", ...(oracle ? { pageType } : as ? { pageType: as } : {}) });
    lines.push(JSON.stringify({ id, text: a.text, title: a.title ?? null, authors: a.authors.map((x) => x.name), published: a.published ?? null, pageType: a.pageType }));
  } catch (err) {
    failed++;
    console.error(`${id}: ${(err as Error).message}`);
    lines.push(JSON.stringify({ id, text: "" }));
  }
}
const ms = performance.now() - t0;
mkdirSync(".bench-out", { recursive: true });
writeFileSync(outFile, lines.join("\n") + "\n");
const scoreArgs = [join(shared, "bench", "score-wcxb.mjs"), outFile, "--json", ".bench-out/wcxb-score.json"];
if (type) scoreArgs.push("--type", type);
const per = args.indexOf("--per-item");
if (per >= 0) scoreArgs.push("--per-item", /^\d+$/.test(args[per + 1] ?? "") ? args[per + 1] : "20");
console.log(execFileSync("node", scoreArgs, { encoding: "utf8" }).trim());
console.log(`pages: ${lines.length - 1}, errors: ${failed}, ${(ms / 1000).toFixed(1)} s`);
if (args.includes("--gate") && !type) {
  const score = JSON.parse(readFileSync(".bench-out/wcxb-score.json", "utf8")).runs[0].groups as Record<string, { f1: number; authorF1: number; empty: number; titleExact: number; noAuthorOk: number; noDateOk: number }>;
  const all = score["all pages"];
  const metrics: Record<string, number> = {
    all: all.f1,
    articleAuthorF1: score.article.authorF1,
    forumAuthorF1: score.forum.authorF1,
    titleExact: all.titleExact,
    noAuthorOk: all.noAuthorOk,
    noDateOk: all.noDateOk,
  };
  for (const t of ["article", "forum", "product", "collection", "listing", "documentation", "service"]) metrics[t] = score[t].f1;
  process.exitCode = checkGate("wcxb", metrics, dir) ? 0 : 1;
}
