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
  /** Above this share of linked text a block is a link list, not prose. */
  maxUnitLinkDensity: 0.35,
  /** Cost of one character of non-story text when choosing the container (α). */
  otherPenalty: 0.4,
  /** An element holding more than this share of the page's text is a layout wrapper, not a furniture zone. */
  maxZoneShare: 0.5,
} as const;
