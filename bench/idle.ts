/**
 * A process that idles between bursts: newsclip's speed on the first 60 Zyte pages before and after 20 s of idle
 * (a server between requests, a worker waiting on its queue). While a process idles, V8 runs a full collection; any
 * hidden class the compiled code relied on that no live object holds is freed then, and the code with it, so the next
 * burst runs as a fresh process's first pages do. src/shapes.ts keeps one object of each kind alive against that.
 *
 *   npm run bench:idle [-- --idle 20] [--rounds 2]
 *
 * Prints pages per CPU-second of each burst (the whole process: compiler and collector threads included).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { extract } from "../src/index.ts";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const zyte = join(shared, "bench", "zyte");
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const idleS = arg("idle", 20);
const idleRounds = arg("rounds", 2);
const truth = JSON.parse(readFileSync(join(zyte, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
const pages = Object.keys(truth)
  .sort()
  .slice(0, 60)
  .map((id) => ({ url: truth[id].url, bytes: gunzipSync(readFileSync(join(zyte, "html", `${id}.html.gz`))) }));

function burst(label: string): number {
  const c0 = process.cpuUsage();
  for (const p of pages) extract(p.bytes, { url: p.url });
  const c = process.cpuUsage(c0);
  const rate = pages.length / ((c.user + c.system) / 1e6);
  console.log(`${label.padEnd(28)} ${rate.toFixed(1).padStart(7)} pages/CPU-s`);
  return rate;
}

for (let i = 0; i < 10; i++) extract(pages[i].bytes, { url: pages[i].url });
burst("burst 1 (cold)");
burst("burst 2 (no pause)");
const warm = burst("burst 3 (no pause)");
let worst = Infinity;
for (let r = 0; r < idleRounds; r++) {
  await new Promise((resolve) => setTimeout(resolve, idleS * 1000));
  worst = Math.min(worst, burst(`burst after ${idleS} s idle`));
}
console.log(`after idle / warm: ${(worst / warm).toFixed(2)} (the worst burst after a pause over the last one before)`);
