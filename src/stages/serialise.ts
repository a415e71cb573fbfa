/**
 * Last stage, serialise: the block tree → plain text, Markdown and clean HTML.
 * All three are printers of the same blocks, so they can never disagree.
 */
import type { Block, Inline, ListBlock } from "../article.ts";
import { safeUrl } from "../urls.ts";

export interface Serialised {
  text: string;
  markdown: string;
  html: string;
}

export function serialise(blocks: Block[]): Serialised {
  return { text: toText(blocks), markdown: toMarkdown(blocks), html: toHtml(blocks) };
}

// ---- plain text -----------------------------------------------------------

/** Body text: one block per paragraph, blank line between; figures (captions) left out. */
export function toText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    const t = blockText(b);
    if (t) out.push(t);
  }
  return out.join("\n\n");
}

function blockText(b: Block): string {
  switch (b.type) {
    case "paragraph":
    case "heading":
    case "code":
      return b.text;
    case "quote":
      // Who said it, as the page prints it under the quote (and as Markdown and HTML give it).
      return b.cite ? `${b.text}\n— ${b.cite}` : b.text;
    case "list":
      return listText(b, 0);
    case "table":
      return b.rows.map((r) => r.join("\t")).join("\n");
    case "figure":
      return "";
  }
}

function listText(list: ListBlock, depth: number): string {
  const lines: string[] = [];
  for (const it of list.items) {
    if (it.text) lines.push("  ".repeat(depth) + it.text);
    if (it.list) lines.push(listText(it.list, depth + 1));
  }
  return lines.join("\n");
}

// ---- Markdown -------------------------------------------------------------

