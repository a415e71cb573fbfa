/** Where article dates are stated, and where dates are not the article's. */

/** <meta> keys (name/property/itemprop, lower-cased) that state the publication date, most specific first. */
export const PUBLISHED_META = [
  "article:published_time", "og:article:published_time", "article:published", "datepublished", "published_time", "publish_date", "publish-date",
  "publishdate", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
  "citation_publication_date", "citation_date", "citation_online_date", "dc.date", "dcterms.date", "date", "originalpublicationdate",
  "article.published", "article_date_original", "cxenseparse:recs:publishtime", "timestamp", "og:published_time", "bt:pubdate", "nv:date",
  "published-date", "release_date", "pub_date", "date_published", "displaydate", "created", "datecreated",
] as const;

/** <meta> keys that state the last modification. */
export const MODIFIED_META = [
  "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time", "modified_time", "last-modified", "lastmod",
  "dc.date.modified", "dcterms.modified", "article.updated", "updated_time", "article:modified", "bt:moddate", "revised", "modified",
  "last_updated_date", "cxenseparse:recs:articlemodifiedtime",
] as const;

/** Class/id tokens of elements stating the article's date near the headline. */
export const DATE_CLASS = /(?:^|[^a-z])(?:date|dates|time|timestamp|dateline|published|publish|pubdate|posted|post-?date|entry-?date|meta-?date|article-?date|story-?date|datum|fecha|data|publication|update[ds]?|modified|zeit|heure|hora)(?:$|[^a-z])/i;

/**
 * Zone words that name a site's own article header as often as a teaser elsewhere ("article-header__teaser-textbox"):
 * around an <h1> that is the declared title, they are the article's frame.
 */
const FRAME_ZONE_WORDS = ["teaser", "teasers", "card", "cards", "popular", "trending", "top-?stories", "latest", "widget", "promo", "carousel", "slider", "playlist", "feed", "river", "archive", "tags?-?list"];
/** Zone words that never frame the story's own headline. */
const OTHER_ZONE_WORDS = ["related", "recommend\\w*", "more-?stories", "more-?news", "read-?more", "also-?read", "most-?(?:read|popular|viewed)", "sidebar", "rail", "comments?", "comment-?list", "disqus", "reply", "replies", "kommentar\\w*", "commentaires?", "comentarios?", "outbrain", "taboola", "newsletter", "footer", "nav", "navigation", "menu", "breadcrumbs?", "share", "social", "ad", "ads", "advert\\w*"];
const zoneWords = (words: string[]): RegExp => new RegExp(`(?:^|[^a-z])(?:${words.join("|")})(?:$|[^a-z])`, "i");

/** Class/id tokens of zones whose dates belong to other stories or to readers: teaser cards, related lists, comments. */
export const FOREIGN_ZONE = zoneWords([...OTHER_ZONE_WORDS, ...FRAME_ZONE_WORDS]);
/** Zone names that never frame the story's own headline. */
export const NEVER_HEADLINE_FRAME = zoneWords(OTHER_ZONE_WORDS);

/** Tags whose contents are not the article's own statements. */
export const FOREIGN_TAGS = new Set(["aside", "nav", "footer", "form"]);

/** A date written in the URL path: /2024/05/03/, /2024-05-03/, /20240503/. */
export const URL_DATE = [
  /\/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/,
  /(?:\/|[_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/,
] as const;

export const DATES = {
  /** Publication years outside this window are misreads (copyright lines, birth dates). */
  minYear: 1995,
  /** Years after the reference year plus this are misreads. */
  maxYearAhead: 1,
  /** Date strings longer than this are sentences, not datelines; chrono is not run on them. */
  maxTextChars: 120,
  /** A dateline this far into the article's header window is still near the headline (elements). */
  headerWindow: 120,
} as const;
