"""kg analyze on real imported data: PageRank, timelines, ownership as of a date, communities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from importing import WIKIPEDIA, imported_store

from kg.cli import cli
from kg.model import ID

pytestmark = pytest.mark.skipif(not WIKIPEDIA.exists(), reason="../shared/data not here")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return imported_store(tmp_path_factory)


def analyze(store: Path, *args: str):
    result = CliRunner().invoke(cli, ["--store", str(store), "analyze", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_pagerank_puts_the_big_acquirers_first(store: Path) -> None:
    rows = json.loads(analyze(store, "pagerank", "--top", "5", "--json"))
    labels = [r["label"] for r in rows]
    assert "Microsoft" in labels and "Google" in labels
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["pagerank"] >= rows[-1]["pagerank"]
    assert "│ 1    │" in analyze(store, "pagerank", "--top", "3")


def test_timeline_of_meta_mixes_news_and_data_sets_in_date_order(store: Path) -> None:
    rows = json.loads(analyze(store, "timeline", "Meta", "--json"))
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)
    by_target = {r["target"]: r for r in rows}
    assert by_target["Instagram"]["date"] == "2012-04-09"
    assert by_target["WhatsApp"]["amount"] == "19000000000"
    assert rows[-1]["target"] == "Butterfly"  # the seed article, December 2025


def test_ownership_follows_dates_and_is_transitive(store: Path, tmp_path: Path) -> None:
    before = json.loads(analyze(store, "ownership", "Alphabet", "--as-of", "2014", "--json"))
    assert before["children"] == []  # Alphabet did not exist as Google's parent before 2015
    ids = tmp_path / "ids.txt"
    tree = json.loads(
        analyze(
            store,
            "ownership",
            "Alphabet",
            "--as-of",
            "2016-01-01",
            "--json",
            "--output-ids",
            str(ids),
        )
    )
    [google] = tree["children"]
    assert google["iri"] == ID + "Google" and google["since"] == "2015-10-02"
    grandchildren = {c["label"] for c in google["children"]}
    assert {"YouTube", "DeepMind Technologies"} <= grandchildren
    assert not any(c["since"] and c["since"] > "2016-01-01" for c in google["children"])
    lines = ids.read_text().splitlines()
    assert lines[0] == ID + "Alphabet" and ID + "Google" in lines


def test_communities_group_acquirers_with_their_targets(store: Path) -> None:
    rows = json.loads(analyze(store, "communities", "--top", "3", "--json"))
    assert len(rows) == 3
    assert rows[0]["size"] >= rows[1]["size"] >= rows[2]["size"]
    assert any("Microsoft" in r["hubs"] for r in rows)


def test_bad_date_is_one_line(store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(store), "analyze", "ownership", "Meta", "--as-of", "soon"]
    )
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: --as-of 'soon' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    )
