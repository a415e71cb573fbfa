/**
 * Speed and memory of newsclip against Readability.js, on the 181 pages of
 * ../shared/bench/zyte/html.
 *
 *   npm run bench:speed [-- --rounds 3] [--jsdom-full] [--passes 10] [--check]
 *   SPEED_LIMIT=20 npm run bench:speed   (the first 20 pages only: a quick try)
 *   SPEED_SOURCE=1 npm run bench:speed  (the TypeScript source through tsx instead of the compiled dist/)
 *   npm run bench:speed -- --short       (as a CLI user or a fresh worker meets it: 10 warm-up pages for every
 *                                         extractor, then 3 passes over the first 60 pages, jsdom included)
 *
 * Each peer runs in its own child process, so heaps and peak RSS are apart.
 * The parent only orchestrates: pages are gunzipped once per child before
 * any clock starts, every child does a warm-up pass, then the peers take turns
 * (ABC ABC ABC) so that a noisy neighbour on the machine hurts all of them
 * alike. Only one child works at a time: one thread each.
 *
 * newsclip gets the page as bytes (decoding is part of its job); Readability
 * gets a decoded string, as it has no decoder of its own. CPU time
 * (process.cpuUsage, user + system) is the headline figure because the
 * machine is shared; wall time is printed beside it.
 *
 * jsdom is ~50× slower than the rest, so by default each of its rounds runs a
 * third of the pages (pages i with i % rounds == round): over all rounds it
 * sees the full set once. --jsdom-full runs the full set every round.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";

const shared = process.env.NEWSCLIP_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const zyte = join(shared, "bench", "zyte");
const zyteText = join(shared, "bench", "zyte-text");

type Peer = "newsclip" | "linkedom" | "jsdom";

interface Page {
  id: string;
  url: string;
  bytes: Buffer;
  html: string;
}

interface RunResult {
  pages: number;
  errors: number;
  cpuMs: number;
  wallMs: number;
  maxRssMb: number;
}

/**
 * The engine measured: the compiled one users run (dist/, built by npm ci), or the TypeScript source (SPEED_SOURCE=1,
 * or when dist/ is missing or older than a source file: a stale build would measure other code).
 */
const ENGINE = ((): string => {
  const dist = join(import.meta.dirname, "..", "dist", "index.js");
  if (process.env.SPEED_SOURCE === "1" || !existsSync(dist)) return "../src/index.ts";
  const built = statSync(dist).mtimeMs;
  const newer = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? newer(join(dir, e.name)) : e.name.endsWith(".ts") && statSync(join(dir, e.name)).mtimeMs > built));
  return newer(join(import.meta.dirname, "..", "src")) ? "../src/index.ts" : "../dist/index.js";
})();

/** Bars from issue 2: newsclip pages per CPU-second over each peer's. */
const BARS = { jsdom: 20, linkedom: 3 } as const;

/** RSS may wobble by allocator noise; more than this from pass 2 to the last is growth. */
const MEMORY_SLACK_MB = 15;

