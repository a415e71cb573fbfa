/**
 * URLs before fetching: one normal form per page (so a page is fetched once
 * however it is linked), and a guess of what a URL points to, from its shape
 * and the link that leads to it, so only articles are extracted and only
 * listings are followed for more links.
 */

export type Kind = "article" | "section" | "feed" | "sitemap" | "other";

/** Query parameters that only say where a reader came from or who they are. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign|at_custom\d*|ref|ref_src|smid|_ga|igshid|sessionid|session_id|sid|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken|s_cid|ito|xtor|ns_mchannel|ns_source|ns_campaign|ncid|cid)$/i;
/** A session id carried in the path (";jsessionid=..."), as Java servers do. */
const PATH_SESSION = /;(jsessionid|phpsessid|sid)=[^/?#]*/gi;
/** Directory index pages: /news/index.html is /news/. */
const INDEX_PAGE = /\/(index|default)\.(html?|php|aspx?|jsp|shtml)$/i;

/**
 * The form a URL is stored, compared and fetched in: lower-case scheme and host
 * (URL does that), no default port (URL does that too), no fragment, no
 * tracking or session parameters, the rest of the query sorted, index pages
 * folded into their folder. Undefined for what cannot be crawled.
 */
export function normalise(url: string, base?: string | URL): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return undefined;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
  if (u.username || u.password) return undefined;
  u.hash = "";
  u.hostname = u.hostname.replace(/\.$/, "");
  u.pathname = u.pathname.replace(PATH_SESSION, "").replace(INDEX_PAGE, "/");
  if (u.search) {
    const params = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
    params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    u.search = params.length ? new URLSearchParams(params).toString() : "";
  }
  return u.href;
}

/** The host a politeness slot and a robots.txt belong to: host name and port. */
export function hostOf(url: string): string {
  return new URL(url).host;
}

/** What scope compares: the host without "www.", with its port. */
export function siteKey(url: string): string {
  const u = new URL(url);
  return u.hostname.replace(/^www\./, "") + (u.port ? ":" + u.port : "");
}

/** What is known about the link that leads to a URL. */
export interface LinkContext {
  /** The anchor text. */
  text?: string;
  /** The link's rel attribute. */
  rel?: string;
  /** Where it was found: site furniture (nav, header, footer, aside), the page body, a feed or a sitemap. */
  area?: "nav" | "body" | "feed" | "sitemap" | "news-sitemap";
  /** A feed's or sitemap's declared type (link rel=alternate type=...). */
  type?: string;
}

export interface Classified {
  kind: Kind;
  /** The rule that decided, for the log and the report. */
  reason: string;
}

/** Longer URLs are generated, not linked by an editor (and browsers and sitemaps stop near here). */
const MAX_URL = 2048;

