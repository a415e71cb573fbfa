/**
 * Tree construction on pages of broken structure (issue 18): invented pages (test/fixtures/parse-tree) whose
 * <head>, <body> or <title> are missing, doubled or left open. Each is read as bytes (deferred UTF-8 decoding) and
 * as a string, and must give the article a reader sees: its paragraphs, no script or CSS text, the right title.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnyNode, Element, Document } from "domhandler";
import { extract, type Article } from "../src/index.ts";
import { parse, repairTitle } from "../src/stages/parse.ts";
import { decode } from "../src/stages/decode.ts";
import { titleText } from "../src/metadata/head.ts";

const dir = join(import.meta.dirname, "fixtures", "parse-tree");
const fixture = (name: string): Buffer => readFileSync(join(dir, `${name}.html`));

/** The page read both ways: as bytes (deferred decoding) and as a string. */
function both(name: string): [string, Article][] {
  const bytes = fixture(name);
  const opts = { url: "https://news.example/2025/11/story" };
  return [
    ["bytes", extract(bytes, { ...opts, contentType: "text/html; charset=utf-8" })],
    ["string", extract(bytes.toString("utf8"), opts)],
  ];
}

/** Script and CSS text that must never come out as article text. */
const CODE = /[{}]|\bvar\b|color:|background:|@type|Tracking|Tracker/;

function assertArticle(a: Article, how: string, first: string, last: string, title: string): void {
  assert.equal(a.title, title, `${how}: title`);
  assert.ok(a.text.startsWith(first), `${how}: the text starts with the lede, got: ${a.text.slice(0, 160)}`);
  assert.ok(a.text.endsWith(last), `${how}: the text ends with the last paragraph, got: ${a.text.slice(-160)}`);
  assert.doesNotMatch(a.text, CODE, `${how}: no script or CSS text`);
}

test("no </head> and no <body>: the page after the meta tags is the body, the head's CSS is not text", () => {
  for (const [how, a] of both("missing-head-body")) {
    assertArticle(a, how, "The Eastbay ferry carried its first passengers", "until the end of September.", "Harbour ferry returns after winter repairs");
    assert.equal(a.text.split("\n\n").length, 4, `${how}: four paragraphs`);
    assert.ok(!a.text.includes("Eastbay Courier"), `${how}: the <title> element is not body text`);
  }
});

test("no <body> and no <html>, a logo <div> first: the article is found, not the logo", () => {
  for (const [how, a] of both("no-body-logo-first")) {
    assertArticle(a, how, "Apple and pear growers across the valley", "published on Thursday afternoon.", "Orchard growers count the cost of a late frost");
  }
});

test("a pasted <html><head></head><body> snippet inside <head>, a widget's own page inside the body and a second <body>: the real body is read", () => {
  for (const [how, a] of both("duplicate-body")) {
    assertArticle(a, how, "The central library will open until nine", "once the new timetable has settled in.", "Library opening hours to be extended in the new year");
    assert.ok(!a.text.includes("newsletter-box") && !a.text.includes("poll-widget"), `${how}: no CSS`);
    // The snippet's JSON-LD is still harvested.
    assert.deepEqual(a.authors.map((p) => p.name), ["Priya Natarajan"], `${how}: authors`);
  }
});

test("a stray </body></html> in mid-article: the paragraphs after it are kept", () => {
  for (const [how, a] of both("stray-body-end")) {
    assertArticle(a, how, "More than two hundred volunteers", "held every spring from now on.", "Volunteers clear three tonnes of litter from the river bank");
    assert.equal(a.text.split("\n\n").length, 4, `${how}: four paragraphs`);
  }
});

test("a <title> left open: the title is its first line and the body is not lost in it", () => {
  for (const [how, a] of both("unclosed-title")) {
    assertArticle(a, how, "Three night bus routes will change from Sunday", "central bus station from Friday.", "Night bus routes redrawn after passenger survey");
    assert.equal(a.description, "Three night bus routes change on Sunday.", `${how}: the meta tags after the title are read`);
  }
});

// ---- the parse stage itself ----

function parsed(html: string | Buffer) {
  return parse(decode(typeof html === "string" ? Buffer.from(html) : html, "text/html; charset=utf-8", undefined, { defer: true }));
}

