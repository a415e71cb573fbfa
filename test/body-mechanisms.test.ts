/**
 * One invented page per body mechanism: captions and credits, lead
 * galleries, split bodies, furniture lines, data rescue. Each asserts what
 * a reader would see, not how the engine gets there.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../src/index.ts";
import type { Article, FigureBlock } from "../src/article.ts";

const prose = (n: number, topic = "harbour") =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} about the ${topic}: the council met on Tuesday and agreed the plan after a long debate about costs and timing.</p>`).join("\n");

function page(body: string, head = ""): Article {
  return extract(`<!doctype html><html><head><title>Harbour reopens</title>${head}</head><body>${body}</body></html>`, { url: "https://news.example/2025/05/harbour" });
}

const figures = (a: Article) => a.blocks.filter((b): b is FigureBlock => b.type === "figure");
const paragraphs = (a: Article) => a.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));

test("a credit in its own element is split from the caption, with what follows it", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <figure><img src="/img/quay-1200.jpg" width="1200" height="800" alt="The quay">
      <figcaption><span class="caption">Boats return to the quay.</span> <span class="credit">Photo by Ana Ruiz</span> /<span class="distributor">Wire</span></figcaption></figure>
    ${prose(4)}</article>`);
  const [fig] = figures(a);
  assert.equal(fig.caption, "Boats return to the quay.");
  assert.equal(fig.credit, "Photo by Ana Ruiz / Wire");
});

test("a short last span after a longer caption span is the credit; a trailing label is dropped", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <figure><img src="/img/a.jpg" width="900" height="600"><figcaption><span>Fishermen mend nets before dawn.</span><span>Stock/Lena Berg</span></figcaption></figure>
    <figure><img src="/img/b.jpg" width="900" height="600"><figcaption>Der Kai am Morgen. Foto: <span class="copyright">Jan Kurz</span></figcaption></figure>
    ${prose(4)}</article>`);
  const [one, two] = figures(a);
  assert.deepEqual([one.caption, one.credit], ["Fishermen mend nets before dawn.", "Stock/Lena Berg"]);
  assert.deepEqual([two.caption, two.credit], ["Der Kai am Morgen.", "Jan Kurz"]);
});

test("a parenthesised name at the end of a caption is its credit, a side marker is not", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <figure><img src="/img/a.jpg" width="900" height="600"><figcaption>The mayor cuts the ribbon. (Harbour Trust)</figcaption></figure>
    <figure><img src="/img/b.jpg" width="900" height="600"><figcaption>Two pilots, the elder on the right (R)</figcaption></figure>
    ${prose(4)}</article>`);
  const [one, two] = figures(a);
  assert.deepEqual([one.caption, one.credit], ["The mayor cuts the ribbon.", "Harbour Trust"]);
  assert.equal(two.credit, undefined);
});

test("a caption printed as a plain paragraph repeating the picture's alt text becomes the caption", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <p><img src="/img/crane.jpg" width="900" height="600" alt="The new crane lifts its first container"></p>
    <p>The new crane lifts its first container <span>Port Authority</span></p>
    ${prose(4)}</article>`);
  const [fig] = figures(a);
  assert.equal(fig.caption, "The new crane lifts its first container");
  assert.equal(fig.credit, "Port Authority");
  assert.ok(!paragraphs(a).some((p) => p.startsWith("The new crane")), "the caption is not also a paragraph");
});

test("a picture named 'share' (shareable) stays; a caption box holding the picture is the figure", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(2)}
    <div class="mol-img"><img class="img-share" src="/img/dock.jpg" width="634" height="400" alt="Dock"></div>
    <p class="caption"><span class="pic"><img src="/img/tug.jpg" width="960" height="540"></span><span class="bu">A tug waits at the pier.</span></p>
    ${prose(2)}</article>`);
  const srcs = figures(a).map((f) => f.images[0]?.src);
  assert.ok(srcs.includes("https://news.example/img/dock.jpg"));
  const tug = figures(a).find((f) => f.images[0]?.src.endsWith("tug.jpg"));
  assert.equal(tug?.caption, "A tug waits at the pier.");
});

test("a lead gallery above the body gives one captioned figure per slide, lazy sources included", () => {
  const slide = (n: number) => `<div class="Carousel-slide"><div class="CarouselSlide">
      <picture><img alt="Image" data-gallery-lazyload="https://cdn.news.example/gallery/pic-${n}.jpg" width="600" height="400"></picture>
      <button>Full screen</button>
      <div class="CarouselSlide-info"><span class="count">${n} of 3 |</span> <span><p>Slide ${n} shows the harbour at dusk. (Harbour Trust)</p></span><button>Read More</button></div>
    </div></div>`;
  const a = page(`<main><div class="Page-lead"><div class="Carousel">${slide(1)}${slide(2)}${slide(3)}</div></div>
    <div class="story"><div class="story-body">${prose(5)}</div></div></main>`);
  const figs = figures(a);
  assert.equal(figs.length, 3);
  assert.deepEqual(figs.map((f) => f.caption), [1, 2, 3].map((n) => `Slide ${n} shows the harbour at dusk.`));
  assert.equal(figs[0].credit, "Harbour Trust");
  assert.equal(figs[0].images[0].src, "https://cdn.news.example/gallery/pic-1.jpg");
});

test("a body split by ads into sibling blocks of one kind is read whole, the ads are not", () => {
  const part = (from: number) => `<div class="grid__container"><div class="grid__content body">${Array.from({ length: 3 }, (_, i) => `<p>Part paragraph ${from + i}: the council met on Tuesday and agreed the plan after a long debate about costs.</p>`).join("")}</div></div>`;
  const a = page(`<article><header><h1>Harbour reopens</h1></header><div class="sidebar-grid">
      ${part(1)}<aside class="sidebar-grid__sidebar"><p>Most read today</p></aside><div class="ad"><span>Advertisement</span></div>
      ${part(4)}<div class="ad"><span>Advertisement</span></div>${part(7)}</div></article>`);
  const ps = paragraphs(a);
  assert.equal(ps.length, 9);
  assert.match(ps[0], /^Part paragraph 1:/);
  assert.match(ps[8], /^Part paragraph 9:/);
  assert.doesNotMatch(a.text, /Advertisement|Most read/);
});

test("furniture lines go, words inside sentences stay", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <p>Quelle: dpa</p><p>© 2025 Harbour Gazette. All rights reserved.</p><p>sak/Reuters</p><p>vor 3 Stunden</p>
    <p>With reporting by Ana Ruiz in Lisbon.</p>
    <p>The ferry will run <em>live</em> trials and <i>dpa</i> reported it first.</p>
    <div type="poll"><p>Will you take the ferry?</p><p>Yes, every day.</p><p>No, never.</p></div>
    ${prose(1, "ferry")}</article>`);
  assert.doesNotMatch(a.text, /Quelle: dpa|All rights reserved|sak\/Reuters|vor 3 Stunden|With reporting by|Will you take the ferry/);
  assert.match(a.text, /The ferry will run live trials and dpa reported it first\./);
});

test("in a live blog, entry authors repeated on every entry are dropped", () => {
  const entry = (t: string, who: string) => `<div class="entry"><p>${t}</p><p>${who}</p><p>Update at ${t}: the ferry left the pier with forty passengers on board and calm seas ahead.</p></div>`;
  const head = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"Harbour reopens"}</script>`;
  const a = page(`<article><h1>Harbour reopens</h1><div class="live">${entry("10:00", "Ana Ruiz")}${entry("10:30", "Ana Ruiz")}${entry("11:00", "Ana Ruiz")}${entry("11:30", "Jon Berg")}</div></article>`, head);
  assert.equal(a.type, "liveblog");
  assert.doesNotMatch(a.text, /Ana Ruiz/);
  assert.equal(paragraphs(a).filter((p) => p.startsWith("Update at")).length, 4);
});

test("a streamed segment parked in a hidden div is the body", () => {
  const a = page(`<main><template id="B:1"></template><p>Loading…</p></main><div hidden id="S:1"><article><h1>Harbour reopens</h1>${prose(4)}</article></div>`);
  assert.equal(paragraphs(a).length, 4);
});

test("a body handed to the page's script as a state object is rescued, without its ad placeholders", () => {
  const para = (n: number) => `<p>Paragraph ${n} of the rescued story: the harbour reopened after two years of work, and the council says the ferry returns in June.</p>`;
  const html = `<p>First paragraph of the rescued story, long enough to read as prose on its own line.</p>$$ARTICLEAD$$${[2, 3, 4, 5, 6, 7].map(para).join("")}`;
  const state = JSON.stringify({ queries: [{ state: { data: { detail: { title: "Harbour reopens", contentHtml: html } } } }] });
  const a = page(`<div id="root"></div><script>window["__STATE__"] = window["__STATE__"] || []; window["__STATE__"].push(${state}); ${" ".repeat(2000)}</script>`);
  assert.ok(paragraphs(a).some((p) => p.startsWith("First paragraph of the rescued story")), JSON.stringify(a.blocks));
  assert.doesNotMatch(a.text, /ARTICLEAD/);
});

test("empty elements named as breaks split paragraphs", () => {
  const a = page(`<article><h1>Harbour reopens</h1><div class="body">One: the council met on Tuesday and agreed the plan after a long debate.<span class="x br"></span>Two: the ferry returns in June with a new timetable and lower fares for residents.<span class="x br"></span>Three: the harbour master said the works finished ahead of schedule and on budget.</div></article>`);
  assert.deepEqual(paragraphs(a).map((p) => p.slice(0, 4)), ["One:", "Two:", "Thre"]);
});

test("a byline printed as a bare name line at the body's end becomes the author; a heading-like label does not", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>MARTA OLSEN</p></article>`);
  assert.deepEqual(a.authors.map((p) => p.name), ["MARTA OLSEN"]);
  assert.doesNotMatch(a.text, /MARTA OLSEN/);
  const b = page(`<article><h1>Harbour reopens</h1><p>Nach Gaetz-Rückzug</p>${prose(4)}</article>`);
  assert.deepEqual(b.authors, []);
});

test("a tag or role named like an object's built-in property (constructor, toString) is no furniture", () => {
  const a = page(
    `<article><h1>Harbour reopens</h1>${prose(2)}<constructor>${prose(1, "ferry")}</constructor><div role="toString">${prose(1, "quay")}</div>${prose(2, "tide")}</article>`,
  );
  assert.match(a.text, /about the ferry/);
  assert.match(a.text, /about the quay/);

  const b = page(
    `<article><h1>Harbour reopens</h1>${prose(2)}<p>The <constructor>harbour master</constructor> spoke at length about the plans for the quay and the ferry.</p>${prose(2, "tide")}</article>`,
    `<script type="application/ld+json">{"@type":["NewsArticle","constructor"],"headline":"Harbour reopens"}</script>`,
  );
  assert.match(b.text, /The harbour master spoke/);
  assert.equal(b.type, "news");
});

test("a custom picture element that carries its own address (<x-image src>) is a picture; a gallery component is not", () => {
  const a = page(
    `<article><h1>Harbour reopens</h1>${prose(2)}<figure><shop-image src="/img/quay.jpg" alt="The quay"></shop-image><figcaption>The new quay at dawn.</figcaption></figure>${prose(2, "tide")}<image-gallery src="/api/gallery.json"></image-gallery></article>`,
  );
  const figs = figures(a);
  assert.equal(figs.length, 1);
  assert.equal(figs[0].images[0].src, "https://news.example/img/quay.jpg");
  assert.equal(figs[0].caption, "The new quay at dawn.");
});

test("a ticker of other stories (headline links with excerpts cut short) is dropped; the story's own list with a trailing ellipsis is kept", () => {
  const ticker = ["Ferry fares rise", "Bridge closes at night", "Market moves indoors", "School opens late"]
    .map((t, i) => `<li><a href="/2025/05/story-${i}">${t}</a> <span>MILLBROOK: The council said on Monday that the change would start next month and that residents should...</span></li>`)
    .join("");
  const a = page(`<div class="main"><div class="ticker"><b>Latest</b><ul>${ticker}</ul></div>
    <article><h1>Harbour reopens</h1>${prose(4)}
    <ul><li>Boats may moor on the east quay from June, the harbour master said, once the new pontoons are in...</li><li>The fish market stays where it is.</li><li>Parking is free until the end of the month.</li></ul></article></div>`);
  assert.ok(!a.text.includes("Ferry fares rise"), a.text);
  assert.ok(!a.text.includes("residents should"), a.text);
  assert.ok(a.text.includes("east quay"));
  assert.ok(a.text.includes("Parking is free"));
});

test("a standings page (short lines and a data table) keeps its table: the table is content, not furniture that costs its container", () => {
  const rows = Array.from({ length: 30 }, (_, i) => `<tr><td>${i + 1}</td><td>Driver Number${i + 1} Surname</td><td>${5000 - i * 97}</td><td>${i % 4}</td></tr>`).join("");
  const a = page(`<div class="main"><div class="body">
    <h1>Harbour regatta standings</h1>
    <p>This page always has the standings after the latest race.</p>
    <p>Bookmark it and come back after every race weekend.</p>
    <table><tr><th>Pos.</th><th>Driver</th><th>Points</th><th>Wins</th></tr>${rows}</table>
    <p>NOTE: comments with unreadable text or that lack respect for other readers will not be approved by the moderator of this page.</p>
    </div></div>`);
  const table = a.blocks.find((b) => b.type === "table");
  assert.ok(table, JSON.stringify(a.blocks.map((b) => b.type)));
  assert.ok(a.text.includes("Driver Number1 Surname"));
  assert.ok(a.text.includes("Bookmark it"));
});

test("a capitalised heading with function words inside ('ORGANIZATIONS IN THIS STORY') is no byline", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>ORGANIZATIONS IN THIS STORY</p></article>`);
  assert.deepEqual(a.authors, []);
  const b = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>JANE MARLOWE</p></article>`);
  assert.deepEqual(b.authors.map((x) => x.name), ["JANE MARLOWE"], "a name line is kept as printed");
});

test("furniture inside the body: a microdata dateline, the comment rules, a 'Tags' label over a run of links", () => {
  const tags = ["harbour", "ferry", "council", "east quay", "pontoons", "fish market", "parking", "tides", "moorings", "harbour master", "boats"].map((t) => `<a href="/tag/${t}" rel="tag">${t} news and updates</a>`).join(", ");
  const a = page(`<article><h1>Harbour reopens</h1><span class="data" itemprop="datePublished">segunda-feira, 22 de janeiro de 2018 às 0:13</span>
    ${prose(4)}<strong>Tags<br>${tags}</strong>
    <p>ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão aprovados pelo moderador.</p></article>`);
  assert.ok(!a.text.includes("janeiro"), a.text);
  assert.ok(!a.text.includes("news and updates"), a.text);
  assert.ok(!a.text.includes("moderador"), a.text);
  assert.ok(a.text.includes("Paragraph 4"));
});

test("a mega-menu full of teaser excerpts does not make the story's wrapper (named 'content' and 'sidebar') look small", () => {
  const teasers = (from: number) =>
    Array.from({ length: 6 }, (_, i) => `<li><a href="/s/${from + i}">Teaser headline ${from + i}</a><p>An excerpt of another story, long enough to read like a paragraph of prose about the harbour and its many boats.</p></li>`).join("");
  // Each menu is under half the page (a zone), all of them together far more paragraph text than the story.
  const a = page(`<header id="page-header"><div class="menu"><ul>${teasers(0)}</ul></div><div class="menu"><ul>${teasers(10)}</ul></div><div class="menu"><ul>${teasers(20)}</ul></div></header>
    <div id="page-content" class="page-content w-sidebar"><div class="story-wrapper"><h1>Harbour reopens</h1>${prose(3)}</div></div>`);
  assert.ok(a.text.includes("Paragraph 3"), a.text);
  assert.ok(!a.text.includes("Teaser headline"), a.text);
});

test("a body split into widgets named 'article-widget-text' keeps a widget that holds a quarter of the story", () => {
  const a = page(`<article><h1>Harbour reopens</h1><div class="article-widgets">
    <div class="article-widget article-widget-text">${prose(3, "ferry")}</div>
    <div class="article-widget article-widget-related"><a href="/other">Another story</a></div>
    <div class="article-widget article-widget-text">${prose(8, "quay")}</div></div></article>`);
  assert.ok(a.text.includes("Paragraph 1 about the ferry"), a.text);
  assert.ok(a.text.includes("Paragraph 8 about the quay"));
});

test("a page that appends the next story (two <article>s, each with its <h1>) gives the story of its title, not both", () => {
  const stacked = (title: string) =>
    extract(
      `<!doctype html><html><head><title>${title}</title></head><body><main>
      <article><h1>Harbour reopens</h1>${prose(5)}</article>
      <div class="under-article"><article><h1>Orchard frost</h1>${prose(6, "orchard")}</article></div></main></body></html>`,
      { url: "https://news.example/2025/05/story" },
    );
  const first = stacked("Harbour reopens");
  assert.ok(first.text.includes("about the harbour") && !first.text.includes("orchard"), first.text);
  const second = stacked("Orchard frost");
  assert.ok(second.text.includes("about the orchard") && !second.text.includes("harbour:"), second.text);
});

test("a ranked list's items (a numbered linked heading over text of their own) are the story; a card of another story is not", () => {
  const item = (i: number, name: string) => `<div class="hub-item"><h2>${i}. <a href="/programs/${name.toLowerCase()}/">${name} School</a></h2><p>The ${name} programme is known for its small classes and strong ties to the harbour industries nearby.</p><ul><li>Location: ${name}ville</li><li>Acceptance rate: ${10 + i}%</li></ul></div>`;
  const a = page(`<article><h1>Best harbour schools</h1>${prose(2)}${item(1, "North")}${item(2, "South")}${item(3, "East")}
    <div class="teaser"><img src="/img/t.jpg" alt=""><h2><a href="/2025/05/ferry-fares">Ferry fares rise in June</a></h2><p>The operator blames fuel costs for the change.</p></div></article>`);
  assert.match(a.text, /South School[\s\S]*Acceptance rate: 12%/, a.text);
  assert.doesNotMatch(a.text, /Ferry fares rise/);
  const chapter = (i: number) => `<div class="row"><h3><a href="/guide/chapter-${i}">Chapter ${i}: Tides and moorings</a></h3><p>What every skipper should know about the tides before tying up at the new quay, part ${i}.</p></div>`;
  assert.match(page(`<article><h1>Harbour guide</h1>${prose(2)}${chapter(1)}${chapter(2)}${chapter(3)}</article>`).text, /Chapter 2: Tides[\s\S]*part 2\./);
});

test("a card of another story on the site (linked heading, picture, one line) is dropped; a roundup's card linking to a shop is kept", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <div class="contentbox"><div class="teaser"><img src="/img/t.jpg" alt=""><h2><a href="/2025/05/ferry-fares">Ferry fares rise in June</a></h2><p>The operator blames fuel costs for the change.</p></div></div>
    ${prose(2, "quay")}
    <div class="product"><img src="/img/boots.jpg" alt=""><h3><a href="https://shop.example.net/boots">Harbour boots</a></h3><p>Our pick for wet quays: they grip well.</p></div></article>`);
  assert.ok(!a.text.includes("Ferry fares rise"), a.text);
  assert.ok(!a.text.includes("fuel costs"), a.text);
  assert.ok(a.text.includes("Paragraph 2 about the quay"));
  assert.ok(a.text.includes("Our pick for wet quays"), a.text);
  // The heading inside the link, as "next story" cards do.
  const b = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <div class="row-desc"><a href="https://news.example/2025/05/next-story"><h5>Market moves indoors</h5></a><p>The stalls leave the quay for the old hall.</p><label>Jane Marlowe 2025-05-03</label></div></article>`);
  assert.ok(!b.text.includes("Market moves indoors") && !b.text.includes("old hall"), b.text);
});

test("a hover card of links inside a sentence is dropped; the name it hangs on and the sentence stay", () => {
  const card = (name: string) =>
    `<span class="people"><a href="/people/${name}">${name.replace("-", " ")}</a><span class="people-block"><a href="/people/${name}">${name}</a> ` +
    `<a href="/news/1-council-agrees-budget">Council agrees budget after long night</a> <a href="/news/2-ferry-fares">Ferry fares rise again in June</a> ` +
    `<a href="/news/3-quay-works">Quay works start next week</a></span></span>`;
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <p>The harbour master thanked Rep. ${card("Jane-Marlowe")} for her help.</p>
    <p>Rep. ${card("Omar-Reyes")} said the works were overdue.</p></article>`);
  assert.ok(a.text.includes("thanked Rep. Jane Marlowe for her help."), a.text);
  assert.ok(a.text.includes("Rep. Omar Reyes said the works were overdue."), a.text);
  assert.ok(!a.text.includes("Council agrees budget"), a.text);
});

test("leftovers of the page's tools in the body: an unrendered button shortcode, a JavaScript notice, comment and tip prompts", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <p>[button link=”http://news.example/submit/” type=”big”] Send us YOUR harbour photos[/button]</p>
    <p>This slideshow requires JavaScript.</p><p>Tell us what YOU think...</p>${prose(1, "quay")}
    <p>Have a tip? Jane Marlowe may be reached at jmarlowe@news.example. Follow her on Twitter @janem.</p>
    <p>Jane Marlowe's book about harbours, "Quay Days", is out now. Follow her on Twitter @janem. Follow us on Facebook.</p>
    <p>Get Harbour Monthly delivered through your letterbox every month. 12 issues for £11.99.</p>
    <p>Follow Harbour News on Instagram, Facebook and YouTube.</p><p>Image copyright</p>
    <p>Harbour News' Jane Marlowe contributed to this report.</p>
    <p>Citation: Harbour reopens (2025, May 3) retrieved 4 May 2025 from https://news.example/2025/05/harbour</p>
    <p>This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission.</p></article>`);
  assert.ok(!a.text.includes("retrieved 4 May"), a.text);
  assert.ok(!a.text.includes("contributed to this report"), a.text);
  assert.ok(!a.text.includes("fair dealing"), a.text);
  assert.ok(!a.text.includes("Instagram"), a.text);
  assert.ok(!a.text.includes("Image copyright"), a.text);
  assert.ok(!a.text.includes("Quay Days"), a.text);
  assert.ok(!a.text.includes("letterbox"), a.text);
  assert.ok(!a.text.includes("may be reached"), a.text);
  assert.ok(!a.text.includes("Send us YOUR"), a.text);
  assert.ok(!a.text.includes("requires JavaScript"), a.text);
  assert.ok(!a.text.includes("what YOU think"), a.text);
  assert.ok(a.text.includes("Paragraph 1 about the quay"));
});

test("an embedded post keeps its attribution line, date included, in the text, as in Markdown and HTML", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <blockquote class="twitter-tweet"><p lang="en">The ferry is back and the quay is full of people today.</p>&mdash; Jane Marlowe (@janemarlowe) <a href="https://twitter.com/janemarlowe/status/1">May 3, 2025</a></blockquote>${prose(1, "quay")}</article>`);
  const quote = a.blocks.find((b) => b.type === "quote");
  assert.deepEqual(quote && { text: quote.text, cite: "cite" in quote ? quote.cite : undefined }, { text: "The ferry is back and the quay is full of people today.", cite: "Jane Marlowe (@janemarlowe) May 3, 2025" });
  assert.ok(a.text.includes("The ferry is back and the quay is full of people today.\n— Jane Marlowe (@janemarlowe) May 3, 2025"), a.text);
  assert.ok(a.markdown.includes("> — Jane Marlowe (@janemarlowe) May 3, 2025"));
});

test("a labelled link on a line of its own after the story ('Related Roundup: X') is dropped; a paragraph 'Account: @name' in a list of picks stays", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <p>Account: <a href="https://social.example/harbourcam">@harbourcam</a></p>
    <div class="linkback">Related Roundup: <a href="/roundup/harbours/">Harbours</a></div>
    <div class="linkback">Buyer's Guide: <a href="/guide/boats/">Boats</a> (<a href="/guide/boats/buy">Buy Now</a>)</div></article>`);
  assert.ok(!a.text.includes("Roundup"), a.text);
  assert.ok(!a.text.includes("Buyer's Guide"), a.text);
  assert.ok(a.text.includes("Account: @harbourcam"), a.text);
});

test("a picture wrapped in a button that opens the image viewer is kept with its caption; an icon button is not", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <button type="button" aria-label="Open image viewer"><figure><img src="/img/quay-1200.jpg" srcset="/img/quay-600.jpg 600w, /img/quay-1200.jpg 1200w" alt="The quay"><figcaption>Boats return to the quay.</figcaption></figure></button>
    <button aria-label="Share"><picture><source srcset="/icons/share.svg" type="image/svg+xml"><img src="/icons/share.svg" width="16" height="16"></picture> Share this article</button>
    ${prose(4)}</article>`);
  const [fig] = figures(a);
  assert.ok(fig, JSON.stringify(a.blocks.map((b) => b.type)));
  assert.equal(fig.caption, "Boats return to the quay.");
  assert.ok(fig.images[0].src?.endsWith("/img/quay-1200.jpg"), fig.images[0].src);
  assert.ok(!a.text.includes("Share this article"), a.text);
});

test("a captioned picture in a wrapper named like furniture ('widget widget--type-image') stays in the story", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(2)}
    <div class="widget widget--type-image"><div class="widget__wrapper"><figure class="widget__figure"><img src="/img/quay-1200.jpg" width="1200" height="800" alt=""><figcaption><span class="widget__captionText">Boats return to the quay.</span></figcaption></figure></div></div>
    ${prose(2, "quay")}<div class="widget widget--type-related"><a href="/other">Another story</a></div></article>`);
  assert.deepEqual(figures(a).map((f) => f.caption), ["Boats return to the quay."]);
  assert.ok(!a.text.includes("Another story"));
});

test("the header's picture leads a body whose first figure comes after its opening paragraphs; a writer's portrait does not", () => {
  const a = page(`<article><header><h1>Harbour reopens</h1><figure><img src="/img/lead-1200.jpg" width="1200" height="800"><figcaption>The harbour at dawn.</figcaption></figure></header>
    <div class="body">${prose(2)}<figure><img src="/img/quay-1200.jpg" width="1200" height="800"><figcaption>Boats return to the quay.</figcaption></figure>${prose(3, "quay")}</div></article>`);
  assert.deepEqual(figures(a).map((f) => f.caption), ["The harbour at dawn.", "Boats return to the quay."]);
  const b = page(`<article><header><h1>Harbour reopens</h1><figure><img src="/img/authors/jane-400.jpg" width="400" height="400"><figcaption>By Jane Marlowe, reporter</figcaption></figure></header>
    <div class="body">${prose(2)}<figure><img src="/img/quay-1200.jpg" width="1200" height="800"><figcaption>Boats return to the quay.</figcaption></figure>${prose(3, "quay")}</div></article>`);
  assert.deepEqual(figures(b).map((f) => f.caption), ["Boats return to the quay."]);
});

test("a paragraph classed as a subheading ('zwischentitel', 'crosshead') is a heading; a bold paragraph stays a paragraph", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(2)}<p class="article-zwischentitel">Costs and timing</p>${prose(2, "quay")}
    <p><strong>Jane Marlowe</strong></p></article>`);
  assert.deepEqual(a.blocks.filter((b) => b.type === "heading").map((b) => ("text" in b ? b.text : "")), ["Costs and timing"]);
});

test("a roundup whose items are cards linking to the site's own reviews keeps its items; a crosshead wrapper keeps its <h2> level", () => {
  const item = (i: number) =>
    `<div class="pick"><img src="/img/boot-${i}.jpg" width="600" height="400" alt=""><h3><a href="/reviews/boot-${i}">Harbour boot ${i}</a></h3><p>Grips well on wet stone and dries overnight, our tester found after a month on the quay.</p></div>`;
  const a = page(`<article><h1>The best harbour boots</h1><p>We tested ten pairs on the quay over a wet month.</p>${[1, 2, 3, 4, 5].map(item).join("")}</article>`);
  assert.ok(a.text.includes("Harbour boot 3") && a.text.includes("dries overnight"), a.text);
  const b = page(`<article><h1>Harbour reopens</h1>${prose(2)}<div class="crosshead"><h2>Costs and timing</h2></div>${prose(2, "quay")}</article>`);
  assert.deepEqual(b.blocks.filter((x) => x.type === "heading").map((x) => ("level" in x ? x.level : 0)), [2]);
});

test("a 'More Great Harbour Stories' heading and its list of links are other stories", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}<hr><div class="heading-h3">More Great Harbour Stories</div>
    <ul><li>Ferries return, <a href="/2025/05/ferries">and so do the gulls</a></li><li>Why the quay <a href="/2025/05/quay">was closed so long</a></li><li>The fish market <a href="/2025/05/market">moves indoors</a></li></ul></article>`);
  assert.ok(!a.text.includes("More Great"), a.text);
  assert.ok(!a.text.includes("gulls"), a.text);
});

test("a lazy-loading placeholder inside a figure (<div data-src>) is its picture, and the credit stays with it", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(2)}
    <figure><span class="image-and-copyright-container"><div class="js-delayed-image-load" data-alt="Boats at the quay" data-src="https://media.news.example/news/1024/quay.jpg" data-width="976"></div>
    <span class="story-image-copyright">Harbour Press</span></span><figcaption>Boats return to the quay.</figcaption></figure>${prose(2, "quay")}</article>`);
  const [fig] = figures(a);
  assert.ok(fig && fig.images[0]?.src === "https://media.news.example/news/1024/quay.jpg", JSON.stringify(a.blocks));
  assert.equal(fig.images[0].alt, "Boats at the quay");
  assert.ok(!paragraphs(a).includes("Harbour Press"), a.text);
});

test("a paragraph printed twice in a row is read once; a lone 'Back' link line and a line of post fields are furniture", () => {
  const a = page(`<article><h1>Harbour reopens</h1><p>The harbour's top picks for the month of May, from regattas to the fish market.</p>
    <p>The harbour's top picks for the month of May, from regattas to the fish market.</p>${prose(3)}
    <p>- Publicado por: Clarissa Borba - Categoria: Saúde - Tags: porto barcos</p><p><a href="/">Voltar</a></p></article>`);
  assert.equal(paragraphs(a).filter((p) => p.startsWith("The harbour's top picks")).length, 1);
  assert.ok(!a.text.includes("Publicado por"), a.text);
  assert.ok(!a.text.includes("Voltar"), a.text);
});

test("a Russian 'most popular' heading introduces other stories", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}<h3>Самые популярные диеты</h3>
    <ul><li><a href="/d/1">Диета Дюкана</a> Эффективная диета без отката.</li><li><a href="/d/2">Капустная диета</a> Можно любой сорт капусты.</li></ul></article>`);
  assert.ok(!a.text.includes("Дюкана") && !a.text.includes("популярные"), a.text);
});

test("a picture box named as a widget ('image_image-widget') is one figure with its caption and credit, not furniture and not paragraphs", () => {
  const a = page(`<article><h1>Harbour reopens</h1><div class="widgets">
    <div class="text_text__y1">${prose(3)}</div>
    <div class="image_image-widget__x1"><span class="image"><picture><img src="https://media.news.example/quay.jpg=w700"></picture></span><p><span>Boats return to the quay at dawn</span></p><p>Image: Jane Marlowe</p></div>
    <div class="text_text__y1">${prose(3, "quay")}</div></div></article>`);
  const [fig] = figures(a);
  assert.ok(fig, JSON.stringify(a.blocks.map((b) => b.type)));
  assert.equal(fig.caption, "Boats return to the quay at dawn");
  assert.ok(!paragraphs(a).some((p) => p.includes("Boats return")), a.text);
});

test("a JavaScript wall left in the body (a figure with a notice and an ad-free offer) and a wordless paragraph are not story; a section break is", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <p>.</p>
    <p>___</p>
    <figure><figcaption>Please enable JavaScript.<br>Or take our <a href="/plus">ad-free offer</a><br>and read us
      <ul><li>without ads</li><li>with JavaScript off</li></ul></figcaption></figure>
    ${prose(2, "ferry")}</article>`);
  const text = paragraphs(a).join("\n");
  assert.doesNotMatch(text, /JavaScript|ad-free|without ads/);
  assert.ok(!paragraphs(a).includes("."));
  // A section break drawn in characters stays.
  assert.ok(paragraphs(a).includes("___"));
  assert.equal(paragraphs(a).length, 6);
});

test("a heading styled by a font-size utility class stays; a dated <time> alone on its line is the dateline, but entry stamps of a live blog stay", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <div class="meta"><div class="date"><time datetime="2025-03-12T18:03:56+01:00">12. MÄR 2025 18:03</time></div></div>
    ${prose(2)}
    <h2 class="helper-fontSize-heading-S">Several arrests</h2>
    ${prose(2, "ferry")}</article>`);
  assert.ok(a.blocks.some((b) => b.type === "heading" && b.text === "Several arrests"));
  assert.doesNotMatch(a.text, /MÄR 2025/);
  const live = page(`<article><h1>Harbour reopens</h1>
    <div class="entry"><time datetime="2025-03-12T09:40:00Z">9:40am</time>${prose(1)}</div>
    <div class="entry"><time datetime="2025-03-12T09:10:00Z">9:10am</time>${prose(1, "ferry")}</div>
    <div class="entry"><time datetime="2025-03-12T08:50:00Z">8:50am</time>${prose(1, "quay")}</div></article>`);
  assert.match(live.text, /9:40am/);
  assert.match(live.text, /8:50am/);
});

test("a short all-bold paragraph between paragraphs is a subheading; a bold question, call-out or the writer's name is not", () => {
  const long = (s: string) => `<p>${s} The council met on Tuesday and agreed the plan after a long debate about costs, timing and the effect on the harbour's traders.</p>`;
  const a = page(`<article><h1>Harbour reopens</h1>${long("First.")}
    <p><strong>Words of wisdom</strong></p>${long("Second.")}
    <p><strong>Are you affected? Get in touch at news@example.com</strong></p>${long("Third.")}
    <p><b>Jane Doe</b></p>${long("Fourth.")}</article>`, `<meta name="author" content="Jane Doe">`);
  const heads = a.blocks.filter((b) => b.type === "heading").map((b) => ("text" in b ? b.text : ""));
  assert.deepEqual(heads.filter((h) => h !== "Harbour reopens"), ["Words of wisdom"]);
});

test("a box shaped as a captioned picture (generated class names) is one figure: caption, then a short credit line", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(2)}
    <div class="sc-x1"><picture><img src="/img/fans-1200.jpg" width="1200" height="800" alt=""></picture>
      <div class="sc-x2">Fans unveil a banner for the captain</div><div class="sc-x3">REUTERS</div></div>
    ${prose(2, "ferry")}
    <div class="sc-y1"><div class="sc-y2"><img src="/img/quay-1200.jpg" width="1200" height="800" alt=""></div>
      <div class="sc-y3">The quay at dawn / J. Doe / Courier photo</div></div>
    ${prose(1, "quay")}</article>`);
  const figs = figures(a);
  assert.equal(figs.length, 2);
  assert.equal(figs[0].caption, "Fans unveil a banner for the captain");
  assert.equal(figs[0].credit, "REUTERS");
  assert.equal(figs[1].caption, "The quay at dawn");
  assert.equal(figs[1].credit, "J. Doe / Courier photo");
  assert.ok(!paragraphs(a).some((p) => /REUTERS|banner|quay at dawn/.test(p)));
});

test("a list of story cards with excerpts cut short by an ellipsis is not taken for the story, however long", () => {
  const card = (i: number) => `<div class="thumbnail-standard"><a href="/other/${i}"><h3>Other story number ${i} about the region</h3></a>
    <p class="thumb-description">The regional council said on Friday that the new budget for the coming year would include money for roads, schools and a ${i}th harbour...</p></div>`;
  const a = page(`<div class="page"><article><h1>Harbour reopens</h1>
      <div class="text">${prose(4)}</div></article>
    <section class="results-index list"><div class="results-items">${Array.from({ length: 12 }, (_, i) => card(i + 1)).join("\n")}</div></section></div>`);
  assert.equal(paragraphs(a).length, 4);
  assert.match(paragraphs(a)[0], /^Paragraph 1 about the harbour/);
  assert.doesNotMatch(a.text, /regional council said on Friday/);
});

test("one paragraph trailing off with an ellipsis is still story", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}<p>The mayor paused, looked at the water and said only that the harbour had waited long enough...</p>${prose(2, "quay")}</article>`);
  assert.ok(paragraphs(a).some((p) => /waited long enough\.\.\.$/.test(p)));
  assert.equal(paragraphs(a).length, 6);
});

test("on a page with no story of its own (a video page), the site's footer text is not taken for one", () => {
  const a = page(`<div class="main"><h1>Veteran, 98, leaves hospital to applause</h1><div class="video-player"></div></div>
    <footer class="site-footer"><p>A NOTE ABOUT RELEVANT ADVERTISING: We collect information about the content you use across this site and use it to make both advertising and content more relevant to you on our network and other sites.</p>
    <p>The contents of this website are copyright and may not be reproduced without permission of the publisher.</p></footer>`);
  assert.doesNotMatch(a.text, /RELEVANT ADVERTISING|copyright/);
});

test("a key-points box is never taken for the story, even when the body around it is mostly furniture", () => {
  const consent = `<div class="sourcepoint__social-placeholder">${"External content not available. To see this post you must accept the cookies of the social network and its privacy terms. ".repeat(3)}</div>`;
  const long = (s: string) => `<p>${s} The liquidation ends a two-year crisis at the developer, which first warned that it could not pay its debts in 2021.</p>`;
  const a = extract(`<!doctype html><html><head><title>How big is the developer?</title></head><body><main><article><h1>How big is the developer?</h1>
    <div class="entry-content article-body">
      <div class="bi-bulletpoints">${long("The developer owes 300 billion dollars.")}${long("That is the largest debt of any company.")}${long("Analysts fear a shock to the economy.")}</div>
      <p>The developer, once the second-largest in the country by sales, will be liquidated on Monday by order of a court in the city.</p>
      ${consent}${consent}${consent}${consent}
    </div></article></main></body></html>`, { url: "https://news.example/2024/01/developer", explain: true });
  assert.doesNotMatch(a.explain?.container ?? "", /bulletpoints/);
  assert.match(a.text, /will be liquidated on Monday/);
});

test("a letter asking readers for money, in a box named as a promo, goes however long; a story about donations in such a box stays", () => {
  const letter = `<div class="zone-widget zone-widget-custom-cta-letter"><h5>A word to our readers</h5>
    <p>Most of our work begins when readers write to us with a question, and our reporters spend days checking what they find in records and interviews.</p>
    <p>We do this every day at no cost to you, but it is far from free to produce, and we cannot afford to slow down now that more people read us than ever.</p>
    <p>Please chip in today so the harbour desk can keep reporting for everyone who needs it.</p></div>`;
  const a = page(`<article><h1>Harbour reopens</h1>${prose(8)}${letter}</article>`);
  const text = paragraphs(a).join("\n");
  assert.match(text, /Paragraph 8 about the harbour/);
  assert.doesNotMatch(text, /at no cost to you|chip in|Most of our work/);
  // One mention of donations is news, not an appeal.
  const b = page(`<article><h1>Harbour reopens</h1>${prose(3)}<div class="promo-story"><p>The fishermen's fund received donations from four villages this spring, and the council will match every one of them before the boats go out in June.</p><p>The fund's chair said the money would repair the old slipway first, then the net sheds beside it.</p></div></article>`);
  assert.match(paragraphs(b).join("\n"), /received donations from four villages/);
});

test("a link inside a sentence that starts with 'more' or 'watch' is part of the sentence; a 'Read more' line of its own still goes", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}
    <p>By the council's count, the ferry ran on <a href="https://news.example/count">more than one day in five</a> last winter, and <a href="https://news.example/video">watch crews</a> stayed on the quay.</p>
    <p><a href="https://news.example/other">Read more: Ferry fares rise in spring</a></p></article>`);
  const text = paragraphs(a).join("\n");
  assert.match(text, /ran on more than one day in five last winter, and watch crews stayed on the quay\./);
  assert.doesNotMatch(text, /Ferry fares rise/);
});

test("a date, number or 'von ...' phrase in its own element inside a sentence stays in the sentence; a byline ending a paragraph still goes", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <p><strong>As of 29 November 2018</strong>, thirty boats will moor in the new harbour basin for the first winter since the storm damaged the old quay.</p>
    <p>Die Behörde betonte am <a href="https://news.example/a">8. Mai 2026</a>, dass die Sanierung des Kais im Sommer abgeschlossen sein werde und der Fährverkehr dann wieder aufgenommen wird.</p>
    <p>Grundlage des <a href="https://news.example/b">von Anwohnern angestoßenen Verfahrens</a> ist allein die Hafenordnung. Das Gericht will im Herbst über die Klage der Fischer entscheiden.</p>
    ${prose(3)}
    <p>The quay was rebuilt over two winters with money from the regional fund and the port authority. <i>By Eva Roth</i></p></article>`);
  const text = paragraphs(a).join("\n");
  assert.match(text, /As of 29 November 2018, thirty boats/);
  assert.match(text, /betonte am 8\. Mai 2026, dass/);
  assert.match(text, /Grundlage des von Anwohnern angestoßenen Verfahrens ist/);
  assert.match(text, /port authority\.$/m);
  assert.doesNotMatch(text, /Eva Roth/);
});

test("a linked name inside a sentence stays whatever its class says; a glossary tooltip sentence inside a sentence still goes", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <p>MADRID — <a class="sn-player-post-link" href="https://news.example/players/ruiz">Ana Ruiz</a> kept the crew's hopes alive, then the harbour pilots completed the crossing in the last hour of light before the storm.</p>
    <p>Med sine trimaran<span class="label meta">Et fartøy med tre skrog, til forskjell fra en katamaran.</span>-kajakker kan de både ro og seile for å komme seg fram langs kysten i all slags vær.</p>
    ${prose(4)}</article>`);
  const text = paragraphs(a).join("\n");
  assert.match(text, /MADRID — Ana Ruiz kept the crew's hopes alive/);
  assert.doesNotMatch(text, /Et fartøy med tre skrog/);
});

test("headings closing the body head nothing, nor the teaser pictures under them; a picture before them and an inner heading stay", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    ${prose(3)}<h2>What the council decided</h2>${prose(3, "budget")}
    <figure><img src="/img/quay-1200.jpg" width="1200" height="800"><figcaption>The quay at dawn.</figcaption></figure>
    <h3>Our videos</h3>
    <div><img src="/img/v1-1280x720.jpg" width="1280" height="720"></div><h3>Ferries return to the lake</h3>
    <div><img src="/img/v2-1280x720.jpg" width="1280" height="720"></div><h3>A new bridge for the old town</h3></article>`);
  const headings = a.blocks.flatMap((b) => (b.type === "heading" ? [b.text] : []));
  assert.deepEqual(headings, ["What the council decided"]);
  assert.deepEqual(figures(a).map((f) => f.caption), ["The quay at dawn."]);
  assert.equal(a.blocks.at(-1)?.type, "figure");
  assert.equal(paragraphs(a).length, 6);
});

test("page labels in more languages go: loading placeholders, partner and 'more news' boxes, comment labels, the Ctrl+Enter error prompt", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}
    <p>Якщо Ви виявили помилку на цій сторінці, виділіть її та натисніть Ctrl+Enter</p>
    <div class="x1">Загрузка...</div>
    <h3>Пропозиції партнерів</h3><ul><li><a href="/p1">Кредит під 0% на рік</a></li><li><a href="/p2">Квартири біля моря</a></li></ul>
    <div class="x2"><a href="/news">більше новин</a></div>
    <p>skip past newsletter promotion</p>
    <p><strong>Lue myös:</strong> <a href="/other">Satama avautuu taas</a></p>
    <p>Kommentarer</p>
    ${prose(1, "ferry")}</article>`);
  assert.equal(paragraphs(a).length, 5);
  assert.doesNotMatch(a.text, /Ctrl\+Enter|Загрузка|партнерів|Кредит|більше новин|newsletter promotion|Lue myös|Satama|Kommentarer/);
});

test("a breadcrumb trail goes whatever its class names (links down one path); a story's list of links stays", () => {
  const a = page(`<article class="bf64dc76"><div class="fba199c3"><ul><li><a href="/">Home</a></li><li><a href="/local/">Local</a></li>
    <li><a href="/local/north/">North</a></li><li><a href="/local/north/harbour/">Harbour</a></li><li>Harbour reopens after the storms</li></ul></div>
    <h1>Harbour reopens</h1>${prose(4)}
    <ul><li><a href="/">Home</a> port of the fleet</li><li><a href="/docs/">The plan</a> of the council</li><li><a href="/docs/2025/">The minutes</a> of May</li></ul>
    ${prose(1, "ferry")}</article>`);
  const items = a.blocks.flatMap((b) => (b.type === "list" ? b.items.map((i) => i.text) : []));
  assert.deepEqual(items, ["Home port of the fleet", "The plan of the council", "The minutes of May"]);
});

test("the headline printed in the body goes however it is punctuated, with a kicker glued before it, and twice; a heading that is only the title's tail stays", () => {
  const head = `<meta property="og:title" content="Harbour reopens: boats return to the quay">`;
  const spaced = page(`<div class="x"><h2>Harbour reopens : boats return to the quay</h2></div><article>${prose(4)}</article>`, head);
  assert.equal(spaced.title, "Harbour reopens: boats return to the quay");
  assert.deepEqual(spaced.blocks.filter((b) => b.type === "heading"), []);
  const kicker = page(`<article><h2><span>After the storms</span> <span>Harbour reopens: boats return to the quay</span></h2>
    <div class="sticky"><h2>Harbour reopens: boats return to the quay</h2></div>${prose(4)}</article>`, head);
  assert.deepEqual(kicker.blocks.filter((b) => b.type === "heading"), []);
  const tail = page(`<article>${prose(1)}<h2>Boats return to the quay</h2>${prose(4)}</article>`, head);
  assert.deepEqual(tail.blocks.flatMap((b) => (b.type === "heading" ? [b.text] : [])), ["Boats return to the quay"]);
});

test("the lines around a story that are not story go: ad labels, source and broadcast credits, filing labels, publication stamps, channel and tip-line promos", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <p>Iklan</p>
    <p>(Quelle: APA/dpa)</p>
    <p>Sendung: Abendschau, 24.04.2024, 19:30 Uhr</p>
    <p>Filed under: Harbour | Weather</p>
    <div class="x9">First Published: Tuesday, November 19, 2019 08:38 AM</div>
    <p>Follow the Harbour Times on WhatsApp for the latest news.</p>
    <p>Abonniere den Whatsapp-Kanal der Hafenzeitung und du bekommst die News direkt.</p>
    <p>Do you have a story to tell? Email: news@example.com</p>
    <p>Ad block users: some site features may not work while an ad blocker is enabled. Please whitelist our site.</p>
    ${prose(1, "ferry")}</article>`);
  assert.equal(paragraphs(a).length, 4);
  assert.doesNotMatch(a.text, /Iklan|Quelle|Sendung|Filed under|First Published|WhatsApp|Whatsapp|story to tell|ad blocker/);
});

test("a story sentence naming a source, a channel or an ad blocker stays", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <p>The council said the source of the leak was found on Monday morning.</p>
    <p>Ad blockers are now used by a third of readers, the study of the harbour press found.</p>
    <p>The ferry company will post timetable changes on its WhatsApp channel and website.</p>
    ${prose(1, "ferry")}</article>`);
  assert.match(a.text, /source of the leak/);
  assert.match(a.text, /Ad blockers are now used/);
  assert.match(a.text, /post timetable changes on its WhatsApp channel/);
});

test("a card of another story inside the body goes when a kicker precedes its linked title or an empty link covers it; a gallery with a 'next' button stays", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}
    <article class="c1"><div><h3><div>Storm season</div><span>:</span><a href="/2025/05/storm-live">Latest news on the storms</a></h3>
      <div>The storms hit the coast in January. Follow the latest developments in our live blog.</div></div>
      <picture><img src="/img/storm.jpg" width="800" height="450"></picture></article>
    <div class="c2"><a href="/2025/04/ferry-history" class="c3"></a><picture><img src="/img/ferry.jpg" width="800" height="450"></picture>
      <h3><span>Fifty years of ferries</span><span>:</span><span>A boat for everyone</span></h3><p>The ferry has carried the island's people since 1975.</p></div>
    <div class="g1"><h3>Boats of the harbour</h3><figure><img src="/img/boat1.jpg" width="1200" height="800"><figcaption>The oldest boat of the fleet, built in 1952.</figcaption></figure>
      <a href="/2025/05/harbour-gallery" rel="next"><i class="icon-next"></i></a></div>
    ${prose(1, "ferry")}</article>`);
  assert.doesNotMatch(a.text, /Storm season|Latest news on the storms|live blog|Fifty years|carried the island/);
  assert.equal(paragraphs(a).length, 5);
  assert.deepEqual(figures(a).map((f) => f.caption), ["The oldest boat of the fleet, built in 1952."]);
});

test("the writer's box under the story goes: an 'About the author' heading with its lines, or a line about the article's author; a line about someone else stays", () => {
  const author = `<meta name="author" content="Lena Berg">`;
  const boxed = page(`<article><h1>Harbour reopens</h1>${prose(4)}<h3>Die Autorin</h3><p>Lena Berg (*1980) war Hafenmeisterin in Kiel. Sie schreibt über Schifffahrt.</p></article>`, author);
  assert.equal(paragraphs(boxed).length, 4);
  assert.doesNotMatch(boxed.text, /Autorin|Hafenmeisterin/);
  const line = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>Korrespondentin Lena Berg ist bei der Hafenzeitung für die Küste zuständig.</p></article>`, author);
  assert.equal(paragraphs(line).length, 4);
  const other = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>Jan Kurz is the harbour master and has run the port since 2010.</p></article>`, author);
  assert.match(other.text, /Jan Kurz is the harbour master/);
});

test("a browser-push sign-up box under the story goes, however long its explanation", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(8)}
    <div class="webpush-registration l-card"><h2>Always informed!</h2><p>Get the news highlights by browser push.</p>
    <p>Push messages are short notes on your screen with the most important news, whether or not our site is open. Click one to read the story; you can switch them off at any time in the settings of your browser.</p></div></article>`);
  assert.equal(paragraphs(a).length, 8);
  assert.doesNotMatch(a.text, /Always informed|browser push|Push messages/);
});

test("a picture sized by an aspect ratio (width 100, height 56.25) is a picture, not an icon: its caption and credit stay a figure", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <figure><picture><img src="" srcset="/img/quay_600.jpg 600w, /img/quay_1200.jpg 1200w" width="100" height="56.25" alt="The quay"></picture>
      <figcaption>Boats return to the quay.<small class="copyright">Bild: Lena Berg/Wire</small></figcaption></figure>
    <p class="icon"><img src="/img/anchor.png" width="24" height="24"> ${"Paragraph about the harbour and its boats, with an icon before it. ".repeat(2)}</p>
    ${prose(4)}</article>`);
  const [fig] = figures(a);
  assert.equal(fig?.images[0].src, "https://news.example/img/quay_1200.jpg");
  assert.equal(fig?.caption, "Boats return to the quay.");
  assert.doesNotMatch(paragraphs(a).join("\n"), /Bild:|Boats return/);
  assert.equal(figures(a).length, 1);
});

test("date stamps in more shapes go ('20 Nov, 2019 05:47', 'November 20, 2019 - 11:28 AMT', '17:41 JST, October 13, 2024'), and a reading time left beside a dropped date, and an old-browser notice", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <div class="x1">Your web browser is no longer supported. To improve your experience <a href="https://browser.example/">update it here</a></div>
    <p>20 Nov, 2019 05:47</p><p>November 20, 2019 - 11:28 AMT</p><p>17:41 JST, October 13, 2024</p>
    <p class="x2"><time datetime="2026-01-06T14:59">06. 01. 2026, 14:59 Uhr</time> Lesedauer: 4 Minuten</p>
    ${prose(4)}<p>On 12 May 2020 the harbour closed for the first time in a century.</p></article>`);
  assert.equal(paragraphs(a).length, 5);
  assert.doesNotMatch(a.text, /browser|2019|JST|Lesedauer/);
});

test("a line of the authors' names under the story is the byline, and names the authors when the page only names the site", () => {
  const site = `<meta property="og:site_name" content="Harbour Times"><meta name="author" content="Harbour Times">`;
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>Lena Berg/Jan Kurz</p></article>`, site);
  assert.deepEqual(a.authors.map((x) => x.name), ["Lena Berg", "Jan Kurz"]);
  assert.doesNotMatch(a.text, /Lena Berg/);
  const known = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>Lena Berg, Jan Kurz</p></article>`, `<meta name="author" content="Lena Berg">`);
  assert.match(known.text, /Lena Berg, Jan Kurz/);
});

test("a sign-up pitch of a few sentences under the story goes; the same words inside the story stay", () => {
  const tail = page(`<article><h1>Harbour reopens</h1>${prose(4)}
    <p>Our website is the place for the latest harbour news, exclusive scoops, long reads and provocative commentary from the coast and the islands. Please bookmark harbour.example and sign up for our newsletters here, and tell your friends about us.</p></article>`);
  assert.equal(paragraphs(tail).length, 4);
  const inside = page(`<article><h1>Harbour reopens</h1>${prose(2)}
    <p>The council asked residents to sign up for our newsletter, said the mayor, quoting the leaflet the harbour office sent to every home in May, and added that the ferry timetable would be printed in it every month from June on, together with the tide tables and the opening hours of the harbour office and its two car parks.</p>${prose(3, "ferry")}</article>`);
  assert.match(inside.text, /quoting the leaflet/);
});

test("the story hidden behind a wall stays when the page's JSON-LD declares it as the article body; hidden copies and other hidden text go", () => {
  const paras = Array.from({ length: 4 }, (_, i) => `Part ${i + 2} of the harbour story: the ferry crews worked through the night to clear the quay of the wreckage left by the storm.`);
  const lead = "The harbour reopened on Monday after three weeks of repairs to the storm-damaged quay and its cranes.";
  const ld = `<script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", headline: "Harbour reopens", articleBody: [lead, ...paras].join(" ") })}</script>`;
  const a = page(`<article><h1>Harbour reopens</h1><p>${lead}</p>
    <div class="paywall" hidden>${paras.map((p) => `<p>${p}</p>`).join("")}</div>
    <div hidden><p>${lead} ${paras[0]} A copy for screen readers of what the page already shows, word for word, and more of it here.</p></div>
    <div hidden><p>Subscribe now for full access to every story of the harbour, the ferries and the islands, with our app and the daily newsletter in your inbox.</p></div></article>`, ld);
  assert.deepEqual(paragraphs(a), [lead, ...paras]);
});

test("the writer's portrait inside the body goes (an author picture by its address or its alt text); a picture of the story with a caption stays", () => {
  const a = page(`<article><h1>Harbour reopens</h1>
    <div class="x1"><figure><img src="/files/images/profile/192x192/52218.png" alt="Lena Berg"></figure><span>Kommentar von</span> <a href="/lena-berg/">Lena Berg</a></div>
    ${prose(4)}<figure><img src="/img/quay.jpg" width="1200" height="800" alt="Lena Berg"><figcaption>The quay at dawn, photographed by Lena Berg.</figcaption></figure>${prose(1, "ferry")}
    <div class="x2"><figure><img src="/img/staff/lena-berg.jpg" alt="Lena Berg"></figure><p>Lena Berg</p></div></article>`, `<meta name="author" content="Lena Berg">`);
  assert.deepEqual(figures(a).map((f) => f.caption), ["The quay at dawn, photographed by Lena Berg."]);
});

test("a subheading whose text sits in an anchor classed as a label ('jumpLabel') stays a heading; a kicker label inside a heading still goes", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}
    <h3 class="subtitle"><a name="part2" class="jumpLabel"><strong>The cranes come back</strong></a></h3>${prose(2, "cranes")}
    <h3><span class="label">Analysis</span> What the reopening means</h3>${prose(2, "ferry")}</article>`);
  assert.deepEqual(a.blocks.flatMap((b) => (b.type === "heading" ? [b.text] : [])), ["The cranes come back", "What the reopening means"]);
});

test("a bold line between paragraphs is a subheading even when split into runs or a person's name; the writer's name is not; a bold 'Related information' takes its links with it", () => {
  const long = (t: string) => `<p>${t}: the council met on Tuesday and agreed the plan after a long debate about costs, timing and the future of the old quay.</p>`;
  const a = page(`<article><h1>Harbour reopens</h1>${long("One")}
    <p><b>T</b><b>he cranes</b><b> come back</b></p>${long("Two")}
    <p><strong>Jan Kurz</strong></p>${long("Three")}
    <p><strong>Lena Berg</strong></p>${long("Four")}
    <div><b>RELATED INFORMATION</b><br><a href="/2025/04/storm">Storm hits the coast</a><br><a href="/2025/03/ferry">Ferry fares rise</a></div></article>`, `<meta name="author" content="Lena Berg">`);
  assert.deepEqual(a.blocks.flatMap((b) => (b.type === "heading" ? [b.text] : [])), ["The cranes come back", "Jan Kurz"]);
  assert.doesNotMatch(a.text, /RELATED|Storm hits|Ferry fares/);
});

test("a card marked up as an article of its own (itemtype Article) is another story even when it links to another site; a roundup's cards without it stay", () => {
  const card = (n: number) => `<article class="c${n}" itemscope itemtype="http://schema.org/Article"><a href="https://other${n}.example/story"><picture><img src="/img/t${n}.jpg" width="350" height="190"></picture></a>
    <header><h2 itemprop="headline"><a href="https://other${n}.example/story">Teaser headline number ${n}</a></h2></header><div itemprop="description"><p>Teaser text ${n} about something else entirely.</p></div></article>`;
  const a = page(`<article><h1>Harbour reopens</h1>${prose(5)}<div class="grid">${card(1)}${card(2)}${card(3)}</div></article>`);
  assert.doesNotMatch(a.text, /Teaser/);
  const shop = (n: number) => `<div class="p${n}"><h3><a href="https://shop${n}.example/item">Ferry model kit ${n}</a></h3><img src="/img/k${n}.jpg" width="300" height="200"><p>A wooden kit of the old ferry, number ${n}.</p></div>`;
  const b = page(`<article><h1>The best harbour gifts</h1>${prose(2)}${shop(1)}${shop(2)}${shop(3)}</article>`);
  assert.match(b.text, /Ferry model kit 1[^]*Ferry model kit 3/);
});

test("contact lines and an editor's initials closing the story go; a sentence with an address in it stays", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}
    <p>Write to Lena Berg at lena.berg@news.example</p><p>신현주 기자 spicy@news.example</p><p>(dmk)</p>
    <p>Residents can send questions to harbour@council.example until the end of May, the council said on Tuesday.</p></article>`);
  assert.doesNotMatch(a.text, /Write to|기자|\(dmk\)/);
  assert.match(a.text, /send questions to harbour@council.example/);
});

test("a tag printed as text, a 'View all (23)' link, a Korean entry-time stamp and an agency signature with 'Von' go", () => {
  const a = page(`<article><h1>Harbour reopens</h1><p>&lt;img height="1" width="1" style="display:none" src="https://tracker.example/p?c=2"&gt;</p>
    <p>입력 2020.08.27 20:27</p>${prose(4)}<p><a href="/gallery">View all (23)</a></p><p>Von dpa</p></article>`);
  assert.equal(paragraphs(a).length, 4);
  assert.doesNotMatch(a.text, /<img|View all|입력|Von dpa/);
});

test("'X contributed reporting from Y' and a long list of contributing writers are credits, not story", () => {
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}<p>Lena Berg contributed reporting from Kirkwall.</p>
    <p>Associated Press writers Alan Fram, Zeke Miller, Laurie Kellman, Colleen Long, Eric Tucker, Lolita Baldor and Jill Colvin contributed to this report.</p></article>`);
  assert.equal(paragraphs(a).length, 4);
});

test("a credit closing a Korean or Japanese caption is split off: an agency or reporter after the last full stop, a photo source, an agency after a full-width '＝', a photographer in brackets", async () => {
  const { splitCredit } = await import("../src/heuristics/credits.ts");
  assert.deepEqual(splitCredit("후보가 15일 유세에서 연설하고 있다. 연합뉴스"), { caption: "후보가 15일 유세에서 연설하고 있다.", credit: "연합뉴스" });
  assert.deepEqual(splitCredit("시민들이 풍선을 흔들고 있다. [사진 = 한수진 기자]"), { caption: "시민들이 풍선을 흔들고 있다.", credit: "한수진 기자" });
  assert.deepEqual(splitCredit("韓国の国旗＝ＡＰ"), { caption: "韓国の国旗", credit: "ＡＰ" });
  assert.deepEqual(splitCredit("警視庁を出る容疑者＝13日、東京で（潟沼義樹撮影）"), { caption: "警視庁を出る容疑者＝13日、東京で", credit: "潟沼義樹撮影" });
  // A "＝" that gives the place and date is part of the caption.
  assert.deepEqual(splitCredit("イスラエルの国旗＝同国で2019年5月"), { caption: "イスラエルの国旗＝同国で2019年5月", credit: undefined });
});

test("the lead image takes the caption and credit of the body's figure that shows it; a 'Credit...' label is read off the credit", () => {
  const a = page(`<article><h1>Harbour reopens</h1><div class="hero"><picture><img src="/img/quay-1200.jpg" width="1200" height="800"></picture>
    <div class="c1">Boats return to the quay.</div><div class="c2">Credit...Lena Berg/The Harbour Times</div></div>${prose(4)}</article>`,
    `<meta property="og:image" content="https://news.example/img/quay-1200.jpg">`);
  assert.equal(a.leadImage?.caption, "Boats return to the quay.");
  assert.equal(a.leadImage?.credit, "Lena Berg/The Harbour Times");
});

test("rescue: page data holding a list of items, each with its rendered HTML, gives all of them when the page shows nothing", () => {
  const items = Array.from({ length: 4 }, (_, i) => ({ id: i, title: `Trend ${i}`, html: `<p>Trend ${i}: cloud spending grows as firms move ${"workloads ".repeat(30)}to managed services.</p>` }));
  const data = JSON.stringify({ props: { pageProps: { list: items } } });
  const html = `<html><head><title>Top trends</title><script id="__NEXT_DATA__" type="application/json">${data}</script></head><body><div id="__next"></div></body></html>`;
  const a = extract(html, { url: "https://mag.example.com/top10/cloud-trends", explain: true });
  for (let i = 0; i < 4; i++) assert.match(a.text, new RegExp(`Trend ${i}: cloud spending`));
  assert.match(a.explain!.rescues.map((r) => r.stage).join(" "), /rescue:hydration/);
});

test("prune never empties a page: a link shared for discussion keeps its comments, its only prose", () => {
  const comments = Array.from({ length: 4 }, (_, i) => `<li class="comment"><a href="/u/user${i}">user${i}</a> <span>1 year ago</span><p>Comment ${i}: the roadmap reads well, and ${"the goals for the year look reachable if the team keeps its pace ".repeat(2)}.</p></li>`).join("");
  const html = `<html><head><title>Project goals for 2024</title><meta property="og:type" content="article"></head><body><header><nav><a href="/">Home</a> <a href="/recent">Recent</a></nav></header>
<div id="inside"><div class="story"><a href="https://blog.example.org/goals">Project goals for 2024</a> via user0 | 12 comments</div><ol class="comments">${comments}</ol></div><footer><a href="/about">About</a></footer></body></html>`;
  const a = extract(html, { url: "https://links.example.com/s/abc123/project_goals_for_2024", pageType: "article" });
  for (let i = 0; i < 4; i++) assert.match(a.text, new RegExp(`Comment ${i}: the roadmap`));
});

test("a story of bare paragraphs above a comment thread three times its length is read whole, without the thread", () => {
  const comments = Array.from({ length: 40 }, (_, i) => `<li class="comment"><p class="comment-author">Reader ${i}</p><p>Comment ${i}: I watched it again last night and ${"the pacing still holds up after all these years, honestly ".repeat(3)}.</p></li>`).join("");
  const story = Array.from({ length: 8 }, (_, i) => `<p>Part ${i} of the review: the film is ${"a sharply paced action story with a satirical edge that many viewers missed ".repeat(i === 5 ? 4 : 2)}.</p>`).join("\n");
  const a = page(`<div class="postarea"><h1>Harbour reopens</h1><p class="post-date">Posted on May 3, 2025</p>${story}
    <div class="postmeta">Category: Reviews</div><div class="comments-wrapper"><h3>59 Comments</h3><ol>${comments}</ol></div></div>`);
  for (let i = 0; i < 8; i++) assert.match(a.text, new RegExp(`Part ${i} of the review`));
  assert.doesNotMatch(a.text, /Comment \d+:/);
});

test("a wiki page's one paragraph above its annotated lists of links is not the whole page: the lists stay", () => {
  const item = (i: number, j: number) => `<li><a href="/wiki/guide-${i}-${j}">Tuning guide ${i}.${j}</a> by Author ${j} (slides and notes, 2019)</li>`;
  const lists = Array.from({ length: 3 }, (_, i) => `<h2>Section ${i}</h2><ul>${Array.from({ length: 6 }, (_, j) => item(i, j)).join("")}</ul>`).join("");
  const a = page(`<div id="content"><h1>Harbour reopens</h1><div class="mw-parser-output"><p>This page gathers guides on tuning the database server, ${"for readers who run it on their own machines ".repeat(2)}.</p>${lists}</div></div>`);
  assert.match(a.text, /Tuning guide 0\.0/);
  assert.match(a.text, /Tuning guide 2\.5/);
});

test("a tab panel hidden until its tab is clicked is read with the shown one; a hidden menu is not", () => {
  const panel = (lang: string, shown: boolean) => `<div role="tabpanel" aria-labelledby="tab-${lang}"${shown ? "" : ' hidden style="display:none"'}><p>Create a file called send.${lang} and paste in the code below, then run it from your terminal to send the message.</p><pre><code>send("${lang} hello")</code></pre></div>`;
  const a = page(`<article><h1>Harbour reopens</h1>${prose(3)}<div role="tablist"><span id="tab-js">Node.js</span><span id="tab-py">Python</span></div>${panel("js", true)}${panel("py", false)}
    <div class="menu" style="display:none"><a href="/a">Pricing</a> <a href="/b">Careers</a></div></article>`);
  assert.match(a.text, /send\.js/);
  assert.match(a.text, /send\.py/);
  assert.doesNotMatch(a.text, /Careers/);
});

test("a page builder's widgets that tile the story are the story; a sidebar widget beside a story in plain blocks still goes", () => {
  const widget = (html: string) => `<div class="builder-element builder-widget"><div class="builder-widget-container">${html}</div></div>`;
  const paras = Array.from({ length: 16 }, (_, i) => widget(`<p>Widget paragraph ${i + 1} about the harbour: the council met on Tuesday and agreed the plan after a debate.</p>`)).join("\n");
  const built = page(`<div class="builder-page"><h1>Harbour reopens</h1>${prose(8)}${paras}</div><aside class="sidebar">Follow us</aside>`);
  assert.equal(paragraphs(built).length, 24);
  const plain = page(`<div class="story"><h1>Harbour reopens</h1>${prose(12)}<div class="widget widget-archive"><p>Browse our archive of older stories by month and by year of publication.</p></div></div>`);
  assert.equal(paragraphs(plain).length, 12);
  assert.ok(!plain.text.includes("archive of older"));
});

test("a generated class-name hash that reads as a word ('item__adF2E': 'ad') marks nothing; a BEM element name still does", () => {
  const faq = Array.from({ length: 4 }, (_, i) => `<details class="FaqItem_item__adF2E"><summary>Question ${i + 1} about the harbour plan?</summary><p>Answer ${i + 1}: the council agreed the plan after a long debate about costs, timing and the fishing fleet.</p></details>`).join("");
  const a = page(`<article><h1>Harbour reopens</h1>${prose(6)}<div class="Faq_list__x9Kq2">${faq}</div></article>`);
  assert.match(a.text, /Answer 4: the council agreed/);
  const b = page(`<article><h1>Harbour reopens</h1>${prose(6)}<div class="sidebar__ad-slot"><p>Advertisement: book your ferry tickets today and save on the summer crossing to the islands.</p></div></article>`);
  assert.ok(!b.text.includes("ferry tickets"));
});

test("an accordion's collapsed answers are content: a toggle button holding the question, or one marked aria-expanded=false; a hidden menu after a plain menu button still goes", () => {
  const qa = (i: number) => `<div class="faq-item"><button type="button" class="flex"><h3>Question ${i}: how long does the harbour work take?</h3></button>
    <div class="text-sm hidden"><p>Answer ${i}: the council expects the work on the quay to take about two years, weather permitting, with the ferry running.</p></div></div>`;
  const spec = `<button aria-expanded="false" aria-controls="spec">Specifications</button><div id="spec" style="display:none"><p>The new quay is two hundred metres long and built from recycled concrete and local stone.</p></div>`;
  const menu = `<button class="burger" aria-label="Menu"></button><ul class="hidden"><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul>`;
  const a = page(`${menu}<article><h1>Harbour reopens</h1>${prose(5)}<h2>Questions</h2>${[1, 2, 3].map(qa).join("")}${spec}</article>`);
  assert.match(a.text, /Question 2: how long/);
  assert.match(a.text, /Answer 3: the council expects/);
  assert.match(a.text, /recycled concrete/);
  assert.doesNotMatch(a.text, /Sport/);
});

test("a list of links the story's own sentence introduces is part of the story; one after a bare label ('See also:') is furniture", () => {
  const items = (p: string) => [1, 2, 3].map((i) => `<li><a href="/${p}/${i}">Guide ${i} to the harbour's ${p} and its long history</a></li>`).join("");
  const a = page(`<article><h1>Harbour reopens</h1>${prose(5)}<p>The council published three guides that explain the plan in detail:</p><ul>${items("guides")}</ul>${prose(2, "quay")}<p>See also:</p><ul>${items("related")}</ul></article>`);
  assert.match(a.text, /Guide 3 to the harbour's guides/);
  assert.doesNotMatch(a.text, /harbour's related/);
});

test("a 2008 page in one table cell: a bold-font headline and a <font> byline are read, and the 'More headlines' teasers and 'Comments (3)' thread after the story go", () => {
  const para = (i: number) => `The county board voted on Tuesday night to approve the new budget for the harbour district, part ${i}, after a long debate that ran past midnight.`;
  const teasers = [0, 1, 2, 3].map((i) => `<a href="/news/2008/04/story${i}.html"><b>Other headline number ${i} about town</b></a><br><font size="1">A short teaser of the other story that runs about a line and a half long, ${i}.</font><br><br>`).join("");
  const thread = [0, 1, 2].map((i) => `<tr><td><b>reader${i}</b> wrote on 04/1${i}/2008 10:1${i} PM:<br>I think the board made the wrong call here, the harbour needs more money for repairs and less for offices.</td></tr>`).join("");
  const html = `<html><head><title>Board approves harbour budget - The Daily Ledger</title></head><body><table width="760"><tr>
<td width="150"><a href="/">Home</a><br><a href="/news/">News</a><br><a href="/sports/">Sports</a></td>
<td width="460"><font face="Arial" size="4"><b>Board approves harbour budget</b></font><br><font size="2">By John Smith, Staff Writer</font><br><font size="1">April 10, 2008</font><br><br>
<font face="Arial" size="2">${[0, 1, 2, 3, 4, 5].map(para).join("<br><br>")}</font><br><br>
<b>More headlines</b><br>${teasers}<b>Comments (3)</b><table>${thread}</table><a href="/comment.php?id=5">Post a comment</a></td></tr></table></body></html>`;
  const a = extract(html, { url: "http://www.dailyledger.example/news/2008/04/10/budget.html" });
  assert.deepEqual(a.authors.map((x) => x.name), ["John Smith"]);
  assert.match(a.text, /part 5, after a long debate/);
  assert.doesNotMatch(a.text, /Other headline|teaser of the other|reader1|wrong call/);
});

test("a 'Comments' label above the story (a link, or a bar of the story's tools) takes nothing with it", () => {
  const a = page(`<article><h1>Harbour reopens</h1><p class="tools"><a href="#comments">Kommentare</a></p>${prose(6)}</article>`);
  assert.equal(paragraphs(a).length, 6);
  const b = page(`<article><h1>Harbour reopens</h1><p>Comments</p>${prose(6)}</article>`);
  assert.equal(paragraphs(b).length, 6);
});

test("an old page's story cell: a byline broken over two lines, a captioned picture in a table, 'Print this story', an ADVERTISEMENT picture and page links", () => {
  const p = (i: number) => `<p>Lawmakers spent the afternoon arguing over the measure, which would raise the fuel tax by four cents a gallon, part ${i}, officials said.</p>`;
  const html = `<html><head><title>Senate passes fuel tax bill | Springfield Courier</title></head><body><table width=780><tr>
<td width=160><a href=/news/>Local News</a><br><a href=/sports/>Sports</a></td><td width=460>
<span class=headline>Senate passes fuel tax bill</span><br><span class=byline>By Mary Jones<br>Courier Staff Writer</span><br><span class=date>Tuesday, March 4, 2008</span><br>
<a href="javascript:window.print()">Print this story</a> | <a href="/email.php">Email this story</a><br><br>
<table align=right width=200><tr><td><img src=/photos/2008/senate.jpg width=200 height=150><br><font size=1>Sen. Tom Baker speaks on the floor Monday. (Courier photo/Jim Lee)</font></td></tr></table>
${[1, 2, 3, 4].map(p).join("\n")}<p align=center>ADVERTISEMENT<br><a href=/ads/click?1><img src=/ads/300x250.gif width=300 height=250></a></p>${[5, 6].map(p).join("\n")}
<p>Page 1 | <a href="?page=2">2</a> | <a href="?page=2">Next &gt;&gt;</a></p></td></tr></table></body></html>`;
  const a = extract(html, { url: "http://www.courier.example/news/2008/03/04/fueltax.html" });
  assert.deepEqual(a.authors.map((x) => x.name), ["Mary Jones"]);
  const [fig] = figures(a);
  assert.match(fig?.caption ?? "", /^Sen\. Tom Baker speaks on the floor Monday/);
  assert.equal(paragraphs(a).length, 6);
  assert.doesNotMatch(a.text, /Print this story|ADVERTISEMENT|Next >>|Page 1/);
  assert.ok(!a.blocks.some((b) => b.type === "figure" && b.images.some((i) => i.src.includes("/ads/"))));
});

test("an old page's teasers after the story (a linked headline on its own line, then an excerpt, paragraph after paragraph) go, with their 'More Local News' label; one such paragraph alone stays", () => {
  const teaser = (i: number) => `<p><a href="/news/2008/05/0${i}/story${i}.html"><b>Town ${i} approves new park plan</b></a><br>The plan adds trails, a playground and parking near the river, officials said ${i}.</p>`;
  const a = page(`<div id="content"><h1>Harbour reopens</h1>${prose(6)}<p><font size=1>Story continues below</font></p>${prose(1, "quay")}<p><b>More Local News</b></p>${[1, 2, 3, 4].map(teaser).join("\n")}</div>`);
  assert.equal(paragraphs(a).length, 7);
  assert.doesNotMatch(a.text, /park plan|More Local News|continues below/);
  const b = page(`<div id="content"><h1>Harbour reopens</h1>${prose(6)}${teaser(1)}</div>`);
  assert.match(b.text, /Town 1 approves new park plan/);
});

test("signed and dated posts after the story, with no name to find them by, are readers' comments; a live blog's timed entries and a timeline's dated ones are the story", () => {
  const story = Array.from({ length: 6 }, (_, i) => `<p>Fire crews worked through the night to contain the blaze at the old mill on River Road, part ${i}, and the cause is still unknown.</p>`).join("");
  const post = [
    (i: number) => `<div><b>reader${i}</b> (10/17/2008 7:0${i} PM)<br>That mill was a landmark and it is sad to see it go, my grandfather worked there, ${i}.</div>`,
    (i: number) => `<p>Posted by reader${i} on October 17, 2008 at 7:0${i} pm</p><p>That mill was a landmark and it is sad to see it go, my grandfather worked there, ${i}.</p>`,
    (i: number) => `<table><tr><td><b>reader${i} wrote:</b></td><td>10/17/2008</td></tr><tr><td colspan=2>That mill was a landmark and it is sad to see it go, my grandfather worked there, ${i}.</td></tr></table>`,
  ];
  for (const shape of post) {
    const a = page(`<table><tr><td><h1>Harbour reopens</h1>${story}${[1, 2, 3, 4].map(shape).join("")}</td></tr></table>`);
    assert.equal(paragraphs(a).length, 6, a.text);
    assert.doesNotMatch(a.text, /landmark|reader2/);
  }
  const entries = [1, 2, 3, 4].map((i) => `<div><b>10:3${i} AM</b><br>Update ${i}: crews report the fire on the east wall is now under control, officials said.</div>`).join("");
  assert.match(page(`<div><h1>Harbour reopens</h1>${story}${entries}</div>`).text, /Update 4: crews report/);
  const timeline = [1, 2, 3, 4].map((i) => `<p><b>March ${i}, 2008</b><br>Event ${i}: the mill changed hands again as the town council debated its future.</p>`).join("");
  assert.match(page(`<div><h1>Harbour reopens</h1>${story}${timeline}</div>`).text, /Event 4: the mill/);
});

test("readers' posts in nested boxes with no class names (a name, a date, a reply control or a permalink) are comments, however long the thread; a live blog's dated entries with no reply control stay", () => {
  const story = Array.from({ length: 5 }, (_, i) => `<p>Fire crews worked through the night to contain the blaze at the old mill on River Road, part ${i}, and the cause is still unknown.</p>`).join("");
  const body = (i: number) => `<p>That mill was a landmark and it is sad to see it go, my grandfather worked there for thirty years and so did his brother, ${i}.</p>`.repeat(2);
  const shapes = [
    (i: number) => `<div><div><div>reader${i}</div><div>${i + 1} years ago</div></div><div>${body(i)}</div><div><span>Reply</span></div></div>`,
    (i: number) => `<li><article><footer><img src="/avatar/${i}.png" width=48><span>Reader ${i}</span><br><a href="#comment-${i}"><time datetime="2025-12-18">December 18, 2025, 9:4${i} pm</time></a></footer><div>${body(i)}</div></article></li>`,
  ];
  for (const [k, shape] of shapes.entries()) {
    const posts = Array.from({ length: 8 }, (_, i) => shape(i)).join("<div></div>");
    const a = page(`<div><h1>Harbour reopens</h1>${story}<div><h3>Discussion</h3>${k ? `<ol>${posts}</ol>` : `<div>${posts}</div>`}</div></div>`);
    assert.equal(paragraphs(a).length, 5, a.text);
    assert.doesNotMatch(a.text, /landmark/);
  }
  const entries = [1, 2, 3, 4].map((i) => `<div><div>Ann Lee</div><div>10:3${i} AM</div><p>Update ${i}: crews report the fire on the east wall is now under control, officials said.</p></div>`).join("");
  assert.match(page(`<div><h1>Harbour reopens</h1>${story}<div>${entries}</div></div>`).text, /Update 4: crews report/);
});

test("a block the layout prints again beside itself (a version per screen size, a slider's clone) is read once; a paragraph said twice among its siblings stays", () => {
  const section = `<h3>How the repairs are paid for</h3><p>The harbour board will borrow four million over ten years and the port fees will rise by a tenth to pay it back.</p>`;
  const refrain = "<p>Fire crews worked through the night to contain the blaze at the old mill, and the cause is still unknown.</p>";
  const a = page(`<article><h1>Harbour reopens</h1>${prose(4)}<div><div class="variant-desktop">${section}</div><div class="variant-mobile">${section}</div></div>${refrain}${prose(1, "budget")}${refrain}</article>`);
  assert.equal(a.text.match(/borrow four million/g)?.length, 1, a.text);
  assert.equal(a.text.match(/Fire crews worked/g)?.length, 2, a.text);
});

test("lines of an old page's story cell: link rows (crumbs, section links, story tools, 'Sections: ...') and the headline, byline and dateline printed above the story go; a sentence naming two linked people stays", () => {
  const p = (i: number) => `Voters in the county will decide next month whether to raise the sales tax by half a cent to pay for new roads, part ${i}.<br><br>`;
  const html = `<html><head><title>Sales tax on ballot</title></head><body><table><tr><td>
<font size=1><a href=/>Home</a> &gt; <a href=/news/>News</a> &gt; <a href=/news/local/>Local</a></font><br>
<a href=/news/>News</a> | <a href=/sports/>Sports</a> | <a href=/obits/>Obituaries</a><br><br>
<font size=5><b>Sales tax on ballot</b></font><br><font size=2><i>By Tom Reed</i></font><br>Published: June 2, 2008<br><br>
${[1, 2, 3, 4, 5].map(p).join("\n")}<a href=/people/ann>Ann Lee</a> and <a href=/people/bo>Bo Kim</a><br>spoke for the plan at the meeting on Monday night.<br><br>
<a href=/email?id=1>E-mail story</a> | <a href=/print?id=1>Print story</a> | <a href=/comments?id=1>Comment on this story</a><br><br>
Sections: <a href=/news/>News</a> | <a href=/sports/>Sports</a> | <a href=/business/>Business</a><br><font size=1>Contact us | Advertise | Subscribe</font></td></tr></table></body></html>`;
  const a = extract(html, { url: "http://www.tricounty.example/news/2008/06/02/tax.html" });
  assert.match(a.text, /^Voters in the county/);
  assert.match(a.text, /Ann Lee and Bo Kim/);
  assert.doesNotMatch(a.text, /Home > News|Obituaries|By Tom Reed|Published:|E-mail story|Sections:|Advertise/);
  assert.deepEqual(a.authors.map((x) => x.name), ["Tom Reed"]);
});
