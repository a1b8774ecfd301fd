"""What every importer shares: reading files row by row, writing facts, loading atomically.

An import never changes the store in place. It takes a snapshot of the store (hard links, so
it costs nothing), streams the new quads into the snapshot, indexes the new names, and swaps
the snapshot in, like ``kg build``. A bad row raises :class:`InputError` naming the file and
the row; the snapshot is thrown away and the store is as it was.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import shutil
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.model import (
    ALIAS_KEY,
    DCTERMS,
    ID,
    INDEX_GRAPH,
    KG,
    PREFIX_KEY,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEARCH_KEY,
    SKOS,
    SRC,
    STMT,
    WD,
    XSD,
    search_key,
    word_prefixes,
)
from kg.resolve import MergeLog, Resolver
from kg.store import LocalStore, default_store_path, replace_store

# (task, done, total): called as files are read; done/total in bytes of the file on disk.
Progress = Callable[[str, int, int], None]


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


A = _n(RDF + "type")
LABEL = _n(RDFS + "label")
ALT = _n(SKOS + "altLabel")
STATEMENT = _n(RDF + "Statement")
SUBJ, PRED, OBJ = _n(RDF + "subject"), _n(RDF + "predicate"), _n(RDF + "object")
DERIVED = _n(PROV + "wasDerivedFrom")
EVIDENCE = _n(KG + "evidence")
MODALITY, STATED = _n(KG + "modality"), _n(KG + "Stated")
POINT, START, END = _n(KG + "pointInTime"), _n(KG + "startTime"), _n(KG + "endTime")
AMOUNT, CURRENCY = _n(KG + "amount"), _n(KG + "currency")
WIKIDATA = _n(KG + "wikidata")
QUALIFIER = _n(KG + "qualifier")
INDEX = _n(INDEX_GRAPH)
LABEL_KEY, ALIAS_KEY_NODE, PREFIX_NODE = _n(SEARCH_KEY), _n(ALIAS_KEY), _n(PREFIX_KEY)


def kg(local: str) -> ox.NamedNode:
    return _n(KG + local)


# --- data sets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetInfo:
    """A data set as a source: what provenance names for every triple it gives."""

    name: str  # the local name under src:
    label: str  # short, shown beside every fact it supports ("Crunchbase 2013")
    title: str
    license: str
    license_note: str
    attribution: str
    published: str | None = None
    homepage: str | None = None

    @property
    def iri(self) -> ox.NamedNode:
        return _n(SRC + self.name)

    def quads(self, files: Iterable[str]) -> list[ox.Quad]:
        s = self.iri
        out = [
            ox.Quad(s, A, kg("Dataset")),
            ox.Quad(s, A, _n(PROV + "Entity")),
            ox.Quad(s, LABEL, ox.Literal(self.label, language="en")),
            ox.Quad(s, _n(DCTERMS + "title"), ox.Literal(self.title, language="en")),
            ox.Quad(s, _n(DCTERMS + "license"), _n(self.license)),
            ox.Quad(s, _n(DCTERMS + "rights"), ox.Literal(self.license_note, language="en")),
            ox.Quad(s, _n(DCTERMS + "bibliographicCitation"), ox.Literal(self.attribution)),
        ]
        if self.published:
            out.append(ox.Quad(s, _n(SCHEMA + "datePublished"), date_literal(self.published)))
        if self.homepage:
            out.append(ox.Quad(s, _n(SCHEMA + "url"), _n(self.homepage)))
        out += [ox.Quad(s, kg("dataFile"), ox.Literal(f)) for f in sorted(set(files))]
        return out


RULES = DatasetInfo(
    "kg-resolution-rules",
    "kg resolution rules",
    "kg entity-resolution rules (renames and parent companies, kg/resolve.py)",
    "https://opensource.org/licenses/MIT",
    "Public-record facts curated in kg's source code, MIT licence.",
    "kg",
)


# --- values --------------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_literal(text: str) -> ox.Literal:
    """An ISO date of any precision as xsd:date, xsd:gYearMonth or xsd:gYear."""
    kind = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(text)]
    return ox.Literal(text, datatype=_n(XSD + kind))


def parse_date(text: str, where: str) -> str | None:
    """ISO date text, or None when empty; anything else is an error naming ``where``."""
    text = text.strip()
    if not text:
        return None
    if not _DATE.match(text):
        raise InputError(f"{where}: {text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    return text


def parse_amount(text: str, where: str) -> Decimal | None:
    """An amount in units ("1750000", "400000000.0"), or None when empty."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InputError(f"{where}: {text!r} is not an amount") from None
    if not value.is_finite() or value < 0:
        raise InputError(f"{where}: {text!r} is not an amount")
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def decimal_literal(value: Decimal) -> ox.Literal:
    return ox.Literal(format(value, "f"), datatype=_n(XSD + "decimal"))


