/**
 * Robustness probe: the WCXB development pages rewritten the way other pages are written (older markup, no
 * structured data, no class names...), extracted again and scored. A rewrite that costs a kind much F1 points at
 * what the engine leans on that other pages lack; pages that score *better* rewritten point at a rule that hurts
 * (this is how tonight's page-builder "widget", CSS Modules hash and accordion mechanisms were found).
 *
 *   npm run bench:perturb                       # every rewrite, all kinds (~25 s each)
 *   npm run bench:perturb -- old,noclass        # some rewrites; "old+tables" chains two
 *   npm run bench:perturb -- old article        # one kind
 *
 * Writes .bench-out/pt-<rewrite>.jsonl and pt-<rewrite>-score.json (compare per page with wcxb-score.json).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { extract } from "../src/index.ts";
import { REWRITES } from "./rewrites.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "wcxb");
if (!existsSync(dir)) {
  console.log(`bench:perturb: ${dir} not found, skipped`);
  process.exit(0);
}


const [which = Object.keys(REWRITES).join(","), kind] = process.argv.slice(2).filter((a) => a !== "--");
const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")) as Record<string, { url: string | null; pageType: string }>;
mkdirSync(".bench-out", { recursive: true });
for (const name of which.split(",")) {
  const steps = name.split("+").map((x) => {
    const f = REWRITES[x];
    if (!f) throw new Error(`unknown rewrite ${x}: one of ${Object.keys(REWRITES).join(", ")}`);
    return f;
  });
  const lines = [JSON.stringify({ _meta: { tool: "newsclip" } })];
  for (const [id, t] of Object.entries(truth)) {
    if (kind && t.pageType !== kind) continue;
    let html = gunzipSync(readFileSync(join(dir, "html", `${id}.html.gz`))).toString("utf8");
    for (const f of steps) html = f(html);
    try {
      const a = extract(html, { url: t.url ?? undefined });
      lines.push(JSON.stringify({ id, text: a.text, title: a.title ?? null, authors: a.authors.map((x) => x.name), published: a.published ?? null, pageType: a.pageType }));
    } catch {
      lines.push(JSON.stringify({ id, text: "" }));
    }
  }
  const out = `.bench-out/pt-${name}.jsonl`;
  writeFileSync(out, lines.join("\n") + "\n");
  execFileSync("node", [join(shared, "bench", "score-wcxb.mjs"), out, "--json", `.bench-out/pt-${name}-score.json`]);
  const items = (JSON.parse(readFileSync(`.bench-out/pt-${name}-score.json`, "utf8")) as { runs: { items: { pageType: string; f1: number }[] }[] }).runs[0].items;
  const by: Record<string, number[]> = {};
  for (const it of items) (by[it.pageType] ??= []).push(it.f1);
  const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / v.length).toFixed(3);
  console.log(name.padEnd(12), Object.entries(by).map(([k, v]) => `${k} ${mean(v)}`).join("  "), " all", mean(items.map((x) => x.f1)));
}
