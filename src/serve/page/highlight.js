// The original page, made safe to show and marked with the extractor's removals.
// The result goes into an <iframe sandbox> (no scripts, opaque origin) as a
// blob: URL, so a #fragment can scroll it to a removal without any script in
// the frame. Scripts and active content are also stripped here, so nothing
// runs even if the sandbox attribute were lost.

/** Elements that can run code, navigate or embed other documents. */
const ACTIVE = "script, iframe, frame, frameset, object, embed, applet, portal, base, meta[http-equiv], link[rel~=import], link[rel~=preload], link[rel~=modulepreload], link[rel~=prefetch]";

/** Colours per pipeline stage, so the kind of removal shows at a glance. */
const STAGE_COLOURS = { clean: "#8a6d00", locate: "#1d5fa8", prune: "#b3261e", structure: "#6b3fa0", rescue: "#2e7d32" };

const FRAME_STYLE = `
[data-nc-removed]{outline:2px dashed var(--nc,#b3261e)!important;outline-offset:-2px!important;background-image:linear-gradient(rgba(179,38,30,.07),rgba(179,38,30,.07))!important}
[data-nc-container]{outline:3px solid #2e7d32!important;outline-offset:2px!important}
.nc-label.nc-main{background:#2e7d32}
.nc-label{all:initial;display:block;box-sizing:border-box;max-width:100%;margin:0 0 2px;padding:1px 5px;font:600 11px/1.35 system-ui,-apple-system,"Segoe UI",sans-serif;color:#fff;background:var(--nc,#b3261e);white-space:normal;overflow-wrap:anywhere;text-align:left}
`;

const norm = (s) => (s || "").replace(/\s+/g, "").toLowerCase();

/** Last step of a removal path like `div#main > aside.related`: its tag, id and classes. */
function lastStep(path) {
  if (!path) return undefined;
  const step = path.split(">").pop().trim();
  const m = /^([a-z0-9-]+)(?:#([^.\s]+))?((?:\.[^.\s]+)*)$/i.exec(step);
  return m ? { tag: m[1].toLowerCase(), id: m[2], classes: m[3] ? m[3].slice(1).split(".") : [] } : undefined;
}

function stepScore(el, step) {
  if (!step) return 0;
  let s = el.localName === step.tag ? 2 : 0;
  if (step.id && el.id === step.id) s += 3;
  for (const c of step.classes) if (el.classList.contains(c)) s += 1;
  return s;
}

/**
 * Finds the element each removal refers to: the elements whose text is the
 * preview (or starts with it, when the preview was cut), preferring the one
 * that fits the recorded path; each element is claimed once.
 */
function locate(doc, removals) {
  const els = [...doc.body.querySelectorAll("*")];
  const texts = new Map(els.map((e) => [e, norm(e.textContent)]));
  const taken = new Set();
  return removals.map((r) => {
    let preview = r.textPreview || "";
    const cut = preview.length >= 120 && preview.endsWith("...");
    if (cut) preview = preview.slice(0, -3);
    const want = norm(preview);
    const fits = (el) => (want ? (cut ? texts.get(el)?.startsWith(want) : texts.get(el) === want) : true);
    // The recorded path is a valid selector when the page's ids and classes are; the text then picks among its matches.
    const byPath = select(doc, r.path).find((el) => !taken.has(el) && texts.has(el) && fits(el));
    if (byPath) {
      taken.add(byPath);
      return byPath;
    }
    const step = lastStep(r.path);
    let best;
    let bestScore = -1;
    for (const el of els) {
      if (taken.has(el)) continue;
      if (want ? !fits(el) : !(step && stepScore(el, step) >= 3)) continue;
      // Among an element and its same-text ancestors, the path decides; ties go to the outermost (first in document order).
      const score = stepScore(el, step);
      if (score > bestScore) {
        best = el;
        bestScore = score;
      }
    }
    if (best) taken.add(best);
    return best;
  });
}

function select(doc, path) {
  if (!path) return [];
  try {
    return [...doc.querySelectorAll(path)];
  } catch {
    return [];
  }
}

/** The main-content element chosen by locate: of the elements on its path, the one with the most text. */
function container(doc, path) {
  let best;
  let most = -1;
  for (const el of select(doc, path)) {
    const n = (el.textContent || "").length;
    if (n > most) {
      best = el;
      most = n;
    }
  }
  return best;
}

/**
 * @param {string} source the page as decoded by the server
 * @param {{stage:string, rule:string, reason:string, textPreview:string, path?:string}[]} removals
 * @param {string} [baseUrl] the page URL, so relative images and styles resolve
 * @param {string} [containerPath] explain.container: the element chosen as the main content
 * @returns {{html: string, shown: boolean[], container: boolean}}
 */
export function markRemovals(source, removals, baseUrl, containerPath) {
  const doc = new DOMParser().parseFromString(source, "text/html");
  for (const el of doc.querySelectorAll(ACTIVE)) el.remove();
  for (const el of doc.querySelectorAll("*")) {
    for (const a of [...el.attributes]) {
      const name = a.name.toLowerCase();
      const value = a.value.trim().toLowerCase();
      if (name.startsWith("on") || name === "srcdoc" || name === "formaction" || name === "action") el.removeAttribute(a.name);
      else if (/^(javascript|vbscript|data:text\/html)/.test(value.replace(/[\s\u0000-\u001f]/g, ""))) el.removeAttribute(a.name);
    }
  }
  const found = locate(doc, removals);
  const main = container(doc, containerPath);
  if (main) {
    main.setAttribute("data-nc-container", "");
    const label = doc.createElement("span");
    label.className = "nc-label nc-main";
    label.id = "nc-main";
    label.textContent = "main content: everything outside this box is left out";
    main.prepend(label);
  }
  found.forEach((el, i) => {
    if (!el) return;
    const r = removals[i];
    const colour = STAGE_COLOURS[r.stage] || "#b3261e";
    el.setAttribute("data-nc-removed", String(i + 1));
    el.style.setProperty("--nc", colour);
    const label = doc.createElement("span");
    label.className = "nc-label";
    label.id = `nc-r-${i + 1}`;
    label.setAttribute("data-nc-label", String(i + 1));
    label.style.setProperty("--nc", colour);
    label.textContent = `${i + 1}. ${r.stage}/${r.rule}: ${r.reason}`;
    if (/^(img|input|br|hr|video|audio|canvas|svg|picture|select|textarea)$/.test(el.localName)) el.before(label);
    else el.prepend(label);
  });
  const head = doc.head || doc.documentElement.insertBefore(doc.createElement("head"), doc.body);
  const csp = doc.createElement("meta");
  csp.httpEquiv = "Content-Security-Policy";
  csp.content = "script-src 'none'; object-src 'none'; frame-src 'none'";
  head.prepend(csp);
  if (baseUrl && /^https?:/i.test(baseUrl)) {
    const base = doc.createElement("base");
    base.href = baseUrl;
    csp.after(base);
  }
  const style = doc.createElement("style");
  style.textContent = FRAME_STYLE;
  head.append(style);
  return { html: "<!doctype html>\n" + doc.documentElement.outerHTML, shown: found.map(Boolean), container: Boolean(main) };
}
