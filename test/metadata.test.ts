import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../src/index.ts";
import { parseDate, urlDate } from "../src/metadata/dates.ts";
import { parseByline, classify } from "../src/metadata/authors.ts";
import { stripSite } from "../src/metadata/title.ts";
import { imageIds } from "../src/metadata/image.ts";

const ref = new Date("2026-01-01T00:00:00Z");

test("dates: machine forms keep the page's offset and wall-clock time", () => {
  assert.equal(parseDate("2024-05-03T15:47:42.389+02:00", "en", ref)?.iso, "2024-05-03T15:47:42+02:00");
  assert.equal(parseDate("2024-05-03T15:47:42+0200", "en", ref)?.iso, "2024-05-03T15:47:42+02:00");
  assert.equal(parseDate("2024-05-03T13:47:42Z", "en", ref)?.iso, "2024-05-03T13:47:42Z");
  assert.equal(parseDate("2024-05-03", "en", ref)?.iso, "2024-05-03");
  assert.equal(parseDate("Fri, 03 May 2024 15:47:42 +0200", "en", ref)?.iso, "2024-05-03T15:47:42+02:00");
  assert.equal(parseDate("Fri Apr 28 19:20:36 CEST 2023", "de", ref)?.iso, "2023-04-28T19:20:36+02:00");
  assert.equal(parseDate("1714750000", "en", ref)?.iso, "2024-05-03T15:26:40Z");
});

test("dates: written dates in many languages, day-first numbers", () => {
  assert.equal(parseDate("3. Mai 2024, 15:47 Uhr", "de", ref)?.iso, "2024-05-03T15:47:00");
  assert.equal(parseDate("le 3 mai 2024 à 15h47", "fr", ref)?.iso, "2024-05-03T15:47:00");
  assert.equal(parseDate("3 de mayo de 2024", "es", ref)?.iso, "2024-05-03");
  assert.equal(parseDate("3 мая 2024", "ru", ref)?.iso, "2024-05-03");
  assert.equal(parseDate("2024年5月3日", "ja", ref)?.iso, "2024-05-03");
  assert.equal(parseDate("03.05.2024 15:47", "pl", ref)?.iso, "2024-05-03T15:47:00");
  assert.equal(parseDate("May 3, 2024 3:47 PM EDT", "en", ref)?.iso, "2024-05-03T15:47:00-04:00");
});

test("dates: relative, impossible and out-of-range dates are refused", () => {
  assert.equal(parseDate("2 hours ago", "en", ref), undefined);
  assert.equal(parseDate("vor 58 Minuten", "de", ref), undefined);
  assert.equal(parseDate("2024-02-30", "en", ref), undefined);
  assert.equal(parseDate("© 1887", "en", ref), undefined);
  assert.equal(parseDate("2031-01-01", "en", ref), undefined);
  assert.equal(parseDate("x".repeat(5000), "en", ref), undefined);
});

test("dates: from the URL path", () => {
  assert.equal(urlDate("https://a.example/2024/11/05/story/", ref)?.date.iso, "2024-11-05");
  assert.equal(urlDate("https://a.example/news/story-20240503-abc", ref)?.date.iso, "2024-05-03");
  assert.equal(urlDate("https://a.example/news/12345678/story", ref), undefined);
});