def slugify(text: str) -> str:
    """Letters and digits joined by dashes, for statement and entity names."""
    return re.sub(r"[^A-Za-z0-9]+", "-", search_key(text)).strip("-") or "x"


def money(value: Decimal, currency: str | None) -> str:
    return f"{currency or ''} {value:,.0f}".strip()


_MOJIBAKE = re.compile("Ã|Â|â€")


def repair_text(text: str) -> tuple[str, bool]:
    """Undo UTF-8 read as Windows-1252 ("agÃ¡mi" -> "agámi"); return (text, still broken).

    Text that cannot be repaired (a byte was lost: "BerkÃ_na") is kept as written and
    reported as broken.
    """
    if "\ufffd" in text:
        return text, True
    if not _MOJIBAKE.search(text):
        return text, False
    try:
        return text.encode("cp1252").decode("utf-8"), False
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text, True


# --- reading -------------------------------------------------------------------------------


class _Counting:
    """A binary file that reports how far it has been read."""

    def __init__(self, raw, report: Callable[[int], None] | None) -> None:
        self.raw, self.report, self.done = raw, report, 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.done += len(data)
        if self.report:
            self.report(self.done)
        return data

    def readable(self) -> bool:
        return True

    def readline(self) -> bytes:
        data = self.raw.readline()
        self.done += len(data)
        if self.report:
            self.report(self.done)
        return data

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> _Counting:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_binary(path: Path, progress: Progress | None = None, task: str = ""):
    """The bytes of ``path``, decompressed if it ends in .gz, with progress by bytes on disk."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    total = path.stat().st_size
    report = (lambda done: progress(task or path.name, done, total)) if progress else None
    raw = _Counting(path.open("rb"), report)
    if path.suffix == ".gz":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[arg-type]
    return raw


def _lines(path: Path, stream) -> Iterator[tuple[int, str]]:
    """(line number, text) of a file, decoded strictly as UTF-8, with clear errors."""
    number = 0
    try:
        while True:
            raw = stream.readline()
            if not raw:
                return
            number += 1
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path.name}: {_row(number)}: broken characters: byte "
                    f"0x{raw[exc.start]:02x} at column {exc.start + 1} is not UTF-8"
                ) from None
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(
            f"{path.name}: truncated or corrupt gzip after {_row(number)}: {exc}"
        ) from None


def _row(line: int) -> str:
    return "header row (line 1)" if line == 1 else f"row {line - 1} (line {line})"


@dataclass
class Row:
    """A data row: its number (1 = first row after the header) and its cells by column."""

    file: str
    number: int
    cells: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.file}: row {self.number} (line {self.number + 1})"

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


def read_table(
    path: Path,
    columns: Iterable[str],
    *,
    delimiter: str = ",",
    progress: Progress | None = None,
) -> Iterator[Row]:
    """Rows of a CSV or TSV file (gzip or not); the header must name every column needed."""
    needed = list(columns)
    with open_binary(path, progress) as stream:
        lines = _lines(path, stream)
        reader = csv.reader((text for _, text in lines), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(f"{path.name}: empty file (expected a header row)") from None
        header = [h.strip().lstrip("\ufeff") for h in header]
        missing = [c for c in needed if c not in header]
        if missing:
            raise InputError(
                f"{path.name}: header row (line 1): missing column(s) "
                f"{', '.join(repr(c) for c in missing)}; found {', '.join(header)}"
            )
        width = len(header)
        try:
            for number, cells in enumerate(reader, start=1):
                if not any(c.strip() for c in cells):
                    continue  # an empty row (the 2013 export ends with ~1,500 of them)
                if len(cells) != width:
                    raise InputError(
                        f"{path.name}: row {number} (line {reader.line_num}): "
                        f"{len(cells)} fields where the header has {width}"
                    )
                yield Row(path.name, number, dict(zip(header, cells)))
        except csv.Error as exc:
            raise InputError(f"{path.name}: line {reader.line_num}: {exc}") from None


def read_json(path: Path, progress: Progress | None = None) -> object:
    """A whole JSON document (gzip or not), with clear errors."""
    with open_binary(path, progress) as stream:
        try:
            data = stream.read()
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise InputError(f"{path.name}: truncated or corrupt gzip: {exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path.name}: line {line}: broken characters (not UTF-8)") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path.name}: line {exc.lineno} column {exc.colno}: {exc.msg}") from None


# --- writing -------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did."""

    dataset: str
    files: list[str]
    rows: int = 0
    triples: int = 0  # triples written (index left out)
    entities: int = 0  # entities minted by this import
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    log: MergeLog = field(default_factory=MergeLog)

    def summary(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in sorted(self.log.counts().items()))
        return (
            f"imported {self.dataset}: {self.rows} rows, {self.triples} triples, "
            f"{self.entities} new entities in {self.seconds:.1f} s"
            + (f"; resolution: {counts}" if counts else "")
            + (f"; {len(self.warnings)} warnings" if self.warnings else "")
        )


