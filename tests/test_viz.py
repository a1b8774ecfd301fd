"""`kg viz` and the graphml/gexf exports, checked in a real headless chromium with no network.

The graph is a small store of the test's own (the Meta facts of the seed articles, and entities
whose labels and sentences are hostile HTML), built with `kg build`'s code in a temp folder.
Chromium is Debian's (`.ci/run` installs it), driven by Playwright; every request that is not
for a local file is aborted and recorded, and the tests assert that none was attempted.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import networkx as nx
import pytest
from conftest import run_kg_process

from kg.build import build
from kg.cli import cli
from kg.errors import KgError
from kg.graph import KnowledgeGraph
from kg.lookup import card, resolve
from kg.store import LocalStore
from kg.viz import render, select

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
ID = "https://w3id.org/tech-kg/id/"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "</script><script>window.__xss=2</script>"
XSS_SENTENCE = '</script><img src=x onerror="window.__xss=3"> & <b>not bold</b>'

GRAPH_TTL = """\
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix kg: <https://w3id.org/tech-kg/ontology#> .
@prefix id: <https://w3id.org/tech-kg/id/> .
@prefix src: <https://w3id.org/tech-kg/source/> .
@prefix stmt: <https://w3id.org/tech-kg/statement/> .
@prefix wd: <http://www.wikidata.org/entity/> .

kg:Company a owl:Class ; rdfs:label "company"@en, "entreprise"@fr .
kg:Person a owl:Class ; rdfs:label "person"@en, "personne"@fr .
kg:AIModel a owl:Class ; rdfs:label "AI model"@en, "modèle d'IA"@fr .
kg:ModelFamily a owl:Class ; rdfs:label "model family"@en, "famille de modèles"@fr .
kg:AIAgent a owl:Class ; rdfs:label "AI agent"@en, "agent IA"@fr .
kg:AIAssistant a owl:Class ; rdfs:label "AI assistant"@en, "assistant IA"@fr .
kg:Team a owl:Class ; rdfs:label "team"@en, "équipe"@fr .
kg:Division a owl:Class ; rdfs:label "division"@en, "division"@fr .
kg:Lab a owl:Class ; rdfs:label "lab"@en, "laboratoire"@fr .

kg:acquired rdfs:label "acquired"@en, "a acquis"@fr ;
    kg:inverseLabel "acquired by"@en, "acquise par"@fr .
kg:developed rdfs:label "developed"@en, "a développé"@fr ;
    kg:inverseLabel "developed by"@en, "développé par"@fr .
kg:leads rdfs:label "leads"@en, "dirige"@fr ; kg:inverseLabel "led by"@en, "dirigé par"@fr .
kg:partOf rdfs:label "part of"@en, "fait partie de"@fr ;
    kg:inverseLabel "has part"@en, "comprend"@fr .
kg:launched rdfs:label "launched"@en, "a lancé"@fr ;
    kg:inverseLabel "launched by"@en, "lancé par"@fr .
kg:competitor rdfs:label "competes with"@en, "concurrent de"@fr .

src:seed-000 a kg:NewsArticle ; kg:fileName "000_08563d5b6c37d339.txt" ;
    rdfs:label "Meta lâche le métavers"@fr .
src:seed-003 a kg:NewsArticle ; kg:fileName "003_4a73eec29a51fefd.txt" ;
    schema:datePublished "2026-01-29"^^xsd:date .

id:Meta a kg:Company ; rdfs:label "Meta"@en, "Meta"@fr ; skos:altLabel "Facebook" ;
    kg:wikidata wd:Q380 .
