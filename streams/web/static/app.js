// raqib dashboard: vanilla JS, no build step. Talks to /api/alerts, /api/alerts/stream,
// /api/events and /api/events/{id} on the worker that serves this page.
"use strict";

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
// Bidirectional controls (LRM, RLM, ALM, embeddings, overrides, isolates): a quote that
// carries one could reorder the page around it. Quotes are shown without them, each in an
// isolate of its own (CSS unicode-bidi: isolate), as in streams/sinks/context.py.
const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Text that may be Arabic: right-to-left and Arabic font when it is, dir="auto" otherwise.
function txt(tag, text, cls) {
  const value = text == null ? "" : String(text);
  if (ARABIC.test(value)) return el(tag, { class: ((cls || "") + " ar").trim(), dir: "rtl", lang: "ar" }, value);
  return el(tag, { class: cls || null, dir: "auto" }, value);
}

// A claim's quote in its own direction (t.quote_dir from the server; claims carry lang).
// Bidi controls inside the quote are dropped: an override cannot reorder its figures.
function quoted(c, t) {
  const text = String(c.quote == null ? "" : c.quote).replace(BIDI_CONTROLS, "");
  const dir = (t && t.quote_dir) || (c.lang === "en" ? "ltr" : null);
  if (!dir) return txt("blockquote", text, "quote");
  const lang = dir === "rtl" ? "ar" : (c.lang || "en");
  return el("blockquote", { class: "quote" + (dir === "rtl" ? " ar" : ""), dir: dir, lang: lang }, text);
}

// Figures and sources come worded by the server (streams/core/wording.py), as in every
// other rendering of an alert: entry.text = {new: {figure, source}, conflicts_with: [...]}.
function claimText(c, worded) {
  if (worded) return worded;
  return { figure: String(c.min), source: c.attributed_to || c.source || "article " + c.article };
}

// The incident an alert belongs to: title · place · day when the alert carries them
// (fields the event stage adds), else its event id.
function words(value) {
  if (value == null || value === "") return null;
  if (Array.isArray(value)) {
    const names = [...new Set(value.map(words).filter(Boolean))];
    const days = names.length && names.every((n) => /^\d{4}-\d{2}-\d{2}$/.test(n));
    return names.join(days ? " – " : ", ") || null;
  }
  if (typeof value === "object") return value.name || value.name_en || value.title || value.id || null;
  return String(value);
}

function incidentLine(a) {
  const title = words(a.title), place = words(a.place), day = words(a.day);
  const parts = [title, place !== title ? place : null, day].filter(Boolean);
  return parts.length ? parts.join(" · ") : "event " + a.event;
}

function published(value) {
  if (!value) return null;
  const d = new Date(value);
  return isNaN(d) ? String(value) : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

// Who published a claim, linked to the article, and when.
function articleLine(c) {
  const outlet = c.source || ("article " + c.article);
  const link = c.url && /^https?:\/\//i.test(c.url)
    ? el("a", { href: c.url, rel: "noopener noreferrer", target: "_blank", class: "outlet" }, outlet)
    : el("span", { class: "outlet" }, outlet);
  const time = published(c.published);
  return el("div", { class: "via" }, link, time ? el("span", { class: "published" }, " · " + time) : null);
}

function when(epoch) {
  if (!epoch) return "";
  const d = new Date(epoch * 1000);
  return d.toLocaleString([], { dateStyle: "short", timeStyle: "medium" });
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const err = new Error(url + ": HTTP " + response.status);
    err.status = response.status;
    throw err;
  }
  return response.json();
}

function eventHref(id) { return "/events/" + encodeURIComponent(id); }

// -- alerts ----------------------------------------------------------------------------

function claimLine(label, c, worded, isNew) {
  const t = claimText(c, worded);
  return el("div", { class: "claim-line" + (isNew ? " new" : ""), "data-claim": c.id || null },
    el("div", { class: "fig" }, t.figure, el("small", {}, label + " · " + c.metric)),
    el("div", {}, el("span", { class: "who", dir: "auto" }, t.source), articleLine(c), quoted(c, t)));
}

function mutedBadge(entry) {
  return entry.silenced
    ? el("span", { class: "badge muted", title: "muted by silence " + (entry.silence || "") + ": not posted to webhooks" }, "muted")
    : null;
}

