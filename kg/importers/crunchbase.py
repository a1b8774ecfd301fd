"""Crunchbase 2013: companies, funding rounds and acquisitions (CC BY, "Crunchbase, 2013").

PATH is the folder holding ``crunchbase-companies.csv.gz``, ``crunchbase-rounds.csv.gz`` and
``crunchbase-acquisitions.csv.gz`` (gzip or plain CSV), or one of those files.

- A company: ``kg:Company`` with its name, ``kg:crunchbase`` permalink, ``kg:category``,
  ``kg:country``, ``kg:location``, ``kg:foundingDate`` and ``kg:companyStatus`` (October 2013).
- A funding round: a ``kg:FundingRound`` node (type, date, amount in USD) linked by
  ``kg:fundingRound``. The export names no investors, so rounds have none.
- An acquisition: ``acquirer kg:acquired target`` with the date and price on the statement.

The export's artefacts: text that is UTF-8 read as Windows-1252 ("agÃ¡mi") is repaired; a
name written ``#NAME?`` (a spreadsheet formula error) is replaced by the permalink.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.importers.base import (
    DatasetInfo,
    Progress,
    Row,
    Writer,
    date_literal,
    decimal_literal,
    kg,
    money,
    parse_amount,
    parse_date,
    read_table,
    repair_text,
)
from kg.model import ID
from kg.resolve import mint

DATASET = DatasetInfo(
    "crunchbase-2013",
    "Crunchbase 2013",
    "Crunchbase export of October 2013 (companies, funding rounds, acquisitions)",
    "https://creativecommons.org/licenses/by/3.0/",
    "CC BY, the licence in force when the data was exported (October 2013).",
    "Crunchbase, 2013",
    published="2013-10",
    homepage="https://www.crunchbase.com",
)
EXPORTED = "2013-10"  # when the data set uses the names it gives

FILES = {
    "companies": "crunchbase-companies.csv",
    "rounds": "crunchbase-rounds.csv",
    "acquisitions": "crunchbase-acquisitions.csv",
}
COMPANY = ["permalink", "name", "category_code", "status", "country_code", "city", "founded_at"]
ROUND = [
    "company_permalink",
    "company_name",
    "funding_round_type",
    "funded_at",
    "raised_amount_usd",
]
ACQUISITION = [
    "company_permalink",
    "company_name",
    "company_category_code",
    "company_country_code",
    "acquirer_permalink",
    "acquirer_name",
    "acquirer_category_code",
    "acquirer_country_code",
    "acquired_at",
    "price_amount",
    "price_currency_code",
]
CURRENCIES = {"USD", "EUR", "GBP", "CAD", "JPY"}  # kg:USD ... in ontology/import.ttl
ROUND_NAMES = {
    "angel": "angel round",
    "venture": "venture round",
    "series-a": "series A",
    "series-b": "series B",
    "series-c+": "series C or later",
    "private-equity": "private equity round",
    "post-ipo": "post-IPO round",
    "crowdfunding": "crowdfunding round",
    "other": "funding round",
}


def files(path: Path) -> dict[str, Path]:
    """The files to read, by kind, from a folder or a single file."""
    found: dict[str, Path] = {}
    candidates = sorted(path.iterdir()) if path.is_dir() else [path]
    for kind, stem in FILES.items():
        for p in candidates:
            if p.name in (stem, stem + ".gz"):
                found[kind] = p
    if not found:
        names = ", ".join(f"{s}[.gz]" for s in FILES.values())
        raise InputError(f"{path}: no Crunchbase file here (expected {names})")
    return found


class _Companies:
    """Permalink -> entity IRI, resolving each company once."""

    def __init__(self, w: Writer) -> None:
        self.w = w
        self.iris: dict[str, str] = {}

    def get(
        self, permalink: str, name: str, row: Row, category: str = "", country: str = ""
    ) -> tuple[str, str, list[ox.Quad]]:
        """The entity of ``permalink``, the cleaned name the row gives, and new quads."""
        w, quads = self.w, []
        name = clean_name(name, permalink, row, w)
        if permalink in self.iris:
            return self.iris[permalink], name, []
        iri = w.resolver.resolve_org(
            name,
            source=DATASET.name,
            where=row.where,
            date=EXPORTED,
            ids=[("crunchbase", permalink)],
            within_source=False,
        )
        evidence = f"Crunchbase 2013 {row.file} row {row.number}: company {name} ({permalink})"
        if iri is None:
            iri = mint("cb", permalink.removeprefix("/company/"))
            quads += w.entity(iri, ["Company"], name)
            w.resolver.register(iri, [name], minted_by=DATASET.name)
        w.resolver.register_id("crunchbase", permalink, iri)
        self.iris[permalink] = iri
        stmt = f"cb-{slug(permalink)}"
        quads += w.fact(iri, "crunchbase", ox.Literal(permalink), f"{stmt}-permalink", evidence)
        if category:
            quads += category_fact(w, iri, category, stmt, evidence)
        if country:
            quads += country_fact(w, iri, country, stmt, evidence)
        return iri, name, quads


def slug(permalink: str) -> str:
    return mint("", permalink.removeprefix("/company/")).removeprefix(ID + "-")


def clean_name(name: str, permalink: str, row: Row, w: Writer) -> str:
    name = name.strip()
    fixed, broken = repair_text(name)
    if fixed != name:
        w.warn(f"{row.where}: repaired broken characters: {name!r} -> {fixed!r}")
    elif broken:
        w.warn(f"{row.where}: broken characters kept as written: {name!r}")
    if not fixed or fixed.startswith("#NAME"):
        fixed = permalink.rsplit("/", 1)[-1].replace("-", " ")
        w.warn(f"{row.where}: name {name!r} is a spreadsheet artefact; using {fixed!r}")
    return fixed


def category_fact(w: Writer, iri: str, code: str, stmt: str, evidence: str) -> Iterator[ox.Quad]:
    cat = f"{ID}category-{code.replace('_', '-')}"
    if cat not in w.labelled:
        yield from w.entity(cat, ["Category"], code.replace("_", " "))
    yield from w.fact(iri, "category", cat, f"{stmt}-category", evidence)


COUNTRY_NAMES = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "CAN": "Canada",
    "DEU": "Germany",
    "FRA": "France",
    "ISR": "Israel",
    "IND": "India",
    "CHN": "China",
    "JPN": "Japan",
    "ESP": "Spain",
    "NLD": "Netherlands",
    "SWE": "Sweden",
    "IRL": "Ireland",
    "AUS": "Australia",
    "CHE": "Switzerland",
    "ITA": "Italy",
    "FIN": "Finland",
    "DNK": "Denmark",
    "KOR": "South Korea",
    "SGP": "Singapore",
    "BRA": "Brazil",
    "RUS": "Russia",
    "NOR": "Norway",
    "BEL": "Belgium",
    "AUT": "Austria",
}


def country_fact(w: Writer, iri: str, code: str, stmt: str, evidence: str) -> Iterator[ox.Quad]:
    code = code.strip().upper()
    country = f"{ID}country-{code}"
    if country not in w.labelled:
        yield from w.entity(country, ["Country"], COUNTRY_NAMES.get(code, code))
        yield ox.Quad(ox.NamedNode(country), kg("countryCode"), ox.Literal(code))
    yield from w.fact(iri, "country", country, f"{stmt}-country", evidence)


def run(path: Path, w: Writer, progress: Progress | None = None) -> Iterator[ox.Quad]:
    """Every quad of the Crunchbase files at ``path``."""
    found = files(path)
    yield from DATASET.quads(p.name for p in found.values())
    companies = _Companies(w)
    if "companies" in found:
        yield from _companies(found["companies"], companies, w, progress)
    if "rounds" in found:
        yield from _rounds(found["rounds"], companies, w, progress)
    if "acquisitions" in found:
        yield from _acquisitions(found["acquisitions"], companies, w, progress)


def _companies(path: Path, companies: _Companies, w: Writer, progress) -> Iterator[ox.Quad]:
    for row in read_table(path, COMPANY, progress=progress):
        w.report.rows += 1
        permalink = row["permalink"].strip()
        if not permalink:
            raise InputError(f"{row.where}: empty permalink")
        iri, name, quads = companies.get(
            permalink, row["name"], row, row["category_code"], row["country_code"]
        )
        yield from quads
        stmt = f"cb-{slug(permalink)}"
        founded = parse_date(row["founded_at"], f"{row.where}, column founded_at")
        city = repair_text(row["city"].strip())[0]
        status = row["status"].strip()
        evidence = (
            f"Crunchbase 2013 {row.file} row {row.number}: {name}"
            + (f", {row['category_code']}" if row["category_code"] else "")
            + (f", {city}" if city else "")
            + (f", {row['country_code']}" if row["country_code"] else "")
            + (f", founded {founded}" if founded else "")
            + (f", status {status}" if status else "")
        )
        if founded:
            yield from w.fact(
                iri, "foundingDate", date_literal(founded), f"{stmt}-founded", evidence
            )
        if status:
            yield from w.fact(iri, "companyStatus", ox.Literal(status), f"{stmt}-status", evidence)
        if city:
            yield from w.fact(iri, "location", ox.Literal(city), f"{stmt}-location", evidence)


def _rounds(path: Path, companies: _Companies, w: Writer, progress) -> Iterator[ox.Quad]:
    for row in read_table(path, ROUND, progress=progress):
        w.report.rows += 1
        permalink = row["company_permalink"].strip()
        if not permalink:
            raise InputError(f"{row.where}: empty company_permalink")
        iri, name, quads = companies.get(permalink, row["company_name"], row)
        yield from quads
        kind = row["funding_round_type"].strip() or "other"
        when = parse_date(row["funded_at"], f"{row.where}, column funded_at")
        amount = parse_amount(row["raised_amount_usd"], f"{row.where}, column raised_amount_usd")
        round_iri = f"{ID}cb-round-{row.number}"
        kind_name = ROUND_NAMES.get(kind, kind)
        label = f"{name} {kind_name}" + (f", {when}" if when else "")
        yield from w.entity(round_iri, ["FundingRound"], label, index=False)
        node = ox.NamedNode(round_iri)
        yield ox.Quad(node, kg("roundType"), ox.Literal(kind))
        if when:
            yield ox.Quad(node, kg("pointInTime"), date_literal(when))
        if amount is not None:
            yield ox.Quad(node, kg("amount"), decimal_literal(amount))
            yield ox.Quad(node, kg("currency"), kg("USD"))
        evidence = (
            f"Crunchbase 2013 {row.file} row {row.number}: {name} raised "
            + (money(amount, "USD") if amount is not None else "an undisclosed amount")
            + f" in a {kind_name}"
            + (f" on {when}" if when else "")
        )
        yield from w.fact(
            iri,
            "fundingRound",
            ox.NamedNode(round_iri),
            f"cb-round-{row.number}",
            evidence,
            when=when,
            amount=amount,
            currency="USD" if amount is not None else None,
        )


def _acquisitions(path: Path, companies: _Companies, w: Writer, progress) -> Iterator[ox.Quad]:
    for row in read_table(path, ACQUISITION, progress=progress):
        w.report.rows += 1
        ends, names = [], []
        for side in ("acquirer", "company"):
            permalink = row[f"{side}_permalink"].strip()
            if not permalink:
                raise InputError(f"{row.where}: empty {side}_permalink")
            iri, name, quads = companies.get(
                permalink,
                row[f"{side}_name"],
                row,
                row[f"{side}_category_code"],
                row[f"{side}_country_code"],
            )
            yield from quads
            ends.append(iri)
            names.append(name)
        acquirer, target = ends
        when = parse_date(row["acquired_at"], f"{row.where}, column acquired_at")
        amount = parse_amount(row["price_amount"], f"{row.where}, column price_amount")
        currency = row["price_currency_code"].strip().upper() or None
        if amount is not None and amount == 0:
            amount = None  # Crunchbase writes 0 for "undisclosed"
        if currency and currency not in CURRENCIES:
            raise InputError(f"{row.where}: unknown currency {currency!r}")
        evidence = (
            f"Crunchbase 2013 {row.file} row {row.number}: {names[0]} acquired {names[1]}"
            + (f", {when}" if when else "")
            + (f", {money(amount, currency)}" if amount is not None else "")
        )
        yield from w.fact(
            acquirer,
            "acquired",
            ox.NamedNode(target),
            f"cb-acquisition-{row.number}",
            evidence,
            when=when,
            amount=amount,
            currency=currency if amount is not None else None,
        )
