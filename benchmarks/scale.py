"""Scale benchmark: kg build beside raw pyoxigraph and rdflib, at 10k to 10M triples.

    python3 benchmarks/scale.py --data ../shared/data [--sizes 10k,100k,1M] [--with-10m]

The triples are the real imports (Crunchbase 2013, SEC tickers, Wikipedia lists on top of
the seed graph, about 1.9 million), cut to size or scaled up synthetically with the same
shape (every IRI of a copy gets a suffix, so copies are new entities with the same facts).
For each size, each contender runs in a child process so that peak memory
(resource.getrusage) is its own:

- raw:    pyoxigraph ``Store.bulk_load`` of the N-Quads file;
- kg:     ``kg build`` of the same file (load, derive direct triples, search index);
- rdflib: ``rdflib.Dataset.parse`` in memory (up to 1M triples only);
- then, on the kg store: the saved queries (queries/*.rq) and a cold ``kg lookup Meta``
  in a new process (median of 3; time and peak memory).

10M triples take more than ten minutes on a small shared machine; they run only with
--with-10m.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
CHILD = r"""
import json, resource, sys, time
kind, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
t = time.perf_counter()
if kind == "raw":
    import pyoxigraph as ox
    store = ox.Store(out)
    store.bulk_load(path=src, format=ox.RdfFormat.N_QUADS)
    store.flush()
    n = len(store)
elif kind == "rdflib":
    import rdflib
    g = rdflib.Dataset()
    g.parse(src, format="nquads")
    n = len(g)
elif kind == "query":
    from kg.graph import KnowledgeGraph
    n = len(KnowledgeGraph.open(out).query(src))
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"seconds": seconds, "count": n, "peak_mb": peak}))
"""


def run_child(*args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if result.returncode:
        raise SystemExit(f"child {args[0]} failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed_process(command: list[str]) -> dict:
    """Run a command in a fresh wrapper process: its wall time and its own peak memory."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "t = time.perf_counter() - t\n"
        "sys.stderr.write(r.stderr)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "print(t, peak, r.returncode)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, env=env, cwd=ROOT
    )
    seconds, peak, code = result.stdout.split()
    if int(code):
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr[-2000:]}")
    return {"seconds": float(seconds), "peak_mb": int(peak)}


def saved_queries(store: Path, timeout: float) -> dict[str, float | None]:
    """Seconds per saved query (each in its own process), None past ``timeout``."""
    sys.path.insert(0, str(ROOT))
    from kg.query import saved_queries as saved

    out: dict[str, float | None] = {}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for name in saved():
        try:
            result = subprocess.run(
                [sys.executable, "-c", CHILD, "query", name, str(store)],
                capture_output=True,
                text=True,
                env=env,
                cwd=ROOT,
                timeout=timeout,
            )
            out[name] = json.loads(result.stdout.splitlines()[-1])["seconds"]
        except subprocess.TimeoutExpired:
            out[name] = None
    return out


