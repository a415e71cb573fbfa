/**
 * Metadata stage: reads the page's own statements about the article
 * (JSON-LD, microdata, OpenGraph, <meta>, bylines, <time>, URL) and
 * reconciles them. (Placeholder: a fuller reader lands with issue 4.)
 */
import type { Document } from "domhandler";
import type { Article, Block, Evidence } from "../article.ts";
import type { Context } from "../context.ts";
import { findFirst, cleanText } from "../dom.ts";

/** Everything of the Article that is not the body. */
export type Metadata = Omit<Article, "schemaVersion" | "text" | "markdown" | "html" | "blocks" | "wordCount" | "readingTimeMinutes" | "explain" | "evidence" | "authors"> & {
  authors: Article["authors"];
  evidence: Record<string, Evidence>;
  /** JSON-LD articleBody, when the page carries one: used by rescue and the paywall check. */
  articleBody?: string;
};

export interface MetaInput {
  doc: Document;
  jsonld: unknown[];
}

export function readMetadata(input: MetaInput, ctx: Context): Metadata {
  const h1 = findFirst(input.doc, (el) => el.name === "h1");
  const title = h1 ? cleanText(h1) : undefined;
  return { url: ctx.url, title: title || undefined, authors: [], evidence: {} };
}

/** After the body is known: lead image, paywall, anything needing the blocks. */
export function reconcile(meta: Metadata, blocks: Block[], ctx: Context): Metadata {
  void blocks;
  void ctx;
  return meta;
}