function loadPages(): Page[] {
  const truth = JSON.parse(readFileSync(join(zyte, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
  const limit = Number(process.env.SPEED_LIMIT) || Infinity;
  return Object.keys(truth)
    .sort()
    .slice(0, limit)
    .map((id) => {
      const bytes = gunzipSync(readFileSync(join(zyte, "html", `${id}.html.gz`)));
      return { id, url: truth[id].url, bytes, html: bytes.toString("utf8") };
    });
}

/**
 * A pause between turns, so the collector's background work a pass left running finishes before the next
 * peer's turn instead of sharing the cores with it. Not a forced collection: no real workload runs one between
 * pages, it would do each extractor's own collecting off the clock, and it throws away compiled code that
 * depends on the pass's hidden classes (V8's "weak objects" deoptimisations), recompiled on the next turn.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}

function maxRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes and is the process's peak so far.
  return process.resourceUsage().maxRSS / 1024;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

// ---------------------------------------------------------------- child side

async function child(peer: Peer): Promise<void> {
  const pages = loadPages();
  const run = await runner(peer);
  const send = (m: unknown) => process.send!(m);

  const pass = (subset: Page[]): RunResult => {
    let errors = 0;
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    for (const p of subset) {
      try {
        run(p);
      } catch {
        errors++;
      }
    }
    return { pages: subset.length, errors, cpuMs: cpuMs(c0), wallMs: performance.now() - w0, maxRssMb: maxRssMb() };
  };

  process.on("message", async (msg: { cmd: string; round?: number; rounds?: number; full?: boolean; passes?: number; warm?: number }) => {
    switch (msg.cmd) {
      case "warm": {
        pass(msg.warm ? pages.slice(0, msg.warm) : pages);
        await settle();
        send({ done: "warm" });
        break;
      }
      case "run": {
        const subset = msg.full ? pages : pages.filter((_, i) => i % msg.rounds! === msg.round!);
        const result = pass(subset);
        // Settle before the next peer's turn: garbage collection this pass left pending would otherwise run on
        // the collector's background threads during that turn, on the same cores.
        await settle();
        send({ done: "run", result });
        break;
      }
      case "memory": {
        const gc = (globalThis as { gc?: () => void }).gc;
        const rss: number[] = [];
        const heap: number[] = [];
        for (let i = 0; i < msg.passes!; i++) {
          pass(pages);
          gc?.();
          gc?.();
          const m = process.memoryUsage();
          rss.push(m.rss / 1048576);
          heap.push(m.heapUsed / 1048576);
        }
        send({ done: "memory", rss, heap, gc: !!gc });
        break;
      }
      case "stages": {
        send({ done: "stages", ...(await stages(pages)) });
        break;
      }
      case "text": {
        send({ done: "text", ...(await textMode()) });
        break;
      }
      case "exit":
        process.exit(0);
    }
  });
  send({ ready: true, pages: pages.length });
}

async function runner(peer: Peer): Promise<(p: Page) => void> {
  if (peer === "newsclip") {
    const { extract } = (await import(ENGINE)) as typeof import("../src/index.ts");
    return (p) => void extract(p.bytes, { url: p.url, contentType: "text/html; charset=utf-8" });
  }
  const { Readability } = await import("@mozilla/readability");
  if (peer === "linkedom") {
    const { parseHTML } = await import("linkedom");
    return (p) => {
      const { document } = parseHTML(p.html);
      new Readability(document as unknown as Document).parse();
    };
  }
  // jsdom ships no types; this is the little of its API used here.
  const { JSDOM, VirtualConsole }: {
    JSDOM: new (html: string, options: object) => { window: { document: Document; close(): void } };
    VirtualConsole: new () => object;
  } = await import("jsdom" as string);
  // A silent console: jsdom would otherwise print every CSS parse error.
  const virtualConsole = new VirtualConsole();
  return (p) => {
    const dom = new JSDOM(p.html, { url: p.url, virtualConsole });
    try {
      new Readability(dom.window.document).parse();
    } finally {
      dom.window.close();
    }
  };
}

/** Where newsclip's time goes: explain.timings summed over the set, plus a bare parse for scale. */
async function stages(pages: Page[]): Promise<{ stages: Record<string, number>; parseOnlyMs: number; totalMs: number; slowest: [string, number][] }> {
  const { extract } = await import("../src/index.ts");
  const { parseDocument } = await import("htmlparser2");
  const sum: Record<string, number> = {};
  let totalMs = 0;
  const perPage: [string, number][] = [];
  for (const p of pages) {
    try {
      const a = extract(p.bytes, { url: p.url, contentType: "text/html; charset=utf-8", explain: true });
      let pageMs = 0;
      for (const [k, v] of Object.entries(a.explain?.timings ?? {})) {
        sum[k] = (sum[k] ?? 0) + v;
        pageMs += v;
      }
      totalMs += pageMs;
      perPage.push([p.id, pageMs]);
    } catch {
      // errors are counted by the timed passes
    }
  }
  const c0 = process.cpuUsage();
  for (const p of pages) parseDocument(p.html);
  const slowest = perPage.sort((a, b) => b[1] - a[1]).slice(0, 5);
  return { stages: sum, parseOnlyMs: cpuMs(c0), totalMs, slowest };
}

/** Text mode on the scraped-text twin of the set, when text mode is built. */
async function textMode(): Promise<{ pages: number; cpuMs: number; wallMs: number; words: number } | { skipped: string }> {
  if (!existsSync(zyteText)) return { skipped: `${zyteText} not found` };
  const { extractText } = await import("../src/index.ts");
  const truth = JSON.parse(readFileSync(join(zyte, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
  const texts = readdirSync(zyteText)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ text: readFileSync(join(zyteText, f), "utf8"), url: truth[f.slice(0, -4)]?.url }));
  const go = () => {
    let words = 0;
    for (const t of texts) {
      try {
        words += extractText(t.text, { url: t.url }).wordCount;
      } catch {
        // a failing page costs its time, nothing else
      }
    }
    return words;
  };
  go();
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const words = go();
  const result = { pages: texts.length, cpuMs: cpuMs(c0), wallMs: performance.now() - w0, words };
  if (!words) return { skipped: "extractText returns empty articles (text mode not built yet)" };
  return result;
}

// --------------------------------------------------------------- parent side

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

class Worker {
  private proc: ChildProcess;
  private waiting: ((m: any) => void)[] = [];
  constructor(readonly peer: Peer) {
    this.proc = fork(import.meta.filename, ["--child", peer], {
      execArgv: ["--import", "tsx", "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.proc.on("message", (m) => this.waiting.shift()?.(m));
    this.proc.on("exit", (code) => {
      if (code) {
        console.error(`${peer}: child exited with ${code}`);
        process.exit(1);
      }
    });
  }
  next(): Promise<any> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  ask(msg: object): Promise<any> {
    const p = this.next();
    this.proc.send(msg);
    return p;
  }
  close(): void {
    this.proc.send({ cmd: "exit" });
  }
}

const fmt = (n: number, d = 1) => n.toFixed(d);

async function parent(): Promise<void> {
  if (!existsSync(zyte)) {
    console.log(`bench:speed: ${zyte} not found, skipped`);
    return;
  }
  const short = process.argv.includes("--short");
  // Children read the page limit from the environment they inherit.
  if (short) process.env.SPEED_LIMIT = "60";
  const rounds = arg("--rounds", 3);
  const passes = arg("--passes", short ? 2 : 10);
  const jsdomFull = short || process.argv.includes("--jsdom-full");
  const peers: Peer[] = ["newsclip", "linkedom", "jsdom"];
  const t0 = performance.now();

  // Start and load one at a time: loading is not measured, but it competes for the cores.
  const workers: Record<string, Worker> = {};
  let pageCount = 0;
  for (const peer of peers) {
    const w = new Worker(peer);
    pageCount = (await w.next()).pages;
    workers[peer] = w;
  }
  console.log(`bench:speed: ${pageCount} pages, ${rounds} rounds${jsdomFull ? "" : " (jsdom: 1/" + rounds + " of the pages per round)"}, node ${process.version}, engine ${ENGINE.includes("dist") ? "dist/ (compiled)" : "src/ (TypeScript, tsx)"}`);

  for (const peer of peers) await workers[peer].ask({ cmd: "warm", warm: short || peer === "jsdom" ? 10 : 0 });

  const totals: Record<string, RunResult> = {};
  for (let round = 0; round < rounds; round++) {
    for (const peer of peers) {
      const { result } = (await workers[peer].ask({ cmd: "run", round, rounds, full: peer !== "jsdom" || jsdomFull })) as { result: RunResult };
      const t = (totals[peer] ??= { pages: 0, errors: 0, cpuMs: 0, wallMs: 0, maxRssMb: 0 });
      t.pages += result.pages;
      t.errors += result.errors;
      t.cpuMs += result.cpuMs;
      t.wallMs += result.wallMs;
      t.maxRssMb = Math.max(t.maxRssMb, result.maxRssMb);
      console.log(`  round ${round + 1} ${peer.padEnd(8)} ${String(result.pages).padStart(4)} pages  ${fmt((result.pages / result.cpuMs) * 1000).padStart(7)} pages/CPU-s  ${fmt((result.pages / result.wallMs) * 1000).padStart(7)} pages/s wall`);
    }
  }
  workers.linkedom.close();
  workers.jsdom.close();

  const rate = (p: Peer) => (totals[p].pages / totals[p].cpuMs) * 1000;
  const wallRate = (p: Peer) => (totals[p].pages / totals[p].wallMs) * 1000;
  const label: Record<Peer, string> = { newsclip: "newsclip", linkedom: "Readability.js + linkedom", jsdom: "Readability.js + jsdom" };
  console.log("\n| extractor | pages/CPU-s | pages/s wall | ms/page (CPU) | peak RSS MB | errors |");
  console.log("|---|---|---|---|---|---|");
  for (const p of peers) {
    const t = totals[p];
    console.log(`| ${label[p]} | ${fmt(rate(p))} | ${fmt(wallRate(p))} | ${fmt(t.cpuMs / t.pages, 2)} | ${fmt(t.maxRssMb, 0)} | ${t.errors} |`);
  }
  const vsJsdom = rate("newsclip") / rate("jsdom");
  const vsLinkedom = rate("newsclip") / rate("linkedom");
  const okJsdom = vsJsdom >= BARS.jsdom;
  const okLinkedom = vsLinkedom >= BARS.linkedom;
  console.log(`\nnewsclip / Readability+jsdom:    ${fmt(vsJsdom)}× CPU (${fmt(wallRate("newsclip") / wallRate("jsdom"))}× wall)  bar ≥ ${BARS.jsdom}×: ${okJsdom ? "met" : "NOT met"}`);
  console.log(`newsclip / Readability+linkedom: ${fmt(vsLinkedom)}× CPU (${fmt(wallRate("newsclip") / wallRate("linkedom"))}× wall)  bar ≥ ${BARS.linkedom}×: ${okLinkedom ? "met" : "NOT met"}`);

  const nc = workers.newsclip;
  const st = (await nc.ask({ cmd: "stages" })) as { stages: Record<string, number>; parseOnlyMs: number; totalMs: number; slowest: [string, number][] };
  console.log(`\nnewsclip time by stage (explain.timings summed over ${pageCount} pages, ${fmt(st.totalMs, 0)} ms):`);
  for (const [k, v] of Object.entries(st.stages)) console.log(`  ${k.padEnd(10)} ${fmt(v, 0).padStart(6)} ms  ${fmt((v / st.totalMs) * 100).padStart(5)} %`);
  console.log(`  (a bare htmlparser2 parseDocument of the decoded pages: ${fmt(st.parseOnlyMs, 0)} ms CPU, ${fmt((pageCount / st.parseOnlyMs) * 1000, 0)} pages/s)`);
  console.log(`  slowest pages: ${st.slowest.map(([id, ms]) => `${id.slice(0, 12)} ${fmt(ms, 0)} ms`).join(", ")}`);

  const tm = (await nc.ask({ cmd: "text" })) as { pages: number; cpuMs: number; wallMs: number } | { skipped: string };
  if ("skipped" in tm) console.log(`\ntext mode: skipped, ${tm.skipped}`);
  else console.log(`\ntext mode (extractText on zyte-text, ${tm.pages} texts): ${fmt((tm.pages / tm.cpuMs) * 1000)} pages/CPU-s, ${fmt((tm.pages / tm.wallMs) * 1000)} pages/s wall; HTML mode above: ${fmt(rate("newsclip"))}`);

  const mem = (await nc.ask({ cmd: "memory", passes })) as { rss: number[]; heap: number[]; gc: boolean };
  nc.close();
  const growth = mem.rss[mem.rss.length - 1] - mem.rss[Math.min(1, mem.rss.length - 1)];
  const heapGrowth = mem.heap[mem.heap.length - 1] - mem.heap[Math.min(1, mem.heap.length - 1)];
  const flat = growth <= MEMORY_SLACK_MB;
  console.log(`\nnewsclip memory over ${passes} passes of the set (after ${mem.gc ? "global.gc()" : "no gc: run with --expose-gc"}):`);
  console.log(`  RSS MB:  ${mem.rss.map((x) => fmt(x, 0)).join(" ")}`);
  console.log(`  heap MB: ${mem.heap.map((x) => fmt(x, 1)).join(" ")}`);
  console.log(`  pass 2 → ${passes}: RSS ${growth >= 0 ? "+" : ""}${fmt(growth)} MB, heap ${heapGrowth >= 0 ? "+" : ""}${fmt(heapGrowth, 2)} MB: ${flat ? "flat" : "GROWING"} (slack ${MEMORY_SLACK_MB} MB)`);
  console.log(`\ntotal ${fmt((performance.now() - t0) / 1000)} s`);

  mkdirSync(".bench-out", { recursive: true });
  writeFileSync(
    ".bench-out/speed.json",
    JSON.stringify({ node: process.version, pages: pageCount, rounds, jsdomFull, totals, ratios: { jsdom: vsJsdom, linkedom: vsLinkedom }, stages: st, text: tm, memory: mem }, null, 2),
  );
  if (process.argv.includes("--check") && !(okJsdom && okLinkedom && flat)) process.exitCode = 1;
}

const ci = process.argv.indexOf("--child");
if (ci > 0) await child(process.argv[ci + 1] as Peer);
else await parent();
