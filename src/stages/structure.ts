/**
 * Stage 6, structure: the pruned content element → our typed blocks, in
 * reading order. Inline runs become paragraphs; block elements found inside
 * inline ones (a <div> in an <a>) close the paragraph and open a block.
 *
 * The walk (HTML → blocks) is in structure/walk.ts; the pictures around it (the lead figure or gallery above the
 * body, writers' portraits, alt-text captions) in structure/figures.ts; the other passes over the block list in
 * structure/tidy.ts. structure() below runs them, in their order.
 */
import type { Block, PageType } from "../article.ts";
import { keepShape } from "../shapes.ts";
import type { Context } from "../context.ts";
import type { ParentNode } from "../dom.ts";
import type { Pruned } from "./prune.ts";
import type { Metadata } from "../metadata/index.ts";
import { POLICY } from "../heuristics/pagetypes.ts";
import { Builder } from "./structure/walk.ts";
import { altCaptions, dropPortraits, leadFigure } from "./structure/figures.ts";
import { boldHeadings, dropAuthorBox, dropDangling, dropDoubled, dropLinkRows, dropPromoTail, dropRepeated, dropTitle, dropWordless, nameLines } from "./structure/tidy.ts";

export interface Structured {
  blocks: Block[];
  /** Name-only lines taken off the body's first or last blocks: a byline printed as a paragraph. */
  bylines?: string[];
}

export function structure(pruned: Pruned, meta: Metadata, ctx: Context, kind: PageType = "article"): Structured {
  const b = new Builder(ctx);
  // Alive as its kind's until the next page (see shapes.ts): it holds this page's blocks, which the article holds too.
  keepShape("builder", b);
  for (const part of pruned.parts) {
    b.container(part);
    b.flush();
  }
  b.flush();
  let blocks = altCaptions(b.blocks, ctx);
  // Where links are what the page is made of (a listing, a docs index), a row of them is content.
  if (!POLICY[kind].keep.includes("link-list")) blocks = dropLinkRows(blocks, meta, ctx, kind === "article");
  blocks = dropWordless(blocks, ctx);
  blocks = dropDoubled(blocks, ctx);
  blocks = dropRepeated(blocks, meta, ctx);
  blocks = dropTitle(blocks, meta, ctx);
  blocks = dropPortraits(blocks, meta, ctx);
  blocks = boldHeadings(blocks, meta);
  // The story's end: the writer's box, a sign-up pitch, then headings left heading nothing.
  blocks = dropAuthorBox(blocks, meta, ctx);
  blocks = dropPromoTail(blocks, ctx);
  blocks = dropDangling(blocks, ctx);
  const bylines = nameLines(blocks, meta, ctx);
  return { blocks: [...leadFigure(pruned.parts[0], blocks, ctx), ...blocks], ...(bylines.length ? { bylines } : {}) };
}

/** Blocks of any fragment (used by rescue for HTML found in page data). */
export function structureNodes(root: ParentNode, ctx: Context): Block[] {
  const b = new Builder(ctx);
  b.container(root);
  b.flush();
  return b.blocks;
}
