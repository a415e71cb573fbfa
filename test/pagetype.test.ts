/**
 * Page kinds: the classify stage tells a story from a forum thread, a product grid and a product page, and each
 * kind is extracted as it asks (a thread's every post, a grid's every card). Invented pages shaped like real ones.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../src/index.ts";

const words = (n: number, seed: string): string => Array.from({ length: n }, (_, i) => `${seed}${i % 7 === 0 ? "." : ""} word${i}`).join(" ");

const shell = (head: string, main: string): string => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/contact">Contact</a></nav></header>
<main>${main}</main>
<footer><p>© 2026 Example Ltd. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;

test("pagetype: a news story is an article, and its body is the story", () => {
  const html = shell(
    `<title>Council approves flood plan</title><meta property="og:type" content="article"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves flood plan","datePublished":"2026-03-04T10:00:00Z","author":{"@type":"Person","name":"Jane Doe"}}</script>`,
    `<article><h1>Council approves flood plan</h1><p class="byline">By Jane Doe</p>
${Array.from({ length: 6 }, (_, i) => `<p>The council voted on the river defences in session ${i}, and ${words(40, "flood")} as residents watched.</p>`).join("\n")}</article>`,
  );
  const a = extract(html, { url: "https://news.example.com/2026/03/04/council-approves-flood-plan" });
  assert.equal(a.pageType, "article");
  assert.match(a.text, /session 0/);
  assert.match(a.text, /session 5/);
  assert.doesNotMatch(a.text, /All rights reserved/);
});

test("pagetype: a forum thread is a forum, and every post by every person is kept", () => {
  const posts = Array.from(
    { length: 6 },
    (_, i) => `<div class="post" itemprop="comment" itemscope itemtype="http://schema.org/Comment" id="post_${i}">
  <div class="post-meta"><a href="/u/member${i}">member${i}</a> <time datetime="2026-01-0${i + 1}">Jan ${i + 1}</time></div>
  <div class="post-body"><p>Reply ${i}: I tried the settings you suggested and ${words(25, "thread")} in the end.</p></div></div>`,
  ).join("\n");
  const html = shell(
    `<title>Router keeps dropping Wi-Fi - Help - Example Community</title><meta name="generator" content="Discourse 2026.1"><script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Router keeps dropping Wi-Fi"}</script>`,
    `<h1>Router keeps dropping Wi-Fi</h1><section class="comments">${posts}</section>`,
  );
  const a = extract(html, { url: "https://community.example.com/t/router-keeps-dropping-wi-fi/4521" });
  assert.equal(a.pageType, "forum");
  for (let i = 0; i < 6; i++) assert.match(a.text, new RegExp(`Reply ${i}:`), `post ${i} is kept`);
});

test("pagetype: a grid of products is a collection, and every card is kept", () => {
  const cards = Array.from(
    { length: 12 },
    (_, i) => `<li class="product-card"><a href="/products/sock-${i}"><img src="/img/sock-${i}.jpg" alt=""><h3>Merino Sock ${i}</h3></a><span class="price">$${12 + i}.00</span></li>`,
  ).join("\n");
  const html = shell(
    `<title>Men's Socks | Example Store</title><meta property="og:type" content="website"><script type="application/ld+json">{"@type":"CollectionPage","name":"Men's Socks"}</script>`,
    `<h1>Men's Socks</h1><p>Soft, warm and made to last: every pair of our socks.</p><ul class="grid">${cards}</ul>`,
  );
  const a = extract(html, { url: "https://shop.example.com/collections/mens-socks" });
  assert.equal(a.pageType, "collection");
  for (let i = 0; i < 12; i++) assert.match(a.text, new RegExp(`Merino Sock ${i}\\b`), `card ${i} is kept`);
});

test("pagetype: the caller may say what kind a page is", () => {
  const html = shell("<title>Thread</title>", `<div class="comment"><p>${words(30, "only")}</p></div><div class="comment"><p>${words(30, "second")}</p></div>`);
  const a = extract(html, { url: "https://example.com/x", pageType: "forum", explain: true });
  assert.equal(a.pageType, "forum");
  assert.equal(a.evidence.pageType?.source, "caller");
  assert.match(a.text, /second/);
});

test("pagetype: a grid's region takes in the page's headline when a long unnamed block beside it holds most of the text", () => {
  const cards = Array.from({ length: 8 }, (_, i) => `<div class="tile"><a href="/p/lamp-${i}"><h3>Desk Lamp ${i}</h3></a><span>$${30 + i}</span></div>`).join("");
  const html = `<!doctype html><html><head><title>Desk lamps</title></head><body>
<div class="wrap"><h1>Desk lamps</h1><div class="tiles">${cards}</div></div>
<div class="site-bottom"><p>${"Our company has made lamps since 1950 and ships them to every country with care and attention. ".repeat(12)}</p></div>
</body></html>`;
  const a = extract(html, { url: "https://lamps.example.com/c/desk-lamps", pageType: "collection" });
  for (let i = 0; i < 8; i++) assert.match(a.text, new RegExp(`Desk Lamp ${i}\\b`), `card ${i} is kept`);
});

test("pagetype: a thread keeps its posts and drops each poster's card and signature", () => {
  const posts = Array.from(
    { length: 3 },
    (_, i) => `<article class="message"><div class="message-userDetails"><a href="/members/rider${i}.${i}/">rider${i}</a><span>1,20${i} posts</span><span>Joined Mar 2019</span></div>
<div class="message-body"><p>Post ${i}: my board gets about twenty miles on a charge when ${"the weather stays mild and the hills are gentle ".repeat(3)}.</p></div>
<div class="signature">Ride safe, wear a helmet - rider${i}</div></article>`,
  ).join("\n");
  const html = `<html><head><title>What's your range?</title></head><body><h1>What's your range?</h1><div class="thread">${posts}</div></body></html>`;
  const a = extract(html, { url: "https://boards.example.com/threads/range.3275/", pageType: "forum" });
  for (let i = 0; i < 3; i++) assert.match(a.text, new RegExp(`Post ${i}: my board`));
  assert.doesNotMatch(a.text, /Joined Mar 2019|wear a helmet/);
});

test("pagetype: a product page drops its buyers' reviews however much prose they hold", () => {
  const reviews = Array.from(
    { length: 3 },
    (_, i) => `<div class="customer-review"><p class="review-author">buyer${i}</p><p>Review ${i}: I bought this kettle for the office ${i * 3 + 1} weeks ago and ${words(50, `kettle${i}`)}.</p></div>`,
  ).join("\n");
  const html = shell(
    `<title>Steel kettle 1.7 l</title><script type="application/ld+json">{"@type":"Product","name":"Steel kettle 1.7 l","offers":{"@type":"Offer","price":"39.00","priceCurrency":"EUR"}}</script>`,
    `<h1>Steel kettle 1.7 l</h1><p class="price">€39.00</p><div class="description"><h2>A brushed steel kettle</h2>
<ul>${Array.from({ length: 80 }, (_, i) => `<li>Feature ${i}: brushed steel, ${i} mm</li>`).join("")}<li>Power: 2200 W</li></ul></div><div class="product-reviews-preview fx-content-section"><h2>Customer reviews</h2>${reviews}</div>`,
  );
  const a = extract(html, { url: "https://shop.example.com/products/steel-kettle", pageType: "product" });
  assert.match(a.text, /brushed steel kettle/);
  assert.match(a.text, /2200 W/);
  assert.doesNotMatch(a.text, /Review \d: I bought/);
});

test("pagetype: content that waits hidden for its script is the page when it holds most of the text", () => {
  const html = `<html><head><title>Desk lamp</title></head><body><header><a href="/">Shop</a> <a href="/cart">Cart</a></header>
<div class="product-wrapper" style="display: none"><h1>Desk lamp</h1><p>${"An adjustable lamp with a warm light for long evenings of reading and work at the desk. ".repeat(8)}</p>
<p>${"The arm holds any angle and the base keeps it steady on a crowded table. ".repeat(6)}</p></div>
<div class="menu" style="display:none"><a href="/a">Lamps</a> <a href="/b">Desks</a></div><footer>© 2026 Shop</footer></body></html>`;
  const a = extract(html, { url: "https://shop.example.com/products/desk-lamp" });
  assert.match(a.text, /An adjustable lamp/);
  assert.match(a.text, /The arm holds any angle/);
  assert.doesNotMatch(a.text, /Lamps Desks/);
});

test("pagetype: a listing whose grid is named as furniture ('related-product') keeps its grid", () => {
  const cards = Array.from({ length: 8 }, (_, i) => `<div class="items-listing"><a href="/mowers/m${i}"><h4>MOWER ${i}</h4><h3>Quiet and autonomous, up to ${i + 1} acres per charge</h3><span class="price">$ ${i + 1},999.99</span></a></div>`).join("\n");
  const menu = Array.from({ length: 30 }, (_, i) => `<li><a href="/c${i}">Category number ${i}</a></li>`).join("");
  const html = `<html><head><title>Robotic mowers</title></head><body><header><nav><ul class="menu">${menu}</ul></nav></header>
<section id="site-content"><section class="hero"><h3>Robotic mowers</h3></section><section class="related-product">${cards}</section></section>
<footer><ul>${menu}</ul><p>© 2026 Mowers Inc.</p></footer></body></html>`;
  const a = extract(html, { url: "https://mowers.example.com/en-us/robotic-mowers/", pageType: "listing" });
  for (let i = 0; i < 8; i++) assert.match(a.text, new RegExp(`MOWER ${i}`));
  assert.doesNotMatch(a.text, /Category number/);
});

test("pagetype: a listing named only by its <title> is named by the title's first part, not the site's tagline after the bar", () => {
  const items = Array.from({ length: 8 }, (_, i) => `<li><a href="/economy/story-${i}">Rates hold steady as markets wait for news number ${i}</a> <span>3 hours ago</span></li>`).join("");
  const html = `<html><head><title>Economy | Today's latest from Harbour News</title></head><body><nav><a href="/">Home</a></nav><main><ul>${items}</ul></main></body></html>`;
  const a = extract(html, { url: "https://harbour.example/economy/", pageType: "listing" });
  assert.equal(a.title, "Economy");
  const doc = `<html><head><title>What is ownership? - The Harbour Language</title></head><body><main><h2>Ownership rules</h2><p>${"Each value has one owner, and the value is dropped when its owner goes out of scope. ".repeat(6)}</p><pre><code>let s = String::from("quay");</code></pre></main></body></html>`;
  assert.equal(extract(doc, { url: "https://docs.harbour.example/book/ownership.html", pageType: "documentation" }).title, "What is ownership?");
});

test("pagetype: a product page credits no one by a capitalised line of its text ('Key Features')", () => {
  const html = shell(
    `<title>Steel kettle</title><script type="application/ld+json">{"@type":"Product","name":"Steel kettle","offers":{"@type":"Offer","price":"39.00","priceCurrency":"EUR"}}</script>`,
    `<h1>Steel kettle</h1><p class="price">€39.00</p><p>Key Features</p><p>${"A brushed steel kettle with a 1.7 litre tank that switches off when dry. ".repeat(5)}</p>`,
  );
  const a = extract(html, { url: "https://shop.example.com/products/steel-kettle", pageType: "product" });
  assert.deepEqual(a.authors, []);
  const story = extract(html, { url: "https://shop.example.com/products/steel-kettle", pageType: "article" });
  assert.ok(story.pageType === "article");
});

test("pagetype: a category page is named by its visible heading, not its shop's SEO title", () => {
  const cards = Array.from({ length: 8 }, (_, i) => `<li class="card"><a href="/p/mic-${i}">Microphone ${i}</a><span class="price">£${99 + i}</span></li>`).join("");
  const html = shell(`<title>Buy Condenser Microphones online at Best Prices | Example Music</title>`, `<h1>Condenser Microphones</h1><ul class="grid">${cards}</ul>`);
  const a = extract(html, { url: "https://music.example.com/gb/condenser-microphones.html", pageType: "collection" });
  assert.equal(a.title, "Condenser Microphones");
  assert.equal(a.evidence.title?.source, "dom:h1");
});

test("pagetype: a product page has no publication date, whatever dates its data carries", () => {
  const html = shell(
    `<title>Steel kettle</title><meta property="article:published_time" content="2024-02-01T10:00:00Z"><script type="application/ld+json">{"@type":"Product","name":"Steel kettle","offers":{"@type":"Offer","price":"39.00","priceCurrency":"EUR"}}</script>`,
    `<h1>Steel kettle</h1><p class="price">€39.00</p><p>${"A brushed steel kettle with a 1.7 litre tank that switches off when dry. ".repeat(5)}</p>`,
  );
  assert.equal(extract(html, { url: "https://shop.example.com/products/steel-kettle", pageType: "product" }).published, undefined);
  assert.equal(extract(html, { url: "https://shop.example.com/products/steel-kettle", pageType: "article" }).published?.slice(0, 10), "2024-02-01");
});

test("pagetype: a thread's author is who opened it, the first poster after its headline", () => {
  const posts = Array.from(
    { length: 3 },
    (_, i) => `<article class="message"><div class="message-userDetails"><a href="/members/rider${i}.${i}/">rider${i}</a></div>
<div class="message-body"><p>Post ${i}: my board gets about twenty miles on a charge when ${"the weather stays mild and the hills are gentle ".repeat(3)}.</p></div></article>`,
  ).join("\n");
  const html = `<html><head><title>What's your range?</title></head><body><header><a href="/members/account/">Log in</a></header><h1>What's your range?</h1><div class="thread">${posts}</div></body></html>`;
  const a = extract(html, { url: "https://boards.example.com/threads/range.3275/", pageType: "forum" });
  assert.deepEqual(a.authors.map((x) => x.name), ["rider0"]);
});

test("pagetype: a thread whose posts name their writers in microdata credits its opener, a user name in lower case as the site writes it", () => {
  const names = ["hayley.p", "Kestrel", "alison100"];
  const posts = names
    .map((n, i) => `<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">${n}</span></span>
<div itemprop="text"><p>Post ${i}: the new treatment has made ${"the mornings easier and the evenings calmer than before ".repeat(3)}.</p></div></div>`)
    .join("\n");
  const html = `<html><head><title>Struggling with fatigue</title></head><body><h1>Struggling with fatigue</h1><div itemscope itemtype="https://schema.org/DiscussionForumPosting">${posts}</div></body></html>`;
  const a = extract(html, { url: "https://forum.example.org/t/struggling-with-fatigue/1234", pageType: "forum" });
  assert.deepEqual(a.authors.map((x) => x.name), ["hayley.p"]);
});

test("pagetype: a hidden block holding the page's only headline is the page, even when a hidden footer is longer", () => {
  const footer = Array.from({ length: 60 }, (_, i) => `<a href="/help/${i}">Help topic number ${i} for customers</a>`).join(" ");
  const html = `<html><head><title>Almond thins | Shop</title></head><body><header><a href="/">Shop</a> <a href="/cart">Cart</a> <span>Hi</span></header>
<div class="product-grouping defer-block" style="display: none"><h1>Almond thins, cranberry</h1>
<p>${"Crisp almond thins baked in small batches from a family recipe, with dried cranberries. ".repeat(9)}</p></div>
<div id="hide-footer" style="display:none">${footer}</div></body></html>`;
  const a = extract(html, { url: "https://shop.example.com/pr/almond-thins/61856" });
  assert.match(a.text, /Crisp almond thins/);
  assert.doesNotMatch(a.text, /Help topic/);
});

test("pagetype: a store's grid hidden until its script runs is the page when its main region shows nothing else, however long the menus; a hidden box is weighed by its text, not its scripts", () => {
  const menu = Array.from({ length: 120 }, (_, i) => `<a href="/c/${i}">Category number ${i} of the shop</a>`).join(" ");
  const cards = Array.from({ length: 24 }, (_, i) => `<li class="card"><a href="/p/${i}"><h3>Roast blend ${i}</h3></a><p>A medium roast with notes of cocoa and citrus, ground to order.</p><span class="price">$${10 + i}.00</span></li>`).join("");
  const data = JSON.stringify({ "@type": "ItemList", itemListElement: Array.from({ length: 400 }, (_, i) => ({ "@type": "ListItem", position: i, url: `https://shop.example.com/p/${i}`, name: `Roast blend number ${i} with a long description` })) });
  const html = `<html><head><title>Coffee | Shop</title></head><body><header><nav>${menu}</nav><div class="search-widget" style="display:none"><p>Search the shop</p><script type="application/ld+json">${data}</script></div></header><main id="MainContent">
<div class="lockdown-content" style="display:none;"><h2>Coffee</h2><ul class="grid">${cards}</ul></div></main>
<footer>${menu}</footer></body></html>`;
  const a = extract(html, { url: "https://shop.example.com/collections/coffee" });
  assert.match(a.text, /Roast blend 23/);
  assert.doesNotMatch(a.text, /itemListElement|Search the shop/);
});

test("pagetype: a product page credits no author, not even its maker's 'By' line", () => {
  const html = shell(
    `<title>Almond thins</title><script type="application/ld+json">{"@type":"Product","name":"Almond thins","brand":{"@type":"Brand","name":"Almondina"},"offers":{"@type":"Offer","price":"4.00","priceCurrency":"EUR"}}</script>`,
    `<h1>Almond thins</h1><p class="byline">By Almondina</p><p class="price">€4.00</p><p>${"Crisp almond thins baked in small batches from a family recipe. ".repeat(5)}</p>`,
  );
  assert.deepEqual(extract(html, { url: "https://shop.example.com/pr/almond-thins", pageType: "product" }).authors, []);
});

test("pagetype: a page taken for a story whose best block is one of many sections is read as its main region", () => {
  const links = (i: number) => `<ul>${Array.from({ length: 30 }, (_, j) => `<li><a href="/s${i}/${j}">Option ${j} of this service plan</a></li>`).join("")}</ul>`;
  const prose = (i: number) => `We plan service ${i} for teams of every size, ${"with careful scheduling, clear pricing and support through every stage ".repeat(i === 0 ? 8 : 2)}.`;
  const sections = Array.from({ length: 5 }, (_, i) => `<section class="block"><h2>Service ${i}</h2><p>${prose(i)}</p>${links(i)}</section>`).join("\n");
  const html = shell(
    `<title>Event planning</title><meta property="og:type" content="article"><script type="application/ld+json">{"@type":"Article","headline":"Event planning for companies","datePublished":"2026-01-05T10:00:00Z","author":{"@type":"Person","name":"Jane Doe"}}</script>`,
    `<h1>Event planning for companies</h1>${sections}`,
  );
  const a = extract(html, { url: "https://events.example.com/2026/01/05/event-planning-for-companies", explain: true });
  assert.equal(a.pageType, "article");
  assert.equal(a.explain?.container, "html > body > main");
  for (let i = 0; i < 5; i++) assert.match(a.text, new RegExp(`We plan service ${i}`));
});
