/** Stage 5, prune: remove boilerplate inside the located container. (first cut) */
import type { Element } from "domhandler";
import type { Context } from "../context.ts";
import type { Located } from "./locate.ts";
import type { Metadata } from "../metadata/index.ts";

export interface Pruned {
  container: Element;
}

export function prune(located: Located, meta: Metadata, ctx: Context): Pruned {
  void meta;
  void ctx;
  return { container: located.container };
}
