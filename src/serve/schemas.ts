/**
 * JSON schemas of the API. The same objects validate requests (fastify/ajv)
 * and make /openapi.json, so the document cannot drift from the server.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ERROR_CODES } from "../errors.ts";

const urlString = { type: "string", minLength: 1, maxLength: 4096, description: "An http(s) URL." } as const;

export const extractJson = {
  type: "object",
  description: "Exactly one of html, text or url. With html or text, url is the page URL (base for links, a metadata source); alone, url is fetched.",
  properties: {
    html: { type: "string", description: "The page HTML." },
    text: { type: "string", description: "Already-scraped page text (text mode)." },
    url: urlString,
    contentType: { type: "string", maxLength: 200, description: "The page's HTTP Content-Type, when known (its charset is used)." },
    explain: { type: "boolean", description: "Include article.explain: every removal with its reason, and stage timings." },
    save: { type: "boolean", description: "Save the article in the archive (default: true when the server has --store)." },
  },
  additionalProperties: false,
  anyOf: [{ required: ["html"] }, { required: ["text"] }, { required: ["url"] }],
} as const;

export const extractQuery = {
  type: "object",
  properties: {
    url: { ...urlString, description: "The page URL of a raw HTML body." },
    explain: { type: "boolean" },
    save: { type: "boolean" },
  },
} as const;

export const rawBody = {
  type: "string",
  format: "binary",
  description: "The page as sent by its server (any charset: the Content-Type charset, the page's <meta> or detection decide).",
} as const;

export const listQuery = {
  type: "object",
  properties: {
    q: { type: "string", maxLength: 500, description: 'Words to find (all must match); "a phrase", word* for a prefix, OR.' },
    site: { type: "string", maxLength: 253, description: "Host name (subdomains included) or site name." },
    since: { type: "string", maxLength: 40, description: "Published at or after this date (ISO 8601)." },
    author: { type: "string", maxLength: 200, description: "Part of an author's name, any case." },
    limit: { type: "integer", minimum: 1, maximum: 100, default: 20 },
    cursor: { type: "string", maxLength: 200, description: "The `next` value of the previous page." },
  },
} as const;

export const idParams = {
  type: "object",
  properties: { id: { type: "integer", minimum: 1 } },
  required: ["id"],
} as const;

export const hit = {
  type: "object",
  properties: {
    id: { type: "integer" },
    url: { type: "string" },
    title: { type: "string" },
    siteName: { type: "string" },
    site: { type: "string" },
    authors: { type: "array", items: { type: "string" } },
    published: { type: "string" },
    wordCount: { type: "integer" },
    score: { type: "number", description: "bm25: lower is better." },
    snippet: { type: "string" },
    snippetHtml: { type: "string", description: "The snippet HTML-escaped, with matches in <mark>." },
    savedAt: { type: "string" },
  },
  required: ["id", "authors", "wordCount", "savedAt"],
} as const;

export const hits = {
  type: "object",
  properties: {
    hits: { type: "array", items: { $ref: "#/components/schemas/Hit" } },
    next: { type: "string" },
    total: { type: "integer" },
  },
  required: ["hits"],
} as const;

export const problem = {
  type: "object",
  description: "RFC 9457 problem details; `code` is the engine's error code.",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    code: { type: "string", enum: Object.keys(ERROR_CODES) },
  },
  required: ["type", "title", "status", "code"],
} as const;

export const health = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["ok"] },
    threads: { type: "integer" },
    queued: { type: "integer" },
    articles: { type: "integer" },
  },
} as const;

/** The Article schema built by `npm run schema:build`, when present; a plain object otherwise. */
export function articleSchema(): { schema: object; defs: Record<string, object> } {
  const file = join(import.meta.dirname, "..", "..", "schema", "article.schema.json");
  if (existsSync(file)) {
    try {
      const s = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      const { $schema: _s, $id: _i, definitions, $defs, ...rest } = s;
      void _s;
      void _i;
      const defs = (definitions ?? $defs) as Record<string, unknown> | undefined;
      // Point the generated definitions' refs at OpenAPI components.
      const text = JSON.stringify({ rest, defs }).replace(/"#\/(definitions|\$defs)\//g, '"#/components/schemas/');
      const parsed = JSON.parse(text) as { rest: object; defs?: Record<string, object> };
      return { schema: parsed.rest, defs: parsed.defs ?? {} };
    } catch {
      // fall through to the loose schema
    }
  }
  return { schema: { type: "object", description: "An Article: see schema/article.schema.json." }, defs: {} };
}
