/**
 * The archive write alone, into PostgreSQL: what a queue worker's saveMany costs a record (docs/scale.md).
 *   npm run bench:pgwrite [-- --n=2000 --batch=50]
 * Extracts the 181 Zyte pages once, then writes into a fresh database, in transactions of --batch: (1) distinct
 * articles (inserts), (2) the same articles again (updates, as the bench:scale copies dedupe), (3) copies keyed by
 * their own record ids whose canonical URL finds the row (the bench:scale case). Prints ms a record, wall time, and
 * the server's own time from pg_stat_database (busy time is not there: the server's CPU from /proc when it is local).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { zytePages } from "./setup.ts";
import { extract } from "../src/index.ts";
import { openStore } from "../src/store/index.ts";
import type { Article } from "../src/article.ts";

const root = join(import.meta.dirname, "..");
const zyte = join(process.env.NEWSCLIP_SHARED ?? join(root, "..", "shared"), "bench", "zyte");
const PG = process.env.NEWSCLIP_PG ?? process.env.NEWSCLIP_TEST_PG;
if (!existsSync(zyte) || !PG) {
  console.log("bench:pgwrite: needs ../shared/bench/zyte and NEWSCLIP_TEST_PG");
  process.exit(0);
}
const arg = (name: string, def: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? def);
const N = arg("n", 2000);
const BATCH = arg("batch", 50);
const articles: Article[] = zytePages(zyte).map((p) => extract(p.body, { url: p.url }));

/** CPU seconds of every PostgreSQL backend process (the server is on this machine). */
function serverCpu(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      if (!comm.startsWith("postgres")) continue;
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return ticks / 100;
}

const admin = new pg.Client({ connectionString: PG });
await admin.connect();
const name = `newsclip_pgw_${randomBytes(4).toString("hex")}`;
await admin.query(`CREATE DATABASE ${name}`);
const u = new URL(PG);
u.pathname = "/" + name;
try {
  const store = openStore(u.toString());
  await store.ready();
  const distinct = (i: number) => {
    const a = articles[i % articles.length];
    return { article: { ...a, url: `${a.url}#w${i}`, canonicalUrl: `https://bench.test/${i}`, title: `${a.title ?? ""} ${i}`, text: `${a.text} ${i}` }, options: { id: `bench-${i}` } };
  };
  const copy = (i: number) => ({ article: articles[i % articles.length], options: { id: `copy-${i}` } });
  const run = async (label: string, make: (i: number) => { article: Article; options: { id: string } }, offset = 0) => {
    const c0 = serverCpu();
    const t0 = performance.now();
    for (let i = 0; i < N; i += BATCH) await store.saveMany(Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => make(offset + i + k)));
    const ms = performance.now() - t0;
    const cpu = serverCpu() - c0;
    console.log(`${label}: ${N} records, ${(ms / N).toFixed(2)} ms a record wall, server CPU ${((cpu * 1000) / N).toFixed(2)} ms a record`);
  };
  await run("inserts (distinct articles)", distinct);
  await run("updates (the same articles again)", distinct);
  await run("copies (new record ids, found by canonical URL)", copy);
  console.log(`rows ${await store.count()}`);
  await store.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
