/** The `newsclip` command line. Each subcommand registers itself from its own module. */
import { Command } from "commander";
import { registerExtract } from "./extract.ts";
import { registerServe } from "./serve.ts";
import { registerSearch } from "./search.ts";
import { registerBatch } from "./batch.ts";
import { registerCrawl } from "./crawl.ts";
import { registerQueue } from "./queue.ts";
import { registerStore } from "./store.ts";
import { NewsclipError, errorRecord } from "../errors.ts";

const program = new Command();
program.name("newsclip").description("News web pages in, clean structured articles out.").version("0.1.0");
registerExtract(program);
registerServe(program);
registerSearch(program);
registerBatch(program);
registerCrawl(program);
registerQueue(program);
registerStore(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const rec = errorRecord(err);
  process.stderr.write(`newsclip: ${rec.code}: ${rec.message}\n`);
  process.exitCode = err instanceof NewsclipError ? 2 : 1;
}
