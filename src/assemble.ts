/** The last step of both pipelines (HTML and text): metadata, blocks and printed outputs become one Article. */
import { SCHEMA_VERSION, type Article, type Block } from "./article.ts";
import type { Context } from "./context.ts";
import type { Metadata } from "./metadata/index.ts";
import { countWords, READING } from "./heuristics/words.ts";

export function assemble(meta: Metadata, blocks: Block[], out: { text: string; markdown: string; html: string }, ctx: Context): Article {
  const { articleBody: _body, ...fields } = meta;
  void _body;
  const wordCount = countWords(out.text);
  return {
    schemaVersion: SCHEMA_VERSION,
    ...fields,
    url: fields.url ?? ctx.url,
    authors: fields.authors ?? [],
    wordCount,
    readingTimeMinutes: wordCount ? Math.max(1, Math.round(wordCount / READING.wordsPerMinute)) : 0,
    text: out.text,
    markdown: out.markdown,
    html: out.html,
    blocks,
    evidence: fields.evidence ?? {},
  };
}