const MD_SPECIAL = /([\\`*_[\]<>#|])/g;

function mdEscape(s: string): string {
  let r = s.replace(MD_SPECIAL, "\\$1");
  // A line start that Markdown would read as a list or heading.
  r = r.replace(/^(\s*)([-+]\s|\d+[.)]\s|=+\s*$|-+\s*$)/, "$1\\$2");
  return r;
}

function mdInline(nodes: Inline[]): string {
  let out = "";
  for (const n of nodes) {
    if (typeof n === "string") out += mdEscape(n);
    else if (n.kind === "br") out += "  \n";
    else if (n.kind === "link") {
      // A link whose URL may not leave the engine prints as its text (the blocks never hold one, but callers build blocks too).
      const href = safeUrl(n.href);
      out += href ? `[${mdInline(n.children)}](${mdDestination(href)})` : mdInline(n.children);
    }
    else if (n.kind === "strong") out += wrapMd("**", mdInline(n.children));
    else if (n.kind === "em") out += wrapMd("_", mdInline(n.children));
    else if (n.kind === "code") out += "`" + plain(n.children).replace(/`/g, "\u02cb") + "`";
    else out += mdInline(n.children);
  }
  return out;
}

/**
 * A Markdown link destination that ends where it should (CommonMark 6.3): every byte that could end it early or
 * change its reading (ASCII space and controls, parentheses, angle brackets, a backslash that would escape the
 * closing parenthesis) is percent-encoded, as are other whitespace characters; an "&" that would start an entity
 * reference is backslash-escaped. No title is ever printed (so there is none to escape).
 */
export function mdDestination(url: string): string {
  return (
    url
      .replace(/[\u0000-\u0020\u007f()<>\\]|\s/gu, (c) =>
        Array.from(Buffer.from(c, "utf8"), (b) => "%" + b.toString(16).toUpperCase().padStart(2, "0")).join(""),
      )
      // CommonMark decodes entity references in destinations: an "&" that starts one is escaped, and stays an "&".
      .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&")
  );
}

function wrapMd(mark: string, s: string): string {
  const t = s.trim();
  if (!t) return s;
  const lead = s.slice(0, s.indexOf(t[0]));
  const trail = s.slice(lead.length + t.length);
  return lead + mark + t + mark + trail;
}

/** The plain text of inline nodes, "\n" for <br>. */
export function plain(nodes: Inline[]): string {
  let out = "";
  for (const n of nodes) {
    if (typeof n === "string") out += n;
    else if (n.kind === "br") out += "\n";
    else out += plain(n.children);
  }
  return out;
}

export function toMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    const md = blockMarkdown(b);
    if (md) out.push(md);
  }
  return out.join("\n\n") + (out.length ? "\n" : "");
}

function blockMarkdown(b: Block): string {
  switch (b.type) {
    case "paragraph":
      return b.inline ? mdInline(b.inline).trim() : mdEscape(b.text);
    case "heading":
      return "#".repeat(Math.min(Math.max(b.level, 1), 6)) + " " + mdEscape(b.text);
    case "quote":
      return b.text
        .split("\n")
        .map((l) => "> " + mdEscape(l))
        .join("\n") + (b.cite ? `\n>\n> — ${mdEscape(b.cite)}` : "");
    case "code": {
      const fence = b.text.includes("```") ? "~~~" : "```";
      return fence + (b.lang ?? "") + "\n" + b.text + "\n" + fence;
    }
    case "list":
      return listMarkdown(b, 0);
    case "table":
      return tableMarkdown(b.rows, b.header === true);
    case "figure": {
      const lines = b.images
        .filter((i) => i.src)
        .flatMap((i) => {
          const src = safeUrl(i.src, undefined, "image");
          return src ? [`![${mdEscape((i.alt ?? "").replace(/\s+/g, " ").trim())}](${mdDestination(src)})`] : [];
        });
      const cap = [b.caption, b.credit].filter(Boolean).join(" ");
      if (cap) lines.push("_" + mdEscape(cap) + "_");
      return lines.join("\n");
    }
  }
}

function listMarkdown(list: ListBlock, depth: number): string {
  const lines: string[] = [];
  list.items.forEach((it, i) => {
    const marker = list.ordered ? `${i + 1}.` : "-";
    const indent = "   ".repeat(depth);
    const body = it.inline ? mdInline(it.inline).trim() : mdEscape(it.text);
    lines.push(indent + marker + " " + body.replace(/\n/g, "\n" + indent + "   "));
    if (it.list) lines.push(listMarkdown(it.list, depth + 1));
  });
  return lines.join("\n");
}

function tableMarkdown(rows: string[][], header: boolean): string {
  if (!rows.length) return "";
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  const cell = (s: string) => mdEscape(s).replace(/\n/g, " ");
  const line = (r: string[]) => "| " + Array.from({ length: width }, (_, i) => cell(r[i] ?? "")).join(" | ") + " |";
  const head = header ? rows[0] : Array.from({ length: width }, () => "");
  const body = header ? rows.slice(1) : rows;
  return [line(head), "|" + " --- |".repeat(width), ...body.map(line)].join("\n");
}

// ---- HTML -----------------------------------------------------------------

/** Built once: the replacer made this table anew for every character it escaped. */
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}


function htmlInline(nodes: Inline[]): string {
  let out = "";
  for (const n of nodes) {
    if (typeof n === "string") out += escapeHtml(n);
    else if (n.kind === "br") out += "<br>";
    else if (n.kind === "link") {
      const href = safeUrl(n.href);
      out += href ? `<a href="${escapeHtml(href)}">${htmlInline(n.children)}</a>` : htmlInline(n.children);
    } else out += `<${n.kind}>${htmlInline(n.children)}</${n.kind}>`;
  }
  return out;
}

export function toHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).filter(Boolean).join("\n");
}

function blockHtml(b: Block): string {
  switch (b.type) {
    case "paragraph":
      return `<p>${b.inline ? htmlInline(b.inline) : escapeHtml(b.text)}</p>`;
    case "heading": {
      const l = Math.min(Math.max(b.level, 1), 6);
      return `<h${l}>${escapeHtml(b.text)}</h${l}>`;
    }
    case "quote":
      return `<blockquote><p>${escapeHtml(b.text).replace(/\n/g, "<br>")}</p>${b.cite ? `<cite>${escapeHtml(b.cite)}</cite>` : ""}</blockquote>`;
    case "code":
      return `<pre><code${b.lang ? ` class="language-${escapeHtml(b.lang)}"` : ""}>${escapeHtml(b.text)}</code></pre>`;
    case "list":
      return listHtml(b);
    case "table": {
      const rows = b.rows.map((r, i) => {
        const tag = b.header && i === 0 ? "th" : "td";
        return "<tr>" + r.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join("") + "</tr>";
      });
      return `<table>${b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : ""}${rows.join("")}</table>`;
    }
    case "figure": {
      const imgs = b.images
        .map((i) => {
          const src = safeUrl(i.src, undefined, "image");
          return src ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(i.alt ?? "")}"${i.width ? ` width="${i.width}"` : ""}${i.height ? ` height="${i.height}"` : ""}>` : "";
        })
        .join("");
      const cap = b.caption || b.credit ? `<figcaption>${escapeHtml(b.caption ?? "")}${b.credit ? `${b.caption ? " " : ""}<small>${escapeHtml(b.credit)}</small>` : ""}</figcaption>` : "";
      return imgs || cap ? `<figure>${imgs}${cap}</figure>` : "";
    }
  }
}

function listHtml(list: ListBlock): string {
  const tag = list.ordered ? "ol" : "ul";
  const items = list.items.map((it) => `<li>${it.inline ? htmlInline(it.inline) : escapeHtml(it.text)}${it.list ? listHtml(it.list) : ""}</li>`);
  return `<${tag}>${items.join("")}</${tag}>`;
}
