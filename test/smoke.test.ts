import { test } from "node:test";
import assert from "node:assert/strict";
import { extract, SCHEMA_VERSION } from "../src/index.ts";

test("extract returns a typed article for a tiny page", () => {
  const a = extract(Buffer.from("<html><body><article><h1>Hello</h1><p>First paragraph of the story, long enough to count.</p></article></body></html>"), { url: "https://example.com/a" });
  assert.equal(a.schemaVersion, SCHEMA_VERSION);
  assert.match(a.text, /First paragraph/);
});
