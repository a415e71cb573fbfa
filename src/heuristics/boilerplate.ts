/**
 * What boilerplate looks like: class/id vocabularies and the short texts of
 * page furniture, grouped by concept, each with why it is there.
 */
import { matcher } from "./vocab.ts";
import { AGENCY_NAMES } from "./bylines.ts";

/** Class/id words that name the story body itself, unambiguously: they outweigh any furniture word beside them. */
export const BODY_NAMES = matcher([
  "articlebody", "article-body", "article_body", "articletext", "article-text", "article-content", "articlecontent", "article__body", "article__content",
  "story-body", "storybody", "story-content", "story-text", "entry-content", "post-content", "post-body", "postbody", "body-text", "bodytext",
  "news-text", "newstext", "rich-text", "richtext", "text-body", "content-body", "article-main", "main-text", "maintext", "paywall-content",
]);

/** Class/id words of containers that may hold the story. */
export const POSITIVE_NAMES = matcher([
  "article", "articlebody", "article-body", "article_body", "articletext", "article-text", "article-content", "articlecontent",
  "story", "story-body", "storybody", "story-content", "entry", "entry-content", "post", "post-content", "post-body", "postbody",
  "body", "body-text", "bodytext", "content", "main", "main-content", "text", "blog", "blog-post", "prose", "rich-text", "richtext",
  "news-text", "newstext", "page-content", "single-post", "artikel", "contenu", "cuerpo", "texto", "nota",
]);

/**
 * Class/id words of page furniture. `maxProse`: above this many unlinked
 * characters an element so named is kept anyway (a tweet embed named
 * "social-embed" holds prose; a share bar does not). `strong`: names that
 * never sit on a page wrapper (consent, overlays): furniture however much
 * text they hold. `notOnImages`: on an <img> itself the word marks the
 * picture as shareable content ("img-share"), not a button bar. A match zeroes an element's weight in
 * locate and, inside the chosen container, removes it in prune.
 * Grouped by concept; each group is one reason in the removal record.
 */
