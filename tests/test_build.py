"""Writing the store: kg build, kg load, kg remove-source — all or nothing."""

import io
import shutil

import pyoxigraph as ox
import pytest

from kg.build import build, load, remove_source, source_files
from kg.errors import InputError
from kg.graph import KnowledgeGraph
from kg.store import LocalStore
from tests.conftest import ROOT

EXTRA = """
@prefix kg: <https://w3id.org/tech-kg/ontology#> .
@prefix id: <https://w3id.org/tech-kg/id/> .
@prefix src: <https://w3id.org/tech-kg/source/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
id:Acme a kg:Company ; rdfs:label "Acme Robotics"@en, "Acme Robotique"@fr .
src:test-note a kg:NewsArticle ; kg:fileName "note.txt" .
<https://w3id.org/tech-kg/statement/test-1> a rdf:Statement ;
    rdf:subject id:Meta ; rdf:predicate kg:acquired ; rdf:object id:Acme ;
    prov:wasDerivedFrom src:test-note ; kg:modality kg:Stated ;
    kg:evidence "Meta bought Acme Robotics."@en .
"""


def graph_at(path) -> KnowledgeGraph:
    return KnowledgeGraph(LocalStore.open(path))


def dump(path) -> list[str]:
    out = io.BytesIO()
    graph_at(path).export("nt", out)
    return sorted(out.getvalue().decode().splitlines())


def test_build_is_reproducible(tmp_path, seed_store):
    again = tmp_path / "again"
    build(again)
    assert dump(again) == dump(seed_store)


def test_a_broken_file_leaves_the_old_store_in_place(tmp_path, fresh_store):
    before = dump(fresh_store)
    triples = tmp_path / "triples"
    shutil.copytree(ROOT / "triples", triples)
    (triples / "zz-broken.ttl").write_text("@prefix : <http://e/> .\n:a :b .\n")
    with pytest.raises(InputError, match=r"zz-broken\.ttl:2:"):
        build(fresh_store, source_files(ROOT / "ontology", triples))
    assert dump(fresh_store) == before
    assert graph_at(fresh_store).lookup("Butterfly").label == "Butterfly"


@pytest.mark.parametrize("bulk", [False, True])
def test_build_derives_direct_triples_and_indexes_names_from_ntriples(
    tmp_path, fresh_store, monkeypatch, bulk
):
    if bulk:  # the bulk loader, with the scan writing beside it, as for big files
        monkeypatch.setattr("kg.build.BUILD_BULK_BYTES", 0)
        monkeypatch.setattr("kg.build.WRITE_BATCH", 10)  # written in batches beside the load
    triples = tmp_path / "triples"
    shutil.copytree(ROOT / "triples", triples)
    quads = ox.parse(EXTRA.encode(), format=ox.RdfFormat.TURTLE)
    (triples / "extra.nt").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES))
    build(fresh_store, source_files(ROOT / "ontology", triples))
    graph = graph_at(fresh_store)
    rows = graph.query("SELECT ?x WHERE { id:Meta kg:acquired ?x }").records()
    assert {r["x"].rsplit("/", 1)[-1] for r in rows} >= {"Butterfly", "Acme"}
    assert graph.lookup("acme robotique").label == "Acme Robotics"
    assert graph.lookup("acme").label == "Acme Robotics"


def test_a_large_broken_file_stops_the_build_with_its_line(tmp_path, fresh_store, monkeypatch):
    monkeypatch.setattr("kg.build.BUILD_BULK_BYTES", 0)
    before = dump(fresh_store)
    triples = tmp_path / "triples"
    shutil.copytree(ROOT / "triples", triples)
    with (triples / "big.nq").open("w", encoding="utf-8") as out:
        for i in range(50_000):
            out.write(f'<http://e/s{i}> <http://www.w3.org/2000/01/rdf-schema#label> "n{i}" .\n')
        out.write("<http://e/broken> <http://e/p> \n")
    with pytest.raises(InputError, match=r"big\.nq:5000[12]:\d+: line jumps"):
        build(fresh_store, source_files(ROOT / "ontology", triples))
    assert dump(fresh_store) == before
    assert not [p for p in fresh_store.parent.iterdir() if ".building-" in p.name]


def test_load_adds_statements_with_their_direct_triple(tmp_path, fresh_store):
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    load([extra], fresh_store)
    rows = graph_at(fresh_store).query("SELECT ?x WHERE { id:Meta kg:acquired ?x }").records()
    assert {r["x"].rsplit("/", 1)[-1] for r in rows} >= {"Butterfly", "Acme"}
    assert graph_at(fresh_store).lookup("acme robotique").label == "Acme Robotics"


def test_load_with_one_broken_file_adds_nothing(tmp_path, fresh_store):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.nt"
    good.write_text(EXTRA, encoding="utf-8")
    bad.write_text("<http://e/a> <http://e/b> .\n", encoding="utf-8")
    before = dump(fresh_store)
    with pytest.raises(InputError, match=r"bad\.nt:1:"):
        load([good, bad], fresh_store)
    assert dump(fresh_store) == before


def test_a_large_file_is_checked_then_loaded(tmp_path, fresh_store):
    big = tmp_path / "big.nt"
    with big.open("w", encoding="utf-8") as out:
        for i in range(300_000):
            out.write(f'<http://e/s{i}> <http://e/p> "value number {i} with some text" .\n')
    before = len(LocalStore.open(fresh_store))
    report = load([big], fresh_store)
    assert report.triples == 300_000
    assert len(LocalStore.open(fresh_store)) == before + 300_000


def test_a_large_broken_file_adds_nothing(tmp_path, fresh_store):
    big = tmp_path / "big.nt"
    with big.open("w", encoding="utf-8") as out:
        for i in range(200_000):
            out.write(f'<http://e/s{i}> <http://e/p> "{i}" .\n')
        out.write("<http://e/broken> <http://e/p> \n")
    before = len(LocalStore.open(fresh_store))
    with pytest.raises(InputError, match=r"big\.nt:20000[12]:\d+: line jumps"):
        load([big], fresh_store)
    assert len(LocalStore.open(fresh_store)) == before


def test_removing_a_source_removes_the_facts_only_it_supports(tmp_path, fresh_store):
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    load([extra], fresh_store)
    assert remove_source("test-note", fresh_store) > 0
    graph = graph_at(fresh_store)
    targets = {r["x"] for r in graph.query("SELECT ?x WHERE { id:Meta kg:acquired ?x }").records()}
    assert targets == {"https://w3id.org/tech-kg/id/Butterfly"}
    assert not graph.query("ASK { ?s prov:wasDerivedFrom src:test-note }").boolean


def test_removing_a_seed_article_keeps_what_another_source_states(fresh_store):
    remove_source("seed-003", fresh_store)
    graph = graph_at(fresh_store)
    assert not graph.query("ASK { id:Meta kg:acquired id:Butterfly }").boolean
    assert not graph.query("ASK { ?st prov:wasDerivedFrom src:seed-003 }").boolean
    # the other article's facts stay
    assert graph.query("ASK { id:Ahmad_Al-Dahle kg:leads id:Llama_team }").boolean


def test_removing_an_unknown_source_is_an_error(fresh_store):
    with pytest.raises(Exception, match="no source"):
        remove_source("no-such-article", fresh_store)