def du(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def real_quads(data: Path, work: Path) -> Path:
    """The seed graph plus the three imports, exported as N-Quads (index left out)."""
    out = work / "real.nq"
    if out.exists():
        return out
    store = work / "real-store"
    kg = [sys.executable, "-m", "kg.cli", "--store", str(store)]
    timed_process([*kg, "build", "-q"])
    for name, path in (
        ("crunchbase", data / "crunchbase-2013"),
        ("sec", data / "sec-company-tickers"),
        ("wikipedia-acquisitions", data / "wikipedia-acquisitions" / "acquisitions.tsv"),
    ):
        r = timed_process([*kg, "import", name, str(path), "-q"])
        print(f"  import {name}: {r['seconds']:.1f} s, peak {r['peak_mb']} MB", flush=True)
    timed_process([*kg, "export", "--format", "nq", "-o", str(out)])
    return out


def sized(real: Path, n: int, work: Path) -> Path:
    """An N-Quads file of about ``n`` quads: a cut of the real file, or copies of it.

    Streamed, so that this process stays small (children inherit its peak memory).
    """
    out = work / f"{n}.nq"

    def is_ontology(line: bytes) -> bool:
        return b"/ontology" in line.split(b" ", 1)[0]

    with out.open("wb") as dst:
        written = 0
        with real.open("rb") as src:
            for line in src:
                if is_ontology(line):
                    dst.write(line)
                    written += 1
        copy = 0
        while written < n:
            suffix = f"-x{copy}".encode() if copy else b""
            with real.open("rb") as src:
                for line in src:
                    if written >= n:
                        break
                    if not is_ontology(line):
                        dst.write(_suffixed(line, suffix) if suffix else line)
                        written += 1
            copy += 1
    return out


def _suffixed(line: bytes, suffix: bytes) -> bytes:
    """Give every id:, stmt: and src: IRI of a line a suffix (a synthetic copy)."""
    out = line
    for ns in (b"/tech-kg/id/", b"/tech-kg/statement/", b"/tech-kg/source/"):
        parts = out.split(ns)
        if len(parts) > 1:
            out = parts[0] + b"".join(ns + p.replace(b">", suffix + b">", 1) for p in parts[1:])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--with-10m", action="store_true", help="Add the 10M step (slow).")
    parser.add_argument("--rdflib-max", type=int, default=1_000_000)
    parser.add_argument("--query-timeout", type=float, default=60, help="Seconds per query.")
    parser.add_argument("--work", type=Path, help="Keep files here (default: a temp folder).")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",")] + (["10M"] if args.with_10m else [])
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"real imports into {work}", flush=True)
    real = real_quads(args.data, work)
    rows = []
    for label in sizes:
        n = SIZES[label]
        nq = sized(real, n, work)
        raw_dir, kg_dir = work / f"raw-{label}", work / f"kg-{label}"
        for d in (raw_dir, kg_dir):
            shutil.rmtree(d, ignore_errors=True)
        raw = run_child("raw", str(nq), str(raw_dir))
        triples_dir = work / f"triples-{label}"
        shutil.rmtree(triples_dir, ignore_errors=True)
        triples_dir.mkdir()
        os.link(nq, triples_dir / "data.nq")
        build = timed_process(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "--store",
                str(kg_dir),
                "build",
                "-q",
                "--triples",
                str(triples_dir),
            ]
        )
        rdf = run_child("rdflib", str(nq), "-") if n <= args.rdflib_max else None
        queries = saved_queries(kg_dir, args.query_timeout)
        lookups = [
            timed_process(
                [sys.executable, "-m", "kg.cli", "--store", str(kg_dir), "lookup", "Meta"]
            )
            for _ in range(3)
        ]
        lookup = {
            "seconds": statistics.median(r["seconds"] for r in lookups),
            "peak_mb": max(r["peak_mb"] for r in lookups),
        }
        row = {
            "size": label,
            "quads": raw["count"],
            "raw_s": raw["seconds"],
            "raw_rate": raw["count"] / raw["seconds"],
            "raw_mb": raw["peak_mb"],
            "kg_s": build["seconds"],
            "kg_rate": raw["count"] / build["seconds"],
            "kg_mb": build["peak_mb"],
            "kg_vs_raw": raw["seconds"] / build["seconds"],
            "store_mb": du(kg_dir),
            "rdflib_s": rdf["seconds"] if rdf else None,
            "rdflib_mb": rdf["peak_mb"] if rdf else None,
            "queries_s": sum(q for q in queries.values() if q is not None),
            "queries": queries,
            "lookup_s": lookup["seconds"],
            "lookup_mb": lookup["peak_mb"],
            "timeout": args.query_timeout,
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
        shutil.rmtree(raw_dir, ignore_errors=True)
    print_table(rows)


def print_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="kg at scale (one run, this machine)")
    for head in (
        "size",
        "quads",
        "raw pyoxigraph",
        "kg build",
        "kg/raw",
        "store",
        "rdflib",
        "saved queries",
        "cold lookup",
    ):
        table.add_column(head, justify="right")
    for r in rows:
        rdf = f"{r['rdflib_s']:.1f} s, {r['rdflib_mb']} MB" if r["rdflib_s"] else "skipped"
        table.add_row(
            r["size"],
            f"{r['quads']:,}",
            f"{r['raw_s']:.1f} s ({r['raw_rate']:,.0f}/s), {r['raw_mb']} MB",
            f"{r['kg_s']:.1f} s ({r['kg_rate']:,.0f}/s), {r['kg_mb']} MB",
            f"{r['kg_vs_raw']:.0%}",
            f"{r['store_mb']:.0f} MB",
            rdf,
            f"{r['queries_s']:.2f} s"
            + "".join(f", {k} >{r['timeout']} s" for k, v in r["queries"].items() if v is None),
            f"{r['lookup_s']:.2f} s, {r['lookup_mb']} MB",
        )
    Console(width=200).print(table)


if __name__ == "__main__":
    main()
