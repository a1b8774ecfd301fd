"""Helpers shared by the import, resolution and analysis tests: small slices of real data."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CRUNCHBASE = DATA / "crunchbase-2013"
SEC = DATA / "sec-company-tickers"
WIKIPEDIA = DATA / "wikipedia-acquisitions" / "acquisitions.tsv"

# Companies whose rows the Crunchbase slice keeps (acquirers and some of their targets).
KEEP = {
    "/company/facebook",
    "/company/google",
    "/company/instagram",
    "/company/whatsapp",
    "/company/microsoft",
    "/company/waywire",
    "/company/agmi-systems",
    "/company/n-plusn",
}
ACQUIRERS = {"/company/facebook", "/company/google"}


def crunchbase_slice(folder: Path, rounds: int = 200) -> Path:
    """Write a small Crunchbase folder: the KEEP companies, their rounds, the acquisitions
    by Facebook and Google, and the first ``rounds`` funding rounds, all real rows."""
    folder.mkdir(parents=True, exist_ok=True)
    _slice("crunchbase-companies.csv.gz", folder, lambda i, r: r["permalink"] in KEEP)
    _slice(
        "crunchbase-rounds.csv.gz",
        folder,
        lambda i, r: i <= rounds or r["company_permalink"] in KEEP,
    )
    _slice(
        "crunchbase-acquisitions.csv.gz",
        folder,
        lambda i, r: r["acquirer_permalink"] in ACQUIRERS,
    )
    return folder


def _slice(name: str, folder: Path, keep) -> None:
    with gzip.open(CRUNCHBASE / name, "rt", encoding="utf-8", newline="") as src:
        reader = csv.DictReader(src)
        out = io.StringIO()
        writer = csv.DictWriter(out, reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        for i, row in enumerate(reader, start=1):
            if keep(i, row):
                writer.writerow(row)
    with gzip.open(folder / name, "wt", encoding="utf-8", newline="") as dst:
        dst.write(out.getvalue())


_CACHE: dict[str, Path] = {}


def imported_store(tmp_path_factory) -> Path:
    """Once per test session: the seed graph plus a Crunchbase slice, the whole SEC list and
    the whole Wikipedia list, imported with `kg import` (merge reports beside the store)."""
    if "store" in _CACHE:
        return _CACHE["store"]
    from click.testing import CliRunner

    from kg.build import build
    from kg.cli import cli

    base = tmp_path_factory.mktemp("imported")
    store = base / "store"
    build(store)
    folder = crunchbase_slice(base / "crunchbase")
    for name, path in (
        ("crunchbase", folder),
        ("sec", SEC),
        ("wikipedia-acquisitions", WIKIPEDIA),
    ):
        args = ["--store", str(store), "import", name, str(path)]
        result = CliRunner().invoke(cli, [*args, "--report", str(base / f"{name}.md")])
        assert result.exit_code == 0, result.output
    _CACHE["store"] = store
    return store
