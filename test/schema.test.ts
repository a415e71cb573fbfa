/**
 * The published JSON Schema: generated from the Article type, committed up to
 * date, and valid for every golden page's full output.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { extract, extractText, SCHEMA_VERSION } from "../src/index.ts";
import { buildSchema } from "../scripts/build-schema.ts";

const root = join(import.meta.dirname, "..");
const committed = readFileSync(join(root, "schema", "article.schema.json"), "utf8");
const schema = JSON.parse(committed) as Record<string, unknown>;

test("schema: committed file matches the Article type (npm run schema:build)", () => {
  assert.equal(committed, buildSchema());
});

test("schema: carries the schema version and is published by package.json", () => {
  assert.equal(schema.version, SCHEMA_VERSION);
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.equal(pkg.exports["./schema.json"], "./schema/article.schema.json");
  assert.ok(pkg.files.includes("schema"));
});

test("schema: every golden page's article validates", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  // Every fixture page of every area: the schema must hold for all of them.
  const base = join(import.meta.dirname, "fixtures");
  const dirs = readdirSync(base, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(base, d.name));
  let n = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".html"))) {
      const html = readFileSync(join(dir, f), "utf8");
      const a = extract(Buffer.from(html), { url: `https://news.example.com/story/${f}`, explain: true });
      assert.ok(validate(JSON.parse(JSON.stringify(a))), `${f}: ${ajv.errorsText(validate.errors)}`);
      n++;
    }
  }
  assert.ok(n >= 10);
  const t = extractText("A headline\n\nA first paragraph of the story, long enough to be one.\n\nAnd a second one, as long.");
  assert.ok(validate(JSON.parse(JSON.stringify(t))), ajv.errorsText(validate.errors));
});
