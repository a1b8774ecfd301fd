"""Load test: `kg serve` beside `oxigraph serve` on the same data, in the same run.

N client threads run for T seconds against each server in turn (loopback only; both bounded):

- ``saved``: the saved queries of queries/*.rq, as SPARQL protocol POSTs (JSON results),
  one keep-alive connection per client;
- ``lookup``: what ``kg --endpoint URL lookup NAME`` does (resolve the name, draw up the card:
  several SPARQL requests through kg.remote.RemoteStore);
- ``search + entity page`` (kg serve only): ``/search?q=NAME`` and the entity page it
  redirects to, both rendered by kg serve itself.

It prints p50 / p99 latency, requests per second and errors per server and workload.

    python benchmarks/serve.py                   # builds the project's graph in a temp folder
    python benchmarks/serve.py --clients 4 --seconds 5 --store ~/.local/share/kg/store
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from servers import build_small_store, kg_serve, oxigraph_serve  # noqa: E402

from kg.build import build  # noqa: E402
from kg.errors import KgError  # noqa: E402
from kg.lookup import card, resolve  # noqa: E402
from kg.query import saved_queries  # noqa: E402
from kg.remote import RemoteStore, push  # noqa: E402
from kg.store import LocalStore  # noqa: E402

NAMES = ["Butterfly", "Meta", "Manus", "Mark Zuckerberg", "meta platforms"]
MAX_CLIENTS, MAX_SECONDS = 16, 30


def run_load(work, clients: int, seconds: float) -> dict:
    """Run ``work(client, i)`` in ``clients`` threads for ``seconds``; collect latencies."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        state: dict = {}
        mine, failed, i = [], 0, 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                ok = work(state, number, i)
            except Exception:  # noqa: BLE001 - counted as an error
                ok = False
                state.clear()
            if ok:
                mine.append(time.perf_counter() - started)
            else:
                failed += 1
            i += 1
        conn = state.get("conn")
        if conn:
            conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0

    return {
        "requests": len(ordered),
        "rps": len(ordered) / elapsed,
        "p50": statistics.median(ordered) * 1000 if ordered else 0.0,
        "p99": pct(0.99),
        "errors": errors[0],
    }


def saved_work(endpoint: str, texts: list[str]):
    parts = urllib.parse.urlsplit(endpoint)

    def work(state: dict, client: int, i: int) -> bool:
        conn = state.get("conn")
        if conn is None:
            conn = state["conn"] = http.client.HTTPConnection(
                parts.hostname, parts.port, timeout=30
            )
        body = urllib.parse.urlencode({"query": texts[(client + i) % len(texts)]})
        conn.request(
            "POST",
            parts.path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status == 200

    return work


def page_work(base: str):
    """GET /search?q=NAME on kg serve, following its redirect to the entity page."""
    parts = urllib.parse.urlsplit(base)

    def work(state: dict, client: int, i: int) -> bool:
        conn = state.get("conn")
        if conn is None:
            conn = state["conn"] = http.client.HTTPConnection(
                parts.hostname, parts.port, timeout=30
            )
        name = urllib.parse.quote(NAMES[(client + i) % len(NAMES)])
        conn.request("GET", f"/search?q={name}")
        response = conn.getresponse()
        response.read()
        if response.status != 303:
            return False
        conn.request("GET", response.headers["Location"])
        response = conn.getresponse()
        response.read()
        return response.status == 200

    return work


def lookup_work(endpoint: str):
    store = RemoteStore(endpoint)

    def work(state: dict, client: int, i: int) -> bool:
        found = card(store, resolve(store, NAMES[(client + i) % len(NAMES)]))
        return bool(found.label)

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--store", type=Path, help="A built kg store (default: build one).")
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    args = parser.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(0.5, min(args.seconds, MAX_SECONDS))
    texts = [q.text for q in saved_queries().values()]
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        store, data = args.store, str(args.store)
        if store is None:
            store, data = Path(tmp) / "store", "the project's ontology/ and triples/"
            try:
                build(store)
            except KgError:  # no ontology/ or triples/ here: the tests' small graph will do
                store = build_small_store(Path(tmp) / "small")
                data = "the tests' small graph (no ontology/ or triples/ here)"
        local = LocalStore.open(store)
        triples = len(local)
        with (
            kg_serve(store, "--workers", str(args.workers), "--max-rows", "100000") as kg_url,
            oxigraph_serve(Path(tmp) / "oxigraph") as ox_url,
        ):
            push(local, ox_url + "/store")
            del local
            servers = [("kg serve", kg_url + "/sparql"), ("oxigraph serve", ox_url + "/query")]
            results = []
            for name, endpoint in servers:
                for workload, work in (
                    ("saved queries", saved_work(endpoint, texts)),
                    ("lookups", lookup_work(endpoint)),
                ):
                    row = run_load(work, clients, seconds)
                    results.append((name, workload, row))
            row = run_load(page_work(kg_url), clients, seconds)
            results.append(("kg serve", "search + entity page", row))
    print(f"\ndata: {data}, {triples} triples")
    print(
        f"{clients} clients x {seconds:g} s per row, loopback, {len(texts)} saved queries,"
        f" {len(NAMES)} lookup names (a lookup is several SPARQL requests)\n"
    )
    print("| server | workload | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, workload, r in results:
        print(
            f"| {name} | {workload} | {r['requests']} | {r['rps']:.1f} | {r['p50']:.1f}"
            f" | {r['p99']:.1f} | {r['errors']} |"
        )
    by = {(n, w): r for n, w, r in results}
    for workload in ("saved queries", "lookups"):
        kg_rps = by[("kg serve", workload)]["rps"]
        ox_rps = by[("oxigraph serve", workload)]["rps"] or 1
        print(f"\n{workload}: kg serve does {kg_rps / ox_rps:.2f}x oxigraph serve's throughput")


if __name__ == "__main__":
    main()
