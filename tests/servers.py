"""Helpers for the server tests: a small graph of kg's own shape, and real servers to start.

The graph is written here (not taken from triples/) so the tests of `kg serve` and of remote
stores do not move when the curated facts grow. It uses the project's entity IRIs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from kg.build import build

ONTOLOGY = """
@prefix kg: <https://w3id.org/tech-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kg:Company a owl:Class ; rdfs:label "company"@en , "entreprise"@fr .
kg:Person a owl:Class ; rdfs:label "person"@en , "personne"@fr .
kg:AIAgent a owl:Class ; rdfs:label "AI agent"@en , "agent IA"@fr .
kg:acquired a owl:ObjectProperty ; rdfs:label "acquired"@en , "a acquis"@fr ;
    kg:inverseLabel "acquired by"@en , "acquis par"@fr .
kg:built a owl:ObjectProperty ; rdfs:label "built"@en , "a développé"@fr ;
    kg:inverseLabel "built by"@en , "développé par"@fr .
kg:ceoOf a owl:ObjectProperty ; rdfs:label "CEO of"@en , "PDG de"@fr ;
    kg:inverseLabel "CEO"@en , "PDG"@fr .
"""

FACTS = """
@prefix kg: <https://w3id.org/tech-kg/ontology#> .
@prefix id: <https://w3id.org/tech-kg/id/> .
@prefix src: <https://w3id.org/tech-kg/source/> .
@prefix stmt: <https://w3id.org/tech-kg/statement/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix wd: <http://www.wikidata.org/entity/> .

id:Meta a kg:Company ; rdfs:label "Meta"@en , "Meta"@fr ;
    skos:altLabel "Meta Platforms"@en , "Facebook, Inc."@en ; kg:wikidata wd:Q380 .
id:Butterfly a kg:Company ; rdfs:label "Butterfly"@en , "Butterfly"@fr ;
    rdfs:comment "The start-up that developed the AI agent Manus."@en .
id:Manus a kg:AIAgent ; rdfs:label "Manus"@en , "Manus"@fr .
id:Mark_Zuckerberg a kg:Person ; rdfs:label "Mark Zuckerberg"@en , "Mark Zuckerberg"@fr .
id:Evil_Corp a kg:Company ; rdfs:label "<script>alert('x')</script> & Evil"@en ;
    rdfs:comment "A name with <b>markup</b> & \\"quotes\\"."@en .

src:seed-003 a kg:NewsArticle ; kg:fileName "003_seed.txt" ;
    schema:datePublished "2026-01-29"^^xsd:date .
src:seed-000 a kg:NewsArticle ; kg:fileName "000_seed.txt" .
src:seed-009 a kg:NewsArticle ; kg:fileName "009_seed.txt" ;
    schema:datePublished "2025-12-30"^^xsd:date .

stmt:s1 a rdf:Statement ; rdf:subject id:Meta ; rdf:predicate kg:acquired ;
    rdf:object id:Butterfly ; kg:pointInTime "2025-12"^^xsd:gYearMonth ;
    kg:modality kg:Stated ; prov:wasDerivedFrom src:seed-003 ;
    kg:evidence "La start-up Butterfly, acquise en décembre 2025, a développé Manus."@fr .
stmt:s1b a rdf:Statement ; rdf:subject id:Meta ; rdf:predicate kg:acquired ;
    rdf:object id:Butterfly ; kg:modality kg:Stated ; prov:wasDerivedFrom src:seed-000 ;
    kg:evidence "Meta rachète Butterfly."@fr .
stmt:s1c a rdf:Statement ; rdf:subject id:Meta ; rdf:predicate kg:acquired ;
    rdf:object id:Butterfly ; kg:modality kg:Stated ; prov:wasDerivedFrom src:seed-009 ;
    kg:evidence "Meta buys Butterfly, the start-up behind Manus."@en .
stmt:s2 a rdf:Statement ; rdf:subject id:Butterfly ; rdf:predicate kg:built ;
    rdf:object id:Manus ; kg:modality kg:Stated ; prov:wasDerivedFrom src:seed-003 ;
    kg:evidence "La start-up Butterfly, acquise en décembre 2025, a développé Manus."@fr .
stmt:s3 a rdf:Statement ; rdf:subject id:Mark_Zuckerberg ; rdf:predicate kg:ceoOf ;
    rdf:object id:Meta ; kg:modality kg:Stated ; prov:wasDerivedFrom src:seed-003 ;
    kg:evidence "<i>Le PDG</i> de Meta & « autres »."@fr .
stmt:s5 a rdf:Statement ; rdf:subject id:Mark_Zuckerberg ; rdf:predicate kg:built ;
    rdf:object id:Manus ; kg:modality kg:Stated ; prov:wasDerivedFrom src:seed-000 ;
    kg:evidence "Zuckerberg présente Manus."@fr .
stmt:s4 a rdf:Statement ; rdf:subject id:Evil_Corp ; rdf:predicate kg:acquired ;
    rdf:object id:Manus ; kg:modality kg:Planned ; prov:wasDerivedFrom src:seed-003 ;
    kg:evidence "</td><script>alert(1)</script>"@en .
"""

# Two named graphs for the protocol's dataset tests (default-graph-uri, named-graph-uri).
DATASET = """
@prefix ex: <http://example.org/> .
ex:g1 { ex:a ex:p "one" . }
ex:g2 { ex:b ex:p "two" . ex:c ex:p "three" . }
"""


def write_sources(folder: Path) -> list[Path]:
    """Write the small graph's files into ``folder``; return them in build order."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text in (("ontology.ttl", ONTOLOGY), ("facts.ttl", FACTS), ("dataset.trig", DATASET)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def build_small_store(folder: Path) -> Path:
    """Build a store of the small graph in ``folder / "store"``."""
    store = folder / "store"
    build(store, write_sources(folder / "src"))
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@contextlib.contextmanager
def kg_serve(store: Path, *args: str, log: Path | None = None) -> Iterator[str]:
    """Run `kg serve` on a free loopback port; yield its base URL; stop it after."""
    command = [sys.executable, "-m", "kg.cli", "--store", str(store), "serve"]
    command += ["--host", "127.0.0.1", "--port", "0", "--quiet", *args]
    stderr = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        line = process.stdout.readline()
        if "http://" not in line:
            raise RuntimeError(f"kg serve did not start: {line!r}")
        url = line.split("kg serve: ", 1)[1].split("/ ", 1)[0]
        yield url
    finally:
        _stop(process)
        if log:
            stderr.close()


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sysconfig.get_path("scripts")) / "oxigraph")
    if not os.access(found, os.X_OK):
        raise RuntimeError("no `oxigraph` program: pip install -e '.[test]' installs it")
    return found


@contextlib.contextmanager
def oxigraph_serve(location: Path, *args: str) -> Iterator[str]:
    """Run `oxigraph serve` on a free loopback port; yield its base URL; stop it after."""
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(location)]
    command += ["--bind", f"127.0.0.1:{port}", *args]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url + "/query?query=ASK%7B%7D")
        yield url
    finally:
        _stop(process)
