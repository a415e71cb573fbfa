import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readWarc } from "../src/batch/warc.ts";
import type { InputEvents, Item } from "../src/batch/inputs.ts";
import { recordId, warcRecord, type WarcRecordSpec } from "./fixtures/batch/warc.ts";

interface Seen {
  items: { id: string; url?: string; contentType?: string; body?: string; error?: string }[];
  skipped: Record<string, number>;
  warnings: string[];
}

async function read(bytes: Buffer, chunk = bytes.length): Promise<Seen> {
  const seen: Seen = { items: [], skipped: {}, warnings: [] };
  const ev: InputEvents = {
    skipped: (r) => (seen.skipped[r] = (seen.skipped[r] ?? 0) + 1),
    warn: (m) => seen.warnings.push(m),
    bytes: () => {},
  };
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  for await (const item of readWarc("t.warc", chunks(), { text: false, maxBytes: 1 << 20 }, ev) as AsyncGenerator<Item>) {
    if (item.kind === "problem") seen.items.push({ id: item.id, url: item.url, error: item.error.code });
    else seen.items.push({ id: item.id, url: item.url, contentType: item.contentType, body: Buffer.from(await item.read()).toString() });
  }
  return seen;
}

const page = (i: number): WarcRecordSpec => ({ url: `https://courier.example/news/${i}`, body: `<html><body><p>page ${i} ✓</p></body></html>`, seed: `p${i}` });

/** A response whose HTTP body is sent chunked and gzip-encoded, as some crawlers store it. */
function encoded(seed: string, html: string): Buffer {
  const gz = gzipSync(html);
  const chunked = Buffer.concat([Buffer.from(`${gz.length.toString(16)}\r\n`), gz, Buffer.from("\r\n0\r\n\r\n")]);
  const block = Buffer.concat([Buffer.from("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"), chunked]);
  const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: ${recordId(seed)}\r\nWARC-Target-URI: <https://courier.example/enc>\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), block, Buffer.from("\r\n\r\n")]);
}

test("WARC records read the same whatever the chunking: pages, skips, an encoded body decoded by warcio", async () => {
  const bytes = Buffer.concat([
    warcRecord({ type: "warcinfo", seed: "info" }),
    warcRecord(page(1)),
    warcRecord({ type: "request", url: "https://courier.example/news/1", seed: "req" }),
    warcRecord({ url: "https://courier.example/a.png", contentType: "image/png", body: "PNG", seed: "png" }),
    warcRecord({ url: "https://courier.example/gone", status: 404, body: "<html>gone</html>", seed: "404" }),
    encoded("enc", "<html><body><p>decoded</p></body></html>"),
    warcRecord({ type: "resource", url: "https://courier.example/res", body: "<html><p>res</p></html>", seed: "res" }),
    warcRecord(page(2)),
  ]);
  const whole = await read(bytes);
  assert.deepEqual(
    whole.items.map((i) => [i.id, i.url, i.body]),
    [
      [recordId("p1"), "https://courier.example/news/1", "<html><body><p>page 1 ✓</p></body></html>"],
      [recordId("enc"), "https://courier.example/enc", "<html><body><p>decoded</p></body></html>"],
      [recordId("res"), "https://courier.example/res", "<html><p>res</p></html>"],
      [recordId("p2"), "https://courier.example/news/2", "<html><body><p>page 2 ✓</p></body></html>"],
    ],
  );
  assert.equal(whole.items[0].contentType, "text/html; charset=utf-8");
  assert.deepEqual(whole.skipped, { warcinfo: 1, request: 1, "not-html": 1, "http-4xx": 1 });
  assert.deepEqual(whole.warnings, []);
  for (const chunk of [1, 3, 7, 64]) assert.deepEqual(await read(bytes, chunk), whole, `chunks of ${chunk} bytes`);
});

test("a WARC going wrong midway: warcio reads the rest; a cut record is reported with its id", async () => {
  const short = { ...page(2), lengthDelta: -10 };
  const long = { ...page(3), lengthDelta: 200 };
  const bytes = Buffer.concat([warcRecord(page(1)), warcRecord(short), warcRecord(page(4)), warcRecord(long), warcRecord(page(5)), warcRecord(page(6))]);
  const seen = await read(bytes, 100);
  const ids = seen.items.map((i) => i.id);
  assert.ok(ids.includes(recordId("p1")) && ids.includes(recordId("p4")) && ids.includes(recordId("p6")));
  assert.equal(seen.warnings.length >= 1, true, "the short record is a warning");
  assert.equal(seen.items.filter((i) => i.error === "READ_FAILED").length, 1, "the swallowed record is reported once");
  const cut = warcRecord(page(7));
  const end = await read(Buffer.concat([warcRecord(page(1)), cut.subarray(0, cut.length - 30)]));
  assert.deepEqual(end.items.map((i) => [i.id, i.error]), [[recordId("p1"), undefined], [recordId("p7"), "READ_FAILED"]]);
});

test("a WARC header with bare LF line ends is left to warcio, which finds the records after it", async () => {
  const lf = Buffer.from(warcRecord(page(1)).toString().replace(/^([\s\S]*?)\r\n\r\n/, (h) => h.replace(/\r\n/g, "\n")));
  const console = globalThis.console.warn;
  globalThis.console.warn = () => {}; // warcio's own note on the misread record
  try {
    const seen = await read(Buffer.concat([warcRecord(page(0)), lf, warcRecord(page(2)), warcRecord(page(3))]));
    const ids = seen.items.filter((i) => !i.error).map((i) => i.id);
    assert.deepEqual([ids[0], ids.at(-1)], [recordId("p0"), recordId("p3")]);
  } finally {
    globalThis.console.warn = console;
  }
});
