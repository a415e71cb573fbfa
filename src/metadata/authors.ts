/** Bylines → people, with agencies and desks kept apart and non-names rejected. */
import { collapseSpace } from "../dom.ts";
import type { Author } from "../article.ts";
import { personNamed } from "../heuristics/names.ts";
import { AGENCY, AGENCY_NAMES, BYLINE, BYLINE_DAY_MONTH, BYLINE_LABEL, BYLINE_MONTH_DAY, BYLINE_PREFIX, BYLINE_READING_TIME, BYLINE_TAIL, BYLINE_TOOLS, BYLINE_WEEKDAY, COMPANY_TITLE, COMPANY_TITLES, CREDENTIALS, DESK, HONORIFICS, NAME_SEPARATOR, NON_NAME, NOT_AUTHOR_LABEL, PICTURE_CREDIT, ROLE, ROLE_SUFFIX, ROLE_WORDS, TITLE_LEAD, WITH_AGENCIES } from "../heuristics/bylines.ts";

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
/**
 * What one credit string is. `declared`: the string is the page's own author statement (a <meta> author, a JSON-LD
 * name), where a user name written in lower case ("jdoe", "jane.doe", "jane doe") is the author as the site knows them.
 */
export function classify(raw: string, declared = false): { kind: "person" | "agency" | "desk"; name: string } | undefined {
  let s = collapseSpace(raw).trim().replace(/^[\s,;:|–—-]+|[\s,;:|–—.»›>-]+$/g, "");
  s = withoutCredentials(s.replace(BYLINE_PREFIX, "").replace(ROLE_SUFFIX, "").trim()).replace(GLUED_TITLE, "$1 ");
  if (!s) return undefined;
  if (AGENCY.test(s)) return { kind: "agency", name: s };
  // A name with its date glued on ("Jane Doe July 3, 2025", "Jane Doe 4 August 2010"): the name.
  const undated = s.replace(BYLINE_MONTH_DAY, "").replace(BYLINE_DAY_MONTH, "");
  if (undated !== s && /^\p{Lu}\S*(?: \p{Lu}\S*)+$/u.test(undated)) s = undated;
  if (/^\p{Lu}/u.test(s)) {
    const cut = nameOnly(s.split(" "));
    if (!cut) return undefined;
    s = cut.join(" ");
  }
  // A letter avatar read with the name after it ("J JonB"): the letter is the name's own initial, drawn on a disc.
  const avatar = /^(\p{Lu}) (\S{3,})$/u.exec(s);
  if (avatar && avatar[2].startsWith(avatar[1])) s = avatar[2];
  if (/[@:]|https?:|www\./.test(s) || s.length > BYLINE.maxNameChars || NON_NAME.test(s)) return undefined;
  // Desks may carry digits ("BR24 Redaktion"); people's names never do (dates, times, counts do).
  if (DESK.test(s)) return { kind: "desk", name: s.replace(BYLINE_MONTH_DAY, "") };
  // A declared author with digits is a brand ("98 Example Social", "3x Studio"), never a person: the organisation.
  if (/\d/.test(s)) return declared && /^\p{Lu}|^\d+\s?\p{L}/u.test(s) && s.split(" ").length <= 4 && /\p{L}{3}/u.test(s) && !BYLINE_MONTH_DAY.test(" " + s) && !BYLINE_DAY_MONTH.test(" " + s) ? { kind: "desk", name: s } : undefined;
  if (CJK.test(s) && s.replace(/\s+/g, "").length > CJK_NAME_CHARS) return undefined;
  const words = s.split(" ");
  if (words.length > BYLINE.maxNameWords) return undefined;
  // A name starts with a capital in cased scripts; uncased scripts (CJK, Arabic, Hebrew...) pass.
  if (/^\p{Ll}/u.test(s) && !/^(?:van|von|de|da|di|del|della|du|le|la|al|el|ibn|bin|ter|ten|zu|dos|das)\s/i.test(s) && !(declared && USER_NAME.test(s) && !DOMAIN_HANDLE.test(s))) return undefined;
  // Job-title words alone ("Senior Editor", "Content", "Community Expert"): no one.
  if (words.every(isTitleWord)) return undefined;
  // A lower-case word left inside a capitalised name ("Trust Project member"): a phrase, not a name.
  if (/^\p{Lu}/u.test(words[0]) && words.slice(1).some((w) => /^\p{Ll}/u.test(w) && !NAME_PARTICLE.test(w))) return undefined;
  // A job title inside the words ("Trends Reporter Newsweek", "Jane Senior Editor Doe"): a credit line, not a name.
  if (words.slice(1, -1).some((w) => ROLE.test(w) && !TOPIC_ROLE.test(w))) return undefined;
  // A name followed by a job title ("CNN Editor-at-large", "Jane Doe Reporter"): a credit line, not a name.
  if (words.length > 1 && ROLE.test(words[words.length - 1])) return undefined;
  // A job title with its field ("Redakteurin für Finanzen", "Editor at large"): a role word, then lower-case words.
  if (ROLE.test(words[0]) && words.slice(1).some((w) => /^\p{Ll}/u.test(w))) return undefined;
  if (!/\p{L}/u.test(s)) return undefined;
  // "The Commercial Appeal", "Die Redaktion": an article opens a paper's or a team's name, never a person's ("Le",
  // "La", "De" and "Di" also open family names: not read).
  if (words.length > 1 && ARTICLE_LEAD.test(words[0])) return { kind: "desk", name: s };
  return { kind: "person", name: s };
}

