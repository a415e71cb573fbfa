/**
 * Golden tests over our own fixture pages (test/fixtures/html/*.html and the
 * bundled examples/article.html).
 *
 * Two kinds of truth per page:
 * - `<name>.expect.json`, written by hand: what must hold whatever the
 *   engine's details (lede and last paragraph kept, furniture gone, blocks
 *   of the right kind). See test/fixtures/html/README.md for the format.
 * - `test/golden/<name>.json`: the whole Article (minus `explain`) as last
 *   reviewed. Any change in output shows up as a diff here; after reviewing
 *   it, `npm run golden:update` rewrites the files. A missing golden fails.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { extract, type Article, type Block } from "../src/index.ts";

const root = join(import.meta.dirname, "..");
const fixtureDir = join(root, "test", "fixtures", "html");
const goldenDir = join(root, "test", "golden");
const update = process.env.UPDATE_GOLDEN === "1";

/** A partial description of one block; blocks are matched in order, as a subsequence. */
type BlockSpec = { type: Block["type"] } & Record<string, unknown>;

interface Expect {
  url: string;
  contentType?: string;
  title?: string;
  /** The body text begins with this (the lede: nothing before it). */
  startsWith?: string;
  /** The body text ends with this (the last paragraph: nothing after it). */
  endsWith?: string;
  mustContain?: string[];
  /** Checked against the text and the Markdown (which carries captions). */
  mustNotContain?: string[];
  /** Checked against the sanitised HTML. */
  htmlMustNotContain?: string[];
  /** Exact Markdown that must appear (inline code, links, emphasis with their spaces right). */
  markdownMustContain?: string[];
  blocks?: BlockSpec[];
  /** Checks known to fail today, by check name, with why: reported as node:test todos. */
  todo?: Partial<Record<Check, string>>;
}

type Check = "title" | "startsWith" | "endsWith" | "mustContain" | "mustNotContain" | "htmlMustNotContain" | "markdownMustContain" | "blocks";

interface Fixture {
  name: string;
  file: string;
  expect: Expect;
}

function fixtures(): Fixture[] {
  const list: Fixture[] = readdirSync(fixtureDir)
    .filter((f) => f.endsWith(".html"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -5);
      return { name, file: join(fixtureDir, f), expect: readExpect(name) };
    });
  // The page the README's first command extracts is checked like any fixture.
  list.push({ name: "example-article", file: join(root, "examples", "article.html"), expect: readExpect("example-article") });
  return list;
}

function readExpect(name: string): Expect {
  const path = join(fixtureDir, `${name}.expect.json`);
  if (!existsSync(path)) throw new Error(`fixture ${name} has no ${name}.expect.json`);
  return JSON.parse(readFileSync(path, "utf8")) as Expect;
}

