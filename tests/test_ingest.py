"""kg ingest / kg apply on a real store: provenance, review, idempotence, atomicity, bad input."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from ingest_helpers import DATA, build_entity_store

from kg.cli import cli
from kg.resources import TRIPLES_DIR
from kg.store import LocalStore

SEEDS = [DATA / "000_08563d5b6c37d339.txt", DATA / "003_4a73eec29a51fefd.txt"]
IN_SCOPE = [
    "acquired",
    "founded",
    "ceoOf",
    "leads",
    "worksFor",
    "built",
    "launched",
    "finances",
    "subsidiaryOf",
    "partOf",
    "layoffs",
    "capitalExpenditure",
    "competesWith",
]


@pytest.fixture(scope="session")
def entity_store_template(tmp_path_factory) -> Path:
    """A store with the ontology and the entities, without the seed articles' statements."""
    return build_entity_store(tmp_path_factory.mktemp("entities") / "store")


@pytest.fixture
def store(entity_store_template: Path, tmp_path: Path) -> Path:
    import shutil

    path = tmp_path / "store"
    shutil.copytree(entity_store_template, path)
    return path


def kg(store: Path, *args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(cli, ["--store", str(store), *args], input=input)
    gc.collect()  # let go of the store handle the command opened, before the next one
    return result


def size(store: Path) -> int:
    return len(LocalStore.open(store))


def test_ingest_prints_candidates_and_writes_a_review_file(store, tmp_path):
    review = tmp_path / "review.jsonl"
    result = kg(store, "ingest", str(SEEDS[1]), "-o", str(review))
    assert result.exit_code == 0, result.output
    assert "Butterfly" in result.output and "acquired" in result.output
    lines = [json.loads(line) for line in review.read_text().splitlines()]
    assert lines[0]["article"]["date"] == "2026-01-29"
    facts = [x for x in lines if "predicate" in x]
    acquired = next(f for f in facts if f["predicate"] == "acquired")
    assert (acquired["subject_iri"], acquired["object_iri"]) == (
        "https://w3id.org/tech-kg/id/Meta",
        "https://w3id.org/tech-kg/id/Butterfly",
    )
    assert acquired["date"] == "2025-12"
    text = SEEDS[1].read_text(encoding="utf-8")
    assert text[acquired["start"] : acquired["end"]] == acquired["evidence"]


def test_apply_adds_statements_with_provenance_and_twice_adds_nothing(store, tmp_path):
    review = tmp_path / "review.tsv"
    assert kg(store, "ingest", str(SEEDS[1]), "-o", str(review)).exit_code == 0
    before = size(store)
    result = kg(store, "apply", str(review))
    assert result.exit_code == 0, result.output
    assert "added" in result.output and size(store) > before
    backend = LocalStore.open(store)
    rows = list(
        backend.query(
            "SELECT ?sentence ?src ?date WHERE { id:Meta kg:acquired id:Butterfly . "
            "?st rdf:subject id:Meta ; rdf:predicate kg:acquired ; rdf:object id:Butterfly ; "
            "kg:evidence ?sentence ; prov:wasDerivedFrom ?src ; kg:pointInTime ?date . "
            "?src a kg:NewsArticle }"
        )
    )
    assert rows and "acquise en décembre 2025" in rows[0]["sentence"].value
    assert rows[0]["date"].value == "2025-12"
    del backend
    after = size(store)
    again = kg(store, "ingest", str(SEEDS[1]), "--apply", "-o", str(tmp_path / "again.jsonl"))
    assert again.exit_code == 0 and "already in the store" in again.output
    assert size(store) == after


def test_new_entities_get_iris_types_and_both_labels(store, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "date: 2023-06-26\n\nDatabricks rachète MosaicML pour 1,3 milliard de dollars. "
        "Naveen Rao, cofondateur et directeur général de MosaicML, rejoindra Databricks.",
        encoding="utf-8",
    )
    result = kg(store, "ingest", str(article), "--apply", "-o", str(tmp_path / "r.jsonl"))
    assert result.exit_code == 0, result.output
    backend = LocalStore.open(store)
    labels = {
        (r["l"].value, r["l"].language)
        for r in backend.query("SELECT ?l WHERE { id:Naveen_Rao a kg:Person ; rdfs:label ?l }")
    }
    assert labels == {("Naveen Rao", "en"), ("Naveen Rao", "fr")}
    assert backend.query("ASK { id:Databricks kg:acquired id:MosaicML . id:MosaicML a kg:Company }")
    assert not backend.query("ASK { id:Naveen_Rao kg:wikidata ?w }")


def test_edited_review_file_controls_what_enters(store, tmp_path):
    review = tmp_path / "r.tsv"
    kg(store, "ingest", str(SEEDS[1]), "-o", str(review))
    lines = review.read_text(encoding="utf-8").splitlines()
    edited = [
        "no" + line[3:] if "\tacquired\t" in line and line.startswith("yes\t") else line
        for line in lines
    ]
    review.write_text("\n".join(edited) + "\n", encoding="utf-8")
    rejected = sum(line.startswith("no\t") for line in edited)  # edited + below --min-confidence
    result = kg(store, "apply", str(review))
    assert result.exit_code == 0 and f"{rejected} rejected" in result.output
    assert not LocalStore.open(store).query("ASK { id:Meta kg:acquired id:Butterfly }")


def test_a_bad_line_applies_nothing(store, tmp_path):
    review = tmp_path / "r.jsonl"
    kg(store, "ingest", str(SEEDS[1]), "-o", str(review))
    lines = review.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    last["predicate"] = "owns_a_yacht"
    review.write_text("\n".join([*lines[:-1], json.dumps(last)]) + "\n", encoding="utf-8")
    before = size(store)
    result = kg(store, "apply", str(review))
    assert result.exit_code == 2 and "unknown predicate" in result.output
    assert size(store) == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (
            b"Der Konzern hat das Startup gekauft und die Zahl ist nicht mit dem Plan.",
            "unsupported language",
        ),
    ],
)
def test_bad_input_is_refused_and_the_store_unchanged(store, tmp_path, content, message):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    before = size(store)
    result = kg(store, "ingest", str(path), "--apply", "-o", str(tmp_path / "r.jsonl"))
    assert result.exit_code != 0 and message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert size(store) == before and not (tmp_path / "r.jsonl").exists()


