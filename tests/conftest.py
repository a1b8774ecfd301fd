"""Shared fixtures: a real store built from the project's own ontology and triples."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.build import build
from kg.cli import cli
from kg.graph import KnowledgeGraph
from kg.store import LocalStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from ontology/ and triples/, shared read-only by the tests."""
    path = tmp_path_factory.mktemp("seed") / "store"
    build(path)
    return path


@pytest.fixture
def fresh_store(tmp_path: Path) -> Path:
    """A store of the test's own, built like the seed store, that the test may change."""
    path = tmp_path / "store"
    build(path)
    return path


@pytest.fixture(scope="session")
def graph(seed_store: Path) -> KnowledgeGraph:
    """The Python API on the seed store."""
    return KnowledgeGraph(LocalStore.open(seed_store))


@pytest.fixture
def kg(seed_store: Path):
    """Run `kg ...` in-process against the seed store: ``kg("lookup", "Meta")``."""

    def run(*args: str, store: Path | None = None, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["--store", str(store or seed_store), *args], input=input)

    return run


def run_kg_process(
    *args: str, store: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed `kg` as a separate process, as a user would."""
    command = [sys.executable, "-m", "kg.cli"] + (["--store", str(store)] if store else [])
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # no calls home: this machine has no network
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (.ci/run installs it; never downloaded)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
