/**
 * The quality gate: benchmark figures must stay at or above floors pinned in
 * bench/floors.json, tied to a hash of the corpus they were measured on.
 * Floors only move up: `--raise` lifts them to the current figures, never lowers.
 */
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const FLOORS = join(import.meta.dirname, "floors.json");

interface Floor {
  corpus: string;
  /** metric name → floor value */
  floors: Record<string, number>;
}

/** Bootstrap noise on 181 pages is ~0.005; a smaller slack keeps the ratchet honest. */
const SLACK = 0.002;

export function corpusHash(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(name).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest("hex").slice(0, 16);
}

/** Checks `metrics` against the floors of `name`; with --raise, lifts them. Returns pass/fail. */
export function checkGate(name: string, metrics: Record<string, number>, corpusDir: string): boolean {
  const all = JSON.parse(readFileSync(FLOORS, "utf8")) as Record<string, Floor>;
  const hash = corpusHash(corpusDir);
  const floor = all[name];
  const raise = process.argv.includes("--raise");
  let ok = true;
  if (!floor || floor.corpus !== hash) {
    if (!raise) {
      console.log(`gate ${name}: corpus hash ${hash} has no pinned floor; pass --raise to pin one`);
      return true;
    }
  } else {
    for (const [metric, min] of Object.entries(floor.floors)) {
      const v = metrics[metric];
      const pass = typeof v === "number" && v >= min - SLACK;
      console.log(`gate ${name}: ${metric} ${v?.toFixed(4)} ${pass ? ">=" : "<"} floor ${min.toFixed(4)}${pass ? "" : "  FAIL"}`);
      if (!pass) ok = false;
    }
  }
  if (raise && ok) {
    const next: Floor = { corpus: hash, floors: { ...(floor?.corpus === hash ? floor.floors : {}) } };
    for (const [metric, v] of Object.entries(metrics)) {
      if (floor?.corpus === hash && !(metric in floor.floors)) continue;
      next.floors[metric] = Math.max(next.floors[metric] ?? 0, Math.floor(v * 1000) / 1000);
    }
    all[name] = next;
    writeFileSync(FLOORS, JSON.stringify(all, null, 2) + "\n");
    console.log(`gate ${name}: floors now ${JSON.stringify(next.floors)}`);
  }
  return ok;
}
