/**
 * robots.txt, read with robots-parser (groups, wildcards, the longest match
 * between Allow and Disallow, Crawl-delay, Sitemap lines). What a missing or
 * broken file means follows RFC 9309: a 4xx is "no rules", a 5xx or a network
 * failure is "crawl nothing" for now.
 */
import { createRequire } from "node:module";

// A CommonJS module whose typings declare an ES default export: loaded as what it is.
const robotsParser = createRequire(import.meta.url)("robots-parser") as typeof import("robots-parser").default;

export interface Robots {
  allowed(url: string): boolean;
  /** Seconds asked between requests, if any. */
  delay?: number;
  sitemaps: string[];
  /** Why the rules are what they are, for the log ("404: no rules", "5xx: nothing allowed"). */
  note?: string;
}

/** The product token robots.txt groups are matched on: "newsclip" in "newsclip/0.1 (+https://...)". */
export function agentToken(userAgent: string): string {
  return /^[^\s/;(]+/.exec(userAgent.trim())?.[0] ?? userAgent;
}

/** Largest robots.txt read (Google reads 500 KiB); the rest is ignored. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

export function parseRobots(url: string, text: string, userAgent: string): Robots {
  // A BOM would glue itself to the first line's field name.
  const rules = robotsParser(url, text.replace(/^\uFEFF/, "").slice(0, ROBOTS_MAX_BYTES));
  const token = agentToken(userAgent);
  const delay = rules.getCrawlDelay(token);
  return {
    // robots-parser answers undefined for a URL of another origin: such a URL is not ours to judge, so not allowed.
    allowed: (u) => rules.isAllowed(u, token) === true,
    ...(delay !== undefined && Number.isFinite(delay) && delay >= 0 ? { delay } : {}),
    sitemaps: rules.getSitemaps(),
  };
}

export const ALLOW_ALL: Robots = { allowed: () => true, sitemaps: [], note: "no robots.txt: no rules" };
export const DENY_ALL: Robots = { allowed: () => false, sitemaps: [], note: "robots.txt unreachable: nothing fetched from this host for now" };
