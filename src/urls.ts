/**
 * Which links and images may leave the engine (issue 20): http(s) and mailto links, http(s) images, and relative
 * references (resolved against the page URL when there is one). The scheme is read the way a browser reads it,
 * after URL parsing has dropped tabs, newlines and leading control characters, so `java&#x0A;script:` and
 * `\tjavascript:` are the `javascript:` they are.
 */

export type UrlKind = "link" | "image";

const ALLOWED: Record<UrlKind, ReadonlySet<string>> = {
  link: new Set(["http:", "https:", "mailto:"]),
  image: new Set(["http:", "https:"]),
};

/** What the WHATWG URL parser removes before it reads anything: leading and trailing C0 controls and spaces, every tab and newline. */
const STRIPPED_ENDS = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const STRIPPED_INSIDE = /[\t\n\r]/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The URL as it may be given out, or undefined when it may not: absolute with an allowed scheme, or resolved against
 * `base`, or (without a base) a relative reference that no parser could read as having a scheme.
 */
export function safeUrl(href: string | undefined, base?: string | URL, kind: UrlKind = "link"): string | undefined {
  if (!href) return undefined;
  // Already absolute, with nothing the parser would strip or reinterpret (controls, spaces, backslashes): its scheme is
  // what it starts with. The printers see only such URLs (the blocks hold resolved ones), and skip a parse per link.
  if (!base && (kind === "link" ? PLAIN_LINK : PLAIN_IMAGE).test(href)) return href;
  const h = href.replace(STRIPPED_ENDS, "").replace(STRIPPED_INSIDE, "");
  if (!h) return undefined;
  let url: URL | undefined;
  try {
    url = base ? new URL(h, base) : new URL(h);
  } catch {
    url = undefined;
  }
  if (url) return ALLOWED[kind].has(url.protocol) ? url.href : undefined;
  // Unparseable against a base, or a scheme that does not parse: nothing a browser could follow safely.
  if (base || SCHEME.test(h)) return undefined;
  // A relative reference with no page URL to resolve it against: kept as written, if it resolves against some
  // http(s) page (a scheme-relative "//:x" does not) and holds no control characters.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(h)) return undefined;
  try {
    new URL(h, PLACEHOLDER);
  } catch {
    return undefined;
  }
  return h;
}

const PLACEHOLDER = "https://relative.invalid/";
// eslint-disable-next-line no-control-regex
const PLAIN_LINK = /^(?:https?:\/\/[^\u0000-\u0020\u007f\\]+|mailto:[^\u0000-\u0020\u007f\\]+)$/;
// eslint-disable-next-line no-control-regex
const PLAIN_IMAGE = /^https?:\/\/[^\u0000-\u0020\u007f\\]+$/;
