/** Telling people from agencies, desks and page furniture in bylines. */
import { matcher } from "./vocab.ts";

/** Words that open a byline in many languages ("By A", "Von A", "Par A"); stripped before splitting. */
export const BYLINE_PREFIX = /^\s*(?:(?:written|reported|posted|published|text|story|article|words|compiled|photos?|fotos?|interview)\s+(?:by|von|par|por)\b|by|von|vom|par|por|di|da|door|av|af|przez|napisał[a]?|автор(?:ы)?|от|tekst|text|texte|texto|testo|autor(?:in|es|a)?|author(?:s)?|auteur|redacción|reporter|reportage)\s*[:：]?\s+/iu;

/** Words and marks between names in one byline: "A, B and C", "A und B", "A et B", "A y B". */
export const NAME_SEPARATOR = /\s*(?:[,;&|/·•]|\s(?:and|und|et|y|e|og|och|en|ve|i|a|und\/oder|és|ja|și|и|та|і)\s)\s*/iu;

/**
 * News agencies: credited, but not people. Kept apart in `agencies`.
 * Matched on the whole name (case-insensitive).
 */
export const AGENCIES = [
  "AP", "Associated Press", "The Associated Press", "AFP", "Agence France-Presse", "Agence France Presse", "Reuters", "Thomson Reuters",
  "dpa", "Deutsche Presse-Agentur", "EFE", "Agencia EFE", "ANSA", "PA", "PA Media", "Press Association", "Xinhua", "Kyodo", "Kyodo News",
  "APA", "KNA", "epd", "SDA", "Keystone-SDA", "Belga", "ANP", "TT", "NTB", "Ritzau", "ČTK", "CTK", "PAP", "TASS", "RIA Novosti", "Interfax",
  "Yonhap", "AAP", "CP", "The Canadian Press", "UPI", "Bloomberg", "IANS", "PTI", "ANI", "Lusa", "Europa Press", "dts", "AP/dpa", "dpa/AFP",
  "AFP/dpa", "Reuters/dpa", "dpa-AFX", "SID", "KNA/epd",
] as const;
export const AGENCY = matcher(AGENCIES, "exact");
/** The agency names as one regex alternation, for patterns that embed them. */
export const AGENCY_NAMES = AGENCIES.map((a) => a.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");

/** Words that make a credit a desk or an organisation rather than a person ("Guardian staff", "Redaktion"). */
export const DESK_WORDS = [
  "staff", "team", "desk", "newsroom", "editors", "editorial", "editorial board", "redaktion", "redaction", "rédaction", "redacción", "redazione",
  "redactie", "redakcja", "редакция", "editorial staff", "news service", "news agency", "press agency", "nachrichtenagentur", "presseagentur", "agence de presse", "agencia de noticias", "online", "web desk", "digital", "bureau", "correspondents",
] as const;
export const DESK = matcher(DESK_WORDS, "token");

/** Text that is never a person's name: link labels, roles alone, furniture found in byline boxes. */
export const NON_NAME_WORDS = [
  "email", "e-mail", "mail", "the author", "follow", "share", "twitter", "facebook", "linkedin", "instagram", "whatsapp", "subscribe", "newsletter",
  "read more", "more from", "more by", "view all", "all articles", "contact", "profile", "updated", "published", "aktualisiert", "veröffentlicht",
  "publié", "mis à jour", "publicado", "actualizado", "pubblicato", "aggiornato", "comments", "comment", "kommentare", "min read", "minutes",
  "minute", "ago", "hours", "stunden", "reading time", "lesezeit", "advertisement", "anzeige", "sponsored", "photo", "foto", "image", "video",
  "listen", "print", "copy link", "home", "news", "opinion", "unknown", "anonymous", "admin", "administrator", "guest", "gast", "user", "login",
  "sign in", "log in", "click", "here", "source", "quelle", "fuente", "this article", "dieser artikel", "cet article", "about", "über",
  // player buttons and company suffixes, which come out capitalised like names ("Play Now", "Murrays Mowing LLC")
  "play", "watch", "now", "llc", "inc", "ltd", "gmbh", "corp", "company",
  // font-size tools beside bylines ("Size Small Medium Large")
  "size", "font size", "text size",
  // links and labels of author boxes and review notes ("Advertiser Disclosure", "Fact Checked", "All Posts", "Save as PDF", "Please Vote")
  "disclosure", "fact checked", "fact-checked", "posts", "pdf", "vote", "link", "name", "written by", "learn more", "webmaster", "bio", "full bio", "undefined", "null",
  // a forum's controls and notices beside its posters' names ("Post Reply", "Forum Rules", "Delete cookies")
  "reply", "quote", "rules", "cookies", "delete", "report", "permalink", "thread", "topic", "forum",
] as const;
export const NON_NAME = matcher(NON_NAME_WORDS, "token");

/** Job titles written after a name ("Jane Doe, Senior Reporter"): dropped, not people. */
export const ROLE_WORDS = [
  "reporter", "correspondent", "editor", "writer", "columnist", "contributor", "journalist", "analyst", "producer", "chief", "senior", "deputy",
  "political", "economics", "science", "health", "sports", "business", "culture", "technology", "foreign", "national", "international",
  "korrespondent", "korrespondentin", "redakteur", "redakteurin", "autor", "autorin", "journaliste", "correspondant", "correspondante",
  "rédacteur", "rédactrice", "periodista", "corresponsal", "redactor", "redactora", "giornalista", "corrispondente", "inviato", "inviata",
  "photographer", "fotograf", "fotografin", "volontär", "volontärin", "praktikant", "praktikantin", "trainee", "intern", "stagiaire", "illustrator", "host", "moderator", "special", "reporterin", "leiter", "leiterin", "ressortleiter",
  "tech",
] as const;
export const ROLE = matcher(ROLE_WORDS, "token");

/**
 * A company's job titles, written after the writer's name ("Jane Doe Content Marketing Coordinator", "Jane Doe
 * Co-founder"): the name is kept and the title cut off. (News roles after a name, "Jane Doe Tech Reporter", leave the
 * whole credit out, as before: there the name comes from the byline's link.)
 */
export const COMPANY_TITLES = ["consultant", "coordinator", "manager", "director", "founder", "co-founder", "cofounder", "ceo", "coo", "cto", "cfo", "cmo", "president", "officer", "specialist", "strategist", "expert", "advisor", "adviser"] as const;
export const COMPANY_TITLE = matcher(COMPANY_TITLES, "token");
/** Words that open a company title before its head word ("Content Marketing Manager", "Former Head of ..."). */
export const TITLE_LEAD = matcher(["content", "marketing", "product", "sales", "growth", "former", "certified", "licensed", "managing", "executive", "lead", "head", "general", "creative", "community", "communications", "brand", "account"], "exact");

/** Class/id tokens of byline and author elements. */
export const BYLINE_CLASS = /(?:^|[^a-z])(?:by-?line|bylines|author|authors|autor|autoren|auteur|auteurs|autore|writer|reporter|credits?-?author|article-?author|meta-?author|story-?author|post-?author|contributor|journalist|signature|firma|byl)(?:$|[^a-z])/i;

/** Link targets of author profile pages. */
export const AUTHOR_HREF = /\/(?:authors?|autor(?:en|in)?|auteurs?|autore|autori|people|profiles?|journalists?|journalisten|reporters?|writers?|staff|contributors?|columnists?|redaktion|team|by|kontributor|penulis)\/|[?&]author=/i;

export const BYLINE = {
  /** Longer byline texts are paragraphs or author bios, not credits. */
  maxChars: 200,
  /** A person's name has at most this many words (long Spanish/Portuguese names included). */
  maxNameWords: 6,
  maxNameChars: 60,
} as const;

/** A picture, video or graphics credit inside a byline, from its label to the end: "Photo by X/Getty", "Foto: X", "Grafik: X". */
export const PICTURE_CREDIT = /(?:^|[\s|/·•,;(])(?:photo(?:graph)?s?|pictures?|image|images|foto|fotos|bild|bilder|video|videos|grafik|graphics?|illustrations?|kamera|camera|schnitt|montage|infografía|infografik|gráfico|fotografía|imagen|crédito)\s*(?:by|von|de|:)\s.*$/i;

/** Job titles written after a name in scripts without spaces or as one word ("신현주 기자", "山田太郎記者"). */
export const ROLE_SUFFIX = /\s*(?:기자|특파원|선임기자|記者|特派員|編集委員|论说员|记者|通讯员|編集部)$/u;

/** Where a byline goes on to say where it was filed or shelved: ", in News, Business", ", im Ressort Politik". */
export const BYLINE_TAIL = /,\s*(?:in|im|dans|en|nella|nel)\s.*$/i;

/** A credit shared with unnamed wire services: "Euronews with agencies", "Redaktion mit Agenturen". */
export const WITH_AGENCIES = /\s+(?:with|and|mit|und|avec|et|con|y|e)\s+(agencies|agenturen|agences|agencias|agenzie|wires)\s*$/i;

/** Function words never found inside a person's name, whatever their case: "ORGANIZATIONS IN THIS STORY" is a heading. */
export const NOT_NAME_WORDS = matcher([
  "in", "this", "that", "the", "of", "for", "on", "with", "to", "from", "about", "our", "your", "its", "their", "these", "those", "is", "are", "all",
  "dieser", "diesem", "und", "mit", "für", "über", "dans", "cette", "pour", "avec", "sur", "este", "esta", "para", "sobre", "questo", "questa",
], "exact");

/** Capitalised function words that open a label or heading ("Nach Gaetz-Rückzug", "After The Vote"), never a person's name. */
export const NOT_NAME_START = matcher([
  "the", "a", "an", "in", "on", "at", "for", "after", "before", "with", "from", "how", "why", "what", "when", "where", "who",
  "nach", "mit", "für", "über", "vor", "bei", "aus", "im", "am", "zum", "zur", "die", "der", "das", "ein", "eine", "wie", "warum", "was",
  "le", "la", "les", "un", "une", "des", "après", "avant", "avec", "pour", "el", "los", "las", "una", "tras", "con", "para", "il", "lo", "gli", "dopo", "het", "een", "na", "met",
], "exact");

/** Headings of the writer's box under the story ("About the author", "Die Autorin"): the box describes the writer, not the story. */
export const AUTHOR_HEADINGS = /^(?:about (?:the )?(?:authors?|writers?|contributors?)|the authors?|die autorin(?:nen)?|der autor|die autoren|zur autorin|zum autor|zu den autor(?:en|innen)|über (?:den autor|die autorin|die autoren)|l['’]auteur(?:e|s)?|l['’]autrice|à propos de l['’]auteur|sobre (?:el autor|la autora|los autores|o autor|a autora)|(?:el autor|la autora|o autor|a autora)|l['’]autore|sull['’]autore|over de auteur|de auteur|om (?:forfatteren|skribenten|författaren)|об авторе|про автора|o autorze)[\s:.]*$/iu;

/** What follows a writer's name in a line about them ("Jane Doe is ...", "Max Muster (*1958) war ..."). */
export const BIO_VERB = /^\s*(?:\([^()]{1,30}\))?\s*,?\s*(?:is|was|has|ist|war|hat|arbeitet|schreibt|est|était|es|era|è|é|foi|är|var|er|jest|je)\s/iu;

/** A label before the byline's "by" ("capital von Jemima Kelly", "Meinung von ...", "Opinion by ..."): a section or genre, no name. */
export const BYLINE_LABEL = /^(?:\p{Ll}[\p{L}-]*|[Mm]einung|[Kk]ommentar|[Kk]olumne|[Aa]nalyse|[Aa]nalysis|[Cc]ommentary|[Oo]pinion|[Cc]olumn|[Ee]ssay|[Ii]nterview|[Rr]eportage|[Gg]astbeitrag)(?:\s+\p{Ll}[\p{L}-]*)?\s+(?=(?:von|by|par|por|di|door|av|af)\s+\p{Lu})/u;

/** A weekday after the byline starts its dateline ("Jeff Foust Monday, Nov. 18"). */
export const BYLINE_WEEKDAY = /\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b.*$/i;

/** A reading time after the byline ("... Jemima Kelly 3 Min"). */
export const BYLINE_READING_TIME = /\s+\d{1,3}(?:\s*[–-]\s*\d{1,3})?\s*(?:min\.?|mins?|minutes?|minuten)(?:\s+(?:read|lesezeit|de lecture|lectura))?\s*$/i;

/** Share and tool buttons the byline box carries after the names ("Jane Doe Share Article Copy link"). */
export const BYLINE_TOOLS = /(?:\s+(?:share(?:\s+(?:this|article|story|post))?|copy link|link copied|print|e-?mail|follow|save|bookmark|listen))+\s*$/i;


/**
 * Credits that are not authorship, from their label on: a reviewer, editor, fact-checker or tester named beside the
 * writer ("By A. Reviewed by B", "Fact-checked by C", "Edited by: D"). They are not the story's authors.
 */
export const NOT_AUTHOR_LABEL = /(?:^|[\s|•·,.;–—-])(?:(?:medically|clinically|expert|legally|financially)\s+)?(?:reviewed|edited|fact[\s-]?checked|checked|tested|verified|copy[\s-]?edited|illustrated|researched|data analysis)\s*(?:by\b|by(?=\p{Lu})|:)/iu;

/**
 * Degrees and certifications written after a name ("Jane Doe, PhD, CSCS", "Jane Doe RN, BSN"): not part of the name,
 * and no person of their own. Matched on one word, its case ignored; see `isCredential` for the case rules.
 */
export const CREDENTIALS = matcher([
  "phd", "ph.d.", "ph.d", "md", "m.d.", "do", "dvm", "vmd", "rn", "bsn", "msn", "aprn", "np", "pa-c", "mph", "mba", "ms", "msc", "ma", "m.a.", "ba", "b.a.",
  "bs", "bsc", "jd", "esq", "cpa", "cfp", "cfa", "dds", "dmd", "pharmd", "edd", "psyd", "drph", "lcsw", "lpc", "lmft", "rd", "rdn", "ld", "ldn",
  "cscs", "facs", "facp", "faan", "dacvb", "lvt", "vts", "ryt", "e-ryt", "cepf", "chfc", "clu", "mfa", "ibclc", "cdces", "cnm", "pt", "dpt", "ot", "otr",
], "exact");

/** A day and month ending a credit: "Jane Doe 4 August 2010". */
export const BYLINE_DAY_MONTH = /\s+\d{1,2}\.?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b.*$/i;

/** A month and day ending a credit: the dateline glued to a desk or a name ("Team Example September 4, 2025"). */
export const BYLINE_MONTH_DAY = /\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b.*$/i;

/** A field label before the writer's name, as a line of its own ("<h3>Author</h3><p>Jane Doe</p>", "<dt>Written by</dt>"). */
export const AUTHOR_FIELD = /^(?:authors?|written by|autor(?:in|en)?|auteur(?:e|s)?|autore|autori|escrito por|geschrieben von)\s*:?$/i;

/**
 * Honorifics a byline writes before a name and a declaration leaves out ("Dr Jane Doe" beside "Jane Doe"): the same
 * person. Lower case, as nameKey gives them.
 */
export const HONORIFICS = new Set(["dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev", "fr", "drs", "ing", "mag"]);