test("bylines: several people, agencies apart, non-names rejected", () => {
  const c = parseByline("By Jane Doe, Omar Haddad and Li Wei (AP) | Email the author");
  assert.deepEqual(c.people.map((p) => p.name), ["Jane Doe", "Omar Haddad", "Li Wei"]);
  assert.deepEqual(c.agencies, ["AP"]);
  assert.deepEqual(parseByline("Von Anna Beispiel und Jonas Muster, dpa").people.map((p) => p.name), ["Anna Beispiel", "Jonas Muster"]);
  assert.deepEqual(parseByline("Par Marie Dupont et Luc Martin").people.map((p) => p.name), ["Marie Dupont", "Luc Martin"]);
  assert.deepEqual(parseByline("By Denise Roe / Photo by David Kai/Bloomberg").people.map((p) => p.name), ["Denise Roe"]);
  assert.deepEqual(parseByline("Jane Doe, Senior Political Correspondent").people.map((p) => p.name), ["Jane Doe"]);
  assert.equal(classify("Updated 3 May 2024"), undefined);
  assert.equal(classify("Email the author"), undefined);
  assert.equal(classify("follow us on twitter"), undefined);
  assert.equal(classify("Guardian staff")?.kind, "desk");
  assert.equal(classify("BR24 Redaktion")?.kind, "desk");
  assert.equal(classify("Reuters")?.kind, "agency");
  assert.equal(classify("신현주 기자")?.name, "신현주");
});

test("titles: the site name goes, colons and dashes inside the headline stay", () => {
  const site = { names: ["The Daily Example"], host: "www.dailyexample.com" };
  assert.equal(stripSite("Budget: what changes for you | The Daily Example", site), "Budget: what changes for you");
  assert.equal(stripSite("The Daily Example - Storm hits the coast", site), "Storm hits the coast");
  assert.equal(stripSite("Storm hits the coast - what we know", site), "Storm hits the coast - what we know");
  assert.equal(stripSite("Storm hits the coast | DailyExample", site), "Storm hits the coast");
});

test("titles: a story's shown headline told otherwise than its declared title is the title; a kicker glued onto the same headline is not", () => {
  const page = (og: string, h1: string) =>
    extract(Buffer.from(`<html lang="en"><head><title>${og} | Orchard News</title><meta property="og:title" content="${og}"></head><body><article><h1>${h1}</h1>${storyText}</article></body></html>`), { url: "https://orchard.example/2025/05/pruning" }).title;
  assert.equal(page("Best pruning shears of 2025 - top 10 picks", "Ten pruning shears we tested in the orchard this spring"), "Ten pruning shears we tested in the orchard this spring");
  assert.equal(page("Frost damage: what growers can do now", "Orchards Frost damage: what growers can do now"), "Frost damage: what growers can do now");
  // A short part after a bar is a section or tag line; a kicker before it stays.
  assert.equal(page("Frost damage: what growers can do now | Top 5 Tips", "Latest from the orchard desk"), "Frost damage: what growers can do now");
  assert.equal(page("FROST WATCH | Growers count the cost of a cold May night", "Latest from the orchard desk"), "FROST WATCH | Growers count the cost of a cold May night");
  // An <h1> that shares nothing with the declared title (a section's name) is no headline.
  assert.equal(page("Frost damage: what growers can do now", "Latest from the orchard desk"), "Frost damage: what growers can do now");
});

test("images: renditions of one picture share an id", () => {
  const a = imageIds("https://img.example/photos/meadow-orchid-find-1200x630.jpg");
  const b = imageIds("https://img.example/photos/meadow-orchid-find-1600.webp");
  assert.ok([...a].some((x) => b.has(x)));
  const c = imageIds("https://img.example/resize?id=9876543210&w=800");
  const d = imageIds("https://cdn.example/9876543210/original.jpg");
  assert.ok([...c].some((x) => d.has(x)));
});

