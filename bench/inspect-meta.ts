/**
 * Debugging aid: one fundus page's body extraction beside its truth paragraphs.
 *   tsx bench/inspect-meta.ts cc/Publisher_YYYY_MM_DD [--removals]
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { extract } from "../src/index.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "meta");
const id = process.argv[2];
const truth = (JSON.parse(readFileSync(join(dir, "fundus.json"), "utf8")) as Record<string, { url: string; paragraphs: string[]; title: string }>)[id];
const a = extract(gunzipSync(readFileSync(join(dir, "fundus-html", `${id}.html.gz`))), { url: truth.url, explain: true });
console.log("URL:", truth.url, "\nCONTAINER:", a.explain?.container, "\nRESCUES:", JSON.stringify(a.explain?.rescues));
if (process.argv.includes("--removals")) for (const r of a.explain!.removals) if (r.stage !== "clean") console.log(`  - [${r.stage}/${r.rule}] ${r.path ?? ""} :: ${r.textPreview}`);
const norm = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, " ").trim().slice(0, 40);
const pred = a.blocks.map((b) => `${b.type}: ${"text" in b ? b.text : b.type === "figure" ? `[${b.images[0]?.src ?? ""}] ${b.caption ?? ""} | ${b.credit ?? ""}` : b.type === "list" ? b.items.map((i) => i.text).join(" / ") : ""}`);
const predText = a.text.replace(/[^\p{L}\p{N}]+/gu, " ");
console.log("---- MISSING ----");
for (const p of truth.paragraphs) if (!predText.includes(norm(p))) console.log("  - " + p.slice(0, 150));
console.log("---- BLOCKS ----");
for (const p of pred) console.log("  " + p.slice(0, 150));
