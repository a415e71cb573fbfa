/**
 * Date strings → ISO 8601 as written: the page's wall-clock time and, when it
 * states one, its offset. Never converted to UTC, so the day stays the day
 * the page shows.
 */
import { collapseSpace } from "../dom.ts";
import * as chrono from "chrono-node";
import { DATES, URL_DATE } from "../heuristics/dates.ts";

export interface ParsedDate {
  iso: string;
  hasTime: boolean;
  hasZone: boolean;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\s|$)/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{4})?$/;
const EPOCH = /^\d{10}(?:\d{3})?$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** RFC 2822 ("Fri, 03 May 2024 15:47:42 +0200"). */
const RFC2822 = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([a-z]{1,5}|[+-]\d{4})?\s*$/i;
/** JavaScript and Java Date.toString ("Fri Apr 28 2023 17:52:31 GMT+0000 (...)", "Fri Apr 28 19:20:36 CEST 2023"). */
const JS_DATE = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT([+-]\d{4})/i;
const JAVA_DATE = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+([a-z]{2,5})\s+(\d{4})$/i;
/** Zone abbreviations machine-made dates carry. */
const ZONES: Record<string, string> = {
  GMT: "Z", UTC: "Z", UT: "Z", Z: "Z", WET: "+00:00", BST: "+01:00", CET: "+01:00", MEZ: "+01:00", CEST: "+02:00", MESZ: "+02:00", EET: "+02:00",
  EEST: "+03:00", MSK: "+03:00", IST: "+05:30", JST: "+09:00", KST: "+09:00", AEST: "+10:00", AEDT: "+11:00", EST: "-05:00", EDT: "-04:00",
  CST: "-06:00", CDT: "-05:00", MST: "-07:00", MDT: "-06:00", PST: "-08:00", PDT: "-07:00",
};
/** A month written in two calendars' names ("نيسان / أبريل", Levantine and Egyptian April): one name is enough for the parsers. */
const DUAL_NAME = /(\p{L}{3,}) ?\/ ?\p{L}{3,}(?= \d)/u;
const YEAR_HINT = /(?:19|20)\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)|年|'\d{2}\b/;

/** Chrono parsers by primary language subtag; others fall back to English, then to numeric forms. */
const CHRONO: Record<string, chrono.Chrono> = {
  en: chrono.en.strict, de: chrono.de.strict, fr: chrono.fr.strict, es: chrono.es.strict, it: chrono.it.strict, pt: chrono.pt.strict,
  nl: chrono.nl.strict, ru: chrono.ru.strict, uk: chrono.uk.strict, sv: chrono.sv.strict, fi: chrono.fi.strict, ja: chrono.ja.strict,
  zh: chrono.zh.strict, vi: chrono.vi.strict, id: chrono.id.strict, ar: chrono.ar.strict,
};
/** English, strict (no "today", "2 hours ago"), day-first numbers: the GB casual parser is ten times slower. */
const EN_GB = new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true));

function pad(n: number | string, w = 2): string {
  return String(n).padStart(w, "0");
}

function zone(z: string | undefined): string | undefined {
  if (!z) return undefined;
  const u = z.toUpperCase();
  if (u === "Z" || u === "UTC" || u === "GMT") return "Z";
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return undefined;
  const off = `${m[1]}${m[2]}:${m[3] ?? "00"}`;
  return off === "+00:00" || off === "-00:00" ? "Z" : off;
}

function validYear(y: number, ref: Date): boolean {
  return y >= DATES.minYear && y <= ref.getUTCFullYear() + DATES.maxYearAhead;
}

function build(y: number, mo: number, d: number, h?: number, mi?: number, s?: number, z?: string): ParsedDate | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  if (h === undefined) return { iso: `${y}-${pad(mo)}-${pad(d)}`, hasTime: false, hasZone: false };
  if (h > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) return undefined;
  return { iso: `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi ?? 0)}:${pad(s ?? 0)}${z ?? ""}`, hasTime: true, hasZone: !!z };
}

