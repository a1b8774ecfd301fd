"""Benchmarks of the graph core: build, cold lookup, saved queries — beside baselines.

    python3 benchmarks/core.py [--runs 7]

Prints one table of medians from one run; compare the ratios, not the absolute times (the
machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import query as kg_query  # noqa: E402
from kg.build import build, source_files  # noqa: E402
from kg.model import PREFIXES  # noqa: E402
from kg.store import LocalStore, rdf_format  # noqa: E402

BARE_LOOKUP = """
import sys, pyoxigraph as ox
s = ox.Store.read_only(sys.argv[1])
q = ('SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l '
     'FILTER(STR(?l) = "Butterfly") }')
print(list(s.query(q)))
"""


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_build(runs: int, work: Path) -> list[tuple[str, float, float]]:
    files = source_files()

    def kg_build() -> None:
        build(work / "kg-store", files)

    def raw_oxigraph() -> None:
        shutil.rmtree(work / "raw-store", ignore_errors=True)
        store = ox.Store(str(work / "raw-store"))
        for f in files:
            store.load(path=str(f), format=rdf_format(f))
        store.flush()

    def rdflib_memory() -> None:
        import rdflib

        graph = rdflib.Graph()
        for f in files:
            graph.parse(f, format="turtle")

    kg_t = median_seconds(kg_build, runs)
    raw_t = median_seconds(raw_oxigraph, runs)
    rdflib_t = median_seconds(rdflib_memory, runs)
    return [("build the seed graph", kg_t, raw_t, rdflib_t)]


def bench_lookup(runs: int, store: Path) -> tuple[str, float, float, None]:
    kg_cmd = [sys.executable, "-m", "kg.cli", "--store", str(store), "lookup", "Butterfly"]
    bare_cmd = [sys.executable, "-c", BARE_LOOKUP, str(store)]

    def run(cmd: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(cmd, check=True, capture_output=True)

    run(kg_cmd)()  # warm the file cache
    return (
        "cold `kg lookup Butterfly` (process)",
        median_seconds(run(kg_cmd), runs),
        median_seconds(run(bare_cmd), runs),
        None,
    )


def bench_queries(runs: int, store: Path) -> list[tuple[str, float, float, None]]:
    backend = LocalStore.open(store)
    raw = ox.Store.read_only(str(store))
    rows = []
    for name, saved in kg_query.saved_queries().items():

        def through_kg(text: str = saved.text) -> None:
            kg_query.run(backend, text)

        def through_raw(text: str = saved.text) -> None:
            solutions = raw.query(text, prefixes=PREFIXES)
            names = [v.value for v in solutions.variables]
            [tuple(s[n] for n in names) for s in solutions]

        rows.append(
            (
                f"query {name}",
                median_seconds(through_kg, runs * 5),
                median_seconds(through_raw, runs * 5),
                None,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from rich.console import Console
    from rich.table import Table

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = bench_build(args.runs, work)
        rows.append(bench_lookup(args.runs, work / "kg-store"))
        rows += bench_queries(args.runs, work / "kg-store")
    table = Table(
        "operation",
        "kg (ms)",
        "raw pyoxigraph (ms)",
        "kg / raw",
        "rdflib in-memory (ms)",
        title=f"kg core, medians of {args.runs}+ runs",
    )
    for name, kg_t, raw_t, rdflib_t in rows:
        table.add_row(
            name,
            f"{kg_t * 1000:.1f}",
            f"{raw_t * 1000:.1f}",
            f"{kg_t / raw_t:.2f}x",
            f"{rdflib_t * 1000:.1f}" if rdflib_t else "—",
        )
    Console().print(table)
    print(
        "raw pyoxigraph baselines: the same files loaded into a new store on disk; a bare "
        "process that opens the store read-only and runs one label query; the same SPARQL "
        "text, rows read into tuples (kg: checked, run and read into a QueryResult)."
    )


if __name__ == "__main__":
    main()
