/**
 * Vocabularies as data, grouped by concept. Every group says why it exists.
 * `matcher` builds one regex per group and refuses an empty group.
 */

export function matcher(group: readonly string[], mode: "token" | "substring" | "exact" = "token"): RegExp {
  if (!group.length) throw new Error("matcher: empty vocabulary group");
  const alt = group.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  if (mode === "exact") return new RegExp(`^(?:${alt})$`, "iu");
  if (mode === "substring") return new RegExp(`(?:${alt})`, "i");
  // token: delimited by start/end or a non-letter (class names use - _ and spaces)
  return new RegExp(`(?:^|[^a-z0-9])(?:${alt})(?:$|[^a-z0-9])`, "i");
}

/** Tags removed before anything else: they never carry article text. (<meta> and <link> stay: itemprop dates live in them.) */
export const NEVER_CONTENT_TAGS = new Set([
  "script", "style", "template", "svg", "canvas", "iframe", "object", "embed", "noembed",
  "input", "select", "textarea", "button", "option", "datalist", "dialog", "map", "audio", "video", "track", "math",
]);

/**
 * Custom elements that are pictures ("<storefront-image src=...>", "<lazy-image>", "<responsive-img>"): a name
 * with a hyphen that ends in one of these words ("image-gallery" does not), carrying the picture's address
 * itself. clean renames them <img> for every later stage.
 */
export const IMAGE_COMPONENT = /^[a-z][a-z0-9-]*-(?:img|image|picture|photo)$/;

/** Class tokens that mean the element is not shown (or only to screen readers). */
export const HIDDEN_CLASS_TOKENS = ["hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader-only", "element-invisible", "is-hidden", "u-hidden", "hide", "offscreen", "h-offscreen", "u-offscreen", "is-offscreen", "a11y-hidden", "visually-hidden-focusable"] as const;
