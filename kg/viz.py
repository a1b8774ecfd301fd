"""`kg viz`: the graph as one self-contained, offline HTML page drawn with vis-network.

The page carries vis-network's script and styles inline and its data as JSON in a
``<script type="application/json">`` block, so it opens from disk with no network. Labels and
sentences come from news text and are treated as hostile: the JSON escapes ``<``, ``>`` and ``&``
so nothing in it can close the script block, and the page's script puts every text into the
DOM with ``textContent`` (vis-network 9 shows plain-string titles with ``innerText``).

Usable from Python and notebooks::

    >>> import kg
    >>> view = kg.open().viz("Meta", depth=2)     # displays inline in Jupyter
    >>> view.save("meta.html")

networkx is imported only by the functions that need it, so ``import kg`` stays fast.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.model import KG, shorten
from kg.resources import PACKAGE_DIR
from kg.store import Backend

if TYPE_CHECKING:
    import networkx as nx

STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATE = PACKAGE_DIR / "templates" / "viz.html"

MAX_NODES = 20_000
"""Above this many entities kg viz refuses and suggests filters (``--max-nodes`` changes it)."""
PHYSICS_LIMIT = 1_500
"""Up to this many entities the browser lays the graph out (bounded); above, Python does."""
CARD_LIMIT = 1_000
"""Up to this many entities each gets its full `kg lookup` card; above, a card from the edges."""
SOURCE_TYPES = {"NewsArticle", "Dataset"}
"""Sources have labels but no facts of their own: left out of drawings unless linked or named."""
LABEL_WIDTH = 48
"""Labels drawn on the canvas are cut at this many characters (the card shows all of it)."""

# colour and vis-network shape per kg class; shapes that take a size, so size shows degree
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Company": ("#3b6fb6", "square"),
    "Person": ("#e8833a", "dot"),
    "AIModel": ("#2e9e5b", "diamond"),
    "ModelFamily": ("#1b7f79", "hexagon"),
    "AIAgent": ("#d64550", "triangle"),
    "AIAssistant": ("#c2569b", "triangle"),
    "App": ("#8a63c9", "triangleDown"),
    "Device": ("#8c6d46", "triangleDown"),
    "Software": ("#5b8fd6", "diamond"),
    "Division": ("#6fa8dc", "square"),
    "Lab": ("#c9a227", "hexagon"),
    "Team": ("#f2b134", "dot"),
    "Publication": ("#7f7f7f", "star"),
    "Topic": ("#9bbb59", "star"),
    "Layoff": ("#b22222", "star"),
    "Spending": ("#6b8e23", "star"),
    "Quote": ("#a0522d", "dot"),
}
OTHER_STYLE = ("#9aa5b1", "dot")
EXTRA_COLOURS = ["#17becf", "#bcbd22", "#e377c2", "#7f3c8d", "#11a579", "#3969ac", "#f2b701"]

UI_TEXT = {
    "en": {
        "search": "Find an entity…",
        "types": "Types",
        "relations": "Relations",
        "dates": "Dates",
        "since": "since",
        "until": "until",
        "undated": "facts without a date",
        "physics": "Physics (live layout)",
        "physicsSlow": "slow above 2,000 entities",
        "entities": "entities",
        "facts": "facts",
        "laying": "laying out",
        "ready": "ready in",
        "noMatch": "no match",
        "all": "all",
        "none": "none",
        "card": "Click an entity for its card, or a line for its fact.",
        "id": "id",
        "labels": "labels",
        "aliases": "aliases",
        "wikidata": "wikidata",
        "about": "about",
        "factsTitle": "Facts",
        "noFacts": "No facts yet.",
        "noSource": "no source recorded",
        "undatedSource": "undated",
        "reportedBy": "reported by",
        "source": "source",
        "published": "published",
        "badDate": "dates are YYYY, YYYY-MM or YYYY-MM-DD",
        "hiddenByFilter": "shown again: it was hidden by a filter",
        "fromEdges": "(from the drawn facts only)",
    },
    "fr": {
        "search": "Chercher une entité…",
        "types": "Types",
        "relations": "Relations",
        "dates": "Dates",
        "since": "depuis",
        "until": "jusqu’à",
        "undated": "faits sans date",
        "physics": "Physique (disposition en direct)",
        "physicsSlow": "lente au-delà de 2 000 entités",
        "entities": "entités",
        "facts": "faits",
        "laying": "disposition",
        "ready": "prêt en",
        "noMatch": "aucun résultat",
        "all": "tout",
        "none": "rien",
        "card": "Cliquez une entité pour sa fiche, ou un lien pour son fait.",
        "id": "id",
        "labels": "libellés",
        "aliases": "alias",
        "wikidata": "wikidata",
        "about": "à propos",
        "factsTitle": "Faits",
        "noFacts": "Aucun fait.",
        "noSource": "aucune source",
        "undatedSource": "non daté",
        "reportedBy": "rapporté par",
        "source": "source",
        "published": "publié le",
        "badDate": "dates : AAAA, AAAA-MM ou AAAA-MM-JJ",
        "hiddenByFilter": "réaffichée : un filtre la masquait",
        "fromEdges": "(d’après les faits dessinés seulement)",
    },
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CLASS_LABELS = """
SELECT ?lang ?class ?label WHERE {
  ?class a owl:Class ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?class), STR(kg:)) && lang(?label) = ?lang)
}
"""


@dataclass
class Viz:
    """A drawn graph: the page's HTML, shown inline by Jupyter, savable as a file."""

    html: str
    nodes: int
    edges: int
    title: str = "kg"

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (one file, nothing else needed next to it)."""
        path = Path(path)
        try:
            path.write_text(self.html, encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise KgError(f"cannot write {path}: {reason} (choose another -o path)") from None
        return path

    def _repr_html_(self) -> str:
        """The page in a sandboxed iframe: inline in Jupyter, offline, apart from the notebook."""
        page = html.escape(self.html, quote=True)
        return (
            f'<iframe srcdoc="{page}" title="{html.escape(self.title)}" sandbox="allow-scripts"'
            ' style="width:100%;height:640px;border:1px solid #ddd"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<Viz {self.title!r}: {self.nodes} entities, {self.edges} facts>"


# --- choosing what to draw ---------------------------------------------------------------


def viz(
    backend: Backend,
    names: Iterable[str] = (),
    *,
    depth: int = 1,
    query: str | Path | None = None,
    types: Iterable[str] = (),
    relations: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    lang: str = "en",
    max_nodes: int = MAX_NODES,
) -> Viz:
    """Draw the whole graph, the neighbourhood of ``names`` or the edges a query returns.

    ``query`` is a ``.rq`` file (a path) or SPARQL text: a CONSTRUCT, or a SELECT of ``?s ?p ?o``.
    ``types``, ``relations``, ``since`` and ``until`` filter before the neighbourhood is taken.
    """
    names = [n for n in names if n.strip()]
    graph = select(
        backend,
        names,
        depth=depth,
        query=query,
        types=types,
        relations=relations,
        since=since,
        until=until,
        lang=lang,
    )
    n = graph.number_of_nodes()
    if n > max_nodes:
        raise KgError(
            f"{n:,} entities is more than kg viz draws at once ({max_nodes:,}): narrow it with"
            " NAME --depth N, --type, --relation or --since/--until (or raise --max-nodes)"
        )
    cards = entity_cards(backend, graph, lang) if n <= CARD_LIMIT else {}
    title = _title(names, depth, query, lang)
    page = render(
        graph,
        lang=lang,
        title=title,
        cards=cards,
        type_labels=class_labels(backend, lang),
        focus=[_iri(backend, name) for name in names],
    )
    return Viz(page, n, graph.number_of_edges(), title)


def select(
    backend: Backend,
    names: Iterable[str] = (),
    *,
    depth: int = 1,
    query: str | Path | None = None,
    types: Iterable[str] = (),
    relations: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    lang: str = "en",
) -> nx.MultiDiGraph:
    """The subgraph to draw, as a networkx MultiDiGraph like :func:`kg.network.to_networkx`."""
    from kg.network import around, to_networkx

    if depth < 1:
        raise InputError(f"--depth must be at least 1, not {depth}")
    lo, hi = _date_bound(since, "--since", low=True), _date_bound(until, "--until", low=False)
    if lo and hi and lo > hi:
        raise InputError(f"--since {since} is after --until {until}: swap them")
    starts = [_iri(backend, name) for name in names]
    if starts and query is None and not (types or relations or lo or hi):
        # Only the neighbourhood is drawn: read it outwards from the entities. Reading the
        # edges of every entity up to ``depth`` (one ring more) gives the same subgraph as
        # cutting it out of the whole graph, without reading the whole graph.
        return neighbourhood(around(backend, starts, depth + 1, lang), starts, depth)
    full = to_networkx(backend, lang)
    full.remove_nodes_from(
        [
            n
            for n, d in full.nodes(data=True)
            if d.get("type") in SOURCE_TYPES and full.degree(n) == 0 and n not in starts
        ]
    )
    graph = query_graph(backend, full, query) if query is not None else full
    for iri in starts:
        if iri not in graph:
            graph.add_node(iri, type="", label=shorten(iri), labels={})
    graph = filter_graph(graph, types, relations, lo, hi, keep=starts)
    if starts:
        graph = neighbourhood(graph, starts, depth)
    if graph.number_of_nodes() == 0:
        if query is None and not (types or relations or lo or hi):
            raise KgError("the graph is empty: run `kg build` (or `kg load FILE`) first")
        raise KgError("nothing left to draw: loosen --type, --relation, --since or --until")
    return graph


def _iri(backend: Backend, name: str) -> str:
    from kg.lookup import resolve

    return resolve(backend, name).value


def query_graph(backend: Backend, full: nx.MultiDiGraph, query: str | Path) -> nx.MultiDiGraph:
    """The edges a CONSTRUCT (its triples) or a SELECT (its ``?s ?p ?o`` rows) returns."""
    import networkx as nx

    from kg import query as q

    where, text = _query_text(query)
    if q.is_update(text):
        raise InputError(
            f"{where}: a SPARQL UPDATE changes the store and draws nothing:"
            " give a CONSTRUCT or a SELECT ?s ?p ?o"
        )
    try:
        result = q.run(backend, text)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    if result.kind == "ask":
        raise InputError(
            f"{where}: an ASK query has no edges to draw: use CONSTRUCT or SELECT ?s ?p ?o"
        )
    if result.kind == "graph":
        triples = [(t.subject, t.predicate, t.object) for t in result.triples]
    else:
        missing = [v for v in ("s", "p", "o") if v not in result.variables]
        if missing:
            got = " ".join(f"?{v}" for v in result.variables) or "nothing"
            raise InputError(
                f"{where}: a SELECT to draw must return ?s ?p ?o (subject, predicate, object);"
                f" it returns {got}"
            )
        index = [result.variables.index(v) for v in ("s", "p", "o")]
        triples = [tuple(row[i] for i in index) for row in result.rows]
    if not triples:
        raise KgError(f"{where}: the query returned nothing to draw")
    graph = nx.MultiDiGraph()
    for s, p, o in triples:
        if not all(isinstance(t, ox.NamedNode) for t in (s, p, o)):
            continue  # literals and blank nodes are values, not entities
        for node in (s.value, o.value):
            if node not in graph:
                attrs = full.nodes[node] if node in full else {}
                graph.add_node(
                    node,
                    type=attrs.get("type", ""),
                    label=attrs.get("label", shorten(node)),
                    labels=attrs.get("labels", {}),
                )
        data = full.get_edge_data(s.value, o.value, key=p.value)
        if data is None:
            data = {"predicate": p.value, "relation": _relation_name(full, p.value)}
        graph.add_edge(s.value, o.value, key=p.value, **data)
    if graph.number_of_edges() == 0:
        raise InputError(
            f"{where}: the query returned {len(triples)} results but no edge between two"
            " entities (IRIs): draw a CONSTRUCT, or a SELECT ?s ?p ?o whose ?s and ?o are IRIs"
        )
    return graph


def _query_text(query: str | Path) -> tuple[str, str]:
    if isinstance(query, Path) or (
        isinstance(query, str) and "\n" not in query and query.strip().endswith(".rq")
    ):
        path = Path(query)
        try:
            return str(path), path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise InputError(f"cannot read the query file {path}: {reason}") from None
    return "the query", str(query)


def _relation_name(graph: nx.MultiDiGraph, predicate: str) -> str:
    for _, _, data in graph.edges(data=True):
        if data.get("predicate") == predicate:
            return data["relation"]
    return shorten(predicate)


def filter_graph(
    graph: nx.MultiDiGraph,
    types: Iterable[str] = (),
    relations: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    keep: Iterable[str] = (),
) -> nx.MultiDiGraph:
    """Keep entities of ``types`` and facts of ``relations`` dated within [since, until].

    ``since``/``until`` are normalised bounds (``YYYY-MM-DD``); with either, undated facts go.
    Entities in ``keep`` stay whatever their type. Filters that are empty keep everything.
    """
    keep = set(keep)
    wanted_types = _match_types(graph, _split(types))
    wanted_relations = _match_relations(graph, _split(relations))
    if not (wanted_types or wanted_relations or since or until):
        return graph
    nodes = [
        n
        for n, d in graph.nodes(data=True)
        if n in keep or not wanted_types or d.get("type") in wanted_types
    ]
    sub = graph.subgraph(nodes)
    out = type(graph)()
    for s, o, k, d in sub.edges(keys=True, data=True):
        if wanted_relations and d.get("predicate") not in wanted_relations:
            continue
        if (since or until) and not _in_range(edge_span(d), since, until):
            continue
        out.add_edge(s, o, key=k, **d)
    for n in out.nodes:
        out.nodes[n].update(graph.nodes[n])
    if not (wanted_relations or since or until):  # a type filter alone keeps lone entities
        for n in nodes:
            if n not in out:
                out.add_node(n, **graph.nodes[n])
    for n in keep:
        if n in graph and n not in out:
            out.add_node(n, **graph.nodes[n])
    return out


def _split(values: Iterable[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _match_types(graph: nx.MultiDiGraph, wanted: list[str]) -> set[str]:
    known = sorted({d.get("type") for _, d in graph.nodes(data=True) if d.get("type")})
    by_key = {t.casefold(): t for t in known}
    out = set()
    for name in wanted:
        key = name.removeprefix("kg:").casefold()
        if key not in by_key:
            raise InputError(
                f"--type {name}: no entity of that type here; types: {', '.join(known) or 'none'}"
            )
        out.add(by_key[key])
    return out


def _match_relations(graph: nx.MultiDiGraph, wanted: list[str]) -> set[str]:
    names: dict[str, str] = {}
    for _, _, d in graph.edges(data=True):
        p = d.get("predicate", "")
        for alias in (p, shorten(p), p.removeprefix(KG), d.get("relation", "")):
            names.setdefault(alias.casefold(), p)
    out = set()
    for name in wanted:
        if name.casefold() not in names:
            known = sorted({shorten(p).removeprefix("kg:") for p in names.values()})
            raise InputError(
                f"--relation {name}: no such relation here; relations: {', '.join(known) or 'none'}"
            )
        out.add(names[name.casefold()])
    return out


def neighbourhood(graph: nx.MultiDiGraph, starts: Iterable[str], depth: int) -> nx.MultiDiGraph:
    """The entities within ``depth`` facts of any start (either direction), and their facts."""
    seen: set[str] = set()
    for start in starts:
        if start not in graph:
            continue
        queue, dist = deque([start]), {start: 0}
        while queue:
            node = queue.popleft()
            if dist[node] == depth:
                continue
            for nxt in (*graph.successors(node), *graph.predecessors(node)):
                if nxt not in dist:
                    dist[nxt] = dist[node] + 1
                    queue.append(nxt)
        seen.update(dist)
    return graph.subgraph(seen).copy()


# --- dates --------------------------------------------------------------------------------


def _date_bound(value: str | None, option: str, *, low: bool) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InputError(f"{option} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return _lo(value) if low else _hi(value)


def _lo(value: str) -> str | None:
    m = _DATE.match(value or "")
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}"


def _hi(value: str) -> str | None:
    m = _DATE.match(value or "")
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2) or '12'}-{m.group(3) or '31'}"


def edge_span(data: dict) -> tuple[str, str] | None:
    """The days a fact covers, as (first, last) ``YYYY-MM-DD`` strings; None if undated."""
    when, start, end = data.get("when"), data.get("start"), data.get("end")
    if when and _lo(when):
        return _lo(when), _hi(when)
    if (start and _lo(start)) or (end and _lo(end)):
        return (_lo(start) if start else None) or "0000-01-01", (
            _hi(end) if end else None
        ) or "9999-12-31"
    return None


def _in_range(span: tuple[str, str] | None, lo: str | None, hi: str | None) -> bool:
    if span is None:
        return False
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


def edge_date(data: dict) -> str:
    """How a fact's time reads: ``2025-12`` or ``2023 – …``; empty if undated."""
    if data.get("when"):
        return data["when"]
    if data.get("start") or data.get("end"):
        return f"{data.get('start') or '…'} – {data.get('end') or '…'}"
    return ""


