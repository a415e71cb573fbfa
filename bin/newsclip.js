#!/usr/bin/env node
// Runs the compiled CLI (built by `npm ci` through the prepare script, or `npm run build`).
import { setFlagsFromString } from "node:v8";

// This process is newsclip's own: V8's inlining budget is lowered before any of the engine is compiled. The engine's
// hot loops then compile sooner and smaller: in plain loops over the Zyte pages, a fresh process's first pages ran
// 20% faster and warm ones 8% (docs/speed.md). The library never sets it: a flag is the whole host process's.
// NEWSCLIP_V8_DEFAULTS=1 keeps V8's defaults.
if (process.env.NEWSCLIP_V8_DEFAULTS !== "1") setFlagsFromString("--max-inlined-bytecode-size-cumulative=200");

import("../dist/cli/index.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli")) {
    process.stderr.write("newsclip: not built yet; run `npm run build` first\n");
    process.exit(1);
  }
  throw err;
});
