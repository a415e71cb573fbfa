/**
 * Text mode's tables: what a line of scraped page text looks like when it is
 * page furniture, a heading, a caption or a byline. Language-agnostic shapes
 * first (length, punctuation, digits, repetition); word lists only where a
 * shape cannot tell, and then in many languages.
 *
 * Tuned as a set on the 181 Zyte pages rendered to text (bench/zyte-text.ts).
 */

import { FURNITURE_SHAPES } from "./boilerplate.ts";

/** One of HTML mode's whole-line shapes, for a line of text. */
function shape(rule: string): RegExp {
  const found = FURNITURE_SHAPES.find((x) => x.rule === rule);
  if (!found) throw new Error(`text-lines: no furniture shape "${rule}"`);
  return found.test;
}

/** Longest line any pattern is run on: longer lines are prose by length alone, and no regex sees megabytes. */
export const MAX_TESTED = 600;

/** Line sizes, in "weight" units: one Latin character = 1, one CJK/Thai character = CJK_WEIGHT. */
export const SIZE = {
  /** A CJK character carries about as much text as three Latin ones. */
  cjkWeight: 3,
  /** At or above this weight with sentence punctuation, a line is prose. */
  prose: 70,
  /** A line this heavy is prose even without final punctuation (long paragraphs lose their stop to scrapers). */
  proseUnpunctuated: 160,
  /** Between near and prose: a short sentence, likely body when it sits among body lines. */
  near: 30,
  /** A heading is at most this many words: longer unpunctuated lines are teasers or headlines of other stories. */
  headingWords: 16,
  /** A link in a box of related stories is a headline: at most this many words. */
  boxLinkWords: 30,
  /** Furniture lines skipped when looking for the text under a heading (an ad label, a share bar). */
  headingLookahead: 6,
  /** A title is at least / at most this many words. */
  titleWords: [3, 40] as const,
  /** Captions longer than this are not captions. */
  captionWords: 90,
  /** A picture credit is a name or two and an agency; longer "credits" are sentences. */
  creditChars: 80,
  /** A credit line that holds a little more than the credit ("Jane Doe | Bloomberg | Getty Images") is at most this many words. */
  creditOnlyWords: 8,
} as const;

/** Scores of the story-span search (max-sum run of lines), tuned as a set. */
export const SPAN = {
  /** Multiplier of a prose line's weight. */
  prose: 1,
  /** Multiplier of a long line without a final stop (contact blurbs, footers): paragraphs end with one. */
  unended: 0.5,
  /** Multiplier of a near-prose line's weight. */
  near: 0.4,
  /** A short line (menu item, label) between paragraphs costs this much. */
  short: -12,
  /** A short line with blank lines around it is a block of its own (heading, label), seldom a menu item. */
  shortBlock: -5,
  /** A line of a list-like run (see LIST_ITEM_WORDS): cheap to cross, as lists sit inside stories. */
  listed: -20,
  /** A recognised furniture line. */
  furniture: -25,
  /** A member of a run of short link-like lines (menus, related lists). */
  linkRun: -30,
  /** An end-of-story marker ("Comments", "Related", "Share this"): the span rarely crosses one. */
  barrier: -400,
  /** A barrier with a paragraph within inlineWindow lines after it heads a box inside the story: it costs this instead. */
  inlineBarrier: -150,
  inlineWindow: 2,
  /** A line seen on earlier pages of the same site (site memory). */
  known: -60,
  /** Multiplier of prose right after a stamp line (comments, dated lists): "name / date / text" records. */
  stamped: 0,
  /** Multiplier of prose joined (no blank line) to a menu-like run: a card in a widget, not a paragraph. */
  glued: 0.3,
  /** A byline or dateline directly followed by prose: where stories start. */
  leadIn: 100,
} as const;

/** Runs of this many short lines in a row, without a blank line between, are menus or headline lists. */
export const LINK_RUN = 3;

/** A list the story ends with (tour dates, a numbered ranking): appended to the span, as nothing after it pays for crossing it. */
export const TAIL_LIST = {
  /** At least this many lines, every one of the same shape. */
  minLines: 3,
  /** One short line may announce it ("Tour dates"). */
  headingWords: 10,
  /** Separators that set a date, a number or a price apart from a name: shared by every line of a schedule or price list. */
  separators: [" – ", " — ", " -- ", " - ", " @ ", " | ", ": "],
  /** Blank lines a list's lines may have between them (scrapers leave a few where the page had hidden elements). */
  maxGap: 3,
  /** A numbered item may carry this many lines of its own after its number line (a link, a price). */
  itemLines: 2,
  /** Without a digit, a line is one of a table's rows when the value after its separator is this short ("Wales (Group E): Second appearance"). */
  valueWords: 3,
} as const;

