import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { extractText } from "../src/text/index.ts";
import type { Article } from "../src/article.ts";

const fixtures = join(import.meta.dirname, "fixtures", "text");
const seed = join(import.meta.dirname, "..", "..", "shared", "seed", "scmp-china-japan-scraped.txt");

interface Expect {
  url?: string;
  title?: string;
  keyPoints?: string[];
  caption?: string;
  credit?: string;
  authors?: string[];
  published?: string;
  first: string;
  last: string;
  heading?: string;
  paragraphs?: number;
  absent: string[];
}

function paragraphs(a: Article): string[] {
  return a.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
}

/** A paragraph of the invented ferry story: the given sentence, then one the story's paragraphs share. */
function para(s: string): string {
  return `${s} The council said the new timetable would be reviewed after the first month of service.`;
}

/** The ferry story's headline and first paragraph, each followed by a blank line. */
const FERRY_OPENING = ["Ferry route reopens after winter repairs", "", para("The harbour ferry carried its first passengers in four months on Monday morning."), ""];

function body(a: Article): string[] {
  return a.blocks.filter((b) => b.type !== "figure").map((b) => ("text" in b ? b.text : ""));
}

test("seed: headline, key points, lead figure, body span, no furniture", { skip: !existsSync(seed) && "../shared/seed not present" }, () => {
  const a = extractText(readFileSync(seed, "utf8"), { explain: true });
  assert.equal(a.title, "China-Japan ties: Beijing rolls out high-level talks for Tokyo foreign minister but little progress, say analysts");
  assert.deepEqual(a.keyPoints, [
    "Yoshimasa Hayashi met Chinese Premier Li Qiang, top diplomat Wang Yi and Foreign Minister Qin Gang",
    "But no breakthroughs on major contentious issues – including tech restrictions, detention of a Japanese citizen and regional conflicts – observers say",
  ]);
  assert.match(a.leadImage?.caption ?? "", /^Japanese foreign minister Yoshimasa Hayashi shakes hands/);
  assert.equal(a.leadImage?.credit, "Kyodo/via Reuters");
  const fig = a.blocks[0];
  assert.equal(fig.type, "figure");
  assert.ok(fig.type === "figure" && fig.images.every((i) => i.src === undefined) && fig.credit === "Kyodo/via Reuters");
  assert.ok(a.text.startsWith("China and Japan failed to make any breakthroughs"));
  assert.ok(a.text.endsWith("especially in the digital economy, green development, finance and healthcare."));
  assert.match(a.text, /“\[We\] hope the two countries will work together[^]*the region and the world,” Li said\./);
  for (const bad of ["Advertisement", "Reading Time", "Why you can trust SCMP", "01:54", "Don’t help a villain"]) assert.ok(!a.text.includes(bad), bad);
  assert.ok(!/(^|\n)44(\n|$)/.test(a.text));
  assert.ok(!a.markdown.includes("Advertisement") && !a.html.includes("Advertisement"));
  assert.ok(a.wordCount > 200 && a.readingTimeMinutes >= 1);
  const rules = new Set(a.explain!.removals.map((r) => r.rule));
  for (const r of ["ad-label", "reading-time", "trust-link", "counter", "duration", "repeated"]) assert.ok(rules.has(r), r);
});

