"""The Python API: one object that answers what the CLI answers.

>>> import kg
>>> g = kg.open()                      # the default store (``kg build`` makes it)
>>> g.lookup("Butterfly").facts[0].relation
'acquired by'
>>> g.query("acquisitions", acquirer="Meta").records()[0]["targetLabel"]
'Butterfly'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg import lookup as _lookup
from kg import query as _query
from kg.errors import InputError
from kg.lookup import capitalise
from kg.model import KG, shorten
from kg.resources import sparql
from kg.store import Backend, LocalStore

if TYPE_CHECKING:
    import networkx as nx

    from kg.viz import Viz

PATH_DEPTH = 8  # `kg path` looks this many facts away at most
EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass
class TimelineEntry:
    """A dated statement."""

    date: str
    subject: str
    relation: str
    object: str
    modality: str | None
    evidence: str | None
    source: str | None


class KnowledgeGraph:
    """A kg graph on some backend: the embedded store or, later, a SPARQL server."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @classmethod
    def open(cls, store: str | Path | None = None) -> KnowledgeGraph:
        """Open the embedded store read-only (default location unless ``store``)."""
        return cls(LocalStore.open(store))

    # --- entities ---------------------------------------------------------------------
    def resolve(self, name: str) -> str:
        """The IRI of the entity ``name`` refers to (raises NotFound with suggestions)."""
        return _lookup.resolve(self.backend, name).value

    def lookup(self, name: str, lang: str = "en") -> _lookup.Card:
        """The card of an entity: labels, types, Wikidata id, facts with citations."""
        return _lookup.card(self.backend, _lookup.resolve(self.backend, name), lang)

    # --- SPARQL -----------------------------------------------------------------------
    def query(
        self,
        sparql_or_name: str,
        *,
        update: bool = False,
        allow_network: bool = False,
        **params: str,
    ) -> _query.QueryResult | None:
        """Run SPARQL text, or a saved query by name with its parameters bound safely."""
        saved = _query.saved_queries()
        name = sparql_or_name.strip()
        if name in saved:
            q = saved[name]
            bindings = _query.bind_params(self.backend, q, params)
            return _query.run(self.backend, q.text, bindings, allow_network=allow_network)
        if re.fullmatch(r"[\w-]+", name):
            raise InputError(f"no saved query named {name!r} (see `kg query --list`)")
        if params:
            raise InputError("parameters go with a saved query (see `kg query --list`)")
        return _query.run(self.backend, sparql_or_name, update=update, allow_network=allow_network)

    # --- graph views ------------------------------------------------------------------
    def to_networkx(self, lang: str = "en") -> nx.MultiDiGraph:
        """Entities and the facts between them as a networkx MultiDiGraph."""
        from kg.network import to_networkx

        return to_networkx(self.backend, lang)

    def neighbors(self, name: str, depth: int = 1, lang: str = "en") -> list[dict]:
        """Entities within ``depth`` facts of ``name``."""
        from kg.network import around, neighbors

        start = self.resolve(name)
        return neighbors(around(self.backend, [start], depth, lang), start, depth)

    def path(self, a: str, b: str, lang: str = "en") -> list[dict]:
        """The shortest chain of facts between two entities, with evidence."""
        from kg.network import around, path

        start, end = self.resolve(a), self.resolve(b)
        return path(around(self.backend, [start], PATH_DEPTH, lang, until=end), start, end)

    def viz(self, *names: str, lang: str = "en", **options) -> Viz:
        """An interactive, offline page of the graph (inline in Jupyter; ``.save(path)``).

        ``names`` with ``depth`` draw neighbourhoods; ``query``, ``types``, ``relations``,
        ``since``, ``until`` and ``max_nodes`` as in :func:`kg.viz.viz`.
        """
        from kg.viz import viz

        return viz(self.backend, names, lang=lang, **options)

    def timeline(self, name: str | None = None, lang: str = "en") -> list[TimelineEntry]:
        """Dated facts in order, about one entity or all."""
        bindings: dict = {"lang": ox.Literal(lang)}
        if name:
            bindings["entity"] = _lookup.resolve(self.backend, name)
        entries: dict[str, TimelineEntry] = {}
        for row in self._statement_rows("timeline.rq", bindings):
            entries.setdefault(row["st"].value, _timeline_entry(row))
        return sorted(
            entries.values(),
            key=lambda e: (
                e.date,
                e.subject,
                e.relation,
                e.object,
                e.source or "",
                e.evidence or "",
            ),
        )

    def sources(self, name: str, lang: str = "en") -> dict[str, dict]:
        """What each source says about an entity: source -> title, date, statements."""
        entity = _lookup.resolve(self.backend, name)
        out: dict[str, dict] = {}
        bindings = {"entity": entity, "lang": ox.Literal(lang)}
        seen = set()
        rows = sorted(  # one order on every backend, also for a statement with two sentences
            self._statement_rows("sources.rq", bindings),
            key=lambda r: tuple(str(r[n]) if r[n] else "" for n in ("source", "st", "evidence")),
        )
        for row in rows:
            if (row["st"].value, row["source"].value) in seen:
                continue
            seen.add((row["st"].value, row["source"].value))
            src = out.setdefault(
                row["source"].value,
                {
                    "file": _text(row["file"]),
                    "title": _text(row["title"]),
                    "published": _text(row["published"]),
                    "statements": [],
                },
            )
            src["statements"].append({"fact": _fact_text(row), "evidence": _text(row["evidence"])})
        return out

    def _statement_rows(self, name: str, bindings: dict) -> Iterator[ox.QuerySolution]:
        """Rows of a statement query: statements with the entity as subject, then as object
        (one query per role, which the engine answers from its indexes)."""
        roles = ("rdf:subject", "rdf:object") if "entity" in bindings else ("rdf:subject",)
        for role in roles:
            yield from self.backend.query(sparql(name).replace("?ROLE", role), bindings)

    def stats(self) -> dict[str, object]:
        """Counts: triples, facts, statements, sources, entities per class."""
        classes = {
            (capitalise(r["label"].value) if r["label"] else shorten(r["class"].value)): int(
                r["count"].value
            )
            for r in self.backend.query(sparql("stats.rq"))
        }
        classes = dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])))
        return {"triples": len(self.backend), "classes": classes}

    def export(self, fmt: str, output: IO[bytes]) -> None:
        """Write the graph (without kg's search index) as ttl, nt, nq, trig, jsonld or csv,
        or its entities and facts as graphml or gexf (for Gephi and Cytoscape)."""
        if fmt in ("graphml", "gexf"):
            from kg.viz import write_network

            write_network(self.to_networkx(), fmt, output)
            return
        if fmt == "csv":
            result = _query.QueryResult.from_raw(self.backend.query(sparql("facts_table.rq")))
            output.write(result.serialize("csv").encode())
            return
        if fmt not in EXPORT_FORMATS:
            raise InputError(
                f"unknown export format {fmt!r}:"
                f" use {', '.join([*EXPORT_FORMATS, 'csv', 'graphml', 'gexf'])}"
            )
        quads = self.backend.quads()
        if fmt in ("ttl", "nt", "jsonld"):
            quads = (
                ox.Triple(q.subject, q.predicate, q.object)
                for q in quads
                if q.graph_name == ox.DefaultGraph()
            )
        ox.serialize(quads, output, EXPORT_FORMATS[fmt], prefixes=_export_prefixes(fmt))


