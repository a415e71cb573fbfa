/**
 * What kind of page this is, and what each kind asks of extraction. Read by stages/classify.ts (the signals)
 * and by locate and prune (the policies). A page is an article unless the other kinds' evidence outweighs it:
 * a crawler meets forum threads, shops, category grids, listings, documentation and company pages too, and an
 * article extractor reads each of those as one card of it.
 */

import type { PageType } from "../article.ts";
import { matcher } from "./vocab.ts";
export type { PageType };
export const PAGE_TYPES: readonly PageType[] = ["article", "forum", "product", "collection", "listing", "documentation", "service"];

type Votes = Partial<Record<PageType, number>>;

/** schema.org types a page declares (JSON-LD @type, microdata itemtype), and what each says of the page. */
export const SCHEMA_VOTES: Record<string, Votes> = {
  // The page's own story.
  NewsArticle: { article: 3 }, Article: { article: 2 }, BlogPosting: { article: 3 }, ReportageNewsArticle: { article: 3 },
  OpinionNewsArticle: { article: 3 }, AnalysisNewsArticle: { article: 3 }, LiveBlogPosting: { article: 3 }, Recipe: { article: 2 },
  Review: { article: 1 }, ScholarlyArticle: { article: 2 }, HowTo: { article: 1 },
  // A thread of posts by several people.
  DiscussionForumPosting: { forum: 4 }, QAPage: { forum: 4 }, Question: { forum: 2 }, Comment: { forum: 0.5 },
  // One thing for sale.
  Product: { product: 3 }, ProductGroup: { product: 3 }, Offer: { product: 1 }, AggregateOffer: { product: 1 }, IndividualProduct: { product: 3 },
  // A grid of things, or a list of entries.
  CollectionPage: { collection: 2, listing: 1.5 }, ItemList: { collection: 1, listing: 1 }, OfferCatalog: { collection: 2 },
  SearchResultsPage: { listing: 3 }, Event: { listing: 0.5 }, JobPosting: { listing: 0.5 },
  // Reference pages.
  TechArticle: { documentation: 2.5, article: 1 }, APIReference: { documentation: 4 }, SoftwareSourceCode: { documentation: 1 },
  // A company's own pages.
  Service: { service: 2 }, ProfessionalService: { service: 2 }, FAQPage: { service: 1.5, documentation: 0.5 }, AboutPage: { service: 2 },
  ContactPage: { service: 2 }, SoftwareApplication: { service: 1.5 }, WebApplication: { service: 1 }, Course: { service: 1 },
};

/** OpenGraph og:type values. */
export const OG_VOTES: Record<string, Votes> = {
  article: { article: 2 },
  "og:article": { article: 2 },
  product: { product: 3 },
  "og:product": { product: 3 },
  "product.item": { product: 3 },
  "product.group": { collection: 1.5 },
  website: { service: 0.5, listing: 0.5, collection: 0.5 },
};

/** Software that builds forums, named by the page's generator <meta> (a platform, not a site). */
export const FORUM_GENERATOR = /\b(?:discourse|phpbb|vbulletin|xenforo|invision|flarum|nodebb|mybb|vanilla|smf|simple machines|discuz|khoros|lithium)\b/i;
/** Documentation generators. */
export const DOCS_GENERATOR = /\b(?:docusaurus|mkdocs|sphinx|gitbook|vuepress|vitepress|hugo-book|docsy|readthedocs|jekyll-docs|mintlify|nextra|starlight|antora)\b/i;

