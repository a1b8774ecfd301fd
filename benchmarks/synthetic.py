"""A synthetic graph in kg's model (docs/model.md), of any size, for the viz benchmarks.

Entities have English and French labels and a kg class; every fact is a statement node with
a date, a source and a sentence, so pages carry what real ones carry. Degrees follow
preferential attachment, as in news graphs: a few hubs, many leaves.
"""

from __future__ import annotations

import random

TYPES = ["Company"] * 5 + ["Person"] * 3 + ["AIModel", "Software", "Team", "Device"]
RELATIONS = {
    ("Company", "Company"): ["acquired", "competesWith", "finances"],
    ("Person", "Company"): ["worksFor", "formerlyWorkedFor", "founded"],
    ("Person", "Team"): ["leads"],
    ("Company", "AIModel"): ["developed", "launched"],
    ("Company", "Software"): ["developed"],
    ("Company", "Device"): ["developed"],
    ("Team", "Company"): ["partOf"],
}
HEAD = """@prefix kg: <https://w3id.org/tech-kg/ontology#> .
@prefix id: <https://w3id.org/tech-kg/id/> .
@prefix src: <https://w3id.org/tech-kg/source/> .
@prefix stmt: <https://w3id.org/tech-kg/statement/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
"""


def synthetic_turtle(nodes: int, seed: int = 7) -> str:
    """Turtle for a graph of ``nodes`` entities and about 1.5 facts per entity."""
    rng = random.Random(seed)
    lines = [HEAD]
    for p in {r for rels in RELATIONS.values() for r in rels}:
        lines.append(f'kg:{p} rdfs:label "{p}"@en, "{p} (fr)"@fr .')
    for i in range(40):
        lines.append(
            f'src:article-{i} a kg:NewsArticle ; kg:fileName "article-{i}.txt" ; '
            f'schema:datePublished "2025-{i % 12 + 1:02d}-15"^^xsd:date .'
        )
    kinds = []
    for i in range(nodes):
        kind = TYPES[i % len(TYPES)] if i > 0 else "Company"
        kinds.append(kind)
        lines.append(
            f'id:e{i} a kg:{kind} ; rdfs:label "{kind} {i}"@en, "{kind} {i} (fr)"@fr .'
        )
    by_kind: dict[str, list[int]] = {}
    ends: list[int] = []  # one entry per edge end: picking from it favours hubs
    for i in range(nodes):
        candidates = [
            (j, rel)
            for j in (rng.choice(ends) if ends else 0, rng.randrange(max(i, 1)))
            for rel in [RELATIONS.get((kinds[i], kinds[j])) or RELATIONS.get((kinds[j], kinds[i]))]
            if rel and j != i
        ]
        for n, (j, rels) in enumerate(candidates[: 1 + (rng.random() < 0.5)]):
            s, o = (i, j) if (kinds[i], kinds[j]) in RELATIONS else (j, i)
            p = rng.choice(rels)
            year, month = rng.randrange(2010, 2027), rng.randrange(1, 13)
            lines.append(
                f"stmt:s{i}-{n} a rdf:Statement ; rdf:subject id:e{s} ; rdf:predicate kg:{p} ; "
                f'rdf:object id:e{o} ; kg:pointInTime "{year}-{month:02d}"^^xsd:gYearMonth ; '
                f"kg:modality kg:Stated ; prov:wasDerivedFrom src:article-{rng.randrange(40)} ; "
                f'kg:evidence "Phrase {i}-{n} : e{s} {p} e{o} en {year}."@fr .'
            )
            ends += [s, o]
        by_kind.setdefault(kinds[i], []).append(i)
    return "\n".join(lines) + "\n"
