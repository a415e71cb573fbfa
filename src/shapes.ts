/**
 * Hidden classes kept alive between pages.
 *
 * V8 compiles the engine's hot loops against the hidden classes ("maps") of the objects they read: tree nodes with
 * their slots, the parser and its tokenizer, the context, the structure builder. Most of those maps are transitions
 * (fields added after construction, a subclass's fields), which V8 holds weakly: once no object of a map is left, a
 * full collection frees the map and throws away every compiled function that relied on it ("weak objects"). Between
 * two pages nothing of the last page is alive (the tree is taken apart, see teardown), so a process that idles a few
 * seconds (a server between requests, a batch waiting on input) met a full collection that threw away about a
 * hundred compiled functions, and its next pages ran as a fresh process's do (half speed, see docs/speed.md). One
 * small object of each kind, the last page's, is kept here: its map stays alive and the compiled code with it.
 */
const kept: Record<string, object | undefined> = {
  element: undefined,
  text: undefined,
  comment: undefined,
  directive: undefined,
  cdata: undefined,
  document: undefined,
  parser: undefined,
  context: undefined,
  builder: undefined,
  stats: undefined,
};

/** Keeps `obj` (already emptied of the page's data by its owner) as the live instance of its kind. */
export function keepShape(kind: keyof typeof kept & string, obj: object): void {
  kept[kind] = obj;
}
