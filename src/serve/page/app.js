// The newsclip web page: extract a page and see why it came out as it did,
// and browse the archive. Text from articles is only ever set as textContent,
// or parsed and passed through an allow-list (clean()) before it is shown.
import { markRemovals } from "/highlight.js";

const $ = (sel) => document.querySelector(sel);

/** Builds an element; children are nodes or strings (set as text, never parsed). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c);
  return el;
}

// ---- the access token ------------------------------------------------------------
// A server started with a token is opened as http://HOST:PORT/#token=TOKEN: the token is kept for this tab
// (sessionStorage), taken out of the address bar, and sent with every API request.
const TOKEN_KEY = "newsclip-token";
{
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, "", location.pathname + location.search);
  }
}

/** fetch() for the API, with the token when there is one. */
function api(url, init = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return fetch(url, token ? { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } } : init);
}

const httpUrl = (u) => typeof u === "string" && /^https?:\/\//i.test(u.trim());

// ---- sanitising the article body ------------------------------------------------

/** What article.html may contain (it is built from typed blocks); everything else is dropped. */
const ALLOWED = {
  P: [], H1: [], H2: [], H3: [], H4: [], H5: [], H6: [], UL: [], OL: [], LI: [], A: ["href"], STRONG: [], EM: [], CODE: ["class"],
  SUB: [], SUP: [], BR: [], BLOCKQUOTE: [], CITE: [], PRE: [], TABLE: [], CAPTION: [], THEAD: [], TBODY: [], TR: [], TH: [], TD: [],
  FIGURE: [], FIGCAPTION: [], IMG: ["src", "alt", "width", "height"], SMALL: [], MARK: [],
};

/** A fragment holding only allowed elements, attributes and http(s) links. */
function clean(html, allowed = ALLOWED) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const walk = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.TEXT_NODE) continue;
      if (child.nodeType !== Node.ELEMENT_NODE) {
        child.remove();
        continue;
      }
      const keep = allowed[child.tagName];
      if (!keep) {
        // Unknown wrappers lose their tag but keep their text; active content goes entirely.
        if (/^(SCRIPT|STYLE|IFRAME|OBJECT|EMBED|TEMPLATE|SVG|MATH|NOSCRIPT|FORM|TEXTAREA|SELECT)$/.test(child.tagName)) child.remove();
        else {
          walk(child);
          child.replaceWith(...child.childNodes);
        }
        continue;
      }
      for (const a of [...child.attributes]) {
        const ok = keep.includes(a.name) && (a.name !== "href" && a.name !== "src" ? true : httpUrl(a.value));
        if (!ok) child.removeAttribute(a.name);
      }
      if (child.tagName === "A") {
        child.setAttribute("rel", "noopener noreferrer nofollow");
        child.setAttribute("target", "_blank");
      }
      if (child.tagName === "IMG") {
        child.setAttribute("loading", "lazy");
        child.setAttribute("referrerpolicy", "no-referrer");
      }
      walk(child);
    }
  };
  walk(doc.body);
  const frag = document.createDocumentFragment();
  frag.append(...doc.body.childNodes);
  return frag;
}

// ---- reader view ------------------------------------------------------------------

