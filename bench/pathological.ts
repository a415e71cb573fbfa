/**
 * Time and memory of extract() on pathological page shapes (issue 20 item 3).
 *
 *   npm run bench:pathological [-- --sizes 1,4,15,30] [--shapes tiny,deep] [--limit 90]
 *
 * The default sizes, 1, 4 and 12 MB, take about 3 minutes on 2 cores; with 30 MB, about 6.
 *
 * Each shape is generated at each size (MB of HTML) and extracted in a child process of its own, so the peak RSS
 * printed is that case's alone (process.resourceUsage().maxRSS, which includes the ~100 MB of a loaded engine and the
 * page's own bytes). Every child first extracts a small page of the same shape (warm-up: JIT, module loading), then
 * times one extract() of the full page. A case over --limit seconds is killed and printed as such.
 *
 * Super-linear growth is flagged per shape: CPU time per MB at the largest size over CPU time per MB at the smallest
 * (the 1 MB case carries fixed costs, so a ratio under 1 is normal) over 2, or over the second largest size over 1.5
 * (growth the smallest case's fixed costs would hide), is flagged SUPER-LINEAR.
 */
import { spawnSync } from "node:child_process";
import { extract } from "../src/index.ts";

type Shape = { name: string; what: string; unit: (i: number) => string; head?: string; tail?: string };

const WORDS = "the council said on Monday that the new flood defences along the river would be finished before winter".split(" ");
const sentence = (i: number, n = 18) => {
  const w: string[] = [];
  for (let k = 0; k < n; k++) w.push(WORDS[(i * 7 + k * 3) % WORDS.length]);
  return w.join(" ") + ".";
};

const SHAPES: Shape[] = [
  { name: "paragraphs", what: "ordinary <p> paragraphs (the baseline)", unit: (i) => `<p>${sentence(i)} ${sentence(i + 1)} ${sentence(i + 2)}</p>\n` },
  { name: "tiny", what: "<div class=c><a href=/x>link</a></div>, one per line", unit: () => `<div class=c><a href=/x>link</a></div>\n` },
  { name: "tiny-flat", what: "the same, no newlines, one huge line", unit: () => `<div class=c><a href=/x>link</a></div>` },
  { name: "deep", what: "<div> nested as deep as the page goes, a word in each", unit: (i) => `<div class=d${i % 10}>w${i % 100} `, tail: "" },
  { name: "nested-1k", what: "runs of 1,000 nested <div>s, each run closed", unit: (i) => (i % 1000 === 999 ? `<div>x ${sentence(i, 4)}` + "</div>".repeat(1000) + "\n" : `<div>x `) },
  { name: "one-line", what: "one <p> of text without a tag or newline", head: "<p>", unit: (i) => WORDS[i % WORDS.length] + " ", tail: "</p>" },
  { name: "table", what: "one <table>, rows of 6 short cells", head: "<table>", unit: (i) => `<tr><td>${i}</td><td>cell</td><td>Name ${i % 97}</td><td>${i % 13}.5</td><td>yes</td><td>x</td></tr>\n`, tail: "</table>" },
  { name: "links", what: "a list of links to articles (a link farm)", head: "<ul>", unit: (i) => `<li><a href="https://example.com/news/${i}">Headline number ${i} about the flood</a></li>\n`, tail: "</ul>" },
  { name: "link-text", what: "paragraphs with a link every few words", unit: (i) => `<p>${sentence(i, 6)} <a href="/a/${i}">${sentence(i + 1, 3)}</a> ${sentence(i + 2, 6)} <a href="/b/${i}">link</a> end.</p>\n` },
  { name: "boxes", what: "cards of one text length, each text its own (layout-copy lookups)", unit: (i) => `<div class="card"><p>Item number ${String(i).padStart(7, "0")} is described here in a line of exactly the same length as the others.</p><p>Second line.</p></div>\n` },
  { name: "attrs", what: "elements with a 1 MB attribute value each", unit: (i) => `<div data-x="${"A".repeat(1 << 20)}" class="c${i}">${sentence(i)}</div>\n` },
  { name: "attrs-many", what: "<p>s with 200 attributes each", unit: (i) => `<p ${Array.from({ length: 200 }, (_, k) => `a${k}="v${k}"`).join(" ")}>${sentence(i)}</p>\n` },
];

