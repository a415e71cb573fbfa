/**
 * Deferred decoding: valid UTF-8 is parsed as bytes and decoded node by node. The tree must be the one the
 * ordinary road (decode the page, then parse the string) builds.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, type Decoded } from "../src/stages/decode.ts";
import { parse } from "../src/stages/parse.ts";
import { clean } from "../src/stages/clean.ts";
import { Context } from "../src/context.ts";
import { extract } from "../src/index.ts";
import { PARSE } from "../src/heuristics/tables.ts";
import type { AnyNode } from "domhandler";

/** Tree as nested text: names, attributes and text, everything the stages read. */
function dump(n: AnyNode): string {
  if (n.type === "text") return JSON.stringify((n as unknown as { data: string }).data);
  if (n.type === "comment" || n.type === "directive") return "";
  const el = n as unknown as { name?: string; attribs?: Record<string, string>; children?: AnyNode[] };
  const attrs = el.attribs ? Object.entries(el.attribs).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ") : "";
  const inner = el.name === "script" || el.name === "style" ? "…" : (el.children ?? []).map(dump).join(",");
  return `${el.name ?? "#root"}(${attrs})[${inner}]`;
}

function both(bytes: Buffer): { ordinary: string; deferred: string; d: Decoded } {
  const d = decode(bytes, undefined, undefined, { defer: true });
  return { ordinary: dump(parse(decode(bytes).html).doc), deferred: dump(parse(d).doc), d };
}

const PAGE = `<!doctype html><html lang="fr"><head><title>Caf&eacute; &amp; cr&egrave;me — «Ærøskøbing»</title>
<meta property="og:title" content="L&#8217;été à Łódź &amp; 東京">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ein Überblick: 東京 und Łódź","author":{"name":"Zoë Ñúñez"}}</script>
<style>p::before{content:"→ é"}</style></head>
<body><article><h1 data-x="a&amp;b é">Caf&eacute; — «Ærøskøbing» &nbsp;ok</h1>
<p>Prix : 12&nbsp;€, soit &lt;b&gt; &#x1F600; 😀 and a bare &copy 2026 and &notit; and &amp</p>
<xmp>&amp; stays é</xmp><textarea>&amp; goes é</textarea>
<img alt="Ελλάδα &quot;x&quot;" src="/a.jpg?x=1&amp;y=2"></article></body></html>`;

test("a deferred page parses to the same tree as a decoded one", () => {
  const { ordinary, deferred, d } = both(Buffer.from(PAGE, "utf8"));
  assert.equal(d.deferred, true);
  assert.equal(deferred, ordinary);
  assert.match(deferred, /Café — «Ærøskøbing»/);
  assert.match(deferred, /&amp; stays é/, "raw text elements keep their entities");
});

test("characters split across the parser's chunks are whole in the tree", () => {
  // Many multi-byte characters, so that chunk borders fall inside some of them, and inside entities and tags.
  const para = "<p class=\"é\">Łódź — 東京 😀 &eacute;&amp;&#8217; Ærø</p>\n";
  const page = `<html><body>${para.repeat(Math.ceil((PARSE.chunkBytes * 3) / Buffer.byteLength(para)))}</body></html>`;
  const { ordinary, deferred, d } = both(Buffer.from(page, "utf8"));
  assert.equal(d.deferred, true);
  assert.equal(deferred, ordinary);
  assert.doesNotMatch(deferred, /\uFFFD|Ã/);
});

test("a byte-order mark, control characters and invalid UTF-8 take the ordinary road or drop the mark", () => {
  const bom = both(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGE, "utf8")]));
  assert.equal(bom.d.deferred, true);
  assert.equal(bom.deferred, bom.ordinary);
  assert.doesNotMatch(bom.deferred, /\uFEFF|ï»¿/);

  const ctl = both(Buffer.from(PAGE.replace("ok</h1>", "o\u0001k</h1>"), "utf8"));
  assert.notEqual(ctl.d.deferred, true);
  assert.equal(ctl.deferred, ctl.ordinary);

  const bad = Buffer.concat([Buffer.from("<p>caf"), Buffer.from([0xe9]), Buffer.from(" au lait</p>")]);
  assert.notEqual(decode(bad, "text/html; charset=utf-8", undefined, { defer: true }).deferred, true);
});

test("script data read from a deferred page is decoded", () => {
  const d = decode(Buffer.from(PAGE, "utf8"), undefined, undefined, { defer: true });
  const cleaned = clean(parse(d), new Context({}));
  assert.deepEqual(cleaned.jsonld, [{ "@type": "NewsArticle", headline: "Ein Überblick: 東京 und Łódź", author: { name: "Zoë Ñúñez" } }]);
});

test("extract reads a deferred page like the same page given as a string", () => {
  const fromBytes = extract(Buffer.from(PAGE, "utf8"), { url: "https://example.com/a" });
  const fromString = extract(PAGE, { url: "https://example.com/a" });
  assert.deepEqual(fromBytes, fromString);
  assert.equal(fromBytes.authors[0]?.name, "Zoë Ñúñez");
  assert.match(fromBytes.text ?? "", /Café — «Ærøskøbing»/);
});

test("comments, scripts and attribute values that run across the parser's chunks end where they end", () => {
  // ASCII only, so script and comment text is the same in both roads and can be compared whole.
  const filler = "x".repeat(PARSE.chunkBytes - 40);
  const page =
    `<html><body><p title="${filler} > still the value">a</p><!-- ${filler} <p>not a tag</p> -- still a comment -->` +
    `<script>var s = "${filler}"; if (a < b) s += "</p>";</script><p>after</p>` +
    `<style>${filler} p > a {}</style><p data-q='${filler}"x"'>end</p></body></html>`;
  const bytes = Buffer.from(page, "utf8");
  const full = (n: AnyNode): string => {
    const el = n as unknown as { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: AnyNode[] };
    if (el.data !== undefined) return `${el.type}:${JSON.stringify(el.data)}`;
    return `${el.name ?? "#root"}(${JSON.stringify(el.attribs ?? {})})[${(el.children ?? []).map(full).join(",")}]`;
  };
  const d = decode(bytes, undefined, undefined, { defer: true });
  assert.equal(d.deferred, true);
  const deferred = full(parse(d).doc);
  assert.equal(deferred, full(parse(decode(bytes).html).doc));
  assert.match(deferred, /comment:" x+ <p>not a tag<\/p> -- still a comment "/);
  assert.match(deferred, /"x+ > still the value"/);
  assert.equal((deferred.match(/p\(/g) ?? []).length, 3);
});