/** The address's path (and host), each shape with what it suggests. */
export const URL_VOTES: [RegExp, Votes, string][] = [
  [/\/(?:t|topic|topics|thread|threads|discussion|discussions)\/|\/(?:showthread|viewtopic)\.php[/?]|[?&]topic=\d|\/r\/[^/]+\/comments\/|\/questions\/\d+|[/.](?:forum|forums|community|discuss|answers)[./]/i, { forum: 2 }, "a thread's address"],
  [/\/(?:products?|p|dp|pd|item|itm|sku|gp\/product)\/[^/]+/i, { product: 2 }, "a product's address"],
  [/\/(?:collections?|category|categories|product-category|c|b|shop|store|browse|department|catalog|catalogue|best-?sellers|zgbs)(?:\/|$)/i, { collection: 2 }, "a category's address"],
  [/\/(?:events|jobs|careers|search|archive|archives|directory|listings?|calendar|tag|tags|topics)(?:\/|$)|[?&](?:q|s|query|page)=/i, { listing: 1.5 }, "a list's address"],
  [/\/(?:docs?|documentation|api|reference|manual|sdk|kb|knowledge-?base|help|handbook|guides?|tutorials?|wiki)(?:\/|$)|^https?:\/\/(?:docs|developer|developers|devdocs|learn|help|support|wiki)\./i, { documentation: 2 }, "a documentation address"],
  [/\/(?:services?|solutions?|platform|pricing|features|about|about-us|contact|company|enterprise|industries|consulting|careers|plans)(?:\/|$)/i, { service: 1.5 }, "a company page's address"],
  [/\/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)|\/(?:news|blog|blogs|article|articles|story|stories|posts?|press-releases?|insights|opinion)\/[^/]+/i, { article: 2 }, "an article's address (a date, a story path)"],
  [/\/[a-z0-9]+(?:-[a-z0-9]+){4,}(?:\.html?|\/)?$/i, { article: 1 }, "a headline made into an address"],
  [/^https?:\/\/[^/]+\/?(?:[?#].*)?$/i, { service: 1.5, listing: 1 }, "a site's home page"],
];

/** What the page's own controls say (buttons and inputs, read before clean drops them). */
export const CART_CONTROL = /\b(?:add(?:ing)? to (?:cart|bag|basket|trolley)|buy (?:it )?now|in den warenkorb|ajouter au panier)\b/i;

/** Prices in text: a currency sign or code beside a number. */
export const PRICE = /(?:[$€£¥₹]\s?\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{2})?|\b\d{1,3}(?:[,.]\d{3})*(?:[.,]\d{2})?\s?(?:€|USD|EUR|GBP|CHF))/;

/** Counts of DOM units, and the votes they cast. */
export const DOM = {
  /** This many prices make a grid of things for sale; one to a few make one thing for sale. */
  collectionPrices: 6,
  /** Posts (schema.org Comment units, or repeated units each with a time and a person) make a thread. */
  minPosts: 2,
  /** Code blocks make a reference page. */
  minCodeBlocks: 2,
  /** Sibling units of one kind (same tag and class), each with a link: cards. */
  minCards: 6,
  /** Cards holding this share of the region's text make the page a grid or a list... */
  cardTextShare: 0.35,
  /** ...and this share, surely so. */
  mostlyCards: 0.6,
  /** This many stories declared in the page's data (BlogPosting items of a list) make it a list of stories. */
  minDeclaredStories: 3,
  /** Long paragraphs outside cards holding this share of the page's text make an article... */
  storyShare: 0.5,
  /** ...and this share, likely one. */
  someStoryShare: 0.3,
} as const;

/** Evidence below this total is not enough to call a page anything but an article. */
export const MIN_VOTES = 2.5;

/**
 * What each kind asks of locate and prune. `region`: the container is the page's main region (what the page
 * shows between its header, menus and footer), not the best story block, as the content is many units.
 * `keep`: furniture rules that would cut the content of this kind (a forum's posts are "comments"; a grid's
 * cards are link lists and teasers; a company page's sections are promos).
 */
export interface Policy {
  region: boolean;
  keep: readonly string[];
  /** Furniture of this kind only: a product page's reviews and upsells (on a story, "review" names the story). */
  furniture?: readonly { rule: string; reason: string; names: RegExp; anyProse?: boolean; maxStory?: number }[];
  /** The page's name is its visible <h1> (a product's, a category's, a manual page's name), not its SEO title. */
  shownTitle?: boolean;
  /** The page is not published news: its data's and text's dates are build, update or copyright times, no publication date. */
  undated?: boolean;
  /** The page credits no author: a product's "by" line names its maker or brand, and its named people are reviewers and sellers. */
  uncredited?: boolean;
}

/** What a product page carries besides the product: what buyers wrote, and other things to buy. */
const PRODUCT_FURNITURE = [
  { rule: "reviews", anyProse: true, reason: "buyers' reviews and ratings are not the product's description", names: matcher(["review", "reviews", "customer-reviews", "product-reviews", "reviews-section", "review-list", "ratings-reviews", "ratings", "testimonials", "yotpo", "bazaarvoice", "trustpilot", "okendo", "judgeme", "jdgm", "stamped", "feefo", "qa", "questions-answers", "feedback"]) },
  { rule: "upsell", anyProse: true, reason: "other products to buy", names: matcher(["upsell", "cross-sell", "crosssell", "also-bought", "also-viewed", "you-may-also-like", "recently-viewed", "recommended-products", "similar-products", "product-recommendations", "complete-the-look", "bundles", "carousel"]) },
];

/** What a thread carries besides its posts: each poster's card (counts, badges, join date) and signature. */
const FORUM_FURNITURE = [
  { rule: "poster-card", reason: "a poster's counts, badges and join date are not the post", names: matcher(["user-info", "userinfo", "user-details", "userdetails", "user-stats", "userstats", "user-extras", "postprofile", "poster-info", "posterinfo", "author-info", "message-userdetails", "message-userextras", "message-user-extras", "user-badges", "badges", "reputation", "user-title", "usertitle", "user-flair", "flair", "post-count", "postcount"]) },
  { rule: "signature", reason: "a poster's signature repeats under every post", names: matcher(["signature", "post-signature", "message-signature", "sig", "signaturecontainer", "postbit-signature"]) },
];

/** What a grid of items carries besides its items: the controls that narrow it. */
const GRID_FURNITURE = [
  { rule: "facets", maxStory: 0, reason: "a grid's filter panel (options with their counts) narrows the grid, it is not an item", names: matcher(["facets", "facet-list", "facet-filters", "facet-option", "filters", "filter-list", "filter-group", "filter-options", "filter-panel", "filter-sidebar", "refinements"]) },
];

export const POLICY: Record<PageType, Policy> = {
  article: { region: false, keep: [] },
  forum: { region: true, keep: ["comments", "comments-heading", "teaser-card"], furniture: FORUM_FURNITURE },
  product: { region: true, keep: [], furniture: PRODUCT_FURNITURE, shownTitle: true, undated: true, uncredited: true },
  collection: { region: true, shownTitle: true, undated: true, keep: ["link-list", "teaser-card", "link-paragraph", "meta"], furniture: GRID_FURNITURE },
  listing: { region: true, shownTitle: true, keep: ["related", "link-list", "teaser-card", "teaser-list", "link-paragraph", "meta", "labelled-link", "read-more", "tags", "byline"] },
  documentation: { region: false, shownTitle: true, undated: true, keep: ["link-list", "teaser-card", "related-section"] },
  service: { region: true, undated: true, keep: ["link-list", "teaser-card", "newsletter", "meta", "key-points"] },
};

/** Profile pages of a site's members: a post carries its writer's. */
export const PROFILE_LINK = /\/(?:u|user|users|member|members|profile|profiles|people)\/[^/?#]+/i;
/** Link texts of account pages, not of a poster's name. */
export const ACCOUNT_LINK_TEXT = /^(?:sign|log|register|my |profile|account|join)/i;
