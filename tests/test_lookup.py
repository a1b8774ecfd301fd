"""`kg lookup`: finding entities by the names people type, and their cards."""

import json

import pytest

from kg.errors import InputError, NotFound
from kg.lookup import resolve
from kg.model import ID, search_key


def test_butterfly_card_shows_its_acquisition_and_its_product_with_sources(kg):
    result = kg("lookup", "Butterfly")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Butterfly  (")
    assert "acquired by: Meta  [2025-12]" in out
    assert "built: Manus" in out
    assert out.count("003_4a73eec29a51fefd.txt (2026-01-29)") >= 2
    assert "décembre 2025" in out


def test_al_dahle_leads_the_llama_team(kg):
    out = kg("lookup", "al dahle").output
    assert out.startswith("Ahmad Al-Dahle  (Person)")
    assert "leads: Llama team" in out and "2023-02" in out
    assert "Apple" in out


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("zuckerberg", "Mark_Zuckerberg"),
        ("meta platforms", "Meta"),
        ("META", "Meta"),
        ("Al-Dahle", "Ahmad_Al-Dahle"),
        ("ahmad al dahle", "Ahmad_Al-Dahle"),
        ("Buterfly", "Butterfly"),
        ("llama 3.1", "Llama_3.1"),
        ("Q380", "Meta"),
        ("id:Manus", "Manus"),
        ("  whatsapp ", "WhatsApp"),
    ],
)
def test_names_are_matched_without_case_accents_punctuation_or_typos(graph, typed, expected):
    assert graph.resolve(typed) == ID + expected


def test_french_labels(kg):
    out = kg("lookup", "Reality Labs", "--lang", "fr").output
    assert "fr: " in out and "en: " in out


def test_unknown_entity_suggests_close_names(graph):
    with pytest.raises(NotFound) as info:
        graph.resolve("Butterfy Labz")
    assert "Butterfly" in info.value.suggestions or info.value.suggestions == []
    with pytest.raises(NotFound, match="no entity named 'Zorglub'"):
        graph.resolve("Zorglub")


def test_unknown_entity_on_the_command_line(kg):
    result = kg("lookup", "Metta Platfroms Incorporated")
    assert result.exit_code == 1
    assert result.output.startswith("error: no entity named")
    assert "Traceback" not in result.output


def test_empty_name_is_refused(graph, kg):
    with pytest.raises(InputError, match="empty name"):
        graph.resolve("  -- ")
    assert kg("lookup", "").exit_code == 2


def test_json_card(kg):
    card = json.loads(kg("lookup", "Butterfly", "--json").output)
    assert card["iri"] == ID + "Butterfly"
    acquired = [f for f in card["facts"] if f["relation"] == "acquired by"]
    assert acquired[0]["other"] == ID + "Meta"
    assert acquired[0]["citations"][0]["file"] == "003_4a73eec29a51fefd.txt"


def test_plans_are_shown_as_plans(kg):
    out = kg("lookup", "Manus").output
    integration = [line for line in out.splitlines() if "integrat" in line.lower()]
    assert integration and "planned" in integration[0]


def test_wikidata_ids_are_shown(kg):
    assert "wikidata  Q380" in kg("lookup", "Meta").output


def test_search_key_folds_names():
    assert search_key("Ahmad Al-Dahle") == "ahmad al dahle"
    assert search_key("Métavers") == "metavers"
    assert search_key("L’IA") == "l ia"


def test_resolve_does_not_treat_a_name_as_sparql(graph):
    with pytest.raises(NotFound):
        resolve(graph.backend, '" } ; DROP ALL #')