for (const name of readdirSync(fixtures).filter((f) => f.endsWith(".txt"))) {
  const id = name.replace(/\.txt$/, "");
  test(`fixture ${id}`, () => {
    const want = JSON.parse(readFileSync(join(fixtures, `${id}.json`), "utf8")) as Expect;
    const a = extractText(readFileSync(join(fixtures, name), "utf8"), { url: want.url, explain: true });
    if (want.title) assert.equal(a.title, want.title);
    if (want.keyPoints) assert.deepEqual(a.keyPoints, want.keyPoints);
    if (want.caption) assert.equal(a.leadImage?.caption, want.caption);
    if (want.credit) assert.equal(a.leadImage?.credit, want.credit);
    if (want.authors) assert.deepEqual(a.authors.map((x) => x.name), want.authors);
    if (want.published) assert.equal(a.published, want.published);
    const paras = body(a);
    assert.ok(paras[0]?.startsWith(want.first), `first block: ${paras[0]}`);
    assert.ok(paras.at(-1)?.endsWith(want.last), `last block: ${paras.at(-1)}`);
    if (want.paragraphs) assert.equal(a.blocks.filter((b) => b.type === "paragraph").length, want.paragraphs);
    if (want.heading) assert.ok(a.blocks.some((b) => b.type === "heading" && b.text === want.heading));
    for (const bad of want.absent) assert.ok(!a.text.includes(bad), `furniture kept: ${bad}`);
    // Every input line is accounted for: kept somewhere, or removed with a reason.
    for (const r of a.explain!.removals) assert.ok(r.rule && r.reason && r.stage === "text");
  });
}

test("explain: every line is either kept or removed with a reason", () => {
  const text = readFileSync(join(fixtures, "en-harbour.txt"), "utf8");
  const a = extractText(text, { explain: true });
  const lines = text.split("\n").filter((l) => l.trim()).length;
  // In this fixture each kept block, the title and each key point come from one line.
  assert.equal(a.explain!.removals.length + 1 + a.keyPoints!.length + a.blocks.length, lines);
  assert.ok(a.explain!.timings.classify >= 0 && a.explain!.timings.locate >= 0);
  assert.ok(!("explain" in extractText(text)));
});