/**
 * The name at the head of a capitalised credit, what runs on after it cut off: a sentence or a place after a
 * lower-case word, the name said again, a job title. Undefined when the credit is a job title alone.
 */
function nameOnly(words: string[]): string[] | undefined {
  if (words.length > 1 && SHARE_GLUE.test(words[words.length - 1])) words = words.slice(0, -1);
  // A capitalised name ends at a lower-case word, no particle, with nothing capitalised after it ("Jane Doe on",
  // "Jane Doe from the desk"); "Recipe by Jane Doe" is a label, not a name, and stays whole (and is refused later).
  const lower = words.findIndex((w, i) => i > 0 && /^\p{Ll}/u.test(w) && !NAME_PARTICLE.test(w));
  if (lower > 0 && NAME_END.test(words[lower]) && !words.slice(lower).some((w) => /^\p{Lu}/u.test(w))) words = words.slice(0, lower);
  // A job title alone ("Certified Sleep Consultant", "Former McKinsey Consultant") is no one.
  if ((words.some((w) => COMPANY_TITLE.test(w)) && isTitleWord(words[0])) || (words.length > 1 && /^(?:head|former|chief)$/i.test(words[0]))) return undefined;
  // One name said twice or thrice (a visible and a hidden copy): "Jane Doe Jane Doe".
  for (let k = 1; k <= words.length / 2; k++) {
    if (words.length % k === 0 && words.every((w, i) => w === words[i % k])) {
      words = words.slice(0, k);
      break;
    }
  }
  // Two name words, then a job title ("Jane Doe Content Marketing Coordinator", "Jane Doe Co-founder", "Jane Doe Editor
  // of Example.com"): the name. An agency's credit line ("AP Auto Writer") names no one.
  const title = words.findIndex((w, i) => i >= 2 && isTitleWord(w) && titleTail(words.slice(i)) && words.slice(0, i).every((x) => /^\p{Lu}/u.test(x) || NAME_PARTICLE.test(x)));
  if (title >= 2) {
    if (AGENCY.test(words[0])) return undefined;
    words = words.slice(0, title);
  }
  return words;
}

/** Definite articles that open no person's name. */
const ARTICLE_LEAD = /^(?:the|die|der|das|les|los|las|het)$/i;

