/**
 * JSON-LD: flattens arrays and @graph, resolves @id references, and picks the
 * page's main article among several (the one about this URL and headline).
 */
import { collapseSpace } from "../dom.ts";
import { decodeHTML } from "entities";
import { ARTICLE_TYPES, WEAK_ARTICLE_TYPES } from "../heuristics/meta.ts";
import { RESCUE } from "../heuristics/weights.ts";

export type Node = Record<string, unknown>;

export interface JsonLd {
  /** Every typed node found, in page order. */
  nodes: Node[];
  /** @id → node, for references like {"@id": "#author"}. */
  ids: Map<string, Node>;
  /** The main article, when one was found. */
  main?: Node;
  /** The WebPage/WebSite/Organization nodes, for site name and language. */
  site?: Node;
}

/** The node's @type as a list of plain type names. */
export function typesOf(n: Node): string[] {
  const t = n["@type"];
  const list = Array.isArray(t) ? t : t == null ? [] : [t];
  return list.filter((x): x is string => typeof x === "string").map((x) => x.replace(/^(?:https?:\/\/)?schema\.org\//, ""));
}

export function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Depth and count bounds: JSON-LD from the wild may be huge or cyclic once references are followed. */
const MAX_NODES = 2000;
const MAX_DEPTH = 6;

export function readJsonLd(roots: unknown[], hint: { url?: string; canonical?: string; headline?: string }): JsonLd {
  const nodes: Node[] = [];
  const ids = new Map<string, Node>();
  const visit = (v: unknown, depth: number, top: boolean): void => {
    if (nodes.length >= MAX_NODES || depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1, top);
      return;
    }
    if (!isNode(v)) return;
    if (typeof v["@id"] === "string" && Object.keys(v).length > 1 && !ids.has(v["@id"])) ids.set(v["@id"], v);
    if (v["@graph"]) visit(v["@graph"], depth + 1, true);
    if (typesOf(v).length && (top || depth <= 2)) nodes.push(v);
    // mainEntity / mainEntityOfPage may hold the article inside a WebPage.
    for (const k of ["mainEntity", "mainEntityOfPage", "itemListElement"]) if (isNode(v[k]) || Array.isArray(v[k])) visit(v[k], depth + 1, false);
  };
  for (const r of roots) visit(r, 0, true);

  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t) && !WEAK_ARTICLE_TYPES.has(t)));
  let pool = articles;
  if (!pool.length) pool = nodes.filter((n) => typesOf(n).some((t) => WEAK_ARTICLE_TYPES.has(t)) && (n.headline || n.datePublished));
  let main: Node | undefined;
  let best = -Infinity;
  pool.forEach((n, i) => {
    const s = scoreArticle(n, hint, ids) - i * 0.01;
    if (s > best) {
      best = s;
      main = n;
    }
  });
  const site = nodes.find((n) => typesOf(n).some((t) => t === "WebSite")) ?? nodes.find((n) => typesOf(n).some((t) => t === "NewsMediaOrganization" || t === "Organization"));
  return { nodes, ids, main, site };
}

function scoreArticle(n: Node, hint: { url?: string; canonical?: string; headline?: string }, ids: Map<string, Node>): number {
  let s = 0;
  const urls = [n.url, n.mainEntityOfPage, n["@id"]].flatMap((u) => (isNode(u) ? [u["@id"], u.url] : [u])).filter((u): u is string => typeof u === "string");
  const want = [hint.url, hint.canonical].filter((u): u is string => !!u).map(normUrl);
  if (urls.some((u) => want.includes(normUrl(u)))) s += 3;
  const h = str(n.headline) ?? str(n.name);
  if (h && hint.headline && fold(h) === fold(hint.headline)) s += 2;
  if (n.articleBody) s += 1;
  if (n.datePublished) s += 1;
  if (n.author) s += 0.5;
  void ids;
  return s;
}

function normUrl(u: string): string {
  return u.replace(/^https?:\/\/(?:www\.)?/i, "").replace(/[?#].*$/, "").replace(/\/+$/, "").toLowerCase();
}

function fold(s: string): string {
  return collapseSpace(s).trim().toLowerCase();
}

/** HTML character references: CMSs often write JSON-LD strings HTML-escaped ("Kohberger&#8217;s"). */
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** A plain string from a JSON-LD value (string, number, or the first string of an array / @value). */
export function str(v: unknown): string | undefined {
  if (typeof v === "string") return (ENTITY.test(v) ? decodeHTML(v) : v).trim() || undefined;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = str(x);
      if (s) return s;
    }
    return undefined;
  }
  if (isNode(v) && typeof v["@value"] === "string") return str(v["@value"]);
  return undefined;
}

/** Follows an {"@id"} reference to its full node. */
export function deref(v: unknown, ids: Map<string, Node>): unknown {
  if (isNode(v) && typeof v["@id"] === "string" && Object.keys(v).length === 1) return ids.get(v["@id"]) ?? v;
  return v;
}

/** A value as a list, references resolved. */
export function list(v: unknown, ids: Map<string, Node>): unknown[] {
  if (v == null) return [];
  const arr = Array.isArray(v) ? v : [v];
  return arr.map((x) => deref(x, ids));
}

const BODY_TYPES = /(?:^|\/)(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|WebPage)$/;

/** The longest `articleBody` of any article object in the JSON-LD (arrays and @graph included). */
export function longestArticleBody(jsonld: unknown[]): string | undefined {
  let best: string | undefined;
  const visit = (v: unknown, depth: number): void => {
    if (depth > RESCUE.maxJsonDepth || !v || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const type = o["@type"];
    const types = Array.isArray(type) ? type : [type];
    if (typeof o.articleBody === "string" && types.some((t) => typeof t === "string" && BODY_TYPES.test(t))) {
      if (!best || o.articleBody.length > best.length) best = o.articleBody;
    }
    for (const k of Object.keys(o)) if (k !== "articleBody") visit(o[k], depth + 1);
  };
  for (const x of jsonld) visit(x, 0);
  return best?.trim() || undefined;
}
