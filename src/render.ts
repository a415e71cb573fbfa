/** Whole-article renderings for the CLI, batch files and the API. */
import type { Article } from "./article.ts";
import { escapeHtml } from "./stages/serialise.ts";

export type Format = "json" | "jsonl" | "md" | "text" | "html";
export const FORMATS: readonly Format[] = ["json", "jsonl", "md", "text", "html"];

/** Other names a user may type for a format (batch used to call text "txt"; "markdown" is md). */
const ALIASES: Record<string, Format> = { txt: "text", markdown: "md" };

/** The canonical format for a name typed by a user, or undefined. */
export function formatOf(name: string): Format | undefined {
  const n = name.trim().toLowerCase();
  return (FORMATS as readonly string[]).includes(n) ? (n as Format) : ALIASES[n];
}

export function render(article: Article, format: Format): string {
  switch (format) {
    case "json":
      return JSON.stringify(article, null, 2) + "\n";
    case "jsonl":
      return JSON.stringify(article) + "\n";
    case "md":
      return renderMarkdown(article);
    case "text":
      return [article.title, article.text].filter(Boolean).join("\n\n") + "\n";
    case "html":
      return renderHtml(article);
  }
}

/** YAML front matter value: always a double-quoted JSON string, which YAML reads as-is. */
function yamlValue(v: string): string {
  return JSON.stringify(v);
}

export function frontMatter(a: Article): string {
  const lines = ["---"];
  if (a.title) lines.push(`title: ${yamlValue(a.title)}`);
  if (a.authors.length) lines.push("authors:", ...a.authors.map((x) => `  - ${yamlValue(x.name)}`));
  if (a.published) lines.push(`published: ${yamlValue(a.published)}`);
  if (a.modified) lines.push(`modified: ${yamlValue(a.modified)}`);
  if (a.url) lines.push(`url: ${yamlValue(a.url)}`);
  if (a.siteName) lines.push(`site: ${yamlValue(a.siteName)}`);
  if (a.lang) lines.push(`lang: ${yamlValue(a.lang)}`);
  lines.push("---", "");
  return lines.join("\n");
}

export function renderMarkdown(a: Article): string {
  const head: string[] = [];
  if (a.title) head.push(`# ${a.title}`);
  if (a.standfirst) head.push(`_${a.standfirst}_`);
  if (a.keyPoints?.length) head.push(a.keyPoints.map((k) => `- ${k}`).join("\n"));
  return frontMatter(a) + [...head, a.markdown.trimEnd()].filter(Boolean).join("\n\n") + "\n";
}

export function renderHtml(a: Article): string {
  const t = escapeHtml(a.title ?? "");
  const byline = a.authors.length ? `<p class="byline">${escapeHtml(a.authors.map((x) => x.name).join(", "))}</p>` : "";
  const date = a.published ? `<p class="date"><time datetime="${escapeHtml(a.published)}">${escapeHtml(a.published)}</time></p>` : "";
  const kp = a.keyPoints?.length ? `<ul class="key-points">${a.keyPoints.map((k) => `<li>${escapeHtml(k)}</li>`).join("")}</ul>` : "";
  return `<!doctype html>
<html${a.lang ? ` lang="${escapeHtml(a.lang)}"` : ""}><head><meta charset="utf-8"><title>${t}</title></head>
<body><article>
<h1>${t}</h1>
${a.standfirst ? `<p class="standfirst">${escapeHtml(a.standfirst)}</p>` : ""}${kp}${byline}${date}
${a.html}
</article></body></html>
`;
}
