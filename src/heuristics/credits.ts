/** Telling a picture credit from its caption. */

export const CAPTIONS = {
  /** A credit is a name or two and an agency; longer text under a credit class is something else. */
  maxCreditChars: 100,
  /** "Jane Doe/Getty Images via AFP" is about the longest credit. */
  maxCreditWords: 8,
} as const;

/** Class/id tokens of elements that hold a credit inside or beside a caption. */
export const CREDIT_CLASS = /(?:^|[^a-z])(?:credit|credits|copyright|photographer|image-source|img-source|source|byline|courtesy|attribution|rights)(?:$|[^a-z])/i;

/** Class/id tokens of caption elements placed beside an image rather than in <figcaption>. */
export const CAPTION_CLASS = /(?:^|[^a-z])(?:caption|figcaption|wp-caption-text|image-caption|img-caption|photo-caption|legend|media-caption|imagecaption|bildunterschrift|legende)(?:$|[^a-z])/i;

/** Where a credit starts inside a caption: "Photo: X", "Foto: X", "Credit: X", "© X". */
const CREDIT_MARKER = /(?:^|[\s.,;|(–—-])((?:photo(?:graph)?s?|pictures?|image|foto|fotos|bild|credit|credits|source|quelle|crédits?|créditos|illustration|grafik|grafica)\s*(?:by)?\s*[:©]|©|\(c\)\s)/gi;

/** Agencies and picture libraries: a short trailing segment naming one is a credit. */
const AGENCY = /\b(?:AP(?: Photo)?|AFP|Reuters|EPA(?:-EFE)?|dpa|Getty(?: Images)?|Shutterstock|Bloomberg|Xinhua|ANP|ANSA|EFE|PA(?: Wire| Images)?|Kyodo|Imago|picture alliance|Keystone|Alamy|NurPhoto|SIPA|Anadolu|Associated Press)\b/;

const LABEL = /^(?:photo(?:graph)?s?|pictures?|image|foto|fotos|bild|credit|credits|source|quelle|crédits?|créditos|illustration|grafik|grafica)\s*(?:by)?\s*:\s*/i;

/** Splits "caption. Photo: credit" into its two parts. */
export function splitCredit(text: string): { caption?: string; credit?: string } {
  const t = text.trim();
  if (!t) return {};
  let at = -1;
  for (const m of t.matchAll(CREDIT_MARKER)) at = m.index! + m[0].indexOf(m[1]);
  let caption = t;
  let credit: string | undefined;
  if (at >= 0) {
    caption = t.slice(0, at);
    credit = t.slice(at);
  } else {
    // "(Reuters)" or "| Getty Images" or "/ AFP" at the end.
    const m = /(?:\(([^()]{2,80})\)|[|/–—]\s*([^|/–—]{2,80}))\s*$/.exec(t);
    const seg = m?.[1] ?? m?.[2];
    if (m && seg && AGENCY.test(seg) && seg.split(/\s+/).length <= CAPTIONS.maxCreditWords) {
      caption = t.slice(0, m.index);
      credit = seg;
    }
  }
  caption = caption.replace(/[\s|–—(-]+$/, "").trim();
  credit = credit?.replace(LABEL, "").replace(/^[©]\s*|^\(c\)\s*/i, "").replace(/[)\s]+$/, "").trim();
  return { caption: caption || undefined, credit: credit || undefined };
}
