import { test } from "node:test";
import assert from "node:assert/strict";
import { extractText, SiteMemory } from "../src/text/index.ts";

const towns = ["Alder", "Birchford", "Cobble Bay", "Dunmere", "Elmstead", "Fernhollow", "Greywater", "Hollins", "Ivybridge", "Juniper Cove"];
const topics = ["a new library", "the bus timetable", "a flood barrier", "the market square", "a school extension", "the harbour lights", "a cycle path", "the town clock", "a community garden", "the old mill"];

const FOOTER = "The Example Gazette is published by Example Media Group, an independent company serving the coast since the paper was founded.";

function page(n: number): string {
  const town = towns[n % towns.length];
  const topic = topics[(n * 3) % topics.length];
  return [
    "Home",
    "News",
    "Sport",
    "",
    `${town} council backs plans for ${topic} after a public meeting`,
    "",
    `Councillors in ${town} voted on Monday to support plans for ${topic}, after residents packed the public meeting to make their views known.`,
    "",
    `Supporters said ${topic} would serve ${town} for decades, while critics asked whether the budget could stretch that far this year.`,
    "",
    `A final decision on ${topic} is expected when the full council meets again in ${town} next month.`,
    "",
    FOOTER,
  ].join("\n");
}

test("site memory: a line on every page of a site is learnt as furniture after a few pages", () => {
  const memory = new SiteMemory();
  const seen: boolean[] = [];
  for (let n = 0; n < 6; n++) {
    const a = extractText(page(n), { url: `https://gazette.example/news/story-${n}`, memory, explain: true });
    seen.push(a.text.includes("Example Media Group"));
    assert.ok(a.text.includes("Councillors in"), `page ${n} lost its story`);
    if (n >= 3) assert.ok(a.explain!.removals.some((r) => r.rule === "site-memory" && r.textPreview.startsWith("The Example Gazette")));
  }
  assert.deepEqual(seen, [true, true, true, false, false, false]);
  assert.equal(memory.pages("gazette.example"), 6);
  // Another site has learnt nothing.
  assert.ok(extractText(page(7), { url: "https://other.example/a", memory }).text.includes("Example Media Group"));
  // No memory, no change.
  assert.ok(extractText(page(8), { url: "https://gazette.example/news/story-8" }).text.includes("Example Media Group"));
});

test("site memory: the same page fed again teaches nothing, and a repeated story keeps its body", () => {
  const memory = new SiteMemory();
  for (let r = 0; r < 5; r++) extractText(page(1), { url: "https://gazette.example/news/same", memory });
  assert.equal(memory.pages("gazette.example"), 1);
  // Syndicated copies under different URLs: their prose is mostly "known", so memory stands aside.
  for (let r = 0; r < 5; r++) {
    const a = extractText(page(2), { url: `https://gazette.example/copy-${r}`, memory });
    assert.ok(a.text.includes("Councillors in"), `copy ${r} lost its story`);
  }
});

test("site memory: bounded hosts and lines", () => {
  const memory = new SiteMemory({ maxHosts: 2, maxLines: 16 });
  for (let h = 0; h < 5; h++) extractText(page(h), { url: `https://site${h}.example/a`, memory });
  assert.equal(memory.hosts, 2);
  for (let n = 0; n < 40; n++) extractText(page(n), { url: `https://site4.example/p${n}`, memory });
  assert.ok(memory.lines("site4.example") <= 16);
  // Decay keeps what recurs: the footer survives on a site whose stories come and go.
  const a = extractText(page(41), { url: "https://site4.example/p41", memory });
  assert.ok(!a.text.includes("Example Media Group"));
});

test("site memory: hosts are keyed without www and case", () => {
  assert.equal(SiteMemory.host("https://WWW.Gazette.example/x"), "gazette.example");
  assert.equal(SiteMemory.host("not a url"), undefined);
  assert.equal(SiteMemory.host(undefined), undefined);
});
