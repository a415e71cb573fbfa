/**
 * Trains the page-type model: softmax regression over classify's signals, on WCXB's 1,356 labelled development
 * pages, and writes its weights to src/heuristics/pagetype-model.ts.
 *   tsx bench/train-pagetype.ts [--folds 5] [--no-write]
 * Validation is by site: each fold holds out whole domains (no site in both training and evaluation), and the
 * figures reported are on held-out folds. The news pages of the Zyte and fundus sets, all articles, are trained on
 * as articles (held out by site like the rest).
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { decode } from "../src/stages/decode.ts";
import { parse } from "../src/stages/parse.ts";
import { clean } from "../src/stages/clean.ts";
import { readMetadata } from "../src/metadata/index.ts";
import { signals } from "../src/stages/classify.ts";
import { Context } from "../src/context.ts";
import { PAGE_TYPES, type PageType } from "../src/heuristics/pagetypes.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const args = process.argv.slice(2);
const FOLDS = Number(args[args.indexOf("--folds") + 1]) || 5;
/** L2 penalty, learning rate and epochs of full-batch gradient descent: small data, a few hundred steps. */
const L2 = 0.01;
const RATE = 0.5;
const EPOCHS = 400;
/** --balanced: classes weighted inversely to their size. */
const BALANCED = args.includes("--balanced");
/** What each kind's extraction scores on each page (bench/wcxb.ts --as KIND, gathered): held-out predictions are weighed by it. */
const POLICY_F1 = existsSync(".bench-out/policy-f1.json") ? (JSON.parse(readFileSync(".bench-out/policy-f1.json", "utf8")) as Record<string, Record<string, number>>) : undefined;

/**
 * What a page is trained to be: its labelled kind, or with --target best the kind whose extraction scores best on
 * it (by POLICY_F1; the labelled kind when it is within `BEST_SLACK` of the best: no page is taught a kind for noise).
 */
const BEST = args.includes("--target") && args[args.indexOf("--target") + 1] === "best";
const BEST_SLACK = 0.02;
function target(id: string, kind: PageType): number {
  const f = POLICY_F1?.[id];
  if (!BEST || !f) return PAGE_TYPES.indexOf(kind);
  let best = kind;
  for (const t of PAGE_TYPES) if ((f[t] ?? 0) > (f[best] ?? 0) + BEST_SLACK) best = t;
  return PAGE_TYPES.indexOf(best);
}

function featuresOf(html: Buffer, url: string | undefined): Record<string, number> {
  const ctx = new Context({ url });
  const cleaned = clean(parse(decode(html, "text/html; charset=utf-8")), ctx);
  const meta = readMetadata({ doc: cleaned.doc, jsonld: cleaned.jsonld }, ctx);
  return signals(cleaned, meta, ctx).features;
}

const truth = JSON.parse(readFileSync(join(shared, "bench", "wcxb", "truth.json"), "utf8")) as Record<string, { url: string | null; pageType: PageType; domain: string }>;
const rows: { id: string; f: Record<string, number>; y: number; domain: string }[] = [];
for (const [id, t] of Object.entries(truth)) {
  const html = gunzipSync(readFileSync(join(shared, "bench", "wcxb", "html", `${id}.html.gz`)));
  rows.push({ id, f: featuresOf(html, t.url ?? undefined), y: target(id, t.pageType), domain: t.domain ?? id });
}
// The news pages of the Zyte and fundus sets are articles too: labelled examples of the kind a news crawler meets most.
const newsRows: typeof rows = [];
const zyte = join(shared, "bench", "zyte");
if (existsSync(zyte)) {
  const gt = JSON.parse(readFileSync(join(zyte, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
  for (const [id, t] of Object.entries(gt)) newsRows.push({ id: `zyte/${id}`, f: featuresOf(gunzipSync(readFileSync(join(zyte, "html", `${id}.html.gz`))), t.url), y: 0, domain: hostOf(t.url) });
}
const fundus = join(shared, "bench", "meta");
if (existsSync(fundus)) {
  const gt = JSON.parse(readFileSync(join(fundus, "fundus.json"), "utf8")) as Record<string, { url: string }>;
  for (const [id, t] of Object.entries(gt)) newsRows.push({ id: `fundus/${id}`, f: featuresOf(gunzipSync(readFileSync(join(fundus, "fundus-html", `${id}.html.gz`))), t.url), y: 0, domain: hostOf(t.url) });
}
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
const wcxbRows = rows.length;
rows.push(...newsRows);
const names = Object.keys(rows[0].f).sort();
const K = PAGE_TYPES.length;
const D = names.length;

interface Fit {
  mean: number[];
  std: number[];
  W: number[][];
  b: number[];
}

function fit(train: typeof rows): Fit {
  const mean = names.map((n) => train.reduce((a, r) => a + (r.f[n] ?? 0), 0) / train.length);
  const std = names.map((n, i) => Math.sqrt(train.reduce((a, r) => a + ((r.f[n] ?? 0) - mean[i]) ** 2, 0) / train.length) || 1);
  const X = train.map((r) => names.map((n, i) => ((r.f[n] ?? 0) - mean[i]) / std[i]));
  // Classes weighted inversely to their size: the rare kinds matter as much as articles.
  const count = new Array(K).fill(0);
  for (const r of train) count[r.y]++;
  const cw = count.map((c) => (c ? (BALANCED ? train.length / (K * c) : 1) : 0));
  const W = Array.from({ length: K }, () => new Array(D).fill(0));
  const b = new Array(K).fill(0);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gW = Array.from({ length: K }, () => new Array(D).fill(0));
    const gb = new Array(K).fill(0);
    let wsum = 0;
    for (let n = 0; n < X.length; n++) {
      const x = X[n];
      const z = W.map((w, k) => b[k] + w.reduce((a, wi, i) => a + wi * x[i], 0));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, v) => a + v, 0);
      const wt = cw[train[n].y];
      wsum += wt;
      for (let k = 0; k < K; k++) {
        const g = wt * (e[k] / s - (k === train[n].y ? 1 : 0));
        gb[k] += g;
        for (let i = 0; i < D; i++) gW[k][i] += g * x[i];
      }
    }
    for (let k = 0; k < K; k++) {
      b[k] -= (RATE * gb[k]) / wsum;
      for (let i = 0; i < D; i++) W[k][i] -= RATE * (gW[k][i] / wsum + L2 * W[k][i]);
    }
  }
  return { mean, std, W, b };
}

