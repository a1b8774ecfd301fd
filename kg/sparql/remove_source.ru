# Remove one source and the facts only it supports. The caller puts the source IRI,
# serialised by pyoxigraph, in place of SOURCE_IRI; everything runs in one transaction.
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kg: <https://w3id.org/tech-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# 1. Direct triples whose every statement comes from this source alone.
DELETE { ?s ?p ?o }
WHERE {
  VALUES ?source { SOURCE_IRI }
  ?st prov:wasDerivedFrom ?source ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER NOT EXISTS { ?st prov:wasDerivedFrom ?other . FILTER(?other != ?source) }
  FILTER NOT EXISTS {
    ?st2 rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?other2 .
    FILTER(?other2 != ?source)
  }
} ;

# 2. Nodes (statements, quotes) that only this source supports.
DELETE { ?node ?x ?y }
WHERE {
  VALUES ?source { SOURCE_IRI }
  ?node prov:wasDerivedFrom ?source .
  FILTER NOT EXISTS { ?node prov:wasDerivedFrom ?other . FILTER(?other != ?source) }
  ?node ?x ?y .
} ;

# 3. The source's link from nodes that other sources support too.
DELETE { ?node prov:wasDerivedFrom ?source }
WHERE { VALUES ?source { SOURCE_IRI } ?node prov:wasDerivedFrom ?source . } ;

# 4. Events nothing points to any more (a layoff, a spending) and the source itself.
DELETE { ?event ?x ?y }
WHERE {
  ?event a ?class . ?class rdfs:subClassOf* kg:Event .
  FILTER NOT EXISTS { ?any ?link ?event }
  ?event ?x ?y .
} ;
DELETE { ?source ?x ?y } WHERE { VALUES ?source { SOURCE_IRI } ?source ?x ?y . }
