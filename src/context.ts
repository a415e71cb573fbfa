import type { PageType, Removal } from "./article.ts";
import { safeUrl, type UrlKind } from "./urls.ts";
import { NewsclipError } from "./errors.ts";
import { check } from "./deadline.ts";

/** Caller options shared by HTML and text mode. */
export interface ExtractOptions {
  /** The page URL: base for links, and a source of dates and site name. */
  url?: string;
  /** The HTTP (or WARC) Content-Type header, when known: its charset wins over the page's. */
  contentType?: string;
  /** Keep the removal records and stage timings in `article.explain`. */
  explain?: boolean;
  /** The kind of page, when the caller knows it (a crawl of forum threads): skips the page-type decision. */
  pageType?: PageType;
  /** Largest input accepted, in bytes (default 32 MiB). */
  maxBytes?: number;
  /**
   * Time limit of the call, in milliseconds (default none): past it the extraction stops with
   * `NewsclipError("TIMEOUT")`. Checked between stages and every few thousand steps of the long loops, so it is
   * kept to within a few milliseconds (see src/deadline.ts).
   */
  timeoutMs?: number;
}

/**
 * Per-call state threaded through the stages. Stages never keep state on
 * DOM nodes or in module globals; what they learn goes here.
 */
export class Context {
  readonly url?: string;
  readonly base?: URL;
  readonly explain: boolean;
  readonly removals: Removal[] = [];
  readonly timings: Record<string, number> = {};
  readonly rescues: { stage: string; reason: string }[] = [];

  constructor(options: ExtractOptions = {}) {
    this.explain = options.explain === true;
    const url: unknown = options.url;
    if (url !== undefined && url !== "") {
      // The page URL is the base of every link given out: an http(s) URL or nothing (never javascript:, a number...).
      let base: URL | undefined;
      try {
        base = typeof url === "string" ? new URL(url.trim()) : undefined;
      } catch {
        base = undefined;
      }
      if (!base || (base.protocol !== "http:" && base.protocol !== "https:")) {
        throw new NewsclipError("BAD_REQUEST", `the url option must be an absolute http(s) URL, got ${JSON.stringify(String(url)).slice(0, 200)}`);
      }
      this.base = base;
      this.url = base.href;
    }
  }

  /** Records one removal; the preview is only built when explaining. */
  removed(stage: string, rule: string, reason: string, preview: () => string, path?: () => string): void {
    if (!this.explain) return;
    const text = preview().replace(/\s+/g, " ").trim();
    this.removals.push({
      stage,
      rule,
      reason,
      textPreview: text.length > 120 ? text.slice(0, 117) + "..." : text,
      ...(path ? { path: path() } : {}),
    });
  }

  rescued(stage: string, reason: string): void {
    this.rescues.push({ stage, reason });
  }

  /** Runs one stage and keeps its time. */
  time<T>(stage: string, run: () => T): T {
    check();
    const start = performance.now();
    try {
      return run();
    } finally {
      this.timings[stage] = (this.timings[stage] ?? 0) + performance.now() - start;
    }
  }

  /**
   * Resolves a link against the page URL; undefined for unusable or unsafe links (only http(s) and mailto links,
   * http(s) images: see urls.ts).
   */
  resolve(href: string | undefined, kind: UrlKind = "link"): string | undefined {
    if (!href) return undefined;
    // Memoised per call: a page repeats its links (750,000 <a href=/x> cost 7 s of URL parsing), and safeUrl is pure.
    const key = kind === "link" ? href : `${kind}\u0000${href}`;
    const hit = this.resolved.get(key);
    if (hit !== undefined || this.resolved.has(key)) return hit;
    const out = safeUrl(href, this.base, kind);
    if (this.resolved.size < Context.maxResolved) this.resolved.set(key, out);
    return out;
  }

  private readonly resolved = new Map<string, string | undefined>();
  private static readonly maxResolved = 50_000;
}
