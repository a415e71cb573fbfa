/**
 * The text pipeline, in order. Each stage is its own module:
 *
 *   check → split → classify → locate → structure → serialise → learn
 *
 * Ordering constraints:
 * - classify before locate: the span search scores the labels.
 * - site memory is read in classify and written in learn, after the page
 *   is extracted: a page never teaches itself, and no input is read twice.
 */
import { Context, type ExtractOptions } from "../context.ts";
import type { Article } from "../article.ts";
import { assemble } from "../assemble.ts";
import { serialise } from "../stages/serialise.ts";
import { check } from "./check.ts";
import { split } from "./split.ts";
import { classify, lineKey } from "./classify.ts";
import { locate } from "./locate.ts";
import { structure } from "./structure.ts";
import { SiteMemory } from "./memory.ts";
import { MEMORY } from "../heuristics/text-memory.ts";

export interface TextOptions extends ExtractOptions {
  /** Shared across a batch: lines recurring on a site's pages are learnt as furniture. */
  memory?: SiteMemory;
}

export function textPipeline(input: string, options: TextOptions = {}): Article {
  const ctx = new Context(options);
  const text = ctx.time("check", () => check(input, options.maxBytes));
  const lines = ctx.time("split", () => split(text));
  const host = options.memory ? SiteMemory.host(ctx.url) : undefined;
  const mem = options.memory && host ? { site: options.memory, host } : undefined;
  const labelled = ctx.time("classify", () => classify(lines, mem));
  if (mem) forgetIfRepeat(labelled);
  const located = ctx.time("locate", () => locate(labelled, ctx.url));
  const { meta, blocks } = ctx.time("structure", () => structure(located, ctx));
  const out = ctx.time("serialise", () => serialise(blocks));
  if (mem) ctx.time("learn", () => mem.site.learn(mem.host, lines.map((l) => lineKey(l.text)), ctx.url));
  // The url is the caller's: scraped text names none of its own.
  const article = assemble({ ...meta, url: ctx.url }, blocks, out, ctx);
  if (ctx.explain) article.explain = { removals: ctx.removals, timings: round(ctx.timings), rescues: ctx.rescues };
  return article;
}

/** A text whose prose is mostly known is the same story seen again (or syndicated): memory must not erase it. */
function forgetIfRepeat(lines: ReturnType<typeof classify>): void {
  let prose = 0;
  let known = 0;
  for (const l of lines) {
    if (l.kind !== "prose") continue;
    prose += l.weight;
    if (l.known) known += l.weight;
  }
  if (prose && known > prose * MEMORY.maxKnownProse) for (const l of lines) l.known = false;
}

function round(t: Record<string, number>): Record<string, number> {
  const r: Record<string, number> = {};
  for (const k of Object.keys(t)) r[k] = Math.round(t[k] * 1000) / 1000;
  return r;
}