test("metadata: broken, cyclic or hostile statements never crash", () => {
  const graph = Array.from({ length: 3000 }, (_, i) => `{"@type":"Person","@id":"#p${i}","knows":{"@id":"#p${i + 1}"}}`).join(",");
  const html = `<html><head>
<script type="application/ld+json">{ "@type": "NewsArticle", "headline": [1, {"x": null}], "author": {"@id": "#me"}, "datePublished": {"@value": "yesterday"} </script>
<script type="application/ld+json">{"@graph":[${graph}]}</script>
<script type="application/ld+json">{"@type":"NewsArticle","author":[null,42,{"name":""},{"@type":"Person","name":{"a":1}}],"image":[null,{"url":7}],"isAccessibleForFree":"False","keywords":{"x":1}}</script>
<meta property="article:published_time" content="not a date"><meta name="author" content="https://example.com/me">
</head><body><h1></h1><time datetime="9999-99-99">?</time><p>Short.</p></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://example.com/a" });
  assert.deepEqual(a.authors, []);
  assert.equal(a.published, undefined);
  assert.notEqual(a.isAccessibleForFree, true);
  const empty = extract(Buffer.from("<html></html>"));
  assert.deepEqual(empty.authors, []);
  assert.deepEqual(empty.evidence, {});
});

test("metadata: every field set has evidence", () => {
  const html = `<html lang="en"><head><title>A headline | Site</title><meta property="og:site_name" content="Site">
<meta property="article:published_time" content="2025-01-02T03:04:05+01:00"></head>
<body><article><h1>A headline</h1><p class="byline">By Ann Author</p><p>${"Words of the story go here. ".repeat(20)}</p></article></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://site.example/a" });
  assert.equal(a.title, "A headline");
  assert.deepEqual(a.authors, [{ name: "Ann Author" }]);
  assert.equal(a.published, "2025-01-02T03:04:05+01:00");
  for (const k of ["title", "authors", "published", "siteName", "lang"]) assert.ok(a.evidence[k]?.source, k);
});

test("bylines: a headline inside a teaser-named header box is still the article's header", () => {
  const body = "Words of the story go here, sentence after sentence. ".repeat(30);
  const html = `<html lang="en"><head><title>Harbour ferry enters service | Courier</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour ferry enters service","author":{"@type":"Organization","name":"Courier"}}</script></head>
<body><section class="article-header__teaser-textbox"><h1>Harbour ferry enters service</h1>
<div class="article-header__author"><a rel="author" href="/authors/12">Dana Whitfield</a></div></section>
<aside class="teaser"><h2><a href="/other">Another story</a></h2><p class="byline">By Someone Else</p></aside>
<div class="story"><p>${body}</p></div></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://courier.example/news/ferry" });
  assert.deepEqual(a.authors.map((p) => p.name), ["Dana Whitfield"]);
});

test("bylines: a name given with the page's own host is the site, not a person", () => {
  const html = `<html><head><meta name="author" content="Courier Media (www.courier.example)"></head>
<body><article><h1>Harbour ferry enters service</h1><p>${"Words of the story go here. ".repeat(40)}</p></article></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://www.courier.example/news/ferry" });
  assert.deepEqual(a.authors, [{ name: "Courier Media", organization: true }]);
  assert.equal(a.organization, "Courier Media");
  const b = extract(Buffer.from(html.replace("Courier Media (www.courier.example)", "Jane Doe (www.elsewhere.example)")), { url: "https://www.courier.example/news/ferry" });
  assert.deepEqual(b.authors.map((p) => p.name), ["Jane Doe"]);
});

test("a byline after a section label ('capital von Jemima Kelly 3 Min') names its author; a job title after a name is not a person", () => {
  const a = extract(`<html><head><title>Warum Kritik an Trumps Charakter so ineffektiv ist</title></head><body><article><h1>Warum Kritik an Trumps Charakter so ineffektiv ist</h1>
    <div class="authors"><span>capital</span> <ul><li><span>von</span> <span>Jemima Kelly</span></li></ul><span>3 Min</span></div>
    <p>${"Der Text des Artikels über die Wahl und den Kandidaten, mit vielen Sätzen. ".repeat(6)}</p></article></body></html>`, { url: "https://news.example/a" });
  assert.deepEqual(a.authors.map((x) => x.name), ["Jemima Kelly"]);
  const b = extract(`<html><head><title>Cars</title></head><body><article><h1>Cars</h1><p class="byline">By TOM KRISHER, AP Auto Writer</p>
    <p>${"The story of the cars and the factories that make them, with many sentences. ".repeat(6)}</p></article></body></html>`, { url: "https://news.example/b" });
  assert.deepEqual(b.authors.map((x) => x.name), ["TOM KRISHER"]);
});

const storyText = `<p>${"Words of the story go here, sentence after sentence. ".repeat(30)}</p>`;

