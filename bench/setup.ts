/**
 * What bench:batch and bench:scale both need: the CLI compiled to plain JavaScript in a temp folder (as users run
 * it, no TypeScript loader), the Zyte pages as HTTP responses, and a WARC.gz of N copies of them.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
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

/**
 * Writes a WARC.gz of `n` request/response record pairs, the pages in turn. Each copy gets another URL (`?copy=K`);
 * its canonical URL and text stay, so an archive dedupes the copies. A record is two gzip members (its header, then
 * its block): the blocks were compressed once per page.
 */
export async function writeWarc(path: string, pages: ResponsePage[], n: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (b: Buffer) => {
    if (!out.write(b)) await once(out, "drain");
  };
  for (let i = 0; i < n; i++) {
    const p = pages[i % pages.length];
    const url = `${p.url}${p.url.includes("?") ? "&" : "?"}copy=${Math.floor(i / pages.length)}`;
    const request = `GET ${new URL(p.url).pathname} HTTP/1.1\r\nHost: ${new URL(p.url).host}\r\n\r\n`;
    await write(gzipSync(head("request", url, `req-${i}`, "application/http; msgtype=request", Buffer.byteLength(request)) + request + "\r\n\r\n"));
    await write(gzipSync(head("response", url, `res-${i}`, "application/http; msgtype=response", p.length)));
    await write(p.gz);
  }
  out.end();
  await once(out, "finish");
}

/** A WARC record's header; its id is derived from `seed`, so runs are repeatable. */
function head(type: string, url: string, seed: string, contentType: string, length: number): string {
  const hex = Buffer.from(seed.padEnd(16, "-")).toString("hex").slice(0, 32).padEnd(32, "0");
  return [
    "WARC/1.0",
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}>`,
    "WARC-Date: 2026-01-01T00:00:00Z",
    `WARC-Target-URI: ${url}`,
    `Content-Type: ${contentType}`,
    `Content-Length: ${length}`,
    "",
    "",
  ].join("\r\n");
}
