/** Telling a picture credit from its caption. */

export const CAPTIONS = {
  /** A credit is a name or two and an agency; longer text under a credit class is something else. */
  maxCreditChars: 100,
} as const;

/** Class/id tokens of elements that hold a credit inside or beside a caption. */
export const CREDIT_CLASS = /(?:^|[^a-z])(?:credit|credits|copyright|photographer|image-source|img-source|source|byline|courtesy|attribution|rights)(?:$|[^a-z])/i;

/** Class/id tokens of caption elements placed beside an image rather than in <figcaption>. */
export const CAPTION_CLASS = /(?:^|[^a-z])(?:caption|figcaption|wp-caption-text|image-caption|img-caption|photo-caption|legend|media-caption|imagecaption|bildunterschrift|legende)(?:$|[^a-z])/i;

/**
 * A credit written at the end of a caption: "Photo: X", "(Reuters)", "© X",
 * "Foto: X", "Getty Images". Group 1 is the caption, group 2 the credit.
 */
export const TRAILING_CREDIT = /^(.*?)[\s.,;|–—-]*((?:\(?(?:photo(?:graph)?s?|pictures?|image|picture|foto|fotos|bild|photo ?credit|credit|source|quelle|crédit|crédits|créditos|illustration|video|grafik|grafica)\s*(?:by)?\s*[:©]\s*[^]*?\)?)|(?:©\s*[^]+)|(?:\((?:AP|AFP|Reuters|EPA|dpa|Getty(?: Images)?|Shutterstock|Bloomberg|Xinhua|ANP|ANSA|EFE|PA|Kyodo)[^)]*\))|(?:(?:[A-Z][\w.'-]+ )*(?:\/\s*)?(?:Getty Images|Shutterstock|AFP via Getty Images|Reuters|Associated Press|AP Photo|EPA-EFE|picture alliance)[^.]*))\s*$/;

/** Splits "caption. Photo: credit" into its two parts. */
export function splitCredit(text: string): { caption?: string; credit?: string } {
  const t = text.trim();
  if (!t) return {};
  const m = TRAILING_CREDIT.exec(t);
  if (!m || !m[2]) return { caption: t };
  const caption = m[1].trim().replace(/[\s|–—-]+$/, "");
  let credit = m[2].trim().replace(/^\(|\)$/g, "");
  credit = credit.replace(/^(?:photo(?:graph)?s?|pictures?|image|picture|foto|fotos|bild|photo ?credit|credit|source|quelle|crédits?|créditos|illustration|video|grafik|grafica)\s*(?:by)?\s*:\s*/i, "").trim();
  return { caption: caption || undefined, credit: credit || undefined };
}