/** Machine-readable forms: ISO 8601, compact ISO, epoch seconds/ms, RFC 2822. */
export function parseMachineDate(raw: string, ref: Date = new Date()): ParsedDate | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  let m = ISO.exec(s);
  if (m) {
    const y = +m[1];
    if (!validYear(y, ref)) return undefined;
    return build(y, +m[2], +m[3], m[4] !== undefined ? +m[4] : undefined, m[5] !== undefined ? +m[5] : undefined, m[6] !== undefined ? +m[6] : undefined, zone(m[7]));
  }
  m = COMPACT.exec(s);
  if (m) {
    const y = +m[1];
    if (!validYear(y, ref)) return undefined;
    return build(y, +m[2], +m[3], m[4] !== undefined ? +m[4] : undefined, m[5] !== undefined ? +m[5] : undefined, m[6] !== undefined ? +m[6] : undefined, zone(m[7]));
  }
  m = RFC2822.exec(s);
  if (m) {
    const mo = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    const z = m[7] ? (/^[+-]/.test(m[7]) ? zone(m[7]) : ZONES[m[7].toUpperCase()]) : undefined;
    if (mo && validYear(+m[3], ref)) return build(+m[3], mo, +m[1], +m[4], +m[5], m[6] ? +m[6] : 0, z === "+00:00" ? "Z" : z);
  }
  m = JS_DATE.exec(s);
  if (m) {
    const mo = MONTHS.indexOf(m[1].toLowerCase()) + 1;
    if (mo && validYear(+m[3], ref)) return build(+m[3], mo, +m[2], +m[4], +m[5], +m[6], zone(m[7]));
  }
  m = JAVA_DATE.exec(s);
  if (m) {
    const mo = MONTHS.indexOf(m[1].toLowerCase()) + 1;
    const z = ZONES[m[6].toUpperCase()];
    if (mo && z && validYear(+m[7], ref)) return build(+m[7], mo, +m[2], +m[3], +m[4], +m[5], z === "+00:00" ? "Z" : z);
  }
  if (EPOCH.test(s)) {
    const d = new Date(s.length === 13 ? +s : +s * 1000);
    if (!validYear(d.getUTCFullYear(), ref)) return undefined;
    return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), "Z");
  }
  return undefined;
}

/**
 * Any date string: machine forms first, then chrono in the page's language
 * (English as a fallback), then day-first numeric forms. Only dates with a
 * certain day, month and year are taken: "2 hours ago" says nothing.
 */
export function parseDate(raw: string, lang?: string, ref: Date = new Date()): ParsedDate | undefined {
  // A pipe between a date and its time is layout ("Do 25.04.24 | 14:07 Uhr").
  const s = collapseSpace(raw).trim().replace(DUAL_NAME, "$1").replace(/ \| /g, " ");
  if (!s || s.length > DATES.maxTextChars) return undefined;
  const machine = parseMachineDate(s, ref);
  if (machine) return machine;
  // ISO-shaped but refused (year 0001, month 13): no other reading will do better.
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  // Without a written year no date is certain: spare the parsers (chrono is the costly part of metadata).
  if (!YEAR_HINT.test(s)) return undefined;
  // All-numeric dates ("16.05.2024, 11:26 Uhr") need no language.
  if (/^\D{0,30}\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/.test(s)) {
    const n = numeric(s, ref);
    if (n) return n;
  }
  const primary = (lang ?? "en").toLowerCase().slice(0, 2);
  // English month names are read by hand: chrono is the slowest part of metadata, and English forms are the commonest.
  if (primary === "en") {
    const e = englishDate(s, ref);
    if (e) return e;
  }
  const tried = new Set<chrono.Chrono>();
  // English pages outside the US write day-first numbers; chrono's GB parser reads them so.
  // Machine-made strings ("Fri Apr 28 19:20:36 CEST 2023") are English whatever the page's language.
  const parsers = [CHRONO[primary] ?? EN_GB, primary === "en" ? chrono.en.strict : EN_GB, chrono.en.strict];
  // Language unknown: month names may be in any of the common locales.
  if (!lang) parsers.push(CHRONO.de, CHRONO.fr, CHRONO.es, CHRONO.nl, CHRONO.it, CHRONO.pt);
  for (const p of parsers) {
    if (tried.has(p)) continue;
    tried.add(p);
    const r = fromChrono(p, s, ref);
    if (r) return r;
    if (tried.size === 1 && primary !== "en") {
      const e = englishDate(s, ref);
      if (e) return e;
    }
  }
  return numeric(s, ref);
}

