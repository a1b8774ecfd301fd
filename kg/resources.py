"""Where kg finds its files: the project folders and its own SPARQL."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
TRIPLES_DIR = PROJECT_ROOT / "triples"
QUERIES_DIR = PROJECT_ROOT / "queries"


@cache
def sparql(name: str) -> str:
    """The text of one of kg's own queries or updates (``kg/sparql/NAME``)."""
    return (PACKAGE_DIR / "sparql" / name).read_text(encoding="utf-8")
