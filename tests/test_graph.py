"""The Python API reads like the README: open, lookup, query, timeline, sources, export."""

import io
import json

import kg as kglib
from kg.model import ID


def test_open_lookup_query_in_a_few_lines(seed_store):
    g = kglib.open(seed_store)
    card = g.lookup("Butterfly")
    assert card.label == "Butterfly"
    rows = g.query("acquisitions", acquirer="Meta").records()
    assert "Butterfly" in {r["targetLabel"] for r in rows}


def test_every_seed_statement_is_queryable_with_its_source_and_sentence(graph):
    rows = graph.query("""
        SELECT ?st ?s ?p ?o ?src ?evidence WHERE {
          ?s ?p ?o .
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          ?st prov:wasDerivedFrom ?src ; kg:evidence ?evidence .
          ?src a/rdfs:subClassOf* kg:Source .
        }""").records()
    statements = graph.query("SELECT ?st WHERE { ?st a rdf:Statement }").records()
    assert len(rows) >= len(statements) > 50
    assert not {s["st"] for s in statements} - {r["st"] for r in rows}


def test_timeline_is_in_date_order(graph):
    entries = graph.timeline("Meta")
    dates = [e.date for e in entries]
    assert dates == sorted(dates)
    assert any(e.date == "2025-12" and e.object == "Butterfly" for e in entries)
    assert any(e.date.startswith("2023") for e in entries)


def test_sources_of_butterfly(graph):
    found = graph.sources("Butterfly")
    seed = [s for s in found.values() if s["file"] == "003_4a73eec29a51fefd.txt"]
    assert seed and seed[0]["published"] == "2026-01-29"
    assert any("Manus" in st["fact"] for st in seed[0]["statements"])


def test_stats_count_entities(graph):
    stats = graph.stats()
    assert stats["triples"] > 500
    assert stats["classes"]["Company"] >= 8


def test_to_networkx_has_entities_and_facts(graph):
    nx_graph = graph.to_networkx()
    assert nx_graph.nodes[ID + "Butterfly"]["label"] == "Butterfly"
    edge = nx_graph.get_edge_data(ID + "Meta", ID + "Butterfly")
    assert any(e["relation"] == "acquired" and e["when"] == "2025-12" for e in edge.values())


def test_export_formats(graph):
    for fmt in ("ttl", "nt", "nq", "trig", "jsonld", "csv"):
        out = io.BytesIO()
        graph.export(fmt, out)
        assert b"Butterfly" in out.getvalue(), fmt
    out = io.BytesIO()
    graph.export("jsonld", out)
    json.loads(out.getvalue())
    out = io.BytesIO()
    graph.export("nq", out)
    assert b"graph/index" not in out.getvalue()
