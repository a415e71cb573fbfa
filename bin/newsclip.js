#!/usr/bin/env node
// Runs the compiled CLI (built by `npm ci` through the prepare script, or `npm run build`).
import("../dist/cli/index.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli")) {
    process.stderr.write("newsclip: not built yet; run `npm run build` first\n");
    process.exit(1);
  }
  throw err;
});
