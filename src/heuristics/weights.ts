/**
 * Weights and thresholds of locate and prune. Tuned as a set on the Zyte
 * benchmark (181 pages, bench:zyte); change one, re-run the benchmark.
 */

/** Elements that end a run of inline text (a paragraph unit). */
export const BLOCK_TAGS = new Set([
  "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "tbody", "thead", "tfoot",
  "blockquote", "pre", "figure", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "form", "fieldset", "center", "address", "details", "summary", "body", "html", "hgroup", "menu", "noscript",
]);

export const LOCATE = {
  /** A paragraph unit has at least this many non-space characters (a short sentence). */
  minUnitChars: 60,
  /** CJK scripts pack ~3× more meaning per character. */
  minUnitCharsDense: 20,
  /** A <p> says "prose" by itself: a short lede or closing line still counts. */
  minParagraphChars: 45,
  /** Above this share of linked text a block is a link list, not prose. */
  maxUnitLinkDensity: 0.5,
  /** Cost of one character of non-story text when choosing the container (α). */
  otherPenalty: 0.4,
  /** A paragraph chosen as the container whose parent holds this many times its unlinked text is one part of the page (a story above a thread, a wiki page's intro above its lists). */
  loneParagraphShare: 3,
  /** An element holding more than this share of the page's text is a layout wrapper, not a furniture zone. */
  maxZoneShare: 0.5,
  /** A zone whose names also say "content" is furniture only below this share of the page's paragraph text. */
  maxAmbiguousZoneStory: 0.25,
  /** Section headings ("Related stories") are short. */
  maxHeadingChars: 60,
  /** An <article> holding this many characters of paragraph text is a whole story (not a teaser card). */
  minStoryChars: 500,
  /** A story block with less than this share of the main region's story text is one part of a page of many. */
  minStoryShare: 0.5,
  /** On a page of next to no story, a story block holding less than this share of the main region's unlinked text is a scrap of a page of many. */
  maxScrapShare: 0.1,
  /** How far above the container a body split into sibling parts is looked for. */
  splitLevels: 3,
  /** This many paragraphs cut short with an ellipsis on one page are teaser excerpts, not story ("...the president said..."). */
  minCutTeasers: 3,
  /** On pages of many units, the main region is the smallest element holding this share of the text outside zones. */
  regionShare: 0.8,
  /** A page whose furniture zones leave less than this share of its text free is all zones: the region is the whole page. */
  minFreeShare: 0.015,
  /** A table of data cells is mostly unlinked; a grid of links is a menu or a list of stories. */
  maxDataTableLinkDensity: 0.3,
} as const;

