/**
 * The lead image: the picture the page shows at the top of the article,
 * matched against the renditions the page declares (og:image, JSON-LD
 * image). The page's own element wins for src, caption and credit; a
 * declared image stands in when the page shows none.
 */
import type { Block, LeadImage } from "../article.ts";
import type { Context } from "../context.ts";
import type { PageImage } from "./page.ts";

export interface Declared extends LeadImage {
  src: string;
  source: string;
}

/** Figures among the first blocks may be the lead picture when the header shows none. */
const TOP_BLOCKS = 4;

/** Distinctive parts of an image URL: file name without size suffix, long numbers, hashes, UUID parts. */
export function imageIds(url: string): Set<string> {
  const ids = new Set<string>();
  let path = url;
  let query = "";
  try {
    const u = new URL(url);
    path = decodeURIComponent(u.pathname);
    query = decodeURIComponent(u.search);
  } catch {
    /* relative or broken: use as is */
  }
  ids.add("path:" + path.replace(/\/+$/, ""));
  const file = path.split("/").pop() ?? "";
  const stem = file
    .replace(/\.[a-z0-9]{2,5}$/i, "")
    .replace(/[-_@](?:\d{2,4}x\d{2,4}|\d{2,4}w|\d{3,4}|\d+x|w\d{2,4}|h\d{2,4}|scaled|large|medium|small|thumb\w*|crop\w*|original)$/i, "");
  if (stem.length >= 8) ids.add("file:" + stem.toLowerCase());
  for (const m of (path + " " + query).matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|\d{6,}/gi)) ids.add("id:" + m[0].toLowerCase());
  return ids;
}

function shares(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

export function pickLeadImage(
  declared: Declared[],
  header: PageImage[],
  blocks: Block[],
  ctx: Context,
): { image: LeadImage; source: string; raw?: string; confidence: number } | undefined {
  const shown: (PageImage & { source: string; above?: boolean })[] = header.map((h) => ({ ...h, src: ctx.resolve(h.src) ?? h.src, source: "dom:img", above: true }));
  let prose = false;
  for (let i = 0; i < blocks.length && i < TOP_BLOCKS; i++) {
    const b = blocks[i];
    if (b.type === "paragraph") prose = true;
    if (b.type !== "figure") continue;
    const img = b.images.find((im) => im.src);
    if (!img?.src) continue;
    const seen = shown.find((s) => s.src === img.src);
    // The header's picture is the body's first figure: the figure knows its caption and credit.
    if (seen) {
      seen.caption ??= b.caption;
      seen.credit ??= b.credit;
    } else shown.push({ src: img.src, alt: img.alt, caption: b.caption, credit: b.credit, width: img.width, height: img.height, source: "dom:figure", above: !prose });
  }
  const declIds = declared.map((d) => imageIds(d.src));
  // A shown picture that is a rendition of a declared one: the page's lead.
  for (const s of shown) {
    const ids = imageIds(s.src);
    const k = declIds.findIndex((d) => shares(ids, d));
    if (k >= 0) {
      const d = declared[k];
      return {
        image: clean({ src: s.src, alt: s.alt ?? d.alt, caption: s.caption ?? d.caption, credit: s.credit ?? d.credit, width: s.width ?? d.width, height: s.height ?? d.height }),
        source: s.source,
        raw: d.src,
        confidence: 0.95,
      };
    }
  }
  // The page shows a picture at the top (above the text) that is none of the declared ones: social crops often differ
  // from it. A picture further down the story is not the lead when the page declares one.
  const top = shown.find((s) => s.above);
  if (top) return { image: clean({ src: top.src, alt: top.alt, caption: top.caption, credit: top.credit, width: top.width, height: top.height }), source: top.source, confidence: 0.6 };
  if (declared.length) {
    const d = declared[0];
    return { image: clean({ src: d.src, alt: d.alt, caption: d.caption, credit: d.credit, width: d.width, height: d.height }), source: d.source, raw: d.src, confidence: 0.75 };
  }
  const s = shown[0];
  if (s) return { image: clean({ src: s.src, alt: s.alt, caption: s.caption, credit: s.credit, width: s.width, height: s.height }), source: s.source, confidence: 0.5 };
  return undefined;
}

function clean(im: LeadImage): LeadImage {
  const out: LeadImage = {};
  for (const [k, v] of Object.entries(im) as [keyof LeadImage, unknown][]) if (v !== undefined && v !== "") (out as Record<string, unknown>)[k] = v;
  return out;
}
