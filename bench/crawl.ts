/**
 * Crawl throughput against `newsclip batch` on the same pages.
 *   npm run bench:crawl [-- --sites=20 --pages=250 --latency=50 --repeat=2]
 *
 * Serves SITES loopback sites of PAGES articles each (the Zyte benchmark's
 * 181 real pages from ../shared, in turn; the invented fixture pages when
 * that folder is missing), every response LATENCY ms late, each site's
 * robots.txt naming a sitemap of its articles. A child process crawls them
 * (politeness delay 0, one connection per host, all hosts at once) into a
 * WARC and a JSONL file; then, REPEAT times, a crawl into JSONL only (the
 * same job as batch's) and `newsclip batch` over that WARC, alternating, so
 * that both meet the same load on a shared machine.
 * Both children run under tsx with the default extraction threads. Prints
 * pages/s, CPU per page (whole process, every thread), peak RSS, the RSS of
 * the crawl at each 1,000 pages, and crawl/batch throughput. The servers run
 * in this process, so their CPU is not counted.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createInterface } from "node:readline";

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=").slice(1).join("=") ?? def;
const child = arg("child", "");

interface Measured {
  seconds: number;
  pages: number;
  cpuMs: number;
  maxRssMb: number;
  rssAt?: Record<number, number>;
  errors?: number;
}

function usage(t0: number, cpu0: NodeJS.CpuUsage, pages: number, extra: Partial<Measured> = {}): Measured {
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, pages, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra };
}

if (child === "crawl") {
  const { crawl } = await import("../src/crawl/index.ts");
  const seeds = arg("seeds", "").split(",");
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const rssAt: Record<number, number> = {};
  let articles = 0;
  let errors = 0;
  const warc = arg("warc", "");
  const it = crawl(seeds, { ...(warc ? { warc } : {}), out: arg("out", ""), allowPrivate: true, delay: 0, concurrency: seeds.length, maxDepth: 2 });
  for (let r = await it.next(); !r.done; r = await it.next()) {
    // A duplicate (same text at another URL: the bench serves 181 real pages in turn) was extracted like any page.
    if ((r.value.type === "article" || r.value.type === "duplicate") && ++articles % 1000 === 0) rssAt[articles] = Math.round(process.memoryUsage.rss() / 1048576);
    if (r.value.type === "error") errors++;
  }
  process.stdout.write(JSON.stringify(usage(t0, cpu0, articles, { rssAt, errors })) + "\n");
  process.exit(0);
}

if (child === "batch") {
  const { runBatch } = await import("../src/batch/run.ts");
  const dir = arg("in", "");
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const stats = await runBatch({ inputs: readdirSync(dir).map((f) => join(dir, f)), out: arg("out", ""), format: "jsonl" });
  process.stdout.write(JSON.stringify(usage(t0, cpu0, stats.ok, { errors: stats.errors })) + "\n");
  process.exit(0);
}

const SITES = Number(arg("sites", "20"));
const PAGES = Number(arg("pages", "250"));
const LATENCY = Number(arg("latency", "50"));
const REPEAT = Math.max(1, Number(arg("repeat", "2")));
const { Network, stories } = await import("../test/fixtures/crawl/network.ts");
const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const zyteDir = join(shared, "bench", "zyte", "html");
const real = existsSync(zyteDir) ? readdirSync(zyteDir).sort().map((f) => gunzipSync(readFileSync(join(zyteDir, f)))) : [];
const log = (m: string) => console.log(`bench:crawl: ${m}`);
log(`${SITES} sites x ${PAGES} pages, ${LATENCY} ms latency, ${real.length ? `${real.length} Zyte pages in turn` : "invented pages"}; ${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}`);

const specs = Array.from({ length: SITES }, (_, i) => {
  const list = stories(PAGES, ["news", "world", "business", "sport"], i * 7 + 1).map((s, j) => ({ ...s, slug: `${s.slug}-${i}-${j}`, ...(real.length ? { body: real[(i * PAGES + j) % real.length] } : {}) }));
  return { name: `s${i}`, title: `Site ${i}`, robots: "User-agent: *\nSitemap: {origin}/sitemap.xml\n", sections: ["news", "world", "business", "sport"], stories: list, discovery: "sitemap" as const, latencyMs: LATENCY };
});
const net = await Network.start(specs);
const tmp = mkdtempSync(join(tmpdir(), "newsclip-bench-crawl-"));

const row = (name: string, m: Measured) =>
  `${name.padEnd(6)} ${String(m.pages).padStart(6)} pages  ${m.seconds.toFixed(1).padStart(6)} s  ${(m.pages / m.seconds).toFixed(1).padStart(6)} pages/s  ${(m.cpuMs / m.pages).toFixed(1).padStart(5)} ms CPU/page  peak RSS ${m.maxRssMb} MB${m.errors ? `  errors ${m.errors}` : ""}  (load ${loadavg()[0].toFixed(1)})`;

function runChild(args: string[]): Promise<Measured> {
  const prof = process.argv.includes("--prof") && args[0] === "--child=crawl" ? ["--cpu-prof", "--cpu-prof-dir=.bench-out/prof"] : [];
  const p = spawn(process.execPath, [...prof, "--import", "tsx", join(import.meta.dirname, "crawl.ts"), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let last = "";
    createInterface({ input: p.stdout }).on("line", (l) => (last = l));
    p.on("close", (code) => (code === 0 ? resolve(JSON.parse(last) as Measured) : reject(new Error(`child exited ${code}`))));
  });
}

try {
  const seeds = Object.values(net.sites).map((s) => `${s.origin}/sitemap.xml`);
  // The crawl writing the WARC that batch reads (the gzip of every page on top of the JSONL job).
  const w = await runChild(["--child=crawl", `--seeds=${seeds.join(",")}`, `--warc=${join(tmp, "warc")}`, `--out=${join(tmp, "crawl-warc.jsonl")}`]);
  const requests = net.log.length;
  log(row("+warc", w));
  // Then the same job as batch's (pages in, JSONL out), crawl and batch alternating so that both meet the same load.
  const pairs: { c: Measured; b: Measured }[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const c = await runChild(["--child=crawl", `--seeds=${seeds.join(",")}`, `--out=${join(tmp, `crawl-${r}.jsonl`)}`]);
    log(row("crawl", c));
    const b = await runChild(["--child=batch", `--in=${join(tmp, "warc")}`, `--out=${join(tmp, `batch-${r}.jsonl`)}`]);
    log(row("batch", b));
    pairs.push({ c, b });
  }
  const rate = (m: Measured) => m.pages / m.seconds;
  const ratios = pairs.map((p) => rate(p.c) / rate(p.b));
  const best = pairs.reduce((x, y) => (rate(y.b) > rate(x.b) ? y : x));
  log(`crawl requests served (one crawl): ${requests} (robots.txt, sitemap, articles)`);
  log(`crawl RSS at 1,000-page steps: ${Object.entries(pairs[0].c.rssAt ?? {}).map(([k, v]) => `${k}: ${v} MB`).join(", ")}`);
  log(`crawl/batch throughput, pair by pair: ${ratios.map((x) => `${(x * 100).toFixed(0)}%`).join(", ")} (goal >= 80%); with the WARC written, against the fastest batch: ${((rate(w) / rate(best.b)) * 100).toFixed(0)}%`);
  log(`CPU per page: crawl ${pairs.map((p) => (p.c.cpuMs / p.c.pages).toFixed(1)).join(", ")} ms, with WARC ${(w.cpuMs / w.pages).toFixed(1)} ms, batch ${pairs.map((p) => (p.b.cpuMs / p.b.pages).toFixed(1)).join(", ")} ms`);
  mkdirSync(".bench-out", { recursive: true });
  writeFileSync(".bench-out/crawl.json", JSON.stringify({ sites: SITES, pages: PAGES, latencyMs: LATENCY, realPages: real.length > 0, crawlWithWarc: w, pairs, ratios, requests }, null, 2) + "\n");
} finally {
  await net.close().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
