/**
 * Stage 7, rescue: when the HTML body came out empty or far shorter than the
 * article text the page also carries as data (JSON-LD `articleBody`,
 * hydration JSON such as `__NEXT_DATA__`), the data wins. Each rescue is a
 * named step that records why it ran.
 */
import type { Block } from "../article.ts";
import type { Context } from "../context.ts";
import type { Cleaned } from "./clean.ts";
import type { Structured } from "./structure.ts";
import type { Metadata } from "../metadata/index.ts";
import { clean, parseLooseJson, SCRIPT_STATE } from "./clean.ts";
import { longestArticleBody } from "../metadata/jsonld.ts";
import { structureNodes } from "./structure.ts";
import type { PageKind } from "./classify.ts";
import { POLICY } from "../heuristics/pagetypes.ts";
import { parse } from "./parse.ts";
import { utf8Text } from "./decode.ts";
import { countWords } from "../heuristics/words.ts";
import { RESCUE, PRUNE } from "../heuristics/weights.ts";
import { FURNITURE_SHAPES, FURNITURE_TEXTS } from "../heuristics/boilerplate.ts";

export function rescue(structured: Structured, cleaned: Cleaned, meta: Metadata, ctx: Context, kind?: PageKind): Structured {
  // A body of enough words needs no rescue: its words are counted only that far.
  const have = countWords(bodyText(structured.blocks), RESCUE.enoughWords);
  if (have >= RESCUE.enoughWords) return structured;
  // A page of many short units (a grid, a list, a company page) is short by nature, and its data holds a whole
  // catalogue: its data wins only over an empty page.
  if (kind && POLICY[kind.type].region && have >= RESCUE.minWords) return structured;
  const candidates: { stage: string; blocks: () => Block[]; words: number }[] = [];

  const ld = meta.articleBody ?? longestArticleBody(cleaned.jsonld);
  if (ld) candidates.push({ stage: "rescue:jsonld", blocks: () => textBlocks(ld, ctx), words: countWords(ld) });
  for (const h of cleaned.hydration) {
    const sliced = h.name === SCRIPT_STATE ? stateObject(h.json) : h.json;
    const json = sliced && h.bytes ? utf8Text(sliced) : sliced;
    const found = json && hydrationBody(json);
    if (found) candidates.push({ stage: `rescue:hydration(${h.name})`, blocks: () => textBlocks(found, ctx), words: countWords(stripTags(found)) });
  }
  let best: (typeof candidates)[number] | undefined;
  for (const c of candidates) if (!best || c.words > best.words) best = c;
  if (!best || best.words < RESCUE.minWords || best.words <= have * RESCUE.shorterThan) return structured;
  const blocks = best.blocks().filter((b) => !(b.type === "paragraph" && furnitureLine(b.text, ctx)));
  if (!blocks.length) return structured;
  ctx.rescued(best.stage, have ? `the HTML body has ${have} words, the page's data ${best.words}` : `the HTML body is empty; the page's data has ${best.words} words`);
  // Keep the pictures found in the HTML: data bodies rarely carry them.
  const figures = structured.blocks.filter((b) => b.type === "figure");
  return { ...structured, blocks: [...figures, ...blocks] };
}

/** A script's state object worth reading names an article body. */
const STATE_BODY_KEY = /"(?:articleBody|contentHtml|bodyHtml|body_html|content_html|storyBody|content_elements)"\s*:/;

/** The object literal a script hands its state in ("window.x.push({...})"), when it names a body. */
function stateObject(code: string): string | undefined {
  if (!STATE_BODY_KEY.test(code)) return undefined;
  const from = code.indexOf('{"');
  const to = code.lastIndexOf("}");
  return from >= 0 && to > from ? code.slice(from, to + 1) : undefined;
}

/** Data bodies skip prune: their lines that are furniture by text or shape (ad placeholders, labels) go here. */
function furnitureLine(text: string, ctx: Context): boolean {
  if (text.length > PRUNE.shortTextChars) return false;
  const rule = FURNITURE_TEXTS.test(text) ? "furniture-text" : FURNITURE_SHAPES.find((x) => x.test.test(text))?.rule;
  if (rule) ctx.removed("rescue", rule, "a furniture line in the page's data body", () => text);
  return rule !== undefined;
}

function bodyText(blocks: Block[]): string {
  let s = "";
  for (const b of blocks) if ("text" in b) s += b.text + " ";
  else if (b.type === "list") s += b.items.map((i) => i.text).join(" ") + " ";
  return s;
}

/** Keys under which hydration JSON keeps an article's body. */
const BODY_KEYS = /^(?:articleBody|body|bodyHtml|body_html|bodyText|content|contentHtml|content_html|html|text|story|storyBody|fullText)$/i;
/** Element lists of structured bodies (Arc's content_elements, Gutenberg-like blocks). */
const ELEMENT_LIST_KEYS = /^(?:content_elements|contentElements|blocks|body|elements|paragraphs|components)$/i;

