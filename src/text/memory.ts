/**
 * Site memory: lines that recur across many texts of the same site are
 * furniture (menus, footers, prompts), learnt as a batch goes: one pass, no
 * second look at earlier inputs, bounded memory.
 *
 * ```ts
 * const memory = new SiteMemory();
 * for (const { text, url } of records) out.push(extractText(text, { url, memory }));
 * ```
 *
 * Per host it keeps a map of line hashes (32-bit FNV-1a of the line with case
 * and digits folded) to the number of pages that had the line. When a host's
 * map outgrows `maxLines`, all counts (and the page count) are halved and
 * zeros dropped: recent, frequent lines survive, one-off lines go. Hosts are
 * kept least-recently-used, at most `maxHosts`.
 */
import { MEMORY } from "../heuristics/text-memory.ts";

export interface SiteMemoryOptions {
  /** Hosts remembered at once (least recently used evicted). */
  maxHosts?: number;
  /** Distinct lines remembered per host before counts decay. */
  maxLines?: number;
  /** A line is known once seen on at least this many earlier pages of the host... */
  minPages?: number;
  /** ...and on at least this share of them. */
  minShare?: number;
}

interface Site {
  pages: number;
  lines: Map<number, number>;
  /** Hashes of recently learnt URLs: the same page twice must not teach its body as furniture. */
  urls: number[];
}

export class SiteMemory {
  readonly maxHosts: number;
  readonly maxLines: number;
  readonly minPages: number;
  readonly minShare: number;
  private readonly sites = new Map<string, Site>();

  constructor(options: SiteMemoryOptions = {}) {
    this.maxHosts = Math.max(1, options.maxHosts ?? MEMORY.maxHosts);
    this.maxLines = Math.max(16, options.maxLines ?? MEMORY.maxLines);
    this.minPages = Math.max(1, options.minPages ?? MEMORY.minPages);
    this.minShare = Math.min(1, Math.max(0, options.minShare ?? MEMORY.minShare));
  }

  /** The host key of a URL: lower-cased host name without "www.", or undefined. */
  static host(url: string | undefined): string | undefined {
    if (!url) return undefined;
    try {
      return new URL(url).hostname.toLowerCase().replace(/^www\d?\./, "") || undefined;
    } catch {
      return undefined;
    }
  }

  /** True when the line (as `lineKey` gives it) is furniture of this host by recurrence. */
  known(host: string, key: string): boolean {
    const site = this.sites.get(host);
    if (!site || site.pages < this.minPages) return false;
    const n = site.lines.get(hash(key)) ?? 0;
    return n >= this.minPages && n >= this.minShare * site.pages;
  }

  /** Pages learnt for this host (after decay). */
  pages(host: string): number {
    return this.sites.get(host)?.pages ?? 0;
  }

  /** Distinct lines remembered for this host (at most maxLines). */
  lines(host: string): number {
    return this.sites.get(host)?.lines.size ?? 0;
  }

  /** Number of hosts remembered. */
  get hosts(): number {
    return this.sites.size;
  }

  /** Records one page's lines; repeated lines within the page count once. Returns false for a URL already learnt. */
  learn(host: string, keys: Iterable<string>, url?: string): boolean {
    let site = this.sites.get(host);
    if (site) {
      this.sites.delete(host);
    } else {
      site = { pages: 0, lines: new Map(), urls: [] };
      if (this.sites.size >= this.maxHosts) this.sites.delete(this.sites.keys().next().value!);
    }
    this.sites.set(host, site);
    if (url) {
      const u = hash(url);
      if (site.urls.includes(u)) return false;
      site.urls.push(u);
      if (site.urls.length > MEMORY.recentUrls) site.urls.shift();
    }
    const seen = new Set<number>();
    for (const k of keys) seen.add(hash(k));
    for (const h of seen) site.lines.set(h, (site.lines.get(h) ?? 0) + 1);
    site.pages++;
    if (site.lines.size > this.maxLines) decay(site);
    return true;
  }
}

function decay(site: Site): void {
  site.pages = Math.max(1, site.pages >> 1);
  for (const [h, n] of site.lines) {
    if (n >> 1) site.lines.set(h, n >> 1);
    else site.lines.delete(h);
  }
}

/** 32-bit FNV-1a over UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
