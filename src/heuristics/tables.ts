/**
 * Numeric knobs of the engine, each with why it has its value and where it
 * was tuned. Stage code reads these, never bare numbers.
 */

export const DECODE = {
  /** Largest page accepted by default: real news pages are < 5 MB; beyond 32 MiB it is not a page. */
  maxBytes: 32 * 1024 * 1024,
  /** This many runs only double encoding makes ("â€™", "Ã©") before a page is checked for it: one could be a quote of mojibake. */
  minDoubled: 3,
  /** jschardet is slow on whole pages; 64 KB is plenty to tell encodings apart. */
  detectSampleBytes: 64 * 1024,
  /** Below this jschardet guesses at random; on page text (markup stripped) real pages score 0.3–0.99. */
  minDetectConfidence: 0.3,
  /** Pages with big inline scripts put <meta charset> past the 1024-byte prescan. */
  lateMetaBytes: 16 * 1024,
  /** Enough of the start of a file to tell text from binary. */
  binarySampleBytes: 4096,
  /** Text has almost no control characters; binary formats are full of them. */
  maxControlShare: 0.05,
} as const;

export const PARSE = {
  /** Deeper trees are flattened: real pages stay under ~60 levels; recursion must stay bounded. */
  maxDepth: 400,
  /** Open elements the parser tracks; deeper opening tags are ignored (their text is kept) so parsing stays linear. */
  maxOpenElements: 2000,
  /** Deferred UTF-8 is fed to the parser in strings of this many bytes: V8 allocates strings over 128 KB one by one
   *  in large-object space, which made a whole page's string cost 25× a memcpy. */
  chunkBytes: 64 * 1024,
  /** Pages of broken structure longer than this keep htmlparser2's tree: parse5 reads ~N MB/s (see README). */
  maxRebuildChars: 8 * 1024 * 1024,
  /** A "<![CDATA[" comment this long, holding tags, swallowed part of the page (a real one in a body is a line of data). */
  minSwallowedChars: 2000,
  /** parse5 may make this many elements, plus `rebuildElementFactor` per start tag htmlparser2 saw, before the
   *  rebuild is abandoned (misnested formatting elements can multiply them quadratically). */
  rebuildElementBase: 10_000,
  rebuildElementFactor: 3,
  /** The <title> a left-open title is looked for within. */
  titleSearchChars: 256 * 1024,
} as const;