/** A run of short lines averaging this many words or more is a list of the story, not a menu (menu items are 1-3 words). */
export const LIST_ITEM_WORDS = 5;

/** Lines recurring this many times in one text are widgets (video titles, galleries, teasers printed twice)... */
export const REPEATS = 2;

/** ...when two copies are at most this many lines apart; copies far apart are labels of structured content ("Meal 1"). */
export const REPEAT_NEAR = 4;

/** Agency-style captions that say they are one, credit or not: "In this March 3 file photo, …". */
export const CAPTION_CUE = /^(?:in (?:this|these) (?:[^,]{0,60}, )?(?:[\w-]+ ){0,3}(?:photos?|images?|pictures?|video frame|frame grab|handout)\b|\((?:photo|image|picture|foto)\s*:)/iu;

/**
 * A headline glued to its summary: three or more lower-case letters (or a
 * digit or closing mark) run straight into a capitalised word. Group 1 is
 * the end of the headline. Brand names like "McDonald" or "iPhone" have
 * fewer lower-case letters before the capital.
 */
export const CARD_GLUE = /(\p{Ll}{3}|\d|[)’'"”!?])(?=\p{Lu}\p{Ll})/u;

/** Card detection (CARD_GLUE): the glued headline is at most maxHeadline characters, minWords words, and this share title-cased. */
export const CARD = {
  maxHeadline: 160,
  minWords: 4,
  titleCase: 0.8,
} as const;

/** A short line with digits whose shape (digits folded) recurs this often is a stamp of records: comment or list dates. */
export const STAMP_REPEATS = 3;

/** Records around stamps (src/text/locate.ts): a record runs to the next stamp if it is at most this many lines away. */
export const RECORD = {
  span: 12,
} as const;

/** A stamp is short: a date, a time, maybe a name; longer lines with a year are captions or headlines. */
export const STAMP_CHARS = 48;

/** What a stamp has: a clock time, a year, or a relative age. */
export const STAMP = /\d{1,2}:\d{2}|(?:^|\D)(?:19|20)\d{2}(?:\D|$)|\d+\s*(?:min|mins|minutes|h|hrs?|hours?|days?|weeks?|months?)\s+ago\b/iu;

/** A line of this many words with at most one punctuation mark per as many words, and no final stop, is a tag cloud, not prose (long unpunctuated sentences stay under it). */
export const TAG_CLOUD_WORDS = 50;

/** This many distinct unfinished prose lines (no final stop) of exactly the same length are teaser summaries cut to a fixed size. */
export const SAME_LENGTH = 3;

/** A repeated line at or above this many words is still kept once (a pull quote repeats a paragraph). */
export const REPEAT_KEEP_WORDS = 30;

/** Final sentence punctuation, in many scripts (also a closing quote or bracket after it). */
export const SENTENCE_END = /[.!?。！？…:;؟।][»"”’')\]）」』]*$/u;

/** Bullet markers scrapers keep from lists. Group 1 is the item text. */
export const BULLET = /^(?:[•·▪◦●■□‣∙○►▶➤✓✔*+–—-])\s+(.*)$/u;

/** Numbered list items: "1. text", "2) text". Group 1 is the item text. */
export const NUMBERED = /^\d{1,2}[.)]\s+(\S.*)$/u;

/** A tweet or post embed's signature line under the quoted text: "— Name (@handle) date". */
export const EMBED_CITE = /^[—–-]\s*\S.{0,80}\(@\w{1,30}\)\s*.{0,40}$/u;

/** Bylines: "By Name", in several languages; group 1 is the names. */
export const BYLINE = /^(?:[Bb][Yy]|[Vv]on|VON|[Pp]ar|PAR|[Pp]or|POR|[Dd]i|[Dd]oor|[Aa]v|[Aa]f|[Dd]e|[Pp]rzez|[Оо]т|[Аа]втор:?|[Tt]ekst:?|[Tt]ext:?)\s+(\p{Lu}[\p{L}\p{M}.'’-]*(?:[\s,]+(?:and|und|et|y|e|en|og|och|&)?\s*\p{Lu}[\p{L}\p{M}.'’-]*){0,8})\s*(?:[|,–—-].*)?$/u;

/** Words in a byline that are roles or desks, not names. */
export const BYLINE_ROLE = /\b(?:staff|writer|reporter|correspondent|editor|contributor|desk|redaktion|rédaction|redacción|agency|agencies|agencia|newsroom)\b/i;

/** Prefixes of a dateline that say which date it is. */
export const DATE_PREFIX = {
  published: /^(?:published|posted|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|опубликовано|發佈|发布)\b[\s:]*/i,
  modified: /^(?:updated|last updated|modified|mis à jour|aktualisiert|actualizado|atualizado|aggiornato|bijgewerkt|обновлено|更新)\b[\s:]*/i,
} as const;

/** Furniture recognised by the whole line. Every entry says why. */
export const FURNITURE: readonly { rule: string; reason: string; test: RegExp; barrier?: true }[] = [
  {
    rule: "ad-label",
    reason: "an ad slot's label, left on a line of its own",
    test: /^(?:advertisements?|advertising|advertisement\s*[-–—:]?\s*(?:scroll|continue)[^]*|ad|ads|sponsored|sponsored content|paid content|paid post|promoted|promoted content|partner content|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|advertentie|reclame|reklama|reklame|annonce|annons|mainos|mainoslinkki|hirdetés|διαφήμιση|реклама|реклама\s*·?|広告|广告|廣告|광고|إعلان|פרסומת|iklan|quảng cáo|โฆษณา|story continues below(?: advertisement)?|article continues below(?: advertisement)?|continue reading (?:below|the main story)|scroll to continue(?: with content)?|advertisement - scroll to continue)\s*[:.]?$/iu,
  },
  {
    rule: "reading-time",
    reason: "an estimated reading time, not part of the story",
    test: /^(?:(?:estimated\s+)?(?:reading|read) time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura|leestijd|время чтения|czas czytania)\s*[:：]?\s*(?:\d+|less than|about|approx)[^]{0,20}$|^(?:\d+|one|two|three|four|five)\s*(?:-|\s)?(?:min(?:ute)?s?\.?|minuten|minutos|minuti|минут[аы]?)\s*(?:read|reading|lesen|lesezeit|de lecture|de lectura|de leitura|di lettura|leestijd|чтения)?$/iu,
  },
  {
    rule: "trust-link",
    reason: "a link to the publisher's editorial standards",
    test: /^(?:why you can trust|why trust|how we (?:work|report|review|test)|our (?:editorial )?standards|editorial (?:guidelines|standards|policy)|about our (?:ads|ratings))\b.{0,40}$/iu,
  },
  {
    rule: "counter",
    reason: "a bare counter (comments, shares, views, photos)",
    test: /^(?:[+(]?\d[\d.,\s ]*[kKmM]?\)?|\d+\s*(?:\/|of|von|de|di|из|из)\s*\d+|(?:image|photo|picture|slide|foto|bild)\s*\d+\s*(?:of|\/|von|de|di)?\s*\/?\s*\d*)$/iu,
  },
  {
    rule: "counted-label",
    reason: "a label with a count (comments, shares, likes, views)",
    test: /^(?:\d[\d.,\s]*[kKmM]?\s*(?:comments?|replies|responses|shares?|likes?|views?|reactions?|kommentare?|commentaires?|comentarios?|commenti|reacties|комментари[йея]|просмотр(?:ов|а)?|条评论|件のコメント)|(?:comments?|kommentare|commentaires|comentarios|commenti|reacties|комментарии)\s*[(:]?\s*\d[\d.,]*\)?)$/iu,
  },
  {
    rule: "duration",
    reason: "a video or audio duration",
    test: /^(?:duration\s*:?\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:min|mins|minutes))?$/iu,
  },
  {
    rule: "clock",
    reason: "a bare time or date stamp of a widget (ticker, live clock)",
    test: /^\d{1,2}:\d{2}\s*(?:am|pm|gmt|utc|[a-z]{2,4}t)?,?\s*\d{0,2}\s*[a-z]{0,9}\.?\s*\d{0,4}$/iu,
  },
  {
    rule: "share",
    reason: "a share or social button's label",
    test: /^(?:share(?: (?:this|on|via|the|article|story|page|post)[^]{0,30})?|share this:?|tweet|retweet|email|e-mail|mail|print|facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|reddit|tumblr|flipboard|pocket|messenger|sms|copy(?: the)? link|link copied|copied|vk|vkontakte|weibo|wechat|line|xing|teilen|partager|compartir|compartilhar|condividi|delen|dela|del|udostępnij|поделиться|シェア|分享|공유|مشاركة|like this:?|like|shares?|gefällt mir|j'aime|me gusta|save|bookmark|gift(?: this)? article|listen(?: to (?:this|the) (?:article|story))?|follow(?: us)?(?: on)?(?: [\p{L}]+){0,2}|google\+?|google plus|rss|rss feed|youtube|instagram|snapchat|tiktok|comment|comments|kommentar|kommentare|commentaires?|comentarios?|commenti|reacties)\s*[:|]?$/iu,
  },
  {
    rule: "share-prompt",
    reason: "an invitation to share or comment on the story",
    test: /^(?=[^]{0,100}$)[^]*\b(?:share (?:it|this|your thoughts|your opinion)|tell us what you think|join the (?:discussion|conversation)|leave a comment|what do you think\?|lascia un commento|laisser un commentaire|deja (?:un|tu) comentario|deixe (?:um|seu) comentário|schreiben sie einen kommentar|(?:you )?must be logged in to (?:post|leave) a comment|devi essere connesso per inviare un commento)/iu,
  },
  {
    rule: "prompt",
    reason: "a subscribe, sign-in or newsletter prompt",
    test: /^(?:subscribe(?: now| today| for| to| here)?[^]{0,80}|sign (?:in|up|out)[^]{0,60}|log ?(?:in|out)[^]{0,40}|register[^]{0,40}|create (?:a |an )?(?:free )?account[^]{0,60}|already (?:a subscriber|have an account|registered)[^]{0,80}|(?:get|receive|sign up for) (?:our|the)[^]{0,40}newsletters?[^]{0,80}|newsletters?|join \d[\d,]* other subscribers|enter your e-?mail(?: address)?[^]{0,120}|e-?mail address|abonnieren|jetzt abonnieren|s'abonner|abonnez-vous|suscríbete|suscribirse|assine|abbonati|abonneer|подписаться|订阅|購読)\s*[.!:]?$/iu,
  },
  {
    rule: "signup",
    reason: "a newsletter or subscription pitch",
    test: /^(?=[^]{0,220}$)[^]*\b(?:subscribe (?:to|for|now|today|here)|subscribe\.|sign up (?:for|to|now|today|here)|(?:our|the|free|daily|weekly) (?:\w+ )?newsletters?\b|(?:to|in|into) your inbox|delivered (?:to|through) your|jetzt abonnieren|newsletter abonnieren|abonnez-vous|inscrivez-vous|suscríbete|assine (?:a|o|já)|iscriviti|abonneer|подпишитесь|succe?ss?fully subscribed|activation link|thank you for (?:subscribing|signing up)|(?:stay|keep) up to date with|delivered (?:every |each )?(?:weekday|daily|morning|evening)|breaking news (?:alerts|emails)|meet your inbox|protected by recaptcha|no spam, we promise|unsubscribe at any time|never share your (?:details|e-?mail|information)|i agree that [^]{1,40} (?:can|may) send me|every (?:day|week|morning) we send (?:an|you an) e-?mail|(?:join|follow|ikuti|abonniere|abonnieren sie|unseren?|unserem|our) (?:den |the |our )?whatsapp[- ]?(?:channel|kanal)|push[- ]benachrichtigungen sind)/iu,
  },
  {
    rule: "appeal",
    reason: "a call to fund or join the publication",
    test: /^(?=[^]{0,220}$)[^]*\b(?:support (?:us|our (?:work|journalism|reporting|mission|newsroom)|independent journalism|(?:[\p{L}.-]+ ){1,3}(?:and make a difference|so (?:that )?we (?:can )?(?:continue|keep))|[\p{L}.-]+ today)\b|donate (?:now|today|here)\b|make a (?:donation|contribution|gift) (?:today|now|to us)\b|become a (?:member|supporter|patron)\b|chip in\b|your (?:support|donation|contribution) (?:helps|keeps|makes|means|allows|enables)\b|unterstützen sie (?:uns|unsere arbeit|unseren journalismus)|jetzt spenden|faites un don|soutenez[- ]nous|hazte socio)/iu,
  },
  {
    rule: "contact",
    reason: "an author's contact or follow line",
    test: /^(?=[^]{0,260}$)[^]*(?:[\w.+-]+@[\w-]+\.[\w.]{2,}|\bfollow (?:him|her|them|us|me) (?:on|@)|\bhave a (?:news )?tip\b|^follow [\p{L}\p{N}@_.' -]{1,40} on (?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|threads|bluesky|whatsapp|telegram|google news)\b)/iu,
  },
  {
    rule: "cookie",
    reason: "a cookie or consent prompt",
    test: /\bcookies?\b[^]{0,200}\b(?:accept|consent|agree|privacy|policy|settings|preferences|continu|browsing|use of|uses?|this (?:site|website))|^(?:accept(?: all)?(?: cookies)?|i agree|got it|ok(?:ay)?|reject all|manage (?:cookies|preferences|settings)|cookie (?:settings|policy|preferences)|privacy (?:policy|settings|notice)|terms (?:of (?:use|service)|and conditions|& conditions))\.?$/iu,
  },
  {
    rule: "copyright",
    reason: "a copyright, trademark or legal notice",
    test: /^(?:©|\(c\)|copyright\b)|\ball rights reserved\b|©\s*\d{4}|\btous droits réservés\b|\balle rechte vorbehalten\b|\btodos los derechos reservados\b|\bsubject to copyright\b|\bare (?:registered )?trademarks of\b|\bis a registered trademark of\b|\bnot been evaluated by the food and drug administration\b|\bnot intended to diagnose, treat\b/iu,
    barrier: true,
  },
  {
    rule: "gallery",
    reason: "a gallery or player control",
    test: /^(?:(?:back to |view |open |see |launch |full ?screen )?(?:gallery|slideshow|photos?|images?|video|caption|close|next|previous|prev|expand|collapse|enlarge|zoom|play|pause|mute|unmute|replay|skip|skip ad|watch(?: now| video| live)?|show more|show less|read more|load more|more|less|hide caption|toggle caption|menu|search|top|back to top|skip to (?:main )?content|skip to navigation|open menu|close menu|go to|loading\.*|menu ?sections|home)\s*[›»>]?)$/iu,
  },
  {
    rule: "gallery-caption",
    reason: "a gallery slide's caption, numbered by the player",
    test: /^\d{1,3}\s*(?:of|\/)\s*\d{1,3}\S/iu,
  },
  {
    rule: "truncated-teaser",
    reason: "a caption or teaser cut short by the page (ends with an ellipsis and a more/less toggle)",
    test: /(?:\.\.\.|…)\s*(?:more|less|read more|mehr|plus|más|leggi)$|\s(?:less|more)$/u,
  },
  {
    rule: "scripts-off",
    reason: "a notice shown to browsers without scripts",
    test: /\b(?:enable|enabled|turn on|activate|aktivieren|activez|habilite|attiva)\b[^]{0,40}\bjavascript\b|\bjavascript\b[^]{0,40}\b(?:disabled|required|requires|enable|aktivieren|désactivé)\b|\brequires? javascript\b|\b(?:your browser (?:does not|doesn't) support|update your browser|unsupported browser)\b/iu,
  },
  {
    rule: "read-also",
    reason: "an inline pointer to another story (the next line is its headline)",
    test: /^(?:(?:read|see) also|also read|read more|related|lire aussi|à lire aussi|voir aussi|lesen sie auch|auch interessant|leggi anche|lee también|lea también|leia também|veja também|lees ook|lue myös|läs (?:också|även)|les også|læs også|czytaj (?:także|też|również)|přečtěte si (?:také|též)|читайте также|читайте також|дивіться також|см\. также)\s*[:.›»>]*$/iu,
  },
  {
    rule: "read-also",
    reason: "an inline pointer to another story, with its headline",
    test: /^\[?(?:read more|read also|also read|see also|also|more|related|related story|watch|watch now|listen|don't miss|must read|recommended|trending|lesen sie auch|mehr dazu|lire aussi|à lire aussi|à lire|voir aussi|leia também|leia mais|veja também|leggi anche|lee también|lea también|lees ook|читайте также)\s*[:|»›>]\s*\S.{2,200}$/iu,
  },
  {
    rule: "comment-head",
    reason: "the name line of a reader comment",
    test: /^\S.{0,40}\s(?:says|said|wrote|replied|commented|schreibt|sagt|schrieb|dit|a écrit|dice|escribió|disse|scrive|schreef|zegt|пишет|написал[а]?)\s*:?$/iu,
    barrier: true,
  },
  {
    rule: "loading",
    reason: "a placeholder a script replaces once it has loaded",
    test: /^(?:loading|video loading|loading video|загрузка|завантаження|cargando|chargement(?: en cours)?|wird geladen|lädt|carregando|caricamento|laden|ładowanie|načítání|yükleniyor|読み込み中|加载中|載入中)\s*(?:\.{2,}|…)?$/iu,
  },
  {
    rule: "error-report",
    reason: "the error-report prompt of many sites ('select it and press Ctrl+Enter')",
    test: /^(?=[^]{0,200}$)[^]*\bctrl\s*\+\s*enter\b/iu,
  },
  {
    rule: "skip-link",
    reason: "a link past a promo box, or the end of one",
    test: /^(?:skip past newsletter promotion|after newsletter promotion|skip (?:advert|ad))$/iu,
  },
  {
    rule: "comment-policy",
    reason: "the rules of the comment section (as HTML mode knows them)",
    test: shape("comment-policy"),
  },
  {
    rule: "reporting-credit",
    reason: "who helped report or translate: a credit, not story (as HTML mode knows it)",
    test: shape("reporting-credit"),
  },
  {
    rule: "imprint",
    reason: "the publisher's imprint line ('X is part of Y Inc, an international media group ... Visit our corporate site')",
    test: /^(?=[^]{0,260}$)[^]*\bis (?:a )?part of [^]{1,80}\b(?:inc|ltd|plc|gmbh|group|media)\b[^]*\b(?:media group|publisher|corporate site)\b/iu,
    barrier: true,
  },
  {
    rule: "view-all",
    reason: "a link to the rest of a list or gallery (as HTML mode knows it)",
    test: shape("view-all"),
  },
  {
    rule: "word-count",
    reason: "a word-count label",
    test: /^(?:word ?count|words|wortanzahl)\s*:?\s*\d[\d,.]*$/iu,
  },
  {
    rule: "caption-label",
    reason: "a picture or video caption with its player's label ('Image caption ...', 'Media caption ...', 'Credit...')",
    test: /^(?:(?:image|media|video) ?caption[^]{0,200}|credit(?:\.{3}|…)|(?:getty(?: images)?|ap(?: photo)?|reuters|afp|epa|shutterstock|istock(?:photo)?|dpa|picture alliance|imago)\s*[./]?)$/iu,
  },
  {
    rule: "citation",
    reason: "how to cite the page ('Citation: ... retrieved ... from https://...')",
    test: /^citation:[^]{0,300}\bretrieved\b[^]{0,80}\bfrom\s+https?:\/\/\S+$/iu,
  },
  {
    rule: "bloggers-like",
    reason: "a like widget's template text",
    test: /^%d bloggers like this|^like loading|^loading\.\.\.$/iu,
  },
];

/**
 * End-of-story markers: headings of the blocks that follow an article
 * (share bars, comments, related lists, author boxes). The story span is
 * strongly discouraged from crossing one.
 */
export const BARRIER = /^(?:share this(?: article| story| post)?|share (?:on|via)|related(?: articles| stories| content| coverage| news| links| posts| reading| topics| videos)?|related(?: [\p{L}]+)?:.{0,60}|more (?:from|on|stories|news|about|like this|in|to read|videos)\b.{0,40}|more [\p{L}' ]{1,30} (?:stories|articles|reads)|most (?:read|popular|viewed|shared|commented)\b.{0,30}|(?:about|über|sobre|à propos de|a proposito di|over) (?:the author|[\p{L}.'’-]+(?: [\p{L}.'’-]+){0,3})|popular(?: now| stories| posts| articles)?|recommended(?: for you| stories| reading| articles| videos)?|we recommend|editors?'? picks|(?:previous|prev|next|older|newer) (?:article|post|story|entry)|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)|(?:read|see|watch) (?:more|next)|don'?t miss|do not miss|next up(?: in .{1,40})?|further reading|latest(?: news| stories| articles| posts| videos)?|recent(?: posts| articles| stories| news| comments)?|top stories|trending(?: now| stories| news)?|what to read next|(?:leave|post|add|write) a (?:reply|comment|response)|\d*\s*comments?|comments? \(\d+\)|join the (?:discussion|conversation)|discussion|reader comments|show comments|view comments|load comments|tags?|topics|filed under|categories|about the author|more articles by .{1,40}|(?:trends?|topics?):.{0,60}|sponsored stories|promoted stories|around the web|from our partners|mehr zum thema|mehr aus .{1,30}|das könnte sie (?:auch )?interessieren|meistgelesen|weitere artikel|kommentare|sur le même sujet|les plus lus|commentaires|también te puede interesar|más leídas|lo más (?:leído|visto|compartido)|noticias relacionadas|comentarios|potrebbe interessarti|commenti|ook interessant|meer nieuws|reacties|по теме|комментарии|関連記事|相关新闻|相关阅读|関連ニュース|猜你喜欢)\s*[:.›»>]*$/iu;

/** Words of a URL path that are not the headline (ids, file types, sections). */
export const SLUG_NOISE = /^(?:html?|php|aspx?|jsp|shtml|story|article|articles|news|amp|index|id|www|com|\d+)$/;

/** An author's bio line ("Jane Doe is a reporter for the Courier."): the end of the story, not part of it. Case matters: a name first. */
export const BIO_LINE = /^\p{Lu}[\p{L}’'.-]+(?: \p{Lu}[\p{L}’'.-]+){0,3} (?:(?:is|was|ist|war|est|es) (?:a|an|the|ein|eine|un|une|una|el|la)? ?(?:[\p{L}-]+ ){0,5}(?:reporter|writer|editor|correspondent|journalist|contributor|columnist|producer|freelancer|redakteur|redakteurin|reporterin|korrespondent|korrespondentin|journalistin|autor|autorin|journaliste|rédacteur|rédactrice|correspondant|correspondante|periodista|redactor|redactora|corresponsal)\b|joined [\p{L}\p{N} .&'-]{1,40} in (?:\p{L}+ )?(?:19|20)\d\d\b[^]*\b(?:reporting|writing|covering|editor|reporter)\b)/u;

/** A call to click set in capitals ("GET FOX BUSINESS ON THE GO BY CLICKING HERE"): a link to an app or another page. Tested as written: case is the cue. */
export const SHOUTED_LINK = /^(?=[^]{0,140}$)[^a-z]*\bCLICK(?:ING)? HERE\b[^a-z]*$/u;

/** Key points under a "Key points" heading, their bullets lost: this many lines at least and at most. */
export const TEXT_KEYPOINTS = { min: 2, max: 10 } as const;

/** A byline or dateline at most this many lines into the story means the lines before it are the standfirst. */
export const STANDFIRST_LINES = 2;

/** Headline search before the first paragraph, tuned as a set. */
export const TITLE = {
  /** Lines looked at before the first paragraph. */
  window: 30,
  /** Words beyond this do not make a line more headline-like. */
  fullWords: 12,
  /** Cost per line of distance from the first paragraph. */
  distance: 0.5,
  /** Bonus for a line whose words all appear in the URL path. */
  slug: 14,
  /** Cost of sitting inside a menu-like run. */
  inMenu: 3,
} as const;

/**
 * A caption's credit written with a label: "… Photo: Kyodo/via Reuters",
 * "Foto: X", "Image credit: X". Group 1 is the caption, group 2 the credit.
 */
export const LABELLED_CREDIT = /^(.*?)[\s,;|–—-]*\b(?:photo(?:graph)?s?|pictures?|image|picture|foto|fotos|bild|photo ?credit|image ?credit|credit|source|quelle|crédits?|créditos|illustration|grafik|grafica|фото)\s*(?:by)?\s*[:©]\s*([^:]{2,80}?)\s*\)?$/iu;

/** How sure text mode is of what it reads from lines alone (Evidence.confidence): below the page's own markup in HTML mode. */
export const CONFIDENCE = {
  /** The headline search is right on most pages but has no markup to confirm it. */
  title: 0.6,
  /** "By …" lines are explicit. */
  authors: 0.6,
  /** A date near the headline is usually the article's, sometimes a widget's. */
  date: 0.5,
  keyPoints: 0.5,
  /** Inferred from position only (before a byline or dateline). */
  standfirst: 0.4,
} as const;