test("authors: with no person credited, the credited team or desk is the author, marked as an organisation", () => {
  const html = `<html lang="en"><head><title>How kettles boil | Kettle World</title><meta property="og:site_name" content="Kettle World"></head>
<body><article><h1>How kettles boil</h1><div class="post-author">By The Kettle World Team</div>${storyText}</article></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://kettles.example/guides/boil", pageType: "article" });
  assert.deepEqual(a.authors, [{ name: "The Kettle World Team", organization: true }]);
  assert.equal(a.evidence.authors?.source, "dom:byline");
  // A person credited beside it wins.
  const b = extract(Buffer.from(html.replace("By The Kettle World Team", "By Ann Boiler")), { url: "https://kettles.example/guides/boil" });
  assert.deepEqual(b.authors, [{ name: "Ann Boiler" }]);
});

test("authors: an Organization author node that restates the publisher credits no one", () => {
  const ld = (author: string) => `<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Ten tips for tidy sheds",
"author":${author},"publisher":{"@type":"Organization","@id":"https://sheds.example/#org","name":"Shed Supply Co"}}</script>`;
  const page = (author: string) => `<html lang="en"><head><title>Ten tips for tidy sheds</title>${ld(author)}</head><body><article><h1>Ten tips for tidy sheds</h1>${storyText}</article></body></html>`;
  const echo = extract(Buffer.from(page(`{"@type":"Organization","name":"Shed Supply Co"}`)), { url: "https://sheds.example/blog/tidy" });
  assert.deepEqual(echo.authors, []);
  assert.equal(echo.organization, "Shed Supply Co");
  const byId = extract(Buffer.from(page(`{"@type":"Organization","@id":"https://sheds.example/#org","name":"Shed Supply"}`)), { url: "https://sheds.example/blog/tidy" });
  assert.deepEqual(byId.authors, []);
  // A team of its own is a credit; a person-typed account named like the site is a person's credit.
  const team = extract(Buffer.from(page(`{"@type":"Organization","name":"Shed Supply Garden Desk"}`)), { url: "https://sheds.example/blog/tidy" });
  assert.deepEqual(team.authors, [{ name: "Shed Supply Garden Desk", organization: true }]);
  const owner = extract(Buffer.from(page(`{"@type":"Person","name":"Shed Supply Co"}`).replace("<title>", `<meta property="og:site_name" content="Shed Supply Co"><title>`)), { url: "https://sheds.example/blog/tidy" });
  assert.deepEqual(owner.authors, [{ name: "Shed Supply Co" }]);
});

test("bylines: reviewers, editors and fact-checkers named beside the writer are not authors", () => {
  assert.deepEqual(parseByline("By Nora Quill, DVM. Reviewed by Otto Fenn, DVM Updated Feb. 2, 2025").people.map((p) => p.name), ["Nora Quill"]);
  assert.deepEqual(parseByline("By Nora Quill – Updated Mar 5 | Fact-checked by Otto Fenn").people.map((p) => p.name), ["Nora Quill"]);
  assert.deepEqual(parseByline("Edited by Otto Fenn").people, []);
  const html = `<html lang="en"><head><title>Choosing a lawn mower</title></head><body><article><h1>Choosing a lawn mower</h1>
<div class="byline">Written by <a href="/authors/nora-quill">Nora Quill</a> · Edited by <a href="/authors/otto-fenn">Otto Fenn</a></div>${storyText}</article></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://mowers.example/guides/choosing" });
  assert.deepEqual(a.authors.map((p) => p.name), ["Nora Quill"]);
});