# --- cards and labels ---------------------------------------------------------------------


def entity_cards(backend: Backend, graph: nx.MultiDiGraph, lang: str = "en") -> dict[str, dict]:
    """The `kg lookup` card of every entity drawn, as dicts."""
    from kg.lookup import card

    return {iri: card(backend, ox.NamedNode(iri), lang).to_dict() for iri in graph.nodes}


def class_labels(backend: Backend, lang: str = "en") -> dict[str, str]:
    """The ontology's names of its classes in ``lang`` (``Company`` -> ``Entreprise``)."""
    rows = backend.query(_CLASS_LABELS, {"lang": ox.Literal(lang)})
    return {r["class"].value.removeprefix(KG): r["label"].value for r in rows}


# --- the page -----------------------------------------------------------------------------


def render(
    graph: nx.MultiDiGraph,
    *,
    lang: str = "en",
    title: str = "kg",
    cards: dict[str, dict] | None = None,
    type_labels: dict[str, str] | None = None,
    focus: Iterable[str] = (),
    layout: str = "auto",
) -> str:
    """The HTML page for a networkx graph with kg's node and edge attributes.

    ``layout``: "physics" (the browser lays it out, bounded), "precomputed" (positions from
    Python, physics off) or "auto" (physics up to :data:`PHYSICS_LIMIT` entities).
    """
    data = page_data(
        graph,
        lang=lang,
        cards=cards or {},
        type_labels=type_labels or {},
        focus=focus,
        layout=layout,
    )
    parts = {
        "LANG": html.escape(lang if lang in UI_TEXT else "en"),
        "TITLE": html.escape(title),
        "VIS_CSS": _inline(STATIC_DIR / "vis-network" / "vis-network.css", "style"),
        "KG_CSS": _inline(STATIC_DIR / "kg-viz.css", "style"),
        "VIS_JS": _inline(STATIC_DIR / "vis-network" / "vis-network.min.js", "script"),
        "KG_JS": _inline(STATIC_DIR / "kg-viz.js", "script"),
        "DATA": script_json(data),
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    # one pass, so text put in by one marker is never read again as another marker
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], template)