function fromChrono(p: chrono.Chrono, s: string, ref: Date): ParsedDate | undefined {
  let results: chrono.ParsedResult[];
  try {
    results = p.parse(s, ref);
  } catch {
    return undefined;
  }
  for (const r of results) {
    const c = r.start;
    if (!c.isCertain("year") || !c.isCertain("month") || !c.isCertain("day")) continue;
    const y = c.get("year")!;
    // Relative dates ("2 hours ago") come back "certain" but name no year.
    if (!validYear(y, ref) || !r.text.includes(String(y % 100).padStart(2, "0"))) continue;
    const hasTime = c.isCertain("hour");
    let z: string | undefined;
    if (hasTime && c.isCertain("timezoneOffset")) {
      const off = c.get("timezoneOffset") ?? 0;
      z = off === 0 ? "Z" : `${off < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    }
    const out = hasTime ? build(y, c.get("month")!, c.get("day")!, c.get("hour")!, c.get("minute") ?? 0, c.get("second") ?? 0, z) : build(y, c.get("month")!, c.get("day")!);
    if (out) return out;
  }
  return undefined;
}

const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const MDY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i");
const DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH},?\\s+(\\d{4})\\b`, "i");
const CLOCK = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?(m\b\.?)?/i;
const ZONE_WORD = /\b(GMT|UTC|BST|CET|CEST|EET|EEST|IST|JST|KST|AEST|AEDT|EST|EDT|CST|CDT|MST|MDT|PST|PDT)\b/;

/** "November 19, 2019, 9:02 AM EST", "18 Nov 2019 9:38 pm", "Fri 6:45 PM, Feb 16, 2018". */
function englishDate(s: string, ref: Date): ParsedDate | undefined {
  let y: number, mo: number, d: number;
  let m = MDY.exec(s);
  if (m) [mo, d, y] = [MONTHS.indexOf(m[1].toLowerCase()) + 1, +m[2], +m[3]];
  else {
    m = DMY.exec(s);
    if (!m) return undefined;
    [d, mo, y] = [+m[1], MONTHS.indexOf(m[2].toLowerCase()) + 1, +m[3]];
  }
  if (!mo || !validYear(y, ref)) return undefined;
  const t = CLOCK.exec(s);
  if (!t || (t[4] && !t[5])) return build(y, mo, d);
  let h = +t[1];
  if (t[4]) {
    if (h < 1 || h > 12) return build(y, mo, d);
    h = (h % 12) + (t[4].toLowerCase() === "p" ? 12 : 0);
  }
  const z = ZONE_WORD.exec(s)?.[1];
  const off = z ? ZONES[z] : undefined;
  return build(y, mo, d, h, +t[2], t[3] ? +t[3] : 0, off === "+00:00" ? "Z" : off);
}

/** "03.05.2024", "3/5/2024 15:47", "2024/05/03": day-first where ambiguous (most of the world writes it so). */
function numeric(s: string, ref: Date): ParsedDate | undefined {
  let m = /(?:^|\D)((?:19|20)\d{2})[./](\d{1,2})[./](\d{1,2})(?:\D+?(\d{1,2})[:h.](\d{2}))?/.exec(s);
  if (m && validYear(+m[1], ref)) return build(+m[1], +m[2], +m[3], m[4] ? +m[4] : undefined, m[5] ? +m[5] : undefined);
  m = /(?:^|\D)(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d{2})(?:\D+?(\d{1,2})[:h.](\d{2}))?/.exec(s);
  if (m && validYear(+m[3], ref)) {
    let d = +m[1];
    let mo = +m[2];
    if (mo > 12 && d <= 12) [d, mo] = [mo, d];
    return build(+m[3], mo, d, m[4] ? +m[4] : undefined, m[5] ? +m[5] : undefined);
  }
  return undefined;
}

/** A date written in the URL path, day precision. */
export function urlDate(url: string | undefined, ref: Date = new Date()): { date: ParsedDate; raw: string } | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  for (const re of URL_DATE) {
    const m = re.exec(path);
    if (m && validYear(+m[1], ref)) {
      const d = build(+m[1], +m[2], +m[3]);
      if (d) return { date: d, raw: m[0] };
    }
  }
  return undefined;
}

/** The calendar day of an ISO string as written. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** Milliseconds since epoch of an ISO string, reading a zone-less time as UTC (for ordering only). */
export function instant(iso: string): number {
  const t = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(iso) || iso.length === 10 ? iso : iso + "Z");
  return Number.isNaN(t) ? 0 : t;
}
