// Crossroads explorer: filters, an interactive timeline (vis-timeline), a table view and an
// event details panel, all over the JSON API of this server. No build step, no CDN.
"use strict";

(() => {
  const PAGE = 500;            // the API's largest page
  const MAX_EVENTS = 50000;    // stop paging past this many (the status line says so)
  const TABLE_STEP = 200;      // table rows rendered at a time (keeps the DOM small)
  const CLUSTER_FROM = 150;    // above this many items, nearby items merge into clusters until zoomed in

  const $ = (sel) => document.querySelector(sel);
  const state = {
    vocab: null,
    events: [],          // current filtered events, date order
    byId: new Map(),
    cursor: -1,          // keyboard position in `events`
    tableShown: 0,
    loadSeq: 0,
    lastFocus: null,
    timeline: null,
    items: new vis.DataSet(),
    groups: new vis.DataSet(),
  };

  // -- helpers -------------------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    })[c]);
  }

  function parseDate(text) {
    if (!text) return null;
    const [y, m, d] = String(text).split("-").map(Number);
    return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
  }

  function short(text, n = 70) {
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  async function getJSON(path, params = {}, signal = undefined) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params)) {
      if (v !== "" && v != null && v !== false) url.searchParams.set(k, String(v));
    }
    const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    return body;
  }

  function setStatus(text) {
    $("#status").textContent = text;
  }

  function filters() {
    return {
      era: $("#f-era").value,
      dimension: $("#f-dimension").value,
      actor: $("#f-actor").value,
      q: $("#f-q").value.trim(),
      kashmir: $("#f-kashmir").checked,
    };
  }

  // -- vocabularies and era zoom ----------------------------------------------------------
  function fillMenus(vocab) {
    for (const era of vocab.eras) {
      $("#f-era").append(el("option", { value: era.id, text: `${era.label} (${era.start_date.slice(0, 4)}–${era.end_date.slice(0, 4)})` }));
      $("#eras").append(el("button", {
        type: "button", "aria-pressed": "false", "data-era": era.id,
        "aria-label": `Zoom to ${era.label}, ${era.start_date.slice(0, 4)} to ${era.end_date.slice(0, 4)}`,
        text: era.label, onclick: () => zoomToEra(era.id),
      }));
    }
    $("#eras").append(el("button", { type: "button", text: "Whole period", onclick: () => zoomToEra(null) }));
    for (const dim of vocab.dimensions) {
      $("#f-dimension").append(el("option", { value: dim, text: dim.replace(/_/g, " ") }));
    }
    for (const actor of vocab.actors) {
      $("#f-actor").append(el("option", { value: actor.code, text: `${actor.label} (${actor.code}, ${actor.events})` }));
    }
  }

  function zoomToEra(id) {
    for (const button of document.querySelectorAll("#eras button[data-era]")) {
      button.setAttribute("aria-pressed", String(button.dataset.era === id));
    }
    if (!id) {
      state.timeline.setWindow(new Date(Date.UTC(1946, 0, 1)), new Date(Date.UTC(2022, 11, 31)));
      return;
    }
    const era = state.vocab.eras.find((e) => e.id === id);
    state.timeline.setWindow(parseDate(era.start_date), parseDate(era.end_date));
  }

  // -- loading events ------------------------------------------------------------------------
  async function load() {
    const seq = ++state.loadSeq;
    const params = filters();
    setStatus("Loading events…");
    try {
      let events = [];
      let total = 0;
      do {
        const page = await getJSON("/api/events", { ...params, limit: PAGE, offset: events.length });
        if (seq !== state.loadSeq) return;  // a newer filter change won
        total = page.total;
        events = events.concat(page.items);
        if (page.items.length === 0) break;
      } while (events.length < total && events.length < MAX_EVENTS);
      state.events = events;
      state.byId = new Map(events.map((e) => [e.id, e]));
      state.cursor = -1;
      render();
      const capped = total > events.length ? ` (showing the first ${events.length})` : "";
      setStatus(`${total} event${total === 1 ? "" : "s"} match the filters${capped}.`);
      if (params.era) zoomToEra(params.era);
    } catch (error) {
      if (seq === state.loadSeq) setStatus(`Could not load events: ${error.message}`);
    }
  }

  // -- timeline ------------------------------------------------------------------------------
  function itemClass(event) {
    if (event.goldstein < 0) return "conflict";
    if (event.goldstein > 0) return "coop";
    return "";
  }

  function groupKeys(event, by) {
    if (by === "dimension") return event.dimensions.length ? event.dimensions : ["(none)"];
    if (by === "actor") return event.actors;
    return [null];
  }

  function render() {
    const by = $("#f-group").value;
    const items = [];
    const groupNames = new Set();
    for (const event of state.events) {
      const start = parseDate(event.date);
      for (const key of groupKeys(event, by)) {
        if (key !== null) groupNames.add(key);
        items.push({
          id: key === null ? event.id : `${key}\u0001${event.id}`,
          eventId: event.id,
          group: key === null ? undefined : key,
          start,
          content: escapeHtml(short(event.description, 40)),
          title: escapeHtml(`${event.date}: ${event.description}`),
          className: itemClass(event),
        });
      }
    }
    state.items.clear();
    state.groups.clear();
    if (by) {
      const labels = new Map((state.vocab.actors || []).map((a) => [a.code, a.label]));
      // Lanes in the vocabulary's order: actors by number of events, dimensions as the codebook lists them.
      const order = by === "actor" ? state.vocab.actors.map((a) => a.code) : state.vocab.dimensions;
      const rank = (name) => { const i = order.indexOf(name); return i < 0 ? order.length : i; };
      state.groups.add([...groupNames].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((name, i) => ({
        id: name,
        order: i,
        content: escapeHtml(by === "actor" ? `${labels.get(name) || name} (${name})` : name.replace(/_/g, " ")),
      })));
      state.timeline.setGroups(state.groups);
    } else {
      state.timeline.setGroups(null);
    }
    state.items.add(items);
    state.timeline.setOptions({ cluster: items.length > CLUSTER_FROM ? { maxItems: 4, titleTemplate: "{count} events: zoom in to see them" } : false });
    state.tableShown = 0;
    $("#table tbody").replaceChildren();
    renderTableRows();
  }

  function makeTimeline() {
    const timeline = new vis.Timeline($("#timeline"), state.items, {
      min: new Date(Date.UTC(1940, 0, 1)),
      max: new Date(Date.UTC(2030, 0, 1)),
      start: new Date(Date.UTC(1946, 0, 1)),
      end: new Date(Date.UTC(2022, 11, 31)),
      zoomMin: 1000 * 60 * 60 * 24 * 20,
      stack: true,
      maxHeight: "60vh",
      orientation: { axis: "top" },
      selectable: true,
      showTooltips: true,
      tooltip: { followMouse: false },
      align: "left",
      verticalScroll: true,
      margin: { item: { horizontal: 2, vertical: 4 } },
    });
    timeline.on("select", ({ items }) => {
      if (!items.length) return;
      const item = state.items.get(items[0]);
      if (!item) return;  // a cluster
      state.cursor = state.events.findIndex((e) => e.id === item.eventId);
      openDetails(item.eventId);
    });
    return timeline;
  }

  function itemIdFor(event) {
    const by = $("#f-group").value;
    const key = groupKeys(event, by)[0];
    return key === null ? event.id : `${key}\u0001${event.id}`;
  }

  function moveCursor(index) {
    if (!state.events.length) return;
    state.cursor = Math.max(0, Math.min(state.events.length - 1, index));
    const event = state.events[state.cursor];
    state.timeline.setSelection([itemIdFor(event)]);
    state.timeline.moveTo(parseDate(event.date), { animation: false });
    setStatus(`${state.cursor + 1} of ${state.events.length}: ${event.date}, ${event.description} Press Enter for details.`);
  }

  function firstVisible() {
    // Start keyboard travel where the reader is looking (e.g. after zooming to an era).
    const { start } = state.timeline.getWindow();
    const index = state.events.findIndex((e) => parseDate(e.date) >= start);
    return index < 0 ? 0 : index;
  }

  function onTimelineKey(ev) {
    const keys = {
      ArrowRight: () => moveCursor(state.cursor < 0 ? firstVisible() : state.cursor + 1),
      ArrowLeft: () => moveCursor(state.cursor < 0 ? 0 : state.cursor - 1),
      Home: () => moveCursor(0),
      End: () => moveCursor(state.events.length - 1),
      Enter: () => { if (state.cursor >= 0) openDetails(state.events[state.cursor].id); },
      "+": () => state.timeline.zoomIn(0.5),
      "=": () => state.timeline.zoomIn(0.5),
      "-": () => state.timeline.zoomOut(0.5),
    };
    const action = keys[ev.key];
    if (action) {
      ev.preventDefault();
      action();
    }
  }

  // -- table ---------------------------------------------------------------------------------
  function renderTableRows() {
    const body = $("#table tbody");
    const next = state.events.slice(state.tableShown, state.tableShown + TABLE_STEP);
    for (const event of next) {
      body.append(el("tr", {},
        el("td", { text: event.date }),
        el("td", {}, el("button", {
          type: "button", class: "link", text: event.description,
          "aria-label": `Details of ${event.date}: ${short(event.description, 120)}`,
          onclick: () => openDetails(event.id),
        })),
        el("td", { text: event.actors.join(", ") }),
        el("td", { text: event.dimensions.join(", ").replace(/_/g, " ") }),
      ));
    }
    state.tableShown += next.length;
    const more = $("#more");
    more.hidden = state.tableShown >= state.events.length;
    more.textContent = `Show ${Math.min(TABLE_STEP, state.events.length - state.tableShown)} more of ${state.events.length - state.tableShown}`;
  }

  // -- details -------------------------------------------------------------------------------
  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch {
      return null;
    }
  }

  async function openDetails(id) {
    if (!$("#details").contains(document.activeElement)) state.lastFocus = document.activeElement;
    const panel = $("#details");
    panel.hidden = false;
    $("#details-title").textContent = "Loading…";
    $("#details-body").replaceChildren();
    let event;
    try {
      event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    } catch (error) {
      $("#details-title").textContent = `Could not load the event: ${error.message}`;
      return;
    }
    $("#details-title").textContent = `${event.date}: ${short(event.description, 90)}`;
    const era = (state.vocab.eras.find((e) => e.id === event.era) || {}).label || event.era || "—";
    const rows = [
      ["Date", `${event.date} (${event.date_precision})${event.end_date ? ` to ${event.end_date}` : ""}`],
      ["Era", era],
      ["Actors", event.actors.join(", ")],
      ["CAMEO", `${event.cameo}${event.plover ? ` · PLOVER ${event.plover}` : ""}`],
      ["Goldstein", String(event.goldstein)],
      ["Dimensions", event.dimensions.join(", ").replace(/_/g, " ")],
      ["Origin", `${event.origin} (confidence ${event.confidence})`],
    ];
    const stances = Object.entries(event.kashmir_stances || {});
    if (stances.length) rows.push(["Kashmir stances", stances.map(([a, s]) => `${a}: ${s}`).join("; ")]);
    const dl = el("dl");
    for (const [k, v] of rows) dl.append(el("dt", { text: k }), el("dd", { text: v }));
    const sources = el("ol", { "aria-label": "Sources" });
    for (const source of event.sources) {
      const label = `${source.issuer}, ${source.title}${source.date ? ` (${source.date})` : ""}`;
      const href = safeUrl(source.url);
      sources.append(el("li", {}, href
        ? el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "source-link", text: label })
        : document.createTextNode(label)));
    }
    const parts = [el("p", { text: event.description })];
    if (event.note) parts.push(el("p", { class: "note", text: `Note: ${event.note}` }));
    $("#details-body").replaceChildren(
      ...parts,
      dl,
      el("h3", { text: "Sources" }),
      sources,
      el("p", { class: "hint", text: `Recorded in ${event.file}, line ${event.line} · id ${event.id}` }),
    );
    panel.focus();
  }

  function closeDetails() {
    $("#details").hidden = true;
    if (state.lastFocus && document.contains(state.lastFocus)) state.lastFocus.focus();
  }

  // -- tabs ----------------------------------------------------------------------------------
  const TABS = ["timeline", "table", "charts", "claims"];
  const CHARTS = [
    ["index", "US–Pakistan relations index and phases"], ["kashmir", "Kashmir prospects"],
    ["triangle", "The triangle"], ["aid", "US aid: economic and military"], ["arms", "Arms deliveries"],
    ["unga", "UN General Assembly agreement"], ["alliances", "Alliance ties"], ["conflict", "India–Pakistan conflict"],
    ["timeline", "Events by era and dimension"],
  ];

  async function showChart(id) {
    const caption = $("#chart-caption");
    caption.textContent = "Loading the chart…";
    let chart;
    try {
      chart = await getJSON(`/api/analysis/charts/${encodeURIComponent(id)}`);
    } catch (error) {
      caption.textContent = `Could not load the chart: ${error.message}`;
      return;
    }
    const target = $("#chart");
    target.setAttribute("aria-label", chart.alt);
    if (chart.figure) {
      Plotly.react(target, chart.figure.data, { ...chart.figure.layout, title: { text: chart.title } },
        { displaylogo: false, responsive: true });
    } else {
      Plotly.purge(target);
      target.textContent = "No data for this chart.";
    }
    caption.textContent = `${chart.caption} Sources: ${chart.sources.join("; ")}.`;
  }

  let claimsLoaded = false;
  async function loadClaims() {
    if (claimsLoaded) return;
    const body = $("#claims tbody");
    body.replaceChildren(el("tr", {}, el("td", { colspan: "4", text: "Computing the claims…" })));
    let claims;
    try {
      claims = await getJSON("/api/analysis/claims");
    } catch (error) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: "4", text: `Could not load the claims: ${error.message}` })));
      return;
    }
    claimsLoaded = true;
    body.replaceChildren(...claims.map((claim) => {
      const evidence = el("td", { class: "evidence" });
      for (const id of claim.evidence) {
        const button = el("button", { type: "button", class: "linklike", text: id, "aria-label": `Open event ${id}` });
        button.addEventListener("click", () => openDetails(id));
        evidence.append(button, document.createTextNode(" "));
      }
      return el("tr", { id: `claim-${claim.id}` },
        el("td", {}, el("strong", { text: claim.id }), document.createTextNode(` ${claim.claim}`)),
        el("td", { class: `verdict verdict-${claim.verdict}`, text: claim.verdict.replace(/_/g, " ") }),
        el("td", {}, el("p", { text: claim.finding }), el("p", { class: "hint", text: claim.method })),
        evidence);
    }));
  }

  function showTab(name) {
    for (const tab of TABS) {
      const selected = tab === name;
      $(`#tab-${tab}`).setAttribute("aria-selected", String(selected));
      $(`#tab-${tab}`).tabIndex = selected ? 0 : -1;
      $(`#${tab}-panel`).hidden = !selected;
    }
    if (name === "timeline") state.timeline.redraw();
    if (name === "charts") showChart($("#chart-select").value);
    if (name === "claims") loadClaims();
  }

  // -- wiring --------------------------------------------------------------------------------
  let debounce = null;
  function scheduleLoad() {
    clearTimeout(debounce);
    debounce = setTimeout(load, 250);
  }

  async function main() {
    state.timeline = makeTimeline();
    $("#timeline").addEventListener("keydown", onTimelineKey);
    $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
    $("#filters").addEventListener("reset", () => setTimeout(() => { zoomToEra(null); load(); }, 0));
    for (const id of ["#f-era", "#f-dimension", "#f-actor", "#f-kashmir"]) $(id).addEventListener("change", scheduleLoad);
    $("#f-q").addEventListener("input", scheduleLoad);
    $("#f-group").addEventListener("change", render);
    $("#more").addEventListener("click", renderTableRows);
    $("#details-close").addEventListener("click", closeDetails);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !$("#details").hidden) closeDetails(); });
    for (const tab of TABS) $(`#tab-${tab}`).addEventListener("click", () => showTab(tab));
    $("#views").addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
        const current = TABS.findIndex((t) => $(`#tab-${t}`).getAttribute("aria-selected") === "true");
        const step = ev.key === "ArrowRight" ? 1 : -1;
        const next = TABS[(current + step + TABS.length) % TABS.length];
        showTab(next);
        $(`#tab-${next}`).focus();
      }
    });
    for (const [id, label] of CHARTS) $("#chart-select").append(el("option", { value: id, text: label }));
    $("#chart-select").addEventListener("change", () => showChart($("#chart-select").value));
    try {
      state.vocab = await getJSON("/api/vocabulary");
    } catch (error) {
      setStatus(`Could not load the filter menus: ${error.message}`);
      return;
    }
    fillMenus(state.vocab);
    await load();
    document.body.dataset.ready = "true";
  }

  main();
})();
