/** Rewrites of a page into the way other pages are written: bench:perturb scores them, train-pagetype trains on them. */
/** Each rewrite, with what it stands for. */
export const REWRITES: Record<string, (h: string) => string> = {
  none: (h) => h,
  // HTML5 sectioning and figure tags did not exist in 2008: the same layout in divs.
  old: (h) => h.replace(/<(\/?)(article|main|section|header|footer|nav|aside|figure|figcaption|time|picture)\b/gi, "<$1div"),
  // No structured data: no JSON-LD, no OpenGraph or Twitter tags, no microdata.
  nometa: (h) => h.replace(/<script[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<meta[^>]+(property|name)=["']?(og:|twitter:|article:)[^>]*>/gi, "").replace(/\s(itemprop|itemtype|itemscope)(=("[^"]*"|'[^']*'|[^\s>]*))?/gi, ""),
  // No ARIA roles.
  norole: (h) => h.replace(/\srole=("[^"]*"|'[^']*'|[^\s>]*)/gi, ""),
  // A missing </head> and <body>.
  broken: (h) => h.replace(/<\/head\s*>/gi, "").replace(/<body\b[^>]*>/gi, ""),
  // Paragraphs as text runs parted by <br><br>.
  br: (h) => h.replace(/<\/p\s*>\s*<p\b[^>]*>/gi, "<br><br>").replace(/<\/?p\b[^>]*>/gi, ""),
  // <font> around every paragraph's text.
  font: (h) => h.replace(/(<p\b[^>]*>)([\s\S]*?)(<\/p>)/gi, '$1<font face="Arial" size="2">$2</font>$3'),
  // Layout tables: every <div> a one-cell table.
  tables: (h) => h.replace(/<div\b([^>]*)>/gi, "<table$1><tr><td>").replace(/<\/div\s*>/gi, "</td></tr></table>"),
  // No class or id names at all.
  noclass: (h) => h.replace(/\s(class|id)=("[^"]*"|'[^']*'|[^\s>]*)/gi, ""),
};