id:Butterfly a kg:Company ; rdfs:label "Butterfly"@en, "Butterfly"@fr .
id:Manus a kg:AIAgent ; rdfs:label "Manus"@en, "Manus"@fr .
id:Mark_Zuckerberg a kg:Person ; rdfs:label "Mark Zuckerberg"@en, "Mark Zuckerberg"@fr .
id:Ahmad_Al-Dahle a kg:Person ; rdfs:label "Ahmad Al-Dahle"@en, "Ahmad Al-Dahle"@fr .
id:Llama_team a kg:Team ; rdfs:label "Llama team"@en, "équipe Llama"@fr .
id:Llama a kg:ModelFamily ; rdfs:label "Llama"@en, "Llama"@fr .
id:Llama_3 a kg:AIModel ; rdfs:label "Llama 3"@en, "Llama 3"@fr .
id:Llama_3.1 a kg:AIModel ; rdfs:label "Llama 3.1"@en, "Llama 3.1"@fr .
id:Llama_4 a kg:AIModel ; rdfs:label "Llama 4"@en, "Llama 4"@fr .
id:Meta_AI a kg:AIAssistant ; rdfs:label "Meta AI"@en, "Meta AI"@fr .
id:Reality_Labs a kg:Division ; rdfs:label "Reality Labs"@en, "Reality Labs"@fr .
id:FAIR a kg:Lab ; rdfs:label "FAIR"@en, "FAIR"@fr .
id:OpenAI a kg:Company ; rdfs:label "OpenAI"@en, "OpenAI"@fr .
id:Google a kg:Company ; rdfs:label "Google"@en, "Google"@fr .
id:Evil_1 a kg:Company ; rdfs:label "<img src=x onerror=\\"window.__xss=1\\">"@en .
id:Evil_2 a kg:Person ; rdfs:label "</script><script>window.__xss=2</script>"@en .

stmt:s1 a rdf:Statement ; rdf:subject id:Meta ; rdf:predicate kg:acquired ;
  rdf:object id:Butterfly ; kg:pointInTime "2025-12"^^xsd:gYearMonth ; kg:modality kg:Stated ;
  prov:wasDerivedFrom src:seed-003 ;
  kg:evidence "La seconde réside dans le savoir-faire de la start-up Butterfly : acquise en \
décembre 2025, cette dernière a développé l'agent IA innovant Manus qui devrait être bientôt \
intégré aux produits Meta."@fr .
stmt:s2 a rdf:Statement ; rdf:subject id:Butterfly ; rdf:predicate kg:developed ;
  rdf:object id:Manus ; prov:wasDerivedFrom src:seed-003 ;
  kg:evidence "cette dernière a développé l'agent IA innovant Manus"@fr .
stmt:s3 a rdf:Statement ; rdf:subject id:Mark_Zuckerberg ; rdf:predicate kg:leads ;
  rdf:object id:Meta ; prov:wasDerivedFrom src:seed-003 ;
  kg:evidence "le PDG de Meta devrait consacrer entre 115 et 135 milliards à ce poste"@fr .
stmt:s4 a rdf:Statement ; rdf:subject id:Ahmad_Al-Dahle ; rdf:predicate kg:leads ;
  rdf:object id:Llama_team ; kg:startTime "2023-02"^^xsd:gYearMonth ;
  prov:wasDerivedFrom src:seed-000 ;
  kg:evidence "il assemble une équipe sous la direction d’Ahmad Al-Dahle, ancien cadre \
d’Apple."@fr .
stmt:s5 a rdf:Statement ; rdf:subject id:Llama_team ; rdf:predicate kg:partOf ;
  rdf:object id:Meta ; kg:startTime "2023-02"^^xsd:gYearMonth ; prov:wasDerivedFrom src:seed-000 .
stmt:s6 a rdf:Statement ; rdf:subject id:Meta ; rdf:predicate kg:developed ;
  rdf:object id:Llama ; kg:pointInTime "2023"^^xsd:gYear ; prov:wasDerivedFrom src:seed-000 ;
  kg:evidence "Depuis le lancement de Llama en 2023"@fr .
stmt:s7 a rdf:Statement ; rdf:subject id:Llama_3 ; rdf:predicate kg:partOf ;
  rdf:object id:Llama ; prov:wasDerivedFrom src:seed-000 .
stmt:s8 a rdf:Statement ; rdf:subject id:Llama_3.1 ; rdf:predicate kg:partOf ;
  rdf:object id:Llama ; kg:pointInTime "2024-07"^^xsd:gYearMonth ;
  prov:wasDerivedFrom src:seed-000 .
stmt:s9 a rdf:Statement ; rdf:subject id:Llama_4 ; rdf:predicate kg:partOf ;
  rdf:object id:Llama ; kg:modality kg:InProgress ; prov:wasDerivedFrom src:seed-000 ;
  kg:evidence "Zuckerberg confirme que Meta travaille sur Llama 4."@fr .
stmt:s10 a rdf:Statement ; rdf:subject id:Meta ; rdf:predicate kg:launched ;
  rdf:object id:Meta_AI ; prov:wasDerivedFrom src:seed-000 .
stmt:s11 a rdf:Statement ; rdf:subject id:Reality_Labs ; rdf:predicate kg:partOf ;
  rdf:object id:Meta ; prov:wasDerivedFrom src:seed-000 .
