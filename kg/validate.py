"""Checking the graph against the SHACL shapes in ``ontology/shapes.ttl`` with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.model import shorten
from kg.resources import ONTOLOGY_DIR
from kg.store import Backend

SH = "http://www.w3.org/ns/shacl#"


@dataclass
class Violation:
    """One broken rule: which entity, which property, which rule, what to do."""

    focus: str
    path: str
    rule: str
    message: str
    severity: str

    def one_line(self) -> str:
        return f"{self.focus}  {self.path}: {self.message}  [{self.rule}]"


def validate(
    backend: Backend,
    shapes: Path = ONTOLOGY_DIR / "shapes.ttl",
    ontology: Path = ONTOLOGY_DIR / "kg.ttl",
) -> list[Violation]:
    """Run the shapes over the data; an empty list means the graph conforms."""
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in backend.quads())
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    ont_graph = rdflib.Graph().parse(ontology, format="turtle")
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, ont_graph=ont_graph, inference="none", allow_warnings=True
    )
    return sorted(_violations(report), key=lambda v: (v.focus, v.path, v.rule))


def _violations(report) -> list[Violation]:
    import rdflib

    sh = rdflib.Namespace(SH)
    out = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):

        def value(prop, result=result):
            found = report.value(result, prop)
            return str(found) if found is not None else ""

        out.append(
            Violation(
                focus=_short(value(sh.focusNode)),
                path=_short(value(sh.resultPath)) or "-",
                rule=_short(value(sh.sourceConstraintComponent)).removeprefix("sh:"),
                message=value(sh.resultMessage) or "does not conform",
                severity=_short(value(sh.resultSeverity)).split(":")[-1].split("#")[-1],
            )
        )
    return out


def _short(iri: str) -> str:
    if iri.startswith(SH):
        return "sh:" + iri[len(SH) :]
    return shorten(iri) if iri.startswith("http") else iri
