"""kg import: real data into a real store, provenance, lookups, and bad input."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from importing import CRUNCHBASE, SEC, WIKIPEDIA, imported_store

from kg.cli import cli
from kg.importers import import_dataset
from kg.store import LocalStore

pytestmark = pytest.mark.skipif(not WIKIPEDIA.exists(), reason="../shared/data not here")


def kg(store: Path, *args: str):
    return CliRunner().invoke(cli, ["--store", str(store), *args])


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return imported_store(tmp_path_factory)


def quads(store: Path) -> int:
    return len(LocalStore.open(store))


def test_every_data_set_is_a_source_with_its_licence(imported: Path) -> None:
    result = kg(
        imported,
        "query",
        "SELECT ?src ?licence ?credit WHERE { ?src a kg:Dataset ; dcterms:license ?licence ;"
        " dcterms:bibliographicCitation ?credit }",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert 'crunchbase-2013,https://creativecommons.org/licenses/by/3.0/,"Crunchbase, 2013"' in (
        result.output
    )
    assert "wikipedia-acquisitions,https://creativecommons.org/licenses/by-sa/4.0/,Wikipedia" in (
        result.output
    )
    assert "sec-company-tickers,https://creativecommons.org/publicdomain/mark/1.0/" in result.output


def test_every_imported_statement_names_its_source(imported: Path) -> None:
    orphans = kg(
        imported,
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?st a rdf:Statement "
        "FILTER NOT EXISTS { ?st prov:wasDerivedFrom ?src } }",
        "--format",
        "csv",
    )
    assert orphans.output.splitlines()[1] == "0"


def test_meta_card_shows_news_and_data_set_acquisitions(imported: Path) -> None:
    out = kg(imported, "lookup", "Meta").output
    assert out.startswith("Meta  (Company)")
    for target in ("Butterfly", "Instagram", "WhatsApp", "Giphy"):
        assert f"  acquired: {target}  [" in out, target
    instagram = out.split("  acquired: Instagram  [")[1].split("\n  acquired:")[0]
    assert "Crunchbase 2013 (2013-10)" in instagram
    assert "Wikipedia acquisition lists" in instagram
    butterfly = out.split("  acquired: Butterfly  [")[1].split("\n  ")[1]
    assert "003_" in butterfly  # the seed article
    assert "formerly  Facebook, Inc. (2004-07-29 – 2021-10-28)" in out


def test_facebook_card_tells_the_app_from_the_company(imported: Path) -> None:
    out = kg(imported, "lookup", "Facebook").output
    assert out.startswith("Facebook  (App)")
    assert "see also  Meta (company), id:Meta: formerly Facebook, Inc. until 2021-10-28" in out
    assert "  acquired: Instagram" not in out  # the acquisitions are the company's, not the app's


def test_tickers_and_legal_names_find_companies(imported: Path) -> None:
    assert kg(imported, "lookup", "MSFT").output.startswith("Microsoft  (Company)")
    assert "MICROSOFT CORP" in kg(imported, "lookup", "Microsoft").output
    assert kg(imported, "lookup", "GOOGL").output.startswith("Alphabet  (Company)")


def test_import_prints_a_summary_and_writes_the_merge_report(
    imported: Path, tmp_path: Path
) -> None:
    report = (imported.parent / "wikipedia-acquisitions.md").read_text()
    assert "## Merged through a dated former name" in report
    assert "| Facebook | id:Meta |" in report
    assert "Alphabet | id:Google" in report


def test_broken_characters_in_real_rows_are_repaired_or_reported(imported: Path) -> None:
    assert kg(imported, "lookup", "agámi Systems").output.startswith("agámi Systems")


def test_import_twice_changes_nothing(imported: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(imported, store)
    before = quads(store)
    report = import_dataset("wikipedia-acquisitions", WIKIPEDIA, store)
    assert report.rows == 2128
    assert quads(store) == before


# --- bad input: one clear line, nothing imported ------------------------------------------


def fails(store: Path, *args: str) -> str:
    before = quads(store)
    result = kg(store, "import", *args)
    assert result.exit_code != 0
    assert quads(store) == before, "the store changed"
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 or "Usage" in result.output, result.output
    return result.output


def test_truncated_gzip(fresh_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cb"
    folder.mkdir()
    data = (CRUNCHBASE / "crunchbase-companies.csv.gz").read_bytes()
    (folder / "crunchbase-companies.csv.gz").write_bytes(data[: len(data) // 2])
    out = fails(fresh_store, "crunchbase", str(folder))
    assert "crunchbase-companies.csv.gz: truncated or corrupt gzip after row" in out


def test_missing_column(fresh_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "acquisitions.tsv"
    path.write_text("acquired_by\tdate\tcompany\nMicrosoft\t2018-09-13\tLobe\n")
    out = fails(fresh_store, "wikipedia-acquisitions", str(path))
    assert "acquisitions.tsv: header row (line 1): missing column(s) 'business'" in out


def test_broken_characters(fresh_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cb"
    folder.mkdir()
    with gzip.open(CRUNCHBASE / "crunchbase-companies.csv.gz", "rb") as src:
        lines = src.read().splitlines(keepends=True)[:6]
    lines[3] = lines[3].replace(b",", b",\xff", 1)
    with gzip.open(folder / "crunchbase-companies.csv.gz", "wb") as dst:
        dst.writelines(lines)
    out = fails(fresh_store, "crunchbase", str(folder))
    assert "crunchbase-companies.csv.gz: row 3 (line 4): broken characters: byte 0xff" in out


def test_bad_row_late_in_the_file_imports_nothing(fresh_store: Path, tmp_path: Path) -> None:
    rows = WIKIPEDIA.read_text(encoding="utf-8").splitlines(keepends=True)
    rows[2000] = "Microsoft\tnot-a-date\tLobe\t\t\t\t\n"
    path = tmp_path / "acquisitions.tsv"
    path.write_text("".join(rows), encoding="utf-8")
    out = fails(fresh_store, "wikipedia-acquisitions", str(path))
    assert "acquisitions.tsv: row 2000 (line 2001), column date: 'not-a-date' is not a date" in out


def test_row_with_a_missing_field(fresh_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "acquisitions.tsv"
    head = WIKIPEDIA.read_text(encoding="utf-8").splitlines(keepends=True)[:4]
    head[2] = "Microsoft\t2018-10-09\tGlint\n"
    path.write_text("".join(head), encoding="utf-8")
    out = fails(fresh_store, "wikipedia-acquisitions", str(path))
    assert "row 2 (line 3): 3 fields where the header has 7" in out


def test_truncated_json(fresh_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "company_tickers_exchange.json.gz"
    data = (SEC / "company_tickers_exchange.json.gz").read_bytes()
    path.write_bytes(data[:5000])
    out = fails(fresh_store, "sec", str(path))
    assert "company_tickers_exchange.json.gz: truncated or corrupt gzip" in out


def test_wrong_data_set_name(fresh_store: Path) -> None:
    result = kg(fresh_store, "import", "crunchbas", str(CRUNCHBASE))
    assert result.exit_code == 2
    assert "'crunchbas' is not one of 'crunchbase', 'sec', 'wikipedia-acquisitions'" in (
        result.output
    )


def test_wrong_path(fresh_store: Path, tmp_path: Path) -> None:
    out = fails(fresh_store, "crunchbase", str(tmp_path))
    assert "no Crunchbase file here" in out


def test_no_store(tmp_path: Path) -> None:
    result = kg(tmp_path / "nowhere", "import", "wikipedia-acquisitions", str(WIKIPEDIA))
    assert result.exit_code == 1
    assert "no store at" in result.output