export const PRUNE = {
  /** A sure zone (consent, overlay) may not remove an element holding more than this share of the container's text and its story share. */
  maxStrongZoneShare: 0.5,
  /** Comments are kept when pruning them would leave less unlinked text than this and they hold more (a discussion page). */
  minOnlyProse: 200,
  /** A rule may not remove an element holding more than this share of the container's story. */
  maxRemovableStoryShare: 0.4,
  /** ...or this share, when the element's names also name content ("article-widget"): as locate's ambiguous zones. */
  maxRemovableAmbiguousShare: 0.25,
  /** Small-by-nature zones ("widget") that together hold more than this share of the container's text are what a page builder builds every block of, the story too: their name says nothing. */
  minTiledZoneShare: 0.5,
  /** A promo zone asking for money goes however much prose it holds, unless it holds more than this share of the rest of the story. */
  maxAppealStoryShare: 0.5,
  /** A byline- or date-shaped phrase with this many words before it in its clause is part of a sentence ("Grundlage des <a>von X angestoßenen Verfahrens</a>"). */
  sentenceWordsBefore: 2,
  /** ...when its block has this many other words: a paragraph, not a dateline block ("publié le <time>, mis à jour à 21:00"). */
  sentenceBlockWords: 15,
  /** An inline element of at most this many words, inside a sentence, is part of it whatever its class (a linked name). */
  maxSentencePhraseWords: 4,
  /** ...and only in a block of at most this many characters (a paragraph), so no page-long block is read once per phrase. */
  maxSentenceBlockChars: 5000,
  /** A breadcrumb names sections in a word or a few ("Local", "Bihar", "Zuid-Holland")... */
  maxCrumbWords: 5,
  /** ...and goes at least this many levels down one path; two nested links can be a story's own. */
  minCrumbLinks: 3,
  /** Elements up to this many non-space characters are judged by their whole text (labels, counters, bylines). */
  shortTextChars: 200,
  /** Bylines and datelines are short. */
  bylineChars: 80,
  /** This many dated <time> elements in the story make them entry stamps (live blog, timeline), not the article's dateline. */
  minStamps: 3,
  /** A "Read more: X" line is mostly link. */
  leadInLinkShare: 0.5,
  /** Link lists need some text to be judged (a lone inline link is not a list). */
  minLinkListChars: 12,
  /** Above this share of linked text, a block is a link list... */
  linkListDensity: 0.6,
  /** ...unless it keeps this much unlinked prose. */
  maxLinkListProse: 160,
  /** Readers' comments with no name to find them by: at least this many signed and dated posts in a row... */
  minThreadPosts: 3,
  /** ...each at most this many blocks after the one before (a signature line, then the post's paragraphs)... */
  maxPostBlocks: 4,
  /** ...after at least this share of the container's story... */
  minStoryBeforeThread: 0.5,
  /** ...each opening with a signature line of at most this many characters. */
  maxSignatureChars: 100,
  /** A sibling printing the same text as one before it is the layout's copy (for another screen, a slider's clone), from this many characters. */
  minCopyChars: 80,
  /** A paragraph printing again an earlier one elsewhere in the container is a copy from this many characters (a refrain or a meal plan's dish is shorter). */
  minParagraphCopyChars: 200,
  /** A link printing again an earlier link's text and address within a box of at most this many characters (a card) is the card's copy. */
  maxCardCopyChars: 600,
  /** A ranked list's item (a numbered heading) holds at least this much text of its own besides its heading. */
  minRankedItemChars: 80,
  /** A thread in nested boxes (no signature line to read): this share of a box's units are posts, each with a date or time in its first characters... */
  threadPostShare: 0.6,
  /** ...these first characters... */
  postLeadChars: 200,
  /** ...and a reply control, found within this many nodes of the post... */
  maxReplySearch: 400,
  /** ...whose text is at most this long ("Reply to Ann"). */
  maxReplyControlChars: 80,
  /** A teaser's excerpt after its headline line has at least this many characters (else it is a link with a date). */
  minExcerptChars: 20,
  /** A paragraph ending in ':' introduces the list after it when it is a sentence of at least this many words, not a label ("See also:"). */
  minIntroWords: 4,
  /** A teaser card (headline link + excerpt) is short. */
  maxTeaserChars: 600,
  /** A card's heading may hold a kicker before its linked title: the link is at least this share of it. */
  cardTitleLinkShare: 0.5,
  /** A sentence with links keeps some unlinked words; a promo line is all link. */
  paragraphLinkDensity: 0.8,
  /** A quoted post worth keeping has at least a short sentence. */
  minEmbedChars: 40,
  /** After its label, a labelled link line is nearly all link. */
  labelledLinkShare: 0.8,
  /** A picture box carries at most a caption and a credit. */
  maxPictureBoxChars: 300,
  /** A hover card inside a sentence holds several links... */
  minWidgetLinks: 3,
  /** ...and more text than a pair of linked names. */
  minWidgetChars: 60,
  /** Teaser cards holding more than this share of the container's unlinked text are its content, not teasers. */
  maxTeaserCardShare: 0.5,
  /** A list of teasers has several items (two cut-short lines can be a story's own)... */
  minTeaserItems: 3,
  /** ...and nearly every one is a link elsewhere plus an excerpt cut short with an ellipsis. */
  teaserItemShare: 0.8,
} as const;

export const RESCUE = {
  /** A body of this many words is a real article: no need to look at data copies. */
  enoughWords: 400,
  /** The data copy must have at least this many words to be an article. */
  minWords: 50,
  /** ...and be more than this many times longer than what the HTML gave. */
  shorterThan: 2,
  /** Hydration JSON beyond this size is an app state dump, not worth parsing per page. */
  maxHydrationBytes: 8 * 1024 * 1024,
  /** A body string in hydration JSON is at least a long paragraph. */
  minHydrationChars: 400,
  /** A structured body has at least this many elements. */
  minElements: 3,
  /** A post's rendered body in data is at least a short sentence... */
  minPostChars: 20,
  /** ...and a thread has at least two. */
  minPosts: 2,
  /** JSON nesting beyond this is not an article object. */
  maxJsonDepth: 40,
} as const;