test("bylines: degrees and certifications after a name are not names ('Jane Doe, PhD, CSCS' is one person)", () => {
  assert.deepEqual(parseByline("Nora Quill, PhD, CSCS").people.map((p) => p.name), ["Nora Quill"]);
  assert.deepEqual(parseByline("Article by: Nora Quill RN, BSN, Certified Sleep Consultant").people.map((p) => p.name), ["Nora Quill"]);
  assert.deepEqual(parseByline("Otto Fenn, CEPF®").people.map((p) => p.name), ["Otto Fenn"]);
  // An agency after the comma stays an agency; an all-capitals name stays whole; a surname like a degree stays.
  assert.deepEqual(parseByline("Le Courrier et AFP").agencies, ["AFP"]);
  assert.deepEqual(parseByline("By NORA QUILL").people.map((p) => p.name), ["NORA QUILL"]);
  assert.deepEqual(parseByline("Jack Ma").people.map((p) => p.name), ["Jack Ma"]);
});

test("bylines: job titles, link labels and sentence tails after a name are cut off or refused", () => {
  const names = (t: string): string[] => parseByline(t).people.map((p) => p.name);
  assert.deepEqual(names("Written by Nora Quill Content Marketing Coordinator"), ["Nora Quill"]);
  assert.deepEqual(names("Nora QuillFounder at Mowers Inc"), ["Nora Quill"]);
  assert.deepEqual(names("Otto Fenn Editor of Mowers.example"), ["Otto Fenn"]);
  assert.deepEqual(names("By Nora Quill on"), ["Nora Quill"]);
  assert.deepEqual(names("Nora Quill Nora Quill"), ["Nora Quill"]);
  assert.deepEqual(names("Jason Rostar, SEO"), ["Jason Rostar"]);
  assert.deepEqual(names("Advertiser Disclosure"), []);
  assert.deepEqual(names("Former Lawn Care Consultant"), []);
  assert.deepEqual(names("Growth Project member"), []);
  assert.deepEqual(names("By Kendall Breitman, Community Expert"), ["Kendall Breitman"]);
  assert.deepEqual(names("by Stickybit »"), ["Stickybit"]);
  assert.deepEqual(names("Post Reply"), []);
  assert.deepEqual(names("Forum Rules"), []);
  assert.deepEqual(names("Nora Quill, Senior Director, Content & Marketing"), ["Nora Quill"]);
  // A brand ending in a field word is no title: it stays whole.
  assert.equal(classify("Top Growth Marketing")?.name, "Top Growth Marketing");
  // A desk with its dateline glued on keeps its name.
  assert.deepEqual(classify("Team Mowerly September 4, 2025"), { kind: "desk", name: "Team Mowerly" });
});

test("authors: a site named after a person credits that person when nothing else credits anyone; a brand of two words does not", () => {
  const page = (site: string) =>
    extract(Buffer.from(`<html lang="en"><head><title>Pruning apple trees | ${site}</title><meta property="og:site_name" content="${site}"></head><body><article><h1>Pruning apple trees</h1>${storyText}</article></body></html>`), { url: "https://orchard.example/2025/05/pruning" }).authors;
  assert.deepEqual(page("Polly Barks"), [{ name: "Polly Barks" }]);
  assert.ok(!page("Bread Dad").some((a) => !a.organization), "a brand is no person");
  assert.ok(!page("Cherry Servers").some((a) => !a.organization), "a given name before a business word is a business");
});

