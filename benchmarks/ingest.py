"""Throughput of `kg ingest`'s extraction, after the model is loaded: words/s and ms per article.

Run: python benchmarks/ingest.py [FOLDER] [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract import extract, read_article
from kg.extract.nlp import english, french

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "ingest"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    french(), english()
    load = time.perf_counter() - started
    paths = sorted(args.folder.rglob("*.txt"))
    articles = [read_article(p) for p in paths]
    rows = []
    for lang in ("fr", "en"):
        batch = [a for a in articles if a.lang == lang]
        words = sum(len(a.body.split()) for a in batch)
        extract(batch[0])  # warm-up
        t = time.perf_counter()
        for _ in range(args.repeat):
            for article in batch:
                extract(article)
        seconds = (time.perf_counter() - t) / args.repeat
        rows.append((lang, len(batch), words, words / seconds, 1000 * seconds / len(batch)))
    print(f"model load: {load:.1f} s (once per process)")
    print(f"{'lang':<5}{'articles':>9}{'words':>8}{'words/s':>10}{'ms/article':>12}")
    for lang, n, words, wps, ms in rows:
        print(f"{lang:<5}{n:>9}{words:>8}{wps:>10.0f}{ms:>12.1f}")
    total_words = sum(r[2] for r in rows)
    total_s = sum(r[2] / r[3] for r in rows)
    print(
        f"{'all':<5}{sum(r[1] for r in rows):>9}{total_words:>8}{total_words / total_s:>10.0f}"
        f"{1000 * total_s / sum(r[1] for r in rows):>12.1f}"
    )


if __name__ == "__main__":
    main()
