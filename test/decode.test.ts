/**
 * The decode stage: which charset wins, in which order, and that legacy
 * encodings come out right. Pages are our own fixtures stored as bytes, or
 * byte strings built here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decode } from "../src/stages/decode.ts";
import { TextDecoder as Win1252Decoder } from "@exodus/bytes/encoding.js";
import { extract } from "../src/index.ts";

const dir = join(import.meta.dirname, "fixtures", "html");
const fixture = (name: string) => readFileSync(join(dir, `${name}.html`));
const expectOf = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.expect.json`), "utf8")) as { title: string; mustContain: string[] };

/** Bytes from an ASCII template where `{xx}` is one raw byte in hex. */
function bytes(template: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < template.length; i++) {
    if (template[i] === "{" && template[i + 3] === "}") {
      out.push(parseInt(template.slice(i + 1, i + 3), 16));
      i += 3;
    } else out.push(template.charCodeAt(i));
  }
  return Buffer.from(out);
}

/** The same page without its charset declaration (the tag removed, as on pages that never had one). */
function undeclared(b: Buffer): Buffer {
  const s = b.toString("latin1").replace(/<meta\s+http-equiv=["']?content-type["']?[^>]*>|<meta\s+charset=[^>]*>/gi, "");
  assert.notEqual(s.length, b.length, "fixture had no declaration to remove");
  return Buffer.from(s, "latin1");
}

/** The same page with its declaration replaced by another one. */
function redeclared(b: Buffer, charset: string): Buffer {
  const s = b.toString("latin1").replace(/<meta\s+http-equiv=["']?content-type["']?[^>]*>|<meta\s+charset=[^>]*>/gi, `<meta charset="${charset}">`);
  return Buffer.from(s, "latin1");
}

const opts = { timeout: 10_000 };

test("a UTF-8 BOM wins over a wrong <meta> declaration", opts, () => {
  const d = decode(fixture("pt-lota-bom-utf8"));
  assert.equal(d.source, "bom");
  assert.equal(d.charset, "utf-8");
  assert.ok(d.html.includes("Cooperativa de pescadores abre lota própria"));
  assert.ok(!d.html.startsWith("\uFEFF"), "the BOM is not part of the text");
});

test("UTF-16 pages with a BOM decode in both byte orders", opts, () => {
  const page = "<html><head><title>Bärenhöhle</title></head><body><p>Grüße aus Köln – “zitiert”</p></body></html>";
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, "utf16le")]);
  const be = Buffer.from(le);
  be.swap16();
  for (const b of [le, be]) {
    const d = decode(b);
    assert.equal(d.source, "bom");
    assert.match(d.charset, /^utf-16/);
    assert.ok(d.html.includes("Grüße aus Köln – “zitiert”"), d.html.slice(0, 80));
  }
});

test("the Content-Type charset wins over the page's own declaration", opts, () => {
  const b = redeclared(fixture("ru-muzei-cp1251"), "iso-8859-1");
  const d = decode(b, "text/html; charset=windows-1251");
  assert.equal(d.source, "content-type");
  assert.equal(d.charset, "windows-1251");
  assert.ok(d.html.includes(expectOf("ru-muzei-cp1251").title));
});

test("the <meta> prescan reads http-equiv and charset forms", opts, () => {
  const sjis = decode(fixture("ja-sakagura-shiftjis"));
  assert.equal(sjis.source, "meta");
  assert.equal(sjis.charset, "shift_jis");
  assert.ok(sjis.html.includes(expectOf("ja-sakagura-shiftjis").mustContain[0]));

  const b = redeclared(fixture("ko-doseogwan-euckr"), "euc-kr");
  const kr = decode(b);
  assert.equal(kr.source, "meta");
  assert.ok(kr.html.includes(expectOf("ko-doseogwan-euckr").title));
});

test("valid UTF-8 wins over a wrong single-byte declaration", opts, () => {
  const page = Buffer.from('<html><head><meta charset="windows-1252"><title>Café</title></head><body><p>Ein “Zitat” – über Straßen, 5 €.</p></body></html>', "utf8");
  const d = decode(page);
  assert.equal(d.charset, "utf-8");
  assert.ok(d.html.includes("Ein “Zitat” – über Straßen, 5 €."), d.html);
});

test("undeclared valid UTF-8 is read as UTF-8", opts, () => {
  const d = decode(Buffer.from("<p>Ærøskøbing, Łódź, 東京, Ελλάδα</p>", "utf8"));
  assert.equal(d.charset, "utf-8");
  assert.equal(d.source, "utf8");
  assert.ok(d.html.includes("Ærøskøbing, Łódź, 東京, Ελλάδα"));
});

test("a <meta charset> past the 1024-byte prescan is still found", opts, () => {
  const page = fixture("ru-muzei-cp1251").toString("latin1");
  const padded = page.replace("<head>", `<head><script>var config = ${JSON.stringify("x".repeat(3000))};</script>`);
  const d = decode(Buffer.from(padded, "latin1"));
  assert.equal(d.source, "meta-late");
  assert.equal(d.charset, "windows-1251");
  assert.ok(d.html.includes(expectOf("ru-muzei-cp1251").title));
});

test("undeclared windows-1252 decodes 0x80-0x9F to € and typographic quotes (Node 20's TextDecoder does not)", opts, () => {
  const b = bytes("<p>Price: {80}5 {93}quoted{94} {96} dash {97} ellipsis{85} it{92}s {8a}koda {9c}uvre</p>");
  const d = decode(b);
  assert.equal(d.charset, "windows-1252");
  assert.ok(d.html.includes("Price: €5 “quoted” – dash — ellipsis… it’s Škoda œuvre"), d.html);
});

test("a declared iso-8859-1 page is decoded as windows-1252, as browsers do", opts, () => {
  const b = bytes('<html><head><meta charset="iso-8859-1"></head><body><p>{93}Bient{f4}t{94}, dit-elle {96} 20 {80}</p></body></html>');
  const d = decode(b);
  assert.ok(d.html.includes("“Bientôt”, dit-elle – 20 €"), d.html);
});

test("undeclared windows-1252 French text decodes accents, guillemets and the euro sign", opts, () => {
  const d = decode(fixture("fr-cooperative-cp1252-undeclared"));
  assert.equal(d.charset, "windows-1252");
  assert.ok(d.html.includes("« Ce fromage, c’est notre paysage. Si on ferme, ce sont les alpages qui se referment. »"));
  assert.ok(d.html.includes("8 000 € de sa poche"));
});

// Statistical detection: the same pages as the declared fixtures, with the declaration removed.
const detected: [string, string][] = [
  ["ru-muzei-cp1251", "windows-1251"],
  ["zh-laojie-gbk", "GBK"],
  ["ko-doseogwan-euckr", "EUC-KR"],
  ["cs-most-iso88592", "ISO-8859-2"],
  ["ja-sakagura-shiftjis", "Shift_JIS"],
];
for (const [name, label] of detected) {
  test(`declared ${label} decodes (${name})`, opts, () => {
    const a = extract(fixture(name), { explain: true });
    assert.equal(a.title?.replace(/\s+/g, " "), expectOf(name).title.replace(/\s+/g, " "));
    assert.ok(a.text.includes(expectOf(name).mustContain[0]), a.text.slice(0, 100));
  });
  test(`undeclared ${label} is detected (${name})`, opts, () => {
    const d = decode(undeclared(fixture(name)));
    assert.ok(d.html.includes(expectOf(name).title), `${d.charset} (${d.source}): ${/<h1[^>]*>([^]*?)<\/h1>/.exec(d.html)?.[1]}`);
  });
}

test("undeclared Shift_JIS short page is detected", opts, () => {
  const d = decode(fixture("ja-asaichi-shiftjis-undeclared"));
  assert.ok(d.html.includes(expectOf("ja-asaichi-shiftjis-undeclared").title), `${d.charset} (${d.source})`);
});

test("invalid UTF-8 in a page declared UTF-8 becomes U+FFFD, never an error", opts, () => {
  const b = Buffer.concat([Buffer.from('<html><head><meta charset="utf-8"></head><body><article><p>Broken bytes here: '), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from(" and the story goes on for a while longer so it counts as text.</p></article></body></html>")]);
  const d = decode(b);
  assert.equal(d.charset, "utf-8");
  assert.ok(d.html.includes("\uFFFD"));
  const a = extract(b);
  assert.match(a.text, /the story goes on/);
});

test("an unknown charset label falls back instead of failing", opts, () => {
  const d = decode(Buffer.from("<p>plain ascii text</p>"), "text/html; charset=x-no-such-charset");
  assert.ok(d.html.includes("plain ascii text"));
  const d2 = decode(Buffer.from('<meta charset="klingon"><p>plain ascii text</p>'));
  assert.ok(d2.html.includes("plain ascii text"));
});

test("a string input is used as it is, minus a leading BOM", opts, () => {
  const d = decode("\uFEFF<p>déjà</p>");
  assert.equal(d.html, "<p>déjà</p>");
});

test("a page whose UTF-8 was encoded twice (Latin-1 or Windows-1252 on the way) is read once more; one quoted 'â€™' is left alone", opts, () => {
  const page = "<html><head><meta charset=\"utf-8\"><title>A DIY investor’s guide — 2025</title></head><body><p>It’s the “plan” that counts — and the café’s reçu, and the investor’s patience.</p></body></html>";
  const once = Buffer.from(page, "utf8");
  const viaLatin1 = Buffer.from(once.toString("latin1"), "utf8");
  const via1252 = Buffer.from(new Win1252Decoder("windows-1252").decode(once), "utf8");
  assert.ok(via1252.includes(Buffer.from("â€™", "utf8")));
  for (const twice of [viaLatin1, via1252]) {
    const d = decode(twice, undefined, undefined);
    assert.equal(d.html, page);
    assert.equal(d.undoubled, true);
    const a = extract(twice, { url: "https://news.example/guide" });
    assert.equal(a.title, "A DIY investor’s guide — 2025");
    assert.match(a.text, /the café’s reçu/);
  }
  // An article about mojibake that quotes it once, beside real typographic quotes: the page is not re-read.
  const quoted = Buffer.from("<html><head><meta charset=\"utf-8\"></head><body><p>Broken pages show â€™ where “it’s” was meant, and Ã© for é.</p></body></html>", "utf8");
  assert.equal(decode(quoted, undefined, undefined).undoubled, undefined);
});
