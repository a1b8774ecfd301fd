"""Writing the store: build it from the project files, load more RDF, remove a source.

Every write is all-or-nothing: ``build`` fills a new folder and swaps it in, ``load`` checks
every file parses before it adds any, ``remove_source`` is one SPARQL transaction.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.model import (
    ALIAS_KEY,
    INDEX_GRAPH,
    PREFIX_KEY,
    SEARCH_KEY,
    expand,
    search_key,
    word_prefixes,
)
from kg.resources import ONTOLOGY_DIR, TRIPLES_DIR, sparql
from kg.store import RDF_SUFFIXES, LocalStore, check_rdf_file, default_store_path, replace_store

Progress = Callable[[Path], None]


@dataclass
class BuildReport:
    """What a build or load did."""

    files: list[Path]
    triples: int
    seconds: float


def source_files(ontology_dir: Path = ONTOLOGY_DIR, triples_dir: Path = TRIPLES_DIR) -> list[Path]:
    """The files a build reads: the ontology (without SHACL shapes), then ``triples/``."""
    for folder in (ontology_dir, triples_dir):
        if not folder.is_dir():
            raise InputError(f"{folder}: no such folder")
    ontology = [p for p in _rdf_files(ontology_dir) if not p.name.startswith("shapes")]
    return ontology + _rdf_files(triples_dir)


def _rdf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in RDF_SUFFIXES)


def build(
    target: Path | None = None,
    files: list[Path] | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Rebuild the store at ``target`` from ``files``; on any error the old store stays."""
    started = time.perf_counter()
    target = Path(target) if target else default_store_path()
    files = source_files() if files is None else files
    for path in files:
        check_rdf_file(path)
    _ensure_not_locked(target)
    work = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = LocalStore(ox.Store(str(work)), work)
        store.load_files(files, progress)
        finish_load(store, bulk=True)
        triples = len(store)
        store.flush()
        del store
        replace_store(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BuildReport(files, triples, time.perf_counter() - started)


def _ensure_not_locked(target: Path) -> None:
    if (target / "CURRENT").exists():
        LocalStore.open(target, write=True)  # raises a clear error if another writer has it


def load(
    files: Iterable[Path], target: Path | None = None, progress: Progress | None = None
) -> BuildReport:
    """Add RDF files to an existing store; if any file is broken, nothing is added."""
    started = time.perf_counter()
    files = [Path(f) for f in files]
    if not files:
        raise InputError("no file to load: name one or more RDF files")
    store = LocalStore.open(target, write=True)
    count = store.load_files(files, progress)
    finish_load(store)
    store.flush()
    return BuildReport(files, count, time.perf_counter() - started)


def finish_load(store: LocalStore, bulk: bool = False) -> None:
    """Derive direct triples from statements and refresh the search index.

    ``bulk`` writes the index with the bulk loader (no transaction): for a store no one
    else sees yet, as in ``build``.
    """
    store.update(sparql("derive.ru"))
    index_labels(store, bulk)


def index_labels(store: LocalStore, bulk: bool = False) -> int:
    """Write a folded search key for every label and alias into the index graph."""
    graph = ox.NamedNode(INDEX_GRAPH)
    label_key, alias_key = ox.NamedNode(SEARCH_KEY), ox.NamedNode(ALIAS_KEY)
    prefix_key = ox.NamedNode(PREFIX_KEY)
    quads = []
    for row in store.query(sparql("labels.rq")):
        text, predicate = (row["label"], label_key) if row["label"] else (row["alias"], alias_key)
        key = search_key(text.value)
        if key:
            quads.append(ox.Quad(row["entity"], predicate, ox.Literal(key), graph))
            for prefix in word_prefixes(key):
                quads.append(ox.Quad(row["entity"], prefix_key, ox.Literal(prefix), graph))
    if bulk:
        store.store.bulk_extend(quads)
    else:
        store.add_quads(quads)
    return len(quads)


def remove_source(source: str, target: Path | None = None) -> int:
    """Remove a source and the facts only it supports; return how many triples went."""
    iri = expand(source) or expand(f"src:{source}")
    if iri is None:
        raise InputError(f"{source!r} is not a source name or IRI (try `kg sources NAME`)")
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise InputError(f"{source!r} is not a valid IRI") from None
    store = LocalStore.open(target, write=True)
    if not store.query("ASK { ?s ?p ?o }", {"s": node}):
        raise KgError(f"no source {source!r} in the store (list them with `kg query sources`)")
    before = len(store)
    store.update(sparql("remove_source.ru").replace("SOURCE_IRI", str(node)))
    store.flush()
    return before - len(store)