stmt:s12 a rdf:Statement ; rdf:subject id:FAIR ; rdf:predicate kg:partOf ;
  rdf:object id:Meta ; prov:wasDerivedFrom src:seed-000 .
stmt:s13 a rdf:Statement ; rdf:subject id:Meta ; rdf:predicate kg:competitor ;
  rdf:object id:OpenAI ; prov:wasDerivedFrom src:seed-000 .
stmt:s14 a rdf:Statement ; rdf:subject id:OpenAI ; rdf:predicate kg:competitor ;
  rdf:object id:Google ; prov:wasDerivedFrom src:seed-000 .
stmt:e1 a rdf:Statement ; rdf:subject id:Evil_1 ; rdf:predicate kg:acquired ;
  rdf:object id:Evil_2 ; kg:pointInTime "2026-01-01"^^xsd:date ; prov:wasDerivedFrom src:seed-003 ;
  kg:evidence "</script><img src=x onerror=\\"window.__xss=3\\"> & <b>not bold</b>"@en .
stmt:e2 a rdf:Statement ; rdf:subject id:Evil_1 ; rdf:predicate kg:competitor ;
  rdf:object id:Google ; prov:wasDerivedFrom src:seed-003 ;
  kg:evidence "<script>window.__xss=4</script>"@en .
