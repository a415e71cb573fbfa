/**
 * What bench:batch and bench:scale both need: the CLI compiled to plain JavaScript in a temp folder (as users run
 * it, no TypeScript loader), and the Zyte pages as HTTP responses ready to be written as WARC records.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

/** Compiles the repo into `tmp/dist` and returns the CLI's path. Type errors elsewhere still emit JS; only missing output is fatal. */
export function compileCli(root: string, tmp: string, log: (m: string) => void): string {
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", root, "--outDir", join(tmp, "dist"), "--declaration", "false"], { stdio: "pipe" });
  } catch (err) {
    if (!existsSync(join(tmp, "dist", "cli", "index.js"))) throw err;
    log("tsc reported type errors (JS emitted anyway)");
  }
  writeFileSync(join(tmp, "package.json"), '{"type":"module"}\n');
  symlinkSync(join(root, "node_modules"), join(tmp, "node_modules"));
  return join(tmp, "dist", "cli", "index.js");
}

export interface ResponsePage {
  url: string;
  /** The page's HTML. */
  body: Buffer;
  /** Bytes of the HTTP response block (status line, headers, body). */
  length: number;
  /** The block and its record's closing CRLFs, gzipped once: a WARC.gz record is its header's member, then this one. */
  gz: Buffer;
}

/** The Zyte benchmark's pages, in file order, as HTTP responses. */
export function zytePages(zyte: string): ResponsePage[] {
  const truth = JSON.parse(readFileSync(join(zyte, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
  return readdirSync(join(zyte, "html"))
    .filter((f) => f.endsWith(".html.gz"))
    .sort()
    .map((f) => {
      const id = f.replace(/\.html\.gz$/, "");
      const body = gunzipSync(readFileSync(join(zyte, "html", f)));
      const block = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
      const url = truth[id]?.url ?? `https://example.org/${id}`;
      return { url, body, length: block.length, gz: gzipSync(Buffer.concat([block, Buffer.from("\r\n\r\n")])) };
    });
}
