/**
 * Load test of `newsclip serve` on loopback, against the library's own
 * multi-worker throughput on the same cores.
 *
 *   npm run bench:serve [-- --duration=30 --connections=50 --threads=N --gate]
 *
 * 1. Library: a pool of N extraction workers (the server's own worker module)
 *    kept busy with the benchmark pages for a quarter of the duration before
 *    the server runs and a quarter after (the machine's load drifts): pages/s.
 * 2. Server: a child process serving the API with N workers; autocannon posts
 *    the same pages as raw HTML from 50 connections for the full duration.
 *    Its RSS is sampled every second.
 * Prints latency p50/p99, pages/s, the ratio to (1), failures and memory;
 * writes .bench-out/serve.json. With --gate, exits 1 on a failed request,
 * a ratio under 0.8 or memory growth over 25% after warm-up.
 */
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { spawn } from "node:child_process";
import autocannon from "autocannon";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")).map(([k, v]) => [k, v ?? "true"]));
const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const dir = join(shared, "bench", "zyte");

if (args.server) {
  // Child mode: just the server, so its memory can be watched from outside.
  const { buildServer } = await import("../src/serve/app.ts");
  const app = await buildServer({ pool: { threads: Number(args.threads) }, saveByDefault: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  process.stdout.write(address + "\n");
  process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
} else {
  await main();
}

async function main(): Promise<void> {
  if (!existsSync(dir)) {
    console.log(`bench:serve: ${dir} not found, skipped`);
    return;
  }
  const duration = Number(args.duration ?? 30);
  const connections = Number(args.connections ?? 50);
  const threads = Number(args.threads ?? availableParallelism());
  const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
  const pages = readdirSync(join(dir, "html"))
    .filter((f) => f.endsWith(".html.gz"))
    .sort()
    .map((f) => {
      const id = f.replace(/\.html\.gz$/, "");
      return { url: truth[id]?.url ?? `https://bench.test/${id}`, html: gunzipSync(readFileSync(join(dir, "html", f))) };
    });
  const mb = pages.reduce((n, p) => n + p.html.length, 0) / 1e6;
  console.log(`bench:serve: ${pages.length} pages (${mb.toFixed(1)} MB), ${threads} worker threads, ${connections} connections, ${duration} s`);

  // 1. The library on the same cores.
  const { ExtractPool } = await import("../src/serve/pool.ts");
  const pool = new ExtractPool({ threads, timeoutMs: 60_000 });
  await Promise.all(pages.slice(0, threads * 2).map((p) => pool.run({ html: new Uint8Array(p.html), url: p.url, contentType: "text/html; charset=utf-8" })));
  let next = 0;
  const library = async (seconds: number): Promise<{ pages: number; seconds: number }> => {
    let done = 0;
    const end = performance.now() + seconds * 1000;
    const t0 = performance.now();
    const lane = async (): Promise<void> => {
      while (performance.now() < end) {
        const p = pages[next++ % pages.length];
        await pool.run({ html: new Uint8Array(p.html), url: p.url, contentType: "text/html; charset=utf-8" });
        done++;
      }
    };
    await Promise.all(Array.from({ length: threads * 4 }, lane));
    return { pages: done, seconds: (performance.now() - t0) / 1000 };
  };
  const before = await library(duration / 4);
  console.log(`library (before): ${before.pages} pages in ${before.seconds.toFixed(1)} s = ${(before.pages / before.seconds).toFixed(1)} pages/s`);

  // 2. The server, in its own process.
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--server", `--threads=${threads}`], { stdio: ["ignore", "pipe", "inherit"] });
  const base = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
  });
  try {
    // Warm-up: every worker has loaded and run the pipeline before measuring.
    for (const p of pages.slice(0, threads * 3)) {
      const res = await fetch(`${base}/v1/extract?url=${encodeURIComponent(p.url)}`, { method: "POST", headers: { "content-type": "text/html; charset=utf-8" }, body: p.html });
      await res.arrayBuffer();
    }
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssOf(child.pid!)), 1000);
    let i = 0;
    const result = await autocannon({
      url: base,
      connections,
      duration,
      timeout: 60,
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            const p = pages[i++ % pages.length];
            return { ...req, path: `/v1/extract?url=${encodeURIComponent(p.url)}`, headers: { "content-type": "text/html; charset=utf-8" }, body: p.html };
          },
        },
      ],
    });
    clearInterval(sampler);
    child.kill("SIGTERM");
    const after = await library(duration / 4);
    console.log(`library (after):  ${after.pages} pages in ${after.seconds.toFixed(1)} s = ${(after.pages / after.seconds).toFixed(1)} pages/s`);
    const libRate = (before.pages + after.pages) / (before.seconds + after.seconds);
    const ok = result["2xx"];
    const failed = result.non2xx + result.errors + result.timeouts;
    const rate = ok / result.duration;
    const ratio = rate / libRate;
    const third = Math.max(1, Math.floor(rss.length / 3));
    const mid = median(rss.slice(third, 2 * third));
    const last = median(rss.slice(-third));
    const growth = mid ? last / mid - 1 : 0;
    const report = {
      pages: pages.length,
      threads,
      connections,
      durationS: result.duration,
      requests: ok + failed,
      ok,
      failed: { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts },
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      pagesPerSecond: round(rate),
      libraryPagesPerSecond: round(libRate),
      library: { before, after },
      ratio: round(ratio, 3),
      rssMB: { first: mb1(rss[0]), middle: mb1(mid), last: mb1(last), max: mb1(Math.max(...rss)), growthAfterWarmup: round(growth, 3) },
    };
    console.log(`server:  ${ok} pages in ${result.duration} s = ${rate.toFixed(1)} pages/s (${(ratio * 100).toFixed(0)}% of the library)`);
    console.log(`latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`failed:  ${failed} (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
    console.log(`memory:  RSS ${report.rssMB.first} → ${report.rssMB.middle} → ${report.rssMB.last} MB (max ${report.rssMB.max}), ${(growth * 100).toFixed(1)}% over the second half`);
    mkdirSync(".bench-out", { recursive: true });
    writeFileSync(".bench-out/serve.json", JSON.stringify(report, null, 2) + "\n");
    const problems = [failed > 0 ? `${failed} failed requests` : "", ratio < 0.8 ? `throughput ${(ratio * 100).toFixed(0)}% < 80% of the library` : "", growth > 0.25 ? `memory grew ${(growth * 100).toFixed(0)}%` : ""].filter(Boolean);
    console.log(problems.length ? `verdict: FAIL (${problems.join("; ")})` : "verdict: ok (no failures, ≥ 80% of library throughput, memory flat)");
    if (args.gate && problems.length) process.exitCode = 1;
  } finally {
    child.kill("SIGTERM");
    await pool.close().catch(() => {});
  }
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function round(x: number, d = 1): number {
  return Math.round(x * 10 ** d) / 10 ** d;
}

function mb1(bytes: number): number {
  return round(bytes / 1048576, 0);
}
