"""Running SPARQL: saved queries with safely bound parameters, guards, result formats."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.resources import QUERIES_DIR
from kg.store import Backend, Term
from kg.terms import display, to_python

TABLE_FORMATS = ("table", "json", "csv", "tsv")
GRAPH_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
UPDATE_WORDS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)
QUERY_WORDS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
_NETWORK = re.compile(r"(?<![\w:?$])(SERVICE|LOAD)(?![\w:])", re.IGNORECASE)


# --- what a query is --------------------------------------------------------------------


@lru_cache(maxsize=256)
def _code_only(sparql: str) -> str:
    """The query text with strings, IRIs and comments blanked out."""
    return _TOKENS.sub(" ", sparql)


@lru_cache(maxsize=256)
def is_update(sparql: str) -> bool:
    """True for SPARQL Update (INSERT, DELETE, LOAD, ...), False for a query."""
    code = re.sub(r"(?i)\b(PREFIX\s+[\w.-]*:|BASE)\s*", " ", _code_only(sparql))
    words = re.findall(r"[A-Za-z]+", code)
    for word in words:
        if word.upper() in QUERY_WORDS:
            return False
        if word.upper() in UPDATE_WORDS:
            return True
    return False


def check_query(sparql: str, *, update: bool = False, allow_network: bool = False) -> None:
    """Refuse updates unless ``update``, and SERVICE or LOAD unless ``allow_network``."""
    if not sparql.strip():
        raise InputError("empty query: give SPARQL as an argument, with --file, or on stdin")
    found = _NETWORK.search(_code_only(sparql))
    if found and not allow_network:
        raise InputError(
            f"{found.group(1).upper()} at character {found.start() + 1} would fetch from the"
            " network: refused (pass --allow-network if you mean it)"
        )
    if is_update(sparql) and not update:
        raise InputError("this is a SPARQL UPDATE, which changes the store: pass --update")


# --- results ----------------------------------------------------------------------------


@dataclass
class QueryResult:
    """A finished query: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    @classmethod
    def from_raw(cls, raw: object) -> QueryResult:
        if isinstance(raw, ox.QueryBoolean):
            return cls("ask", boolean=bool(raw))
        if isinstance(raw, ox.QueryTriples):
            return cls("graph", triples=list(raw))
        names = [v.value for v in raw.variables]
        return cls("select", names, [tuple(s[n] for n in names) for s in raw])

    def records(self) -> list[dict[str, object]]:
        """The rows as dicts of Python values (IRIs as strings, numbers as numbers)."""
        return [{n: to_python(t) for n, t in zip(self.variables, row)} for row in self.rows]

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def serialize(self, fmt: str) -> str:
        """Write the result in a standard format: json, csv, tsv, ttl, nt or jsonld."""
        if self.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise InputError(
                    f"a graph result is written as {', '.join(GRAPH_FORMATS)}, not {fmt}"
                )
            return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt]).decode()
        writers = {"json": self._json, "csv": self._csv, "tsv": self._tsv}
        if fmt not in writers:
            raise InputError(f"a table result is written as {', '.join(TABLE_FORMATS)}, not {fmt}")
        return writers[fmt]()

    def _json(self) -> str:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [
            {n: _json_term(t) for n, t in zip(self.variables, row) if t is not None}
            for row in self.rows
        ]
        return json.dumps(
            {"head": {"vars": self.variables}, "results": {"bindings": bindings}},
            ensure_ascii=False,
        )

    def _csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if self.kind == "ask":
            writer.writerows([["_askResult"], [str(self.boolean).lower()]])
        else:
            writer.writerow(self.variables)
            for row in self.rows:
                writer.writerow([_csv_term(t) for t in row])
        return out.getvalue()

    def _tsv(self) -> str:
        if self.kind == "ask":
            return f"?_askResult\n{str(self.boolean).lower()}\n"
        lines = ["\t".join(f"?{n}" for n in self.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in self.rows]
        return "\n".join(lines) + "\n"

    def table_rows(self) -> list[list[str]]:
        """Short strings for a terminal table."""
        if self.kind == "ask":
            return [[str(self.boolean).lower()]]
        return [[display(t) for t in row] for row in self.rows]


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def run(
    backend: Backend,
    sparql: str,
    bindings: dict[str, Term] | None = None,
    *,
    update: bool = False,
    allow_network: bool = False,
) -> QueryResult | None:
    """Check and run a query (or, with ``update``, an update, which returns None)."""
    check_query(sparql, update=update, allow_network=allow_network)
    if update and is_update(sparql):
        backend.update(sparql)
        return None
    return QueryResult.from_raw(backend.query(sparql, bindings))


# --- saved queries ----------------------------------------------------------------------


@dataclass
class Param:
    """A parameter of a saved query: a variable bound to a user's value, never pasted in."""

    name: str
    kind: str  # "entity" (resolved by name), "string", "integer" or "date"
    required: bool
    help: str


@dataclass
class SavedQuery:
    """A ``queries/NAME.rq`` file with its header comments."""

    name: str
    path: Path
    title: str
    params: list[Param]
    text: str


@lru_cache(maxsize=8)
def saved_queries(folder: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query, by name (read once per process; callers must not change it)."""
    return {p.stem: read_saved_query(p) for p in sorted(folder.glob("*.rq"))}


def read_saved_query(path: Path) -> SavedQuery:
    """Read a saved query and its header lines ``# title: ...`` and
    ``# param: NAME KIND [required] help``."""
    text = path.read_text(encoding="utf-8")
    title, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        if key == "title":
            title = value.strip()
        elif key == "param":
            name, kind, *rest = value.split() + [""]
            required = rest[0] == "required"
            help_text = " ".join(rest[1:] if required else rest).strip()
            params.append(Param(name, kind, required, help_text))
    return SavedQuery(path.stem, path, title, params, text)


def bind_params(backend: Backend, query: SavedQuery, given: dict[str, str]) -> dict[str, Term]:
    """Turn ``--param name=value`` pairs into RDF terms for the query's variables."""
    from kg.lookup import resolve

    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise InputError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (it takes: {names})"
        )
    missing = [p.name for p in query.params if p.required and p.name not in given]
    if missing:
        raise InputError(f"query {query.name!r} needs --param {missing[0]}=VALUE")
    bindings: dict[str, Term] = {}
    for name, value in given.items():
        kind = declared[name].kind
        if kind == "entity":
            bindings[name] = resolve(backend, value)
        elif kind == "integer":
            if not re.fullmatch(r"-?\d+", value.strip()):
                raise InputError(f"--param {name} takes a whole number, not {value!r}")
            bindings[name] = ox.Literal(
                value.strip(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
            )
        else:
            bindings[name] = ox.Literal(value)
    return bindings


def parse_param_pairs(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["acquirer=Meta"]`` -> ``{"acquirer": "Meta"}``."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param takes NAME=VALUE, not {pair!r}")
        out[name.strip()] = value
    return out
