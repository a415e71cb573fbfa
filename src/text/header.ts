/**
 * Bylines and datelines as text lines: "By A and B", "Published 2 April 2023, 10:30".
 */
import * as chrono from "chrono-node";
import type { Author } from "../article.ts";
import { BYLINE, BYLINE_ROLE, DATE_PREFIX } from "../heuristics/text-lines.ts";

/** Datelines are short; longer lines with a date in them are sentences. */
const DATELINE_MAX = 90;

/**
 * Date parsers, each tried only when the line has its language's month
 * words (a date parser costs ~0.1 ms a call; most lines are not dates).
 * English also reads numeric dates.
 */
const PARSERS: { parser: Pick<typeof chrono.en, "parse">; cue: RegExp }[] = [
  { parser: chrono.en, cue: /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i },
  { parser: chrono.de, cue: /\b(?:jan|jän|feb|mär|märz|apr|mai|jun|jul|aug|sep|okt|nov|dez)[a-zä]*\b|\d\.\s*\d{1,2}\.\s*\d{2,4}/i },
  { parser: chrono.fr, cue: /\b(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec)[a-zéû]*\b/i },
  { parser: chrono.es, cue: /\b(?:ene|feb|mar|abr|may|jun|jul|ago|sep|sept|oct|nov|dic)[a-z]*\b/i },
  { parser: chrono.pt, cue: /\b(?:jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez)[a-zç]*\b/i },
  { parser: chrono.it, cue: /\b(?:genn|febbr|mar|apr|magg|giu|lug|ago|sett|ott|nov|dic)[a-z]*\b/i },
  { parser: chrono.nl, cue: /\b(?:jan|feb|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b/i },
  { parser: chrono.ru, cue: /(?:янв|фев|мар|апр|мая|май|июн|июл|авг|сен|окт|ноя|дек)/i },
  { parser: chrono.ja, cue: /\d+\s*年\s*\d+\s*月/ },
  { parser: chrono.zh, cue: /\d+\s*年\s*\d+\s*月|[一二三四五六七八九十]+月/ },
];

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

export function isDateline(text: string): boolean {
  return parseDateline(text) !== undefined;
}

export interface Dateline {
  iso: string;
  modified: boolean;
}

/** A written year (a full date needs one): the cheap filter before any date parser runs. */
const YEAR = /(?:^|\D)(?:19[5-9]\d|20\d\d)(?:\D|$)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b|年/;

export function parseDateline(text: string): Dateline | undefined {
  if (text.length > DATELINE_MAX || !YEAR.test(text)) return undefined;
  return read(text);
}

function read(text: string): Dateline | undefined {
  const modified = DATE_PREFIX.modified.test(text);
  const body = text.replace(DATE_PREFIX.modified, "").replace(DATE_PREFIX.published, "");
  for (const { parser, cue } of PARSERS) {
    if (!cue.test(body)) continue;
    const r = parser.parse(body, new Date(0), { forwardDate: false })[0];
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