def _export_prefixes(fmt: str) -> dict[str, str] | None:
    from kg.model import PREFIXES

    return PREFIXES if fmt in ("ttl", "trig") else None


def _text(term: object) -> str | None:
    return term.value if term is not None else None


def _fact_text(row: ox.QuerySolution) -> str:
    def name(var: str, label: str) -> str:
        if row[label]:
            return row[label].value
        return shorten(row[var].value) if isinstance(row[var], ox.NamedNode) else row[var].value

    return f"{name('s', 'sLabel')} — {name('p', 'pLabel')} — {name('o', 'oLabel')}"


def _timeline_entry(row: ox.QuerySolution) -> TimelineEntry:
    date = _text(row["when"]) or " – ".join(
        x for x in (_text(row["start"]) or "…", _text(row["end"]) or "…")
    )
    s, p, o = _fact_text(row).split(" — ", 2)
    modality = row["modality"].value.removeprefix(KG) if row["modality"] else None
    return TimelineEntry(
        date, s, p, o, modality, _text(row["evidence"]), _text(row["file"]) or _text(row["source"])
    )


def open(store: str | Path | None = None) -> KnowledgeGraph:  # noqa: A001 - like io.open
    """Open the kg graph (the default store unless ``store`` names another)."""
    return KnowledgeGraph.open(store)
