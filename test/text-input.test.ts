import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { extractText } from "../src/text/index.ts";
import { decodeText } from "../src/cli/extract.ts";
import { NewsclipError, type ErrorCode } from "../src/errors.ts";

const fixture = readFileSync(join(import.meta.dirname, "fixtures", "text", "en-harbour.txt"), "utf8");

function code(run: () => unknown): ErrorCode | "none" {
  try {
    run();
    return "none";
  } catch (err) {
    assert.ok(err instanceof NewsclipError, `not a NewsclipError: ${err}`);
    return err.code;
  }
}

test("empty and blank text: EMPTY_INPUT", () => {
  assert.equal(code(() => extractText("")), "EMPTY_INPUT");
  assert.equal(code(() => extractText(" \n\r\n\t \u2028 ")), "EMPTY_INPUT");
  assert.equal(code(() => extractText(null as unknown as string)), "EMPTY_INPUT");
});

test("not a string: BAD_REQUEST", () => {
  assert.equal(code(() => extractText(Buffer.from("hello") as unknown as string)), "BAD_REQUEST");
});

test("binary data: NOT_TEXT", () => {
  const bytes = randomBytes(64 * 1024);
  assert.equal(code(() => extractText(decodeText(bytes))), "NOT_TEXT");
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096)]);
  assert.equal(code(() => extractText(decodeText(png))), "NOT_TEXT");
});

test("over the size limit: TOO_LARGE", () => {
  assert.equal(code(() => extractText(fixture, { maxBytes: 100 })), "TOO_LARGE");
  assert.equal(code(() => extractText(fixture, { maxBytes: 1_000_000 })), "none");
});

test("a single 10 MB line: one paragraph, no hang", () => {
  const a = extractText("word ".repeat(2_000_000));
  assert.equal(a.blocks.length, 1);
  const b = extractText("a".repeat(10_000_000));
  assert.ok(b.blocks.length <= 1);
});

test("lines that tempt the credit and byline patterns to backtrack finish", () => {
  for (const line of ["Aaaa ".repeat(90), "By " + "Aaaa, ".repeat(30), "Photo: " + "a: ".repeat(190), "©" + " ©".repeat(290)]) {
    extractText(`${line}\n${line}.\n`);
  }
});

test("mixed line endings read the same as LF", () => {
  const lines = fixture.split("\n");
  const ends = ["\r\n", "\n", "\r", "\u2028"];
  const mixed = lines.map((l, i) => l + ends[i % ends.length]).join("");
  const a = extractText(fixture);
  const b = extractText(mixed);
  assert.deepEqual(b.blocks, a.blocks);
  assert.equal(b.title, a.title);
});

test("UTF-16 with a BOM (LE and BE) and UTF-8 with a BOM decode to the same article", () => {
  const a = extractText(fixture);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture, "utf16le")]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(fixture, "utf16le").swap16()]);
  const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture, "utf8")]);
  for (const bytes of [le, be, u8]) assert.deepEqual(extractText(decodeText(bytes)).blocks, a.blocks);
});

test("control characters and zero-width marks scattered in text are dropped, not fatal", () => {
  const dirty = fixture.replace(/ /g, (m, i: number) => (i % 97 === 0 ? "\u200b " : i % 89 === 0 ? "\u0007 " : m));
  const a = extractText(dirty);
  assert.ok(a.text.includes("Port Alder’s council voted"));
  assert.ok(!/[\u0007\u200b]/.test(a.text));
});

test("text with no story gives an empty article, not an error", () => {
  const a = extractText("Home\nNews\nSport\nWeather\nContact\n");
  assert.equal(a.text, "");
  assert.deepEqual(a.blocks, []);
  assert.equal(a.wordCount, 0);
});

test("random mixes of lines never crash: an article or a NewsclipError", () => {
  const pool = [
    "Advertisement", "44", "01:54", "• A key point about the matter", "1. First step", "— Name (@handle) May 3, 2024",
    "Photo: Someone/Agency", "By Jane Doe and John Roe", "Updated 1:39 am EST, Wednesday, November 20, 2019",
    "A reasonably long sentence of the story that carries the news of the day, with a final stop.",
    "Share this:", "Related", "Comments", "2 days ago at 07:52 am", "Home", "News", "広告", "市は20日、駅前公園の再整備計画を発表した。",
    "إعلان", "Реклама", "\u200b", "\u0007", "🙂🙂🙂", "x".repeat(700), "Aaaa ".repeat(40), "In this file photo, a thing.",
    "HeadlineIn Title Case Goes HereThe summary of it runs on.", ">", "- ", "•", "© 2024", "",
  ];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let n = 0; n < 300; n++) {
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => pool[Math.floor(rnd() * pool.length)]);
    const text = lines.join(["\n", "\r\n", "\n\n", "\r"][Math.floor(rnd() * 4)]);
    try {
      const a = extractText(text, { url: rnd() < 0.5 ? "https://site.example/a-key-point" : undefined, explain: rnd() < 0.5 });
      assert.equal(typeof a.text, "string");
      assert.ok(Array.isArray(a.blocks));
    } catch (err) {
      assert.ok(err instanceof NewsclipError && err.code !== "INTERNAL", `${err}`);
    }
  }
});
