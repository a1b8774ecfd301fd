"""`kg serve` as its users meet it: SPARQL clients, curl-like raw HTTP, and a browser.

Every test talks to a real `kg serve` process on a free loopback port. The protocol tests are
the cases of the W3C SPARQL 1.1 Protocol test suite that apply to a query service, written
from the specification (query by GET, by form POST and direct POST; content types; the 4xx
cases), plus the updates of a server started with --allow-update.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import threading
import urllib.parse
from pathlib import Path

import pytest
from servers import build_small_store, kg_serve

TOKEN = "test-token-1234"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_store(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="module")
def server(small_store: Path):
    """A read-only `kg serve` with a 2 s query timeout."""
    with kg_serve(small_store, "--timeout", "2") as url:
        yield url


@pytest.fixture(scope="module")
def update_server(tmp_path_factory: pytest.TempPathFactory):
    """A `kg serve --allow-update --cors` on its own store, with a small row cap and body limit."""
    store = build_small_store(tmp_path_factory.mktemp("serve-rw"))
    args = ("--allow-update", "--token", TOKEN, "--cors", "--max-rows", "5", "--max-body", "4096")
    with kg_serve(store, *args) as url:
        yield url


def request(
    url: str,
    method: str = "GET",
    path: str = "/sparql",
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One raw HTTP request; returns status, headers and body."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        if isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def get(url: str, query: str, accept: str | None = None, **params: str):
    qs = urllib.parse.urlencode({"query": query, **params})
    return request(url, path=f"/sparql?{qs}", headers={"Accept": accept} if accept else {})


def form(url: str, fields: dict[str, str] | list[tuple[str, str]], **headers: str):
    body = urllib.parse.urlencode(fields)
    hdrs = {"Content-Type": "application/x-www-form-urlencoded", **headers}
    return request(url, "POST", body=body, headers=hdrs)


# --- clients -----------------------------------------------------------------------------------


def test_sparqlwrapper_select_ask_construct(server: str) -> None:
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?label WHERE { <https://w3id.org/tech-kg/id/Butterfly> rdfs:label ?label }"
    )
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {(r["label"]["value"], r["label"]["xml:lang"]) for r in rows} == {
        ("Butterfly", "en"),
        ("Butterfly", "fr"),
    }
    client.setQuery("ASK { id:Meta kg:acquired id:Butterfly }")
    client.setReturnFormat(XML)
    assert client.queryAndConvert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery("CONSTRUCT { id:Meta kg:acquired ?x } WHERE { id:Meta kg:acquired ?x }")
    client.setReturnFormat(TURTLE)
    turtle = client.queryAndConvert()
    turtle = turtle.decode() if isinstance(turtle, bytes) else turtle
    assert "Butterfly" in turtle


def test_sparqlwrapper_post(server: str) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(POST)
    client.setQuery("SELECT ?x WHERE { id:Butterfly kg:built ?x }")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["x"]["value"] for r in rows] == ["https://w3id.org/tech-kg/id/Manus"]


def test_rdflib_sparqlstore(server: str) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server + "/sparql"))
    rows = list(
        graph.query(
            "SELECT ?target WHERE { <https://w3id.org/tech-kg/id/Meta> "
            "<https://w3id.org/tech-kg/ontology#acquired> ?target }"
        )
    )
    assert rows == [(URIRef("https://w3id.org/tech-kg/id/Butterfly"),)]
    described = graph.query("DESCRIBE <https://w3id.org/tech-kg/id/Manus>")
    assert len(described.graph) > 0


def test_curl_style_csv(server: str) -> None:
    status, headers, body = form(
        server,
        {"query": "SELECT ?who WHERE { ?who kg:ceoOf id:Meta }"},
        Accept="text/csv",
    )
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [
        ["who"],
        ["https://w3id.org/tech-kg/id/Mark_Zuckerberg"],
    ]


# --- the W3C SPARQL 1.1 Protocol cases that apply to a query service ------------------------------


def test_query_get(server: str) -> None:
    status, headers, body = get(server, "ASK { ?s ?p ?o }", "application/sparql-results+json")
    assert status == 200
    assert json.loads(body)["boolean"] is True


def test_query_post_form(server: str) -> None:
    status, _, body = form(server, {"query": "ASK {}"}, Accept="application/sparql-results+json")
    assert (status, json.loads(body)["boolean"]) == (200, True)


def test_query_post_direct(server: str) -> None:
    status, _, body = request(
        server,
        "POST",
        body="SELECT ?x WHERE { BIND(1 AS ?x) }",
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == "1"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ],
)
def test_query_content_type_select(server: str, accept: str, media: str) -> None:
    status, headers, body = get(server, "SELECT ?s WHERE { ?s a kg:Company }", accept)
    assert status == 200
    assert headers.get_content_type() == media
    assert b"Butterfly" in body


def test_query_content_type_ask(server: str) -> None:
    status, headers, body = get(server, "ASK { id:Meta ?p ?o }", "application/sparql-results+xml")
    assert status == 200
    assert headers.get_content_type() == "application/sparql-results+xml"
    assert b"<boolean>true</boolean>" in body


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle", "text/turtle"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_query_content_type_describe_and_construct(server: str, accept: str, media: str) -> None:
    import pyoxigraph as ox

    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(?s = id:Manus) }"
    for query in ("DESCRIBE id:Manus", construct):
        status, headers, body = get(server, query, accept)
        assert status == 200
        assert headers.get_content_type() == media
        formats = {
            "text/turtle": ox.RdfFormat.TURTLE,
            "application/rdf+xml": ox.RdfFormat.RDF_XML,
            "application/n-triples": ox.RdfFormat.N_TRIPLES,
            "application/ld+json": ox.RdfFormat.JSON_LD,
        }
        triples = list(ox.parse(body, formats[media]))
        assert ox.NamedNode("https://w3id.org/tech-kg/id/Manus") in {t.subject for t in triples}


def test_unacceptable_accept_is_406(server: str) -> None:
    status, _, _ = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png")
    assert status == 406


def test_format_parameter_wins(server: str) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    status, headers, _ = get(server, query, "text/csv", format="tsv")
    assert status == 200 and headers.get_content_type() == "text/tab-separated-values"


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(reply) -> int:
    status, _, body = reply
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_query_dataset_default_graphs(server: str) -> None:
    accept = "application/sparql-results+json"
    assert _count(get(server, COUNT, accept, **{"default-graph-uri": "http://example.org/g1"})) == 1
    qs = urllib.parse.urlencode(
        [
            ("query", COUNT),
            ("default-graph-uri", "http://example.org/g1"),
            ("default-graph-uri", "http://example.org/g2"),
        ]
    )
    assert _count(request(server, path=f"/sparql?{qs}", headers={"Accept": accept})) == 3
    fields = [
        ("query", COUNT),
        ("default-graph-uri", "http://example.org/g2"),
    ]
    assert _count(form(server, fields, Accept=accept)) == 2


def test_query_dataset_named_graphs(server: str) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    fields = [("query", query), ("named-graph-uri", "http://example.org/g2")]
    assert _count(form(server, fields, Accept="application/sparql-results+json")) == 2


def test_query_dataset_full_and_protocol_over_from(server: str) -> None:
    query = "SELECT (COUNT(*) AS ?n) FROM <http://example.org/g2> WHERE { ?s ?p ?o }"
    accept = "application/sparql-results+json"
    assert _count(get(server, query, accept)) == 2
    assert _count(get(server, query, accept, **{"default-graph-uri": "http://example.org/g1"})) == 1


def test_bad_query_method(server: str) -> None:
    status, headers, _ = request(server, "PUT", path="/sparql?query=ASK%20%7B%7D")
    assert status == 405
    assert headers["Allow"] == "GET, POST"
    assert request(server, "DELETE", path="/sparql?query=ASK%20%7B%7D")[0] == 405


def test_bad_multiple_queries(server: str) -> None:
    status, _, body = request(server, path="/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert status == 400
    assert b"exactly one query" in body


def test_bad_query_wrong_media_type(server: str) -> None:
    status, _, _ = request(server, "POST", body="ASK {}", headers={"Content-Type": "text/plain"})
    assert status == 415


def test_bad_query_missing_form_type(server: str) -> None:
    status, _, _ = request(server, "POST", body="query=ASK%20%7B%7D")
    assert status == 415


def test_bad_query_missing_direct_type(server: str) -> None:
    status, _, _ = request(server, "POST", body="ASK {}")
    assert status == 415


def test_bad_query_non_utf8(server: str) -> None:
    status, _, _ = request(
        server,
        "POST",
        body='ASK { ?s ?p "é" }'.encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert status == 400
    status, _, _ = request(
        server,
        "POST",
        body='ASK { ?s ?p "é" }'.encode("latin-1"),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 400


def test_bad_query_syntax_shows_the_parser_message(server: str) -> None:
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert headers.get_content_type() == "text/plain"
    assert b"SPARQL syntax error: error at 1:" in body


def test_bad_update_get(server: str) -> None:
    qs = urllib.parse.urlencode({"update": "CLEAR ALL"})
    status, _, _ = request(server, path=f"/sparql?{qs}")
    assert status == 400


def test_update_refused_by_a_read_only_server(server: str) -> None:
    status, _, body = form(server, {"update": "INSERT DATA { id:X id:y id:z }"})
    assert status == 403
    assert b"read-only" in body
    status, _, _ = request(
        server,
        "POST",
        body="CLEAR ALL",
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer x"},
    )
    assert status == 403
    query = "SELECT (COUNT(*) AS ?n) WHERE { id:X ?p ?o }"
    assert _count(get(server, query, "application/json")) == 0


def test_update_sent_as_query_is_refused(server: str) -> None:
    status, _, body = get(server, "INSERT DATA { id:X id:y id:z }")
    assert status == 400 and b"UPDATE" in body


def test_service_and_load_are_refused(server: str) -> None:
    status, _, body = get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert status == 403
    assert b"SERVICE" in body
    query = "SELECT * WHERE { service silent <http://x.example/> { ?s ?p ?o } }"
    status, _, body = get(server, query)
    assert status == 403


def test_service_description(server: str) -> None:
    status, headers, body = request(server, headers={"Accept": "text/turtle"})
    assert status == 200
    assert headers.get_content_type() == "text/turtle"
    assert f"sd:endpoint <{server}/sparql>".encode() in body
    assert b"sd:SPARQL11Query" in body and b"SPARQL11Update" not in body


def test_health(server: str) -> None:
    status, _, body = request(server, path="/health")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "workers": 2}


def test_no_cors_by_default(server: str) -> None:
    status, headers, _ = get(server, "ASK {}")
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    assert request(server, "OPTIONS")[0] == 405


def test_only_loopback_host_names(server: str) -> None:
    status, _, _ = request(server, path="/health", headers={"Host": "evil.example:80"})
    assert status == 403


def test_query_past_its_timeout_while_others_are_answered(server: str) -> None:
    slow: dict = {}

    def run_slow() -> None:
        slow["reply"] = get(server, SLOW, "application/sparql-results+json")

    thread = threading.Thread(target=run_slow)
    thread.start()
    quick = get(server, "ASK { id:Meta ?p ?o }", "application/sparql-results+json")
    thread.join(60)
    assert quick[0] == 200 and json.loads(quick[2])["boolean"] is True
    status, headers, body = slow["reply"]
    assert status == 503
    assert b"ran past the 2 s limit" in body
    assert get(server, "ASK {}", "application/json")[0] == 200  # still answering


# --- a server that takes updates, with CORS, a row cap and a body limit --------------------------


def test_update_needs_the_token(update_server: str) -> None:
    update = 'INSERT DATA { id:New_Co a kg:Company ; rdfs:label "New Co"@en }'
    status, headers, _ = form(update_server, {"update": update})
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
    status, _, _ = form(update_server, {"update": update}, Authorization="Bearer wrong-token")
    assert status == 401
    status, _, _ = form(update_server, {"update": update}, Authorization=f"Bearer {TOKEN}")
    assert status == 204
    status, _, body = get(update_server, "ASK { id:New_Co a kg:Company }", "application/json")
    assert json.loads(body)["boolean"] is True


def test_update_post_direct_and_bad_updates(update_server: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    status, _, _ = request(
        update_server,
        "POST",
        body="INSERT DATA { id:Other id:p 1 }",
        headers={"Content-Type": "application/sparql-update", **auth},
    )
    assert status == 204
    status, _, body = form(update_server, {"update": "INSERT DATA { id:x id:y }"}, **auth)
    assert status == 400 and b"syntax" in body
    fields = [("update", "CLEAR ALL"), ("update", "CLEAR ALL")]
    assert form(update_server, fields, **auth)[0] == 400
    status, _, body = form(update_server, {"update": "LOAD <http://127.0.0.1:9/x.ttl>"}, **auth)
    assert status == 403 and b"LOAD" in body
    status, _, _ = request(
        update_server,
        "POST",
        body="CLEAR ALL",
        headers={"Content-Type": "text/plain", **auth},
    )
    assert status == 415
    fields = [("query", "ASK {}"), ("update", "CLEAR ALL")]
    assert form(update_server, fields, **auth)[0] == 400
    assert _count(get(update_server, COUNT, "application/json")) > 10  # nothing was cleared


def test_row_cap(update_server: str) -> None:
    status, headers, body = get(update_server, "SELECT * WHERE { ?s ?p ?o }", "application/json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 5
    assert headers["KG-Truncated"] == "5"


def test_oversized_body_is_413(update_server: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 5000
    status, _, body = request(
        update_server, "POST", body=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 413
    assert b"at most 4096" in body
    assert get(update_server, "ASK {}", "application/json")[0] == 200


def test_cors_when_asked(update_server: str) -> None:
    _, headers, _ = get(update_server, "ASK {}", "application/json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = request(update_server, "OPTIONS", headers={"Origin": "http://a.example"})
    assert status == 204
    assert "POST" in headers["Access-Control-Allow-Methods"]


def test_service_description_says_updates(update_server: str) -> None:
    _, _, body = request(update_server, headers={"Accept": "text/turtle"})
    assert b"sd:SPARQL11Update" in body


# --- pages -------------------------------------------------------------------------------------


def test_entity_page_escapes_every_value(server: str) -> None:
    status, headers, body = request(server, path="/entity/Evil_Corp")
    page = body.decode()
    assert status == 200
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "<script>alert" not in page and "<b>markup</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Evil" in page
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    status, _, body = request(server, path="/entity/Manus")
    assert "&lt;script&gt;" in body.decode() and "<script>alert" not in body.decode()


def test_query_page_escapes_the_query_and_results(server: str) -> None:
    query = 'SELECT ?x WHERE { BIND("</textarea><script>alert(2)</script>" AS ?x) }'
    status, _, body = request(server, path="/?" + urllib.parse.urlencode({"query": query}))
    page = body.decode()
    assert status == 200
    assert "<script>alert(2)" not in page
    # in the editor, in the result cell and in its title
    assert page.count("&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;") == 3


def test_query_page_shows_errors(server: str) -> None:
    path = "/?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s <oops> }"})
    status, _, body = request(server, path=path)
    assert status == 400 and b"SPARQL syntax error" in body


def test_search_redirects_or_suggests(server: str) -> None:
    status, headers, _ = request(server, path="/search?q=butterfly")
    assert status == 303 and headers["Location"] == "/entity/Butterfly"
    status, headers, _ = request(server, path="/search?q=meta+platforms")
    assert status == 303 and headers["Location"] == "/entity/Meta"
    status, _, body = request(server, path="/search?q=Zuckerbergg+Marc")
    assert status == 404 and b"Mark Zuckerberg" in body
    status, _, body = request(server, path="/search?q=" + urllib.parse.quote("<i>qqqq"))
    assert status == 404 and b"&lt;i&gt;qqqq" in body and b"<i>qqqq" not in body


def test_unknown_entity_and_path(server: str) -> None:
    assert request(server, path="/entity/Nobody_Here")[0] == 404
    assert request(server, path="/nowhere")[0] == 404


# --- in a browser (headless Chromium, offline) --------------------------------------------------


def _offline_page(browser, server: str):
    """A page that may reach nothing but the server; returns it and the list of other requests."""
    page = browser.new_page()
    outside: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page, outside


def test_query_page_in_chromium(browser, server: str) -> None:
    page, outside = _offline_page(browser, server)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    page.fill(
        "#query",
        "SELECT ?company ?label WHERE { ?company a kg:Company ; rdfs:label ?label "
        'FILTER(lang(?label) = "en") } ORDER BY ?label',
    )
    page.click("#run")
    page.wait_for_selector("#results")
    cells = page.locator("#results tbody tr td:nth-child(2)").all_inner_texts()
    assert "Butterfly" in cells and "Meta" in cells
    assert "<script>alert('x')</script> & Evil" in cells  # shown as text, not run
    assert page.locator("a.download").count() == 4
    page.click("#results a >> text=id:Butterfly")
    page.wait_for_selector("#card")
    assert page.title() == "Butterfly — kg"
    assert outside == [] and errors == []
    page.close()


def test_entity_page_and_search_box_in_chromium(browser, server: str) -> None:
    page, outside = _offline_page(browser, server)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/entity/Manus")
    facts = page.locator("#facts").inner_text()
    assert "built by" in facts and "Butterfly" in facts
    graph = page.frame_locator("iframe.viz")
    graph.locator("canvas").first.wait_for(timeout=20_000)  # the neighbourhood is drawn
    assert "Butterfly" in graph.locator("body").inner_text()
    page.fill("#search", "meta platforms")
    page.press("#search", "Enter")
    page.wait_for_url("**/entity/Meta")
    assert "acquired" in page.locator("#facts").inner_text()
    assert "Q380" in page.locator("#card").inner_text()
    page.goto(server + "/entity/Evil_Corp")
    assert "<script>alert('x')</script> & Evil" in page.locator("h1").inner_text()
    assert dialogs == [] and outside == []
    page.close()


def test_entity_page_in_french_and_by_iri(server: str) -> None:
    status, _, body = request(server, path="/entity/Butterfly?lang=fr")
    assert status == 200 and b"acquis par" in body
    iri = urllib.parse.quote("https://w3id.org/tech-kg/source/seed-003", safe="")
    status, _, body = request(server, path=f"/entity?iri={iri}")
    assert status == 200 and b"src:seed-003" in body
    assert request(server, path="/entity?iri=not%20an%20iri")[0] == 404


def test_neighbourhood_graph_goes_in_a_sandboxed_frame(small_store: Path) -> None:
    from kg.lookup import card, resolve
    from kg.serve import _card_html
    from kg.store import LocalStore

    store = LocalStore.open(small_store)
    found = card(store, resolve(store, "Butterfly")).to_dict()
    page = _card_html(found, '<html><script>draw("a & b")</script></html>', "en")
    assert "<iframe class='viz' sandbox='allow-scripts'" in page
    assert 'srcdoc="&lt;html&gt;&lt;script&gt;draw(&quot;a &amp; b&quot;)' in page
    assert "<h2>Neighbourhood</h2>" not in _card_html(found, None, "en")


def test_bad_percent_encoding(server: str) -> None:
    assert request(server, path="/entity/%ff%fe")[0] == 400
    assert request(server, path="/sparql?query=%ff")[0] == 400
    assert request(server, path="/health")[0] == 200
