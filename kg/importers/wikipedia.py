"""Wikipedia's lists of acquisitions by large tech companies (CC BY-SA 4.0, "Wikipedia").

PATH is ``acquisitions.tsv`` (or its folder): acquired_by, date, company, business, location,
value (USD), used_as. Each row is ``acquirer kg:acquired company`` with the date, the price
(``kg:amount``, ``kg:currency kg:USD``) and what it became (``kg:qualifier``) on the
statement; the company's line of business and location are facts of their own.

The lists are named after today's groups: "Facebook" is the company now called Meta (a
dated former name, see kg/resolve.py) and "Alphabet" lists Google's acquisitions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.importers.base import (
    DatasetInfo,
    Progress,
    Writer,
    money,
    parse_amount,
    parse_date,
    read_table,
    repair_text,
    slugify,
)
from kg.model import ID
from kg.resolve import LIST_ACQUIRERS, company_key, mint

DATASET = DatasetInfo(
    "wikipedia-acquisitions",
    "Wikipedia acquisition lists",
    "Wikipedia: lists of mergers and acquisitions by large tech companies",
    "https://creativecommons.org/licenses/by-sa/4.0/",
    "Wikipedia text, CC BY-SA 4.0.",
    "Wikipedia",
    homepage="https://en.wikipedia.org/wiki/Lists_of_corporate_acquisitions_and_mergers",
)
COLUMNS = ["acquired_by", "date", "company", "business", "location", "value", "used_as"]


def pick_file(path: Path) -> Path:
    if path.is_dir():
        for name in ("acquisitions.tsv", "acquisitions.tsv.gz"):
            if (path / name).is_file():
                return path / name
        raise InputError(f"{path}: no acquisitions.tsv here")
    return path


def run(path: Path, w: Writer, progress: Progress | None = None) -> Iterator[ox.Quad]:
    """Every quad of the Wikipedia acquisitions list at ``path``."""
    file = pick_file(path)
    yield from DATASET.quads([file.name])
    acquirers: dict[str, str] = {}
    for row in read_table(file, COLUMNS, delimiter="\t", progress=progress):
        w.report.rows += 1
        buyer = row["acquired_by"].strip()
        name, broken = repair_text(row["company"].strip())
        if not buyer or not name:
            raise InputError(f"{row.where}: empty acquired_by or company")
        if broken:
            w.warn(f"{row.where}: broken characters kept as written: {name!r}")
        when = parse_date(row["date"], f"{row.where}, column date")
        amount = parse_amount(row["value"], f"{row.where}, column value")
        if buyer not in acquirers:
            acquirers[buyer] = yield from _acquirer(buyer, row, when, w)
        acquirer = acquirers[buyer]
        target = w.resolver.resolve_org(name, source=DATASET.name, where=row.where, date=when)
        if target is None:
            target = mint("wp", name)
            yield from w.entity(target, ["Company"], name)
            w.resolver.register(target, [name], minted_by=DATASET.name)
        business = row["business"].strip()
        location = row["location"].strip()
        used_as = row["used_as"].strip()
        evidence = (
            f"Wikipedia acquisitions.tsv row {row.number}: {buyer} acquired {name}"
            + (f", {when}" if when else "")
            + (f", {money(amount, 'USD')}" if amount is not None else "")
            + (f" ({business})" if business else "")
            + (f", {location}" if location else "")
            + (f"; used as {used_as}" if used_as else "")
        )
        stmt = f"wp-{row.number}"
        yield from w.fact(
            acquirer,
            "acquired",
            ox.NamedNode(target),
            f"{stmt}-acquisition",
            evidence,
            when=when,
            amount=amount,
            currency="USD" if amount is not None else None,
            qualifier=f"used as {used_as}" if used_as else None,
        )
        if business:
            yield from w.fact(
                target,
                "business",
                ox.Literal(business, language="en"),
                f"{stmt}-business",
                evidence,
            )
        if location:
            yield from w.fact(
                target,
                "location",
                ox.Literal(location),
                f"{stmt}-location-{slugify(location)}",
                evidence,
            )


def _acquirer(buyer: str, row, when: str | None, w: Writer):
    """The entity of a list's acquirer ("Facebook" is Meta, "Alphabet" lists Google's)."""
    from kg.importers.base import _known_iri
    from kg.resolve import Decision

    key = company_key(buyer)
    if key in LIST_ACQUIRERS:
        iri = _known_iri(w.resolver, LIST_ACQUIRERS[key])
        w.resolver.log.add(
            Decision(
                "merged",
                DATASET.name,
                row.where,
                buyer,
                iri,
                f"the Wikipedia list of {buyer}'s acquisitions lists {iri.removeprefix(ID)}'s "
                "(reorganised under Alphabet in 2015)",
            )
        )
        return iri
    iri = w.resolver.resolve_org(buyer, source=DATASET.name, where=row.where, date=when)
    if iri is None:
        iri = mint("wp", buyer)
        yield from w.entity(iri, ["Company"], buyer)
        w.resolver.register(iri, [buyer], minted_by=DATASET.name)
    return iri