export const FURNITURE: readonly { rule: string; reason: string; names: RegExp; maxProse?: number; strong?: boolean; notOnImages?: boolean; maxPageShare?: number }[] = [
  { rule: "comments", reason: "reader comments are not the article", names: matcher(["comment", "comments", "commentaires", "commentaire", "kommentare", "kommentar", "comentarios", "commenti", "reacties", "komentarze", "commentlist", "comment-list", "comments-section", "disqus", "discussion", "talk", "coral", "viafoura", "replies", "reactions"]) },
  { rule: "share", maxProse: 200, notOnImages: true, reason: "share and social buttons", names: matcher(["share", "shares", "sharing", "sharebar", "share-bar", "share-buttons", "social", "social-links", "socialmedia", "social-share", "sociallinks", "addthis", "sharethis", "shariff", "follow-us", "followus", "article-tools", "article-actions", "toolbar", "tools", "utility-bar", "print", "email-article", "font-size-tool", "font-size-tools", "font-size-controls", "fontsize-tool", "bookmark", "save-article"]) },
  { rule: "related", reason: "related, recommended and most-read lists point to other stories", names: matcher(["related", "related-articles", "relatedarticles", "related-content", "related-stories", "recommended", "recommendations", "recommendation", "most-read", "mostread", "most-popular", "mostpopular", "popular", "trending", "more-stories", "more-from", "morefrom", "read-more", "readmore", "read-next", "readnext", "next-article", "up-next", "upnext", "also-read", "see-also", "further-reading", "outbrain", "taboola", "ob-widget", "teaser-list", "teasers", "wp-block-query", "wp-block-post-template", "wp-block-post-excerpt", "post-excerpt", "post-picker", "more-on", "you-may-like", "youmaylike", "recirc", "recirculation", "more-news", "latest-news", "crosslinks", "weitere-artikel", "autres-articles"]) },
  { rule: "ads", reason: "ad slots and sponsored content", names: matcher(["ad", "ads", "adbox", "ad-box", "advert", "adverts", "advertisement", "advertising", "ad-slot", "adslot", "ad-container", "adcontainer", "ad-wrapper", "ad-unit", "adunit", "dfp", "gpt-ad", "banner", "sponsor", "sponsored", "sponsored-content", "promoted", "native-ad", "commercial", "anzeige", "werbung", "publicite", "teads", "billboard", "leaderboard", "skyscraper", "mpu", "outstream"]) },
  { rule: "newsletter", maxProse: 400, reason: "newsletter, subscribe and paywall prompts", names: matcher(["newsletter", "newsletters", "signup", "sign-up", "subscribe", "subscription", "subscribe-box", "regwall", "piano", "tp-container", "inline-newsletter", "promo", "promotion", "cta", "call-to-action", "membership", "donate", "donation", "support-us", "app-download", "appbanner", "webpush", "web-push", "webpush-registration", "push-notification", "push-notifications", "push-prompt", "notification-prompt"]) },
  { rule: "navigation", reason: "menus, breadcrumbs and pagination are navigation", names: matcher(["nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumbs", "pagination", "pager", "skip-link", "skiplink", "masthead", "site-header", "siteheader", "site-footer", "sitefooter", "footer", "global-footer", "header-nav", "topbar", "sidebar", "side-bar", "rail", "right-rail", "rightrail", "aside"] ) },
  // Page builders wrap every block, the story too, in "widget" boxes ("elementor-widget-wrap"): a widget is a sidebar's only when it holds little of the page's text.
  { rule: "widget", maxPageShare: 0.05, reason: "sidebar widgets", names: matcher(["widget", "widgets"]) },
  { rule: "author-bio", reason: "author bio boxes describe the writer, not the story", names: matcher(["author-bio", "authorbio", "author-box", "authorbox", "about-author", "about-the-author", "author-info", "author-card", "bio", "contributor-bio", "author-details"]) },
  { rule: "tags", maxProse: 200, reason: "tag clouds and topic links", names: matcher(["tags", "tag-list", "taglist", "tagcloud", "tag-cloud", "topics", "topic-list", "keywords", "categories", "post-tags", "article-tags", "entry-tags", "schlagworte"]) },
  { rule: "video", maxProse: 300, reason: "video players list other stories and durations", names: matcher(["video-player", "videoplayer", "player", "jwplayer", "jw-player", "vjs", "video-js", "brightcove", "video-playlist", "playlist", "media-player", "video-widget", "video-embed", "inline-video"]) },
  { rule: "consent", strong: true, reason: "cookie and consent banners", names: matcher(["cookie", "cookies", "cookie-banner", "consent", "gdpr", "privacy-banner", "onetrust", "didomi", "usercentrics", "sourcepoint", "cookiebot", "trustarc", "consentmanager", "iubenda", "borlabs", "cli-modal", "cli-bar", "cookielaw", "cookie-law"]) },
  { rule: "overlay", strong: true, reason: "modals and pop-ups sit over the page, outside the story", names: matcher(["modal", "popup", "pop-up", "overlay", "interstitial", "flyout", "drawer", "toast"]) },
  { rule: "meta", maxProse: 250, reason: "bylines, datelines and reading times are metadata, read separately", names: matcher(["byline", "bylines", "article-meta", "post-meta", "entry-meta", "meta", "metadata", "dateline", "timestamp", "published-date", "pubdate", "reading-time", "readtime", "read-time", "author-name", "authors", "article-info", "article-header-meta", "credits",
    "kicker", "eyebrow", "overline", "rubrique", "rubric", "surtitre", "dachzeile", "topline", "article-category", "category-label", "section-label", "badge", "label"]) },
  { rule: "key-points", reason: "key points are a field of their own (keyPoints), not body text", names: matcher(["key-points", "keypoints", "content-summary", "key-takeaways", "takeaways", "story-highlights", "highlights", "article-summary", "summary-box", "tldr", "at-a-glance", "das-wichtigste", "kurz-gefasst", "en-bref"]) },
  { rule: "poll", maxProse: 300, reason: "polls, quizzes and surveys ask the reader; they are not the story", names: matcher(["poll", "polls", "quiz", "survey", "umfrage", "abstimmung", "voting", "sondage", "encuesta", "enquete", "sondaggio"]) },
  { rule: "gallery-nav", maxProse: 150, reason: "gallery controls and counters", names: matcher(["gallery-nav", "slideshow-nav", "carousel-nav", "slider-nav", "slick-dots", "swiper-pagination", "swiper-button", "gallery-counter", "carousel-controls"]) },
];

