/** Choosing an image's best source, and telling real pictures from pixels and icons. */
import type { Element } from "domhandler";

/** Attributes that lazy loaders use for the real source, most specific first. */
export const LAZY_SRC_ATTRS = ["data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-full-src", "data-lazy", "data-img-src", "data-srcset", "data-lazy-srcset", "srcset", "src"] as const;

/** URLs of trackers, spacers and placeholders: never a picture of the story. */
export const NON_PICTURE_URL = /(?:^data:|1x1|spacer|pixel\.|\/pixel|beacon|tracking|transparent[\w-]*\.(?:gif|png)|blank\.(?:gif|png)|placeholder|lazy[-_]?load|\/ads?\/|doubleclick|\.svg(?:$|\?))/i;

export const IMAGES = {
  /** Below this rendered size (px, either side) an image is an icon, avatar or pixel. */
  minSide: 60,
} as const;

/** Picks the widest candidate of a srcset string. */
export function bestOfSrcset(srcset: string): string | undefined {
  let best: string | undefined;
  let bestW = -1;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, desc] = part.trim().split(/\s+/, 2);
    if (!url || url.startsWith("data:")) continue;
    let w = 1;
    if (desc) {
      const m = /^([\d.]+)([wx])$/.exec(desc);
      if (m) w = m[2] === "w" ? parseFloat(m[1]) : parseFloat(m[1]) * 1000;
    }
    if (w > bestW) {
      bestW = w;
      best = url;
    }
  }
  return best;
}

/** The best raw (unresolved) source of an <img>, also looking at its <picture> parent. */
export function imageSource(img: Element): string | undefined {
  const a = img.attribs;
  const picture = img.parent && "name" in img.parent && img.parent.name === "picture" ? img.parent : undefined;
  if (picture) {
    for (const s of picture.children) {
      if (s.type === "tag" && (s as Element).name === "source") {
        const src = s as Element;
        const set = src.attribs.srcset ?? src.attribs["data-srcset"] ?? Object.entries(src.attribs).find(([k]) => k.startsWith("data-") && k.endsWith("srcset"))?.[1];
        const best = set && bestOfSrcset(set);
        if (best && !NON_PICTURE_URL.test(best)) return best;
      }
    }
  }
  for (const name of LAZY_SRC_ATTRS) {
    const v = a[name];
    if (!v) continue;
    const url = name.includes("srcset") ? bestOfSrcset(v) : v.trim();
    if (url && !NON_PICTURE_URL.test(url)) return url;
  }
  return otherLazySource(a);
}

/** Lazy loaders name their attribute freely ("data-flickity-lazyload", "data-lazy-img"): any data-* source that holds a URL. */
const ANY_LAZY_ATTR = /^data-[\w-]*(?:src|lazy|original|image|img)[\w-]*$/;
const URLISH = /^(?:https?:)?\/\/|^\/[^/]/;

function otherLazySource(a: Record<string, string>): string | undefined {
  for (const [name, raw] of Object.entries(a)) {
    if (!ANY_LAZY_ATTR.test(name)) continue;
    const v = raw.trim();
    const url = name.includes("srcset") ? bestOfSrcset(v) : v;
    if (url && URLISH.test(url) && !/\s/.test(url) && !NON_PICTURE_URL.test(url)) return url;
  }
  return undefined;
}

/** True when declared dimensions say icon or pixel. */
export function isTinyImage(img: Element): boolean {
  const w = pixels(img.attribs.width);
  const h = pixels(img.attribs.height);
  return (w > 0 && w < IMAGES.minSide) || (h > 0 && h < IMAGES.minSide);
}

/** A size in pixels ("56", "56px"); a fraction ("56.25") is an aspect ratio some pages write there, not a size. */
function pixels(v: string | undefined): number {
  const m = v && /^\s*(\d+)\s*(?:px)?\s*$/i.exec(v);
  return m ? parseInt(m[1], 10) : 0;
}