test("bylines: a visible byline that runs on past the declared name gives the declared name", () => {
  const html = `<html lang="en"><head><title>Best kettles</title><meta name="sailthru.author" content="Nora Quill"></head><body><article><h1>Best kettles</h1>
<div class="byline">By Nora Quill Nora Quill Nora has tested kettles for a decade.</div>${storyText}</article></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://kettles.example/best" });
  assert.deepEqual(a.authors.map((p) => p.name), ["Nora Quill"]);
});

test("authors: with no byline near the headline, the writer's card elsewhere on the page names the author", () => {
  const page = (extra: string) => `<html lang="en"><head><title>Pruning apple trees</title></head><body><article><h1>Pruning apple trees</h1>${storyText}${storyText}</article>
${extra}</body></html>`;
  const card = `<aside class="sidebar"><div class="author-card"><div class="author-card__name">Nora Quill</div><p>Nora grows apples.</p></div></aside>`;
  const a = extract(Buffer.from(page(card)), { url: "https://orchard.example/blog/pruning" });
  assert.deepEqual(a.authors, [{ name: "Nora Quill" }]);
  assert.equal(a.evidence.authors?.source, "dom:author-box");
  // A writer label alone on its line, the name on the next one.
  assert.deepEqual(extract(Buffer.from(page(`<section><h2>Article by</h2><div>Nora Quill</div></section>`)), { url: "https://orchard.example/blog/pruning" }).authors, [{ name: "Nora Quill" }]);
  // Readers' names in the comments and other stories' writers in related cards name no one.
  const others = `<section class="comments"><div class="comment"><span class="comment-author">Otto Fenn</span><p>Nice.</p></div></section>
<div class="related-posts"><div class="post-card"><h3>Grafting</h3><span class="author">Ada Birch</span></div></div>`;
  const b = extract(Buffer.from(page(others)), { url: "https://orchard.example/blog/pruning" });
  assert.deepEqual(b.authors, []);
});

test("authors: a user name in the page's author statement is its author; a written byline name outranks it", () => {
  const page = (head: string, byline = "") => `<html lang="en"><head><title>Composting at home</title>${head}</head><body><article><h1>Composting at home</h1>${byline}${storyText}</article></body></html>`;
  const url = "https://compost.example/blog/home";
  assert.deepEqual(extract(Buffer.from(page(`<meta name="author" content="nora.quill">`)), { url }).authors, [{ name: "nora.quill" }]);
  assert.deepEqual(extract(Buffer.from(page(`<meta name="author" content="nora quill">`)), { url }).authors, [{ name: "nora quill" }]);
  // A link preview's "Written by" label pair names the author too.
  assert.deepEqual(extract(Buffer.from(page(`<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Nora Quill">`)), { url }).authors, [{ name: "Nora Quill" }]);
  assert.deepEqual(extract(Buffer.from(page(`<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 minutes">`)), { url }).authors, []);
  // The CMS account yields to the name the byline writes; a web address is no user.
  assert.deepEqual(extract(Buffer.from(page(`<meta name="author" content="admin2">`, `<p class="byline">By Otto Fenn</p>`)), { url }).authors.map((a) => a.name), ["Otto Fenn"]);
  assert.deepEqual(extract(Buffer.from(page(`<meta name="author" content="nqeditor">`, `<p class="byline">By Otto Fenn</p>`)), { url }).authors.map((a) => a.name), ["Otto Fenn"]);
  assert.deepEqual(extract(Buffer.from(page(`<meta name="author" content="compostnews.be">`)), { url }).authors, []);
  // Visible text keeps the old rule: a lower-case line is no name.
  assert.deepEqual(parseByline("by the garden desk team").people, []);
});

test("bylines: a date, share buttons or a title glued onto a name come off it; catalogue names are read family name first", () => {
  const names = (t: string): string[] => parseByline(t).people.map((p) => p.name);
  assert.deepEqual(names("Nora Quill 4 August 2010"), ["Nora Quill"]);
  assert.deepEqual(names("Nora Quill July 3, 2025"), ["Nora Quill"]);
  assert.deepEqual(names("Nora Quill FacebookTweetPin"), ["Nora Quill"]);
  assert.deepEqual(names("Otto FennHead Gardener, Co-Founder"), ["Otto Fenn"]);
  assert.deepEqual(names("Written by: Otto Fenn, Senior AnalystUpdated Sep 17, 2025"), ["Otto Fenn"]);
  assert.deepEqual(names("Chief Architect"), []);
  const html = `<html lang="en"><head><title>Soil microbes</title><meta name="citation_author" content="Quill, Nora"><meta name="citation_author" content="Fenn, Otto B."></head>
<body><article><h1>Soil microbes</h1>${storyText}</article></body></html>`;
  assert.deepEqual(extract(Buffer.from(html), { url: "https://journal.example/soil" }).authors.map((a) => a.name), ["Nora Quill", "Otto B. Fenn"]);
});

