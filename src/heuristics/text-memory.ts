/** Site memory (src/text/memory.ts) defaults, tuned as a set. */
export const MEMORY = {
  /** A batch rarely interleaves more sites than this at once; each costs at most maxLines entries. */
  maxHosts: 512,
  /** About 20 pages' worth of distinct lines: enough to keep a site's menus and footers between decays. */
  maxLines: 4096,
  /** Three pages before a line is trusted as furniture: two could be the same story syndicated. */
  minPages: 3,
  /** Furniture is on most pages of a site; a line on a third of them is a section menu at least. */
  minShare: 0.3,
  /** The last URLs learnt per host, to skip a page fed twice. */
  recentUrls: 64,
  /** If known lines hold more than this share of a text's prose, the text is a repeat, and memory is ignored for it. */
  maxKnownProse: 0.5,
} as const;

/** Telling binary data from text (src/text/check.ts). */
export const BINARY = {
  /** Characters looked at: binary shows itself at once. */
  sample: 65536,
  /** Text has almost no control or replacement characters; decoded binary has many (> 10 %). */
  maxShare: 0.02,
} as const;
