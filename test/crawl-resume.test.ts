/**
 * `newsclip crawl` in a real child process, killed with SIGKILL mid-crawl,
 * then stopped with SIGINT, then run to the end: no article lost, none stored
 * or written twice, and nothing done before a kill fetched again.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { createInterface } from "node:readline";
import { openStore } from "../src/store/index.ts";
import { Network, stories, storyPath } from "./fixtures/crawl/network.ts";

const CLI = join(import.meta.dirname, "..", "src", "cli", "index.ts");

interface Child {
  events: { type: string; url?: string }[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the CLI; `stopAt(events)` says when to send `signal`. */
function runCli(args: string[], stopAt?: (events: Child["events"]) => boolean, signal: NodeJS.Signals = "SIGKILL"): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "crawl", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const events: Child["events"] = [];
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let sent = false;
  createInterface({ input: child.stdout }).on("line", (line) => {
    events.push(JSON.parse(line));
    if (!sent && stopAt?.(events)) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, sig) => {
      if (code !== 0 && code !== 130 && sig === null) reject(new Error(`crawl exited ${code}: ${stderr}`));
      else resolve({ events, code, signal: sig });
    });
  });
}

test("kill -9, then Ctrl-C, then the same command: every article once, in the archive and in the JSONL", { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "newsclip-crawl-resume-"));
  const net = await Network.start([
    { name: "x", title: "Riverside Gazette", robots: "User-agent: *\nSitemap: {origin}/sitemap_index.xml\n", sections: ["news", "sport"], stories: stories(24, ["news", "sport"], 3), discovery: "sitemap-index" },
    { name: "y", title: "Hill Town Times", sections: ["local", "business"], stories: stories(16, ["local", "business"], 7), discovery: "feeds" },
  ]);
  try {
    const db = join(dir, "news.db");
    const out = join(dir, "articles.jsonl");
    const args = [net.sites.x.origin + "/", net.sites.y.origin + "/", "--store", db, "--out", out, "--allow-private", "--delay", "0.05", "--threads", "0", "--json"];
    const articles = (c: Child) => c.events.filter((e) => e.type === "article").map((e) => e.url!);

    const first = await runCli(args, (ev) => ev.filter((e) => e.type === "article").length >= 8, "SIGKILL");
    assert.equal(first.signal, "SIGKILL");
    const cut1 = net.log.length;
    const second = await runCli(args, (ev) => ev.filter((e) => e.type === "article").length >= 8, "SIGINT");
    assert.equal(second.code, 130, "Ctrl-C: stopped, exit 130");
    const summary2 = second.events.at(-1) as { type: string; stopped: boolean; resumed: boolean };
    assert.equal(summary2.type, "summary");
    assert.ok(summary2.stopped && summary2.resumed);
    const cut2 = net.log.length;
    const third = await runCli(args);
    assert.equal(third.code, 0);

    const done1 = articles(first);
    const done2 = articles(second);
    const done3 = articles(third);
    // Reported done before a kill: never fetched again.
    const after1 = net.log.slice(cut1).map((e) => net.sites[e.site].origin + e.path);
    const after2 = net.log.slice(cut2).map((e) => net.sites[e.site].origin + e.path);
    for (const u of done1) assert.ok(!after1.includes(u), `${u} done before kill -9, fetched again`);
    for (const u of done2) assert.ok(!after2.includes(u), `${u} done before Ctrl-C, fetched again`);

    const expected = Object.values(net.sites).flatMap((s) => s.stories.map((st) => s.origin + storyPath(st)));
    const all = [...done1, ...done2, ...done3];
    assert.deepEqual([...new Set(all)].sort(), [...expected].sort(), "every article, across the three runs");
    const lines = readFileSync(out, "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { id: string }).id);
    assert.equal(lines.length, new Set(lines).size, "a JSONL line written twice");
    assert.deepEqual([...lines].sort(), [...expected].sort());
    const store = await openStore(db);
    assert.equal(await store.count(), expected.length, "the archive holds each article once");
    await store.close();
  } finally {
    await net.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
