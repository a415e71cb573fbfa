/**
 * Extracts the metadata benchmark pages (fundus: 258, dates: 200) and scores
 * them with the shared scorer.
 *   npm run bench:meta [-- --per-item=20] [--set=fundus|dates] [--gate [--raise]]
 * Writes predictions to .bench-out/meta-fundus.jsonl and .bench-out/meta-dates.jsonl.
 * Body paragraphs, subheadings and figures come from the engine's blocks.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { extract, type Article } from "../src/index.ts";
import { checkGate } from "./gate.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "meta");
if (!existsSync(dir)) {
  console.log(`bench:meta: ${dir} not found, skipped`);
  process.exit(0);
}
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--set="))?.slice(6);
const perItem = args.filter((a) => a.startsWith("--per-item"));
const scorer = join(shared, "bench", "score-meta.mjs");
mkdirSync(".bench-out", { recursive: true });

/** One prediction line in the scorer's format. */
function prediction(id: string, a: Article): Record<string, unknown> {
  const paragraphs: string[] = [];
  const subheadings: string[] = [];
  const images: { src: string; caption?: string }[] = [];
  for (const b of a.blocks) {
    // A <br> inside a paragraph starts a new line, and the pages show (and fundus counts) each line as a paragraph.
    if (b.type === "paragraph") paragraphs.push(...b.text.split("\n"));
    else if (b.type === "heading") subheadings.push(b.text);
    else if (b.type === "figure") for (const im of b.images) if (im.src) images.push({ src: im.src, caption: b.caption });
  }
  // The lead picture is a figure of the article even when it sits above the body; its caption fills a bare figure.
  const lead = a.leadImage;
  const same = lead?.src ? images.find((im) => im.src === lead.src) : undefined;
  if (same) same.caption ??= lead!.caption;
  else if (lead?.src) images.unshift({ src: lead.src, caption: lead.caption });
  return {
    id,
    title: a.title,
    // The benchmark's truth lists agencies among the authors ("dpa", "AFP"); we keep them apart, so join them here.
    authors: [...a.authors.map((p) => p.name), ...(a.agencies ?? []), ...(a.organization && !a.authors.length && !a.agencies ? [a.organization] : [])],
    published: a.published,
    description: a.standfirst ?? a.description,
    leadImage: a.leadImage?.src,
    images,
    paragraphs,
    subheadings,
    topics: a.tags,
    lang: a.lang,
  };
}

interface Timing {
  pages: number;
  ms: number;
  /** Metadata + reconcile per page, first page (which loads the language model) left out. */
  meta: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

function run(set: "fundus" | "dates"): { file: string; t: Timing; failed: number } {
  const truth = JSON.parse(readFileSync(join(dir, `${set}.json`), "utf8")) as Record<string, { url: string }>;
  const lines: string[] = [];
  const t: Timing = { pages: 0, ms: 0, meta: [] };
  let failed = 0;
  for (const [id, { url }] of Object.entries(truth)) {
    const html = gunzipSync(readFileSync(join(dir, `${set}-html`, `${id}.html.gz`)));
    const t0 = performance.now();
    try {
      const a = extract(html, { url, contentType: "text/html; charset=utf-8", explain: true });
      t.ms += performance.now() - t0;
      if (t.pages++) t.meta.push((a.explain?.timings.metadata ?? 0) + (a.explain?.timings.reconcile ?? 0));
      lines.push(JSON.stringify(prediction(id, a)));
    } catch (err) {
      failed++;
      console.error(`${set} ${id}: ${(err as Error).message}`);
      lines.push(JSON.stringify({ id }));
    }
  }
  const file = join(".bench-out", `meta-${set}.jsonl`);
  writeFileSync(file, lines.join("\n") + "\n");
  return { file, t, failed };
}

const summaries: Record<string, Record<string, { mean: number; n: number }>> = {};
for (const set of ["fundus", "dates"] as const) {
  if (only && only !== set) continue;
  const { file, t, failed } = run(set);
  console.log(execFileSync("node", [scorer, file, `--set=${set}`, ...perItem], { encoding: "utf8" }).trim());
  const mean = t.meta.reduce((x, y) => x + y, 0) / (t.meta.length || 1);
  console.log(`${set}: ${t.pages} pages, ${failed} errors, ${(t.ms / t.pages).toFixed(2)} ms/page; metadata ${mean.toFixed(2)} ms/page mean, ${median(t.meta).toFixed(2)} median (wall clock, first page left out)\n`);
  summaries[set] = JSON.parse(execFileSync("node", [scorer, file, `--set=${set}`, "--json"], { encoding: "utf8", maxBuffer: 64 << 20 }))[0].summary;
}

if (args.includes("--gate")) {
  let ok = true;
  const f = summaries.fundus;
  if (f) {
    const pick = (k: string): number => f[k]?.mean ?? 0;
    ok = checkGate("meta-fundus", {
      titleExact: pick("titleExact"),
      authorsF1: pick("authorsF1"),
      date: pick("date"),
      leadSame: pick("leadSame"),
      captions: pick("captions"),
      parasP: pick("parasP"),
      parasR: pick("parasR"),
      description: pick("descF1"),
      subheadings: pick("subheadsR"),
    }, join(dir, "fundus-html")) && ok;
  }
  const d = summaries.dates;
  if (d) ok = checkGate("meta-dates", { date: d.date?.mean ?? 0 }, join(dir, "dates-html")) && ok;
  process.exitCode = ok ? 0 : 1;
}
