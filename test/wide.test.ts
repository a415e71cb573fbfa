/**
 * Wide elements: one element with more children than a call may take arguments (~120,000 on Node 20). A children
 * list spread into a call (`stack.push(...el.children)`, `Math.max(...rows)`) overflows the stack there; every walk
 * must take them one by one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../src/index.ts";

const N = 130_000;

const wide: { what: string; open: string; unit: (i: number) => string; close: string; check: (a: ReturnType<typeof extract>) => void }[] = [
  {
    what: "table rows",
    open: "<table><tr><th>n</th><th>name</th></tr>",
    unit: (i) => `<tr><td>${i}</td><td>n${i % 7}</td></tr>`,
    close: "</table>",
    check: (a) => {
      const t = a.blocks.find((b) => b.type === "table");
      assert.ok(t && t.type === "table" && t.rows.length > N / 2, "the table is kept whole");
      assert.match(a.markdown, /\| 129999 \| n2 \|/);
    },
  },
  { what: "list items", open: "<ul>", unit: (i) => `<li>item ${i}</li>`, close: "</ul>", check: (a) => assert.match(a.text, /item 129999/) },
  { what: "spans in a paragraph", open: "<p>", unit: (i) => `<span>w${i % 9}</span> `, close: "</p>", check: (a) => assert.ok(a.wordCount > N / 2) },
  { what: "links in a div", open: "<div>", unit: (i) => `<a href="/a/${i}">x</a>`, close: "</div>", check: (a) => assert.match(a.text, /opening paragraph/) },
  { what: "images in a figure", open: "<figure>", unit: (i) => `<img src="/i/${i}.jpg" alt="">`, close: "<figcaption>The caption</figcaption></figure>", check: (a) => assert.match(a.text, /opening paragraph/) },
  { what: "br lines in a div", open: "<div>", unit: (i) => `line ${i % 9}<br>`, close: "</div>", check: (a) => assert.match(a.text, /line 8/) },
];

for (const { what, open, unit, close, check } of wide) {
  test(`an element with ${N.toLocaleString("en")} children (${what}): an article, no stack overflow`, { timeout: 60_000 }, () => {
    const parts = [`<html><head><title>Wide</title></head><body><h1>Wide</h1><p>An ordinary opening paragraph of the page that says what follows.</p>${open}`];
    for (let i = 0; i < N; i++) parts.push(unit(i));
    parts.push(`${close}</body></html>`);
    check(extract(parts.join(""), { url: "https://example.com/w" }));
  });
}
