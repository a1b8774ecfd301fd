"""The graph as networkx: neighbourhoods and shortest connections with their evidence.

networkx is imported here only, so lookups and queries never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.model import KG, shorten
from kg.resources import sparql
from kg.store import Backend

if TYPE_CHECKING:
    import networkx as nx


def to_networkx(backend: Backend, lang: str = "en") -> nx.MultiDiGraph:
    """Entities as nodes (label, type) and facts as edges (relation, time, evidence, source)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    _nodes_from_rows(graph, backend.query(sparql("nodes.rq")), lang)
    edges = backend.query(sparql("edges.rq"), {"lang": ox.Literal(lang)})
    for row in _in_order(edges, ("s", "p", "o")):
        _add_edge(graph, row)
    return graph


def _nodes_from_rows(graph: nx.MultiDiGraph, rows, lang: str) -> None:
    """Entities with their labels and kg type, from nodes.rq rows."""
    labels: dict[str, dict[str, str]] = {}
    for row in _in_order(rows, ("node", "type", "label")):
        iri = row["node"].value
        labels.setdefault(iri, {})[row["label"].language or ""] = row["label"].value
        attrs = graph.nodes[iri] if iri in graph else {}
        if row["type"] and not attrs.get("type"):
            graph.add_node(iri, type=row["type"].value.removeprefix(KG))
        elif iri not in graph:
            graph.add_node(iri, type="")
    for iri, names in labels.items():
        graph.nodes[iri]["label"] = next(
            (names[k] for k in (lang, "en", "fr", "") if k in names), shorten(iri)
        )
        graph.nodes[iri]["labels"] = names


def around(
    backend: Backend,
    starts: list[str],
    depth: int,
    lang: str = "en",
    until: str | None = None,
    max_nodes: int = 20_000,
) -> nx.MultiDiGraph:
    """The part of :func:`to_networkx` within ``depth`` facts of ``starts``, read by bounded
    SPARQL from the entities outwards (two queries per entity, answered from the indexes),
    never the whole graph. Stops early once ``until`` is reached, or past ``max_nodes``.

    Every edge of every entity nearer than ``depth`` is read, so distances, shortest paths
    and the edge chosen for each fact are those of the whole graph.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    rows: list = []
    seen = set(starts)
    frontier = list(starts)
    for _ in range(depth):
        found: list[str] = []
        for node in frontier:
            for row in _edge_rows(backend, node, lang):
                rows.append(row)
                for end in (row["s"].value, row["o"].value):
                    if end not in seen:
                        seen.add(end)
                        found.append(end)
        frontier = sorted(found)
        if not frontier or (until and until in seen) or len(seen) > max_nodes:
            break
    _add_nodes(graph, backend, sorted(seen), lang)
    for row in _in_order(rows, ("s", "p", "o")):
        _add_edge(graph, row)
    return graph


def _edge_rows(backend: Backend, node: str, lang: str) -> list:
    """edges.rq for the facts out of ``node`` and into it (the entity bound, not pasted)."""
    iri = ox.NamedNode(node)
    out = []
    for end, query in (("s", "edges.rq"), ("o", "edges_into.rq")):
        out.extend(backend.query(sparql(query), {end: iri, "lang": ox.Literal(lang)}))
    return out  # a fact between two nodes read from both comes twice: _add_edge keeps one


def _add_nodes(graph: nx.MultiDiGraph, backend: Backend, nodes: list[str], lang: str) -> None:
    rows = []
    for node in nodes:
        rows.extend(backend.query(sparql("nodes.rq"), {"node": ox.NamedNode(node)}))
    _nodes_from_rows(graph, rows, lang)


def _in_order(rows, names: tuple[str, ...]) -> list:
    """Rows sorted on some variables, so the graph is the same whatever order a backend uses."""
    return sorted(rows, key=lambda row: tuple(str(row[n]) if row[n] else "" for n in names))


def _add_edge(graph: nx.MultiDiGraph, row: ox.QuerySolution) -> None:
    s, p, o = row["s"].value, row["p"].value, row["o"].value
    if s not in graph or o not in graph:
        return
    value = {
        k: (row[k].value if row[k] else None)
        for k in ("when", "start", "end", "evidence", "source", "file", "published")
    }
    value["modality"] = row["modality"].value.removeprefix(KG) if row["modality"] else None
    if graph.has_edge(s, o, key=p):
        # one edge per fact: its first statement (by date, then file) stands for it, so that
        # every backend, whatever order it answers in, shows the same evidence
        edge = graph.edges[s, o, p]
        if _statement_order(value) < _statement_order(edge):
            edge.update(value)
        return
    relation = row["pLabel"].value if row["pLabel"] else shorten(p)
    graph.add_edge(s, o, key=p, predicate=p, relation=relation, **value)


def _statement_order(value: dict) -> tuple:
    return (
        value["source"] is None,
        value["published"] is None,
        value["published"] or "",
        value["file"] or value["source"] or "",
        value["evidence"] or "",
        value["when"] or value["start"] or "",
    )


def neighbors(graph: nx.MultiDiGraph, start: str, depth: int = 1) -> list[dict]:
    """Entities within ``depth`` steps of ``start`` (either direction), nearest first."""
    import networkx as nx

    if depth < 1:
        raise ValueError("depth must be at least 1")
    distances = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), start, cutoff=depth
    )
    out = []
    for node, distance in sorted(distances.items(), key=lambda kv: (kv[1], _label(graph, kv[0]))):
        if node == start:
            continue
        out.append(
            {
                "iri": node,
                "label": _label(graph, node),
                "type": graph.nodes[node]["type"],
                "distance": distance,
                "via": _via(graph, node, distances),
            }
        )
    return out


def _via(graph: nx.MultiDiGraph, node: str, distances: dict[str, int]) -> str:
    """How ``node`` hangs on the nearer ring: the first relation to a node one step closer."""
    for _, target, data in graph.out_edges(node, data=True):
        if distances.get(target) == distances[node] - 1:
            return f"{data['relation']} → {_label(graph, target)}"
    for source, _, data in graph.in_edges(node, data=True):
        if distances.get(source) == distances[node] - 1:
            return f"{_label(graph, source)} {data['relation']} →"
    return ""


def path(graph: nx.MultiDiGraph, a: str, b: str) -> list[dict]:
    """The shortest chain of facts between ``a`` and ``b``, each with its evidence."""
    import networkx as nx

    try:
        # a copy, not a view: a view's neighbours come out of a set, in an order that changes
        # from one run to the next, and so would the path chosen among equally short ones
        nodes = nx.shortest_path(graph.to_undirected(), a, b)
    except nx.NetworkXNoPath:
        return []
    steps = []
    for x, y in zip(nodes, nodes[1:]):
        forward = graph.get_edge_data(x, y)
        s, o, data = (x, y, forward) if forward else (y, x, graph.get_edge_data(y, x))
        edge = next(iter(data.values()))
        steps.append(
            {
                "subject": _label(graph, s),
                "relation": edge["relation"],
                "object": _label(graph, o),
                **edge,
            }
        )
    return steps


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("label", shorten(node))
