/**
 * Links and images that leave the engine (issue 20, item 2): only http(s) and mailto links and http(s) images, in
 * the blocks, the lead image, Markdown and HTML, however the scheme is disguised; and Markdown destinations that end
 * where they should. The Markdown is read back with the CommonMark reference parser (commonmark.js).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { Parser, type Node as MdNode } from "commonmark";
import { parseDocument } from "htmlparser2";
import { extract, type Article, type Block, type Inline } from "../src/index.ts";
import { serialise } from "../src/stages/serialise.ts";
import { safeUrl } from "../src/urls.ts";

const CRAFTED = readFileSync(join(import.meta.dirname, "fixtures", "links", "crafted.html"));

function allowed(u: string, kind: "link" | "image"): boolean {
  let url: URL;
  try {
    url = new URL(u, "https://base.test/");
  } catch {
    return false;
  }
  return (kind === "link" ? ["http:", "https:", "mailto:"] : ["http:", "https:"]).includes(url.protocol);
}

/** Every link and image URL in the blocks. */
function blockUrls(blocks: Block[]): { kind: "link" | "image"; url: string }[] {
  const out: { kind: "link" | "image"; url: string }[] = [];
  const inline = (nodes: Inline[] | undefined) => {
    for (const n of nodes ?? []) {
      if (typeof n === "string") continue;
      if (n.kind === "link") out.push({ kind: "link", url: n.href });
      if ("children" in n) inline(n.children);
    }
  };
  const list = (l: Extract<Block, { type: "list" }>) => {
    for (const it of l.items) {
      inline(it.inline);
      if (it.list) list(it.list);
    }
  };
  for (const b of blocks) {
    if (b.type === "paragraph") inline(b.inline);
    if (b.type === "list") list(b);
    if (b.type === "figure") for (const i of b.images) if (i.src) out.push({ kind: "image", url: i.src });
  }
  return out;
}

/** Every link and image of a Markdown document, as CommonMark reads it: [kind, destination, text]. */
function markdownLinks(md: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  const walker = new Parser().parse(md).walker();
  for (let e = walker.next(); e; e = walker.next()) {
    if (!e.entering || (e.node.type !== "link" && e.node.type !== "image")) continue;
    out.push([e.node.type, e.node.destination ?? "", textOf(e.node)]);
  }
  return out;
}

function textOf(node: MdNode): string {
  let s = "";
  const w = node.walker();
  for (let e = w.next(); e; e = w.next()) if (e.entering && e.node.literal && e.node !== node) s += e.node.literal;
  return s;
}

