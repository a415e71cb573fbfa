/**
 * Given names, to tell a site named after its writer ("Polly Barks", "Owain Brennan") from a brand with two
 * capitalised words ("Bread Dad", "Privacy Guides"). The lists are human-names' (popular given names in English,
 * German, French, Spanish, Italian and Dutch), read once on first use.
 */
import { createRequire } from "node:module";

const LANGS = ["en", "de", "fr", "es", "it", "nl"] as const;

/**
 * Second words that make a name a business, whatever the first ("Cherry Servers", "Grace Church", "Summer Camp"):
 * what the credit is about, not a family name.
 */
const BUSINESS_WORDS = new Set(
  [
    "media", "news", "studio", "studios", "design", "designs", "labs", "lab", "group", "health", "reviews", "review", "blog", "journal",
    "magazine", "press", "times", "post", "daily", "weekly", "digital", "games", "music", "tech", "guides", "guide", "data", "cloud",
    "servers", "solutions", "services", "consulting", "coaching", "university", "college", "school", "academy", "institute",
    "foundation", "company", "inc", "llc", "ltd", "gmbh", "shop", "store", "kitchen", "home", "homes", "travel", "church", "camp",
    "law", "legal", "dental", "clinic", "realty", "insurance", "finance", "capital", "partners", "ventures", "systems", "software",
    "network", "radio", "tv", "films", "books", "publishing", "foods", "farm", "farms", "garden", "gardens", "life", "living", "style",
    "beauty", "fitness", "sports", "motors", "auto", "energy", "global", "international", "online", "world", "team", "official",
    "community", "forum", "forums", "depot", "hub", "center", "centre", "club", "society", "association", "agency", "works", "corp",
    "corporation", "industries", "supply", "supplies", "outlet", "market", "marketplace", "stores", "collective", "co", "project",
  ],
);

let given: Set<string> | undefined;

function givenNames(): Set<string> {
  if (given) return given;
  given = new Set();
  try {
    const require = createRequire(import.meta.url);
    for (const lang of LANGS)
      for (const sex of ["female", "male"])
        for (const name of require(`human-names/data/${sex}-human-names-${lang}.json`) as string[]) if (/^\p{Lu}/u.test(name)) given.add(name);
  } catch {
    // Without the lists no site reads as a person: the credit stays the organisation's, as before.
  }
  return given;
}

/** A name of two or three capitalised words that opens with a given name and names no business: a person's. */
export function personNamed(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || words.length > 3) return false;
  if (!words.every((w) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(w))) return false;
  if (words.slice(1).some((w) => BUSINESS_WORDS.has(w.toLowerCase()))) return false;
  return givenNames().has(words[0]);
}
