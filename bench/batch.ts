/**
 * Batch throughput and memory, on the compiled CLI (as users run it).
 *   npm run bench:batch [-- --records=5000 --big=20000 --repeat=1 --keep]
 *
 * Builds in a temp dir the JS (tsc) and a WARC.gz of the 181 Zyte pages
 * repeated (each response after its request record, as in a crawl), runs
 * `newsclip batch` with 1 and 2 workers on 5,000 records and with 2 workers
 * on 20,000, and prints pages/s, the speed-up and the peak RSS of the whole
 * process tree (polled from /proc, and the process's own maxRSS). As the
 * machine's ceiling, the same number of pages is also extracted by one plain
 * process and by two at once (alternating with the batch runs).
 * Exits 1 when a target is missed: speed-up >= 1.7 on 2 workers, RSS < 600 MB,
 * RSS on 20,000 records within 15% of 5,000.
 */
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { compileCli, writeWarc, zytePages } from "./setup.ts";

const root = join(import.meta.dirname, "..");
const shared = process.env.NEWSCLIP_SHARED ?? join(root, "..", "shared");
const zyte = join(shared, "bench", "zyte");
if (!existsSync(zyte)) {
  console.log(`bench:batch: ${zyte} not found, skipped`);
  process.exit(0);
}
const arg = (name: string, def: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? def);
const RECORDS = arg("records", 5000);
const BIG = arg("big", 20000);
const REPEAT = Math.max(1, arg("repeat", 1));
const keep = process.argv.includes("--keep");

const tmp = mkdtempSync(join(tmpdir(), "newsclip-bench-batch-"));
const log = (m: string) => console.log(`bench:batch: ${m}`);

