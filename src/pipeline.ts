/**
 * The HTML pipeline, in order. Each stage is a function from one typed value
 * to the next, in its own module under stages/.
 *
 *   decode → parse → clean → metadata → locate → prune → structure → rescue → reconcile → serialise
 *
 * Ordering constraints:
 * - clean before metadata: clean harvests JSON-LD and hydration JSON from the
 *   scripts it removes; metadata reads them.
 * - metadata before locate/prune: prune deletes bylines, dates and key-point
 *   boxes from the body, which metadata must have read first.
 * - rescue after structure: it compares the structured body against the
 *   article text carried in JSON.
 */
import type { Article } from "./article.ts";
import { Context, type ExtractOptions } from "./context.ts";
import { decode } from "./stages/decode.ts";
import { parse } from "./stages/parse.ts";
import { clean } from "./stages/clean.ts";
import { classify } from "./stages/classify.ts";
import { locate } from "./stages/locate.ts";
import { prune } from "./stages/prune.ts";
import { structure } from "./stages/structure.ts";
import { rescue } from "./stages/rescue.ts";
import { serialise } from "./stages/serialise.ts";
import { readMetadata, reconcile, type Metadata } from "./metadata/index.ts";
import { NewsclipError } from "./errors.ts";
import { assemble } from "./assemble.ts";
import { teardown } from "./dom.ts";
import { keepShape } from "./shapes.ts";
import { within, timeoutOption } from "./deadline.ts";

export function extractHtml(input: Uint8Array | string, options: ExtractOptions = {}): Article {
  if (input == null) throw new NewsclipError("EMPTY_INPUT");
  try {
    return within(timeoutOption(options.timeoutMs), () => run(input, options));
  } catch (err) {
    if (err instanceof NewsclipError) throw err;
    // A bug of ours must still reach callers as a typed error, with its cause.
    throw new NewsclipError("INTERNAL", err instanceof Error ? err.message : String(err), { cause: err });
  }
}

function run(input: Uint8Array | string, options: ExtractOptions): Article {
  const ctx = new Context(options);
  const decoded = ctx.time("decode", () => decode(input, options.contentType, options.maxBytes, { defer: true }));
  if (decoded.undoubled) ctx.rescued("decode:undoubled", "the page's UTF-8 was encoded twice (\"â€™\" for \"’\"): its bytes were read once more");
  const parsed = ctx.time("parse", () => parse(decoded));
  if (parsed.rebuilt) ctx.rescued("parse:rebuilt", `${parsed.broken}: parsed again with HTML5 tree construction (parse5)`);
  const cleaned = ctx.time("clean", () => clean(parsed, ctx));
  const meta = ctx.time("metadata", () => readMetadata({ doc: cleaned.doc, jsonld: cleaned.jsonld }, ctx));
  const kind = options.pageType ? { type: options.pageType, source: "caller" as const, evidence: ["given by the caller"] } : ctx.time("classify", () => classify(cleaned, meta, ctx));
  let located = ctx.time("locate", () => locate(cleaned, ctx, meta.title, kind));
  let shape = kind;
  // A page classified as a story whose best block is a small part of its main region (a company page, a list with
  // prose) is read as a page of many parts, as a service page is; its metadata stays a story's.
  if (located.partial && kind.type === "article" && kind.source !== "caller") {
    shape = { ...kind, type: "service" };
    ctx.rescued("locate:partial", `the story block ${located.path} holds under half of the page's story text: the main region is read`);
    located = ctx.time("locate", () => locate(cleaned, ctx, meta.title, shape));
  }
  const pruned = ctx.time("prune", () => prune(located, meta, ctx, shape));
  const structured = ctx.time("structure", () => structure(pruned, meta, ctx, shape.type));
  const rescued = ctx.time("rescue", () => rescue(structured, cleaned, meta, ctx, kind));
  const final = ctx.time("reconcile", () => reconcile(meta, rescued.blocks, ctx, rescued.bylines, kind.type));
  const out = ctx.time("serialise", () => serialise(rescued.blocks));
  const article = assemble(final, rescued.blocks, out, ctx);
  article.pageType = kind.type;
  if (kind.evidence.length) article.evidence.pageType = { source: kind.source, raw: kind.evidence.join("; ").slice(0, 300), confidence: kind.type === "article" ? 0.8 : 0.7 };
  // The page's tree is garbage from here: unlinked, so that its nodes promoted to the old generation do not keep the
  // rest of it alive through the young-generation collections to come (see teardown).
  teardown(cleaned.doc);
  keepShape("context", ctx);
  located.stats.clear();
  keepShape("stats", located.stats);
  if (ctx.explain) {
    article.explain = {
      removals: ctx.removals,
      timings: roundTimings(ctx.timings),
      rescues: ctx.rescues,
      encoding: { charset: decoded.charset, source: decoded.source },
      container: located.path,
    };
  }
  return article;
}

function roundTimings(t: Record<string, number>): Record<string, number> {
  const r: Record<string, number> = {};
  for (const k of Object.keys(t)) r[k] = Math.round(t[k] * 1000) / 1000;
  return r;
}
