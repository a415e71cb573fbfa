/**
 * Generates schema/article.schema.json from the `Article` type in
 * src/article.ts, stamped with SCHEMA_VERSION.
 *   npm run schema:build          write the schema
 *   npm run schema:build -- --check   exit 1 when the committed file is stale
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createGenerator } from "ts-json-schema-generator";
import { SCHEMA_VERSION } from "../src/article.ts";

const root = join(import.meta.dirname, "..");
const out = join(root, "schema", "article.schema.json");

export function buildSchema(): string {
  const schema = createGenerator({
    path: join(root, "src", "article.ts"),
    tsconfig: join(root, "tsconfig.json"),
    type: "Article",
    expose: "export",
    topRef: true,
    jsDoc: "extended",
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema("Article");
  const doc = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: `https://newsclip.dev/schema/article-${SCHEMA_VERSION}.json`,
    title: "newsclip Article",
    description: `The output of newsclip's extract and extractText, schema version ${SCHEMA_VERSION}.`,
    version: SCHEMA_VERSION,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const text = buildSchema();
  if (process.argv.includes("--check")) {
    const have = existsSync(out) ? readFileSync(out, "utf8") : "";
    if (have !== text) {
      console.error("schema/article.schema.json is stale: run npm run schema:build");
      process.exit(1);
    }
    console.log("schema up to date");
  } else {
    mkdirSync(join(root, "schema"), { recursive: true });
    writeFileSync(out, text);
    console.log(`wrote ${out} (version ${SCHEMA_VERSION})`);
  }
}
