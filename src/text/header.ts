/**
 * Bylines and datelines as text lines: "By A and B", "Published 2 April 2023, 10:30".
 */
import * as chrono from "chrono-node";
import type { Author } from "../article.ts";
import { BYLINE, BYLINE_ROLE, DATE_PREFIX } from "../heuristics/text-lines.ts";

/** Datelines are short; longer lines with a date in them are sentences. */
const DATELINE_MAX = 90;

/** Parsers tried in order: English first (most pages), then the other chrono locales. */
const PARSERS = [chrono.en, chrono.de, chrono.fr, chrono.es, chrono.pt, chrono.it, chrono.nl, chrono.ru, chrono.ja, chrono.zh];

export function isByline(text: string): boolean {
  return text.length <= 120 && BYLINE.test(text);
}

export function parseByline(text: string): Author[] {
  const m = BYLINE.exec(text);
  if (!m) return [];
  return m[1]
    .split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bog\b|\boch\b)\s*/u)
    .map((s) => s.trim())
    .filter((s) => s && s.split(/\s+/).length <= 5 && !BYLINE_ROLE.test(s))
    .map((name) => ({ name }));
}

/** Cheap pre-check: a dateline has a digit and is short. */
export function isDateline(text: string): boolean {
  return text.length <= DATELINE_MAX && /\d/.test(text) && parseDateline(text) !== undefined;
}

export interface Dateline {
  iso: string;
  modified: boolean;
}

const cache = new Map<string, Dateline | null>();

/** A written year (a full date needs one): the cheap filter before any date parser runs. */
const YEAR = /(?:^|\D)(?:19[5-9]\d|20\d\d)(?:\D|$)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b|年/;

export function parseDateline(text: string): Dateline | undefined {
  if (text.length > DATELINE_MAX || !YEAR.test(text)) return undefined;
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const r = read(text);
  if (cache.size > 1000) cache.clear();
  cache.set(text, r ?? null);
  return r;
}

function read(text: string): Dateline | undefined {
  const modified = DATE_PREFIX.modified.test(text);
  const body = text.replace(DATE_PREFIX.modified, "").replace(DATE_PREFIX.published, "");
  for (const p of PARSERS) {
    const r = p.parse(body, new Date(0), { forwardDate: false })[0];
    if (!r) continue;
    const s = r.start;
    // A full date: without a written year the output would depend on today's date.
    if (!s.isCertain("year") || !s.isCertain("month") || !s.isCertain("day")) continue;
    // Most of the line must be the date, or it is a sentence mentioning one.
    if (r.text.length < body.replace(/[^\p{L}\p{N}]/gu, "").length * 0.4) continue;
    return { iso: toIso(s), modified };
  }
  return undefined;
}

function toIso(s: chrono.ParsedComponents): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const y = s.get("year")!;
  const date = `${pad(y, 4)}-${pad(s.get("month")!)}-${pad(s.get("day")!)}`;
  if (!s.isCertain("hour")) return date;
  const time = `${date}T${pad(s.get("hour")!)}:${pad(s.get("minute") ?? 0)}:${pad(s.get("second") ?? 0)}`;
  const off = s.get("timezoneOffset");
  if (off == null || !s.isCertain("timezoneOffset")) return time;
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  return `${time}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
