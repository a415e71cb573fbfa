/** Telling a picture credit from its caption. */
import type { ChildNode, Element } from "domhandler";
import { classId, cleanText, isElement, isText, collapseSpace } from "../dom.ts";

export const CAPTIONS = {
  /** A credit is a name or two and an agency; longer text under a credit class is something else. */
  maxCreditChars: 100,
  /** "Jane Doe/Getty Images via AFP" is about the longest credit. */
  maxCreditWords: 8,
  /** A parenthesised name shorter than this ("(R)", "(L)") is a side or a party, not a credit. */
  minNameCreditChars: 4,
  /** A figure's loose text (no caption element) longer than this is not a caption. */
  maxLooseChars: 400,
  /** Alt texts shorter than this ("Image", "Photo") say nothing: a paragraph repeating one is not a caption. */
  minAltChars: 15,
} as const;

/** Class/id tokens of elements that hold a credit inside or beside a caption. */
export const CREDIT_CLASS = /(?:^|[^a-z])(?:credit|credits|copyright|photographer|image-source|img-source|source|byline|courtesy|attribution|rights|mediarights|media-rights|image-rights|imagerights|bildrechte|bildquelle)(?:$|[^a-z])/i;

/** Inside a caption, these names also mark the credit part: the picture's "author", its "distributor" or "agency". */
export const CAPTION_CREDIT_CLASS = new RegExp(`${CREDIT_CLASS.source}|(?:^|[^a-z])(?:author|distributor|agency|photo-by|fotograf)(?:$|[^a-z])`, "i");

/** Class/id tokens of caption elements placed beside an image rather than in <figcaption>. */
export const CAPTION_CLASS = /(?:^|[^a-z])(?:caption|figcaption|wp-caption-text|image-caption|img-caption|photo-caption|legend|media-caption|imagecaption|bildunterschrift|legende|mediainfo|media-info|mediasubtitle|media-subtitle|infotext|image-info|imageinfo|image-description|img-info|photo-info|bildtext)(?:$|[^a-z])/i;

/** Where a credit starts inside a caption: "Photo: X", "Foto: X", "Credit: X", "© X". */
const CREDIT_MARKER = /(?:^|[\s.,;|(–—-])((?:photo(?:graph)?s?|pictures?|image|foto|fotos|bild|bildrechte|bildquelle|credit|credits|source|quelle|crédits?|créditos|illustration|grafik|grafica|ảnh|isithombe|zdjęcie|fotó|kuva|nuotr\.?)\s*(?:by)?\s*[:©]|credit(?:\.{3}|…)|©|\(c\)\s)/gi;

/** Agencies and picture libraries: a short trailing segment naming one is a credit. */
const AGENCY = /\b(?:AP(?: Photo)?|AAP|AFP|Reuters|EPA(?:-EFE)?|dpa|Getty(?: Images)?|Shutterstock|Bloomberg|Xinhua|ANP|ANSA|EFE|PA(?: Wire| Images)?|Kyodo|Imago|picture alliance|Keystone|Alamy|NurPhoto|SIPA|Anadolu|Associated Press)\b/;

/** A label some sites print before the caption itself ("Legende: ..."). */
const CAPTION_LABEL = /^(?:legende|légende|caption|bildunterschrift|bildtext|pie de foto)\s*:\s*/i;

/** A bare credit in parentheses: one to five capitalised words or initials ("(Nine)", "(Edu Luque)", "(AP Photo/Evan Vucci)"). */
const NAME_CREDIT = /^[\p{Lu}][\p{L}.'’&-]*(?:[\s/]+[\p{Lu}][\p{L}.'’&-]*){0,4}$/u;

const LABEL = /^(?:(?:photo(?:graph)?s?|pictures?|image|foto|fotos|bild|bildrechte|bildquelle|credit|credits|source|quelle|crédits?|créditos|illustration|grafik|grafica|ảnh|isithombe|zdjęcie|fotó|kuva|nuotr\.?)\s*(?:by)?\s*:\s*|credit(?:\.{3}|…)\s*)/i;

/** A credit that ends with the word for photo, after the photographer ("J. Name / LRT nuotr.", "Name / Agency foto"). */
const TRAILING_PHOTO_WORD = /\s(?:nuotr\.?|foto|photo|fotó|kuva|zdjęcie)\s*$/i;

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
  } else if (TRAILING_PHOTO_WORD.test(t) && / \/ /.test(t)) {
    // "Caption / J. Name / LRT nuotr.": the credit runs from the first slash to the photo word ending it.
    const i = t.indexOf(" / ");
    caption = t.slice(0, i);
    credit = t.slice(i + 3);
  } else if (CJK_CREDIT.test(t)) {
    // "... 하고 있다. 뉴스1", "... 있다. 고영권 기자", "...（ソウルで、３日）＝ＡＰ": the credit after the last sentence or a full-width "＝".
    const m = CJK_CREDIT.exec(t)!;
    caption = t.slice(0, m.index + (m[1] ? 1 : 0));
    credit = (m[1] ?? m[2] ?? m[3]).replace(/^\[?사진\s*(?:출처)?\s*=\s*/u, "").replace(/\]$/, "");
  } else {
    // "(Reuters)" or "| Getty Images" or "/ AFP" at the end.
    const m = /(?:\(([^()]{2,80})\)|[|/–—]\s*([^|/–—]{2,80}))\s*$/.exec(t);
    const seg = m?.[1] ?? m?.[2];
    const paren = m?.[1] !== undefined;
    if (m && seg && seg.split(/\s+/).length <= CAPTIONS.maxCreditWords && (AGENCY.test(seg) || (paren && seg.length >= CAPTIONS.minNameCreditChars && NAME_CREDIT.test(seg.trim())))) {
      caption = t.slice(0, m.index);
      credit = seg;
    }
  }
  caption = caption.replace(/[\s|–—(-]+$/, "").replace(CAPTION_LABEL, "").trim();
  credit = credit?.replace(LABEL, "").replace(/^[©]\s*|^\(c\)\s*/i, "").replace(/[)\s]+$/, "").trim();
  return { caption: caption || undefined, credit: credit || undefined };
}

