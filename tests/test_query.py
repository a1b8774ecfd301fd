"""`kg query`: the saved questions answered right, formats, and what is refused."""

import csv
import io
import json
import re

import pytest

from kg.errors import InputError
from kg.query import (
    bind_params,
    check_query,
    is_update,
    read_saved_query,
    run,
    saved_queries,
)


def records(kg, *args):
    result = kg("query", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_every_saved_query_runs_and_has_a_title(kg):
    for name, saved in saved_queries().items():
        assert saved.title, name
        result = kg("query", name, "--format", "json")
        assert result.exit_code == 0, (name, result.output)


def test_query_list_shows_the_saved_questions(kg):
    result = kg("query", "--list")
    assert result.exit_code == 0
    assert "acquisitions" in result.output and "--param acquirer" in result.output


# --- the questions of the issue --------------------------------------------------------


def test_which_companies_meta_acquired_when_and_which_article_says_so(kg):
    rows = records(kg, "acquisitions", "--param", "acquirer=Meta")
    butterfly = [r for r in rows if r["targetLabel"] == "Butterfly"]
    assert butterfly, rows
    assert butterfly[0]["date"] == "2025-12"
    assert butterfly[0]["file"] == "003_4a73eec29a51fefd.txt"
    assert butterfly[0]["published"] == "2026-01-29"
    assert "décembre 2025" in butterfly[0]["evidence"]


def test_what_butterfly_built_and_what_will_become_of_it(kg):
    rows = records(kg, "products", "--param", "builder=Butterfly")
    assert {r["productLabel"] for r in rows} == {"Manus"}
    assert any(r.get("kind") == "AI agent" for r in rows), rows
    plans = [r for r in rows if r.get("plan")]
    assert any("integrat" in r["plan"] and r["planModality"] == "planned" for r in plans), rows


def test_who_leads_the_llama_team_since_when_and_where_before(kg):
    rows = records(kg, "leaders", "--param", "unit=Llama team")
    assert rows and rows[0]["leaderLabel"] == "Ahmad Al-Dahle"
    assert rows[0]["since"] == "2023-02"
    assert rows[0]["formerEmployerLabel"] == "Apple"


def test_the_llama_family(kg):
    rows = {r["modelLabel"]: r for r in records(kg, "model_family", "--param", "family=Llama")}
    assert {"Llama 3", "Llama 3.1", "Llama 4"} <= set(rows)
    assert rows["Llama 3.1"]["parameters"] == "405000000000"
    assert rows["Llama 3.1"]["parameterQualifier"] == "up to"
    assert (
        "development" in rows["Llama 4"]["status"].lower()
        or "progress" in rows["Llama 4"]["status"].lower()
    )


def test_meta_infrastructure_spending_per_period(kg):
    rows = {r["period"]: r for r in records(kg, "spending", "--param", "company=Meta")}
    assert rows["2025"]["amount"] == "72000000000"
    assert rows["2025"]["modality"] == "stated"
    assert (rows["2026"]["minAmount"], rows["2026"]["maxAmount"]) == (
        "115000000000",
        "135000000000",
    )
    assert rows["2026"]["modality"] == "planned"
    assert rows["by 2028"]["maxAmount"] == "600000000000"
    assert rows["by 2028"]["modality"] == "envisaged"


def test_meta_units_and_what_happened_to_each(kg):
    rows = records(kg, "units", "--param", "company=Meta")
    by_unit: dict[str, list[dict]] = {}
    for r in rows:
        by_unit.setdefault(r["unitLabel"], []).append(r)
    assert {"Reality Labs", "FAIR", "Meta Superintelligence Labs"} <= set(by_unit)
    reality = " ".join(
        f"{r.get('relation')} {r.get('what')} {r.get('date')}" for r in by_unit["Reality Labs"]
    )
    assert "1500" in reality.replace(",", "").replace(" ", "") or "1,500" in reality
    assert "2025-01" in reality
    assert any("AGI" in (r.get("what") or "") + (r.get("evidence") or "") for r in by_unit["FAIR"])
    assert any(r.get("modality") == "planned" for r in by_unit["Meta Superintelligence Labs"])


def test_who_finances_openai(kg):
    rows = records(kg, "funders", "--param", "company=OpenAI")
    assert [r["funderLabel"] for r in rows] == ["Microsoft"]


def test_who_is_quoted_in_which_role(kg):
    rows = records(kg, "quotes")
    speakers = {r["speakerLabel"] for r in rows}
    assert {"Mark Zuckerberg", "Patrick Wendell"} <= speakers
    roles = {r["speakerLabel"]: r.get("role", "") for r in rows}
    assert "Meta" in roles["Mark Zuckerberg"] and "Databricks" in roles["Patrick Wendell"]


# --- formats ---------------------------------------------------------------------------


def test_csv_and_tsv_output(kg):
    text = "SELECT ?x WHERE { id:Meta kg:acquired ?x }"
    out = kg("query", text, "--format", "csv").output
    assert list(csv.reader(io.StringIO(out)))[0] == ["x"]
    assert "https://w3id.org/tech-kg/id/Butterfly" in out
    tsv = kg("query", text, "--format", "tsv").output.splitlines()
    assert tsv[0] == "?x" and "<https://w3id.org/tech-kg/id/Butterfly>" in tsv


def test_construct_as_turtle_and_jsonld(kg):
    text = "CONSTRUCT { id:Meta kg:acquired ?x } WHERE { id:Meta kg:acquired ?x }"
    assert "kg:acquired" in kg("query", text).output or "acquired" in kg("query", text).output
    doc = json.loads(kg("query", text, "--format", "jsonld").output)
    assert "Butterfly" in json.dumps(doc)


def test_ask_as_json(kg):
    out = kg("query", "ASK { id:Meta kg:acquired id:Butterfly }", "--format", "json").output
    assert json.loads(out) == {"head": {}, "boolean": True}


def test_query_from_stdin_and_file(kg, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?x WHERE { id:Butterfly kg:built ?x }", encoding="utf-8")
    assert "Manus" in kg("query", "-f", str(q), "--format", "csv").output
    assert "Manus" in kg("query", "--format", "csv", input=q.read_text()).output


# --- refused ---------------------------------------------------------------------------


def test_syntax_error_gives_the_position(kg):
    result = kg("query", "SELECT ?x WHERE { ?x ?p }")
    assert result.exit_code != 0
    assert re.search(r"SPARQL syntax error at line 1, column \d+: expected", result.output)


def test_unknown_saved_query_and_missing_or_unknown_param(kg):
    assert kg("query", "acquisitions", "--param", "buyer=Meta").exit_code != 0
    assert "no parameter 'buyer'" in kg("query", "acquisitions", "--param", "buyer=Meta").output
    assert "NAME=VALUE" in kg("query", "acquisitions", "--param", "Meta").output
    result = kg("query", "no_such_saved_query")
    assert result.exit_code == 2
    assert "no saved query named 'no_such_saved_query' (see `kg query --list`)" in result.output


def test_a_required_parameter_must_be_given(graph, tmp_path):
    path = tmp_path / "owner.rq"
    path.write_text(
        "# title: Who owns it?\n# param: product entity required The product\n"
        "SELECT ?product ?owner WHERE { ?product kg:ownedBy ?owner }\n"
    )
    saved = read_saved_query(path)
    assert saved.params[0].required and saved.params[0].help == "The product"
    with pytest.raises(InputError, match=r"needs --param product=VALUE"):
        bind_params(graph.backend, saved, {})
    bindings = bind_params(graph.backend, saved, {"product": "instagram"})
    rows = run(graph.backend, saved.text, bindings).records()
    assert [r["owner"].rsplit("/", 1)[-1] for r in rows] == ["Meta"]


def test_update_is_refused_without_the_flag(kg, seed_store):
    result = kg("query", "INSERT DATA { id:Meta kg:acquired id:Google }")
    assert result.exit_code != 0 and "--update" in result.output
    assert (
        kg("query", "ASK { id:Meta kg:acquired id:Google }", "--format", "json").output
        == '{"head": {}, "boolean": false}'
    )


def test_update_with_the_flag_changes_the_store(kg, fresh_store):
    done = kg(
        "query", "--update", "INSERT DATA { id:Meta kg:acquired id:Google }", store=fresh_store
    )
    assert done.exit_code == 0, done.output
    out = kg(
        "query", "ASK { id:Meta kg:acquired id:Google }", "--format", "json", store=fresh_store
    ).output
    assert json.loads(out)["boolean"] is True


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
    ],
)
def test_service_and_load_are_refused_without_allow_network(kg, text):
    result = kg("query", text, "--update")
    assert result.exit_code != 0 and "--allow-network" in result.output


def test_keywords_inside_strings_and_names_are_not_mistaken():
    check_query('SELECT ?service WHERE { ?service rdfs:label "SERVICE LOAD DELETE" }')
    check_query("SELECT ?x WHERE { ?x <http://e/LOAD> ?y } # INSERT in a comment")
    assert is_update("PREFIX ex: <http://e/> DELETE WHERE { ?s ex:p ?o }")
    assert not is_update("PREFIX insert: <http://e/> SELECT * WHERE { ?s insert:p ?o }")


@pytest.mark.parametrize(
    "hostile",
    [
        'Meta" } ; DROP ALL ; #',
        "Meta> } UNION { ?s ?p ?o",
        "{ ?s ?p ?o } SELECT",
        "'; DELETE WHERE { ?s ?p ?o } #",
    ],
)
def test_names_with_quotes_braces_or_keywords_are_taken_as_text(kg, hostile):
    result = kg("query", "acquisitions", "--param", f"acquirer={hostile}")
    assert result.exit_code != 0
    assert "no entity named" in result.output
    assert "Traceback" not in result.output


def test_empty_query_is_refused():
    with pytest.raises(InputError, match="empty query"):
        check_query("   ")
