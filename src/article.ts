/**
 * The public output type. Everything a caller gets from `extract` or
 * `extractText` is an `Article`: plain, JSON-serialisable values only.
 *
 * Renaming or removing a field needs a SCHEMA_VERSION bump; adding optional
 * fields does not.
 */

export const SCHEMA_VERSION = "1.0";

/** Inline content of a text block, only kept when it carries markup. */
export type Inline =
  | string
  | { kind: "link"; href: string; children: Inline[] }
  | { kind: "strong" | "em" | "code" | "sub" | "sup"; children: Inline[] }
  | { kind: "br" };

export interface ParagraphBlock {
  type: "paragraph";
  text: string;
  /** Present when the paragraph has links or emphasis. */
  inline?: Inline[];
}

export interface HeadingBlock {
  type: "heading";
  /** 1..6, as written in the page (h1..h6). */
  level: number;
  text: string;
}

export interface ListItem {
  text: string;
  inline?: Inline[];
  /** A list nested inside this item. */
  list?: ListBlock;
}

export interface ListBlock {
  type: "list";
  ordered: boolean;
  items: ListItem[];
}

export interface TableBlock {
  type: "table";
  /** Cell texts, row by row. */
  rows: string[][];
  /** True when the first row is a header row (th cells or thead). */
  header?: boolean;
  caption?: string;
}

export interface QuoteBlock {
  type: "quote";
  text: string;
  cite?: string;
}

export interface CodeBlock {
  type: "code";
  text: string;
  lang?: string;
}

export interface Image {
  /** Absolute URL; absent only in text mode, where no image is known. */
  src?: string;
  alt?: string;
  width?: number;
  height?: number;
}

export interface FigureBlock {
  type: "figure";
  images: Image[];
  caption?: string;
  credit?: string;
}

export type Block =
  | ParagraphBlock
  | HeadingBlock
  | ListBlock
  | TableBlock
  | QuoteBlock
  | CodeBlock
  | FigureBlock;

export interface Author {
  name: string;
  url?: string;
  /** True when the credit names an organisation (a desk, team, brand or the site itself), given where no person is credited. */
  organization?: boolean;
}

export interface LeadImage {
  src?: string;
  alt?: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
}

/** Where a metadata value came from. */
export interface Evidence {
  /** e.g. "jsonld", "microdata", "meta:og", "meta:name", "dom:byline", "dom:time", "url", "text". */
  source: string;
  /** The raw string the value was read from. */
  raw?: string;
  /** 0..1: how sure the reader is. */
  confidence: number;
}

/** One removal decision, kept so every extraction can be explained. */
export interface Removal {
  stage: string;
  rule: string;
  reason: string;
  textPreview: string;
  /** A short CSS-like path of the removed element, when it was one. */
  path?: string;
}

export interface Explanation {
  removals: Removal[];
  /** Milliseconds spent per stage, in pipeline order. */
  timings: Record<string, number>;
  /** Fallback stages that ran, with why. */
  rescues: { stage: string; reason: string }[];
  /** How the input was decoded. */
  encoding?: { charset: string; source: string };
  /** A path of the element chosen as the main content. */
  container?: string;
}

/** Kinds of pages a crawler meets: a story, a forum thread, a product, a grid of products, a list of entries, documentation, a company's page. */
export type PageType = "article" | "forum" | "product" | "collection" | "listing" | "documentation" | "service";

export type ArticleType =
  | "news"
  | "opinion"
  | "liveblog"
  | "review"
  | "analysis"
  | "interview"
  | "obituary"
  | "blog"
  | "other";

export interface Article {
  schemaVersion: string;
  /** The page URL as given by the caller (or found in the page). */
  url?: string;
  title?: string;
  standfirst?: string;
  keyPoints?: string[];
  description?: string;
  authors: Author[];
  /** News agencies credited (AP, Reuters, dpa...). */
  agencies?: string[];
  /** A desk or organisation credited instead of people. */
  organization?: string;
  /** ISO 8601, with the page's offset when it gives one. */
  published?: string;
  modified?: string;
  siteName?: string;
  lang?: string;
  canonicalUrl?: string;
  section?: string;
  tags?: string[];
  leadImage?: LeadImage;
  type?: ArticleType;
  /** What kind of page this is; the body is extracted as that kind asks (a thread's posts, a grid's cards). evidence.pageType says why. */
  pageType?: PageType;
  isAccessibleForFree?: boolean;
  paywalled?: boolean;
  wordCount: number;
  readingTimeMinutes: number;
  /** Body as plain text: one block per paragraph, separated by a blank line. */
  text: string;
  markdown: string;
  /** Clean, sanitised HTML of the body. */
  html: string;
  blocks: Block[];
  /** Where each metadata field came from. */
  evidence: Record<string, Evidence>;
  /** Present when `explain: true` was asked for. */
  explain?: Explanation;
}