def script_json(value: object) -> str:
    """JSON safe inside a <script> block: ``<``, ``>`` and ``&`` written as ``\\u003c`` etc."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline(path: Path, tag: str) -> str:
    text = path.read_text(encoding="utf-8")
    return re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def page_data(
    graph: nx.MultiDiGraph,
    *,
    lang: str = "en",
    cards: dict[str, dict] | None = None,
    type_labels: dict[str, str] | None = None,
    focus: Iterable[str] = (),
    layout: str = "auto",
) -> dict:
    """Everything the page's script needs, as plain JSON-able data."""
    cards = cards or {}
    type_labels = type_labels or {}
    ids = {iri: i for i, iri in enumerate(graph.nodes)}
    degree = Counter()
    for s, o in graph.edges():
        degree[s] += 1
        degree[o] += 1
    type_count = Counter(d.get("type") or "" for _, d in graph.nodes(data=True))
    types = []
    extra = iter(EXTRA_COLOURS * (1 + len(type_count) // len(EXTRA_COLOURS)))
    for name, count in type_count.most_common():
        colour, shape = TYPE_STYLES.get(name) or (next(extra) if name else OTHER_STYLE[0], "dot")
        label = type_labels.get(name) or name or ("sans type" if lang == "fr" else "no type")
        types.append({"key": name, "label": label, "color": colour, "shape": shape, "count": count})
    type_index = {t["key"]: i for i, t in enumerate(types)}

    n = graph.number_of_nodes()
    if layout == "auto":
        layout = "physics" if n <= PHYSICS_LIMIT else "precomputed"
    big = layout == "precomputed"
    top = max(degree.values(), default=1) or 1
    size = {
        iri: round(
            (12 + 40 * math.sqrt(degree[iri] / top))
            if big
            else (9 + 21 * math.sqrt(degree[iri] / top)),
            1,
        )
        for iri in graph.nodes
    }
    nodes = []
    for iri, d in graph.nodes(data=True):
        node = {
            "id": ids[iri],
            "iri": iri,
            "short": shorten(iri),
            "label": d.get("label") or shorten(iri),
            "t": type_index[d.get("type") or ""],
            "deg": degree[iri],
            "size": size[iri],
        }
        nodes.append(node)

    rel_count = Counter()
    rel_label: dict[str, str] = {}
    for _, _, d in graph.edges(data=True):
        p = d.get("predicate", "")
        rel_count[p] += 1
        rel_label.setdefault(p, d.get("relation") or shorten(p))
    relations = [
        {"key": p, "label": rel_label[p], "short": shorten(p), "count": c}
        for p, c in sorted(rel_count.items(), key=lambda kv: (-kv[1], rel_label[kv[0]]))
    ]
    rel_index = {r["key"]: i for i, r in enumerate(relations)}

    edges = []
    pair_seen: Counter = Counter()
    for s, o, d in graph.edges(data=True):
        pair = (min(ids[s], ids[o]), max(ids[s], ids[o]))
        edge = {"f": ids[s], "t": ids[o], "r": rel_index[d.get("predicate", "")]}
        if pair_seen[pair]:
            edge["k"] = pair_seen[pair]  # the k-th fact between the same two: drawn curved
        pair_seen[pair] += 1
        when = edge_date(d)
        if when:
            edge["d"] = when
            span = edge_span(d)
            if span:
                edge["lo"], edge["hi"] = span
        for key, short in (("modality", "m"), ("evidence", "ev"), ("published", "pub")):
            if d.get(key):
                edge[short] = d[key]
        source = d.get("file") or d.get("source")
        if source:
            edge["src"] = source
        edges.append(edge)

    if big:
        for iri, (x, y) in balloon_layout(graph, size=size).items():
            nodes[ids[iri]]["x"], nodes[ids[iri]]["y"] = round(x), round(y)
    return {
        "lang": lang,
        "ui": UI_TEXT.get(lang, UI_TEXT["en"]),
        "layout": layout,
        "iterations": _iterations(n),
        "labelWidth": LABEL_WIDTH,
        "types": types,
        "relations": relations,
        "nodes": nodes,
        "edges": edges,
        "cards": {str(ids[iri]): _card_json(c, ids) for iri, c in cards.items() if iri in ids},
        "focus": [ids[iri] for iri in focus if iri in ids],
    }


def _iterations(n: int) -> int:
    """Stabilisation steps for the browser's layout: enough for small graphs, bounded for big."""
    if n <= 200:
        return 600
    return max(150, int(600 * 200 / n))


def _card_json(card: dict, ids: dict[str, int]) -> dict:
    out = {k: card[k] for k in ("label", "labels", "types", "aliases", "wikidata", "description")}
    out["short"] = shorten(card["iri"])
    facts = []
    for f in card["facts"]:
        fact = {
            "dir": f["direction"],
            "rel": f["relation"],
            "other": f["other_label"],
            "time": _fact_time(f),
            "modality": f["modality"] if f["modality"] and f["modality"] != "Stated" else None,
            "qualifier": f["qualifier"],
            "cites": [
                {
                    "src": c["file"] or c["source"],
                    "pub": c["published"],
                    "ev": c["evidence"],
                    "by": c["reported_by"],
                }
                for c in f["citations"]
            ],
        }
        if f["other"] in ids:
            fact["node"] = ids[f["other"]]
        facts.append(fact)
    out["facts"] = facts
    return out


def _fact_time(fact: dict) -> str:
    if fact["when"]:
        return fact["when"]
    if fact["start"] or fact["end"]:
        return f"{fact['start'] or '…'} – {fact['end'] or '…'}"
    return ""


def _title(names: list[str], depth: int, query: str | Path | None, lang: str = "en") -> str:
    fr = lang == "fr"
    if query is not None:
        where, _ = _query_text(query)
        return f"kg — {Path(where).name if where != 'the query' else 'query'}"
    if names:
        return f"kg — {', '.join(names)} ({'profondeur' if fr else 'depth'} {depth})"
    return "kg — tout le graphe" if fr else "kg — the whole graph"


# --- layout for big graphs ----------------------------------------------------------------


def balloon_layout(
    graph: nx.MultiDiGraph, spacing: float = 45.0, size: dict[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Positions in O(n log n), for graphs too big for a force layout in the browser.

    Each component is a tree (breadth first from its best-connected entity) drawn as
    balloons: an entity's leaves sit around it in a sunflower disc, and each branch gets a
    circle of its own, big enough for its whole subtree, on a ring around it, so branches never
    overlap and hubs read as flowers. Facts outside the tree are drawn as straight lines.
    Components are packed in rows, biggest first. ``size`` gives the radius each entity is
    drawn with, so that its leaves start outside it.
    """
    size = size or {}
    adjacency: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for s, o in graph.edges():
        if s != o:
            adjacency[s].add(o)
            adjacency[o].add(s)
    seen: set[str] = set()
    components: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for root in sorted(adjacency, key=lambda n: -len(adjacency[n])):
        if root not in seen:
            components.append(_balloon(root, adjacency, seen, spacing, size))
    placed: dict[str, tuple[float, float]] = {}
    row_width = max(
        math.sqrt(sum((2 * r) ** 2 for r, _ in components)),
        2 * components[0][0] if components else 0,
    )
    x = y = row_height = 0.0
    for r, pos in sorted(components, key=lambda c: -c[0]):
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for n, (px, py) in pos.items():
            placed[n] = (x + r + px, y + r + py)
        x += 2 * r + spacing
        row_height = max(row_height, 2 * r)
    return placed


_GOLDEN = math.pi * (3 - math.sqrt(5))


def _balloon(
    root: str, adjacency: dict[str, set[str]], seen: set[str], s: float, size: dict[str, float]
) -> tuple[float, dict[str, tuple[float, float]]]:
    """One component's balloon layout around ``root``: (its radius, positions from its centre)."""
    children: dict[str, list[str]] = {root: []}
    order, queue = [root], deque([root])
    seen.add(root)
    while queue:
        node = queue.popleft()
        for nxt in sorted(adjacency[node], key=lambda n: -len(adjacency[n])):
            if nxt not in seen:
                seen.add(nxt)
                children[node].append(nxt)
                children[nxt] = []
                order.append(nxt)
                queue.append(nxt)
    radius: dict[str, float] = {}  # of the circle holding a subtree
    disc: dict[str, float] = {}  # of the sunflower of leaves around an entity
    ring: dict[str, float] = {}  # distance from an entity to its branches
    for node in reversed(order):
        leaves = [c for c in children[node] if not children[c]]
        branches = [c for c in children[node] if children[c]]
        hole = size.get(node, s / 3) + s
        disc[node] = math.sqrt(hole**2 + len(leaves) * s * s / math.pi) if leaves else hole
        if not branches:
            radius[node] = disc[node]
            continue
        widest = max(radius[c] for c in branches)
        around = sum(2 * radius[c] for c in branches) * 1.1 / (2 * math.pi)
        ring[node] = max(disc[node] + widest + s, around)
        radius[node] = ring[node] + widest
    pos = {root: (0.0, 0.0)}
    heading = {root: 0.0}  # the direction a subtree grows in, away from its parent
    for node in order:
        x, y = pos[node]
        leaves = [c for c in children[node] if not children[c]]
        branches = sorted((c for c in children[node] if children[c]), key=lambda c: -radius[c])
        hole = size.get(node, s / 3) + s
        for i, leaf in enumerate(leaves):
            r = math.sqrt(hole**2 + i * s * s / math.pi)
            a = heading[node] + i * _GOLDEN
            pos[leaf] = (x + r * math.cos(a), y + r * math.sin(a))
        if not branches:
            continue
        d = ring[node]
        widths = [2 * math.asin(min(1.0, radius[c] / d)) for c in branches]
        spread = 2 * math.pi if node == root else min(2 * math.pi, sum(widths) * 1.6)
        spare = max(0.0, spread - sum(widths)) / len(branches)
        a = heading[node] - spread / 2
        for c, w in zip(branches, widths):
            mid = a + (w + spare) / 2
            pos[c] = (x + d * math.cos(mid), y + d * math.sin(mid))
            heading[c] = mid
            a += w + spare
    return radius[root] + s, pos


# --- files for Gephi and Cytoscape --------------------------------------------------------

NETWORK_FORMATS = ("graphml", "gexf")


def write_network(graph: nx.MultiDiGraph, fmt: str, output: IO[bytes]) -> None:
    """Write a kg networkx graph as GraphML or GEXF (labels per language as label_en, ...)."""
    import networkx as nx

    clean = nx.MultiDiGraph()
    for n, d in graph.nodes(data=True):
        attrs = {k: v for k, v in d.items() if isinstance(v, str | int | float) and v is not None}
        for lang, text in (d.get("labels") or {}).items():
            attrs[f"label_{lang or 'none'}"] = text
        clean.add_node(n, **attrs)
    for s, o, k, d in graph.edges(keys=True, data=True):
        attrs = {k2: v for k2, v in d.items() if isinstance(v, str | int | float) and v is not None}
        attrs.setdefault("label", d.get("relation", ""))
        clean.add_edge(s, o, key=k, **attrs)
    if fmt == "graphml":
        nx.write_graphml(clean, output)
    elif fmt == "gexf":
        nx.write_gexf(clean, output)
    else:
        raise InputError(f"unknown network format {fmt!r}: use {', '.join(NETWORK_FORMATS)}")
