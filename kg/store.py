"""The store: an embedded pyoxigraph database on disk, behind a small backend interface.

Every command reaches RDF through :class:`Backend`, so the same code can later run against a
remote SPARQL 1.1 server. :class:`LocalStore` is the embedded implementation.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.model import INDEX_GRAPH, PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

RDF_SUFFIXES = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


BULK_LOAD_BYTES = 32 * 1024 * 1024


def default_store_path() -> Path:
    """``$KG_STORE``, else the per-user data folder (``~/.local/share/kg/store``)."""
    if os.environ.get("KG_STORE"):
        return Path(os.environ["KG_STORE"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "kg" / "store"


class Backend(Protocol):
    """What the commands need from a store: SPARQL in, pyoxigraph results out."""

    def query(self, sparql: str, bindings: dict[str, Term] | None = None) -> Result: ...

    def update(self, sparql: str) -> None: ...

    def quads(self) -> Iterator[ox.Quad]: ...

    def __len__(self) -> int: ...


class LocalStore:
    """The embedded store: a pyoxigraph database in a folder."""

    def __init__(self, store: ox.Store, path: Path | None) -> None:
        self.store = store
        self.path = path

    @classmethod
    def open(cls, path: Path | str | None = None, *, write: bool = False) -> LocalStore:
        """Open the store at ``path`` (default location if None); read-only unless ``write``."""
        path = Path(path) if path else default_store_path()
        if not (path / "CURRENT").exists():
            raise KgError(f"no store at {path}: run `kg build` first (or pass --store PATH)")
        try:
            store = ox.Store(str(path)) if write else ox.Store.read_only(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise KgError(
                    f"the store at {path} is locked by another process (a running `kg serve`,"
                    " build or load?); stop it and try again"
                ) from None
            raise KgError(f"cannot open the store at {path}: {exc}") from None
        except RuntimeError:
            raise KgError(
                f"cannot read the store at {path} while another process writes it;"
                " try again when it is done"
            ) from None
        return cls(store, path)

    @classmethod
    def in_memory(cls) -> LocalStore:
        """A throw-away store, for tests and notebooks."""
        return cls(ox.Store(), None)

    def query(self, sparql: str, bindings: dict[str, Term] | None = None) -> Result:
        """Run a SPARQL query. The default graph is the store's default graph, as on a SPARQL
        server: named graphs (kg's search index, TriG a user loaded) are reached with GRAPH."""
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self.store.query(sparql, prefixes=PREFIXES, substitutions=subs)
        except SyntaxError as exc:
            raise InputError(sparql_error(exc)) from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""
        try:
            self.store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise InputError(sparql_error(exc)) from None
        except OSError as exc:
            raise KgError(f"the update failed and was not applied: {exc}") from None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad except kg's own search index."""
        index = ox.NamedNode(INDEX_GRAPH)
        return (q for q in self.store if q.graph_name != index)

    def __len__(self) -> int:
        """The number of quads, kg's search index left out."""
        index = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?s ?p ?o }} }}"
        return len(self.store) - int(next(iter(self.store.query(index)))["n"].value)

    def load_files(
        self,
        paths: Iterable[Path],
        progress: Callable[[Path], None] | None = None,
        *,
        check: bool = True,
        bulk_bytes: int = BULK_LOAD_BYTES,
    ) -> int | None:
        """Load RDF files; return how many triples or quads they hold (None without ``check``).

        With ``check`` (the default) every file is parsed first, so that a bad file means
        nothing is loaded. Without it each file is parsed once, as it loads: a bad file stops
        the load half way, with the same ``file:line:col: reason`` error; for a store being
        built in a new folder, which is thrown away on error.
        """
        paths = list(paths)
        total = sum(check_rdf_file(p) for p in paths) if check else None
        for path in paths:
            if progress:
                progress(path)
            fmt = rdf_format(path)
            if not path.is_file():
                raise InputError(f"{path}: no such file")
            try:
                if path.stat().st_size > bulk_bytes:  # streamed, never held in memory
                    self.store.bulk_load(path=str(path), format=fmt)
                else:  # one transaction, much faster for small files
                    self.store.load(path=str(path), format=fmt)
            except SyntaxError as exc:
                raise InputError(parse_error(path, exc)) from None
            except (OSError, ValueError) as exc:
                raise InputError(f"{path}: cannot read: {exc}") from None
        return total

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction."""
        self.store.extend(quads)

    def flush(self) -> None:
        self.store.flush()


def sparql_error(exc: SyntaxError, limit: int = 160) -> str:
    """pyoxigraph's parser message on one line: where, then what it expected (shortened)."""
    text = " ".join(str(exc).split())
    match = re.match(r"error at (\d+):(\d+): (.*)", text)
    if match:
        text = f"at line {match.group(1)}, column {match.group(2)}: {match.group(3)}"
    if len(text) > limit:
        text = text[:limit].rstrip() + " …"
    return f"SPARQL syntax error {text}"


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, from its extension."""
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_SUFFIXES))
        raise InputError(f"{path}: unknown RDF file type {path.suffix!r} (known: {known})")
    return fmt


def check_rdf_file(path: Path) -> int:
    """Parse a file without loading it (streamed); return its number of triples or quads."""
    fmt = rdf_format(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    count = 0
    try:
        for _ in ox.parse(path=str(path), format=fmt):
            count += 1
    except SyntaxError as exc:
        raise InputError(parse_error(path, exc)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    return count


def parse_error(path: Path, exc: SyntaxError) -> str:
    """pyoxigraph's parse error as one line: ``file:line:col: reason``."""
    return f"{path}:{_position(str(exc))} {_reason(str(exc))}"


def _position(message: str) -> str:
    match = re.search(r"line (\d+)(?: column (\d+)| between columns (\d+))?", message)
    if not match:
        return ""
    column = match.group(2) or match.group(3)
    return f"{match.group(1)}:{column}:" if column else f"{match.group(1)}:"


def _reason(message: str) -> str:
    reason = message.split(": ", 1)[1] if ": " in message else message
    return re.sub(r"\s*\([^()]*line \d+\)$", "", reason)


def replace_store(new: Path, target: Path) -> None:
    """Move a finished store into place, so readers see either the old or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
