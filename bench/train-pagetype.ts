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
import { REWRITES } from "./rewrites.ts";

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

/**
 * --augment old,noclass: every page is also trained on as each rewrite makes it (bench/rewrites.ts), same kind, same
 * site (so a site's rewrites fall in its fold): the model learns not to lean on what other pages lack (HTML5 tags,
 * class names). Held-out figures are given for the pages as they are and as rewritten.
 */
const AUGMENT = args.includes("--augment") ? args[args.indexOf("--augment") + 1].split(",") : [];
/** --probe: the rewrites are held-out figures only, not trained on (what the model as trained without them does with them). */
const PROBE = args.includes("--probe");
const trained = (r: { rewrite?: string }): boolean => !PROBE || !r.rewrite;

function featuresOf(html: Buffer | string, url: string | undefined): Record<string, number> {
  const ctx = new Context({ url });
  const cleaned = clean(parse(decode(html, "text/html; charset=utf-8")), ctx);
  const meta = readMetadata({ doc: cleaned.doc, jsonld: cleaned.jsonld }, ctx);
  return signals(cleaned, meta, ctx).features;
}

const truth = JSON.parse(readFileSync(join(shared, "bench", "wcxb", "truth.json"), "utf8")) as Record<string, { url: string | null; pageType: PageType; domain: string }>;
const rows: { id: string; f: Record<string, number>; y: number; domain: string; rewrite?: string }[] = [];
const augmented: typeof rows = [];
for (const [id, t] of Object.entries(truth)) {
  const html = gunzipSync(readFileSync(join(shared, "bench", "wcxb", "html", `${id}.html.gz`)));
  const row = { id, f: featuresOf(html, t.url ?? undefined), y: target(id, t.pageType), domain: t.domain ?? id };
  rows.push(row);
  for (const r of AUGMENT) augmented.push({ ...row, f: featuresOf(REWRITES[r](html.toString("utf8")), t.url ?? undefined), rewrite: r });
}
// The news pages of the Zyte and fundus sets are articles too: labelled examples of the kind a news crawler meets most.
const newsRows: typeof rows = [];
const zyte = join(shared, "bench", "zyte");
if (existsSync(zyte)) {
  const gt = JSON.parse(readFileSync(join(zyte, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
  for (const [id, t] of Object.entries(gt)) newsRows.push(...withRewrites(`zyte/${id}`, gunzipSync(readFileSync(join(zyte, "html", `${id}.html.gz`))), t.url));
}
const fundus = join(shared, "bench", "meta");
if (existsSync(fundus)) {
  const gt = JSON.parse(readFileSync(join(fundus, "fundus.json"), "utf8")) as Record<string, { url: string }>;
  for (const [id, t] of Object.entries(gt)) newsRows.push(...withRewrites(`fundus/${id}`, gunzipSync(readFileSync(join(fundus, "fundus-html", `${id}.html.gz`))), t.url));
}
/** A news page as an article row, and its rewrites. */
function withRewrites(id: string, html: Buffer, url: string): typeof rows {
  const row = { id, f: featuresOf(html, url), y: 0, domain: hostOf(url) };
  return [row, ...AUGMENT.map((r) => ({ ...row, f: featuresOf(REWRITES[r](html.toString("utf8")), url), rewrite: r }))];
}
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
const wcxbRows = rows.length;
rows.push(...newsRows, ...augmented);
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
// Held-out figures by version of the pages: as they are, and as each rewrite makes them (scored with the kind costs
// of the page as it is: what the rewrite changes is the decision).
const versions = ["as is", ...AUGMENT];
const versionOf = (r: (typeof rows)[number]): string => r.rewrite ?? "as is";
const confusion = Array.from({ length: K }, () => new Array(K).fill(0));
const held = Object.fromEntries(versions.map((v) => [v, { f1: 0, correct: 0, pages: 0, news: 0, newsPages: 0 }]));
const byMargin = MARGINS.map(() => Object.fromEntries(versions.map((v) => [v, { f1: 0, news: 0 }])));
for (let fold = 0; fold < FOLDS; fold++) {
  const m = fit(rows.filter((r) => foldOf.get(r.domain) !== fold && trained(r)));
  for (const r of rows.filter((r) => foldOf.get(r.domain) === fold)) {
    const v = versionOf(r);
    const news = r.id.includes("/");
    MARGINS.forEach((margin, j) => {
      const k = classOf(m, r.f, margin);
      if (news) byMargin[j][v].news += +(k === 0);
      else if (POLICY_F1) byMargin[j][v].f1 += POLICY_F1[r.id]?.[PAGE_TYPES[k]] ?? 0;
    });
    const k = classOf(m, r.f);
    const h = held[v];
    if (news) {
      h.newsPages++;
      h.news += +(k === 0);
      continue;
    }
    h.pages++;
    h.correct += +(k === r.y);
    if (v === "as is") confusion[r.y][k]++;
    if (POLICY_F1) h.f1 += POLICY_F1[r.id]?.[PAGE_TYPES[k]] ?? 0;
  }
}
for (const v of versions) {
  const h = held[v];
  console.log(`${v}: held-out accuracy by site ${(h.correct / h.pages).toFixed(3)}${POLICY_F1 ? `, body F1 as predicted ${(h.f1 / h.pages).toFixed(4)}` : ""}, news read as articles ${h.news} of ${h.newsPages}`);
}
// The margin kept: the best held-out body F1 over every version, with every news page as it is read as an article.
let margin = 0;
let marginF1 = -1;
const newsAsIs = held["as is"].newsPages;
MARGINS.forEach((m, j) => {
  const f = versions.reduce((a, v) => a + byMargin[j][v].f1, 0) / versions.length / wcxbRows;
  console.log(`  article margin ${m}: held-out body F1 ${f.toFixed(4)} (${versions.map((v) => (byMargin[j][v].f1 / wcxbRows).toFixed(4)).join(" / ")}), news pages read as articles ${versions.map((v) => byMargin[j][v].news).join(" / ")} of ${newsAsIs}`);
  if (byMargin[j]["as is"].news === newsAsIs && f > marginF1) {
    margin = m;
    marginF1 = f;
  }
});
console.log(`article margin kept: ${margin}`);
const correct = held["as is"].correct;
console.log(`held-out accuracy by site (${FOLDS} folds): ${(correct / wcxbRows).toFixed(3)}`);
console.log("truth \\ predicted: " + PAGE_TYPES.map((t) => t.slice(0, 5).padStart(6)).join(""));
PAGE_TYPES.forEach((t, k) => console.log(t.padEnd(19) + confusion[k].map((n) => String(n).padStart(6)).join("")));

const final = fit(rows.filter(trained));
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
    `/** Generated by bench/train-pagetype.ts (softmax regression over classify's signals, ${wcxbRows} WCXB pages and ${held["as is"].newsPages} news pages${AUGMENT.length ? `, each also as rewritten (${AUGMENT.join(", ")})` : ""}; held-out accuracy by site ${(correct / wcxbRows).toFixed(3)}): do not edit by hand. */\nexport const PAGETYPE_MODEL = ${JSON.stringify(model)};\n`,
  );
  console.log("wrote src/heuristics/pagetype-model.ts");
}
