/** Bylines → people, with agencies and desks kept apart and non-names rejected. */
import type { Author } from "../article.ts";
import { AGENCY, AGENCY_NAMES, BYLINE, BYLINE_LABEL, BYLINE_PREFIX, BYLINE_READING_TIME, BYLINE_TAIL, BYLINE_WEEKDAY, DESK, NAME_SEPARATOR, NON_NAME, PICTURE_CREDIT, ROLE, ROLE_SUFFIX, WITH_AGENCIES } from "../heuristics/bylines.ts";

export interface Credits {
  people: Author[];
  agencies: string[];
  organization?: string;
}

export function emptyCredits(): Credits {
  return { people: [], agencies: [] };
}

/** Han, kana and Hangul: scripts whose names are a few characters with no spaces between words. */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
/** Longer CJK runs are a profile blurb or a sentence ("この記事を書いた人…"), not a name. */
const CJK_NAME_CHARS = 10;

/** What one credit string is: a person's name, an agency, a desk, or nothing usable. */
export function classify(raw: string): { kind: "person" | "agency" | "desk"; name: string } | undefined {
  let s = raw.replace(/\s+/g, " ").trim().replace(/^[\s,;:|–—-]+|[\s,;:|–—.-]+$/g, "");
  s = s.replace(BYLINE_PREFIX, "").replace(ROLE_SUFFIX, "").trim();
  if (!s) return undefined;
  if (AGENCY.test(s)) return { kind: "agency", name: s };
  if (/[@:]|https?:|www\./.test(s) || s.length > BYLINE.maxNameChars || NON_NAME.test(s)) return undefined;
  // Desks may carry digits ("BR24 Redaktion"); people's names never do (dates, times, counts do).
  if (DESK.test(s)) return { kind: "desk", name: s };
  if (/\d/.test(s)) return undefined;
  if (CJK.test(s) && s.replace(/\s+/g, "").length > CJK_NAME_CHARS) return undefined;
  const words = s.split(" ");
  if (words.length > BYLINE.maxNameWords) return undefined;
  // A name starts with a capital in cased scripts; uncased scripts (CJK, Arabic, Hebrew...) pass.
  if (/^\p{Ll}/u.test(s) && !/^(?:van|von|de|da|di|del|della|du|le|la|al|el|ibn|bin|ter|ten|zu|dos|das)\s/i.test(s)) return undefined;
  if (words.every((w) => ROLE.test(w))) return undefined;
  // A name followed by a job title ("CNN Editor-at-large", "Jane Doe Reporter"): a credit line, not a name.
  if (words.length > 1 && ROLE.test(words[words.length - 1])) return undefined;
  // A job title with its field ("Redakteurin für Finanzen", "Editor at large"): a role word, then lower-case words.
  if (ROLE.test(words[0]) && words.slice(1).some((w) => /^\p{Ll}/u.test(w))) return undefined;
  if (!/\p{L}/u.test(s)) return undefined;
  return { kind: "person", name: s };
}

/** An agency after a name, the separator lost ("ERIC TUCKER Associated Press"). */
const TRAILING_AGENCY = new RegExp(`\\s+(${AGENCY_NAMES})$`, "i");

/**
 * Splits a byline ("By A, B and C (AP)", "Von A und B, dpa") into credits.
 * Agency markers in parentheses and role suffixes are read off first.
 */

export function parseByline(text: string, into: Credits = emptyCredits()): Credits {
  let s = text.replace(/\s+/g, " ").trim();
  if (!s || s.length > BYLINE.maxChars) return into;
  // URLs and picture credits ("Photo by X/Agency") are not the story's authors.
  s = s.replace(/https?:\/\/\S+/g, " ").replace(PICTURE_CREDIT, "").replace(BYLINE_TAIL, "").trim();
  // "Euronews with agencies": unnamed wire services name no one.
  s = s.replace(WITH_AGENCIES, "");
  if (!s) return into;
  // Agency markers in parentheses or after a pipe: "(AP)", "| Reuters".
  s = s.replace(/\(([^)]{1,40})\)/g, (_m, inner: string) => {
    for (const part of inner.split(/[,/]/)) {
      const c = classify(part);
      if (c?.kind === "agency") addAgency(into, c.name);
    }
    return " , ";
  });
  // A labelled reading time ("Lesezeit: 3 Min.") is left whole: its colon keeps it from passing for a name.
  s = s.replace(BYLINE_LABEL, "");
  if (!s.includes(":")) s = s.replace(BYLINE_READING_TIME, "");
  s = s.replace(BYLINE_WEEKDAY, "");
  s = s.replace(BYLINE_PREFIX, "");
  for (const part of s.split(NAME_SEPARATOR)) {
    let p = part.trim();
    if (!p) continue;
    // "Jane Doe - Senior Reporter", "Jane Doe, reporter": a trailing role is not a name.
    p = p.replace(/\s+[–—-]\s+.*$/, "").trim();
    // An agency after the name, the separator lost ("ERIC TUCKER Associated Press").
    const agency = TRAILING_AGENCY.exec(p);
    if (agency && p.slice(0, agency.index).trim().includes(" ") && !AGENCY.test(p)) {
      addAgency(into, agency[1]);
      p = p.slice(0, agency.index).trim();
    }
    const c = classify(p);
    if (!c) continue;
    if (c.kind === "agency") addAgency(into, c.name);
    else if (c.kind === "desk") into.organization ??= c.name;
    else addPerson(into, { name: c.name });
  }
  return into;
}

export function addPerson(into: Credits, a: Author): void {
  const key = nameKey(a.name);
  const have = into.people.find((p) => nameKey(p.name) === key);
  if (have) {
    if (!have.url && a.url) have.url = a.url;
    return;
  }
  into.people.push(a.url ? { name: a.name, url: a.url } : { name: a.name });
}

export function addAgency(into: Credits, name: string): void {
  if (!into.agencies.some((x) => x.toLowerCase() === name.toLowerCase())) into.agencies.push(name);
}

export function nameKey(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** An author that is the site itself (its name or its domain), not a person. */
export function isSite(name: string, meta: { siteName?: string; canonicalUrl?: string }): boolean {
  const key = nameKey(name).replace(/\s+/g, "");
  if (!key) return false;
  const site = meta.siteName ? nameKey(meta.siteName).replace(/\s+/g, "") : "";
  return key === site || (!!meta.canonicalUrl && nameKey(hostOf(meta.canonicalUrl)).replace(/\s+/g, "").includes(key));
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "").replace(/\.[a-z]+$/, "");
  } catch {
    return "";
  }
}
