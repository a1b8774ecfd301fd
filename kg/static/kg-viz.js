/* kg viz: the page's own script.
 *
 * The data (labels, sentences, sources) comes from news text and is hostile. It reaches the
 * page only through JSON.parse, and the DOM only through textContent or elements built here;
 * vis-network 9 shows plain-string titles with innerText. No innerHTML anywhere.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var ui = data.ui;
  var body = document.body;
  var started = performance.now();
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function shortLabel(text) {
    var max = data.labelWidth;
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  // --- static texts ---------------------------------------------------------------------
  $("kg-search").placeholder = ui.search;
  $("kg-types-title").textContent = ui.types;
  $("kg-relations-title").textContent = ui.relations;
  $("kg-rel-all").textContent = ui.all;
  $("kg-rel-none").textContent = ui.none;
  $("kg-dates-title").textContent = ui.dates;
  $("kg-since-label").textContent = ui.since;
  $("kg-until-label").textContent = ui.until;
  $("kg-undated-label").textContent = ui.undated;
  $("kg-physics-label").textContent = ui.physics;
  $("kg-panel-hint").textContent = ui.card;

  // --- nodes and edges ------------------------------------------------------------------
  var big = data.layout === "precomputed";
  var types = data.types;
  var relations = data.relations;
  var nodeById = data.nodes; // ids are indexes

  var visNodes = nodeById.map(function (n) {
    var t = types[n.t];
    var item = {
      id: n.id,
      label: shortLabel(n.label),
      title: n.label + "\n" + t.label + " · " + n.short,
      shape: t.shape,
      size: n.size,
      color: { background: t.color, border: t.color,
               highlight: { background: t.color, border: "#111" },
               hover: { background: t.color, border: "#111" } },
    };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  });

  var pairRound = [0.18, -0.18, 0.34, -0.34, 0.5, -0.5];
  var visEdges = data.edges.map(function (e, i) {
    var rel = relations[e.r];
    var lines = [nodeById[e.f].label + " — " + rel.label + " → " + nodeById[e.t].label];
    var when = [e.d, e.m && e.m !== "Stated" ? e.m.toLowerCase() : null].filter(Boolean);
    if (when.length) lines.push(when.join(" · "));
    if (e.ev) lines.push("« " + e.ev + " »");
    if (e.src) lines.push(ui.source + ": " + e.src + (e.pub ? " (" + ui.published + " " + e.pub + ")" : ""));
    var item = { id: i, from: e.f, to: e.t, label: rel.label, title: lines.join("\n") };
    if (e.m && e.m !== "Stated") item.dashes = true; // planned, in progress, forecast: not done
    if (e.k) item.smooth = { enabled: true, type: "curvedCW", roundness: pairRound[(e.k - 1) % pairRound.length] };
    return item;
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);

  // --- filters --------------------------------------------------------------------------
  var typeOn = types.map(function () { return true; });
  var relOn = relations.map(function () { return true; });
  var range = { lo: null, hi: null, undated: true };
  var nodeShown = new Uint8Array(nodeById.length).fill(1);
  var edgeShown = new Uint8Array(data.edges.length).fill(1);
  var keep = new Set(data.focus);

  function edgeInRange(e) {
    if (!range.lo && !range.hi) return true;
    if (e.lo === undefined) return range.undated;
    return (!range.lo || e.hi >= range.lo) && (!range.hi || e.lo <= range.hi);
  }

  function computeVisibility() {
    var narrowed = relOn.indexOf(false) >= 0 || range.lo || range.hi || !range.undated;
    var linked = new Uint8Array(nodeById.length);
    data.edges.forEach(function (e, i) {
      var ok = relOn[e.r] && typeOn[nodeById[e.f].t] && typeOn[nodeById[e.t].t] && edgeInRange(e);
      if (!range.undated && e.lo === undefined) ok = false;
      edgeShown[i] = ok ? 1 : 0;
      if (ok) { linked[e.f] = 1; linked[e.t] = 1; }
    });
    nodeById.forEach(function (n) {
      var ok = typeOn[n.t] && (!narrowed || linked[n.id] || keep.has(n.id));
      nodeShown[n.id] = ok ? 1 : 0;
    });
  }

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeShown[n.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeShown[e.id] === 1; } });

  function applyFilters() {
    computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    updateStatus();
  }

  function glyph(shape, color) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    var shapeEl;
    var points = {
      triangle: "7,1 13,13 1,13",
      triangleDown: "1,1 13,1 7,13",
      diamond: "7,0 14,7 7,14 0,7",
      hexagon: "3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7",
      star: "7,0 8.8,5 14,5 9.8,8.2 11.3,13.5 7,10.3 2.7,13.5 4.2,8.2 0,5 5.2,5",
    };
    if (shape === "square") {
      shapeEl = document.createElementNS(ns, "rect");
      shapeEl.setAttribute("x", "1"); shapeEl.setAttribute("y", "1");
      shapeEl.setAttribute("width", "12"); shapeEl.setAttribute("height", "12");
    } else if (points[shape]) {
      shapeEl = document.createElementNS(ns, "polygon");
      shapeEl.setAttribute("points", points[shape]);
    } else {
      shapeEl = document.createElementNS(ns, "circle");
      shapeEl.setAttribute("cx", "7"); shapeEl.setAttribute("cy", "7"); shapeEl.setAttribute("r", "6");
    }
    shapeEl.setAttribute("fill", color);
    svg.appendChild(shapeEl);
    return svg;
  }

  function filterItem(list, index, name, count, svg, onChange) {
    var box = el("input", { type: "checkbox" });
    box.checked = true;
    box.dataset.index = String(index);
    box.addEventListener("change", function () { onChange(index, box.checked); });
    list.appendChild(el("li", null, [el("label", null, [
      box, svg, el("span", { className: "kg-name", text: name }),
      el("span", { className: "kg-count", text: count.toLocaleString() }),
    ])]));
    return box;
  }

  var typeBoxes = types.map(function (t, i) {
    return filterItem($("kg-types"), i, t.label, t.count, glyph(t.shape, t.color), function (k, on) {
      typeOn[k] = on; applyFilters();
    });
  });
  var relBoxes = relations.map(function (r, i) {
    return filterItem($("kg-relations"), i, r.label, r.count, null, function (k, on) {
      relOn[k] = on; applyFilters();
    });
  });
  function setAllRelations(on) {
    relBoxes.forEach(function (b, i) { b.checked = on; relOn[i] = on; });
    applyFilters();
  }
  $("kg-rel-all").addEventListener("click", function () { setAllRelations(true); });
  $("kg-rel-none").addEventListener("click", function () { setAllRelations(false); });

  function dateBound(text, low) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
    if (!m) return undefined;
    return m[1] + "-" + (m[2] || (low ? "01" : "12")) + "-" + (m[3] || (low ? "01" : "31"));
  }
  function onDates() {
    var since = $("kg-since").value.trim(), until = $("kg-until").value.trim();
    var lo = since ? dateBound(since, true) : null, hi = until ? dateBound(until, false) : null;
    if (lo === undefined || hi === undefined) { $("kg-date-error").textContent = ui.badDate; return; }
    $("kg-date-error").textContent = "";
    range.lo = lo; range.hi = hi; range.undated = $("kg-undated").checked;
    applyFilters();
  }
  ["kg-since", "kg-until"].forEach(function (id) { $(id).addEventListener("input", onDates); });
  $("kg-undated").addEventListener("change", onDates);

  // --- the network ----------------------------------------------------------------------
  var options = {
    autoResize: true,
    nodes: {
      font: { size: nodeById.length <= 200 ? 17 : 14, face: "system-ui, sans-serif", color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1,
      borderWidthSelected: 3,
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      color: big ? { color: "#8795a8", opacity: 0.35, highlight: "#1f2933", hover: "#1f2933", inherit: false }
                 : { color: "#aab4c0", highlight: "#3b4b5c", hover: "#3b4b5c", inherit: false },
      font: { size: 10, color: "#52606d", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: big ? false : { enabled: true, type: "continuous", roundness: 0.3 },
      width: 1,
      selectionWidth: 2,
      hoverWidth: 1.5,
    },
    layout: { improvedLayout: nodeById.length <= 150, randomSeed: 7 },
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: big,
      hideEdgesOnZoom: big,
      multiselect: false,
    },
    physics: big ? { enabled: false } : {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -90, centralGravity: 0.008, springLength: 130,
                          springConstant: 0.06, damping: 0.5, avoidOverlap: 0.6 },
      maxVelocity: 60,
      minVelocity: 1,
      stabilization: { enabled: true, iterations: data.iterations, updateInterval: 25, fit: true },
    },
  };

  var network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);
  var physicsBox = $("kg-physics");
  physicsBox.checked = false;
  if (nodeById.length > 2000) $("kg-physics-note").textContent = ui.physicsSlow;
  var readyMs = null;

  function updateStatus(extra) {
    var shownNodes = nodeView.length, shownEdges = edgeView.length;
    var text = shownNodes.toLocaleString() + " / " + nodeById.length.toLocaleString() + " " + ui.entities +
      " · " + shownEdges.toLocaleString() + " / " + data.edges.length.toLocaleString() + " " + ui.facts;
    if (extra) text += " · " + extra;
    else if (readyMs !== null) text += " · " + ui.ready + " " + (readyMs / 1000).toFixed(1) + " s";
    $("kg-status").textContent = text;
  }

  function ready() {
    if (readyMs !== null) return;
    readyMs = performance.now() - started;
    if (!big) network.moveTo({ scale: network.getScale() * 0.9 }); // room for the outer labels
    updateStatus();
    if (data.focus.length) {
      network.selectNodes(data.focus.filter(function (id) { return nodeShown[id]; }));
      showCard(data.focus[0]);
    }
    body.dataset.state = "ready";
  }

  if (big) {
    network.once("afterDrawing", ready);
  } else {
    network.on("stabilizationProgress", function (p) {
      updateStatus(ui.laying + " " + Math.round(100 * p.iterations / p.total) + " %");
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      ready();
    });
    // a bound on the wall clock too, whatever the machine: stop and draw what there is
    setTimeout(function () {
      if (readyMs === null) {
        network.stopSimulation();
        network.setOptions({ physics: { enabled: false } });
        network.fit();
        ready();
      }
    }, 8000);
  }

  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: physicsBox.checked ? {
      enabled: true, solver: big ? "barnesHut" : "forceAtlas2Based",
      stabilization: { enabled: false },
    } : { enabled: false } });
  });

  // --- the side panel: an entity's card or a fact -------------------------------------
  var panel = $("kg-panel");

  function clearPanel() { while (panel.firstChild) panel.removeChild(panel.firstChild); }

  function nodeLink(id, text) {
    var b = el("button", { type: "button", className: "kg-link", text: text });
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  function citeLine(c) {
    var where = (c.src || "") + " (" + (c.pub || ui.undatedSource) + ")" + (c.by ? ", " + ui.reportedBy + " " + c.by : "");
    var line = el("div", { className: "kg-cite" }, [el("span", { className: "kg-src", text: "↳ " + where })]);
    if (c.ev) {
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("q", { text: c.ev }));
    }
    return line;
  }

  function cardFromEdges(id) {
    // for pages too big for full cards: the facts drawn here, both directions
    var n = nodeById[id];
    var facts = [];
    data.edges.forEach(function (e) {
      if (e.f !== id && e.t !== id) return;
      var out = e.f === id;
      var other = nodeById[out ? e.t : e.f];
      facts.push({ dir: out ? "out" : "in", rel: relations[e.r].label + (out ? "" : " (←)"),
                   other: other.label, node: other.id, time: e.d || "", modality: e.m && e.m !== "Stated" ? e.m : null,
                   cites: e.src ? [{ src: e.src, pub: e.pub, ev: e.ev }] : [] });
    });
    return { label: n.label, short: n.short, types: [types[n.t].label], labels: {}, aliases: [],
             wikidata: null, description: null, facts: facts, partial: true };
  }

  function showCard(id) {
    var card = data.cards[String(id)] || cardFromEdges(id);
    clearPanel();
    panel.dataset.node = nodeById[id].iri;
    panel.appendChild(el("h2", { className: "kg-card-title", text: card.label }));
    panel.appendChild(el("p", { className: "kg-types", text: card.types.join(", ") }));
    var dl = el("dl");
    function row(name, value) {
      if (!value) return;
      dl.appendChild(el("dt", { text: name }));
      dl.appendChild(el("dd", { text: value }));
    }
    row(ui.id, card.short);
    row(ui.labels, Object.keys(card.labels).filter(Boolean).sort().map(function (k) {
      return k + ": " + card.labels[k];
    }).join(" | "));
    row(ui.aliases, card.aliases.join(", "));
    row(ui.wikidata, card.wikidata || "—");
    row(ui.about, card.description);
    panel.appendChild(dl);
    panel.appendChild(el("h3", { text: card.facts.length ? ui.factsTitle : ui.noFacts }));
    if (card.partial) panel.appendChild(el("p", { className: "kg-note", text: ui.fromEdges }));
    var list = el("ul", { className: "kg-facts" });
    card.facts.forEach(function (f) {
      var extras = [f.time, f.qualifier, f.modality ? f.modality.toLowerCase() : null].filter(Boolean);
      var li = el("li", null, [
        el("span", { className: "kg-rel", text: f.rel + ": " }),
        f.node !== undefined ? nodeLink(f.node, f.other) : el("span", { text: f.other }),
        extras.length ? el("span", { className: "kg-extra", text: "  [" + extras.join(", ") + "]" }) : null,
      ]);
      if (f.cites.length) f.cites.forEach(function (c) { li.appendChild(citeLine(c)); });
      else li.appendChild(el("div", { className: "kg-cite kg-src", text: "↳ " + ui.noSource }));
      list.appendChild(li);
    });
    panel.appendChild(list);
  }

  function showFact(edgeId) {
    var e = data.edges[edgeId];
    var rel = relations[e.r];
    clearPanel();
    delete panel.dataset.node;
    panel.appendChild(el("h2", { className: "kg-card-title", text: rel.label }));
    panel.appendChild(el("p", null, [
      nodeLink(e.f, nodeById[e.f].label), document.createTextNode(" — " + rel.label + " → "),
      nodeLink(e.t, nodeById[e.t].label),
    ]));
    var extras = [e.d, e.m && e.m !== "Stated" ? e.m.toLowerCase() : null].filter(Boolean);
    if (extras.length) panel.appendChild(el("p", { className: "kg-extra", text: extras.join(" · ") }));
    if (e.src || e.ev) panel.appendChild(citeLine({ src: e.src, pub: e.pub, ev: e.ev }));
    else panel.appendChild(el("p", { className: "kg-note", text: ui.noSource }));
  }

  network.on("click", function (params) {
    if (params.nodes.length) showCard(params.nodes[0]);
    else if (params.edges.length) showFact(params.edges[0]);
  });

  // --- search ---------------------------------------------------------------------------
  var search = $("kg-search");
  var matchList = $("kg-matches");
  var folded = nodeById.map(function (n) { return fold(n.label + " " + n.short); });
  var active = 0;
  var current = [];

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function findMatches(text) {
    var key = fold(text);
    if (!key) return [];
    var exact = [], starts = [], inside = [];
    for (var i = 0; i < folded.length; i++) {
      var label = fold(nodeById[i].label);
      if (label === key) exact.push(i);
      else if (label.indexOf(key) === 0) starts.push(i);
      else if (folded[i].indexOf(key) >= 0) inside.push(i);
      if (exact.length + starts.length > 20) break;
    }
    var byDeg = function (a, b) { return nodeById[b].deg - nodeById[a].deg; };
    return exact.sort(byDeg).concat(starts.sort(byDeg), inside.sort(byDeg)).slice(0, 8);
  }

  var picked = false;

  function renderMatches() {
    while (matchList.firstChild) matchList.removeChild(matchList.firstChild);
    if (!search.value.trim() || picked) return;
    if (!current.length) { matchList.appendChild(el("li", { className: "kg-none", text: ui.noMatch })); return; }
    current.forEach(function (id, k) {
      var n = nodeById[id];
      var li = el("li", { className: k === active ? "kg-active" : "", text: n.label + " · " + types[n.t].label });
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      matchList.appendChild(li);
    });
  }

  function pick(id) {
    current = [];
    picked = true;
    renderMatches();
    focusNode(id);
  }

  search.addEventListener("input", function () {
    picked = false; current = findMatches(search.value); active = 0; renderMatches();
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && current.length) { active = (active + 1) % current.length; renderMatches(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && current.length) { active = (active + current.length - 1) % current.length; renderMatches(); ev.preventDefault(); }
    else if (ev.key === "Enter") {
      if (!current.length) current = findMatches(search.value);
      if (current.length) pick(current[active] !== undefined ? current[active] : current[0]);
      else { picked = false; renderMatches(); }
    } else if (ev.key === "Escape") { current = []; renderMatches(); }
  });
  search.addEventListener("blur", function () { current = []; renderMatches(); });

  function focusNode(id) {
    var n = nodeById[id];
    if (!nodeShown[id]) {
      // the entity was hidden by a filter: show its type again and keep it in view
      keep.add(id);
      if (!typeOn[n.t]) { typeOn[n.t] = true; typeBoxes[n.t].checked = true; }
      applyFilters();
      $("kg-status").textContent += " · " + n.label + ": " + ui.hiddenByFilter;
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showCard(id);
    body.dataset.focused = n.iri;
  }

  computeVisibility();
  updateStatus(big ? null : ui.laying);

  // for tests, notebooks and the curious: the network and its data
  window.kgViz = {
    network: network, nodes: nodes, edges: edges, data: data, focus: focusNode,
    readyMs: function () { return readyMs; },
  };
})();
