"""`kg validate`: the built graph conforms; a broken one gets readable violations."""

from kg.build import load


def test_the_seed_graph_conforms(kg):
    result = kg("validate")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_a_broken_graph_reports_entity_property_and_rule(kg, tmp_path, fresh_store):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        """
@prefix kg: <https://w3id.org/tech-kg/ontology#> .
@prefix id: <https://w3id.org/tech-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:Nameless a kg:Company ; rdfs:label "Nameless"@en .
<https://w3id.org/tech-kg/statement/unsourced> a rdf:Statement ;
    rdf:subject id:Nameless ; rdf:predicate kg:acquired ; rdf:object id:Meta ;
    kg:modality kg:Stated .
""",
        encoding="utf-8",
    )
    load([broken], fresh_store)
    result = kg("validate", store=fresh_store)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("id:Nameless  rdfs:label") for line in lines), result.output
    assert any("stmt:unsourced" in line and "prov:wasDerivedFrom" in line for line in lines)
    assert "violations of the shapes" in result.output
