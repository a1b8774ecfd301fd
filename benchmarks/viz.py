"""How `kg viz` pages scale, beside plain pyvis defaults on the same synthetic graphs.

For 500, 5,000 and 20,000 entities (about 1.5 facts each, with labels, dates and sentences like
the real ones) it prints: HTML generation time, file size, and in Debian's headless chromium
with the network blocked, the time until the page is drawn and stable, and then how long a
redraw (a zoom) takes, i.e. whether the page is usable. pyvis is run with its defaults and
``cdn_resources="in_line"`` and waited for at most ``--wait`` seconds.

    python3 benchmarks/viz.py                 # all sizes, kg and pyvis
    python3 benchmarks/viz.py --sizes 500 5000 --wait 30 --skip-pyvis

Needs playwright (the `test` extra) and chromium (`.ci/run` installs it). Timings vary with
the machine and its load; nothing here is asserted anywhere.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg.viz import render  # noqa: E402

ID = "https://w3id.org/tech-kg/id/"
KG = "https://w3id.org/tech-kg/ontology#"
TYPES = ["Company", "Person", "AIModel", "App", "Team", "Lab", "Device", "Topic"]
RELATIONS = ["acquired", "developed", "leads", "partOf", "launched", "invested", "worksFor"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SENTENCE = (
    "Selon l'article, {a} a conclu un accord avec {b} en {year}, une étape présentée comme "
    "décisive pour la suite."
)


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A scale-free-ish graph: each new entity links to one or two earlier ones, hubs favoured."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    targets: list[int] = []
    for i in range(n):
        g.add_node(f"{ID}E{i}", label=f"Entity {i} {rng.choice('ABCDEFGH')}", type=TYPES[i % 8])
        if i:
            for _ in range(1 if rng.random() < 0.5 else 2):
                j = rng.choice(targets) if targets and rng.random() < 0.7 else rng.randrange(i)
                rel = rng.choice(RELATIONS)
                year = rng.randint(2015, 2026)
                g.add_edge(
                    f"{ID}E{i}",
                    f"{ID}E{j}",
                    key=KG + rel,
                    predicate=KG + rel,
                    relation=rel,
                    when=str(year),
                    evidence=SENTENCE.format(a=f"Entity {i}", b=f"Entity {j}", year=year),
                    file=f"article-{rng.randrange(1000):03}.txt",
                    published=f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                )
                targets += [i, j]
    return g


def pyvis_page(g: nx.MultiDiGraph, path: Path) -> None:
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    for node, d in g.nodes(data=True):
        net.add_node(node, label=d["label"], title=d["label"])
    for s, o, d in g.edges(data=True):
        net.add_edge(s, o, label=d["relation"], title=d["evidence"])
    net.write_html(str(path))


# counts the stabilisation events of pyvis's global `network`, however it is declared
PYVIS_HOOK = """
(() => {
  let value;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return value; },
    set(v) {
      value = v;
      v.once('stabilizationIterationsDone', () => { window.__done = performance.now(); });
      v.once('stabilized', () => { window.__stable = performance.now(); });
      v.once('afterDrawing', () => { window.__drawn = performance.now(); });
    },
  });
})();
"""

REDRAW = """() => new Promise(resolve => {
  const net = (window.kgViz && kgViz.network) || window.network;
  const t = performance.now();
  net.once('afterDrawing', () => resolve(performance.now() - t));
  net.moveTo({ scale: net.getScale() * 1.3 });
})"""


def measure(browser, path: Path, kind: str, wait: float) -> dict:
    """Open a page offline and time it: drawn, stable, and one redraw after that."""
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    if kind == "pyvis":
        page.add_init_script(PYVIS_HOOK)
    started = time.monotonic()
    out: dict = {"stable": None, "redraw": None, "blocked": 0}
    try:
        page.goto(path.as_uri(), timeout=wait * 1000, wait_until="load")
        ready = (
            "document.body.dataset.state === 'ready'"
            if kind == "kg"
            else "window.__done !== undefined || window.__stable !== undefined"
        )
        while time.monotonic() - started < wait:
            if page.evaluate(ready):
                out["stable"] = time.monotonic() - started
                break
            time.sleep(0.1)
        if out["stable"] is not None:
            out["redraw"] = page.evaluate(REDRAW) / 1000
    except Exception as exc:  # a page that does not even load within the bound
        out["error"] = type(exc).__name__
    out["blocked"] = len(blocked)
    page.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5_000, 20_000])
    parser.add_argument("--wait", type=float, default=60, help="Bound on each page, seconds.")
    parser.add_argument("--skip-pyvis", action="store_true")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    if not args.skip_pyvis:
        import pyvis.network  # noqa: F401  (imported once, outside the timings)

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for n in args.sizes:
            g = synthetic(n)
            kinds = ["kg"] + ([] if args.skip_pyvis else ["pyvis"])
            for kind in kinds:
                path = Path(tmp) / f"{kind}-{n}.html"
                t = time.perf_counter()
                if kind == "kg":
                    path.write_text(render(g, title=f"{n} entities"), encoding="utf-8")
                else:
                    pyvis_page(g, path)
                generated = time.perf_counter() - t
                result = measure(browser, path, kind, args.wait)
                rows.append((n, g.number_of_edges(), kind, generated, path.stat().st_size, result))
                print(_row(rows[-1], args.wait), flush=True)
        browser.close()
    print()
    print("| entities | facts | page | generation | size | drawn and stable | one redraw |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for row in rows:
        print(_row(row, args.wait))


def _row(row: tuple, wait: float) -> str:
    n, m, kind, generated, size, r = row
    stable = f"{r['stable']:.1f} s" if r["stable"] is not None else f"not within {wait:.0f} s"
    if r.get("error"):
        stable = f"did not load within {wait:.0f} s"
    redraw = f"{r['redraw'] * 1000:.0f} ms" if r["redraw"] is not None else "—"
    label = "kg viz" if kind == "kg" else "pyvis defaults"
    blocked = f" ({r['blocked']} fetches blocked)" if r["blocked"] else ""
    return (
        f"| {n:,} | {m:,} | {label}{blocked} | {generated:.2f} s | {size / 1e6:.1f} MB |"
        f" {stable} | {redraw} |"
    )


if __name__ == "__main__":
    main()
