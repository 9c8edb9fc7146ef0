// Crossroads explorer: filters, an interactive timeline (vis-timeline), a table view, charts, claims and an
// event details panel, all over the JSON API of this server. No build step, no CDN. The address bar holds
// the view (filters, tab, chart, open event), so a copied URL restores it.
"use strict";

(() => {
  const PAGE = 500;            // the API's largest page
  const MAX_EVENTS = 50000;    // stop paging past this many (the status line says so)
  const TABLE_STEP = 200;      // table rows rendered at a time (keeps the DOM small)
  const CLUSTER_FROM = 150;    // above this many items, nearby items merge into clusters until zoomed in
  const ACTOR_LANES = 12;      // grouping by actor: one lane for each of the most frequent actors, then "other actors"
  const FILTERS = ["era", "dimension", "actor", "q", "start", "end"];
  const DAY = 24 * 3600 * 1000;

  const $ = (sel) => document.querySelector(sel);
  const state = {
    vocab: null,
    events: [],          // current filtered events, date order
    cursor: -1,          // keyboard position in `events`
    selected: null,      // item id the keyboard or a click selected (never clustered)
    openEvent: null,     // id of the event in the details panel
    tableShown: 0,
    loadSeq: 0,
    chartSeq: 0,
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

  function periodEnd(text) {
    // The day after the last day a recorded date may denote: "1965-09" runs to 1 October 1965.
    const [y, m, d] = String(text).split("-").map(Number);
    if (d) return new Date(Date.UTC(y, m - 1, d + 1));
    if (m) return new Date(Date.UTC(y, m, 1));
    return new Date(Date.UTC(y + 1, 0, 1));
  }

  function short(text, n = 70) {
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== "" && v != null && v !== false) search.set(k, String(v));
    }
    return search;
  }

  async function getJSON(path, params = {}, signal = undefined) {
    const url = new URL(path, window.location.origin);
    url.search = query(params).toString();
    const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    return body;
  }

  function setStatus(text) {
    $("#status").textContent = text;
  }

  function dimensionLabel(code) {
    return (state.vocab && state.vocab.dimension_labels[code]) || code.replace(/_/g, " ");
  }

  function actorLabel(code) {
    const actor = state.vocab && state.vocab.actors.find((a) => a.code === code);
    return actor ? actor.label : code;
  }

  function eraLabel(id) {
    const era = state.vocab && state.vocab.eras.find((e) => e.id === id);
    return era ? era.label : (id || "—");
  }

  function filters() {
    return {
      era: $("#f-era").value,
      dimension: $("#f-dimension").value,
      actor: $("#f-actor").value,
      q: $("#f-q").value.trim(),
      start: $("#f-start").value.trim(),
      end: $("#f-end").value.trim(),
    };
  }

  // -- the address bar holds the view ------------------------------------------------------
  function currentTab() {
    return TABS.find((t) => $(`#tab-${t}`).getAttribute("aria-selected") === "true") || "timeline";
  }

  function writeUrl() {
    const params = {
      ...filters(),
      group: $("#f-group").value,
      view: currentTab() === "timeline" ? "" : currentTab(),
      chart: currentTab() === "charts" ? $("#chart-select").value : "",
      event: state.openEvent || "",
    };
    if (currentTab() === "charts" && $("#chart-select").value === "compare") {
      Object.assign(params, { a1: $("#d1-a").value, b1: $("#d1-b").value, a2: $("#d2-a").value, b2: $("#d2-b").value });
    }
    const search = query(params).toString();
    const url = `${window.location.pathname}${search ? "?" + search : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) history.replaceState(null, "", url);
    updateExports();
  }

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    const setIf = (selector, value) => {
      if (value == null) return;
      const node = $(selector);
      if (node.tagName === "SELECT" && ![...node.options].some((o) => o.value === value)) return;
      node.value = value;
    };
    for (const name of FILTERS) setIf(`#f-${name}`, params.get(name));
    setIf("#f-group", params.get("group"));
    setIf("#chart-select", params.get("chart"));
    for (const key of ["a1", "b1", "a2", "b2"]) setIf(`#d${key[1]}-${key[0]}`, params.get(key));
    return { view: params.get("view"), event: params.get("event") };
  }

  function updateExports() {
    const search = query(filters()).toString();
    for (const [id, ext] of [["#x-csv", "csv"], ["#x-bib", "bib"], ["#x-ris", "ris"]]) {
      $(id).href = `/api/events.${ext}${search ? "?" + search : ""}`;
    }
  }

  // -- vocabularies and era zoom ----------------------------------------------------------
  function fillMenus(vocab) {
    for (const era of vocab.eras) {
      const years = `${era.start_date.slice(0, 4)}–${era.end_date.slice(0, 4)}`;
      $("#f-era").append(el("option", { value: era.id, text: `${era.label} (${years})` }));
      $("#eras").append(el("button", {
        type: "button", "aria-pressed": "false", "data-era": era.id,
        "aria-label": `Zoom to ${era.label}, ${years.replace("–", " to ")}`,
        title: years, text: era.label, onclick: () => zoomToEra(era.id),
      }));
    }
    $("#eras").append(el("button", { type: "button", text: "Whole period", onclick: () => zoomToEra(null) }));
    for (const dim of vocab.dimensions) {
      $("#f-dimension").append(el("option", { value: dim, text: dimensionLabel(dim) }));
    }
    for (const actor of vocab.actors) {
      const count = `${actor.events} event${actor.events === 1 ? "" : "s"}`;
      $("#f-actor").append(el("option", { value: actor.code, text: `${actor.label} (${actor.code}) · ${count}` }));
    }
    for (const root of vocab.cameo_roots) {
      // kept for the legend of event types in the details panel
      state.cameoRoots = state.cameoRoots || new Map();
      state.cameoRoots.set(root.root, root.label);
    }
    const states = vocab.states.map((code) => [code, `${actorLabel(code)} (${code})`]);
    for (const id of ["#d1-a", "#d1-b", "#d2-a", "#d2-b"]) {
      for (const [code, label] of states) $(id).append(el("option", { value: code, text: label }));
    }
    $("#d1-a").value = "USA"; $("#d1-b").value = "PAK"; $("#d2-a").value = "USA"; $("#d2-b").value = "IND";
  }

  function zoomToEra(id) {
    for (const button of document.querySelectorAll("#eras button[data-era]")) {
      button.setAttribute("aria-pressed", String(button.dataset.era === id));
    }
    if (!id) {
      state.timeline.setWindow(new Date(Date.UTC(1946, 6, 1)), new Date(Date.UTC(2023, 0, 1)));
      return;
    }
    const era = state.vocab.eras.find((e) => e.id === id);
    state.timeline.setWindow(new Date(parseDate(era.start_date) - 120 * DAY), new Date(+parseDate(era.end_date) + 120 * DAY));
  }

  // -- loading events ------------------------------------------------------------------------
  async function load() {
    const seq = ++state.loadSeq;
    const params = filters();
    writeUrl();
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
      state.cursor = -1;
      state.selected = null;
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
    const tone = event.goldstein < 0 ? "conflict" : event.goldstein > 0 ? "coop" : "neutral";
    return event.date_precision === "day" && !event.end_date ? tone : `${tone} imprecise`;
  }

  function groupKeys(event, by, lanes) {
    if (by === "dimension") return event.dimensions.length ? event.dimensions : ["(none)"];
    if (by === "actor") {
      const keys = [...new Set(event.actors.map((a) => (lanes.has(a) ? a : "other")))];
      return keys.length ? keys : ["other"];
    }
    return [null];
  }

  function actorLanes() {
    const counts = new Map();
    for (const event of state.events) for (const a of event.actors) counts.set(a, (counts.get(a) || 0) + 1);
    return new Set([...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, ACTOR_LANES).map((x) => x[0]));
  }

  function itemFor(event, key, labelled) {
    const first = state.vocab.eras.length ? parseDate(state.vocab.eras[0].start_date) : null;
    let start = parseDate(event.date);
    if (first && start < first) start = first;  // "1947" may not be drawn before independence
    const item = {
      id: key === null ? event.id : `${key}\u0001${event.id}`,
      eventId: event.id,
      group: key === null ? undefined : key,
      start,
      // Many events: bare dots and bars (the tooltip and the details panel carry the text), so they stay narrow.
      content: labelled ? escapeHtml(short(event.description, 32)) : "",
      title: escapeHtml(`${event.date}${event.end_date ? ` to ${event.end_date}` : ""}: ${event.description}`),
      className: itemClass(event),
      type: "point",
    };
    if (event.date_precision !== "day" || event.end_date) {
      item.type = "range";
      item.end = periodEnd(event.end_date || event.date);
    }
    return item;
  }

  function render() {
    const by = $("#f-group").value;
    const lanes = by === "actor" ? actorLanes() : new Set();
    const keys = state.events.map((event) => groupKeys(event, by, lanes));
    const clustered = keys.reduce((n, k) => n + k.length, 0) > CLUSTER_FROM;
    const items = [];
    const groupNames = new Set();
    state.events.forEach((event, i) => {
      for (const key of keys[i]) {
        if (key !== null) groupNames.add(key);
        items.push(itemFor(event, key, !clustered));
      }
    });
    state.timeline.setOptions({
      stack: !clustered,
      cluster: clustered ? {
        maxItems: 4,
        titleTemplate: "{count} events: zoom in, or use the arrow keys, to see them",
        // The event chosen with the keyboard or a click is never hidden in a cluster.
        clusterCriteria: (a, b) => a.id !== state.selected && b.id !== state.selected,
      } : false,
    });
    // One new data set handed over at once: clearing and refilling the old ones redraws the timeline at each step.
    state.items = new vis.DataSet(items);
    if (by) {
      const order = by === "actor" ? [...lanes, "other"] : [...state.vocab.dimensions, "(none)"];
      const rank = (name) => { const i = order.indexOf(name); return i < 0 ? order.length : i; };
      state.groups = new vis.DataSet([...groupNames].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((name, i) => ({
        id: name,
        order: i,
        content: escapeHtml(by === "actor" ? (name === "other" ? "other actors" : `${actorLabel(name)} (${name})`)
          : dimensionLabel(name)),
      })));
      state.timeline.setData({ groups: state.groups, items: state.items });
    } else {
      state.timeline.setData({ groups: null, items: state.items });
    }
    // Lanes open at the top (the most frequent actors), not wherever the last view was scrolled.
    state.timeline.once("changed", () => state.timeline._setScrollTop && state.timeline._setScrollTop(0));
    state.tableShown = 0;
    $("#table tbody").replaceChildren();
    renderTableRows();
  }

  function makeTimeline() {
    const timeline = new vis.Timeline($("#timeline"), state.items, {
      min: new Date(Date.UTC(1940, 0, 1)),
      max: new Date(Date.UTC(2030, 0, 1)),
      start: new Date(Date.UTC(1946, 6, 1)),
      end: new Date(Date.UTC(2023, 0, 1)),
      zoomMin: DAY * 20,
      stack: true,
      maxHeight: "60vh",
      orientation: { axis: "top" },
      selectable: true,
      showTooltips: true,
      tooltip: { followMouse: false },
      align: "left",
      verticalScroll: true,
      groupOrder: "order",
      margin: { item: { horizontal: 2, vertical: 4 } },
    });
    timeline.on("select", ({ items }) => {
      if (!items.length) return;
      const item = state.items.get(items[0]);
      if (!item) return;  // a cluster
      state.selected = item.id;
      state.cursor = state.events.findIndex((e) => e.id === item.eventId);
      openDetails(item.eventId);
    });
    return timeline;
  }

  function itemIdFor(event) {
    const by = $("#f-group").value;
    const key = groupKeys(event, by, by === "actor" ? actorLanes() : new Set())[0];
    return key === null ? event.id : `${key}\u0001${event.id}`;
  }

  function moveCursor(index) {
    if (!state.events.length) return;
    state.cursor = Math.max(0, Math.min(state.events.length - 1, index));
    const event = state.events[state.cursor];
    const id = itemIdFor(event);
    const previous = state.selected;
    state.selected = id;
    // Touching the two items makes the timeline recompute its clusters with the new exception.
    const touched = [previous, id].filter((x) => x && state.items.get(x)).map((x) => ({ id: x }));
    if (touched.length) state.items.update(touched);
    state.timeline.setSelection([id]);
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
        el("td", { text: event.dimensions.map(dimensionLabel).join(", ") }),
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

  async function copyText(text, button) {
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch {
      const area = el("textarea", { class: "offscreen", "aria-hidden": "true" });
      area.value = text;
      document.body.append(area);
      area.select();
      done = document.execCommand("copy");
      area.remove();
    }
    button.dataset.copied = text;
    setStatus(done ? `Copied: ${short(text, 160)}` : `Select and copy: ${text}`);
  }

  function sourceCitation(source) {
    const date = source.date ? ` ${source.date}.` : "";
    return `${source.issuer}. “${source.title}.”${date} ${source.url} (accessed ${today()}).`;
  }

  function eventCitation(event) {
    const link = `${window.location.origin}/?event=${encodeURIComponent(event.id)}`;
    const sources = event.sources.map((s) => `${s.issuer}, “${s.title}”`).join("; ");
    return `Crossroads chronology, “${event.description}” (${event.date}), event ${event.id}. ` +
      `Sources: ${sources}. ${link} (accessed ${today()}).`;
  }

  function kindLabel(kind) {
    const found = state.vocab.source_kinds.find((k) => k.kind === kind);
    return found ? found.label : kind;
  }

  async function openDetails(id) {
    if (!$("#details").contains(document.activeElement)) state.lastFocus = document.activeElement;
    const panel = $("#details");
    panel.hidden = false;
    state.openEvent = id;
    writeUrl();
    $("#details-title").textContent = "Loading…";
    $("#details-body").replaceChildren();
    let event;
    try {
      event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    } catch (error) {
      $("#details-title").textContent = `Could not load the event: ${error.message}`;
      return;
    }
    if (state.openEvent !== id) return;  // another event was opened meanwhile
    $("#details-title").textContent = `${event.date}: ${short(event.description, 90)}`;
    const precision = { day: "to the day", month: "to the month", year: "to the year" }[event.date_precision] || event.date_precision;
    const rootLabel = state.cameoRoots && state.cameoRoots.get(event.cameo.slice(0, 2));
    const codeLabel = (state.vocab.cameo_labels || {})[event.cameo];
    const rows = [
      ["Date", `${event.date} (known ${precision})${event.end_date ? ` to ${event.end_date}` : ""}`],
      ["Era", eraLabel(event.era)],
      ["Actors", event.actors.map((a) => `${actorLabel(a)} (${a})`).join(", ")],
      ["Event type", `${codeLabel || rootLabel || ""} (CAMEO ${event.cameo}${event.plover ? `, PLOVER ${event.plover}` : ""})`],
      ["Goldstein", `${event.goldstein} (−10 most conflictual, +10 most cooperative)`],
      ["Dimensions", event.dimensions.map(dimensionLabel).join(", ")],
    ];
    const stances = Object.entries(event.kashmir_stances || {});
    if (stances.length) rows.push(["Kashmir stances", stances.map(([a, s]) => `${actorLabel(a)}: ${s}`).join("; ")]);
    const dl = el("dl");
    for (const [k, v] of rows) dl.append(el("dt", { text: k }), el("dd", { text: v }));
    const sources = el("ol", { "aria-label": "Sources" });
    for (const source of event.sources) {
      const label = `${source.issuer}, ${source.title}${source.date ? ` (${source.date})` : ""}`;
      const href = safeUrl(source.url);
      const copy = el("button", { type: "button", class: "linklike copy-source", text: "copy citation",
        "aria-label": `Copy a citation of ${short(source.title, 80)}` });
      copy.addEventListener("click", () => copyText(sourceCitation(source), copy));
      sources.append(el("li", {},
        el("span", { class: `kind kind-${source.kind}`, title: kindLabel(source.kind), text: kindLabel(source.kind) }),
        document.createTextNode(" "),
        href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "source-link", text: label })
          : document.createTextNode(label),
        document.createTextNode(" "), copy));
    }
    const copyEvent = el("button", { type: "button", id: "copy-event", text: "Copy citation of this event" });
    copyEvent.addEventListener("click", () => copyText(eventCitation(event), copyEvent));
    const parts = [el("p", { text: event.description })];
    if (event.note) parts.push(el("p", { class: "note", text: `Note: ${event.note}` }));
    $("#details-body").replaceChildren(
      ...parts,
      dl,
      copyEvent,
      el("h3", { text: "Sources" }),
      sources,
      el("p", { class: "hint", text: `Recorded in ${event.file}, line ${event.line} · id ${event.id}` }),
    );
    panel.focus();
  }

  function closeDetails() {
    $("#details").hidden = true;
    state.openEvent = null;
    writeUrl();
    if (state.lastFocus && document.contains(state.lastFocus)) state.lastFocus.focus();
  }

  // -- tabs ----------------------------------------------------------------------------------
  const TABS = ["timeline", "table", "charts", "claims", "scenarios"];
  const CHARTS = [
    ["index", "US–Pakistan relations index and phases"], ["compare", "Two dyads side by side"],
    ["kashmir_posture", "Kashmir: posture of outside actors (coded record)"],
    ["kashmir_attention", "Kashmir: attention of outside actors (coded record)"],
    ["kashmir", "Kashmir prospects (earlier series, for comparison)"], ["triangle", "The triangle"], ["aid", "US aid: economic and military"],
    ["arms", "Arms deliveries"], ["unga", "UN General Assembly agreement"], ["alliances", "Alliance ties"],
    ["conflict", "India–Pakistan conflict"], ["timeline", "Events by era and dimension"],
  ];

  async function drawChart(data, layout, title) {
    const target = $("#chart");
    Plotly.purge(target);
    target.textContent = "";
    await Plotly.newPlot(target, data, { ...layout, title: { text: title }, autosize: true },
      { displaylogo: false, responsive: true });
    target.on("plotly_click", onChartClick);
  }

  async function showChart(id) {
    const seq = ++state.chartSeq;  // answers to an earlier choice are dropped when they arrive late
    const caption = $("#chart-caption");
    $("#dyads").hidden = id !== "compare";
    $("#chart").dataset.chart = "";
    caption.textContent = "Loading the chart…";
    writeUrl();
    if (id === "compare") return showComparison(seq);
    let chart;
    try {
      chart = await getJSON(`/api/analysis/charts/${encodeURIComponent(id)}`);
    } catch (error) {
      if (seq === state.chartSeq) caption.textContent = `Could not load the chart: ${error.message}`;
      return;
    }
    if (seq !== state.chartSeq) return;
    const target = $("#chart");
    target.setAttribute("aria-label", chart.alt);
    if (chart.figure) {
      await drawChart(chart.figure.data, chart.figure.layout, chart.title);
      if (seq !== state.chartSeq) return;
    } else {
      Plotly.purge(target);
      target.textContent = "No data for this chart.";
    }
    target.dataset.chart = id;
    caption.textContent = `${chart.caption} Click a point to open its events. Sources: ${chart.sources.join("; ")}.`;
  }

  async function showComparison(seq) {
    const dyads = [[$("#d1-a").value, $("#d1-b").value], [$("#d2-a").value, $("#d2-b").value]];
    let answers;
    try {
      answers = await Promise.all(dyads.map(([a, b]) => getJSON("/api/analysis/index", { a, b, boot: 50 })));
    } catch (error) {
      if (seq === state.chartSeq) $("#chart-caption").textContent = `Could not compute the indices: ${error.message}`;
      return;
    }
    if (seq !== state.chartSeq) return;
    const colours = ["#0072B2", "#D55E00"];
    const data = [];
    answers.forEach((answer, i) => {
      const name = `${actorLabel(answer.dyad[0])}–${actorLabel(answer.dyad[1])}`;
      const rows = answer.years.filter((r) => r.index !== null);
      const years = rows.map((r) => r.year);
      data.push({ x: years, y: rows.map((r) => r.upper), mode: "lines", line: { width: 0 }, showlegend: false, hoverinfo: "skip" });
      data.push({ x: years, y: rows.map((r) => r.lower), mode: "lines", line: { width: 0 }, fill: "tonexty",
        fillcolor: i ? "rgba(213,94,0,0.15)" : "rgba(0,114,178,0.15)", name: `${name}: 90% band`, hoverinfo: "skip" });
      data.push({ x: years, y: rows.map((r) => r.index), mode: "lines+markers", name, line: { color: colours[i] },
        marker: { size: 4 } });
    });
    const layout = { template: "simple_white", height: 420, yaxis: { title: { text: "index (standard units of each dyad)" } },
      xaxis: { title: { text: "Year" }, range: [1946.5, 2021.5] }, legend: { orientation: "h", y: -0.2 }, margin: { t: 40 } };
    await drawChart(data, layout, "Relations indices side by side");
    if (seq !== state.chartSeq) return;
    $("#chart").setAttribute("aria-label", `Line chart of the relations indices of ${dyads.map((d) => d.join("–")).join(" and ")} by year`);
    $("#chart").dataset.chart = "compare";
    $("#chart-caption").textContent = "Each dyad's index is standardized on its own years and components, so the " +
      "lines show each relationship's ups and downs; the triangle chart puts three dyads on one common scale. " +
      "Click a point to open that year's events of the dyad.";
  }

  function onChartClick(data) {
    const point = data.points && data.points[0];
    if (!point) return;
    if (typeof point.customdata === "string" && point.customdata) {
      openDetails(point.customdata);
      return;
    }
    const year = typeof point.x === "number" ? Math.floor(point.x) : parseInt(String(point.x).slice(0, 4), 10);
    if (!Number.isFinite(year)) return;
    const chart = $("#chart-select").value;
    $("#f-start").value = String(year);
    $("#f-end").value = String(year);
    $("#f-era").value = "";
    if (chart.startsWith("kashmir")) $("#f-dimension").value = "kashmir";
    showTab("table");
    load();
  }

  // -- scenarios: the bargaining model, with what-ifs from the sliders ------------------------
  const scenario = { seq: 0, inputs: null, timer: null };

  async function loadScenarios() {
    const select = $("#sc-era");
    if (!select.options.length) {
      for (const era of state.vocab.eras) {
        select.append(el("option", { value: era.id, text: `${era.id.toUpperCase()} ${era.label}` }));
      }
      select.value = "e5";
      select.addEventListener("change", () => loadScenarioEra());
      $("#sc-reset").addEventListener("click", () => loadScenarioEra());
    }
    if (!scenario.inputs) await loadScenarioEra();
  }

  function slider(actor, field, value, label) {
    const input = el("input", { type: "range", min: "0", max: "100", step: "1", value: String(Math.round(value)),
      "aria-label": `${label}: ${field}`, "data-actor": actor, "data-field": field,
      "data-record": String(Math.round(value)) });
    const shown = el("output", { text: String(Math.round(value)) });
    input.addEventListener("input", () => {
      shown.textContent = input.value;
      clearTimeout(scenario.timer);
      scenario.timer = setTimeout(runScenario, 250);
    });
    return el("td", {}, input, " ", shown);
  }

  async function loadScenarioEra() {
    const era = $("#sc-era").value;
    const body = $("#sc-inputs tbody");
    const seq = ++scenario.seq;
    $("#sc-result").textContent = "Loading the era's inputs…";
    let inputs;
    try {
      inputs = await getJSON(`/api/scenarios/inputs/${encodeURIComponent(era)}`);
    } catch (error) {
      if (seq === scenario.seq) $("#sc-result").textContent = `No scenario for this era: ${error.message}`;
      body.replaceChildren();
      scenario.inputs = null;
      return;
    }
    if (seq !== scenario.seq) return;
    scenario.inputs = inputs;
    body.replaceChildren(...inputs.rows.map((r) => el("tr", {},
      el("th", { scope: "row", text: r.name }),
      slider(r.actor, "position", r.position, r.name),
      slider(r.actor, "salience", r.salience, r.name),
      el("td", { class: "small", text: `${r.position_basis}; ${r.salience_basis}` }))));
    await runScenario();
  }

  function describe(outcome) {
    const f = (v) => Number(v).toFixed(1);
    return `median ${f(outcome.median)} (90% interval ${f(outcome.low)} to ${f(outcome.high)})`;
  }

  async function runScenario() {
    if (!scenario.inputs) return;
    const seq = ++scenario.seq;
    const url = new URL(`/api/scenarios/kashmir/${encodeURIComponent(scenario.inputs.era)}`, window.location.origin);
    url.searchParams.set("draws", "200");
    const changed = [];
    for (const input of document.querySelectorAll("#sc-inputs input[type=range]")) {
      if (input.value !== input.dataset.record) {
        url.searchParams.append("what_if", `${input.dataset.actor}.${input.dataset.field}=${input.value}`);
        changed.push(`${actorLabel(input.dataset.actor)} ${input.dataset.field} ${input.value}`);
      }
    }
    $("#sc-result").textContent = "Computing…";
    let answer;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      answer = await response.json();
      if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
    } catch (error) {
      if (seq === scenario.seq) $("#sc-result").textContent = `Could not compute: ${error.message}`;
      return;
    }
    if (seq !== scenario.seq) return;  // a later change is already on its way
    let text = `On the record's inputs the model predicts ${describe(answer.baseline)}.`;
    if (answer.counterfactual) {
      const movers = answer.moved_by_what_if.map(actorLabel).join(", ") || "no actor";
      text += ` With ${changed.join(", ")}: ${describe(answer.counterfactual)}; ${movers} end elsewhere than on the record's inputs.`;
    }
    $("#sc-result").textContent = text;
    $("#sc-result").dataset.median = String(answer.counterfactual ? answer.counterfactual.median : answer.baseline.median);
  }

  let claimsLoaded = false;
  function robustness(claim) {
    // The share of the plan's equally defensible specifications giving each verdict.
    if (!claim.robustness || !claim.specifications) return "";
    const shares = Object.entries(claim.robustness)
      .map(([verdict, share]) => `${verdict.replace(/_/g, " ")} ${Math.round(share * 100)}%`).join(", ");
    const n = claim.specifications;
    return `${shares} of ${n} specification${n === 1 ? "" : "s"}`;
  }

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
        el("td", { class: `verdict verdict-${claim.verdict}` }, document.createTextNode(claim.verdict.replace(/_/g, " ")),
          el("p", { class: "hint", text: robustness(claim) })),
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
    if (name === "scenarios") loadScenarios();
    writeUrl();
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
    for (const id of ["#f-era", "#f-dimension", "#f-actor"]) $(id).addEventListener("change", scheduleLoad);
    for (const id of ["#f-q", "#f-start", "#f-end"]) $(id).addEventListener("input", scheduleLoad);
    $("#f-group").addEventListener("change", () => { render(); writeUrl(); });
    $("#more").addEventListener("click", renderTableRows);
    $("#details-close").addEventListener("click", closeDetails);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !$("#details").hidden) closeDetails(); });
    for (const tab of TABS) $(`#tab-${tab}`).addEventListener("click", () => showTab(tab));
    $("#views").addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
        const current = TABS.indexOf(currentTab());
        const step = ev.key === "ArrowRight" ? 1 : -1;
        const next = TABS[(current + step + TABS.length) % TABS.length];
        showTab(next);
        $(`#tab-${next}`).focus();
      }
    });
    for (const [id, label] of CHARTS) $("#chart-select").append(el("option", { value: id, text: label }));
    $("#chart-select").addEventListener("change", () => showChart($("#chart-select").value));
    for (const id of ["#d1-a", "#d1-b", "#d2-a", "#d2-b"]) $(id).addEventListener("change", () => showChart("compare"));
    try {
      state.vocab = await getJSON("/api/vocabulary");
    } catch (error) {
      setStatus(`Could not load the filter menus: ${error.message}`);
      return;
    }
    fillMenus(state.vocab);
    const restored = readUrl();
    await load();
    if (restored.view && TABS.includes(restored.view)) showTab(restored.view);
    if (restored.event) await openDetails(restored.event);
    document.body.dataset.ready = "true";
  }

  main();
})();
