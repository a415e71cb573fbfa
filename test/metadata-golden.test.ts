/**
 * Golden metadata for invented pages, one per hard case (bylines with agencies,
 * dates in six languages and in the URL only, a newer related card, JSON-LD
 * @graph with several articles, a paywalled teaser, a live blog, lazy
 * picture/srcset images with captions, a key-points box).
 * Expected fields live beside each page as <name>.json; UPDATE_GOLDEN=1 rewrites them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { extract, type Article } from "../src/index.ts";

const dir = join(import.meta.dirname, "fixtures", "meta");
const update = process.env.UPDATE_GOLDEN === "1";

/** The metadata fields of an Article: everything but the body. */
export const META_FIELDS = [
  "title", "standfirst", "keyPoints", "description", "authors", "agencies", "organization", "published", "modified", "siteName", "lang",
  "canonicalUrl", "section", "tags", "leadImage", "type", "isAccessibleForFree", "paywalled", "evidence",
] as const;

export function fixtureUrl(name: string, html: string): string {
  return /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1] ?? `https://news.example.com/story/${name}`;
}

export function metaOf(a: Article): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of META_FIELDS) if (a[k] !== undefined) out[k] = a[k];
  return out;
}

for (const file of readdirSync(dir).filter((f) => f.endsWith(".html")).sort()) {
  const name = file.slice(0, -5);
  test(`metadata golden: ${name}`, () => {
    const html = readFileSync(join(dir, file), "utf8");
    const got = metaOf(extract(Buffer.from(html), { url: fixtureUrl(name, html) }));
    const path = join(dir, `${name}.json`);
    if (update) {
      writeFileSync(path, JSON.stringify(got, null, 2) + "\n");
      return;
    }
    assert.ok(existsSync(path), `${name}.json is missing: run UPDATE_GOLDEN=1 npx tsx --test test/metadata-golden.test.ts and review it`);
    assert.deepEqual(got, JSON.parse(readFileSync(path, "utf8")));
  });
}