/** [pattern on the path and query, reason]: never worth a fetch. Checked first. */
const OTHER: [RegExp, string][] = [
  [/\.(jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?)$/i, "an image file"],
  [/\.(mp3|mp4|m4a|m4v|mov|avi|wmv|webm|ogg|wav|flac|mkv)$/i, "an audio or video file"],
  [/\.(pdf|docx?|xlsx?|pptx?|odt|zip|rar|7z|tar|gz|tgz|exe|dmg|apk|msi|iso|bin)$/i, "a document or binary download"],
  [/\.(css|js|mjs|json|woff2?|ttf|otf|eot|map)$/i, "a page asset"],
  [/\/(tags?|topics?|themen|temas|etiquetas?|schlagworte?|keywords?|stichwort)\/[^/]+/i, "a tag page: a listing of one keyword"],
  [/\/(authors?|autor(en)?|autores|auteurs?|people|person|profiles?|byline|contributors?|journalists?|staff|team)\/[^/]+/i, "an author page: a listing of one writer"],
  [/\/(search|suche|buscar|recherche|ricerca)\b|[?&](q|s|query|search|keywords?)=/i, "a search: an infinite query space"],
  [/\/(login|log-in|signin|sign-in|signup|sign-up|register|account|my-account|subscribe|subscription|abo|newsletter|checkout|cart|password|logout|user|users|profile)(\/|$|\?)/i, "login, account or subscription page"],
  [/\/(calendar|kalender|agenda|events?)\/(\d{4}|\?)|[?&](date|day|from|to|start|end|month|year)=\d/i, "a calendar: next-day links without end"],
  [/\/(archives?|archiv)?\/?\d{4}\/\d{1,2}(\/\d{1,2})?\/?$/i, "a date archive page: one per day, without end"],
  [/[?&](sort|order|orderby|filter|view|print|share|replytocom|amp|output|format|lang|hl|page_id|attachment_id)=/i, "a sort, filter, print or share variant of another page"],
  [/\/(print|share|email|comments?|feedback|reply|embed|amp)\/?$/i, "a print, share, comment or embed variant of another page"],
  [/\/(shop|store|products?|item|items|pdp|dp|cart|collections|catalog|buy)\/|\/p\/[A-Z0-9]{6,}/i, "a shop page: products and categories"],
  [/\/(questions|forums?|threads?|community|discussions?|board)\/|\/thread-\d|\/r\/[^/]+\/comments\/|^\/t\/[^/]+\/\d+/i, "a forum or Q&A thread (/t/slug/id is Discourse's)"],
  [/\/wiki\//i, "an encyclopedia page"],
  [/\/(wp-admin|wp-login|wp-json|cgi-bin|xmlrpc\.php|admin|api)(\/|$)/i, "an admin or API endpoint"],
  [/\/(about|contact|impressum|imprint|privacy|datenschutz|terms|legal|cookies?|careers?|jobs|advertis\w*|faq|help|sitemap\.html?)(\/|$|\.)/i, "a page about the site, not news"],
  [/\/(video|videos|gallery|galleries|photos?|podcasts?|live|livestream|weather|horoscopes?|games|puzzles|crosswords?|obituaries)(\/|$)$/i, "a media or service hub"],
];

/** [pattern on the host name, reason]: a whole host that is not news. */
const OTHER_HOST: [RegExp, string][] = [
  [/^(forums?|community|communities|answers|boards?|discuss|discussions?)\./i, "a forum host"],
  [/^(shop|store|docs|developers?|support|help|status|accounts?|login|auth|cdn|static|img|images|media)\./i, "a shop, documentation, support or asset host"],
];

/** [pattern, reason]: a feed. */
const FEED: [RegExp, string][] = [
  [/\/(feed|feeds|rss|atom)(\/[^/]*)?\/?$/i, "a feed path (/feed, /rss, /atom)"],
  [/\.(rss|atom|rdf)$/i, "a feed file extension"],
  [/(rss|atom|feed)[^/]*\.xml$/i, "an XML file named as a feed"],
  [/[?&](feed|format)=(rss|atom|rss2)\b/i, "a query asking for a feed"],
];

/** [pattern, reason]: a sitemap. */
const SITEMAP: [RegExp, string][] = [
  [/sitemap[^/]*\.xml(\.gz)?$/i, "an XML file named as a sitemap"],
  [/\/sitemaps?\/.*\.xml(\.gz)?$/i, "an XML file in a sitemap folder"],
];

/** [pattern, reason]: looks like one story. */
const ARTICLE: [RegExp, string][] = [
  [/\/(19|20)\d{2}[/-](0?[1-9]|1[0-2])([/-]\d{1,2})?\/(?=[^/]*[a-z])[^/]+\/?$/i, "a date then a slug: dated story paths"],
  [/\/(19|20)\d{2}\/(0?[1-9]|1[0-2])\/(\d{1,2}\/)?\d{4,}\/?$/, "a date then a numeric id"],
  [/\/[a-z0-9\u00c0-\uffff]+(-[a-z0-9\u00c0-\uffff]+){2,}\/\d{4,}\/?$/i, "a slug then a numeric id segment"],
  [/\/(articleshow|storypage|story|newsview|news_view|view|read|detail|details)[^/]*[/.?][^/]*\d{4,}/i, "a story viewer with an id"],
  [/\/[^/]*-(19|20)\d{2}-?[01]\d-?[0-3]\d[^/]*$/i, "a slug with a date in it"],
  [/\/(article|articles|story|stories|news|nachrichten|noticias?|actualites|notizie|post|posts|a|p|content)\/[^/]*\d{4,}[^/]*\/?$/i, "a story folder and a numeric id"],
  [/\/[^/]*\d{5,}[^/]*\.(s?html?|php|aspx?)$/i, "a page file with a long numeric id"],
  [/\/[^/]*-\d{5,}\/?$/i, "a slug ending in a long numeric id"],
  [/\/(\d{5,})-[a-z][^/]*$/i, "a long numeric id then a slug"],
  [/[?&](id|p|story|article|storyid|articleid|newsid|idx|aid|nid|no|autono|artid)=\d{3,}/i, "an id parameter of a story"],
  [/\/(blog|blogs|post|posts|articles?|stories|story|news|insights|features?|opinion|column|columns|reviews?|guides?|analysis)\/[^/]*[a-z]-[a-z][^/]*\/?$/i, "a hyphenated slug in a story or blog folder"],
];

/** [pattern, reason]: a listing of stories. */
const SECTION: [RegExp, string][] = [
  [/^\/?$/, "a site root"],
  [/\/(page|seite|pagina)\/\d{1,3}\/?$|[?&](page|p|pg|seite)=\d{1,3}$/i, "a numbered listing page (pagination)"],
  [/^\/(news|world|politics|business|economy|sport|sports|tech|technology|science|health|culture|arts|opinion|lifestyle|travel|entertainment|local|national|international|region|regional|us|uk|europe|asia|africa|americas|middle-east|education|environment|climate|markets|money|media|style|food|books|music|film|movies|tv|auto|cars|nachrichten|politik|wirtschaft|kultur|meinung|panorama|wissen|noticias|deportes|economia|internacional|actualite|monde|societe|sante|sciences)(\/[a-z]+(-[a-z]+)?)?\/?$/i, "a common news section name (and a sub-section of one or two words)"],
  [/^\/(category|categories|section|sections|rubrik|ressort|kategorie|categoria|rubrique|cat|c)\/[^/]+\/?$/i, "a category listing"],
];

/** Slug words: an article path usually ends in a headline of several hyphenated or underscored words. */
const SLUG = /(^|\/)([a-z0-9\u00c0-\uffff]+[-_]){3,}[a-z0-9\u00c0-\uffff]+(\.[a-z0-9]+)?\/?$/i;


/**
 * Article, section, feed, sitemap or other. The URL's own shape decides first
 * (a media file is not a story whatever links to it); then what the link says
 * where the shape is silent: links in site furniture are listings, a long
 * anchor text is a headline.
 */
export function classify(url: string, ctx: LinkContext = {}): Classified {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: "other", reason: "not a URL" };
  }
  // Every pattern below is linear or close to it, and this bounds the rest: a hostile page cannot stall the crawl with a URL.
  if (url.length > MAX_URL) return { kind: "other", reason: `a URL longer than ${MAX_URL} characters` };
  const path = decodeSafe(u.pathname);
  const target = path + u.search;
  const rel = ctx.rel?.toLowerCase() ?? "";
  const type = ctx.type?.toLowerCase() ?? "";
  if (/\b(tag|author|nofollow|ugc|sponsored|search|license|me)\b/.test(rel)) return { kind: "other", reason: `rel=${rel}` };
  if (/\b(alternate)\b/.test(rel) && /(rss|atom|rdf|feed)/.test(type)) return { kind: "feed", reason: "rel=alternate with a feed type" };
  for (const [re, why] of SITEMAP) if (re.test(path)) return { kind: "sitemap", reason: why };
  if (ctx.area === "sitemap" && /\.xml(\.gz)?$/i.test(path)) return { kind: "sitemap", reason: "an XML file listed in a sitemap index" };
  for (const [re, why] of FEED) if (re.test(target)) return { kind: "feed", reason: why };
  for (const [re, why] of OTHER) if (re.test(target)) return { kind: "other", reason: why };
  for (const [re, why] of OTHER_HOST) if (re.test(u.hostname)) return { kind: "other", reason: why };
  if (u.searchParams.size > 3) return { kind: "other", reason: "many query parameters: a generated query space" };
  // Entries of a news sitemap or a feed are stories by definition of those files.
  if (ctx.area === "news-sitemap" || ctx.area === "feed") return { kind: "article", reason: `listed in a ${ctx.area}` };
  for (const [re, why] of ARTICLE) if (re.test(target)) return { kind: "article", reason: why };
  for (const [re, why] of SECTION) if (re.test(target)) return { kind: "section", reason: why };
  const words = (ctx.text ?? "").trim().split(/\s+/).filter((w) => w.length > 1).length;
  const slug = SLUG.test(path);
  if (slug && ctx.area !== "nav") return { kind: "article", reason: "a path ending in a headline slug" };
  if (slug && words >= 5) return { kind: "article", reason: "a headline slug with a headline-long anchor" };
  const segments = path.split("/").filter(Boolean);
  if (ctx.area === "sitemap") return segments.length >= 2 || /\d/.test(path) ? { kind: "article", reason: "a deep page listed in a sitemap" } : { kind: "section", reason: "a shallow page listed in a sitemap" };
  if (ctx.area === "nav" && segments.length <= 2) return { kind: "section", reason: "a short path linked from site furniture" };
  if (words >= 6 && segments.length >= 1 && !u.search) return { kind: "article", reason: "an anchor as long as a headline" };
  if (segments.length <= 2 && !/\d{3,}/.test(path) && !u.search) return { kind: "section", reason: "a short path without an id" };
  return { kind: "other", reason: "no article, listing or feed shape" };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
