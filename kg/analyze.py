"""Analyses of the acquisition graph: PageRank, acquirers' timelines, ownership, communities.

The acquisition graph has a node per organisation and an edge ``acquirer -> target`` per
``kg:acquired`` fact (with its earliest date), plus ownership facts (``kg:owns``,
``kg:hasSubsidiary``, and their inverses). It is read with one SPARQL query; networkx is
imported here only, so lookups never pay for it.

Every result carries entity IRIs, so it can feed ``kg viz`` (``--output-ids FILE`` writes
one IRI a line).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.lookup import resolve
from kg.model import shorten
from kg.store import Backend

if TYPE_CHECKING:
    import networkx as nx

EDGES = """
SELECT ?a ?b ?kind WHERE {
  { ?a kg:acquired ?b BIND("acquired" AS ?kind) }
  UNION { ?a kg:owns ?b BIND("owns" AS ?kind) }
  UNION { ?a kg:hasSubsidiary ?b BIND("owns" AS ?kind) }
  UNION { ?b kg:ownedBy ?a BIND("owns" AS ?kind) }
  UNION { ?b kg:subsidiaryOf ?a BIND("owns" AS ?kind) }
  FILTER(isIRI(?a) && isIRI(?b))
}
"""
# Dates and prices of those facts, reached from the predicate so the cost follows the deals.
DATES = """
SELECT ?a ?b ?p ?d ?amt WHERE {
  VALUES ?p { kg:acquired kg:owns kg:hasSubsidiary kg:ownedBy kg:subsidiaryOf }
  ?st rdf:predicate ?p ; rdf:subject ?a ; rdf:object ?b .
  OPTIONAL { ?st kg:pointInTime ?d1 } OPTIONAL { ?st kg:startTime ?d2 }
  BIND(COALESCE(?d1, ?d2) AS ?d)
  OPTIONAL { ?st kg:amount ?amt }
}
"""
LABELS = """
SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(lang(?l) = "en") }
"""


@dataclass
class Deal:
    """One acquisition or ownership edge."""

    acquirer: str
    target: str
    kind: str  # "acquired" or "owns"
    date: str | None = None
    amount: str | None = None


@dataclass
class AcquisitionGraph:
    """Organisations and who bought or owns whom."""

    deals: list[Deal]
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or shorten(iri)

    def to_networkx(self) -> nx.DiGraph:
        import networkx as nx

        graph = nx.DiGraph()
        for d in self.deals:
            graph.add_edge(d.acquirer, d.target, kind=d.kind, date=d.date, amount=d.amount)
        for node in graph:
            graph.nodes[node]["label"] = self.label(node)
        return graph


def acquisition_graph(backend: Backend) -> AcquisitionGraph:
    """Read every acquisition and ownership fact with its earliest date and a price."""
    inverse = {"ownedBy", "subsidiaryOf"}
    dated: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for row in backend.query(DATES):
        a, b = row["a"].value, row["b"].value
        if row["p"].value.rsplit("#", 1)[-1] in inverse:
            a, b = b, a
        date = row["d"].value if row["d"] else None
        amount = row["amt"].value if row["amt"] else None
        old_date, old_amount = dated.get((a, b), (None, None))
        if old_date and (not date or old_date < date):
            date = old_date
        dated[(a, b)] = (date, amount or old_amount)
    deals, seen = [], set()
    for row in backend.query(EDGES):
        a, b, kind = row["a"].value, row["b"].value, row["kind"].value
        if (a, b) in seen:
            continue
        seen.add((a, b))
        date, amount = dated.get((a, b), (None, None))
        deals.append(Deal(a, b, kind, date, amount))
    nodes = {d.acquirer for d in deals} | {d.target for d in deals}
    labels = {}
    for row in backend.query(LABELS):
        if row["e"].value in nodes:
            labels.setdefault(row["e"].value, row["l"].value)
    return AcquisitionGraph(deals, labels)


# --- PageRank ------------------------------------------------------------------------------


def pagerank(graph: AcquisitionGraph, top: int = 20) -> list[dict]:
    """Companies ranked by PageRank on target -> acquirer edges (value flows to buyers)."""
    import networkx as nx

    g = graph.to_networkx().reverse(copy=False)
    ranks = nx.pagerank(g, alpha=0.85)
    out_deg = graph.to_networkx().out_degree()
    best = sorted(ranks.items(), key=lambda kv: (-kv[1], graph.label(kv[0])))[:top]
    return [
        {
            "rank": i,
            "iri": iri,
            "label": graph.label(iri),
            "pagerank": round(score, 6),
            "acquisitions": out_deg[iri],
        }
        for i, (iri, score) in enumerate(best, start=1)
    ]


# --- timelines -----------------------------------------------------------------------------


def timeline(graph: AcquisitionGraph, acquirer: str) -> list[dict]:
    """An acquirer's acquisitions in date order (undated last)."""
    rows = [d for d in graph.deals if d.acquirer == acquirer and d.kind == "acquired"]
    rows.sort(key=lambda d: (d.date is None, d.date or "", graph.label(d.target)))
    return [
        {
            "date": d.date,
            "iri": d.target,
            "target": graph.label(d.target),
            "amount": d.amount,
        }
        for d in rows
    ]


