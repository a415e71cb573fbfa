/**
 * Title and date mechanisms, each on an invented page of test/fixtures/meta/
 * (their full metadata is also pinned by metadata-golden.test.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { extract, type Article } from "../src/index.ts";
import { affixed, stripSite, truncated, withoutKicker } from "../src/metadata/title.ts";
import { parseDate } from "../src/metadata/dates.ts";
import { classify } from "../src/metadata/authors.ts";

const dir = join(import.meta.dirname, "fixtures", "meta");
const ref = new Date("2026-01-01T00:00:00Z");

function page(name: string): Article {
  const html = readFileSync(join(dir, `${name}.html`), "utf8");
  const url = /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1];
  return extract(Buffer.from(html), { url });
}

test("title: a JSON-LD headline beats an og:title that only echoes <title>", () => {
  const a = page("title-seo-echo");
  assert.equal(a.title, "Tram line to the harbour wins council vote");
  assert.equal(a.evidence?.title?.source, "jsonld");
});

test("title: <meta name=headline> without the section and site glued to og:title", () => {
  const a = page("title-section-suffix");
  assert.equal(a.title, "시의회, 항구까지 가는 새 트램 노선 승인");
  assert.equal(a.evidence?.title?.source, "meta:name");
});

test("title: a kicker the headline element sets apart stays with the declared headline", () => {
  assert.equal(page("title-kicker-shown").title, "Rail strike / Commuters face a week of cancellations");
});

test("title: under different kickers in og:title and the h1, the shared headline is the title", () => {
  const a = page("title-kicker-differs");
  assert.equal(a.title, "«Ohne Lokführer fährt kein Zug»");
  assert.equal(a.evidence?.title?.source, "dom:h1");
});

test("title: an og:title cut at an unescaped quote is not the headline; the shown headline, told otherwise than the JSON-LD one, is", () => {
  assert.equal(page("title-og-cut-at-quote").title, 'Mayor opens harbour bridge with "surprise guest"');
});

test("title: JSON-LD entities decoded; a publisher name repeating the headline neither cuts it nor names the site", () => {
  const a = page("title-jsonld-entities");
  assert.equal(a.title, "Bakers’ strike ends - Unions call the offer \"fair\"");
  assert.equal(a.siteName, undefined);
  // The alternativeHeadline repeats the headline: no standfirst.
  assert.equal(a.standfirst, undefined);
});

test("title helpers: affixes, truncation, kickers", () => {
  assert.ok(affixed("Harbour tram: Council approves new line", "Council approves new line"));
  assert.ok(affixed("City budget passes after long night-Politics", "City budget passes after long night"));
  // The second half of a two-part headline is no affix.
  assert.ok(!affixed("Schools and AI - Children learn faster and better, teachers say", "Schools and AI"));
  assert.ok(!affixed("Council approves new line", "Council approves"));
  assert.ok(truncated("Mayor opens bridge with", 'Mayor opens bridge with "surprise guest"'));
  assert.ok(!truncated("Your bill could be worth thousands", "Your bill could be worth thousands - here is how to check"));
  assert.equal(withoutKicker("Verkehrskrise - «Kein Zug»", "Verkehrskrise"), "«Kein Zug»");
});

test("dates: a month written in two calendars' names", () => {
  assert.equal(parseDate("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "ar", ref)?.iso, "2020-04-24T21:22:00");
  assert.equal(page("dates-ar-dual-month").published, "2020-04-24T21:22:00");
});

test("dates: a pipe between date and time is layout", () => {
  assert.equal(parseDate("Do 25.04.24 | 14:07 Uhr | Von", "de", ref)?.iso, "2024-04-25T14:07:00");
});

test("dates: a timed dateline beats a teaser's bare day on pages that state nothing else", () => {
  assert.equal(page("dates-dateline-over-teaser").published, "2020-11-24T08:22:00");
});

test("page: a zone-named wrapper holding the headline and the story is read (blog engine widget)", () => {
  const a = page("dates-blog-widget");
  assert.equal(a.published, "2020-07-05");
  assert.equal(a.evidence?.published?.source, "dom:dateline");
  assert.deepEqual(a.authors.map((p) => p.name), ["Ana Reyes"]);
});

test("bylines: a long CJK run is a profile blurb, not a name", () => {
  assert.equal(classify("この記事を書いた人山田太郎大阪社会部専門・関心分野教育、環境"), undefined);
  assert.equal(classify("山田太郎")?.kind, "person");
});

test("standfirst: a kicker, a subscription pitch, a dateline or a photo credit with a standfirst's class is none; the dek after them is", () => {
  const html = (header: string, ld = "") => `<!doctype html><html lang="en"><head><title>Harbour tram line approved</title>
    <meta name="description" content="The council voted for the new tram line to the harbour after a long debate on costs.">${ld}</head>
    <body><article><h1>Harbour tram line approved</h1>${header}
    <div class="body"><p>${"The council approved the tram line on Tuesday night after a debate that lasted six hours. ".repeat(4)}</p>
    <p>${"Work on the tracks will start in the spring and the first trams should run two years later. ".repeat(4)}</p></div></article></body></html>`;
  const read = (h: string, ld?: string) => extract(Buffer.from(html(h, ld)), { url: "https://courier.example/news/tram" });
  assert.equal(read(`<p class="subtitle">Transport and city planning</p>`).standfirst, undefined);
  assert.equal(read(`<p class="summary">Just $1 for the first month. Support independent journalism by subscribing today.</p>`).standfirst, undefined);
  assert.equal(read(`<p class="intro">Dana Whitfield, transport correspondent, 2026.03.31 19:59</p>`).standfirst, undefined);
  assert.equal(read(`<p class="description">Dana Whitfield / J. Stone / Courier nuotr.</p>`).standfirst, undefined);
  assert.equal(read(`<p class="intro">(Photos by Courier staff; photo illustration by Dana Whitfield)</p>`).standfirst, undefined);
  // A "lead feature" around the lead photo: its only text is the photo's caption.
  assert.equal(read(`<div class="LeadFeature"><img src="/tram.jpg"><div class="embed-caption">A tram waits at the harbour stop during a test run on Tuesday morning.</div></div>`).standfirst, undefined);
  assert.equal(
    read(`<p class="subtitle">Transport and city planning</p><p class="standfirst">The line will link the station with the ferry terminal and cost less than planned.</p>`).standfirst,
    "The line will link the station with the ferry terminal and cost less than planned.",
  );
  // A JSON-LD alternativeHeadline of a few words is a second title or a kicker.
  const ld = (alt: string) => `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour tram line approved","alternativeHeadline":"${alt}"}</script>`;
  assert.equal(read("", ld("Tram vote")).standfirst, undefined);
  assert.equal(read("", ld("The line will link the station with the ferry terminal and cost less than planned.")).standfirst, "The line will link the station with the ferry terminal and cost less than planned.");
});

test("headline: with the only <h1> in a breadcrumb, an <h2> that is the declared title places the header (byline, lead image), not the title", () => {
  const html = `<!doctype html><html lang="de"><head><title>Trams: Neue Linie zum Hafen beschlossen | Kurier</title>
    <meta property="og:title" content="Neue Linie zum Hafen beschlossen"></head><body>
    <nav class="breadcrumb"><ul><li><h1 class="breadcrumb__headline">Trams: Neue Linie zum Hafen beschlossen</h1></li></ul></nav>
    <article><div class="article__header"><h2><span class="kicker">Verkehr</span> <span class="headline">Neue Linie zum Hafen beschlossen</span></h2>
      <div class="authors"><span>von</span> <span class="author-name">Dana Weiß</span>, Redakteurin für Verkehr</div>
      <figure><img src="/img/tram-1200.jpg" width="1200" height="675"><figcaption>Eine Tram am Hafen.</figcaption></figure></div>
    <div class="article__body">${"<p>Der Stadtrat hat am Dienstag die neue Tramlinie zum Hafen beschlossen, nach einer Debatte von sechs Stunden über die Kosten.</p>".repeat(4)}</div>
    </article></body></html>`;
  const a = extract(Buffer.from(html), { url: "https://kurier.example/verkehr/tram" });
  assert.deepEqual(a.authors.map((x) => x.name), ["Dana Weiß"]);
  assert.match(a.leadImage?.src ?? "", /tram-1200\.jpg$/);
  assert.equal(a.title, "Neue Linie zum Hafen beschlossen");
});

test("authors: a job title with its field after the name is no second author", () => {
  assert.equal(classify("Redakteurin für Finanzen"), undefined);
  assert.equal(classify("Editor at large"), undefined);
  assert.deepEqual(classify("Hannah Ritzmann"), { kind: "person", name: "Hannah Ritzmann" });
});

test("title: a site part named after the domain under a subdomain goes ('| Vanguard' on investor.vanguard.com)", () => {
  assert.equal(stripSite("Index Funds: How to Invest | Vanguard", { names: [], host: "investor.vanguard.com" }), "Index Funds: How to Invest");
  assert.equal(stripSite("The Ultimate Car Checklist | Bridgestone Tires", { names: [], host: "tires.bridgestone.com" }), "The Ultimate Car Checklist");
  assert.equal(stripSite("GAME CHANGER | Newegg.com", { names: [], host: "promotions.newegg.com" }), "GAME CHANGER");
  assert.equal(stripSite("Top 5 HR Software | DianaHR", { names: [], host: "www.getdianahr.com" }), "Top 5 HR Software");
  // A headline that names the company is the headline.
  assert.equal(stripSite("Vanguard cuts its fees again | Markets", { names: [], host: "investor.vanguard.com" }), "Vanguard cuts its fees again | Markets");
});