// 1. The compiled CLI, in the temp dir, resolving packages from the repo.
let t = performance.now();
const cli = compileCli(root, tmp, log);
log(`compiled in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// 2. WARC.gz files. A record is two gzip members (its WARC header, then its block): the blocks are compressed once per page.
t = performance.now();
const pages = zytePages(zyte);

async function buildWarc(path: string, n: number): Promise<number> {
  await writeWarc(path, pages, n);
  return n;
}

// 3. Runs, with the RSS of the process tree polled from /proc.
interface Run {
  records: number;
  workers: number;
  pps: number;
  seconds: number;
  rssMb: number;
  errors: number;
  lines: number;
  /** CPU seconds per page and cores kept busy: what a loaded machine cannot hide. */
  cpuPerPage: number;
  cores: number;
  /** CPU seconds per page of the main thread alone (reading input, writing output): what a second worker cannot share. */
  mainPerPage: number;
  /** 1-minute load average when the run started. */
  load: number;
}

/** CPU seconds of one thread, from /proc (utime + stime, in clock ticks of 1/100 s). */
function threadCpu(pid: number, tid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

function treeRss(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
      for (const c of readFileSync(`/proc/${p}/task/${p}/children`, "utf8").split(" ").filter(Boolean)) visit(Number(c));
    } catch {
      // the process ended between reads
    }
  };
  visit(pid);
  return kb / 1024;
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

async function run(warc: string, records: number, workers: number, pinned = false): Promise<Run> {
  const out = join(tmp, `out-${records}-${workers}.jsonl`);
  const statsFile = join(tmp, "stats.json");
  const args = [cli, "batch", warc, "--out", out, "--workers", String(workers), "--stats", statsFile, "--quiet"];
  // Pinned to one core, the main thread, the worker and V8's helper threads all share it. taskset execs node in
  // place: the pid polled below is the batch's own.
  const [cmd, argv] = pinned ? ["taskset", ["-c", "0", process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(cmd, argv, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let peak = 0;
  let main = 0;
  const load = loadavg()[0];
  const poll = setInterval(() => {
    peak = Math.max(peak, treeRss(child.pid!));
    main = threadCpu(child.pid!, child.pid!) ?? main;
  }, 100);
  const [code] = await once(child, "close");
  clearInterval(poll);
  if (code !== 0) throw new Error(`batch exited ${code}: ${stderr}`);
  const s = JSON.parse(readFileSync(statsFile, "utf8"));
  const lines = await countLines(out);
  rmSync(out);
  const r: Run = {
    records,
    workers,
    pps: s.pagesPerSecond,
    seconds: s.seconds,
    rssMb: Math.max(peak, s.peakRssMb),
    errors: s.errors,
    lines,
    cpuPerPage: s.cpuSeconds / s.records,
    cores: s.cpuSeconds / s.seconds,
    mainPerPage: main / s.records,
    load,
  };
  log(
    `${records} records, ${workers} worker(s)${pinned ? " on 1 core" : ""}: ${r.pps.toFixed(1)} pages/s, ${r.seconds.toFixed(1)} s, ${(r.cpuPerPage * 1000).toFixed(1)} CPU-ms/page ` +
      `(main thread ${(r.mainPerPage * 1000).toFixed(1)}), ${r.cores.toFixed(2)} cores busy, peak RSS ${r.rssMb.toFixed(0)} MB, ` +
      `${r.errors} errors, ${r.lines} lines, load average ${r.load.toFixed(1)} at start`,
  );
  return r;
}

const small = join(tmp, `crawl-${RECORDS}.warc.gz`);
await buildWarc(small, RECORDS);
log(`built ${RECORDS}-record WARC.gz in ${((performance.now() - t) / 1000).toFixed(1)} s (load average ${loadavg()[0].toFixed(1)}, ${availableParallelism()} cores)`);

// No batch machinery here (no input reading, pool or output): what two independent processes gain is all a second
// worker can.
const loop = join(tmp, "loop.mjs");
writeFileSync(
  loop,
  `import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
const { extract } = await import(${JSON.stringify(join(tmp, "dist", "index.js"))});
const dir = ${JSON.stringify(join(zyte, "html"))};
const pages = readdirSync(dir).filter((f) => f.endsWith(".html.gz")).sort().map((f) => gunzipSync(readFileSync(dir + "/" + f)));
const n = Number(process.argv[2]);
const t = performance.now();
for (let i = 0; i < n; i++) extract(pages[i % pages.length]);
console.log((performance.now() - t) / 1000);
`,
);
const loopRun = async (pages: number): Promise<number> => {
  // The young generation of a batch worker (DEFAULTS.workerYoungMb = 3 semi-spaces of 16 MB).
  const child = spawn(process.execPath, ["--max-semi-space-size=16", loop, String(pages)], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await once(child, "close");
  return Number(out.trim());
};
/** Pages/s of one plain process over RECORDS pages, and of two at once over half as many each. */
async function plain(): Promise<{ alone: number; pair: number }> {
  const alone = RECORDS / (await loopRun(RECORDS));
  const pair = RECORDS / Math.max(...(await Promise.all([loopRun(Math.ceil(RECORDS / 2)), loopRun(Math.ceil(RECORDS / 2))])));
  log(`plain processes: ${RECORDS} pages in one ${alone.toFixed(1)} pages/s; split over two at once ${pair.toFixed(1)} pages/s (${(pair / alone).toFixed(2)}x)`);
  return { alone, pair };
}

// Other jobs on a shared machine only ever slow a run down: with --repeat=N, 1 and 2 workers and the plain processes
// alternate N times and the fastest of each counts.
// One worker left free on two cores is not one core's worth of batch: V8 compiles and collects for it on the other
// core, and the main thread reads and writes there. Pinned to one core, the same run shows what one core does.
const canPin = availableParallelism() > 1 && spawnSync("taskset", ["-c", "0", "true"]).status === 0;
const ones: Run[] = [];
const twos: Run[] = [];
const singles: Run[] = [];
const plains: { alone: number; pair: number }[] = [];
for (let i = 0; i < REPEAT; i++) {
  ones.push(await run(small, RECORDS, 1));
  twos.push(await run(small, RECORDS, 2));
  if (canPin) singles.push(await run(small, RECORDS, 1, true));
  plains.push(await plain());
}
const fastest = (runs: Run[]) => runs.reduce((a, b) => (b.pps > a.pps ? b : a));
const one = fastest(ones);
const two = fastest(twos);
const ceiling = Math.max(...plains.map((p) => p.pair)) / Math.max(...plains.map((p) => p.alone));
if (REPEAT > 1) log(`fastest of ${REPEAT}: ${one.pps.toFixed(1)} pages/s with 1 worker, ${two.pps.toFixed(1)} with 2; plain processes ${ceiling.toFixed(2)}x`);
const big = join(tmp, `crawl-${BIG}.warc.gz`);
await buildWarc(big, BIG);
if (!keep) rmSync(small);
const twoBig = await run(big, BIG, 2);
if (!keep) rmSync(big);

const speedup = two.pps / one.pps;
const single = singles.length ? fastest(singles) : undefined;
const rssMax = Math.max(one.rssMb, two.rssMb, twoBig.rssMb);
const growth = twoBig.rssMb / two.rssMb;
const checks = [
  [`speed-up with 2 workers: ${speedup.toFixed(2)}x (target >= 1.7x; two plain processes: ${ceiling.toFixed(2)}x, the batch gets ${((100 * (speedup - 1)) / Math.max(ceiling - 1, 0.01)).toFixed(0)}% of that gain)`, speedup >= 1.7],
  [`peak RSS of the process tree: ${rssMax.toFixed(0)} MB (target < 600 MB)`, rssMax < 600],
  [`RSS at ${BIG} vs ${RECORDS} records: ${twoBig.rssMb.toFixed(0)} vs ${two.rssMb.toFixed(0)} MB, x${growth.toFixed(2)} (target <= 1.15)`, growth <= 1.15],
  [`every record written once (${one.lines}/${two.lines}/${twoBig.lines} lines)`, [...ones, ...twos].every((r) => r.lines === RECORDS) && twoBig.lines === BIG],
] as const;
for (const [text, ok] of checks) log(`${ok ? "ok  " : "FAIL"} ${text}`);
if (single)
  log(
    `info 2 workers on 2 cores against 1 worker on 1 core: ${(two.pps / single.pps).toFixed(2)}x (${two.pps.toFixed(1)} / ${single.pps.toFixed(1)} pages/s); ` +
      `1 worker left free used ${one.cores.toFixed(2)} cores`,
  );
log(`load average now ${loadavg().map((x) => x.toFixed(1)).join(" ")} (a loaded machine lowers the speed-up)`);
if (!keep) rmSync(tmp, { recursive: true, force: true });
else log(`kept ${tmp}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