class Writer:
    """Collects the quads of one import: statements with their direct triples, entities."""

    def __init__(self, dataset: DatasetInfo, resolver: Resolver, report: ImportReport) -> None:
        self.dataset = dataset
        self.source = dataset.iri
        self.resolver = resolver
        self.report = report
        self.labelled: set[str] = set()
        self.index_keys: set[tuple[str, str, bool]] = set()
        self._stmt_ids: set[str] = set()

    # entities ------------------------------------------------------------------------
    def entity(
        self,
        iri: str,
        types: Iterable[str],
        label: str,
        *,
        source: ox.NamedNode | None = None,
        index: bool = True,
    ) -> Iterator[ox.Quad]:
        """A new entity: its types, its English and French label, where it comes from."""
        s = _n(iri)
        for t in types:
            yield ox.Quad(s, A, kg(t))
        if iri not in self.labelled:
            self.labelled.add(iri)
            yield ox.Quad(s, LABEL, ox.Literal(label, language="en"))
            yield ox.Quad(s, LABEL, ox.Literal(label, language="fr"))
            yield ox.Quad(s, DERIVED, source or self.source)
            if index:
                self.index(iri, label)
            self.report.entities += 1

    def index(self, iri: str, text: str, alias: bool = False) -> None:
        key = search_key(text)
        if key:
            self.index_keys.add((iri, key, alias))

    def index_quads(self) -> Iterator[ox.Quad]:
        """The search-index entries of the names this import added (kg/build.py's format)."""
        for iri, key, alias in self.index_keys:
            node = _n(iri)
            yield ox.Quad(node, ALIAS_KEY_NODE if alias else LABEL_KEY, ox.Literal(key), INDEX)
            for prefix in word_prefixes(key):
                yield ox.Quad(node, PREFIX_NODE, ox.Literal(prefix), INDEX)

    # facts ---------------------------------------------------------------------------
    def fact(
        self,
        subject: str | ox.NamedNode,
        predicate: str,
        obj: ox.NamedNode | ox.Literal | str,
        stmt_id: str,
        evidence: str,
        *,
        when: str | None = None,
        start: str | None = None,
        end: str | None = None,
        amount: Decimal | None = None,
        currency: str | None = None,
        qualifier: str | None = None,
        source: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """The direct triple and its statement node (source, evidence, time, amount)."""
        s = subject if isinstance(subject, ox.NamedNode) else _n(subject)
        p = kg(predicate) if ":" not in predicate else _n(predicate)
        o = _n(obj) if isinstance(obj, str) else obj
        sid = f"{STMT}{stmt_id}"
        n = 2
        while sid in self._stmt_ids:
            sid, n = f"{STMT}{stmt_id}-{n}", n + 1
        self._stmt_ids.add(sid)
        st = _n(sid)
        yield ox.Quad(s, p, o)
        yield ox.Quad(st, A, STATEMENT)
        yield ox.Quad(st, SUBJ, s)
        yield ox.Quad(st, PRED, p)
        yield ox.Quad(st, OBJ, o)
        yield ox.Quad(st, MODALITY, STATED)
        yield ox.Quad(st, DERIVED, source or self.source)
        yield ox.Quad(st, EVIDENCE, ox.Literal(evidence, language="en"))
        if when:
            yield ox.Quad(st, POINT, date_literal(when))
        if start:
            yield ox.Quad(st, START, date_literal(start))
        if end:
            yield ox.Quad(st, END, date_literal(end))
        if amount is not None:
            yield ox.Quad(st, AMOUNT, decimal_literal(amount))
            if currency:
                yield ox.Quad(st, CURRENCY, kg(currency))
        if qualifier:
            yield ox.Quad(st, QUALIFIER, ox.Literal(qualifier, language="en"))

    def alias(self, iri: str, name: str, stmt_id: str, evidence: str) -> Iterator[ox.Quad]:
        """An alias (skos:altLabel) as a fact with its source, indexed for lookups."""
        self.index(iri, name, alias=True)
        yield from self.fact(iri, SKOS + "altLabel", ox.Literal(name), stmt_id, evidence)

    def warn(self, message: str) -> None:
        self.report.warnings.append(message)


def rules_quads(writer: Writer, resolver: Resolver, needed: Iterable[str]) -> Iterator[ox.Quad]:
    """Known companies, dated former names and parents from kg/resolve.py, where missing.

    ``needed`` names the known companies (local names under id:) this import refers to.
    """
    from kg.resolve import FORMER_NAMES, KNOWN_COMPANIES, PARENTS

    needed = set(needed)
    src = RULES.iri
    wrote = False
    for known in KNOWN_COMPANIES:
        if known.entity not in needed:
            continue
        iri = resolver.by_wikidata.get(known.wikidata) or ID + known.entity
        if not resolver.is_known(iri):
            wrote = True
            yield from writer.entity(iri, ["Company"], known.label, source=src)
            yield ox.Quad(_n(iri), WIKIDATA, _n(WD + known.wikidata))
        resolver.register(iri, [known.label, known.legal_name])
        resolver.by_wikidata[known.wikidata] = iri
    for former in FORMER_NAMES:
        if former.entity not in needed:
            continue
        iri = _known_iri(resolver, former.entity)
        if company_key_present(resolver, iri, former.name):
            continue
        wrote = True
        resolver.register_former(iri, former.name, former.end)
        writer.index(iri, former.name, alias=True)
        writer.index(iri, _plain(former.name), alias=True)
        yield from writer.fact(
            iri,
            "formerName",
            ox.Literal(former.name),
            f"rules-{former.entity}-former-name-{slugify(former.name)}",
            former.evidence,
            start=former.start,
            end=former.end,
            source=src,
        )
    for child, parent, since, evidence in PARENTS:
        if child not in needed or parent not in needed:
            continue
        wrote = True
        yield from writer.fact(
            _known_iri(resolver, parent),
            "owns",
            _n(_known_iri(resolver, child)),
            f"rules-{parent}-owns-{child}",
            evidence,
            start=since,
            source=src,
        )
    if wrote:
        yield from RULES.quads(["kg/resolve.py"])


def _plain(name: str) -> str:
    from kg.resolve import company_key

    return company_key(name)


def _known_iri(resolver: Resolver, local: str) -> str:
    from kg.resolve import KNOWN_COMPANIES

    for known in KNOWN_COMPANIES:
        if known.entity == local:
            return resolver.by_wikidata.get(known.wikidata, ID + local)
    return ID + local


def company_key_present(resolver: Resolver, iri: str, name: str) -> bool:
    """True if the store already holds ``name`` as a dated former name of ``iri``."""
    return (iri, name) in resolver.stored_former


# --- loading -------------------------------------------------------------------------------


def load_atomically(
    target: Path | None,
    quads: Callable[[LocalStore | None], Iterable[ox.Quad]],
    index: Callable[[], Iterable[ox.Quad]],
) -> int:
    """Add ``quads(store)`` then ``index()`` to a snapshot of the store and swap it in.

    ``quads`` receives the current store to resolve names against. Returns how many triples
    were written (index left out; one already in the store counts again). On any error the
    store is unchanged.
    """
    target = Path(target) if target else default_store_path()
    if not (target / "CURRENT").exists():
        raise KgError(f"no store at {target}: run `kg build` first (or pass --store PATH)")
    work = target.with_name(f".{target.name}.importing-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    try:
        # A writable handle proves no other process writes the store; it must be closed
        # before the swap, or RocksDB would later tidy files in the path it was opened with.
        LocalStore.open(target, write=True).store.backup(str(work))
        reader = LocalStore.open(target)
        store = ox.Store(str(work))
        counted = _Count(quads(reader))
        store.bulk_extend(counted)
        store.bulk_extend(index())
        store.flush()
        del store, reader
        replace_store(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return counted.n


class _Count:
    """Passes quads through and counts them."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.quads, self.n = iter(quads), 0

    def __iter__(self) -> _Count:
        return self

    def __next__(self) -> ox.Quad:
        quad = next(self.quads)
        self.n += 1
        return quad


def timed(report: ImportReport, started: float) -> ImportReport:
    report.seconds = time.perf_counter() - started
    return report