/** What a fundraising or membership appeal says. */
export const APPEALS = /\b(?:donat(?:e|es|ing|ions?)|make a (?:gift|contribution|donation)|chip in|become a (?:member|supporter|patron|subscriber)|support (?:us|our (?:work|journalism|reporting|mission|newsroom)|independent|quality journalism)|your support|reader[- ](?:funded|supported)|at no cost to you|(?:cannot|can't|can not) afford|spenden|unterstützen sie|faire un don|soutenez|hazte socio|apoie|sostienici|doneer)\b/giu;

/**
 * How many different things a text says of APPEALS ("donate" and "donations" are one). Two mark a fundraising
 * appeal; a story that mentions donations says one.
 */
export function appealKinds(text: string): number {
  const said = new Set<string>();
  for (const m of text.matchAll(APPEALS)) said.add(m[0].toLowerCase().replace(/^donat\p{L}*/u, "donate"));
  return said.size;
}

/** Tags that are furniture by nature inside an article container. */
export const FURNITURE_TAGS: Record<string, { rule: string; reason: string }> = {
  nav: { rule: "nav", reason: "<nav> is navigation" },
  aside: { rule: "aside", reason: "<aside> holds side content (related, promos, fact boxes)" },
  footer: { rule: "footer", reason: "<footer> holds tags, shares and legal text" },
  form: { rule: "form", reason: "forms are sign-up or search boxes" },
  address: { rule: "address", reason: "<address> is the author's contact, a byline" },
};

/** "Advertisement" in many languages: the label of an ad slot. */
const AD_LABEL_WORDS = [
  "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content", "paid content", "paid post", "promoted", "anzeige", "werbung", "publicité", "publicidad", "publicidade", "pubblicità", "reclame", "advertentie", "reklama", "reklam", "reklāma", "reklaam", "mainos", "annonse", "annons", "hirdetés", "διαφήμιση", "פרסומת", "реклама", "广告", "広告", "광고", "إعلان", "iklan", "quảng cáo", "โฆษณา", "विज्ञापन", "patrocinado", "patrocinado por", "gesponsert", "story continues below advertisement", "continue reading below", "article continues below", "content continues below", "scroll to continue with content", "skip advertisement", "advertisement - scroll to continue", "the article continues after the ad", "lesen sie nach der anzeige weiter", "weiterlesen nach der anzeige",
];
/** An ad label goes with the picture beside it: the picture is the ad's. */
export const AD_LABELS = matcher(AD_LABEL_WORDS, "exact");

/**
 * Whole texts of furniture lines (compared after trimming, case-insensitive):
 * ad labels in many languages, call-to-action links, counters.
 */
export const FURNITURE_TEXTS = matcher([
  // ad labels
  ...AD_LABEL_WORDS,
  // read more / continue
  "read more", "read more:", "continue reading", "continue reading the main story", "read the full story", "read full article", "show more", "load more", "see more", "weiterlesen", "mehr lesen", "lire la suite", "lire aussi", "leer más", "leia mais", "leggi anche", "lees meer", "also read", "read also", "see also", "more", "more:",
  // share / follow
  "share", "share this", "share this article", "share this story", "share on facebook", "share on twitter", "tweet", "email", "print", "copy link", "copied", "link copied", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "telegram", "follow us", "teilen", "partager", "compartir", "condividi",
  // comments / misc
  "comments", "comment", "leave a comment", "view comments", "show comments", "add comment", "join the conversation", "tell us what you think", "tell us what you think...", "let us know what you think", "kommentare", "commentaires", "comentarios",
  "listen", "listen to this article", "listen to article", "play", "pause", "close", "menu", "back to top", "top", "back", "go back", "voltar", "volver", "zurück", "retour", "torna indietro", "image", "photo", "video", "gallery", "image copyright", "image caption", "media caption", "image source", "enlarge", "expand", "zoom", "caption", "hide caption", "show caption", "toggle caption", "close caption", "view gallery", "open gallery", "view image", "full screen", "fullscreen",
  "sign up", "subscribe", "subscribe now", "sign in", "log in", "register", "newsletter", "jetzt abonnieren", "s'abonner", "suscríbete",
  // live-blog and player labels
  "key event", "key events", "live", "liveblog", "live blog", "pinned", "embed", "player wird geladen", "podcast freigeben", "what's this?",
  "we apologize, but this video has failed to load.", "try refreshing your browser, or", "this video can not be played", "latest videos", "latest videos from",
  // consent placeholders of embedded players and posts
  "ein klick für den datenschutz", "externen inhalt anzeigen", "externer inhalt", "empfohlener redaktioneller inhalt", "youtube-inhalte erlauben", "link zum youtube-inhalt",
  "inhalte von drittanbietern", "bitte aktivieren sie javascript.", "please enable javascript", "enable javascript to view this content",
  "this slideshow requires javascript.", "this gallery requires javascript.", "this content requires javascript.",
  // page tools, feedback and source boxes
  "publiziert", "veröffentlicht", "published", "end of article", "keep reading", "table of contents", "inhaltsverzeichnis", "quellen", "quellen:", "quellen anzeigen", "verwendete quellen",
  "zitiervorschlag", "infos zum zitiervorschlag", "inhaltliches feedback?", "kontaktieren sie uns", "contact us", "follow us on social media", "schriftgröße anpassen!", "schriftgröße",
  "box aufklappen box zuklappen", "box aufklappen", "box zuklappen", "ende der weiteren informationen", "weitere informationen ende der weiteren informationen",
  "fehler gefunden? jetzt melden.", "fehler gefunden?jetzt melden.", "fehler entdeckt?", "teilen und weiterempfehlen", "→ teilen und weiterempfehlen",
  "wie hat ihnen dieser artikel gefallen?", "did you like this article?", "was this article helpful?", "nein danke. weiter in dieser ansicht.", "zurück zum artikel", "zur startseite",
  "lecture restreinte", "je découvre les offres", "ver más artículos", "ver más", "leer más tarde", "글자크기 설정", "로그인", "무료 회원 가입", "좋아요", "회원용",
  // placeholders a script replaces once it has loaded (a player, a widget, a comment count)
  "loading", "video loading", "loading video", "загрузка", "завантаження", "cargando", "chargement", "chargement en cours", "wird geladen", "lädt", "carregando", "caricamento", "laden", "ładowanie", "načítání", "yükleniyor", "読み込み中", "加载中", "載入中",
  // links past a promo box, and the end of one
  "skip past newsletter promotion", "after newsletter promotion", "skip advert", "skip ad",
  // more of the site's news, partner boxes, page tools and comment labels in more languages
  "more news", "more stories", "більше новин", "больше новостей", "все новости", "всі новини", "más noticias", "mehr nachrichten", "altre notizie", "mais notícias", "meer nieuws", "więcej wiadomości",
  "partner news", "partner content", "partners", "партнеры", "новости партнеров", "новини партнерів", "пропозиції партнерів",
  "get short url", "short url", "send to a friend", "send til din ven", "поделиться", "поділитися", "podijelite", "compartilhe", "udostępnij",
  "report this page", "report an error", "report a typo", "your feedback is important to us",
  // an old page's story tools
  "advertise", "advertise with us", "about us", "privacy policy", "privacy", "terms of use", "terms of service", "site map", "sitemap", "rss", "rss feeds",
  "story continues below", "article continues below", "story continues below advertisement", "article continues below advertisement", "continues below", "continued below", "story continues after advertisement", "content continues below",
  "print this story", "print this article", "print this page", "printer-friendly version", "printer friendly version", "printer-friendly", "printable version",
  "email this story", "email this article", "e-mail this story", "e-mail this article", "email to a friend", "e-mail to a friend", "send this story", "save this story", "reprints", "text size", "font size",
  "post comment", "post a comment", "post your comment", "add a comment", "write a comment", "kommentarer", "комментарии", "коментарі", "yorumlar", "komentarze", "komentáře", "hozzászólások",
], "exact");

/**
 * Headings that introduce a list of other stories: the heading and the list after it go. Each entry is a regex
 * fragment matched against the whole heading (case-insensitive, trailing ":", "…" or "!" allowed), grouped by language.
 */
export const RELATED_HEADINGS = wholeHeading([
  // English
  "don'?t miss", "do not miss", "must read", "editor'?s picks?", "(?:our )?top picks",
  "related(?: articles| stories| content| coverage| news| links| reading| information| topics| posts| videos)?",
  "more (?:from|on|stories|news|about|like this)\\b.*", "more [a-z' ]{1,30} (?:stories|articles|reads)", "most (?:read|popular|viewed|shared)",
  "recommended(?: for you| stories| reading)?", "you (?:may|might) (?:also )?(?:like|be interested in|have missed)",
  "(?:read|see) (?:also|more|next)", "further reading", "latest (?:news|stories)", "top stories", "trending(?: now)?", "what to read next",
  "popular (?:now|stories)", "also (?:on|in) .{1,30}", "tags", "topics", "keep reading", "latest videos(?: from)?.{0,30}", "more videos",
  "recommended videos", "(?:news|offers|content|stories) from (?:our )?partners", "partner (?:news|content|offers)",
  "(?:more|other|top|latest|today'?s|local) headlines", "headlines", "more [a-z' ]{1,20} (?:news|headlines)",
  // German
  "mehr zum thema", "schlagwörter(?: zu diesem artikel)?", "themen", "dieses thema im programm", "mehr aus .{1,30}", "zum thema", "aus dem ressort",
  "neueste artikel", "weitere informationen", "passend zum artikel", "lesen sie mehr zum thema", "mehr zum thema .{1,40}",
  "mehr themen (?:auf|bei) .{1,30}", "weitere videos", "auch interessant", "empfehlungen", "das könnte sie (?:auch )?interessieren", "meistgelesen",
  "weitere artikel", "mehr nachrichten",
  // French
  "mots-clés", "plus d'actualités", "dans la même rubrique", "lire aussi", "à lire aussi", "sur le même sujet", "les plus lus",
  // Spanish
  "etiquetas", "ver más artículos", "te puede interesar", "lee también", "también te puede interesar", "más leídas", "noticias relacionadas",
  "te recomendamos", "también te recomendamos", "te (?:puede|podría) interesar", "más noticias",
  // Portuguese
  "você (?:também )?pode gostar", "veja também", "leia também", "(?:artigos|posts|notícias|matérias) relacionad[oa]s", "mais lidas", "mais notícias",
  // Italian and Dutch
  "leggi anche", "potrebbe interessarti", "ook interessant", "meer nieuws", "altre notizie",
  // Nordic, Finnish, Polish, Czech, Slovak and Croatian
  "lue myös", "läs (?:också|även)", "les også", "læs også", "czytaj (?:także|też|również)", "přečtěte si (?:také|též)", "prečítajte si (?:aj|tiež)",
  "pročitajte (?:još|i)",
  // Russian and Ukrainian
  "читайте также", "читайте також", "дивіться також", "по темі", "что (?:ещё|еще) (?:почитать|посмотреть)", "рекомендуем",
  "вам (?:может быть|будет) интересно", "більше новин", "больше новостей", "новости партн[её]ров", "новини партнерів", "пропозиції партнерів",
  "похожие (?:статьи|новости|материалы|записи)", "самые популярные(?: [а-яё]{2,20})?", "популярное", "другие новости", "ещё по теме", "еще по теме",
  "по теме",
  // Japanese and Chinese
  "関連記事", "相关新闻", "相关阅读", "関連ニュース",
]);

/**
 * Headings that open the readers' comments below a story ("Comments (3)", "Leave a reply"): the heading and what
 * follows it, up to the next heading, go; old pages put the thread in the story's own cell, with no name to find it by.
 */
export const COMMENT_HEADINGS = wholeHeading([
  "(?:\\d+ |reader |readers'? |user )?comments?(?: \\(\\d+\\))?", "(?:leave|post|add|write) (?:a|your) (?:comment|reply)", "(?:join|start) the (?:discussion|conversation)",
  "(?:\\d+ )?kommentare?(?: \\(\\d+\\))?", "(?:\\d+ )?commentaires?(?: \\(\\d+\\))?", "(?:\\d+ )?comentarios?(?: \\(\\d+\\))?", "(?:\\d+ )?commenti(?: \\(\\d+\\))?",
]);

/** A reader post's reply control ("Reply", "Reply to Ann", "Reply ↓"): a thread's posts have one each, a live blog's entries none. */
export const REPLY_CONTROL = /^(?:reply|respond|antworten|répondre|responder|rispondi|reageer|beantwoorden|svara|odpowiedz|返信|回复|回覆)(?: to .{1,60})?[\s↓↩→»]*$/iu;
/** A post's own marks besides a reply control: a permalink to the comment, a reply link's address, an avatar picture. */
export const POST_LINK = /[#?&](?:comment|reply|replytocom|respond)\b|#c\d/i;
export const AVATAR = /avatar/i;

function wholeHeading(fragments: readonly string[]): RegExp {
  return new RegExp(`^(?:${fragments.join("|")})[\\s:.…!]*$`, "i");
}

/** Short lines that are furniture by their shape: reading times, counters, durations, photo counts. */
export const FURNITURE_SHAPES: readonly { rule: string; reason: string; test: RegExp }[] = [
  { rule: "reading-time", reason: "reading-time labels (after the date stamp they share a line with)", test: /^(?:reading time:?\s*)?\d+\s*(?:min(?:ute)?s?|mins?)\.?(?:\s*(?:read|reading|de lecture|lesezeit|lectura|di lettura))?$|^(?:[\d\s.,:/|–-]*(?:uhr)?[\s|–-]*)?(?:reading time|lesezeit|lesedauer|temps de lecture|tiempo de lectura)\s*:?\s*\d+.*$/i },
  { rule: "counter", reason: "bare counters (comments, shares, photos)", test: /^\(?\d{1,6}\)?(?:\s*(?:comments?|shares?|photos?|images?|kommentare|commentaires|comentarios|reactions?))?$/i },
  { rule: "duration", reason: "video durations (and the short labels beside them)", test: /^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*(?:min\.?|minutes?|mins?)(?:\s.{0,40})?)?$/i },
  { rule: "cjk-date", reason: "a date line of CJK pages", test: /^\d{4}\s*[年.\/-]\s*\d{1,2}\s*[月.\/-]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[時时:]\s*\d{1,2}\s*分?)?$/ },
  { rule: "credit-line", reason: "editor, source and reporter lines of CJK pages are metadata", test: /^(?:[\d\s年月日时時分:./-]{4,24})?(?:责任编辑|編集|编辑|來源|来源|記者|记者|出典|提供|撰文|摄影|攝影)\s*[:：].{0,40}$/ },
  { rule: "copyright", reason: "copyright and rights lines", test: /^(?:©|\(c\)\s|copyright\b|all rights reserved|alle rechte vorbehalten|riproduzione riservata|tous droits réservés|todos los derechos reservados).{0,160}$|^this (?:document|article|story|material|content) is (?:subject to|protected by) copyright\b.{0,300}$/i },
  { rule: "citation", reason: "how to cite the page ('Citation: ... retrieved ... from https://...')", test: /^citation:.{0,300}\bretrieved\b.{0,80}\bfrom\s+https?:\/\/\S+$/i },
  { rule: "credit-label", reason: "a picture or source credit on its own line", test: /^(?:bild|bilder|foto|fotos|foto\(s\)|photo|photos|image|images|credit|credits|rechte|quelle|quellen|source|sources|fuente|fonte|kilde|källa|źródło|источник|redaktion|editor|sendung)\s*:\s*.{1,100}$|^\((?:quelle|quellen|source|sources|fuente|fonte)\s*:\s*[^()]{1,100}\)\.?$/i },
  { rule: "signature", reason: "agency and editor initials signing the story ('dpa', 'sak/Reuters', '(mit dpa)')", test: new RegExp(`^\\(?(?:(?:mit|with|avec|con|met|z|von|by|par|por|Von|By|Par|Por|VON|BY)\\s+)?(?:${AGENCY_NAMES}|[A-Z]{2,4}\\s*\\([a-z]{2,5}\\)|[a-zäöü]{2,5}(?=\\s*[/,]))(?:\\s*[/,]\\s*(?:${AGENCY_NAMES}|[a-zäöü]{2,5}))*\\)?\\.?$`) },
  { rule: "view-all", reason: "a link to the rest of a list or gallery ('View all (23)')", test: /^(?:view|see|show) all(?:\s*\(\d+\)|\s+\d+)?\s*[›»>]?$/i },
  { rule: "kr-stamp", reason: "the labelled entry and edit times of Korean news pages ('기사입력 :[ 2018-08-25 15:24 ]')", test: /^(?:기사입력|입력|최종수정|수정|승인|등록|업데이트)\s*[:：]?\s*[[(]?\s*\d{4}[.\-/]\s*\d{1,2}[.\-/]\s*\d{1,2}.{0,30}$/u },
  { rule: "initials", reason: "an editor's initials in parentheses closing the story ('(dmk)')", test: /^\([a-zäöüß]{2,4}\)\.?$/u },
  { rule: "contact-line", reason: "how to reach the writer: an address line ('Write to Al Root at al@example.com', 'Jane Kim 기자 jane@example.com')", test: /^(?:(?:write to|contact|email|e-mail|reach|mail an|schreiben sie an|écrire à)\s+.{1,60}\s+(?:at|an|à|unter)\s+|[\p{L}.\s-]{2,30}\s*(?:기자|記者|特派員|특파원|记者)\s*)[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?$/iu },
  { rule: "reporting-credit", reason: "who helped report or translate: a credit, not story", test: /^(?:with (?:additional )?report(?:ing|s) (?:by|from)|additional reporting (?:by|from)|reporting by|mit (?:material|agenturmaterial)|mit agenturmaterial|aus dem \p{L}+ (?:von|übersetzt)|translated (?:from \p{L}+ )?by|traduit (?:de l'\p{L}+ )?par|first published (?:in|by|on)|dieser artikel (?:ist )?(?:zuerst|erstmals) (?:bei|in|auf)|this (?:article|story) (?:was )?(?:first|originally) (?:published|appeared)).{0,160}$|^.{0,200}\b(?:contributed|contributes) (?:to this (?:report|story|article)|reporting(?: from [\p{L} ,.'-]{1,60})?)\.?$/iu },
  { rule: "relative-time", reason: "'3 hours ago' stamps of teasers and live posts", test: /^(?:vor \d+ (?:minuten|stunden|tagen)|\d+ (?:minutes?|mins?|hours?|hrs?|days?) ago|hace \d+ \p{L}+|il y a \d+ \p{L}+|\d+ (?:minuti|ore|giorni) fa)(?:\b|(?=\d)).{0,60}$/iu },
  { rule: "time-stamp", reason: "date and time stamps with a clock time ('15.04.2026 - 15:48 Uhr', 'Uppdaterad 15.59')", test: /^[|\s]*(?:(?:aktualisiert|veröffentlicht|erschienen|stand|uppdaterad|publicerad|oppdatert|publisert|opdateret|udgivet)\b.{0,80}|(?:\p{L}{2,3}\.?,?\s+)?(?:\d{1,2}\.\d{1,2}\.(?:\d{2,4})?\s*[-|,]?\s*)?\d{1,2}[:.]\d{2}\s*uhr.{0,80})$/iu },
  { rule: "placeholder", reason: "template placeholders left for ads and widgets ('$$ARTICLEAD$$', '{{ad}}')", test: /^(?:\$\$[\w-]+\$\$|\{\{[^{}]{1,40}\}\}|\[\[[^[\]]{1,40}\]\]|%%[\w-]+%%)$/ },
  { rule: "bare-url", reason: "a short link printed as text (a permalink)", test: /^https?:\/\/\S+$/i },
  { rule: "follow-prompt", reason: "a line asking the reader to follow the site or writer on social media", test: /^follow [\p{L}\p{N}@_.' -]{1,40} on (?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|threads|bluesky|mastodon|whatsapp|telegram|google news)\b.{0,120}$/iu },
  { rule: "filed-under", reason: "the story's filing labels ('Filed under: Politics, Elections')", test: /^(?:filed under|posted in|filed in|published in|categories|category|abgelegt unter|classé dans|archivado en)\s*:\s*.{1,160}$/iu },
  { rule: "date-stamp", reason: "a labelled publication stamp carrying a year ('First Published: Jan 3, 2024, 10:12 IST')", test: /^(?:first published|last published|published on|updated on|last updated on|last modified|erstveröffentlichung|zuerst veröffentlicht|publié le|publicado el|publicado em|pubblicato il)\s*:?\s*.{0,40}\b(?:19|20)\d{2}\b.{0,40}$/iu },
  { rule: "post-meta", reason: "a line of the post's labelled fields ('Published by: X - Category: Y - Tags: Z')", test: /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*)?[-–•|\s]*(?:publicado por|published by|posted by|postado por|autor|author|category|categoria|categoría|kategorie|catégorie)\s*:.{0,160}\b(?:categoria|category|categoría|kategorie|catégorie|tags?|etiquetas|schlagworte)\s*:.{0,200}$/iu },
  { rule: "shortcode", reason: "a CMS button shortcode left unrendered ('[button link=...]Send us...[/button]')", test: /^\[(?:button|btn|su_button|vc_btn\d?|wpb_button|maxbutton|cta)\b[^\]]*\].{0,160}\[\/[\w-]+\]$/iu },
  { rule: "comment-policy", reason: "the rules of the comment section ('comments are moderated...')", test: /^(?:\p{L}{3,12}\s*[:!-]\s*)?(?:(?:all |os |die |les |los |i )?(?:comments?|comentários?|comentarios?|kommentare?|commentaires?|commenti|reacties)\b.{0,140}\b(?:moderat\p{L}*|aprovad\p{L}*|approv\p{L}*|freigeschaltet|geprüft|publicad\p{L}*|pubblicat\p{L}*|removed|deleted|excluíd\p{L}*|gelöscht)\b).{0,120}$|^.{0,60}\b(?:moderat\p{L}* all comments|respectful of other commenters|our goal with (?:article )?comments)\b.{0,240}$/iu },
  { rule: "gallery-count", reason: "gallery counters", test: /^(?:image|photo|picture|bild|foto)?\s*\d{1,3}\s*(?:of|\/|von|de|di|sur)\s*\d{1,3}$/i },
];

/** Microdata properties that mark an element's text as the article's own date: a dateline, read by metadata. */
export const DATE_PROPS = new Set(["datepublished", "datemodified", "datecreated", "dateupdated", "uploaddate"]);

/** Lead-ins of lines that link to another story ("Read more: ...", "RELATED: ..."). */
export const LEAD_IN_LINKS = /^[[(]?\s*(?:read more|read also|also read|see also|related|more|watch|listen|recommended|click here|você (?:também )?pode gostar|veja também|leia também|(?:artigos|posts|notícias|matérias) relacionad[oa]s|mais lidas|mehr zum thema|schlagwörter(?: zu diesem artikel)?|themen|tags|topics|mots-clés|etiquetas|dieses thema im programm|lesen sie auch|auch interessant|lire aussi|à lire|voir aussi|lee también|leia também|leggi anche|lees ook|lue myös|läs (?:också|även)|les også|læs også|czytaj (?:także|też|również)|přečtěte si (?:také|též)|pročitajte (?:još|i)|читайте (?:также|також)|дивіться також|funda (?:olunye|nalu)(?: udaba)?(?: lapha)?)\b\s*[:\-–—|»›>]?/i;

/** A short line that is a byline: "By Jane Doe", "Von Max Muster", "Par ...", with no sentence after it. */
export const BYLINE_LINE = /^(?:(?:[Kk]ommentar|[Kk]olumne|[Aa]nalyse|[Ee]in [Kk]ommentar|[Cc]ommentary|[Aa]nalysis|[Oo]pinion|[Cc]olumn|[Ee]ssay|[Ii]nterview|[Rr]eportage)\s+(?:von|by|de|par)|[Bb]y|BY|[Pp]osted by|[Ww]ritten by|[Ww]ords by|[Vv]on|VON|[Pp]ar|PAR|[Pp]or|POR|[Dd]i|[Dd]oor|[Aa]v|[Aa]f|[Dd]e)\s+\p{Lu}[\p{L}.'’-]*(?:[\s,]+(?:and|und|et|y|e|en|og|och|&)?\s*\p{Lu}?[\p{L}.'’-]*){0,8}(?:\s*[|,–—-]\s*[^.!?]{0,60})?$/u;

/** A short line that is only a date or a "Published/Updated" stamp. */
export const DATE_LINE = /^(?:(?:updated|published|posted|last updated)\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\.?$)|^(?:(?:published|updated|posted|last updated|modified|as of|stand|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)\s*(?:on|at|am|le)?\s*:?\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,4})?,?\s+)?(?:\w{3,9}\.?,?\s+)?(?:\d{1,2}[./\s-]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janv|févr|mars|avr|juin|juil|août|sept|déc|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|\d{1,2})[a-zéû]*\.?,?[./\s-]+\d{1,4},?(?:[./\s-]+\d{2,4})?(?:,?\s*[-–|]?\s*(?:at\s+|um\s+|à\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:uhr|[a-z]{2,4}|[+-]\d{2}:?\d{2}))?)?\s*$/i;

/**
 * Phrases that only occur in subscription walls, promos and contact lines:
 * a short element containing one is furniture.
 */
export const PROMO_PHRASES = matcher([
  "réservé aux abonnés", "la suite est réservée", "il vous reste", "déjà abonné", "abonnez-vous",
  "subscribe to continue", "subscribe to read", "to continue reading", "already a subscriber", "already have an account", "subscribers only", "for subscribers", "create a free account", "sign up for our newsletter", "sign up to our newsletter", "get the latest updates", "delivered to your inbox", "support our journalism", "support independent journalism",
  "kostenlos testen", "jetzt abonnieren", "mit abo lesen", "abo abschließen", "bereits abonnent", "jetzt weiterlesen", "newsletter abonnieren", "zum newsletter",
  // consent gates of embedded content
  "externen inhalt", "eingebettete inhalte", "widerrufliche einwilligung", "ich bin damit einverstanden, dass mir", "personenbezogene daten können an drittplattformen",
  "contenu externe", "contenido externo", "external content", "third-party content", "i agree to be shown",
  // reading-limit and account walls
  "sur un autre appareil", "votre abonnement n’autorise pas", "votre abonnement n'autorise pas", "pozostało jeszcze", "czytaj dalej", "you have reached your limit", "remaining free articles",
  // appeals and feedback prompts
  "hat ihnen dieser artikel gefallen", "unterstützen sie uns", "werden sie mitglied", "wir freuen uns über eine mail", "in unserem liveblog", "in our live blog", "dans notre direct",
  // JavaScript walls: a notice, often with an ad-free offer beside it
  "bitte aktivieren sie javascript", "please enable javascript", "javascript must be enabled", "javascript is disabled in your browser",
  // the error-report prompt of many Eastern European sites ("select it and press Ctrl+Enter")
  "ctrl+enter", "ctrl + enter", "ctrl+ enter",
  "no spam, we promise", "unsubscribe at any time", "we'll never share your details", "every day we send an email",
  "hier geht's zur anmeldung", "hier geht’s zur anmeldung", "zur newsletter-anmeldung", "please bookmark",
  "got a story?", "have a tip?", "have a news tip", "for more stories like this",
  "follow him on twitter", "follow her on twitter", "follow them on twitter", "follow us on twitter", "follow us on facebook", "follow us on instagram", "follow him on x", "follow her on x", "follow us on x",
  // notices to old browsers
  "web browser is no longer supported", "your browser is no longer supported", "your browser is not supported", "you are using an outdated browser", "please upgrade your browser",
  "delivered through your letterbox", "delivered to your door every", "browser-push", "push-benachrichtigung", "push-mitteilung", "push notifications", "notifications push", "notificaciones push", "sign up for our daily push alerts", "you can now also get",
  // news-app, messenger-channel and newsletter sign-ups
  "join our whatsapp", "our whatsapp channel", "ikuti whatsapp channel", "ikuti saluran whatsapp", "abonniere den whatsapp-kanal", "abonnieren sie den whatsapp-kanal", "unseren whatsapp-kanal", "unserem whatsapp-kanal", "folgen sie uns auf whatsapp", "nuestro canal de whatsapp", "nosso canal no whatsapp", "notre chaîne whatsapp", "join our telegram", "push-benachrichtigungen sind", "signing up to our", "sign up to our", "our free weekly newsletter", "our free daily newsletter", "our free newsletter",
  // ad-blocker walls
  "disable your ad blocker", "turn off your ad blocker", "using an ad blocker", "using an adblocker", "ad blocker detected", "adblocker detected", "whitelist our site", "adblocker deaktivieren", "werbeblocker deaktivieren", "désactivez votre bloqueur", "desactiva tu bloqueador",
  // tip-line and contact appeals
  "do you have a story", "get in touch with our news team", "send us your story", "email the newsroom",
  "suscríbete", "ya eres suscriptor", "contenido exclusivo para suscriptores", "assine já", "já é assinante", "abbonati", "sei già abbonato",
], "substring");

/**
 * A comment's signature line: a date or a time of day ("10/17/2008 7:01 PM", "October 17, 2008", "7:01 pm",
 * "3 hours ago") beside a name. What is left once the stamp and these words are gone must hold the name.
 */
export const STAMP = /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez)[a-zä]*\.?\s+\d{4}\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b/gi;
export const STAMP_WORDS = /\b(?:posted|by|on|at|wrote|writes|said|says|replied|am|pm|edt|est|cdt|cst|pdt|pst|gmt|utc|cet|cest|uhr|um|schrieb|am|le|à|a|the|de|du|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b/gi;