test("authors: a reviewer's microdata card, a brand with digits, a 'Written by' line elsewhere on the page", () => {
  const page = (head: string, body: string) => `<html lang="en"><head><title>Seed saving</title>${head}</head><body><article><h1>Seed saving</h1>${storyText}</article>${body}</body></html>`;
  const url = "https://seeds.example/blog/saving";
  // Microdata: the researcher's card after "Researched by:" is no author.
  const cards = `<div class="credits">Written by: <span itemprop="author" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="Nora Quill">Nora Quill</span>
<p>Researched by: <span itemprop="author" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="Otto Fenn">Otto Fenn</span></p></div>`;
  assert.deepEqual(extract(Buffer.from(page("", cards)), { url }).authors.map((a) => a.name), ["Nora Quill"]);
  // A declared author with digits is a brand: the organisation.
  assert.deepEqual(extract(Buffer.from(page(`<meta name="author" content="42 Seed Collective">`, "")), { url }).authors, [{ name: "42 Seed Collective", organization: true }]);
  assert.deepEqual(extract(Buffer.from(page(`<meta name="author" content="March 3, 2025">`, "")), { url }).authors, []);
  // A labelled writer line in a box after the story.
  assert.deepEqual(extract(Buffer.from(page("", `<section class="bio-box"><h3>Written by Nora Quill</h3><p>Nora saves seeds.</p></section>`)), { url }).authors.map((a) => a.name), ["Nora Quill"]);
});

test("authors: a page that is no story credits no one by an author box or an organisation alone", () => {
  const html = `<html lang="en"><head><title>Trail Shoe X</title><meta name="author" content="Shoe Supply Team"></head><body><main><h1>Trail Shoe X</h1>
${`<p>${"A light shoe for rough trails, with a grippy sole. ".repeat(20)}</p>`.repeat(4)}</main>
<div class="sidebar"><div class="author-card"><div class="author-card__name">Nora Quill</div></div></div></body></html>`;
  const url = "https://shoes.example/products/trail-shoe-x";
  assert.deepEqual(extract(Buffer.from(html), { url, pageType: "product" }).authors, []);
  assert.deepEqual(extract(Buffer.from(html), { url, pageType: "article" }).authors, [{ name: "Nora Quill" }]);
  const brand = html.replace(/<div class="sidebar">.*?<\/div><\/div><\/div>/s, "");
  assert.deepEqual(extract(Buffer.from(brand), { url, pageType: "product" }).authors, []);
  assert.deepEqual(extract(Buffer.from(brand), { url, pageType: "article" }).authors, [{ name: "Shoe Supply Team", organization: true }]);
});

test("a byline box's reading-time range and share buttons after the names are no part of them; a team credited is the organisation", () => {
  assert.deepEqual(parseByline("By Jane Doe 2–3 minutes").people.map((p) => p.name), ["Jane Doe"]);
  assert.deepEqual(parseByline("WRITTEN BY Jane Doe Share Article Copy link").people.map((p) => p.name), ["Jane Doe"]);
  assert.equal(parseByline("By the Lavazza Team 2–3 minutes").organization, "the Lavazza Team");
});

test("a field label above the writer's name ('<h3>Author</h3><p>Jane Doe</p>', '<dt>Written by</dt><dd>...') is a byline", () => {
  const body = (field: string) => `<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>${field}${"<p>The council met on Tuesday and agreed the plan after a long debate about costs and timing of the work.</p>".repeat(5)}</article></body></html>`;
  assert.deepEqual(extract(body("<div><h3>Author</h3><p>Lisa D. Ellis</p></div>"), { url: "https://news.example/harbour" }).authors.map((a) => a.name), ["Lisa D. Ellis"]);
  assert.deepEqual(extract(body("<dl><dt>Written by</dt><dd>Omar Haddad</dd></dl>"), { url: "https://news.example/harbour" }).authors.map((a) => a.name), ["Omar Haddad"]);
});