"""

# what `kg viz Meta --depth 2` must show: the list, and no more than two steps away
META_DEPTH_2 = {
    "Meta", "Butterfly", "Manus", "Mark Zuckerberg", "Ahmad Al-Dahle", "Llama team", "Llama",
    "Llama 3", "Llama 3.1", "Llama 4", "Meta AI", "Reality Labs", "FAIR", "OpenAI", "Google",
}  # fmt: skip


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("viz")
    source = folder / "graph.ttl"
    source.write_text(GRAPH_TTL, encoding="utf-8")
    path = folder / "store"
    build(path, [source])
    return path


@pytest.fixture(scope="module")
def kgv(store: Path):
    from click.testing import CliRunner

    def run(*args: str):
        return CliRunner().invoke(cli, ["--store", str(store), *args])

    return run


class Page:
    """A page opened offline: network requests aborted and recorded, console errors kept."""

    def __init__(self, browser, width: int = 1400, height: int = 850) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith("file:") or url.startswith("about:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, ready: bool = True) -> Page:
        self.page.goto(path.resolve().as_uri())
        if ready:
            self.wait_until("document.body.dataset.state === 'ready'")
        return self

    def wait_until(self, expression: str, timeout: float = 30, frame=None) -> None:
        """Poll a JS expression (wait_for_function would need eval, which the page's CSP
        forbids)."""
        target = frame or self.page
        deadline = time.monotonic() + timeout
        while not target.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"still not true after {timeout} s: {expression}")
            time.sleep(0.05)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def node_id(self, iri: str) -> int:
        return self.js("iri => kgViz.data.nodes.find(n => n.iri === iri).id", iri)

    def screen_point(self, canvas_point_js: str) -> tuple[float, float]:
        """Where a point of the network (a JS expression of canvas x/y) is on the screen."""
        point = self.js(
            f"""() => {{
              const p = {canvas_point_js};
              const dom = kgViz.network.canvasToDOM(p);
              const box = document.getElementById('kg-network').getBoundingClientRect();
              return [box.left + dom.x, box.top + dom.y];
            }}"""
        )
        return point[0], point[1]

    def node_point(self, node_id: int) -> tuple[float, float]:
        return self.screen_point(f"kgViz.network.getPositions([{node_id}])[{node_id}]")

    def edge_point(self, edge_id: int) -> tuple[float, float]:
        return self.screen_point(f"kgViz.network.body.edges[{edge_id}].edgeType.getPoint(0.5)")

    def assert_clean(self) -> None:
        assert self.requests == [], f"the page tried to fetch: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"the page opened dialogs: {self.dialogs}"

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def page(browser):
    opened = Page(browser)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def meta_page(kgv, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "meta.html"
    result = kgv("viz", "Meta", "--depth", "2", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def whole_page(kgv, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "all.html"
    result = kgv("viz", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


# --- in the browser -----------------------------------------------------------------------


def test_meta_depth_2_opens_offline_and_draws_every_entity(meta_page, page, store):
    page.open(meta_page)
    drawn = page.js("kgViz.network.body.nodeIndices.map(id => kgViz.data.nodes[id].label)")
    assert set(drawn) == META_DEPTH_2
    # as many as the graph has within two facts of Meta, counted apart with networkx
    g = KnowledgeGraph(LocalStore.open(store)).to_networkx()
    ego = nx.ego_graph(g.to_undirected(as_view=True), ID + "Meta", radius=2)
    assert len(drawn) == ego.number_of_nodes()
    assert page.js("kgViz.network.body.edgeIndices.length") == g.subgraph(ego).number_of_edges()
    assert "Meta" in page.page.inner_text("#kg-panel")  # the named entity's card is open
    assert page.js("kgViz.network.physics.options.enabled") is False  # stable, then still
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.wait_for_timeout(300)
    page.page.screenshot(path=str(ARTIFACTS / "viz-meta.png"))
    page.assert_clean()


def test_seed_graph_meta_depth_2(request, page, tmp_path):
    """The issue's check on the project's own curated facts, once triples/ has them."""
    if not any((ROOT / "triples").glob("*.ttl")):
        pytest.skip("triples/ has no curated facts yet")
    kg = request.getfixturevalue("kg")
    out = tmp_path / "meta.html"
    result = kg("viz", "Meta", "--depth", "2", "-o", str(out))
    assert result.exit_code == 0, result.output
    page.open(out)
    drawn = set(page.js("kgViz.network.body.nodeIndices.map(id => kgViz.data.nodes[id].label)"))
    assert {"Meta", "Butterfly", "Manus", "Ahmad Al-Dahle", "Llama 3.1", "Llama 4"} <= drawn
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.wait_for_timeout(300)
    page.page.screenshot(path=str(ARTIFACTS / "viz-seed-meta.png"))
    page.assert_clean()


def test_search_finds_and_focuses_manus(meta_page, page):
    page.open(meta_page)
    page.page.fill("#kg-search", "manu")
    assert page.page.inner_text("#kg-matches").startswith("Manus")
    page.page.press("#kg-search", "Enter")
    page.wait_until("document.body.dataset.focused !== undefined")
    manus = page.node_id(ID + "Manus")
    assert page.js("kgViz.network.getSelectedNodes()") == [manus]
    assert page.js("document.body.dataset.focused") == ID + "Manus"
    assert page.page.inner_text("#kg-panel h2") == "Manus"
    page.page.wait_for_timeout(600)  # the focus animation
    # the view is centred on Manus
    centre = page.js("kgViz.network.getViewPosition()")
    at = page.js(f"kgViz.network.getPositions([{manus}])[{manus}]")
    assert abs(centre["x"] - at["x"]) < 5 and abs(centre["y"] - at["y"]) < 5
    page.assert_clean()


def test_hovering_an_edge_shows_the_fact_date_and_source_sentence(meta_page, page):
    page.open(meta_page)
    edge = page.js(
        "kgViz.data.edges.findIndex(e => kgViz.data.nodes[e.f].label === 'Meta'"
        " && kgViz.data.nodes[e.t].label === 'Butterfly')"
    )
    x, y = page.edge_point(edge)
    page.page.mouse.move(x - 3, y - 3)
    page.page.mouse.move(x, y)
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "Meta — acquired → Butterfly" in text
    assert "2025-12" in text
    assert "acquise en décembre 2025" in text
    assert "003_4a73eec29a51fefd.txt" in text and "2026-01-29" in text
    page.assert_clean()


def test_clicking_an_entity_shows_its_lookup_card(meta_page, page, store):
    page.open(meta_page)
    x, y = page.node_point(page.node_id(ID + "Butterfly"))
    page.page.mouse.click(x, y)
    page.wait_until(
        "(document.getElementById('kg-panel').dataset.node || '').endsWith('Butterfly')"
    )
    panel = page.page.inner_text("#kg-panel")
    backend = LocalStore.open(store)
    expected = card(backend, resolve(backend, "Butterfly"))
    assert expected.label in panel and "id:Butterfly" in panel
    for fact in expected.facts:
        assert f"{fact.relation}: {fact.other_label}" in panel
        for cite in fact.citations:
            assert cite.evidence in panel and cite.file in panel
    # a fact's other end is a link that moves to its card
    page.page.click("#kg-panel button.kg-link >> text=Manus")
    assert page.page.inner_text("#kg-panel h2") == "Manus"
    page.assert_clean()


def test_filters_and_physics_switch(whole_page, page):
    page.open(whole_page)
    shown = "kgViz.network.body.nodeIndices.length"
    everything = page.js(shown)
    people = page.js("kgViz.data.types.find(t => t.key === 'Person').count")
    page.page.click("#kg-types label:has-text('person') input")
    assert page.js(shown) == everything - people
    page.page.click("#kg-types label:has-text('person') input")
    assert page.js(shown) == everything
    # only facts of 2025 on: Meta, Butterfly and the two kept by an open-ended start date
    page.page.fill("#kg-since", "2025")
    page.page.uncheck("#kg-undated")
    labels = set(page.js("kgViz.network.body.nodeIndices.map(i => kgViz.data.nodes[i].label)"))
    assert {"Meta", "Butterfly", "Ahmad Al-Dahle", "Llama team"} <= labels
    assert "Manus" not in labels and "Llama 3" not in labels
    page.page.fill("#kg-since", "20x")
    assert "YYYY" in page.page.inner_text("#kg-date-error")
    page.page.fill("#kg-since", "")
    page.page.check("#kg-undated")
    page.page.click("#kg-rel-none")
    assert page.js("kgViz.network.body.edgeIndices.length") == 0
    page.page.click("#kg-rel-all")
    assert page.js(shown) == everything
    page.page.check("#kg-physics")
    assert page.js("kgViz.network.physics.options.enabled") is True
    page.page.uncheck("#kg-physics")
    assert page.js("kgViz.network.physics.options.enabled") is False
    page.assert_clean()


def test_hostile_labels_and_sentences_show_as_text_and_run_nothing(whole_page, page):
    page.open(whole_page, ready=False)
    page.page.wait_for_timeout(1_000)
    assert page.js("window.__xss") is None and page.dialogs == []
    page.wait_until("document.body.dataset.state === 'ready'")
    assert page.js("document.querySelectorAll('script').length") == 3
    assert page.js("document.querySelectorAll('img, b').length") == 0
    labels = page.js("kgViz.data.nodes.map(n => n.label)")
    assert XSS_IMG in labels and XSS_SCRIPT in labels
    # the search finds them by their text and the card shows them verbatim
    page.page.fill("#kg-search", "img src")
    page.page.press("#kg-search", "Enter")
    assert page.page.inner_text("#kg-panel h2") == XSS_IMG
    assert XSS_SENTENCE in page.page.inner_text("#kg-panel")
    assert XSS_IMG in page.page.inner_text("#kg-types, #kg-panel, body")
    # and their tooltip too
    page.js("kgViz.network.fit({animation: false})")
    edge = page.js(
        "kgViz.data.edges.findIndex(e => kgViz.data.nodes[e.f].iri.endsWith('Evil_1')"
        " && kgViz.data.nodes[e.t].iri.endsWith('Evil_2'))"
    )
    x, y = page.edge_point(edge)
    page.page.mouse.move(x - 3, y - 3)
    page.page.mouse.move(x, y)
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert XSS_SENTENCE in tooltip.inner_text()
    page.page.wait_for_timeout(200)
    assert page.js("window.__xss") is None
    assert page.js("document.querySelectorAll('img, b').length") == 0
    page.assert_clean()


def test_french_labels(kgv, page, tmp_path):
    out = tmp_path / "fr.html"
    assert kgv("viz", "Meta", "--lang", "fr", "-o", str(out)).exit_code == 0
    page.open(out)
    assert "équipe Llama" in page.js("kgViz.data.nodes.map(n => n.label)")
    assert "entreprise" in page.page.inner_text("#kg-types")
    assert page.js("document.getElementById('kg-search').placeholder") == "Chercher une entité…"
    assert page.js("document.documentElement.lang") == "fr"
    page.assert_clean()


def test_notebook_view_is_an_offline_iframe(store, page):
    view = KnowledgeGraph(LocalStore.open(store)).viz("Butterfly")
    markup = view._repr_html_()
    assert markup.startswith("<iframe srcdoc=") and "<script" not in markup
    page.page.set_content(markup)
    frame = page.page.frames[1]
    page.wait_until("document.body && document.body.dataset.state === 'ready'", frame=frame)
    labels = frame.evaluate("kgViz.network.body.nodeIndices.map(i => kgViz.data.nodes[i].label)")
    assert set(labels) == {"Butterfly", "Meta", "Manus"}
    page.assert_clean()


def test_big_graph_is_laid_out_beforehand_and_drawn_still(page, tmp_path):
    graph = synthetic_graph(3_000)
    out = tmp_path / "big.html"
    out.write_text(render(graph, title="big"), encoding="utf-8")
    page.open(out)
    assert page.js("kgViz.data.layout") == "precomputed"
    assert page.js("kgViz.network.body.nodeIndices.length") == 3_000
    assert page.js("kgViz.network.physics.options.enabled") is False
    page.page.fill("#kg-search", "entity 2999")
    page.page.press("#kg-search", "Enter")
    assert page.page.inner_text("#kg-panel h2") == "entity 2999"
    page.assert_clean()


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A tree with some extra edges, with kg's node and edge attributes."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"{ID}e{i}", label=f"entity {i}", type=rng.choice(["Company", "Person"]))
    for i in range(1, n):
        for j in {rng.randrange(i), rng.randrange(max(1, i // 2))}:
            g.add_edge(f"{ID}e{i}", f"{ID}e{j}", key="p", predicate=ID + "p", relation="links")
    return g


# --- bad input: one line, non-zero exit ---------------------------------------------------


def _one_line_error(result) -> str:
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_unknown_entity_gets_suggestions(kgv, tmp_path):
    line = _one_line_error(kgv("viz", "Llama 9", "-o", str(tmp_path / "x.html")))
    assert "no entity named 'Llama 9'" in line and "did you mean" in line and "Llama 4" in line
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?s ?p ?o WHERE { ?s kg:nothing ?o }", "returned nothing"),
        ("SELECT ?x WHERE { ?x kg:partOf ?o }", "must return ?s ?p ?o"),
        ("ASK { ?x kg:partOf ?o }", "ASK"),
        ("SELECT ?s ?p ?o WHERE { ?s rdfs:label ?o BIND(rdfs:label AS ?p) }", "no edge"),
        ("DELETE WHERE { ?s ?p ?o }", "UPDATE"),
        ("SELEC ?s", "syntax error"),
    ],
)
def test_queries_that_draw_nothing_are_refused(kgv, tmp_path, query, message):
    rq = tmp_path / "q.rq"
    rq.write_text(query, encoding="utf-8")
    line = _one_line_error(kgv("viz", "--query", str(rq), "-o", str(tmp_path / "x.html")))
    assert message in line and str(rq) in line


def test_a_query_of_edges_is_drawn(kgv, tmp_path, store):
    rq = tmp_path / "acq.rq"
    rq.write_text("CONSTRUCT { ?a kg:acquired ?b } WHERE { ?a kg:acquired ?b }", encoding="utf-8")
    result = kgv("viz", "--query", str(rq), "-o", str(tmp_path / "q.html"))
    assert result.exit_code == 0, result.output
    assert "4 entities, 2 facts" in result.output
    g = select(LocalStore.open(store), query=rq)
    assert {d["relation"] for _, _, d in g.edges(data=True)} == {"acquired"}
    assert any(d.get("evidence") for _, _, d in g.edges(data=True))  # the facts keep their source


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "Robot"], "--type Robot"),
        (["--relation", "hates"], "--relation hates"),
        (["--since", "2025-1"], "YYYY-MM"),
        (["--since", "2026", "--until", "2024"], "swap"),
        (["--max-nodes", "3"], "--type, --relation"),
    ],
)
def test_bad_options_are_one_line(kgv, tmp_path, args, message):
    line = _one_line_error(kgv("viz", *args, "-o", str(tmp_path / "x.html")))
    assert message in line


def test_unwritable_output_is_one_line_in_a_real_process(store, tmp_path):
    target = tmp_path / "missing-folder" / "x.html"
    done = run_kg_process("viz", "Meta", "-o", str(target), store=store)
    assert done.returncode != 0
    assert done.stderr.strip().startswith("error: cannot write") and str(target) in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_filters_in_the_library(store):
    backend = LocalStore.open(store)
    g = select(backend, ["Meta"], depth=2, relations=["acquired", "partOf"], since="2024")
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert labels == {"Meta", "Butterfly", "Llama team"}  # Llama 3.1 is part of Llama, not Meta
    with pytest.raises(KgError):
        select(backend, ["Meta"], types=["Robot"])


# --- graphml and gexf ---------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_for_gephi_and_cytoscape_reads_back(kgv, store, tmp_path, fmt, reader):
    out = tmp_path / f"graph.{fmt}"
    result = kgv("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    back = reader(out)
    g = KnowledgeGraph(LocalStore.open(store)).to_networkx()
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes[ID + "Llama_team"]["label_fr"] == "équipe Llama"
    relations = {d["relation"] for _, _, d in back.edges(data=True)}
    assert "acquired" in relations