/** A user name in lower case: one handle ("jdoe", "jane.doe", "j_doe") or two or three lower-case words ("jane doe"). */
const USER_NAME = /^(?:\p{Ll}[\p{Ll}._-]{2,30}|\p{Ll}[\p{Ll}'-]+(?: \p{Ll}[\p{Ll}'-]+){1,2})$/u;
/** A handle that is a web address ("example.be"): the site, not a user. */
const DOMAIN_HANDLE = /\.(?:com|net|org|info|news|io|co|uk|de|fr|nl|be|ch|at|it|es|se|no|dk|fi|pl|cz|ie|us|ca|au|in)$/;

/** A name as a user name is written, all lower case: a weaker credit than a written name. */
export function isUserName(name: string): boolean {
  return /^\p{Ll}/u.test(name);
}

/** Lower-case words after a name that end it: the byline goes on with a place, a time or a sentence ("Jane Doe on", "Jane Doe has"). */
const NAME_END = /^(?:on|at|from|in|for|with|via|has|is|was|who|writes|wrote)$/;
/** Topic words among the roles ("Sports", "Science"), which are also surnames and places: only their position counts. */
const TOPIC_ROLE = /^(?:political|economics|science|health|sports|business|culture|technology|foreign|national|international|special|host|tech)$/i;

const isTitleWord = (w: string): boolean => COMPANY_TITLE.test(w) || TITLE_LEAD.test(w) || ROLE.test(w);
/** Words that are all a job title with its head word ("Content Marketing Manager", not "Growth Marketing"), or a title then
 * "of"/"at" and its employer ("Editor of Example", "Founder at Example"). */
function titleTail(words: string[]): boolean {
  // "Head Winemaker", "Former Editor", "Chief Anything": these open a title whatever follows.
  if (/^(?:head|former|chief|senior|lead)$/i.test(words[0]) && words.length > 1) return true;
  let head = false;
  for (const w of words) {
    if (/^(?:of|at|for)$/i.test(w)) return head;
    if (!isTitleWord(w) && !/^(?:and|&)$/i.test(w)) return false;
    head ||= COMPANY_TITLE.test(w) || ROLE.test(w);
  }
  return head;
}

/** Lower-case words inside a name ("Ludwig van Beethoven", "Maria de la Cruz"). */
const NAME_PARTICLE = /^(?:van|von|der|den|de|da|di|del|della|des|du|le|la|al|el|ibn|bin|bint|ter|ten|zu|dos|das|do|y|e|af|av)$/;

/** A degree or certification written after a name: as the list has it, with two capitals ("MD", "PhD"), not a surname ("Ma", "Do"). */
function isCredential(word: string): boolean {
  const w = word.replace(/[®™*]+$/u, "");
  return CREDENTIALS.test(w) && /\p{Lu}.*\p{Lu}|^(?:Esq\.?)$/u.test(w) && w !== w.toLowerCase();
}

/** A credential part after a comma: a listed one, or a short all-capitals abbreviation ("CSCS", "E-RYT 200", "CEPF®"). */
function isCredentialPart(part: string): boolean {
  const words = part.trim().split(/\s+/);
  if (words.every(isCredential)) return true;
  return words.length <= 2 && /^[\p{Lu}][\p{Lu}.-]{1,6}[®™]?$/u.test(words[0]) && (words.length === 1 || /^\d{2,4}$/.test(words[1]));
}

/** "Jane Doe, PhD, CSCS" → "Jane Doe"; "Jane Doe RN" → "Jane Doe" (a listed credential only: "TOM KRISHER" keeps its name). */
export function withoutCredentials(s: string): string {
  const parts = s.split(/\s*,\s*/);
  while (parts.length > 1 && isCredentialPart(parts[parts.length - 1])) parts.pop();
  let out = parts.join(", ");
  const words = out.split(" ");
  const caps = words.every((w) => w === w.toUpperCase());
  while (words.length > 2 && !caps && isCredential(words[words.length - 1].replace(/[.,]+$/, ""))) words.pop();
  out = words.join(" ");
  return out;
}

