import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const seed = join(root, "..", "shared", "seed", "scmp-china-japan-scraped.txt");
const fixture = join(root, "test", "fixtures", "text", "de-wetter.txt");

function cli(args: string[], input?: Buffer): string {
  return execFileSync(process.execPath, ["--import", "tsx", join(root, "src", "cli", "index.ts"), ...args], { cwd: root, input, encoding: "utf8" });
}

test("newsclip extract --text - reads UTF-16 from stdin", () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(fixture, "utf8"), "utf16le")]);
  const a = JSON.parse(cli(["extract", "--text", "-", "--format", "json", "--url", "https://zeitung.example/wetter/unwetter-alpenvorland"], bytes));
  assert.equal(a.title, "Unwetter im Alpenvorland: Bauern bangen um die Ernte nach wochenlangem Regen");
  assert.equal(a.url, "https://zeitung.example/wetter/unwetter-alpenvorland");
  assert.ok(a.text.startsWith("Nach dem nassesten Winter"));
});

test("newsclip extract --text FILE --format json on the seed", { skip: !existsSync(seed) && "../shared/seed not present" }, () => {
  const a = JSON.parse(cli(["extract", "--text", seed, "--format", "json"]));
  assert.equal(a.title, "China-Japan ties: Beijing rolls out high-level talks for Tokyo foreign minister but little progress, say analysts");
  assert.equal(a.keyPoints.length, 2);
  assert.equal(a.leadImage.credit, "Kyodo/via Reuters");
  assert.ok(a.text.startsWith("China and Japan failed to make any breakthroughs"));
  assert.ok(a.text.endsWith("finance and healthcare."));
});
