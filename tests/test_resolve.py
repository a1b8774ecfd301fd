"""Entity resolution: folding names, types and dates decide, ambiguity stays apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from importing import WIKIPEDIA, imported_store

from kg.cli import cli
from kg.model import ID
from kg.resolve import MergeLog, Resolver, company_key
from kg.store import LocalStore


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("MICROSOFT CORP", "microsoft"),
        ("Meta Platforms, Inc.", "meta platforms"),
        ("AMAZON COM INC", "amazon"),
        ("QUANTUM CORP /DE/", "quantum"),
        ("The Walt Disney Company", "walt disney"),
        ("Alphabet Inc.", "alphabet"),
        ("Facebook, Inc.", "facebook"),
        ("Group", "group"),
        ("agámi Systems", "agami systems"),
    ],
)
def test_company_key(name: str, key: str) -> None:
    assert company_key(name) == key


@pytest.fixture(scope="module")
def seeds(seed_store: Path) -> LocalStore:
    return LocalStore.open(seed_store)


def test_facebook_the_company_is_meta_not_the_app(seeds: LocalStore) -> None:
    resolver = Resolver.from_store(seeds)
    found = resolver.resolve_org("Facebook", source="test", where="row 1", date="2012-04-09")
    assert found == ID + "Meta"
    [decision] = resolver.log.decisions
    assert decision.kind == "former name"
    assert "until 2021-10-28" in decision.reason


def test_a_name_used_after_the_rename_is_still_the_company_but_noted(seeds: LocalStore) -> None:
    resolver = Resolver.from_store(seeds)
    assert resolver.resolve_org("Facebook", source="t", where="r", date="2022-05-01") == (
        ID + "Meta"
    )
    assert "used after the rename" in resolver.log.decisions[0].reason


def test_upper_case_legal_names_resolve(seeds: LocalStore) -> None:
    resolver = Resolver.from_store(seeds)
    assert resolver.resolve_org("MICROSOFT CORP", source="sec", where="entry 2") == (
        ID + "Microsoft"
    )
    assert resolver.resolve_org("Meta Platforms, Inc.", source="sec", where="e") == ID + "Meta"


def test_types_decide_a_product_never_absorbs_a_company(seeds: LocalStore) -> None:
    resolver = Resolver.from_store(seeds)
    assert resolver.resolve_org("Instagram", source="cb", where="row 7483") is None
    [decision] = resolver.log.decisions
    assert decision.kind == "apart"
    assert ID + "Instagram" in decision.candidates


def test_two_companies_with_one_name_stay_apart() -> None:
    log = MergeLog()
    resolver = Resolver(log)
    resolver.register(ID + "cb-embark", ["Embark"], minted_by="crunchbase-2013")
    resolver.register(ID + "cb-embark-holdings", ["Embark Holdings"], minted_by="crunchbase-2013")
    assert resolver.resolve_org("Embark", source="wikipedia", where="row 1469") is None
    assert log.decisions[0].kind == "ambiguous"
    assert "| Embark |" in log.to_markdown()
    assert log.to_tsv().splitlines()[1].startswith("ambiguous\twikipedia\trow 1469\tEmbark")


def test_identifiers_come_first() -> None:
    resolver = Resolver()
    resolver.register_id("cik", "1326801", ID + "Meta")
    found = resolver.resolve_org(
        "Some Other Name", source="sec", where="entry 6", ids=[("cik", "1326801")]
    )
    assert found == ID + "Meta"
    assert resolver.log.decisions[0].kind == "identifier"


def test_same_data_set_homonyms_keep_their_own_identifiers() -> None:
    resolver = Resolver()
    resolver.register(ID + "cb-beluga", ["Beluga"], minted_by="crunchbase-2013")
    found = resolver.resolve_org(
        "Beluga", source="crunchbase-2013", where="row 9", within_source=False
    )
    assert found is None  # a second permalink named Beluga is a second company


@pytest.mark.skipif(not WIKIPEDIA.exists(), reason="../shared/data not here")
def test_alphabet_owns_google_and_the_sec_entry_merges(tmp_path_factory) -> None:
    store = imported_store(tmp_path_factory)
    out = CliRunner().invoke(cli, ["--store", str(store), "lookup", "Alphabet"]).output
    assert "owns: Google  [2015-10-02 – …]" in out
    assert "ticker symbol: GOOGL" in out
    report = (store.parent / "sec.md").read_text()
    assert "| MICROSOFT CORP | id:Microsoft |" in report
    assert "| Meta Platforms, Inc. | id:Meta |" in report
