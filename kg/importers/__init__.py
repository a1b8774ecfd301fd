"""Importing open data sets into the store: Crunchbase 2013, SEC tickers, Wikipedia lists.

>>> from kg.importers import import_dataset
>>> report = import_dataset("wikipedia-acquisitions", "acquisitions.tsv")  # doctest: +SKIP

Every import resolves names against the graph (kg/resolve.py), writes each fact as a direct
triple plus a statement naming the data set and its licence, and swaps the store atomically.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.importers.base import ImportReport, Progress, Writer, load_atomically, rules_quads
from kg.resolve import MergeLog, Resolver

DATASETS = {
    "crunchbase": "kg.importers.crunchbase",
    "sec": "kg.importers.sec",
    "wikipedia-acquisitions": "kg.importers.wikipedia",
}
KNOWN = ("Meta", "Google", "Alphabet")


def dataset_module(name: str):
    """The importer module of a data set name (crunchbase, sec, wikipedia-acquisitions)."""
    if name not in DATASETS:
        raise InputError(f"unknown data set {name!r}: use one of {', '.join(DATASETS)}")
    return import_module(DATASETS[name])


def import_quads(
    name: str, path: Path | str, backend=None, progress: Progress | None = None
) -> tuple[Iterator[ox.Quad], Writer]:
    """The quads an import would add to ``backend`` (None: an empty graph), lazily.

    The writer's ``index_quads()`` gives the search-index entries once the quads are consumed.
    """
    module = dataset_module(name)
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    report = ImportReport(module.DATASET.name, [str(path)])
    resolver = Resolver.from_store(backend, report.log)
    writer = Writer(module.DATASET, resolver, report)

    def quads() -> Iterator[ox.Quad]:
        try:
            yield from rules_quads(writer, resolver, KNOWN)
            yield from module.run(path, writer, progress)
        finally:
            resolver.backend = None  # let the store handle go

    return quads(), writer


def import_dataset(
    name: str,
    path: Path | str,
    store: Path | str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a data set into the store at ``store`` (default store if None), atomically."""
    started = time.perf_counter()
    dataset_module(name)  # a wrong name fails before the store is touched
    writer: list[Writer] = []

    def quads(current):
        found, w = import_quads(name, path, current, progress)
        writer.append(w)
        return found

    added = load_atomically(Path(store) if store else None, quads, lambda: writer[0].index_quads())
    report = writer[0].report
    report.triples = added
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["DATASETS", "ImportReport", "MergeLog", "import_dataset", "import_quads"]
