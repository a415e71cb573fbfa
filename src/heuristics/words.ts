/** Word counting that also works for scripts without spaces (CJK, Thai). */

export const READING = {
  /** Typical adult silent reading speed for news prose. */
  wordsPerMinute: 230,
} as const;

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;

export function countWords(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = cjk ? text.replace(CJK, " ") : text;
  // Two CJK characters read about as long as one word.
  return (rest.match(WORD)?.length ?? 0) + Math.ceil(cjk / 2);
}
