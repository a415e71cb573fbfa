/** Title, standfirst, key points, article type and paywall cues. */

/** Separators between a headline and the site name in <title>/og:title ("Headline | Site", "Headline - Site"). Never a colon. */
export const TITLE_SEPARATOR = /\s+(?:[|–—•·»«‹›/\\~*]|-{1,2}|::)\s+|\s*[｜ㅣ]\s*|\s*：(?=[^：]{1,30}$)/g;

/** Class/id tokens of the dek/standfirst under a headline. */
export const STANDFIRST_CLASS = /(?:^|[^a-z])(?:standfirst|dek|deck|sub-?title|subtitle|subheadline|sub-?headline|sub-?head|strapline|summary|intro|teaser-?text|article-?lead|story-?lead|lead|lede|excerpt|abstract|description|kicker-?text|chapo|chapeau|entradilla|sottotitolo|occhiello|vorspann|einleitung|anriss|header-?teaser|article__intro|standout)(?:$|[^a-z])/i;

/** What a standfirst is at least: a sentence or two, not a kicker or a topic label ("Pos tefeciliği soruşturması"). */
export const STANDFIRST = {
  /** Words of a standfirst read from the page. */
  minWords: 6,
  /** Words of a JSON-LD alternativeHeadline taken for one: sites also put a second title or a kicker there. */
  altHeadlineMinWords: 9,
} as const;

/** A date with a clock time: a dateline or byline line ("Name, Lrt.lt 2024.03.31 19:59"), not a standfirst. */
export const STAMPED_LINE = /(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\D{0,12}\d{1,2}:\d{2}/;

/** A line that says who made the pictures ("(Photos by AP; photo illustration by ...)"), not a standfirst. */
export const CREDIT_LINE = /^\(?\s*(?:photos?|photographs?|pictures?|images?|illustrations?|graphics?|videos?|fotos?|bilder?)\b[^.]{0,30}?\b(?:by|von|de|di|par|por)\b/i;

/** Class/id tokens of the publisher's bullet box under a headline. */
export const KEYPOINTS_CLASS = /(?:^|[^a-z])(?:key-?points?|keypoints|key-?facts|content-?summary|highlights?|takeaways?|key-?takeaways|summary-?list|story-?highlights|bullets|bullet-?points|tldr|at-?a-?glance|in-?brief|das-?wichtigste|zusammenfassung|en-?bref|points?-?cles|lo-?importante|puntos-?clave|in-?sintesi)(?:$|[^a-z])/i;

/** Headings that introduce a key-points list. */
export const KEYPOINTS_HEADING = /^(?:key (?:points|facts|takeaways)|highlights|in brief|at a glance|the big picture|summary|tl;?dr|das wichtigste(?: in kürze)?|in kürze|auf einen blick|zusammenfassung|en bref|l'essentiel|ce qu'il faut retenir|lo (?:más )?importante|puntos clave|en resumen|in sintesi|i punti chiave|het belangrijkste|in het kort|kort sagt|det viktigaste|najważniejsze|коротко|главное)\s*:?$/iu;

/** schema.org @type → our article type. Types not listed say nothing about the genre. */
export const JSONLD_TYPE: Record<string, "news" | "opinion" | "liveblog" | "review" | "analysis" | "interview" | "blog" | "other"> = {
  NewsArticle: "news", ReportageNewsArticle: "news", BackgroundNewsArticle: "news", OpinionNewsArticle: "opinion", AnalysisNewsArticle: "analysis",
  ReviewNewsArticle: "review", Review: "review", CriticReview: "review", LiveBlogPosting: "liveblog", BlogPosting: "blog", Blog: "blog",
  AskPublicNewsArticle: "news", SatiricalArticle: "other",
};

/** schema.org types of a page's main article. */
export const ARTICLE_TYPES = new Set([
  "Article", "NewsArticle", "ReportageNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle", "AnalysisNewsArticle", "ReviewNewsArticle",
  "AskPublicNewsArticle", "LiveBlogPosting", "BlogPosting", "SocialMediaPosting", "Report", "ScholarlyArticle", "TechArticle", "SatiricalArticle",
  "Review", "CriticReview", "MedicalScholarlyArticle", "DiscussionForumPosting", "VideoObject", "Recipe", "WebPage", "ItemPage", "CreativeWork",
]);

/** Types that are only a fallback when no article type is on the page. */
export const WEAK_ARTICLE_TYPES = new Set(["WebPage", "ItemPage", "CreativeWork", "VideoObject", "Recipe"]);

/** Genre cues in the URL path or section, for pages without a typed JSON-LD. */
export const TYPE_CUES: [RegExp, "opinion" | "liveblog" | "review" | "analysis" | "interview" | "obituary"][] = [
  [/(?:^|[/_-])(?:live|liveblog|live-blog|ticker|liveticker|en-direct|directo|diretta)(?:[/_-]|$)/i, "liveblog"],
  [/(?:^|[/_-])(?:opinion|opinions|commentisfree|comment|kommentar|meinung|tribune|editorial|columns?|op-ed|opinione|opinião|opinion-columns)(?:[/_-]|$)/i, "opinion"],
  [/(?:^|[/_-])(?:reviews?|kritik|critique|recensione|rezension)(?:[/_-]|$)/i, "review"],
  [/(?:^|[/_-])(?:analysis|analyse|analisis|analisi)(?:[/_-]|$)/i, "analysis"],
  [/(?:^|[/_-])(?:interview|interviews|entretien|entrevista|intervista)(?:[/_-]|$)/i, "interview"],
  [/(?:^|[/_-])(?:obituar(?:y|ies)|nachruf|necrologie)(?:[/_-]|$)/i, "obituary"],
];

export const PAYWALL = {
  /** The visible body is a teaser when the declared articleBody has this many times its words. */
  bodyRatio: 1.8,
  /** ...and at least this many more words (short pages differ by furniture, not by a wall). */
  minMissingWords: 120,
} as const;

/** Class/id tokens of subscription walls left in the page. */
export const PAYWALL_CLASS = /(?:^|[^a-z])(?:paywall|pay-?wall|subscriber-?only|premium-?(?:content|wall|barrier)|plus-?(?:wall|teaser)|regwall|meter-?wall|piano-?(?:offer|paywall)|article-?locked|locked-?content|abo-?teaser)(?:$|[^a-z])/i;

export const LANG = {
  /** Characters of body text given to the language detector: enough to be reliable, bounded for speed. */
  sampleChars: 700,
  /** Shorter samples are not checked against the declared language. */
  minSampleChars: 80,
} as const;

/** Image URLs that are never a story's lead picture: logos, author portraits, ads, placeholders, small thumbnails. */
export const NOT_LEAD_IMAGE = /(?:logo|avatar|favicon|sprite|icon|placeholder|transparent|blank|spacer|werbung|advert|banner|\/authors?\/|\/autor(?:en)?\/|byline|profile|portrait|\/thumbs?\/\d{2,3}x|[_-](?:\d{2,3})x(?:\d{2,3}|0)(?:[_.-]|$))/i;

/** Class words of a subheading set as a paragraph inside the body ("Zwischentitel", "crosshead", "intertitre"). */
export const SUBHEADING_CLASS = /(?:^|[^a-z])(?:crosshead|cross-head|zwischentitel|zwischenzeile|zwischenueberschrift|interline|onlineinterline|intertitle|inter-title|intertitre|intertítulo|intertitulo|subheading|sub-heading)(?:$|[^a-z])/i;