/**
 * A credit closing a Korean or Japanese caption: after the last full stop a news agency (뉴스1, 연합뉴스, 뉴시스...),
 * a reporter ("고영권 기자") or a photo source ("[사진 출처 = ...]", "사진=..."); or after a full-width "＝" ("＝ＡＰ").
 */
const CJK_CREDIT = /(?:[.。]\s*((?:뉴스1|연합뉴스|뉴시스|News1|Newsis|AP|AFP|EPA|로이터|신화|[\p{Script=Hangul}]{2,4}\s?기자|[\p{Script=Hangul}]{2,4}\s?특파원|\[?사진\s*(?:출처)?\s*=\s*[^\]]{1,40}\]?)(?:\s*(?:제공|DB))?)|＝((?:ＡＰ|AP|ＡＦＰ|AFP|ＥＰＡ|EPA|ロイター|共同|時事|新華社|聯合|[^＝、。\n]{1,12}撮影))|（([^（）\n]{1,20}撮影)）)\s*$/u;

/** A label left at the end of a caption whose credit sat in its own element ("... Foto:"). */
const TRAILING_LABEL = /[\s|(–—-]*(?:photo(?:graph)?s?|pictures?|image|foto|fotos|bild|credit|credits|source|quelle|crédits?|créditos)\s*(?:by)?\s*:?\s*$/i;

export function cleanCredit(s: string): string | undefined {
  return collapseSpace(s).trim().replace(LABEL, "").replace(/^[©]\s*|^\(c\)\s*/i, "").replace(/^\((.*)\)$/, "$1").trim() || undefined;
}

/**
 * Caption text and credit of a caption element. The credit is, in order:
 * children named as credits (and whatever follows them: "Photo by X / AP"),
 * a short last child set apart from a longer caption child, or a trailing
 * credit pattern in the text.
 */
export function captionParts(el: Element): { caption?: string; credit?: string } {
  const rest: string[] = [];
  const credit: string[] = [];
  let inCredit = false;
  const visit = (n: ChildNode): void => {
    if (isText(n)) {
      (inCredit ? credit : rest).push(n.data);
      return;
    }
    if (!isElement(n)) return;
    if (n !== el && CAPTION_CREDIT_CLASS.test(classId(n)) && cleanText(n).length <= CAPTIONS.maxCreditChars) {
      credit.push(" ", cleanText(n), " ");
      // Text after a credit element belongs to it only when a caption came first.
      inCredit = rest.join("").trim().length > 0;
      return;
    }
    if (n.name === "br") (inCredit ? credit : rest).push(" ");
    for (const c of n.children) visit(c);
  };
  visit(el);
  const text = collapseSpace(rest.join("")).trim().replace(CAPTION_LABEL, "");
  if (credit.length) {
    const caption = text.replace(TRAILING_LABEL, "").trim();
    return { caption: caption || undefined, credit: cleanCredit(credit.join("")) };
  }
  const apart = lastChildCredit(el);
  if (apart) return apart;
  return splitCredit(text);
}

/** "<span>A caption.</span><span>Jane Doe/Agency</span>": a short unpunctuated last child after a longer one. */
function lastChildCredit(el: Element): { caption?: string; credit?: string } | undefined {
  let box = el;
  for (;;) {
    const kids = box.children.filter((c) => isElement(c) || (isText(c) && c.data.trim()));
    if (kids.length === 1 && isElement(kids[0])) box = kids[0];
    else break;
  }
  const kids = box.children.filter((c) => isElement(c) || (isText(c) && c.data.trim()));
  if (kids.length < 2 || !kids.every(isElement)) return undefined;
  const last = kids[kids.length - 1] as Element;
  const tail = cleanText(last);
  const head = collapseSpace(kids.slice(0, -1).map((k) => cleanText(k)).join(" ")).trim();
  if (!tail || !head || tail.length >= head.length || tail.length > CAPTIONS.maxCreditChars) return undefined;
  if (tail.split(/\s+/).length > CAPTIONS.maxCreditWords || /[.!?…:]$/.test(tail)) return undefined;
  return { caption: head.replace(CAPTION_LABEL, "") || undefined, credit: cleanCredit(tail) };
}

/** Class/id words of picture galleries and carousels: each slide is a picture with its caption. */
export const GALLERY_CLASS = /(?:^|[^a-z])(?:carousel|gallery|slideshow|slider|swiper|photo-?strip|bildergalerie|diaporama)(?:$|[^a-z])/i;

/** "2 of 12", "3 / 10": a slide counter printed before a gallery caption. */
export const SLIDE_COUNTER = /^\s*\d{1,3}\s*(?:of|\/|von|de|di|sur|av|van|z)\s*\d{1,3}\s*[|·•–—-]?\s*/i;