/** A name glued to the job title after it, the markup's space lost ("Jane DoeSenior Reporter", "Jane DoeFounder at X"). */
const GLUED_TITLE = new RegExp(`(\\p{Ll})(?=(?:${[...ROLE_WORDS, ...COMPANY_TITLES, "head", "former", "updated", "published", "posted"].filter((w) => /^[a-z]/.test(w)).map((w) => w[0].toUpperCase() + w.slice(1)).join("|")})(?:$|[^\\p{L}]))`, "gu");
/** Share buttons' labels glued into one word after a name ("Jane Doe FacebookTweetPin"). */
const SHARE_GLUE = /^(?:Facebook|Tweet|Twitter|Pin|Pinterest|Share|Email|LinkedIn|WhatsApp|Reddit|Print|Flipboard){2,}$/;

/** An agency after a name, the separator lost ("ERIC TUCKER Associated Press"). */
const TRAILING_AGENCY = new RegExp(`\\s+(${AGENCY_NAMES})$`, "i");

/**
 * Splits a byline ("By A, B and C (AP)", "Von A und B, dpa") into credits.
 * Agency markers in parentheses and role suffixes are read off first.
 */

export function parseByline(text: string, into: Credits = emptyCredits(), declared = false): Credits {
  let s = collapseSpace(text).trim();
  if (!s || s.length > BYLINE.maxChars) return into;
  // URLs and picture credits ("Photo by X/Agency") are not the story's authors.
  s = s.replace(/https?:\/\/\S+/g, " ").replace(PICTURE_CREDIT, "").replace(BYLINE_TAIL, "").trim();
  // "Reviewed by B", "Fact-checked by C": from the label on, no one named is an author.
  s = notAuthorCut(s);
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
  s = s.replace(BYLINE_TOOLS, "");
  if (!s.includes(":")) s = s.replace(BYLINE_READING_TIME, "");
  s = s.replace(BYLINE_WEEKDAY, "");
  s = s.replace(BYLINE_PREFIX, "");
  const parts = s.split(NAME_SEPARATOR);
  // After a job title ("Jane Doe, Senior Director, Example Institute", "Jane Doe Executive Editor and Master Gardener")
  // the credit goes on with the writer's employer and titles: a later part is a co-author only if it opens with a
  // given name ("Jane Doe, Reporter, John Roe").
  let titled = false;
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i].trim();
    // "Jane Doe, PhD, CSCS": the comma splits off credentials, which are no one.
    if (!p || (i > 0 && isCredentialPart(p) && !AGENCY.test(p))) continue;
    // "Jane Doe - Senior Reporter", "Jane Doe, reporter": a trailing role is not a name.
    p = p.replace(/\s+[–—-]\s+.*$/, "").trim();
    // An agency after the name, the separator lost ("ERIC TUCKER Associated Press").
    const agency = TRAILING_AGENCY.exec(p);
    if (agency && p.slice(0, agency.index).trim().includes(" ") && !AGENCY.test(p)) {
      addAgency(into, agency[1]);
      p = p.slice(0, agency.index).trim();
    }
    const c = classify(p, declared);
    const wasTitled = titled;
    if (p.split(" ").some((w) => COMPANY_TITLE.test(w) || (ROLE.test(w) && !TOPIC_ROLE.test(w)))) titled = true;
    if (!c) continue;
    if (c.kind === "person" && wasTitled && !personNamed(c.name)) continue;
    if (c.kind === "agency") addAgency(into, c.name);
    else if (c.kind === "desk") into.organization ??= c.name;
    else addPerson(into, { name: c.name });
  }
  return into;
}

/** A byline up to its first label of a credit that is not authorship ("Reviewed by", "Edited by", "Fact-checked by"). */
export function notAuthorCut(s: string): string {
  const m = NOT_AUTHOR_LABEL.exec(s);
  return m ? s.slice(0, m.index).trim() : s;
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

/** nameKey without a leading honorific: "Dr Jane Doe" and "Jane Doe" are one person. */
export function personKey(name: string): string {
  const k = nameKey(name);
  const sp = k.indexOf(" ");
  return sp > 0 && HONORIFICS.has(k.slice(0, sp)) ? k.slice(sp + 1) : k;
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