test("markdown and html come from the same blocks", () => {
  const a = extractText(readFileSync(join(fixtures, "de-wetter.txt"), "utf8"));
  assert.match(a.markdown, /^## Was die Landwirte jetzt fordern$/m);
  assert.match(a.html, /<h2>Was die Landwirte jetzt fordern<\/h2>/);
  assert.match(a.html, /<figure><figcaption>Überflutete Felder bei Obermoos am Montag\. <small>Lena Probe\/Bildagentur Beispiel<\/small><\/figcaption><\/figure>/);
  assert.ok(!a.html.includes("<img"));
});

test("bullets inside the story become a list; tweet embeds a quote with its cite", () => {
  const text = [
    "A council agrees new rules for street markets after a long debate",
    "",
    "The council agreed on Thursday to a new set of rules for the town's weekly street markets, after a debate that lasted most of the evening.",
    "",
    "The rules cover three points:",
    "• Stalls must close by eight in the evening on weekdays",
    "• Music needs a permit from the town hall",
    "• Rubbish must be taken away by the traders themselves",
    "",
    "The new rules were welcomed by most residents, who had complained about noise for years.",
    "",
    "Markets are back, and quieter. Good news for the old town.",
    "— Town Hall (@townhall_example) May 3, 2024",
    "",
    "Traders will have until the summer to adapt to the changes, the council said in a statement.",
  ].join("\n");
  const a = extractText(text);
  const list = a.blocks.find((b) => b.type === "list");
  assert.ok(list && list.type === "list" && list.items.length === 3 && !list.ordered);
  const quote = a.blocks.find((b) => b.type === "quote");
  assert.ok(quote && quote.type === "quote" && quote.cite?.startsWith("Town Hall (@townhall_example)"));
  assert.match(a.markdown, /^- Stalls must close/m);
});

test("a schedule the story ends on stays with it; the headline list after it does not", () => {
  const para = (s: string) => `${s} The band said the shows would mix songs from every decade of its history with new material written this year.`;
  const text = [
    "Harbour Band announces its anniversary tour",
    "",
    para("The Harbour Band will tour North America next summer to mark its fiftieth year."),
    "",
    para("Tickets go on sale on Friday at ten in the morning, local time."),
    "",
    "Harbour Band Tour Dates",
    "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
    "June 10 – Tampa, FL @ Bay Credit Union Amphitheatre",
    "June 14 – Alpharetta, GA @ Lakeside Amphitheatre",
    "June 17 – Nashville, TN @ River Arena",
    "",
    "Read Next",
    "Another band slates its own winter tour across the country",
    "A singer talks about her new album and the years on the road",
    "Ten songs that defined a summer in the harbour town",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /June 17 – Nashville, TN @ River Arena/);
  assert.match(a.text, /June 9 – West Palm Beach/);
  assert.doesNotMatch(a.text, /Another band|Ten songs/);
});

test("a box of headlines under a 'more from' heading inside the story goes; the story after it stays", () => {
  const text = [
    ...FERRY_OPENING,
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "More from Local",
    "Library opening hours extended over the holiday season",
    "Town council approves budget for new cycle lanes",
    "School choir wins regional competition for the second year?",
    "",
    para("Passengers said the crossing was smooth and that the new waiting room was warm."),
    "",
    para("The operator expects about 1,200 crossings a week once the summer timetable starts."),
  ].join("\n");
  const a = extractText(text, { explain: true });
  assert.match(a.text, /waiting room was warm/);
  assert.match(a.text, /1,200 crossings a week/);
  assert.doesNotMatch(a.text, /Library opening hours|cycle lanes|School choir|More from Local/);
  assert.ok(a.explain!.removals.some((r) => r.rule === "inline-box" && /cycle lanes/.test(r.textPreview ?? "")));
});

test("without a blank line to close it, lines under such a heading are not taken for a box", () => {
  const text = [
    "Ferry route reopens after winter repairs",
    para("The harbour ferry carried its first passengers in four months on Monday morning."),
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    para("Passengers said the crossing was smooth and that the new waiting room was warm."),
    "More from Local",
    "Library opening hours extended over the holiday season",
    "Town council approves budget for new cycle lanes",
    "The mayor said the lanes would open in spring and cost less than the council had feared last year.",
    "School choir wins regional competition for the second year",
    "The choir sang three pieces, one of them written by its conductor, and won the audience prize too.",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /waiting room was warm/);
  // After-story teasers with their summaries: the heading still ends the story.
  assert.doesNotMatch(a.text, /Library opening hours|choir sang three pieces/);
});

test("a newsletter form's confirmation messages are furniture", () => {
  const para = (s: string) => `${s} The company said the agreement would run for five years and cover twelve countries in Europe.`;
  const text = [
    "Harbour Systems signs distribution deal",
    "",
    para("Harbour Systems announced a distribution partnership with a large hospital supplier on Tuesday."),
    "",
    para("The partner will sell the monitoring software to intensive care units from next spring."),
    "",
    "You have successfully subscribed. Thank you!",
    "",
    "An email with an activation link has just been sent to your email address. Please activate your subscription by clicking on the link.",
    "",
    "Breaking News Emails",
    "Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.",
    "This site is protected by recaptcha Privacy Policy | Terms of Service",
  ].join("\n");
  const a = extractText(text, { explain: true });
  assert.match(a.text, /intensive care units/);
  assert.doesNotMatch(a.text, /successfully subscribed|activation link|breaking news alerts|recaptcha/i);
});

test("a table-like list the story ends on, its rows holding a short value instead of a digit, stays with its heading", () => {
  const para = (s: string) => `${s} The qualifying rounds ended on Tuesday night with two late goals in the last group game.`;
  const text = [
    "Every team that qualified for the cup",
    "",
    para("Twenty teams have booked their places in next summer's tournament."),
    "",
    para("Four more places will be decided in the playoffs in March."),
    "",
    "Qualified teams",
    "Northland (Group A): Second appearance",
    "Eastmark (Group A): Seventh appearance",
    "Southvale (Group B): Third appearance",
    "Westport (Group C): Ninth appearance",
    "Dana Whitfield",
    "Sports Writer",
    "follow",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /Eastmark \(Group A\): Seventh appearance/);
  assert.match(a.text, /Westport \(Group C\): Ninth appearance/);
  assert.ok(a.blocks.some((b) => b.type === "heading" && b.text === "Qualified teams"));
  assert.ok(a.blocks.some((b) => b.type === "list" && b.items.length === 4));
  assert.doesNotMatch(a.text, /Sports Writer|follow/);
});

test("key points that lost their bullets under a 'Key points' heading; a caption above its credit line is the lead figure", () => {
  const para = (s: string) => `${s} The airline said the first aircraft would arrive in the spring of next year.`;
  const text = [
    "Harbour Air orders 30 new jets",
    "Dana Whitfield",
    "KEY POINTS",
    "Harbour Air has finalised a deal to buy 30 long-range jets, the companies announced on Wednesday.",
    "The order replaces part of an earlier one for a larger model that is running years late.",
    "The airline's chief executive shakes hands with the plane-maker's sales director at the air show on Monday.",
    "Jane Stone | Harbour Images | Getty Images",
    "",
    para("MILLBROOK — Harbour Air finalised a deal to buy 30 long-range jets on Wednesday."),
    "",
    para("The order is worth about $9 billion at list prices, though airlines rarely pay those."),
  ].join("\n");
  const a = extractText(text);
  assert.deepEqual(a.keyPoints, [
    "Harbour Air has finalised a deal to buy 30 long-range jets, the companies announced on Wednesday.",
    "The order replaces part of an earlier one for a larger model that is running years late.",
  ]);
  assert.match(a.leadImage?.caption ?? "", /^The airline's chief executive shakes hands/);
  assert.equal(a.leadImage?.credit, "Jane Stone | Harbour Images | Getty Images");
  const paras = paragraphs(a);
  assert.match(paras[0], /^MILLBROOK/);
  assert.doesNotMatch(a.text, /Getty Images/);
});

test("without a blank line closing them, a paragraph above a credit line stays a paragraph", () => {
  const text = [
    "Harbour Air orders 30 new jets",
    "Harbour Air finalised a deal to buy 30 long-range jets on Wednesday, the companies said at the air show.",
    "The order is worth about $9 billion at list prices, though airlines rarely pay those, analysts said.",
    "Jane Stone | Getty Images",
    "The airline said the first aircraft would arrive in the spring of next year, two months later than planned.",
    "Its chief executive said the jets would let it fly to three new cities in Asia without a stop on the way.",
  ].join("\n");
  const a = extractText(text);
  const paras = paragraphs(a);
  assert.ok(paras.some((p) => /^The order is worth about \$9 billion/.test(p)));
});

test("a numbered list the story ends on keeps each item's own line (its link), across a stray gap", () => {
  const para = (s: string) => `${s} The shop said the offers would last until Monday night or while stocks lasted.`;
  const text = [
    "Ten nostalgic gifts on sale this weekend",
    "",
    para("Black Friday has reached the toy shops of the old town as well."),
    "",
    para("Here is what caught our eye among the offers this year."),
    "",
    "1) A toy starship with its launch pad",
    "http://shop.example/starship",
    "",
    "2) An electric racing track for two cars",
    "http://shop.example/racing-track",
    "",
    "3) The complete detective series on disc",
    "http://shop.example/detective-box",
    "",
    "",
    "",
    "4) A model of the time machine car",
    "http://shop.example/time-car",
    "",
    "Share this article",
  ].join("\n");
  const a = extractText(text);
  const list = a.blocks.find((b) => b.type === "list");
  assert.ok(list && list.type === "list" && list.ordered);
  assert.deepEqual(list.items.map((i) => i.text), [
    "A toy starship with its launch pad http://shop.example/starship",
    "An electric racing track for two cars http://shop.example/racing-track",
    "The complete detective series on disc http://shop.example/detective-box",
    "A model of the time machine car http://shop.example/time-car",
  ]);
  assert.doesNotMatch(a.text, /Share this/);
});

test("a drop cap on a line of its own starts the paragraph under it", () => {
  const text = [
    "Harbour town wakes to a quiet Monday",
    "",
    "H",
    "arbour town is quiet this morning. The ferries are running again and the market opened at seven as it always does.",
    "",
    "The council said the repairs to the pier were finished on Sunday night, two weeks later than first planned.",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /^Harbour town is quiet this morning\./m);
});

test("trademark and health-claim notices after the story are legal furniture", () => {
  const para = (s: string) => `${s} The coach said the plan works best when the whole family joins in.`;
  const text = [
    "Five game-day snacks that will not wreck your week",
    "",
    para("Game-day food is comfort food, and it can be very hard to resist."),
    "",
    para("Start with a plate instead of eating straight from the bag."),
    "",
    "*These statements have not been evaluated by the Food and Drug Administration. These products are not intended to diagnose, treat, cure, or prevent any disease.",
    "",
    "Apple logo, Apple TV and App Store are trademarks of Apple Inc., registered in the U.S. and other countries.",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /plate instead of eating/);
  assert.doesNotMatch(a.text, /Food and Drug Administration|trademarks of Apple/);
});

test("the author's bio line after the story ends it; a sentence about someone else's job inside the story stays", () => {
  const text = [
    ...FERRY_OPENING,
    "Tom Reyes, the ferry's captain for twenty years, said the crossing had never felt so calm after such a long break.",
    "",
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "Dana Whitfield is a reporter for the Millbrook Courier.",
    "",
    "Read more from Dana Whitfield",
  ].join("\n");
  const a = extractText(text, { explain: true });
  assert.match(a.text, /north pier took longer/);
  assert.match(a.text, /Tom Reyes, the ferry's captain/);
  assert.doesNotMatch(a.text, /is a reporter for the Millbrook Courier/);
  assert.ok(a.explain!.removals.some((r) => r.rule === "author-bio"));
});

test("a call to fund the publication goes, and the story after it stays; a story line about donations stays", () => {
  const text = [
    ...FERRY_OPENING,
    "The fishermen's fund received donations from four villages to repair the old slipway beside the north pier.",
    "",
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "Support the Courier and make a difference for readers everywhere.",
    "",
    "We do this work every day at no cost to you, but it is far from free to produce, and we cannot afford to slow down now.",
    "",
    para("The ferry will run twice a day until the summer timetable starts."),
  ].join("\n");
  const a = extractText(text, { explain: true });
  assert.match(a.text, /received donations from four villages/);
  assert.match(a.text, /north pier took longer/);
  assert.match(a.text, /run twice a day/);
  assert.doesNotMatch(a.text, /make a difference|at no cost to you/);
  assert.ok(a.explain!.removals.some((r) => r.rule === "appeal"));
});

test("a writer's lead-in ending in an ellipsis between two paragraphs is story; teaser excerpts cut the same way are not", () => {
  const text = [
    ...FERRY_OPENING,
    "Here is what the captain wants you to remember …",
    "",
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "And the best part of the new timetable is …",
    "",
    para("The ferry will run twice a day until the summer timetable starts in June."),
    "",
    "Latest news",
    "Library opening hours extended over the holiday season as the council agrees …",
    "Town council approves budget for new cycle lanes after a long debate on costs …",
    "Fishermen's fund receives donations from four villages along the coast this …",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /what the captain wants you to remember …/);
  assert.match(a.text, /best part of the new timetable is …/);
  assert.doesNotMatch(a.text, /cycle lanes|opening hours extended|four villages/);
});

test("loading placeholders, the Ctrl+Enter error prompt and a Finnish 'read also' label are furniture lines in any language", () => {
  const text = [
    ...FERRY_OPENING,
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "Загрузка...",
    "",
    "Lue myös:",
    "",
    para("The ferry will run twice a day until the summer timetable starts."),
    "",
    "Якщо Ви виявили помилку на цій сторінці, виділіть її та натисніть Ctrl+Enter",
  ].join("\n");
  const a = extractText(text, { explain: true });
  assert.match(a.text, /north pier took longer/);
  assert.match(a.text, /run twice a day/);
  assert.doesNotMatch(a.text, /Загрузка|Lue myös|Ctrl\+Enter/);
  assert.deepEqual(["loading", "read-also", "error-report"].filter((r) => !a.explain!.removals.some((x) => x.rule === r)), []);
});

test("channel and news-app promos and 'follow us on Google News' lines are furniture in text mode", () => {
  const text = [
    ...FERRY_OPENING,
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "Follow the Harbour Times on Google News and add us as a preferred source.",
    "",
    para("The ferry will run twice a day until the summer timetable starts."),
    "",
    "Abonniere den Whatsapp-Kanal der Hafenzeitung und du bekommst die News direkt aufs Handy.",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /north pier took longer/);
  assert.match(a.text, /run twice a day/);
  assert.doesNotMatch(a.text, /Google News|Whatsapp/);
});

test("a citation line and a call to click set in capitals are furniture in text mode; a story sentence saying 'click here' stays", () => {
  const text = [
    ...FERRY_OPENING,
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "GET THE HARBOUR TIMES APP BY CLICKING HERE",
    "",
    para("Passengers who want the new timetable can click here on the council's page, the ferry company said."),
    "",
    "Citation: Ferry route reopens after winter repairs (2025, May 3) retrieved 4 May 2025 from https://news.example/2025-05-ferry.html",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /north pier took longer/);
  assert.match(a.text, /can click here on the council's page/);
  assert.doesNotMatch(a.text, /CLICKING HERE|Citation:/);
});

test("HTML mode's comment-policy and reporting-credit shapes, a bracketed 'Related:' line and a 'More Great X Stories' list are furniture in text mode", () => {
  const text = [
    ...FERRY_OPENING,
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "(Reporting by Lena Berg; editing by Jan Kurz)",
    "",
    para("The ferry will run twice a day until the summer timetable starts."),
    "",
    "[Related: Storm season ends early on the coast]",
    "",
    "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão aprovados pelo moderador.",
    "",
    "More Great Harbour Stories",
    "",
    "The lighthouse keeper who never left",
    "",
    "Why the tides are getting higher",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /north pier took longer/);
  assert.match(a.text, /run twice a day/);
  assert.doesNotMatch(a.text, /Related:|Reporting by|ATENÇÃO|More Great|lighthouse|tides/);
});

test("sign-up fine print ('No spam, we promise...') and captions with their player's label ('Image caption ...', 'Credit...') are furniture in text mode", () => {
  const text = [
    ...FERRY_OPENING,
    "Image caption The ferry at the north pier on Monday",
    "",
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "Credit...",
    "",
    para("The ferry will run twice a day until the summer timetable starts."),
    "",
    "No spam, we promise. You can unsubscribe at any time and we'll never share your details without your permission.",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /north pier took longer[^]*run twice a day/);
  assert.doesNotMatch(a.text, /Image caption|Credit\.\.\.|No spam/);
});

test("reporting credits, comment-section notes, a publisher's imprint line, a word count and a writer's 'joined' bio are furniture in text mode", () => {
  const text = [
    ...FERRY_OPENING,
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "Wordcount: 717",
    "",
    para("The ferry will run twice a day until the summer timetable starts."),
    "",
    "Lena Berg contributed reporting from Kirkwall.",
    "",
    "Note: we are temporarily moderating all comments submitted to deal with a surge in spam.",
    "",
    "Jan Kurz joined the Harbour Times in March 2017. He has been reporting on ferries and ports since 2009.",
    "",
    "Harbour Times is part of Coastal Media Inc, an international media group and leading digital publisher. Visit our corporate site.",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /north pier took longer[^]*run twice a day/);
  assert.doesNotMatch(a.text, /Wordcount|contributed reporting|moderating|joined the Harbour|corporate site/);
});

test("a bare picture credit ('GETTY'), a glued 'Media captionWho ...', 'View all (4)' and an 'Also: See ...' pointer are furniture in text mode", () => {
  const text = [
    ...FERRY_OPENING,
    "GETTY",
    "",
    "Media captionWho runs the ferry?",
    "",
    para("Repairs to the north pier took longer than planned because of the storms in January."),
    "",
    "Also: See the winter timetable at the Harbour Times",
    "",
    para("The ferry will run twice a day until the summer timetable starts."),
    "",
    "View all (4)",
  ].join("\n");
  const a = extractText(text);
  assert.match(a.text, /north pier took longer[^]*run twice a day/);
  assert.doesNotMatch(a.text, /GETTY|Media caption|Also: See|View all/);
});
