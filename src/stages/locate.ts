/** Stage 4, locate: find the element holding the article body. (first cut) */
import type { Element } from "domhandler";
import type { Context } from "../context.ts";
import type { Cleaned } from "./clean.ts";
import { pathOf } from "../dom.ts";

export interface Located {
  container: Element;
  path: string;
}

export function locate(cleaned: Cleaned, ctx: Context): Located {
  void ctx;
  const container = cleaned.body as Element;
  return { container, path: "name" in container ? pathOf(container) : "#document" };
}