/** The characters a URL stands for: every %XX decoded as a byte, the rest as UTF-8; a stray "%" stays. */
function percentDecoded(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const m = /^%([0-9a-f]{2})/i.exec(s.slice(i, i + 3));
    if (m) {
      bytes.push(parseInt(m[1], 16));
      i += 3;
    } else {
      const c = String.fromCodePoint(s.codePointAt(i)!);
      bytes.push(...Buffer.from(c, "utf8"));
      i += c.length;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function htmlUrls(html: string): { kind: "link" | "image"; url: string }[] {
  const out: { kind: "link" | "image"; url: string }[] = [];
  const walk = (nodes: any[]) => {
    for (const n of nodes) {
      if (n.name === "a" && n.attribs.href !== undefined) out.push({ kind: "link", url: n.attribs.href });
      if (n.name === "img" && n.attribs.src !== undefined) out.push({ kind: "image", url: n.attribs.src });
      if (n.children) walk(n.children);
    }
  };
  walk(parseDocument(html).children);
  return out;
}

function checkArticle(a: Article, label: string): void {
  for (const { kind, url } of blockUrls(a.blocks)) assert.ok(allowed(url, kind), `${label}: ${kind} in blocks: ${url}`);
  for (const { kind, url } of htmlUrls(a.html)) assert.ok(allowed(url, kind), `${label}: ${kind} in html: ${url}`);
  for (const [kind, url] of markdownLinks(a.markdown)) assert.ok(allowed(url, kind === "image" ? "image" : "link"), `${label}: ${kind} in markdown: ${url}`);
  if (a.leadImage) assert.ok(allowed(a.leadImage.src, "image"), `${label}: lead image ${a.leadImage.src}`);
  if (a.canonicalUrl) assert.ok(allowed(a.canonicalUrl, "link"), `${label}: canonical ${a.canonicalUrl}`);
}

test("a crafted page: script links in every disguise are dropped, their text kept; no planted Markdown link", () => {
  const a = extract(CRAFTED, { url: "https://news.example/story" });
  checkArticle(a, "with a page URL");
  // Exactly the links the page means, with their text, and nothing planted beside them.
  assert.deepEqual(markdownLinks(a.markdown), [
    ["link", "mailto:desk@example.com?subject=Hi%20there", "mail"],
    ["link", "https://news.example/news/a%20%28b%29%20%3Cc%3E", "relative"],
    ["link", "https://x.test/?a=%5C%29%5Bplanted%5D%28javascript:alert%287%29%29", "backslash"],
    ["link", "https://x.test/wiki/Foo_%28bar%29", "parens"],
    ["image", "https://x.test/a.jpg?x=%5C%29%20!%5Bp%5D%28javascript:alert%2810%29", "crafted"],
    ["link", "https://cdn.example/x", "protocol-relative"],
    ["link", "https://x.test/a%3Eb%3Cc", "angles"],
    ["link", "https://x.test/t%20%22title%22", "quote"],
  ]);
  for (const word of ["newline", "tab", "control", "case", "data", "vb", "crlf", "data nl"]) assert.ok(a.text.includes(word), `the text of the ${word} link stays`);
  assert.equal(htmlUrls(a.html).length, 8);
});

test("the crafted page without a page URL: relative links stay relative, nothing unsafe gets out", () => {
  const a = extract(CRAFTED);
  checkArticle(a, "without a page URL");
  const links = markdownLinks(a.markdown).map(([, url, text]) => [text, url]);
  assert.deepEqual(Object.fromEntries(links).relative, "/news/a%20%28b%29%20%3Cc%3E");
  assert.equal(Object.fromEntries(links)["protocol-relative"], "//cdn.example/x");
});

test("safeUrl reads the scheme as a browser does", () => {
  const base = "https://news.example/a/";
  for (const bad of ["java\nscript:alert(1)", "java\tscript:x", "\u0001javascript:x", " JAVASCRIPT:x", "jav\r\nascript:x", "data:image/png;base64,AAA", "vbscript:x", "file:///etc/passwd", "ftp://x.test/", "about:blank", "blob:https://x.test/1"]) {
    assert.equal(safeUrl(bad, base), undefined, JSON.stringify(bad));
    assert.equal(safeUrl(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(safeUrl("mailto:a@b.test", base), "mailto:a@b.test");
  assert.equal(safeUrl("mailto:a@b.test", base, "image"), undefined);
  assert.equal(safeUrl("../b?x=1#y", base), "https://news.example/b?x=1#y");
  assert.equal(safeUrl("../b?x=1#y"), "../b?x=1#y");
  assert.equal(safeUrl("ja va:x"), "ja va:x", "not a scheme: a relative path");
  assert.equal(safeUrl("x\u0000y"), undefined);
});

test("Markdown destinations end where they should, whatever the URL (CommonMark reference parser)", () => {
  const chars = fc.constantFrom(..."()<>\\ \t\n[]!\"'`*_&#%;:/?=aZ09é\u00a0\u3000".split(""), "&amp;", "&#40;", "&lt;", "%28", "%2");
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join("")), (tail) => {
      const url = "https://x.test/" + tail;
      const md = serialise([{ type: "paragraph", text: "see x", inline: ["see ", { kind: "link", href: url, children: ["x"] }] }]).markdown;
      const links = markdownLinks(md);
      assert.equal(links.length, 1, md);
      assert.equal(links[0][2], "x", md);
      // The destination is the URL itself: percent-decoding both gives the same characters.
      // The destination is the URL as the engine gives it out (parsed, so tabs and newlines dropped), unchanged.
      assert.equal(percentDecoded(links[0][1]), percentDecoded(safeUrl(url)!), md);
      const fig = serialise([{ type: "figure", images: [{ src: url, alt: tail }] }]).markdown;
      assert.equal(markdownLinks(fig).length, 1, fig);
    }),
    { numRuns: 500, seed: 20 },
  );
});

test("random hrefs in real pages never give an unsafe link in any output", () => {
  const pieces = fc.constantFrom("java", "script", "vbscript", "data", ":", "&#x0A;", "&#x09;", "&#x0D;", "&#1;", " ", "&colon;", "JaVa", "alert(1)", ")", "(", "\\", "[x]", "](", "<", ">", "http", "s://x.test/", "mailto", "//", "#", "?", "&quot;", "'");
  fc.assert(
    fc.property(fc.array(pieces, { minLength: 1, maxLength: 12 }), fc.boolean(), (parts, withUrl) => {
      const href = parts.join("");
      const page = `<html><body><article><h1>Ferry news</h1><p>The council met on Tuesday to agree the timetable for the winter season. See <a href="${href}">the link</a> for more.</p>
        <p>Passengers had asked for an earlier first crossing, and the operator said it would add one from March.</p><figure><img src="${href}" alt="x"><figcaption>A boat</figcaption></figure></article></body></html>`;
      const a = extract(page, withUrl ? { url: "https://news.example/s" } : {});
      for (const { kind, url } of blockUrls(a.blocks)) assert.ok(allowed(url, kind), `${kind} ${url} from ${href}`);
      for (const { kind, url } of htmlUrls(a.html)) assert.ok(allowed(url, kind), `${kind} ${url} from ${href}`);
      const md = markdownLinks(a.markdown);
      assert.ok(md.filter(([k]) => k === "link").length <= 1 && md.filter(([k]) => k === "image").length <= 1, `${a.markdown} from ${href}`);
      for (const [kind, url] of md) assert.ok(allowed(url, kind === "image" ? "image" : "link"), `${kind} ${url} from ${href}`);
    }),
    { numRuns: 300, seed: 20 },
  );
});