function page(shape: Shape, mb: number): Buffer {
  const target = mb * 1024 * 1024;
  const head = `<!doctype html><html><head><title>A pathological page</title></head><body><h1>A pathological page</h1>${shape.head ?? ""}`;
  const tail = `${shape.tail ?? ""}</body></html>`;
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < target; i++) {
    const u = shape.unit(i);
    parts.push(u);
    size += u.length;
  }
  parts.push(tail);
  return Buffer.from(parts.join(""), "latin1");
}

function child(name: string, mb: number): void {
  const shape = SHAPES.find((s) => s.name === name)!;
  try {
    extract(page(shape, 0.05), { url: "https://example.com/a" });
  } catch {
    /* the warm-up's outcome does not matter */
  }
  const bytes = page(shape, mb);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let code = "ok";
  let words = 0;
  try {
    const a = extract(bytes, { url: "https://example.com/a", maxBytes: 64 << 20 });
    words = a.wordCount ?? 0;
  } catch (err) {
    code = (err as { code?: string }).code ?? "THROW";
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, bytes: bytes.length, code, words }) + "\n");
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const sizes = (arg("sizes") ?? "1,4,12").split(",").map(Number);
  const only = arg("shapes")?.split(",");
  const limit = Number(arg("limit") ?? 90);
  const shapes = SHAPES.filter((s) => !only || only.includes(s.name));
  console.log(`extract() on pathological shapes, one child process per case; sizes ${sizes.join(", ")} MB; limit ${limit} s a case`);
  console.log("shape        MB   wall ms    CPU ms   MB/s(CPU)  peak RSS MB  outcome");
  const flags: string[] = [];
  // An extraction that failed (other than by the limits a caller sets) is a bug: INTERNAL was a stack overflow once.
  const failed: string[] = [];
  for (const s of shapes) {
    const perMb: number[] = [];
    for (const mb of sizes) {
      const r = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", s.name, String(mb)], { encoding: "utf8", timeout: limit * 1000, maxBuffer: 1 << 20 });
      const line = r.stdout?.trim().split("\n").pop();
      if (r.error || r.status !== 0 || !line) {
        const why = r.error ? `killed after ${limit} s` : `exit ${r.status ?? r.signal}: ${(r.stderr ?? "").trim().split("\n").slice(-1)[0]?.slice(0, 80)}`;
        console.log(`${s.name.padEnd(11)} ${String(mb).padStart(3)}   ${why}`);
        perMb.push(Infinity);
        continue;
      }
      const o = JSON.parse(line) as { ms: number; cpuMs: number; rssMb: number; bytes: number; code: string; words: number };
      const realMb = o.bytes / (1024 * 1024);
      perMb.push(o.cpuMs / realMb);
      if (o.code !== "ok") failed.push(`${s.name} at ${mb} MB: ${o.code}`);
      console.log(
        `${s.name.padEnd(11)} ${String(mb).padStart(3)} ${o.ms.toFixed(0).padStart(9)} ${o.cpuMs.toFixed(0).padStart(9)} ${(realMb / (o.cpuMs / 1000)).toFixed(2).padStart(10)} ${o.rssMb.toFixed(0).padStart(12)}  ${o.code === "ok" ? `ok, ${o.words} words` : o.code}`,
      );
    }
    const last = perMb.length - 1;
    const ratio = perMb[last] / perMb[0];
    const step = last >= 2 ? perMb[last] / perMb[last - 1] : 1;
    const verdict = !Number.isFinite(perMb[0]) ? "no small case to compare" : ratio > 2 || step > 1.5 ? "SUPER-LINEAR" : "linear";
    const fmt = (r: number) => (Number.isFinite(r) ? r.toFixed(2) : "inf");
    flags.push(`${s.name}: CPU per MB at ${sizes[last]} MB / at ${sizes[0]} MB = ${fmt(ratio)}${last >= 2 ? `, / at ${sizes[last - 1]} MB = ${fmt(step)}` : ""} (${verdict})`);
  }
  console.log("\n" + flags.join("\n"));
  if (failed.length) console.log(`\nFAILED: ${failed.join("; ")}`);
  if (failed.length || flags.some((f) => f.endsWith("(SUPER-LINEAR)"))) process.exitCode = 1;
}

if (process.argv[2] === "--child") child(process.argv[3], Number(process.argv[4]));
else main();