function formatDate(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function renderReader(target, a) {
  target.replaceChildren();
  if (a.lang) target.lang = a.lang;
  const head = h("header");
  const kicker = [a.siteName, a.section].filter(Boolean).join(" · ");
  if (kicker) head.append(h("p", { class: "kicker" }, kicker));
  head.append(h("h1", { class: "headline" }, a.title || "(no headline)"));
  if (a.standfirst) head.append(h("p", { class: "standfirst" }, a.standfirst));
  if (a.keyPoints?.length) head.append(h("ul", { class: "key-points", "aria-label": "Key points" }, a.keyPoints.map((k) => h("li", {}, k))));
  const people = a.authors.map((x) => (httpUrl(x.url) ? h("a", { href: x.url, rel: "noopener noreferrer nofollow", target: "_blank" }, x.name) : x.name));
  const byline = h("p", { class: "byline" });
  people.forEach((p, i) => byline.append(i ? ", " : "By ", p));
  if (a.agencies?.length) byline.append(people.length ? ` (${a.agencies.join(", ")})` : a.agencies.join(", "));
  else if (!people.length && a.organization) byline.append(a.organization);
  if (byline.childNodes.length) head.append(byline);
  const dates = h("p", { class: "dates" });
  if (a.published) dates.append(h("time", { datetime: a.published }, "Published " + formatDate(a.published)));
  if (a.modified && a.modified !== a.published) dates.append(h("time", { datetime: a.modified }, "Updated " + formatDate(a.modified)));
  if (a.wordCount) dates.append(h("span", {}, `${a.wordCount} words · ${a.readingTimeMinutes} min`));
  if (dates.childNodes.length) head.append(dates);
  target.append(head);
  const lead = a.leadImage;
  // The body often opens with the same picture; show it once.
  const inBody = (a.blocks || []).some((b) => b.type === "figure" && b.images.some((i) => i.src === lead?.src));
  if (lead && httpUrl(lead.src) && !inBody) {
    const cap = [lead.caption, lead.credit].filter(Boolean).join(" ");
    target.append(
      h("figure", { class: "lead" }, h("img", { src: lead.src, alt: lead.alt || "", loading: "lazy", referrerpolicy: "no-referrer" }), cap ? h("figcaption", {}, cap) : null),
    );
  }
  const body = h("div", { class: "body" });
  body.append(clean(a.html || ""));
  if (!a.html) body.append(h("p", { class: "empty" }, "No article body was found."));
  target.append(body);
}

// ---- metadata and removals -----------------------------------------------------

const META_FIELDS = ["title", "authors", "agencies", "organization", "published", "modified", "siteName", "section", "lang", "type", "canonicalUrl", "url", "description", "standfirst", "keyPoints", "tags", "leadImage", "isAccessibleForFree", "paywalled", "wordCount"];

function show(v) {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" ? x.name ?? JSON.stringify(x) : String(x))).join("; ");
  if (typeof v === "object") return v.src ?? JSON.stringify(v);
  return String(v);
}

function renderMeta(a) {
  const rows = [];
  for (const f of META_FIELDS) {
    const v = a[f];
    if (v === undefined || (Array.isArray(v) && !v.length)) continue;
    const ev = a.evidence?.[f];
    rows.push(
      h("tr", { "data-field": f },
        h("th", { scope: "row" }, f),
        h("td", {}, show(v)),
        h("td", { title: ev?.raw ? `read from: ${ev.raw}` : null }, ev ? ev.source : "—"),
        h("td", {}, ev ? ev.confidence.toFixed(2) : "")),
    );
  }
  $("#meta tbody").replaceChildren(...rows);
}

let originalUrl = "";

/** Loads the marked page into the sandboxed frame; a fragment scrolls it with no script in the frame. */
function showOriginal(html, anchor) {
  if (originalUrl) URL.revokeObjectURL(originalUrl);
  originalUrl = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  $("#original").src = originalUrl + (anchor ? "#" + anchor : "");
}

function renderRemovals(removals, shown) {
  $("#removal-count").textContent = `${removals.length} recorded, ${shown.filter(Boolean).length} outlined in the original`;
  $("#removals").replaceChildren(
    ...removals.map((r, i) =>
      h("li", { class: shown[i] ? "shown" : "unseen", "data-stage": r.stage },
        shown[i] ? h("button", { type: "button", class: "link show", "data-anchor": `nc-r-${i + 1}` }, "show") : null,
        h("span", { class: "badge" }, `${r.stage}/${r.rule}`), " ",
        h("span", { class: "reason" }, r.reason),
        r.textPreview ? h("q", {}, r.textPreview) : null,
        r.path ? h("code", {}, r.path) : null,
        shown[i] ? null : h("span", { class: "hint" }, " (not visible in the page)")),
    ),
  );
}

// ---- extraction -------------------------------------------------------------

let dropped = null;

async function problemText(res) {
  try {
    const p = await res.json();
    return `${p.code || res.status}: ${p.detail || p.title}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

async function runExtract(ev) {
  ev?.preventDefault();
  const url = $("#url").value.trim();
  const html = $("#html").value;
  const save = $("#save").checked;
  let res;
  const status = $("#status");
  status.className = "";
  status.textContent = "Extracting…";
  const t0 = performance.now();
  try {
    if (dropped) {
      const q = new URLSearchParams({ save: String(save) });
      if (url) q.set("url", url);
      res = await api("/v1/inspect?" + q, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: dropped });
    } else if (html.trim()) {
      res = await api("/v1/inspect", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ html, ...(url ? { url } : {}), save }) });
    } else if (url) {
      res = await api("/v1/inspect", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url, save }) });
    } else {
      status.textContent = "Give a URL, paste HTML or drop a file.";
      return;
    }
  } catch (err) {
    status.className = "error";
    status.textContent = "The server did not answer: " + err.message;
    return;
  }
  if (!res.ok) {
    status.className = "error";
    status.textContent = await problemText(res);
    return;
  }
  const { article, source, id } = await res.json();
  const removals = article.explain?.removals ?? [];
  const marked = markRemovals(source, removals, article.url, article.explain?.container);
  renderReader($("#reader"), article);
  renderMeta(article);
  renderRemovals(removals, marked.shown);
  showOriginal(marked.html, marked.container ? "nc-main" : "");
  $("#result").hidden = false;
  const ms = Math.round(performance.now() - t0);
  status.textContent = `Extracted in ${ms} ms: ${article.wordCount} words, ${removals.length} removals${id ? `, saved as #${id}` : ""}.`;
  if (id) status.append(" ", h("a", { href: `/v1/articles/${id}`, target: "_blank", rel: "noopener" }, "JSON"));
}

function takeFile(file) {
  if (!file) return;
  dropped = file;
  $("#file-name").textContent = `${file.name} (${Math.ceil(file.size / 1024)} KB) `;
  $("#file-name").append(h("button", { type: "button", class: "link", id: "clear-file" }, "clear"));
  $("#clear-file").addEventListener("click", () => {
    dropped = null;
    $("#file").value = "";
    $("#file-name").replaceChildren();
  });
}

// ---- archive ----------------------------------------------------------------

let nextCursor = null;

/** Snippets arrive escaped with <mark> around matches; only <mark> survives here. */
function snippet(hit) {
  if (!hit.snippetHtml) return null;
  return h("p", { class: "snippet" }, clean(hit.snippetHtml, { MARK: [] }));
}

async function search(ev, more = false) {
  ev?.preventDefault();
  const q = new URLSearchParams();
  for (const k of ["q", "site", "since", "author"]) {
    const v = $("#" + k).value.trim();
    if (v) q.set(k, v);
  }
  if (more && nextCursor) q.set("cursor", nextCursor);
  const res = await api("/v1/articles?" + q);
  const status = $("#search-status");
  if (!res.ok) {
    status.className = "error";
    status.textContent = await problemText(res);
    return;
  }
  status.className = "";
  const page = await res.json();
  const items = page.hits.map((hit) =>
    h("li", { "data-id": hit.id },
      h("button", { type: "button", class: "link title" }, hit.title || hit.url || `#${hit.id}`),
      h("p", { class: "meta" }, [hit.siteName || hit.site, hit.authors.join(", "), hit.published ? formatDate(hit.published) : null, `${hit.wordCount} words`].filter(Boolean).join(" · ")),
      snippet(hit)),
  );
  if (more) $("#hits").append(...items);
  else $("#hits").replaceChildren(...items);
  if (page.total !== undefined) status.textContent = page.total ? `${page.total} article${page.total === 1 ? "" : "s"}` : "Nothing found.";
  nextCursor = page.next ?? null;
  $("#more").hidden = !nextCursor;
}