function walk(doc: Document, visit: (n: AnyNode) => void): void {
  const stack: AnyNode[] = [doc];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if ("children" in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}

test("explain says why a page's tree was rebuilt", () => {
  const a = extract(fixture("no-body-logo-first"), { url: "https://news.example/x", explain: true });
  assert.ok(a.explain!.rescues.some((r) => r.stage === "parse:rebuilt" && r.reason.startsWith("content outside <head> and <body>")), JSON.stringify(a.explain!.rescues));
});

test("well-formed pages keep the fast tree (no rebuild), broken ones are rebuilt, with the reason", () => {
  const ok = parsed("<!doctype html><html><head><title>T</title><meta name=x content=y><script>var a = 1;</script></head><body><p>Text</p></body></html>");
  assert.equal(ok.rebuilt, undefined);
  assert.equal(ok.broken, undefined);
  assert.equal(ok.rawScripts, true, "the fast path keeps deferred decoding");
  // Empty furniture in <head> and scripts after </body> are harmless: still the fast tree.
  const harmless = parsed("<html><head><title>T</title><div id='fb-root'></div></head><body><p>Text</p></body><script>x()</script></html>");
  assert.equal(harmless.broken, undefined);
  const why = (name: string) => {
    const r = parsed(fixture(name));
    assert.equal(r.rebuilt, true, name);
    return r.broken;
  };
  assert.equal(why("missing-head-body"), "content inside <head>");
  assert.equal(why("no-body-logo-first"), "content outside <head> and <body>");
  assert.equal(why("duplicate-body"), "more than one <body>");
  assert.equal(why("stray-body-end"), "content after </body>");
  assert.equal(why("unclosed-title"), "no <body>");
});

test("the rebuilt tree has the fast tree's shape: domhandler nodes, lower-case names, plain attributes, linked siblings, template content as children", () => {
  const page = `<!doctype html><html><head><title>T</title><DIV Class="Logo">Daily <b>News</b></DIV>
    <svg viewBox="0 0 10 10"><clipPath id="c"><rect/></clipPath><foreignObject><p>x</p></foreignObject></svg>
    <template id="tpl"><p>Inside a template</p></template>
    <p>Caf&eacute; caf\u00e9 &amp; more</p><noscript><img src="/real.jpg"></noscript>`;
  for (const input of [Buffer.from(page), page]) {
    const { doc, rebuilt, rawScripts } = typeof input === "string" ? parse(input) : parsed(input);
    assert.ok(rebuilt);
    assert.equal(rawScripts, undefined, "the rebuilt tree is decoded throughout");
    const html = doc.children.find((c) => "name" in c && c.name === "html") as Element;
    assert.deepEqual(html.children.filter((c) => "name" in c).map((c) => (c as Element).name), ["head", "body"]);
    const names = new Set<string>();
    walk(doc, (n) => {
      if ("children" in n) {
        n.children.forEach((c, i) => {
          assert.equal(c.parent, n, "parent link");
          assert.equal(c.prev, n.children[i - 1] ?? null, "prev link");
          assert.equal(c.next, n.children[i + 1] ?? null, "next link");
        });
      }
      if ("attribs" in n) {
        const el = n as Element;
        names.add(el.name);
        assert.equal(el.name, el.name.toLowerCase());
        assert.equal(Object.getPrototypeOf(el.attribs), Object.prototype, "a plain attribute object");
        for (const k of Object.keys(el.attribs)) assert.equal(k, k.toLowerCase());
        assert.ok(!el.children.some((c) => c.type === "root"), "no fragment inside an element");
      }
    });
    for (const n of ["clippath", "foreignobject", "template", "noscript", "img"]) assert.ok(names.has(n), n);
    const svg = (function find(n: AnyNode): Element | undefined {
      if ("name" in n && n.name === "svg") return n as Element;
      if ("children" in n) for (const c of n.children) {
        const f = find(c);
        if (f) return f;
      }
      return undefined;
    })(doc)!;
    assert.equal(svg.attribs.viewbox, "0 0 10 10");
    let text = "";
    walk(doc, (n) => {
      if (n.type === "text") text += (n as unknown as { data: string }).data;
    });
    assert.ok(text.includes("Café café & more"), "entities and UTF-8 decoded");
    assert.ok(text.includes("Inside a template"));
  }
});

test("a hostile page of misnested formatting tags does not blow up the rebuild (it is abandoned, the fast tree kept)", { timeout: 20_000 }, () => {
  const page = Array.from({ length: 5000 }, (_, i) => `<div><b id=b${i}>word ${i}</div>`).join("");
  const t0 = performance.now();
  const r = parsed(page);
  assert.equal(r.broken, "content outside <head> and <body>");
  assert.equal(r.rebuilt, undefined);
  assert.ok(performance.now() - t0 < 10_000, "bounded time");
  let words = 0;
  walk(r.doc, (n) => {
    if (n.type === "text" && (n as unknown as { data: string }).data.startsWith("word ")) words++;
  });
  assert.equal(words, 5000, "the fast tree, whole");
  extract(Buffer.from(page), { url: "https://news.example/x" });
});

test("deep nesting without a <body> is rebuilt without overflowing the stack", { timeout: 30_000 }, () => {
  const page = "<div>".repeat(50_000) + "<p>Deep text at the bottom of a page with no body element at all.</p>";
  const r = parsed(page);
  assert.equal(r.rebuilt, true);
  const a = extract(Buffer.from(page), { url: "https://news.example/x" });
  assert.ok(a.text.includes("Deep text at the bottom"));
});

test("repairTitle closes a left-open title at its first line or tag, and leaves closed titles alone", () => {
  assert.equal(repairTitle("<title>Hello world\n<meta x></head><body>b</body>"), "<title>Hello world</title>\n<meta x></head><body>b</body>");
  assert.equal(repairTitle("<title>Hello world</titel><meta x><body>b"), "<title>Hello world</title></titel><meta x><body>b");
  assert.equal(repairTitle("<title>\n  Hello world\n<meta x><body>b"), "<title>\n  Hello world</title>\n<meta x><body>b");
  const fine = "<title>30 Years of &lt;br&gt; Tags</title></head><body>b";
  assert.equal(repairTitle(fine), fine);
  assert.equal(repairTitle("<p>no title</p>"), "<p>no title</p>");
  // Neither </title> nor <body> nor </head>: the markup after the title's first line is the page.
  assert.equal(repairTitle("<title>Hello world\n<div><p>Story</p></div>"), "<title>Hello world</title>\n<div><p>Story</p></div>");
  assert.equal(repairTitle("<title>Hello world, cut off"), "<title>Hello world, cut off");
});

test("titleText re-reads a title that swallowed markup or runs long, and keeps an escaped tag in a headline", () => {
  assert.equal(titleText("Night buses\n<meta name=x><link rel=y>"), "Night buses");
  assert.equal(titleText("Night buses<meta name=x>"), "Night buses");
  assert.equal(titleText(`First line of a long one\n${"more words ".repeat(40)}`), "First line of a long one");
  assert.equal(titleText("30 Years of <br> Tags"), "30 Years of <br> Tags");
  assert.equal(titleText("  Harbour  reopens | Courier "), "Harbour reopens | Courier");
});

test("a <title> the rebuild leaves in the body (content before <html>) moves to <head>: it is the title, not body text", () => {
  const page = `<div id="welcome-ad"><p>Advertisement</p></div>
<html><head><title>Ferry timetable changes from Monday</title></head><body><article><h1>Ferry timetable changes from Monday</h1>
<p>The first ferry of the day will leave fifteen minutes earlier from Monday, the operator said, to connect with the new express train to the city.</p>
<p>The last sailing on weekdays moves to a quarter to eleven, and the Sunday timetable stays as it is until the autumn review of all routes.</p></article></body></html>`;
  const r = parsed(page);
  assert.equal(r.rebuilt, true);
  const titles: Element[] = [];
  walk(r.doc, (n) => {
    if ("name" in n && n.name === "title") titles.push(n as Element);
  });
  assert.deepEqual(titles.map((t) => (t.parent as Element).name), ["head"]);
  for (const input of [Buffer.from(page), page]) {
    const a = extract(input, { url: "https://news.example/ferry" });
    assert.equal(a.title, "Ferry timetable changes from Monday");
    assert.ok(a.text.startsWith("The first ferry of the day"), a.text.slice(0, 100));
  }
});

test("a stray <![CDATA[ in the body ends at its first '>', as in a browser: the page after it is read", () => {
  const paras = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i} of the thread, where members compare notes on the ${"long ".repeat(60)}topic at hand.</p>`).join("\n");
  const html = `<!doctype html><html><head><title>Cards compared</title></head><body>
  <![CDATA[
  <div class="wrapper"><article class="message-body"><h1>Cards compared</h1>${paras}</article></div>
  </body></html>`;
  for (const [how, a] of [["bytes", extract(Buffer.from(html), { url: "https://forum.example/threads/cards.1/", contentType: "text/html; charset=utf-8" })], ["string", extract(html, { url: "https://forum.example/threads/cards.1/" })]] as const) {
    assert.match(a.text, /Paragraph 0 of the thread/, `${how}: first paragraph`);
    assert.match(a.text, /Paragraph 7 of the thread/, `${how}: last paragraph`);
  }
});
