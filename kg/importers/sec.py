"""SEC EDGAR company tickers: CIK, legal name, tickers and exchange (US government work).

PATH is ``company_tickers_exchange.json[.gz]`` (fields cik, name, ticker, exchange),
``company_tickers.json[.gz]`` (cik_str, title, ticker), or the folder holding them (the
exchange file is preferred). Each CIK is one company: ``kg:cik``, one ``kg:ticker`` per
listing, ``kg:exchange``, and its legal name as an alias ("MICROSOFT CORP"). Names resolve
to the companies already in the graph (see kg/resolve.py); tickers become search aliases.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.importers.base import DatasetInfo, Progress, Row, Writer, read_json, slugify
from kg.resolve import mint

DATASET = DatasetInfo(
    "sec-company-tickers",
    "SEC EDGAR company tickers",
    "SEC EDGAR company tickers (CIK, name, ticker, exchange)",
    "https://creativecommons.org/publicdomain/mark/1.0/",
    "A work of the US government: public domain.",
    "U.S. Securities and Exchange Commission, EDGAR company tickers",
    homepage="https://www.sec.gov/edgar",
)
NAMES = ("company_tickers_exchange.json", "company_tickers.json")


def pick_file(path: Path) -> Path:
    if path.is_file():
        return path
    if path.is_dir():
        for stem in NAMES:
            for name in (stem + ".gz", stem):
                if (path / name).is_file():
                    return path / name
    raise InputError(f"{path}: no SEC ticker file here (expected {' or '.join(NAMES)}[.gz])")


def rows(path: Path, progress: Progress | None = None) -> Iterator[Row]:
    """Entries of either SEC file as rows (cik, name, ticker, exchange), numbered from 1."""
    data = read_json(path, progress)
    if isinstance(data, dict) and "fields" in data and "data" in data:
        fields = [str(f) for f in data["fields"]]
        missing = [f for f in ("cik", "name", "ticker") if f not in fields]
        if missing:
            raise InputError(f"{path.name}: fields lack {', '.join(missing)}; found {fields}")
        for number, entry in enumerate(data["data"], start=1):
            if not isinstance(entry, list) or len(entry) != len(fields):
                raise InputError(
                    f"{path.name}: entry {number}: expected {len(fields)} values, got {entry!r}"
                )
            yield _row(path, number, dict(zip(fields, entry)))
    elif isinstance(data, dict):
        for number, (_, entry) in enumerate(sorted(data.items(), key=_order), start=1):
            if not isinstance(entry, dict) or not {"cik_str", "title", "ticker"} <= set(entry):
                raise InputError(
                    f"{path.name}: entry {number}: expected cik_str, title and ticker, "
                    f"got {entry!r}"[:300]
                )
            cells = {"cik": entry["cik_str"], "name": entry["title"], "ticker": entry["ticker"]}
            yield _row(path, number, cells)
    else:
        raise InputError(f"{path.name}: not an SEC company tickers file")


def _order(item: tuple[str, object]) -> tuple[int, str]:
    key = item[0]
    return (int(key), key) if key.isdigit() else (1 << 60, key)


def _row(path: Path, number: int, cells: dict) -> Row:
    row = Row(path.name, number, {})
    where = f"{path.name}: entry {number}"
    cik = cells.get("cik")
    if isinstance(cik, str) and cik.isdigit():
        cik = int(cik)
    if not isinstance(cik, int) or cik <= 0:
        raise InputError(f"{where}: CIK {cik!r} is not a positive number")
    name, ticker = cells.get("name"), cells.get("ticker")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: empty company name")
    if not isinstance(ticker, str) or not ticker.strip():
        raise InputError(f"{where}: empty ticker")
    exchange = cells.get("exchange")
    row.cells = {
        "cik": str(cik),
        "name": name.strip(),
        "ticker": ticker.strip().upper(),
        "exchange": exchange.strip() if isinstance(exchange, str) else "",
    }
    return row


def run(path: Path, w: Writer, progress: Progress | None = None) -> Iterator[ox.Quad]:
    """Every quad of the SEC file at ``path``: one company per CIK."""
    file = pick_file(path)
    yield from DATASET.quads([file.name])
    by_cik: dict[str, list[Row]] = {}
    for row in rows(file, progress):
        w.report.rows += 1
        by_cik.setdefault(row["cik"], []).append(row)
    for cik, listing in by_cik.items():
        yield from _company(cik, listing, w)


def _company(cik: str, listing: list[Row], w: Writer) -> Iterator[ox.Quad]:
    first = listing[0]
    name = first["name"]
    where = f"{first.file}: entry {first.number}"
    tickers = list(dict.fromkeys(r["ticker"] for r in listing))
    ids = [("cik", cik)] + [("ticker", t) for t in tickers]
    iri = w.resolver.resolve_org(
        name, source=DATASET.name, where=where, ids=ids, within_source=False
    )
    minted = iri is None
    if iri is None:
        iri = mint("sec", cik)
        yield from w.entity(iri, ["Company"], name)
        w.resolver.register(iri, [name], minted_by=DATASET.name)
    w.resolver.register_id("cik", cik, iri)
    for t in tickers:
        w.resolver.register_id("ticker", t, iri)
    evidence = (
        f"SEC company tickers {first.file} entry {first.number}: {name}, CIK {cik}, "
        f"ticker{'s' if len(tickers) > 1 else ''} {', '.join(tickers)}"
        + (f" ({first['exchange']})" if first["exchange"] else "")
    )
    stmt = f"sec-{cik}"
    yield from w.fact(iri, "cik", ox.Literal(cik), f"{stmt}-cik", evidence)
    if not minted:
        yield from w.alias(iri, name, f"{stmt}-name", evidence)
    for t in tickers:
        w.index(iri, t, alias=True)
        yield from w.fact(iri, "ticker", ox.Literal(t), f"{stmt}-ticker-{slugify(t)}", evidence)
    for exchange in dict.fromkeys(r["exchange"] for r in listing if r["exchange"]):
        yield from w.fact(
            iri,
            "exchange",
            ox.Literal(exchange),
            f"{stmt}-exchange-{slugify(exchange)}",
            evidence,
        )