async function openArchived(id) {
  const res = await api(`/v1/articles/${encodeURIComponent(id)}`);
  if (!res.ok) {
    $("#search-status").textContent = await problemText(res);
    return;
  }
  const target = $("#archived");
  renderReader(target, await res.json());
  target.hidden = false;
  for (const li of $("#hits").children) li.classList.toggle("open", li.dataset.id === String(id));
}

// ---- wiring -----------------------------------------------------------------

function selectTab(name) {
  for (const t of ["extract", "archive"]) {
    $(`#tab-${t}`).setAttribute("aria-selected", String(t === name));
    $(`#${t}-tab`).hidden = t !== name;
  }
  if (name === "archive") search();
}

$("#tab-extract").addEventListener("click", () => selectTab("extract"));
$("#tab-archive").addEventListener("click", () => selectTab("archive"));
$("#extract-form").addEventListener("submit", runExtract);
$("#file").addEventListener("change", (e) => takeFile(e.target.files[0]));
const form = $("#extract-form");
form.addEventListener("dragover", (e) => {
  e.preventDefault();
  form.classList.add("dragging");
});
form.addEventListener("dragleave", () => form.classList.remove("dragging"));
form.addEventListener("drop", (e) => {
  e.preventDefault();
  form.classList.remove("dragging");
  takeFile(e.dataTransfer.files[0]);
});
$("#search-form").addEventListener("submit", (e) => search(e));
$("#removals").addEventListener("click", (e) => {
  const b = e.target.closest("button[data-anchor]");
  if (!b || !originalUrl) return;
  $("#original").src = originalUrl + "#" + b.dataset.anchor;
  // The frame's own scroll also moves this page by some amount; put the whole frame in view instead.
  setTimeout(() => $("#original").closest(".pane").scrollIntoView({ block: "start" }), 80);
});
$("#more").addEventListener("click", () => search(null, true));
$("#hits").addEventListener("click", (e) => {
  const li = e.target.closest("li[data-id]");
  if (li && e.target.closest("button")) openArchived(li.dataset.id);
});
document.body.dataset.ready = "true";
