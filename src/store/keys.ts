/** Dedupe keys and query text for the archive. */
import { ftsText } from "./fts.ts";

/** Query parameters that only track where a reader came from: the same article with or without them. */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign|ref|smid)$/i;

/** A URL reduced to what identifies the page: no fragment, no tracking parameters, no trailing slash. */
export function urlKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
  u.hash = "";
  for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
  u.searchParams.sort();
  const host = u.hostname.replace(/^www\./, "");
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, "") : "";
  // http and https copies of a page are one article.
  return host + (u.port ? ":" + u.port : "") + path + u.search;
}

/** The host of an article URL without "www.", for the site filter. */
export function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

/**
 * User words → an FTS5 query that cannot be a syntax error: every word
 * quoted, "phrases" kept, a trailing * kept as a prefix search, OR kept.
 * Words in unspaced scripts (CJK, Thai...) become the phrase of their
 * graphemes, as they are indexed (fts.ts). Undefined when no word is left.
 */
export function ftsQuery(q: string): string | undefined {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{M}\p{N}_]+/gu);
      if (words) parts.push(`"${ftsText(words.join(" "))}"`);
      continue;
    }
    const raw = m[2];
    if (raw === "OR" && parts.length && parts[parts.length - 1] !== "OR") {
      parts.push("OR");
      continue;
    }
    const words = raw.match(/[\p{L}\p{M}\p{N}_]+/gu);
    if (!words) continue;
    const prefix = raw.endsWith("*") ? "*" : "";
    // Punctuation inside a token ("covid-19", "U.S.") makes it a phrase, as the tokenizer splits it too.
    parts.push(`"${ftsText(words.join(" "))}"${prefix}`);
  }
  while (parts[parts.length - 1] === "OR") parts.pop();
  return parts.length ? parts.join(" ") : undefined;
}
