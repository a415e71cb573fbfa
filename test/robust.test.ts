/**
 * Bad input: every case ends in a typed NewsclipError or an (empty or
 * correct) article, never another exception, a hang or a stack overflow.
 * Each test has a time limit, which stops what waits; a synchronous step cannot be cut short, so a step whose cost
 * could grow faster than its input is measured at two sizes instead (the cards test).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { extract, NewsclipError, ERROR_CODES, type Article } from "../src/index.ts";

const dir = join(import.meta.dirname, "fixtures", "html");
const fixture = (name: string) => readFileSync(join(dir, `${name}.html`));

type Outcome = { article: Article } | { error: NewsclipError };

/** Runs extract; anything thrown that is not a NewsclipError with a catalogued code fails the test. */
function run(input: Parameters<typeof extract>[0], options: Parameters<typeof extract>[1] = {}): Outcome {
  try {
    return { article: extract(input, options) };
  } catch (err) {
    assert.ok(err instanceof NewsclipError, `threw a ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
    assert.ok(err.code in ERROR_CODES, `unknown code ${err.code}`);
    return { error: err };
  }
}

/** A typed error, or an article with no body. */
function assertErrorOrEmpty(o: Outcome, codes: string[]): void {
  if ("error" in o) assert.ok(codes.includes(o.error.code), `code ${o.error.code}, want one of ${codes.join(", ")}`);
  else assert.equal(o.article.text, "", `expected an empty article, got text: ${o.article.text.slice(0, 120)}`);
}

/** Deterministic pseudo-random bytes (mulberry32), so failures reproduce. */
function randomBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), randomBytes(4000, 1)]);
const ZIP = Buffer.concat([Buffer.from("PK\x03\x04\x14\x00\x00\x00\x08\x00", "latin1"), randomBytes(3000, 2)]);
const GZIP = gzipSync(fixture("wp-council-budget"));
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), randomBytes(5000, 3)]);
const PDF = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\nstream\nBT /F1 24 Tf 100 700 Td (A document, not a page) Tj ET\nendstream\n%%EOF\n", "latin1");
const JSON_DOC = Buffer.from(JSON.stringify({ status: "ok", items: Array.from({ length: 50 }, (_, i) => ({ id: i, title: `Item number ${i} in a feed of results`, body: "Some text that is not an article at all." })) }));

const quick = { timeout: 10_000 };

// ---- empty ----

test("empty input is EMPTY_INPUT", quick, () => {
  for (const input of [Buffer.alloc(0), new Uint8Array(0), ""]) assertErrorOrEmpty(run(input), ["EMPTY_INPUT"]);
  const e = run(Buffer.alloc(0));
  assert.ok("error" in e && e.error.code === "EMPTY_INPUT", "empty bytes give EMPTY_INPUT");
});

test("whitespace-only and markup-only pages give an empty article or EMPTY_INPUT", quick, () => {
  for (const input of ["   \n\t  ", "<html><head></head><body></body></html>", "<!-- nothing -->", "<!DOCTYPE html>", "<script>var a = 1;</script>"]) {
    assertErrorOrEmpty(run(Buffer.from(input)), ["EMPTY_INPUT", "NOT_HTML"]);
  }
});

test("an ArrayBuffer input works like bytes", quick, () => {
  const b = fixture("wp-council-budget");
  const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  const o = run(ab);
  assert.ok("article" in o && o.article.text.includes("Station Road library"));
});

// ---- not HTML ----

const binaries: [string, Buffer][] = [
  ["a PNG image", PNG],
  ["a JPEG image", JPEG],
  ["a zip archive", ZIP],
  ["a gzip stream", GZIP],
  ["random bytes", randomBytes(20_000, 4)],
  ["a PDF document", PDF],
  ["a JSON document", JSON_DOC],
];

for (const [what, input] of binaries) {
  test(`${what} gives a typed error or an empty article`, quick, () => {
    assertErrorOrEmpty(run(input), ["NOT_HTML", "DECODE_FAILED", "EMPTY_INPUT"]);
  });
  test(`${what} is reported as NOT_HTML`, quick, () => {
    const o = run(input);
    assert.ok("error" in o, `returned an article (${"article" in o ? o.article.text.length : 0} chars of text)`);
    assert.equal(o.error.code, "NOT_HTML");
  });
}

// ---- broken HTML ----

test("truncated pages still give the text before the cut", quick, () => {
  const page = fixture("wp-council-budget").toString("utf8");
  const cutAt = page.indexOf("Under the approved plans");
  for (const end of [cutAt + 40, cutAt + 200, page.indexOf("<figure"), page.indexOf('alt="Councillors') + 5, page.indexOf("<!-- .entry-content")]) {
    const o = run(Buffer.from(page.slice(0, end)));
    assert.ok("article" in o, "a truncated page is still a page");
    assert.ok(o.article.text.includes("Millbrook’s crumbling Station Road library"), `cut at ${end}: ${o.article.text.slice(0, 80)}`);
  }
  // Cut inside a script, a comment and an attribute value.
  for (const s of ["<html><body><p>Text before the script, long enough to be a paragraph.</p><script>var x = '", "<html><body><p>Text before the comment, long enough to be a paragraph.</p><!-- never closed", '<html><body><p>Text before the link, long enough to be a paragraph.</p><a href="https://exa']) {
    const o = run(Buffer.from(s));
    assert.ok("article" in o && o.article.text.includes("Text before the"), s);
  }
});

test("misnested tags, stray end tags and unclosed elements parse", quick, () => {
  const page = `<html><body><article>
    <p>First <b>bold <i>both</b> italic?</i> paragraph of a misnested story that goes on.</p></p></p>
    </div></div></span>
    <p>Second paragraph with a <a href="/x">link</a> and an unclosed <em>emphasis and more words after it
    <p>Third paragraph inside an unclosed one, still text worth keeping.
    <table><p>A paragraph inside a table, foster-parented by browsers.</p><tr><td>cell</table>
    <ul><li>one<li>two<li>three</ul>
    </article></body></html></html></body>`;
  const o = run(Buffer.from(page));
  assert.ok("article" in o);
  for (const s of ["First bold both italic?", "Second paragraph", "Third paragraph", "foster-parented"]) assert.ok(o.article.text.includes(s), `${s} missing: ${o.article.text}`);
});

test("NUL bytes and control characters never reach the output", quick, () => {
  const page = Buffer.concat([Buffer.from("<html><body><article><p>Before the NUL"), Buffer.from([0, 0, 1, 2, 0x1b, 0x7f]), Buffer.from("after the NUL, a paragraph long enough to keep as article text.</p></article></body></html>")]);
  const o = run(page);
  assert.ok("article" in o);
  assert.ok(o.article.text.includes("after the NUL"));
  assert.ok(!/[\u0000\u0001\u0002\u001b]/.test(o.article.text + o.article.html + o.article.markdown), "control characters in the output");
});

test("invalid UTF-8 everywhere gives an article, never an exception", quick, () => {
  const junk = randomBytes(3000, 5).map((b) => (b | 0x80) & 0xbf);
  const page = Buffer.concat([Buffer.from('<html><head><meta charset="utf-8"><title>T</title></head><body><article><p>Readable words come first in this story. '), junk, Buffer.from(" and readable words end it.</p></article></body></html>")]);
  const o = run(page);
  assert.ok("article" in o && o.article.text.includes("readable words end it"));
});

// ---- big and deep ----

function nested(depth: number): Buffer {
  return Buffer.from("<html><body>" + "<div>".repeat(depth) + "<p>Deep inside the nesting there is one paragraph of real text.</p>" + "</div>".repeat(depth) + "</body></html>");
}

test("20,000-deep nesting: no stack overflow, the text survives", { timeout: 20_000 }, () => {
  const o = run(nested(20_000));
  assert.ok("article" in o, "a deep page is still a page");
  assert.ok(o.article.text.includes("Deep inside the nesting"), o.article.text.slice(0, 100));
});

// htmlparser2 keeps its open-element stack with Array#unshift: deep nesting costs O(depth²) in the parser.
test("100,000-deep nesting of mixed, unclosed inline and block tags", { timeout: 60_000 }, () => {
  const tags = ["div", "span", "b", "section", "i", "blockquote", "li", "font"];
  let open = "";
  for (let i = 0; i < 100_000; i++) open += `<${tags[i % tags.length]}>`;
  const o = run(Buffer.from(`<html><body>${open}<p>Text at the bottom of a very deep and unclosed tree of tags.</p></body></html>`));
  if ("article" in o) assert.ok(o.article.text.includes("Text at the bottom"), o.article.text.slice(0, 100));
});

function bigPage(targetBytes: number): Buffer {
  const para = "<p>This paragraph is one of very many in an unusually long page, with words enough to look like real prose and not a list of links.</p>\n";
  const parts = ["<html><head><title>A very long page</title></head><body><article><h1>A very long page</h1><p>The lede paragraph of the very long page starts here.</p>"];
  let size = parts[0].length;
  let i = 0;
  while (size < targetBytes) {
    const p = i % 50 === 0 ? `<h2>Section ${i / 50}</h2>\n` : para;
    parts.push(p);
    size += p.length;
    i++;
  }
  parts.push("<p>The final paragraph of the very long page ends here.</p></article></body></html>");
  return Buffer.from(parts.join(""));
}

// One big page covers the 10 MB and 20 MB cases: the default limit is 32 MiB.
test("a 20 MB page is extracted whole", { timeout: 90_000 }, () => {
  const o = run(bigPage(20 * 1024 * 1024));
  assert.ok("article" in o, "error" in o ? o.error.code : "");
  assert.ok(o.article.text.startsWith("The lede paragraph of the very long page"), o.article.text.slice(0, 80));
  assert.ok(o.article.text.endsWith("The final paragraph of the very long page ends here."), o.article.text.slice(-80));
});

test("input above maxBytes is TOO_LARGE", quick, () => {
  const o = run(fixture("wp-council-budget"), { maxBytes: 1000 });
  assert.ok("error" in o && o.error.code === "TOO_LARGE");
  const s = run("x".repeat(2000), { maxBytes: 1000 });
  assert.ok("error" in s && s.error.code === "TOO_LARGE");
});

test("a huge single text node (5 MB, no tags) is kept as text", { timeout: 30_000 }, () => {
  const words = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(100_000);
  const o = run(Buffer.from(`<html><body><article><p>${words}</p></article></body></html>`));
  assert.ok("article" in o);
  assert.ok(o.article.wordCount > 700_000, `wordCount ${o.article.wordCount}`);
});

test("a page of 50,000 tiny elements stays fast", { timeout: 30_000 }, () => {
  const cells = Array.from({ length: 50_000 }, (_, i) => `<span class="c${i % 7}">w${i}</span>`).join("");
  const o = run(Buffer.from(`<html><body><article><p>Intro paragraph of the page with many spans.</p><div>${cells}</div></article></body></html>`));
  assert.ok("article" in o);
});

test("one paragraph of 10,000 sentences, each with a linked name named like furniture, stays fast (each phrase is not read against the whole block)", { timeout: 30_000 }, () => {
  const text = Array.from({ length: 10_000 }, (_, i) => `the council met and <a class="share-link" href="/p${i}">Ana Ruiz</a> kept talking about it`).join(" ");
  const o = run(Buffer.from(`<html><body><article><h1>Council</h1><p>${text}</p></article></body></html>`));
  assert.ok("article" in o);
});

// ---- determinism ----

test("the same input gives the same output five times", { timeout: 30_000 }, () => {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.slice(0, -5));
  for (const name of names) {
    const b = fixture(name);
    const first = JSON.stringify(extract(b, { url: `https://example.com/${name}` }));
    for (let i = 0; i < 4; i++) assert.equal(JSON.stringify(extract(b, { url: `https://example.com/${name}` })), first, `${name}: run ${i + 2} differs`);
  }
});