/** The kind with the highest score; another kind than article must beat article's by `margin`. */
function classOf(m: Fit, f: Record<string, number>, margin = 0): number {
  let best = 0;
  let bestZ = -Infinity;
  const z: number[] = [];
  for (let k = 0; k < K; k++) {
    z[k] = m.b[k];
    for (let i = 0; i < D; i++) z[k] += m.W[k][i] * (((f[names[i]] ?? 0) - m.mean[i]) / m.std[i]);
    if (z[k] > bestZ) {
      bestZ = z[k];
      best = k;
    }
  }
  return best !== 0 && bestZ - z[0] < margin ? 0 : best;
}
/** Margins tried; the one kept gives the best held-out body F1 with every held-out news page read as an article (news is what newsclip is for). */
const MARGINS = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4];

// Folds by site: a domain's pages all fall in one fold.
const domains = [...new Set(rows.map((r) => r.domain))].sort();
const foldOf = new Map(domains.map((d, i) => [d, hash(d) % FOLDS]));
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
const confusion = Array.from({ length: K }, () => new Array(K).fill(0));
let f1 = 0;
let newsHeldOut = 0;
const byMargin = MARGINS.map(() => ({ f1: 0, news: 0 }));
for (let fold = 0; fold < FOLDS; fold++) {
  const m = fit(rows.filter((r) => foldOf.get(r.domain) !== fold));
  for (const r of rows.filter((r) => foldOf.get(r.domain) === fold)) {
    MARGINS.forEach((margin, j) => {
      const k = classOf(m, r.f, margin);
      if (r.id.includes("/")) byMargin[j].news += +(k === 0);
      else if (POLICY_F1) byMargin[j].f1 += POLICY_F1[r.id]?.[PAGE_TYPES[k]] ?? 0;
    });
    const k = classOf(m, r.f);
    if (r.id.includes("/")) {
      if (k === 0) newsHeldOut++;
      continue;
    }
    confusion[r.y][k]++;
    if (POLICY_F1) f1 += POLICY_F1[r.id]?.[PAGE_TYPES[k]] ?? 0;
  }
}
if (POLICY_F1) console.log(`held-out body F1 with each page extracted as its predicted kind: ${(f1 / wcxbRows).toFixed(4)}`);
console.log(`held-out news pages read as articles: ${newsHeldOut} of ${newsRows.length}`);
let margin = 0;
let marginF1 = -1;
MARGINS.forEach((m, j) => {
  console.log(`  article margin ${m}: held-out body F1 ${(byMargin[j].f1 / wcxbRows).toFixed(4)}, news pages read as articles ${byMargin[j].news} of ${newsRows.length}`);
  if (byMargin[j].news === newsRows.length && byMargin[j].f1 > marginF1) {
    margin = m;
    marginF1 = byMargin[j].f1;
  }
});
console.log(`article margin kept: ${margin}`);
const correct = confusion.reduce((a, row, k) => a + row[k], 0);
console.log(`held-out accuracy by site (${FOLDS} folds): ${(correct / wcxbRows).toFixed(3)}`);
console.log("truth \\ predicted: " + PAGE_TYPES.map((t) => t.slice(0, 5).padStart(6)).join(""));
PAGE_TYPES.forEach((t, k) => console.log(t.padEnd(19) + confusion[k].map((n) => String(n).padStart(6)).join("")));

const final = fit(rows);
const model = {
  classes: PAGE_TYPES,
  features: names,
  mean: final.mean.map((v) => +v.toFixed(5)),
  std: final.std.map((v) => +v.toFixed(5)),
  weights: final.W.map((w) => w.map((v) => +v.toFixed(4))),
  bias: final.b.map((v) => +v.toFixed(4)),
  articleMargin: margin,
};

if (!args.includes("--no-write")) {
  writeFileSync(
    join(import.meta.dirname, "..", "src", "heuristics", "pagetype-model.ts"),
    `/** Generated by bench/train-pagetype.ts (softmax regression over classify's signals, ${wcxbRows} WCXB pages and ${newsRows.length} news pages; held-out accuracy by site ${(correct / wcxbRows).toFixed(3)}): do not edit by hand. */\nexport const PAGETYPE_MODEL = ${JSON.stringify(model)};\n`,
  );
  console.log("wrote src/heuristics/pagetype-model.ts");
}