function alertCard(entry, fresh) {
  const a = entry.alert;
  const card = el("article", {
    class: "alert sev-" + a.severity + (entry.silenced ? " silenced" : "") + (fresh ? " fresh" : ""),
    id: "alert-" + a.id, "data-alert-id": a.id, "data-event": a.event,
  },
    el("div", { class: "alert-head" },
      el("span", { class: "badge sev-" + a.severity }, a.severity),
      mutedBadge(entry),
      el("strong", {}, a.metric + " · " + String(a.victim_class).replace("_", " ")),
      el("span", { class: "when" }, when(entry.received_at))),
    el("p", { class: "incident", dir: "auto" }, incidentLine(a)),
    txt("p", a.summary, "summary"),
    claimLine("new", a.new, (entry.text || {}).new, true),
    (a.conflicts_with || []).map((c, i) => claimLine("contradicts", c, ((entry.text || {}).conflicts_with || [])[i], false)),
    el("p", { class: "event-link" }, el("a", { href: eventHref(a.event) }, "Event " + a.event + " →")));
  return card;
}

const alertIds = new Set();
const mutedByEvent = new Map();  // event id → ids of its muted alerts seen on this page

function addAlert(entry, fresh) {
  const list = document.getElementById("alerts");
  if (!list || alertIds.has(entry.alert.id)) return false;
  alertIds.add(entry.alert.id);
  if (entry.silenced) {
    const ids = mutedByEvent.get(entry.alert.event) || new Set();
    ids.add(entry.alert.id);
    mutedByEvent.set(entry.alert.event, ids);
  }
  const empty = list.querySelector(".empty");
  if (empty) empty.remove();
  const card = alertCard(entry, fresh);
  if (fresh) list.prepend(card); else list.append(card);
  const count = document.getElementById("alert-count");
  if (count) count.textContent = "(" + alertIds.size + ")";
  return true;
}

function liveAlerts(onAlert) {
  const conn = document.getElementById("conn");
  const source = new EventSource("/api/alerts/stream");
  source.onopen = () => { conn.textContent = "live"; conn.className = "conn live"; };
  source.onerror = () => { conn.textContent = "reconnecting…"; conn.className = "conn down"; };
  source.addEventListener("alert", (msg) => onAlert(JSON.parse(msg.data)));
  return source;
}

// -- events list -------------------------------------------------------------------------

// Each metric's range per victim group ("killed 60–120 · civilians (children) 5"): a
// sub-count never drags the range of the whole toll down.
function victimsLabel(r) {
  const general = r.victims === "unknown" || r.victims === "mixed" || !r.victims;
  const cls = general ? (r.subgroup ? "" : null) : String(r.victims).replace("_", " ");
  if (cls === null) return null;
  return (cls + (r.subgroup ? " (" + r.subgroup + ")" : "")).trim();
}

function rangesCell(ev) {
  const ranges = ev.ranges;
  if (!ranges) {  // a worker of an earlier version
    return Object.entries(ev.figures || {}).map(([metric, f]) => metric + " " + f.text).join(" · ");
  }
  return Object.entries(ranges).map(([metric, list]) => el("div", { class: "ranges", "data-metric": metric },
    el("span", { class: "metric" }, metric + ": "),
    list.map((r, i) => {
      const label = victimsLabel(r);
      return el("span", { class: "range", "data-victims": r.victims, "data-subgroup": r.subgroup || "" },
        i ? " · " : "", label ? label + " " : "", r.text);
    })));
}

function alertsCell(ev) {
  const muted = (mutedByEvent.get(ev.id) || new Set()).size;
  return el("td", { class: "num", "data-muted": muted || null }, ev.alerts,
    muted ? el("span", { class: "badge muted", title: muted + " of its alerts muted by a silence" }, muted + " muted") : null);
}

async function refreshEvents() {
  const body = document.querySelector("#events tbody");
  if (!body) return;
  let data;
  try { data = await getJSON("/api/events?limit=50"); } catch (e) { return; }
  const rows = (data.events || []).map((ev) => el("tr", { "data-event": ev.id },
    el("td", {}, el("a", { href: eventHref(ev.id) }, ev.title || ev.id),
      el("div", { class: "tags" }, [ev.kind, (ev.day_span || []).filter(Boolean).join(" – ")].filter(Boolean).join(" · "))),
    el("td", {}, rangesCell(ev)),
    el("td", { class: "num" }, ev.sources),
    alertsCell(ev),
    el("td", {}, when(ev.last_seen))));
  body.replaceChildren(...(rows.length ? rows : [el("tr", { class: "empty" }, el("td", { colspan: "5" }, "No events yet."))]));
}