test("explain does not change the article", quick, () => {
  const b = fixture("wp-council-budget");
  const plain = extract(b);
  const { explain, ...withExplain } = extract(b, { explain: true });
  assert.ok(explain && explain.timings && Array.isArray(explain.removals));
  assert.deepEqual(withExplain, plain);
});

test("bad options never crash: a malformed url and an unknown content type", quick, () => {
  const b = fixture("wp-council-budget");
  for (const options of [{ url: "" }, { contentType: "application/octet-stream" }, { contentType: ";;charset=" }]) {
    const o = run(b, options);
    assert.ok("article" in o, JSON.stringify(options));
  }
  // A url that is not an absolute http(s) URL is refused with a typed error (issue 20): it would be every link's base.
  for (const options of [{ url: "not a url" }, { url: "http://[::1" }, { url: "javascript:alert(1)" }]) {
    const o = run(b, options);
    assert.ok("error" in o && o.error.code === "BAD_REQUEST", JSON.stringify(options));
  }
});

test("cards of one text length, each text its own: a layout copy is looked up by its text, not compared with every earlier card (4x the cards, under 8x the time)", { timeout: 120_000 }, () => {
  const prose = "<p>" + "The council said on Monday that the flood defences along the river would be finished before winter. ".repeat(8) + "</p>";
  const page = (n: number) => {
    const cards = Array.from({ length: n }, (_, i) => `<div class="row"><p>Item number ${String(i).padStart(6, "0")} is described here in a line of exactly the same length ok and it goes on for a while longer.</p><p>Second line.</p></div>`).join("");
    return Buffer.from(`<html><head><meta property="og:type" content="article"></head><body><article><h1>Items</h1>${prose}${cards}${prose}</article></body></html>`);
  };
  // A synchronous hang cannot be cut by the test's timeout: the growth is measured instead (quadratic: 16x), in CPU
  // time (other test files run beside this one), the better of two runs (a full collection may fall in one).
  const time = (n: number) => {
    const bytes = page(n);
    let best = Infinity;
    for (let k = 0; k < 2; k++) {
      const c0 = process.cpuUsage();
      const o = run(bytes);
      const c = process.cpuUsage(c0);
      assert.ok("article" in o);
      assert.match(o.article.text, new RegExp(`Item number ${String(n - 1).padStart(6, "0")}`));
      best = Math.min(best, (c.user + c.system) / 1000);
    }
    return best;
  };
  time(1_000);
  const small = time(5_000);
  const large = time(20_000);
  assert.ok(large < small * 8, `5,000 cards ${Math.round(small)} ms, 20,000 cards ${Math.round(large)} ms of CPU`);
});