test("authors: a personal site names its owner in its title, home link or copyright line; a brand does not; co-authors and employers in one credit", () => {
  const story = "<p>" + "I moved my side projects off managed databases this year, and the bill fell by two thirds while nothing broke. ".repeat(6) + "</p>";
  const page = (title: string, header: string, footer: string) =>
    extract(`<html><head><title>${title}</title></head><body><header>${header}</header><article><h1>Self-host the database</h1>${story}</article><footer>${footer}</footer></body></html>`, { url: "https://example.dev/blog/2025/self-host-the-database" });
  assert.deepEqual(page("Self-host the database | Pierce Keller", "", "").authors.map((a) => a.name), ["Pierce Keller"]);
  assert.deepEqual(page("Self-host the database", '<a href="/">Emily Norton</a>', "").authors.map((a) => a.name), ["Emily Norton"]);
  assert.deepEqual(page("Self-host the database", "", "<p>&copy; 2025 Toby Harland. All rights reserved.</p>").authors.map((a) => a.name), ["Toby Harland"]);
  assert.deepEqual(page("Self-host the database | Bread Dad", '<a href="/">Privacy Guides</a>', "<p>© 2025 Acme Labs</p>").authors, []);
  assert.deepEqual(parseByline("Written by Dr Jane Doe, Senior Director, Example Institute").people.map((p) => p.name), ["Dr Jane Doe"]);
  assert.deepEqual(parseByline("Jane Doe Executive Editor and Master Gardener").people.map((p) => p.name), ["Jane Doe"]);
  assert.deepEqual(parseByline("Jane Doe, Reporter, John Roe").people.map((p) => p.name), ["Jane Doe", "John Roe"]);
  assert.equal(classify("The Commercial Appeal")?.kind, "desk");
});

test("authors: a writer's card (a portrait whose alt text is the name written beside it) credits that person; a team's cards and commenters' avatars do not", () => {
  const story = "<p>" + "The council said on Monday that the flood defences along the river would be finished before the winter storms. ".repeat(6) + "</p>";
  const page = (extra: string) =>
    extract(`<html><head><title>Flood defences finished</title></head><body><article><h1>Flood defences finished</h1>${story}</article>${extra}</body></html>`, { url: "https://example.com/blog/2025/flood-defences" });
  const card = (name: string) => `<div class="card"><img src="/p/${name.length}.jpg" alt="Picture of ${name}"><div><h4>${name}</h4><p>Writes about rivers.</p></div></div>`;
  assert.deepEqual(page(card("Lauren Webb")).authors.map((a) => a.name), ["Lauren Webb"]);
  assert.deepEqual(page(card("Lauren Webb") + card("Peter Hart") + card("Sarah Kim")).authors, []);
  assert.deepEqual(page(`<section class="comments">${card("Peter Hart")}</section>`).authors, []);
});

test("authors: a letter avatar is no name and no part of one ('J JonB' is JonB; 'J Smith' stays)", () => {
  assert.equal(classify("J JonB")?.name, "JonB");
  assert.equal(classify("J Smith")?.name, "J Smith");
  const thread = extract(
    `<html><head><title>Which version for 24.04?</title></head><body><h1>Which version for 24.04?</h1><div class="post"><a href="/user/luizjr4"><span class="avatar">L</span></a> <a href="/user/luizjr4">luizjr4</a><p>${"Ubuntu 24.04 ships an older Qt; which version should I build against for a new desktop app? ".repeat(4)}</p></div><div class="post"><a href="/user/jonb">J</a> <a href="/user/jonb">JonB</a><p>${"Use whatever the distribution ships through apt unless you need a newer feature. ".repeat(3)}</p></div><div class="post"><a href="/user/sgaist">S</a> <a href="/user/sgaist">SGaist</a><p>${"The online installer gives you any version you want, side by side. ".repeat(3)}</p></div></body></html>`,
    { url: "https://forum.example.org/topic/156087/which-version", pageType: "forum" },
  );
  assert.deepEqual(thread.authors.map((a) => a.name), ["luizjr4"]);
});