/** The longest article body found in one hydration JSON document. */
export function hydrationBody(json: string): string | undefined {
  if (json.length > RESCUE.maxHydrationBytes) return undefined;
  const data = parseLooseJson(json);
  if (data === undefined) return undefined;
  let best = "";
  const consider = (s: string) => {
    if (s.length > best.length) best = s;
  };
  const visit = (v: unknown, key: string, depth: number): void => {
    if (depth > RESCUE.maxJsonDepth || v === null) return;
    if (typeof v === "string") {
      if (BODY_KEYS.test(key) && v.length >= RESCUE.minHydrationChars) consider(v);
      return;
    }
    if (typeof v !== "object") return;
    if (Array.isArray(v)) {
      if (ELEMENT_LIST_KEYS.test(key)) {
        const joined = joinElements(v);
        if (joined) consider(joined);
      }
      const posts = joinPosts(v);
      if (posts) consider(posts);
      for (const x of v) visit(x, key, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) visit(x, k, depth + 1);
  };
  visit(data, "", 0);
  return best || undefined;
}

/** An HTML fragment as data keeps it: a string that starts with a block tag. */
const HTML_FRAGMENT = /^\s*<(?:p|div|h[1-6]|ul|ol|blockquote|pre|aside|table)\b/i;

/**
 * A list of objects each carrying an HTML fragment (a thread's posts, each with its rendered body): all of them,
 * in order, each after its writer's name when the object gives one.
 */
function joinPosts(list: unknown[]): string | undefined {
  const parts: string[] = [];
  for (const e of list) {
    if (!e || typeof e !== "object" || Array.isArray(e)) continue;
    const o = e as Record<string, unknown>;
    let html: string | undefined;
    for (const k in o) {
      const x = o[k];
      if (typeof x === "string" && x.length >= RESCUE.minPostChars && HTML_FRAGMENT.test(x)) {
        html = x;
        break;
      }
    }
    if (!html) continue;
    const who = [o.username, o.name, o.author].find((x): x is string => typeof x === "string" && x.length <= 60);
    parts.push(who ? `<p>${escapeHtml(who)}</p>${html}` : html);
  }
  return parts.length >= RESCUE.minPosts ? parts.join("\n") : undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** [{type: "text", content: "..."}, ...] → "<p>...</p>..." */
function joinElements(list: unknown[]): string | undefined {
  const parts: string[] = [];
  for (const e of list) {
    if (!e || typeof e !== "object") continue;
    const o = e as Record<string, unknown>;
    const type = String(o.type ?? o._type ?? o.kind ?? "").toLowerCase();
    const items = Array.isArray(o.items) ? o.items : Array.isArray(o.children) ? o.children : undefined;
    if (items && /^(?:list|ul|ol|unordered_list|ordered_list|bullet_list|numbered_list)$/.test(type)) {
      const lis = items
        .map((it) => (typeof it === "string" ? it : it && typeof it === "object" ? [(it as Record<string, unknown>).content, (it as Record<string, unknown>).text, (it as Record<string, unknown>).html].find((x) => typeof x === "string") : undefined))
        .filter((x): x is string => typeof x === "string" && x.trim() !== "");
      const tag = o.ordered === true || type === "ol" || type.startsWith("ordered") || type.startsWith("numbered") ? "ol" : "ul";
      if (lis.length) parts.push(`<${tag}>${lis.map((li) => `<li>${li}</li>`).join("")}</${tag}>`);
      continue;
    }
    const text = [o.content, o.text, o.html, o.value].find((x): x is string => typeof x === "string");
    if (!text) continue;
    if (/^(?:header|heading|subheading|h[2-6])$/.test(type)) parts.push(`<h2>${text}</h2>`);
    else if (/^(?:quote|blockquote|pullquote)$/.test(type)) parts.push(`<blockquote>${text}</blockquote>`);
    else if (/^(?:text|paragraph|p|raw_html|html)$/.test(type)) parts.push(/^\s*</.test(text) ? text : `<p>${text}</p>`);
  }
  return parts.length >= RESCUE.minElements ? parts.join("\n") : undefined;
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, " ");
}

/** Article text from data: HTML is parsed into blocks; plain text splits on line breaks. */
function textBlocks(body: string, ctx: Context): Block[] {
  if (/<(?:p|div|h[1-6]|ul|ol|blockquote|br)\b[^>]*>/i.test(body)) {
    const { doc } = clean(parse(body), ctx);
    return structureNodes(doc, ctx);
  }
  return body
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((text) => ({ type: "paragraph", text }));
}