def per_year(graph: AcquisitionGraph, acquirers: list[str]) -> dict[str, dict[int, int]]:
    """Acquisitions per year for each acquirer (label -> {year: count})."""
    out: dict[str, dict[int, int]] = {}
    for iri in acquirers:
        counts: dict[int, int] = defaultdict(int)
        for d in graph.deals:
            if d.acquirer == iri and d.kind == "acquired" and d.date:
                counts[int(d.date[:4])] += 1
        out[graph.label(iri)] = dict(sorted(counts.items()))
    return out


# --- ownership -----------------------------------------------------------------------------


@dataclass
class Owned:
    """A node of an ownership tree."""

    iri: str
    label: str
    since: str | None
    via: str
    children: list[Owned] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "iri": self.iri,
            "label": self.label,
            "since": self.since,
            "via": self.via,
            "children": [c.to_dict() for c in self.children],
        }

    def iris(self) -> list[str]:
        return [self.iri] + [i for c in self.children for i in c.iris()]

    def lines(self, depth: int = 0) -> list[str]:
        since = f" (since {self.since})" if self.since else ""
        head = f"{'  ' * depth}{self.label}{since}" if depth else self.label
        return [head] + [line for c in self.children for line in c.lines(depth + 1)]


def ownership(graph: AcquisitionGraph, root: str, as_of: str | None = None) -> Owned:
    """Who ``root`` owns, transitively, as of the date ``as_of`` (ISO; None: everything).

    A deal dated after ``as_of`` does not count; an undated one does. Each company appears
    once, under the earliest path that reaches it.
    """
    children: dict[str, list[Deal]] = defaultdict(list)
    for d in graph.deals:
        if as_of and d.date and d.date[: len(as_of)] > as_of:
            continue
        children[d.acquirer].append(d)
    seen = {root}
    tree = Owned(root, graph.label(root), None, "root")
    stack = [tree]
    while stack:
        node = stack.pop()
        for d in sorted(children[node.iri], key=lambda d: (d.date or "", d.target)):
            if d.target in seen:
                continue
            seen.add(d.target)
            child = Owned(d.target, graph.label(d.target), d.date, d.kind)
            node.children.append(child)
            stack.append(child)
    return tree


# --- communities -----------------------------------------------------------------------------


def communities(graph: AcquisitionGraph, top: int = 10, min_size: int = 3) -> list[dict]:
    """Groups of companies tied by deals (greedy modularity on the undirected graph)."""
    import networkx as nx
    from networkx.algorithms import community

    g = graph.to_networkx().to_undirected()
    big = [c for c in nx.connected_components(g) if len(c) >= min_size]
    found = []
    for component in big:
        sub = g.subgraph(component)
        if sub.number_of_edges() > 2000:
            groups = community.louvain_communities(sub, seed=7)
        else:
            groups = community.greedy_modularity_communities(sub)
        found += [set(c) for c in groups if len(c) >= min_size]
    found.sort(key=lambda c: (-len(c), min(graph.label(n) for n in c)))
    out = []
    for i, members in enumerate(found[:top], start=1):
        hubs = sorted(members, key=lambda n: (-g.degree(n), graph.label(n)))
        out.append(
            {
                "community": i,
                "size": len(members),
                "hubs": [graph.label(n) for n in hubs[:5]],
                "iris": sorted(members),
            }
        )
    return out


def entity(backend: Backend, name: str) -> str:
    """The IRI a name means (as `kg lookup` resolves it)."""
    node = resolve(backend, name)
    return node.value if isinstance(node, ox.NamedNode) else str(node)
