"""Shared pieces of the ingest tests: the model once per session, a store without seed facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.resources import ONTOLOGY_DIR, TRIPLES_DIR

DATA = Path(__file__).resolve().parent / "data" / "ingest"
SEED_FILES = {"seed-000.ttl", "seed-003.ttl"}


def entity_files() -> list[Path]:
    """The ontology and the entity files of triples/, without the seed articles' statements."""
    if not (TRIPLES_DIR / "entities.ttl").is_file():
        pytest.skip("triples/entities.ttl is not there yet")
    ontology = sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if not p.name.startswith("shapes"))
    triples = sorted(p for p in TRIPLES_DIR.glob("*.ttl") if p.name not in SEED_FILES)
    return ontology + triples


def build_entity_store(path: Path) -> Path:
    build(path, entity_files())
    return path