async function indexPage() {
  try {
    const data = await getJSON("/api/alerts?limit=100");
    for (const entry of (data.alerts || []).slice().reverse()) addAlert(entry, true);
  } catch (e) { /* the stream fills in */ }
  liveAlerts((entry) => { if (addAlert(entry, true)) refreshEvents(); });
  refreshEvents();
  setInterval(refreshEvents, 5000);
}

// -- event page ------------------------------------------------------------------------

function figureBox(f) {
  const tags = [f.victim_class, f.scope === "cumulative" ? "cumulative" : null, f.approximate ? "approximate" : null]
    .filter(Boolean).join(" · ");
  return el("div", {
    class: "figure" + (f.contradicted ? " contradicted" : "") + (f.scope === "cumulative" ? " cumulative" : ""),
    "data-claim": f.claim, title: f.contradicted ? "alerts: " + (f.alerts || []).join(", ") : null,
  },
    el("span", { class: "value" }, f.figure), " ", txt("span", f.victim, "victim"),
    el("div", { class: "tags" }, tags + (f.contradicted ? " · contradicted" : "")),
    quoted(f, null));
}

function renderEvent(view, mutedIds) {
  document.title = "raqib · " + (view.title || view.id);
  document.getElementById("event-title").textContent = view.title || view.id;
  const places = (view.places || []).map((p) => p.name).join(", ");
  document.getElementById("event-meta").textContent = [
    "event " + view.id, view.kind, places, (view.day_span || []).filter(Boolean).join(" – "),
    view.articles + " articles", view.claims + " claims", view.alerts + " alerts",
  ].filter(Boolean).join(" · ");

  const metrics = view.metrics || [];
  const head = el("tr", {}, el("th", { class: "corner" }, "Source"), metrics.map((m) => el("th", { class: "metric", scope: "col" }, m)));
  const rows = (view.sources || []).map((row) => el("tr", { "data-source": row.source },
    el("th", { class: "source", scope: "row" },
      el("span", { class: "name" }, row.name || row.source),
      row.attributed_to ? txt("span", row.attributed_to, "name-ar") : null,
      el("span", { class: "outlets" }, (row.outlets || []).filter(Boolean).join(", "))),
    metrics.map((m) => el("td", {}, ((row.figures || {})[m] || []).map(figureBox)))));
  const table = document.getElementById("event-table");
  table.querySelector("thead").replaceChildren(head);
  table.querySelector("tbody").replaceChildren(...rows);

  const list = document.getElementById("contradictions");
  list.replaceChildren(...(view.contradictions || []).map((a) => {
    const muted = mutedIds.has(a.id);
    return el("li", { "data-alert-id": a.id, class: muted ? "muted" : null },
      el("span", { class: "badge sev-" + a.severity }, a.severity), " ",
      muted ? el("span", { class: "badge muted", title: "muted by a silence: not posted to webhooks" }, "muted") : null,
      muted ? " " : null, txt("span", a.summary));
  }));
  if (!list.children.length) list.append(el("li", { class: "empty" }, "None."));
  const updates = document.getElementById("updates");
  updates.replaceChildren(...(view.updates || []).map((u) =>
    el("li", {}, u.metric + ": " + u.source + " " + (u.direction || "revised") + " its figure")));
  if (!updates.children.length) updates.append(el("li", { class: "empty" }, "None."));
}

async function eventPage() {
  const id = decodeURIComponent(location.pathname.replace(/^\/events\//, "").replace(/\/$/, ""));
  const load = async () => {
    try {
      const view = await getJSON("/api/events/" + encodeURIComponent(id));
      let muted = new Set();
      try {
        const alerts = await getJSON("/api/alerts?event=" + encodeURIComponent(id));
        muted = new Set((alerts.alerts || []).filter((e) => e.silenced).map((e) => e.alert.id));
      } catch (e) { /* shown unmarked */ }
      renderEvent(view, muted);
    } catch (e) {
      document.getElementById("event-title").textContent = "Event " + id;
      document.getElementById("event-meta").textContent = e.status === 404
        ? "This worker does not hold this event (yet). Tables are partitioned: try the worker that owns it, or wait for it to arrive."
        : "Could not load the event: " + e.message;
    }
  };
  await load();
  liveAlerts((entry) => { if (entry.alert.event === id) load(); });
  setInterval(load, 5000);
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "index") indexPage();
  else if (page === "event") eventPage();
});
