/**
 * The crawl's URL classifier against a labelled list of real URLs, built from
 * the development corpora in ../shared/bench (nothing of it is committed):
 *
 * - page URLs, labelled by the corpora: every Zyte, fundus and dates page is
 *   a news article (that is what those sets are); a WCXB page is an article
 *   when WCXB's pageType says so, else not (service, forum, product,
 *   collection, listing, documentation);
 * - links found in those pages, labelled by the page's own markup: items of
 *   a JSON-LD BreadcrumbList other than the last (the page itself) are
 *   sections; <a rel="tag"> are tag pages; <a rel="author"> are author pages.
 *   These are not articles.
 *
 * The classifier sees the URL only (no anchor text, no rel, no place on the
 * page), so the rel labels do not grade the rel rule against itself.
 *
 *   npm run bench:crawl-urls      → .bench-out/crawl-urls.jsonl and a report
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import { classify, normalise } from "../src/crawl/urls.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const bench = join(shared, "bench");

type Label = "article" | "not-article";
interface Item {
  url: string;
  label: Label;
  source: string;
}

const items = new Map<string, Item>();
const conflicts = new Set<string>();

function add(raw: string, label: Label, source: string, base?: string): void {
  const url = normalise(raw, base);
  if (!url) return;
  const had = items.get(url);
  if (had && had.label !== label) conflicts.add(url);
  if (!had) items.set(url, { url, label, source });
}

function html(file: string): string {
  return gunzipSync(readFileSync(file)).toString("utf8");
}

/** Breadcrumb items (not the last) and rel=tag / rel=author anchors of one page. */
function linksOf(page: string, base: string, corpus: string): void {
  for (const m of page.matchAll(/<script[^>]*type=["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi)) {
    let data: unknown;
    try {
      data = JSON.parse(m[1].trim());
    } catch {
      continue;
    }
    walk(data, (o) => {
      if (o["@type"] !== "BreadcrumbList" || !Array.isArray(o.itemListElement)) return;
      const list = (o.itemListElement as Record<string, unknown>[]).slice().sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0));
      for (const el of list.slice(0, -1)) {
        const item = el.item as string | Record<string, unknown> | undefined;
        const u = typeof item === "string" ? item : ((item?.["@id"] ?? item?.url ?? el.url) as string | undefined);
        if (typeof u === "string") add(u, "not-article", `${corpus}:breadcrumb`, base);
      }
    });
  }
  const p = new Parser({
    onopentag(name, a) {
      if (name !== "a" || !a.href || !a.rel) return;
      const rel = a.rel.toLowerCase().split(/\s+/);
      if (rel.includes("tag")) add(a.href, "not-article", `${corpus}:rel-tag`, base);
      else if (rel.includes("author")) add(a.href, "not-article", `${corpus}:rel-author`, base);
    },
  });
  p.end(page);
}

function walk(v: unknown, f: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(v)) for (const x of v) walk(x, f);
  else if (v && typeof v === "object") {
    f(v as Record<string, unknown>);
    for (const x of Object.values(v)) walk(x, f);
  }
}

// Zyte: 181 news and blog articles.
const zyte = JSON.parse(readFileSync(join(bench, "zyte", "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
for (const [id, t] of Object.entries(zyte)) {
  add(t.url, "article", "zyte:page");
  linksOf(html(join(bench, "zyte", "html", `${id}.html.gz`)), t.url, "zyte");
}
// fundus: 258 news articles.
const fundus = JSON.parse(readFileSync(join(bench, "meta", "fundus.json"), "utf8")) as Record<string, { url: string }>;
for (const [id, t] of Object.entries(fundus)) {
  add(t.url, "article", "fundus:page");
  const f = join(bench, "meta", "fundus-html", `${id}.html.gz`);
  if (existsSync(f)) linksOf(html(f), t.url, "fundus");
}
// dates: 200 world news articles.
const dates = JSON.parse(readFileSync(join(bench, "meta", "dates.json"), "utf8")) as Record<string, { url: string }>;
for (const [id, t] of Object.entries(dates)) {
  add(t.url, "article", "dates:page");
  const f = join(bench, "meta", "dates-html", `${id}.html.gz`);
  if (existsSync(f)) linksOf(html(f), t.url, "dates");
}
// WCXB: 1,356 pages of seven types.
const wcxb = JSON.parse(readFileSync(join(bench, "wcxb", "truth.json"), "utf8")) as Record<string, { url: string; pageType: string }>;
for (const [id, t] of Object.entries(wcxb)) {
  add(t.url, t.pageType === "article" ? "article" : "not-article", t.pageType === "article" ? "wcxb:page-article" : `wcxb:page-${t.pageType}`);
  linksOf(html(join(bench, "wcxb", "html", `${id}.html.gz`)), t.url, "wcxb");
}
for (const u of conflicts) items.delete(u);

interface Scored extends Item {
  kind: string;
  reason: string;
}
const scored: Scored[] = [...items.values()].map((it) => {
  const c = classify(it.url);
  return { ...it, kind: c.kind, reason: c.reason };
});
mkdirSync(".bench-out", { recursive: true });
writeFileSync(".bench-out/crawl-urls.jsonl", scored.map((s) => JSON.stringify(s)).join("\n") + "\n");

function pr(list: Scored[]) {
  const tp = list.filter((s) => s.label === "article" && s.kind === "article").length;
  const fp = list.filter((s) => s.label !== "article" && s.kind === "article").length;
  const fn = list.filter((s) => s.label === "article" && s.kind !== "article").length;
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { n: list.length, tp, fp, fn, precision: p, recall: r, f1: (2 * p * r) / (p + r || 1) };
}

const all = pr(scored);
const f = (x: number) => x.toFixed(3);
console.log(`labelled URLs: ${scored.length} (${scored.filter((s) => s.label === "article").length} articles, ${scored.filter((s) => s.label !== "article").length} not), ${conflicts.size} dropped for conflicting labels`);
console.log(`article class, URL only: precision ${f(all.precision)}, recall ${f(all.recall)}, F1 ${f(all.f1)} (tp ${all.tp}, fp ${all.fp}, fn ${all.fn})`);
const groups = new Map<string, Scored[]>();
for (const s of scored) groups.set(s.source.replace(/^[a-z]+:(?=(breadcrumb|rel-))/, "links:"), [...(groups.get(s.source.replace(/^[a-z]+:(?=(breadcrumb|rel-))/, "links:")) ?? []), s]);
console.log("\nby source                 n    as article  as section  as other/feed/sitemap");
for (const [k, list] of [...groups].sort()) {
  const n = list.length;
  const c = (kind: string) => list.filter((s) => s.kind === kind).length;
  console.log(`${k.padEnd(24)} ${String(n).padStart(5)}  ${f(c("article") / n).padStart(10)}  ${f(c("section") / n).padStart(10)}  ${f((n - c("article") - c("section")) / n).padStart(10)}`);
}
const reasons = new Map<string, number>();
for (const s of scored) if (s.label === "article" && s.kind !== "article") reasons.set(`${s.kind}: ${s.reason}`, (reasons.get(`${s.kind}: ${s.reason}`) ?? 0) + 1);
console.log("\nmissed articles, by the rule that decided:");
for (const [r, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(n).padStart(4)}  ${r}`);
const wrong = new Map<string, number>();
for (const s of scored) if (s.label !== "article" && s.kind === "article") wrong.set(s.reason, (wrong.get(s.reason) ?? 0) + 1);
console.log("\nnon-articles taken for articles, by rule:");
for (const [r, n] of [...wrong].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(n).padStart(4)}  ${r}`);
void readdirSync;
