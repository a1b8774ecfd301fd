"""Writing the store: build it from the project files, load more RDF, remove a source.

Every write is all-or-nothing: ``build`` fills a new folder and swaps it in, ``load`` checks
every file parses before it adds any, ``remove_source`` is one SPARQL transaction.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.model import (
    ALIAS_KEY,
    INDEX_GRAPH,
    KG,
    PREFIX_KEY,
    RDFS_LABEL,
    SEARCH_KEY,
    SKOS,
    expand,
    search_key,
    word_prefixes,
)
from kg.resources import ONTOLOGY_DIR, TRIPLES_DIR, sparql
from kg.store import (
    RDF_SUFFIXES,
    LocalStore,
    Term,
    default_store_path,
    rdf_format,
    replace_store,
)

Progress = Callable[[Path], None]
# a build writes a new folder no one reads yet: every file but the smallest goes through the
# bulk loader (a transaction is faster only for a few kilobytes)
BUILD_BULK_BYTES = 1024 * 1024
WRITE_BATCH = 500_000  # lines of derived triples and index entries written at once


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
    """Rebuild the store at ``target`` from ``files``; on any error the old store stays.

    The new store is written in a folder of its own and swapped in at the end, so each file
    is parsed once, as it loads: a bad file stops the build with ``file:line:col: reason``
    and the half-built folder is deleted. While pyoxigraph bulk-loads a file, a second
    thread reads the same file for statement nodes and names, and bulk-writes the direct
    triples they imply and the search-index entries: no query over the store, and on two
    cores that work overlaps the load.
    """
    started = time.perf_counter()
    target = Path(target) if target else default_store_path()
    files = source_files() if files is None else files
    for path in files:
        rdf_format(path)  # an unknown file type fails before anything is written
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    _ensure_not_locked(target)
    work = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = LocalStore(ox.Store(str(work)), work)
        scan = _Scan(store.store)
        for path in files:
            # writing beside a bulk load is safe; beside a transaction (small files) it
            # waits for the end
            bulk = path.stat().st_size > BUILD_BULK_BYTES
            thread = threading.Thread(target=scan.read, args=(path, bulk), daemon=True)
            thread.start()
            try:
                store.load_files([path], progress, check=False, bulk_bytes=BUILD_BULK_BYTES)
            finally:
                thread.join()
        scan.write()
        triples = len(store)
        store.flush()
        del store, scan
        replace_store(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BuildReport(files, triples, time.perf_counter() - started)


_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SUBJECT, _PREDICATE, _OBJECT, _TYPE = (
    ox.NamedNode(_RDF_NS + name) for name in ("subject", "predicate", "object", "type")
)
_STATEMENT = ox.NamedNode(_RDF_NS + "Statement")
_LABEL, _ALIAS = ox.NamedNode(RDFS_LABEL), ox.NamedNode(SKOS + "altLabel")
_PARTS = {_SUBJECT: 0, _PREDICATE: 1, _OBJECT: 2}
# a line of N-Triples or N-Quads can matter to the scan only if it has one of these
_LINE_MARK = re.compile(rb"#(?:subject|predicate|object|Statement|label|altLabel)>")
_LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
_INDEX_TAIL = f"<{INDEX_GRAPH}> .\n"
_KEY_TAILS = {_LABEL: f" <{SEARCH_KEY}> ", _ALIAS: f" <{ALIAS_KEY}> "}

Node = ox.NamedNode | ox.BlankNode


class _Scan:
    """What a build adds to the files: the direct triple of every statement node (as
    kg/sparql/derive.ru does for ``kg load``) and the search-index entries of every label and
    alias (as ``index_labels``). Default graph only, like that SPARQL.

    The new quads are kept as N-Quads text (pyoxigraph writes terms in that syntax), which
    the bulk loader reads far faster than it takes Python quad objects.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.statements: set[Node] = set()
        self.parts: dict[Node, tuple[list, list, list]] = {}
        self.pending: list[str] = []
        self.writing = False
        self.folded: dict[str, tuple[str, list[str]] | None] = {}
        self.last: tuple[str, set[str]] = ("", set())  # an entity's entries, written once

    def read(self, path: Path, write: bool) -> None:
        """Take what matters from a file; with ``write``, bulk-write what it implies."""
        self.writing = write
        try:
            for quad in self._quads(path):
                self._take(quad)
                if len(self.pending) >= WRITE_BATCH:
                    self._flush_early()
        except (SyntaxError, OSError, ValueError):
            return  # the load of the same file reports it, with its position
        if write:
            self.write()

    def _flush_early(self) -> None:
        """Beside a bulk load, write in batches: memory stays bounded."""
        if self.writing and len(self.pending) >= WRITE_BATCH:
            self.write()

    def write(self, bulk: bool = True) -> int:
        """Write the new quads (bulk, or in one transaction); return how many lines."""
        lines, self.pending = self.pending, []
        if lines:
            data = "".join(lines).encode()
            loader = self.store.bulk_load if bulk else self.store.load
            loader(data, format=ox.RdfFormat.N_QUADS)
        return len(lines)

    def _quads(self, path: Path) -> Iterator[ox.Quad]:
        fmt = rdf_format(path)
        if fmt not in _LINE_FORMATS:
            yield from ox.parse(path=str(path), format=fmt)
            return
        # one triple per line: parse only the lines that can matter (far less Python)
        chunk: list[bytes] = []
        with path.open("rb") as lines:
            for line in lines:
                if _LINE_MARK.search(line):
                    chunk.append(line)
                    if len(chunk) >= 50_000:
                        yield from ox.parse(b"".join(chunk), format=fmt)
                        chunk = []
        if chunk:
            yield from ox.parse(b"".join(chunk), format=fmt)

    def _take(self, quad: ox.Quad) -> None:
        node, predicate, obj, graph = quad
        if type(graph) is not ox.DefaultGraph:
            return
        part = _PARTS.get(predicate)
        if part is not None:
            parts = self.parts.setdefault(node, ([], [], []))
            if node in self.statements:  # the new value with the ones already known
                self._derive(*[[obj] if k == part else parts[k] for k in range(3)])
            parts[part].append(obj)
        elif predicate == _TYPE:
            if obj == _STATEMENT and node not in self.statements:
                self.statements.add(node)
                self._derive(*self.parts.get(node, ((), (), ())))
        elif predicate in _KEY_TAILS:
            self.index(node, predicate, obj)

    def _derive(self, subjects, predicates, objects) -> None:
        for s in subjects:
            if isinstance(s, ox.Literal):
                continue
            for p in predicates:
                if not isinstance(p, ox.NamedNode):
                    continue
                for o in objects:
                    self.pending.append(f"{s} {p} {o} .\n")
                    if p in _KEY_TAILS:
                        self.index(s, p, o)

    def index(self, entity: Term, predicate: ox.NamedNode, text: Term) -> None:
        """Queue the index entries of one label (``rdfs:label``) or alias (``skos:altLabel``)."""
        if type(entity) is not ox.NamedNode or type(text) is not ox.Literal:
            return
        iri = entity.value
        if iri.startswith(KG):
            return
        folded = self.folded.get(text.value, False)
        if folded is False:  # the same text is folded once
            key = search_key(text.value)  # word characters and spaces: no escaping needed
            prefixes = [f' <{PREFIX_KEY}> "{w}" {_INDEX_TAIL}' for w in sorted(word_prefixes(key))]
            folded = self.folded[text.value] = (f'"{key}" {_INDEX_TAIL}', prefixes) if key else None
        if folded is None:
            return
        key, prefixes = folded
        last_iri, written = self.last
        if last_iri != iri:
            written = set()
            self.last = (iri, written)
        subject = f"<{iri}>"
        for tail in (_KEY_TAILS[predicate] + key, *prefixes):
            if tail not in written:
                written.add(tail)
                self.pending.append(subject + tail)


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


def finish_load(store: LocalStore) -> None:
    """Derive direct triples from statements and refresh the search index (in place)."""
    store.update(sparql("derive.ru"))
    index_labels(store)


def index_labels(store: LocalStore) -> int:
    """Write a folded search key for every label and alias into the index graph."""
    scan = _Scan(store.store)
    for predicate in _KEY_TAILS:
        for entity, _, text, _ in store.store.quads_for_pattern(
            None, predicate, None, ox.DefaultGraph()
        ):
            scan.index(entity, predicate, text)
    return scan.write(bulk=False)


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