def test_a_50_mb_file_is_refused(store, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    result = kg(store, "ingest", str(path), "--apply")
    assert result.exit_code == 2 and "too large" in result.output


def test_cp1252_article_and_no_facts(store, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Capgemini s’offre WNS pour 3,3 milliards d’euros.".encode("cp1252"))
    result = kg(store, "ingest", str(latin), "-o", str(tmp_path / "r.jsonl"))
    assert result.exit_code == 0 and "cp1252" in result.output and "WNS" in result.output
    calm = tmp_path / "calm.txt"
    calm.write_text("Il fait beau à Paris et les terrasses sont pleines ce midi.", "utf-8")
    before = size(store)
    result = kg(store, "ingest", str(calm), "--apply", "-o", str(tmp_path / "n.jsonl"))
    assert result.exit_code == 0 and "no candidate facts" in result.output
    assert size(store) == before


def test_stdin_with_forced_language(store, tmp_path):
    text = "Google has also backed Anthropic, committing up to $2 billion."
    result = kg(store, "ingest", "-", "--lang", "en", "-o", str(tmp_path / "r.jsonl"), input=text)
    assert result.exit_code == 0, result.output
    assert "Anthropic" in result.output and "invested_in" in result.output


def curated_facts(paths: list[Path]) -> dict[tuple, str]:
    """The hand-curated seed facts in the extractor's scope: (s, p, o or number) -> sentence."""
    store = ox.Store()
    for path in paths:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return _facts(store, "")


def _facts(store, source_filter: str) -> dict[tuple, str]:
    kg_ns = "https://w3id.org/tech-kg/ontology#"
    query = f"""
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    PREFIX kg: <{kg_ns}> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?s ?p ?o ?n ?a ?lo ?hi ?ev WHERE {{
      ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
          prov:wasDerivedFrom ?src . OPTIONAL {{ ?st kg:evidence ?ev }}
      {source_filter}
      OPTIONAL {{ ?o kg:count ?n }} OPTIONAL {{ ?o kg:amount ?a }}
      OPTIONAL {{ ?o kg:minAmount ?lo }} OPTIONAL {{ ?o kg:maxAmount ?hi }}
    }}"""
    found: dict[tuple, str] = {}
    for row in store.query(query):
        prop = row["p"].value.removeprefix(kg_ns)
        if prop not in IN_SCOPE:
            continue
        if prop in ("layoffs", "capitalExpenditure"):
            number = tuple(str(int(float(row[v].value))) for v in ("n", "a", "lo", "hi") if row[v])
            key = (row["s"].value, prop, number)
        else:
            key = (row["s"].value, prop, row["o"].value)
        found[key] = row["ev"].value if row["ev"] else ""
    return found


def test_seed_recall_on_a_graph_without_the_seed_statements(store, tmp_path, capsys):
    """Ingest the two seeds into a graph built without their statements; measure recall."""
    curated = curated_facts([TRIPLES_DIR / name for name in ("seed-000.ttl", "seed-003.ttl")])
    result = kg(store, "ingest", *map(str, SEEDS), "--apply", "-o", str(tmp_path / "r.jsonl"))
    assert result.exit_code == 0, result.output
    backend = LocalStore.open(store)
    extracted = _facts(
        backend.store, 'FILTER(STRSTARTS(STR(?src), "https://w3id.org/tech-kg/source/article-"))'
    )
    hits = [k for k in curated if k in extracted]
    same_sentence = [k for k in hits if extracted[k] and extracted[k] in curated[k]]
    missed = sorted(k for k in curated if k not in extracted)
    with capsys.disabled():
        print(
            f"\nseed recall: {len(hits)}/{len(curated)} in-scope curated facts "
            f"({len(same_sentence)} with the curated sentence); missed:"
        )
        for key in missed:
            print("   ", key)
    recall = len(hits) / len(curated)
    with capsys.disabled():
        print(f"seed recall: {recall:.0%}")
    # The curated files hold a few facts read between the lines (a team the article leaves
    # unnamed, a comparison); see docs/extract.md for the list and the scope.
    assert recall >= 0.80
    assert len(same_sentence) >= len(hits) * 0.7
