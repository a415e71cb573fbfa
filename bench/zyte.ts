/**
 * Extracts the 181 Zyte benchmark pages and scores them with the shared scorer.
 *   npm run bench:zyte [-- --per-item=20] [--gate]
 * Writes predictions to .bench-out/zyte.json. With --gate, fails below the
 * floor pinned in bench/floors.json (see bench/gate.ts).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { extract } from "../src/index.ts";
import { checkGate } from "./gate.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "zyte");
if (!existsSync(dir)) {
  console.log(`bench:zyte: ${dir} not found, skipped`);
  process.exit(0);
}
const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
const out: Record<string, { articleBody: string }> = {};
let failed = 0;
const t0 = performance.now();
for (const [id, { url }] of Object.entries(truth)) {
  const html = gunzipSync(readFileSync(join(dir, "html", `${id}.html.gz`)));
  try {
    out[id] = { articleBody: extract(html, { url, contentType: "text/html; charset=utf-8" }).text };
  } catch (err) {
    failed++;
    console.error(`${id}: ${(err as Error).message}`);
    out[id] = { articleBody: "" };
  }
}
const ms = performance.now() - t0;
mkdirSync(".bench-out", { recursive: true });
writeFileSync(".bench-out/zyte.json", JSON.stringify(out));
const extra = process.argv.slice(2).filter((a) => a.startsWith("--per-item"));
const report = execFileSync("node", [join(shared, "bench", "score-zyte.mjs"), ".bench-out/zyte.json", ...extra], { encoding: "utf8" });
console.log(report.trim());
console.log(`pages: ${Object.keys(truth).length}, errors: ${failed}, ${(ms / 1000).toFixed(1)} s`);
if (process.argv.includes("--gate")) {
  const json = JSON.parse(execFileSync("node", [join(shared, "bench", "score-zyte.mjs"), ".bench-out/zyte.json", "--json"], { encoding: "utf8" }));
  process.exitCode = checkGate("zyte", { f1: json.f1, precision: json.precision, recall: json.recall }, dir) ? 0 : 1;
}