/** Stable JSON of the article: `explain` holds timings, which change every run. */
function goldenOf(a: Article): string {
  const { explain: _explain, ...rest } = a;
  void _explain;
  return JSON.stringify(rest, null, 2) + "\n";
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

function includes(hay: string | undefined, needle: string): boolean {
  return hay !== undefined && squash(hay).includes(squash(needle));
}

function listTexts(items: { text: string; list?: { items: unknown[] } }[]): string[] {
  return items.map((i) => i.text);
}

/** Why `block` does not fit `spec`, or "" when it does. */
function mismatch(block: Block, spec: BlockSpec): string {
  if (block.type !== spec.type) return `type ${block.type}`;
  const b = block as unknown as Record<string, unknown>;
  for (const [key, want] of Object.entries(spec)) {
    if (key === "type") continue;
    switch (key) {
      case "items": {
        const items = (b.items as { text: string }[]) ?? [];
        if (typeof want === "number") {
          if (items.length !== want) return `${items.length} items, want ${want}`;
        } else {
          const got = listTexts(items as never);
          for (const [i, w] of (want as string[]).entries()) if (!includes(got[i], w)) return `item ${i} is ${JSON.stringify(got[i])}, want ${JSON.stringify(w)}`;
        }
        break;
      }
      case "nested": {
        const sub = ((b.items as { list?: { items: unknown[] } }[]) ?? []).find((i) => i.list);
        if (!sub) return "no nested list";
        if (sub.list!.items.length !== want) return `nested list has ${sub.list!.items.length} items, want ${want}`;
        break;
      }
      case "rows": {
        const rows = (b.rows as string[][]) ?? [];
        if (rows.length !== want) return `${rows.length} rows, want ${want}`;
        break;
      }
      case "cols": {
        const rows = (b.rows as string[][]) ?? [];
        if (!rows.length || rows[0].length !== want) return `${rows[0]?.length ?? 0} columns, want ${want}`;
        break;
      }
      case "cell":
      case "cells": {
        const cells = ((b.rows as string[][]) ?? []).flat();
        for (const w of typeof want === "string" ? [want] : (want as string[])) if (!cells.some((c) => includes(c, w))) return `no cell with ${JSON.stringify(w)}`;
        break;
      }
      case "images": {
        const n = ((b.images as unknown[]) ?? []).length;
        if (n !== want) return `${n} images, want ${want}`;
        break;
      }
      case "src":
      case "alt": {
        const imgs = (b.images as Record<string, string | undefined>[]) ?? [];
        if (!imgs.some((im) => im[key] !== undefined && im[key]!.includes(want as string))) return `no image with ${key} ${JSON.stringify(want)} (got ${JSON.stringify(imgs.map((im) => im[key]))})`;
        break;
      }
      default: {
        const got = b[key];
        if (typeof want === "string") {
          if (typeof got !== "string" || !includes(got, want)) return `${key} is ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
        } else if (got !== want) return `${key} is ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
      }
    }
  }
  return "";
}

/** Matches specs to blocks in order (a subsequence); returns why each unmatched spec failed, "" when all match. */
function matchBlocks(blocks: Block[], specs: BlockSpec[]): string {
  const problems: string[] = [];
  let at = 0;
  for (const [k, spec] of specs.entries()) {
    const why: string[] = [];
    let found = -1;
    for (let i = at; i < blocks.length; i++) {
      const m = mismatch(blocks[i], spec);
      if (!m) {
        found = i;
        break;
      }
      if (blocks[i].type === spec.type) why.push(`#${i}: ${m}`);
    }
    // An unmatched spec is reported and skipped; the next one is looked for from the same place.
    if (found < 0) problems.push(`block spec ${k} ${JSON.stringify(spec)} not found after block ${at}${why.length ? "; same-type candidates: " + why.slice(0, 3).join("; ") : ""}`);
    else at = found + 1;
  }
  return problems.join("\n");
}

function preview(s: string, n = 160): string {
  const t = squash(s);
  return t.length > n ? t.slice(0, n) + "…" : t;
}

if (update) mkdirSync(goldenDir, { recursive: true });

for (const fx of fixtures()) {
  test(`golden ${fx.name}`, async (t) => {
    const e = fx.expect;
    const bytes = readFileSync(fx.file);
    const article = extract(bytes, { url: e.url, contentType: e.contentType });
    const todo = e.todo ?? {};

    await t.test("matches the reviewed golden file", () => {
      const path = join(goldenDir, `${fx.name}.json`);
      const got = goldenOf(article);
      if (update) {
        writeFileSync(path, got);
        return;
      }
      assert.ok(existsSync(path), `missing golden file test/golden/${fx.name}.json: review the output, then run npm run golden:update`);
      assert.deepEqual(JSON.parse(got), JSON.parse(readFileSync(path, "utf8")), `output changed for ${fx.name}: review the diff, then npm run golden:update`);
    });

    if (e.title !== undefined)
      await t.test("title", { todo: todo.title }, () => {
        // Whitespace is normalised (an ideographic space may become a plain one).
        assert.equal(squash(article.title ?? ""), squash(e.title!));
      });

    if (e.startsWith)
      await t.test("starts with the lede", { todo: todo.startsWith }, () => {
        assert.ok(squash(article.text).startsWith(squash(e.startsWith!)), `text starts: ${preview(article.text)}`);
      });

    if (e.endsWith)
      await t.test("ends with the last paragraph", { todo: todo.endsWith }, () => {
        const text = squash(article.text);
        assert.ok(text.endsWith(squash(e.endsWith!)), `text ends: …${text.slice(-160)}`);
      });

    if (e.mustContain?.length)
      await t.test("keeps the body", { todo: todo.mustContain }, () => {
        const missing = e.mustContain!.filter((s) => !includes(article.text, s));
        assert.deepEqual(missing, [], `missing from text (${article.text.length} chars: ${preview(article.text)})`);
      });

    if (e.mustNotContain?.length)
      await t.test("drops the furniture", { todo: todo.mustNotContain }, () => {
        const both = article.text + "\n\n" + article.markdown;
        const kept = e.mustNotContain!.filter((s) => includes(both, s));
        assert.deepEqual(kept, [], "furniture kept in the body");
      });

    if (e.htmlMustNotContain?.length)
      await t.test("sanitised html", { todo: todo.htmlMustNotContain }, () => {
        const kept = e.htmlMustNotContain!.filter((s) => article.html.toLowerCase().includes(s.toLowerCase()));
        assert.deepEqual(kept, [], "kept in article.html");
      });

    if (e.markdownMustContain?.length)
      await t.test("markdown", { todo: todo.markdownMustContain }, () => {
        const missing = e.markdownMustContain!.filter((s) => !article.markdown.includes(s));
        assert.deepEqual(missing, [], "missing from the Markdown");
      });

    if (e.blocks?.length)
      await t.test("blocks", { todo: todo.blocks }, () => {
        const why = matchBlocks(article.blocks, e.blocks!);
        if (why) assert.fail(`${why}\nblocks: ${article.blocks.map((b) => b.type).join(" ")}`);
      });
  });
}
