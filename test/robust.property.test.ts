/**
 * Property-based robustness: fixture pages mutated at random (cut, spliced,
 * duplicated, sprinkled with broken markup, NULs and stray bytes) always give
 * an article or a typed NewsclipError, and the article's HTML stays sanitised.
 *
 * FC_RUNS sets the number of cases (default 1000); FC_SEED replays a failure
 * (the default seed is fixed so CI runs are reproducible; FC_SEED=random
 * draws a new one).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { extract, NewsclipError, ERROR_CODES } from "../src/index.ts";

const dir = join(import.meta.dirname, "fixtures", "html");
const pages = readdirSync(dir)
  .filter((f) => f.endsWith(".html"))
  .sort()
  .map((f) => readFileSync(join(dir, f)));

/** Fragments that stress a parser and the stages after it. */
const NASTY = [
  "<div>", "</div>", "</p>", "<p>", "<table>", "<td>", "</table>", "<li>", "<ul>", "<!--", "-->", "<script>", "</script>",
  "<style>", "<noscript>", "<template>", "<svg>", "<math>", "<![CDATA[", "]]>", "<", ">", "&", "&amp", "&#0;", "&#x110000;",
  "&nbsp;", "\u0000", "\uFEFF", "\u202E", '"', "'", "<a href=\"javascript:alert(1)\">", "<img src=x onerror=alert(1)>",
  "<h2>", "<blockquote>", "<pre>", "<figure>", "<figcaption>", "<br>", "<br/>", "</body>", "</html>", "<html>", "<body>",
  "<meta charset=\"shift_jis\">", "<meta charset=\"utf-16\">", "<script type=\"application/ld+json\">{\"articleBody\":", "{\"@type\":\"NewsArticle\"",
  "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":", "<div hidden>", "<p style=\"display:none\">",
];

type Op =
  | { kind: "cut"; at: number }
  | { kind: "delete"; at: number; len: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "bytes"; at: number; bytes: Uint8Array }
  | { kind: "duplicate"; at: number; len: number };

const pos = fc.double({ min: 0, max: 1, noNaN: true });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: pos }),
  fc.record({ kind: fc.constant("delete" as const), at: pos, len: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: pos, text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 })) }),
  fc.record({ kind: fc.constant("bytes" as const), at: pos, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: pos, len: fc.integer({ min: 1, max: 5000 }) }),
);

function apply(page: Buffer, ops: Op[]): Buffer {
  let b = page;
  for (const o of ops) {
    const at = Math.floor(o.at * b.length);
    switch (o.kind) {
      case "cut":
        b = b.subarray(0, at);
        break;
      case "delete":
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + o.len)]);
        break;
      case "insert":
        b = Buffer.concat([b.subarray(0, at), Buffer.from(o.text, "utf8"), b.subarray(at)]);
        break;
      case "bytes":
        b = Buffer.concat([b.subarray(0, at), o.bytes, b.subarray(at)]);
        break;
      case "duplicate":
        b = Buffer.concat([b.subarray(0, at + o.len), b.subarray(at, at + o.len), b.subarray(at + o.len)]);
        break;
    }
  }
  return b;
}

const runs = Number(process.env.FC_RUNS) || 1000;
const seed = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED) || 20_251_128;

test(`mutated fixture pages never crash (${runs} cases)`, { timeout: 240_000 }, () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: pages.length - 1 }), fc.array(op, { minLength: 1, maxLength: 6 }), fc.boolean(), (i, ops, asString) => {
      const input = apply(pages[i], ops);
      let article;
      try {
        article = extract(asString ? input.toString("utf8") : input, { url: "https://news.example/story/1", explain: i % 2 === 0 });
      } catch (err) {
        if (err instanceof NewsclipError && err.code in ERROR_CODES) return;
        throw err;
      }
      assert.equal(typeof article.text, "string");
      assert.ok(Array.isArray(article.blocks));
      assert.ok(article.wordCount >= 0);
      JSON.parse(JSON.stringify(article));
      // The sanitised HTML is printed from typed blocks: no markup from the page can survive.
      assert.ok(!/<(script|style|iframe|object|embed|svg|math)\b/i.test(article.html), "active content in html");
      assert.ok(!/\son\w+\s*=/i.test(article.html.replace(/>[^<]*</g, "><")), "event handler in html");
      assert.ok(!/(href|src)\s*=\s*["']?\s*javascript:/i.test(article.html), "javascript: URL in html");
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
});
