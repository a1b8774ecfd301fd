"""From articles to the store: candidate facts, a review file, and an atomic apply.

``ingest_paths`` reads articles and extracts candidates; ``write_review`` saves them as JSONL or
TSV for a person to edit; ``apply_review`` turns the accepted ones into statement nodes with
their source, sentence, date, modality and confidence, and adds everything in one transaction.
A source is named by the hash of its text, so an article applied twice adds nothing new.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.extract.gazetteer import ORG, PERSON, PRODUCT, Gazetteer
from kg.extract.reader import Article
from kg.extract.rules import PREDICATES, VALUE_PREDICATES, Candidate
from kg.model import (
    DCTERMS,
    ID,
    INDEX_GRAPH,
    KG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEARCH_KEY,
    SRC,
    STMT,
    WD,
    XSD,
    search_key,
)

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
PROPERTY = {
    "acquired": "acquired",
    "founded": "founded",
    "ceo_of": "ceoOf",
    "leads": "leads",
    "works_for": "worksFor",
    "built": "built",
    "launched": "launched",
    "invested_in": "finances",
    "subsidiary_of": "subsidiaryOf",
    "part_of": "partOf",
    "laid_off": "layoffs",
    "spends": "capitalExpenditure",
    "competes_with": "competesWith",
    "partnered_with": "partneredWith",
}
MODALITIES = {"Stated", "InProgress", "Planned", "Forecast", "Envisaged"}
CURRENCIES = {"USD": ("Q4917", "US dollar"), "EUR": ("Q4916", "euro"), "GBP": ("Q25224", "pound")}
CLASS_OF_KIND = {PERSON: "Person", PRODUCT: "Product", ORG: "Company"}
REVIEW_FIELDS = [
    "accept",
    "article",
    "subject",
    "predicate",
    "object",
    "date",
    "value",
    "currency",
    "modality",
    "confidence",
    "evidence",
    "start",
    "end",
    "subject_iri",
    "object_iri",
    "subject_type",
    "object_type",
    "date_kind",
    "rule",
]


def article_id(article: Article) -> str:
    return f"article-{article.short_hash}"


def article_record(article: Article) -> dict:
    """What the review file keeps of an article, enough to write its source node."""
    return {
        "id": article_id(article),
        "file": article.name,
        "sha256": article.sha256,
        "title": article.title,
        "date": article.date,
        "lang": article.lang,
        "source": article.source,
        "url": article.url,
    }


def collect_paths(inputs: list[Path]) -> list[Path]:
    """Files as given, and the article files (.txt .md .html) of folders, sorted."""
    paths: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found = sorted(p for p in item.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                raise InputError(f"{item}: no article files (.txt, .md, .html) in this folder")
            paths.extend(found)
        elif item.is_file():
            paths.append(item)
        else:
            raise InputError(f"{item}: no such file or folder")
    return paths


@dataclass
class Ingested:
    """The articles read and the candidates found in them."""

    articles: list[Article]
    candidates: list[Candidate] = field(default_factory=list)

    def records(self, min_confidence: float = 0.5) -> list[dict]:
        by_hash = {a.short_hash: a for a in self.articles}
        out = []
        for c in self.candidates:
            row = asdict(c)
            row.pop("source")
            row["article"] = article_id(by_hash[c.source])
            row["accept"] = c.confidence >= min_confidence
            out.append({k: row.get(k) for k in REVIEW_FIELDS})
        return out


def ingest_articles(articles: list[Article], gazetteer: Gazetteer | None) -> Ingested:
    """Extract candidate facts from articles already read (the model loads on first use)."""
    from kg.extract import extract

    result = Ingested(articles)
    for article in articles:
        result.candidates.extend(extract(article, gazetteer))
    return result


# --- the review file -------------------------------------------------------------------------


def write_review(path: Path, result: Ingested, min_confidence: float = 0.5) -> None:
    """Write the candidates as JSONL (default) or TSV (``.tsv``), one fact a line."""
    articles = [article_record(a) for a in result.articles]
    rows = result.records(min_confidence)
    if path.suffix.lower() == ".tsv":
        buffer = io.StringIO()
        for record in articles:
            buffer.write("# article\t" + json.dumps(record, ensure_ascii=False) + "\n")
        writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
        writer.writerow(REVIEW_FIELDS)
        for row in rows:
            writer.writerow(["" if row[k] is None else _tsv_cell(row[k]) for k in REVIEW_FIELDS])
        text = buffer.getvalue()
    else:
        lines = [json.dumps({"article": r}, ensure_ascii=False) for r in articles]
        lines += [json.dumps(r, ensure_ascii=False) for r in rows]
        text = "\n".join(lines) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise KgError(f"cannot write the review file {path}: {exc.strerror}") from None


def _tsv_cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("\t", " ").replace("\n", " ")


def read_review(path: Path) -> tuple[dict[str, dict], list[tuple[int, dict]]]:
    """Articles and (line number, fact) pairs of a review file; bad lines are errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such review file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    articles: dict[str, dict] = {}
    facts: list[tuple[int, dict]] = []
    if path.suffix.lower() == ".tsv":
        header: list[str] | None = None
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            if line.startswith("# article\t"):
                record = _json(line.split("\t", 1)[1], path, n)
                articles[record.get("id", "")] = record
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            facts.append((n, dict(zip(header, cells))))
    else:
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            record = _json(line, path, n)
            if "article" in record and isinstance(record["article"], dict):
                articles[record["article"].get("id", "")] = record["article"]
            else:
                facts.append((n, record))
    if not articles:
        raise InputError(
            f"{path}: not a kg review file (no article lines; make one with kg ingest)"
        )
    return articles, facts


def _json(text: str, path: Path, n: int) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{n}: not valid JSON: {exc.msg}") from None
    if not isinstance(value, dict):
        raise InputError(f"{path}:{n}: expected a JSON object")
    return value


def _accepted(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("yes", "y", "true", "1", "x", "ok")


# --- applying ---------------------------------------------------------------------------------


@dataclass
class ApplyReport:
    """What an apply added, and what it left out."""

    facts: int = 0
    entities: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    rejected: int = 0
    quads: int = 0


def apply_review(
    store, articles: dict[str, dict], facts: list[tuple[int, dict]], where: str = "review"
) -> ApplyReport:
    """Add the accepted facts to ``store``: every quad is built first, then one transaction."""
    from kg.build import finish_load
    from kg.extract.gazetteer import from_store

    gazetteer = from_store(store)
    builder = _Builder(store, gazetteer)
    report = ApplyReport()
    for n, fact in facts:
        if not _accepted(fact.get("accept", True)):
            report.rejected += 1
            continue
        art = articles.get(str(fact.get("article", "")))
        if art is None:
            raise InputError(f"{where}:{n}: unknown article {fact.get('article')!r}")
        source = builder.source(art)
        if source is None:
            if art["id"] not in report.already:
                report.already.append(art["id"])
            continue
        builder.fact(fact, source, art, f"{where}:{n}")
        report.facts += 1
    report.entities = builder.new_labels
    report.sources = builder.new_sources
    report.quads = len(builder.quads)
    if builder.quads:
        store.add_quads(builder.quads)
        finish_load(store)
        store.flush()
    return report


def _date_literal(value: str, where: str) -> ox.Literal:
    value = value.strip()
    kinds = {4: "gYear", 7: "gYearMonth", 10: "date"}
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InputError(f"{where}: bad date {value!r} (write 2025, 2025-12 or 2025-12-31)")
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kinds[len(value)]))


def slug(text: str) -> str:
    """``Timothée Lacroix`` -> ``Timothee_Lacroix``: the local part of a new IRI."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"[^A-Za-z0-9.\-]+", "_", plain).strip("_.-")
    return plain or "entity"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


class _Builder:
    """Builds the quads of an apply without touching the store."""

    def __init__(self, store, gazetteer: Gazetteer):
        self.store = store
        self.gazetteer = gazetteer
        self.quads: list[ox.Quad] = []
        self.sources: dict[str, ox.NamedNode | None] = {}
        self.entities: dict[str, ox.NamedNode] = {}
        self.new_labels: list[str] = []
        self.new_sources: list[str] = []
        self.taken: set[str] = set()

    def add(self, s, p: str, o) -> None:
        self.quads.append(ox.Quad(s, _n(p), o))

    def exists(self, node: ox.NamedNode) -> bool:
        return bool(self.store.query("ASK { ?s ?p ?o }", {"s": node}))

    def source(self, art: dict) -> ox.NamedNode | None:
        """The source node of an article (None when the store already has it)."""
        key = art["id"]
        if key in self.sources:
            return self.sources[key]
        if not re.fullmatch(r"article-[0-9a-f]{16}", key):
            raise InputError(f"bad article id {key!r} in the review file")
        node = _n(SRC + key)
        if self.exists(node):
            self.sources[key] = None
            return None
        lang = art.get("lang") or "en"
        self.add(node, RDF + "type", _n(KG + "NewsArticle"))
        title = art.get("title") or art.get("file") or key
        self.add(node, RDFS + "label", ox.Literal(title, language=lang))
        if art.get("title"):
            self.add(node, SCHEMA + "headline", ox.Literal(art["title"], language=lang))
        if art.get("file"):
            self.add(node, KG + "fileName", ox.Literal(art["file"]))
        self.add(node, SCHEMA + "inLanguage", ox.Literal(lang))
        if art.get("sha256"):
            self.add(node, DCTERMS + "identifier", ox.Literal("sha256:" + art["sha256"]))
        if art.get("url"):
            self.add(node, SCHEMA + "url", ox.Literal(art["url"]))
        if art.get("date"):
            self.add(node, SCHEMA + "datePublished", _date_literal(art["date"], key))
        else:
            self.add(
                node, KG + "dateNote", ox.Literal("The article states no date.", language="en")
            )
        self.sources[key] = node
        self.new_sources.append(key)
        return node

    def entity(
        self, name: str, iri: str | None, kind: str | None, role_class: str | None, where: str
    ) -> ox.NamedNode:
        name = (name or "").strip()
        if not name:
            raise InputError(f"{where}: empty subject or object")
        if iri:
            try:
                node = _n(iri)
            except ValueError:
                raise InputError(f"{where}: bad IRI {iri!r}") from None
            if node in self.entities.values() or self.exists(node):
                return node
        key = search_key(name)
        if key in self.entities:
            return self.entities[key]
        entry = self.gazetteer.get(key)
        if entry:
            return _n(entry.iri)
        base = slug(name)
        local, n = base, 2
        while local in self.taken or self.exists(_n(ID + local)):
            local, n = f"{base}_{n}", n + 1
        self.taken.add(local)
        node = _n(ID + local)
        cls = role_class or CLASS_OF_KIND.get(kind or "", "Company")
        self.add(node, RDF + "type", _n(KG + cls))
        for lang in ("en", "fr"):
            self.add(node, RDFS + "label", ox.Literal(name, language=lang))
        self.quads.append(ox.Quad(node, _n(SEARCH_KEY), ox.Literal(key), _n(INDEX_GRAPH)))
        self.entities[key] = node
        self.new_labels.append(f"{name} (id:{local}, kg:{cls})")
        return node

    def fact(self, fact: dict, source: ox.NamedNode, art: dict, where: str) -> None:
        predicate = str(fact.get("predicate", "")).strip()
        if predicate not in PREDICATES:
            raise InputError(
                f"{where}: unknown predicate {predicate!r} (one of: {', '.join(PREDICATES)})"
            )
        if predicate not in PROPERTY:
            raise InputError(f"{where}: the ontology has no property for {predicate!r} yet")
        modality = str(fact.get("modality") or "Stated")
        if modality not in MODALITIES:
            raise InputError(f"{where}: unknown modality {modality!r}")
        try:
            confidence = float(fact.get("confidence") or 0.5)
        except ValueError:
            raise InputError(f"{where}: confidence must be a number") from None
        if not 0 <= confidence <= 1:
            raise InputError(f"{where}: confidence must be between 0 and 1")
        evidence = str(fact.get("evidence") or "").strip()
        if not evidence:
            raise InputError(f"{where}: a fact needs its evidence sentence")
        role_class = "OrganisationalUnit" if predicate == "part_of" else None
        subject = self.entity(
            str(fact.get("subject", "")),
            fact.get("subject_iri") or None,
            fact.get("subject_type") or None,
            role_class,
            where,
        )
        prop = _n(KG + PROPERTY[predicate])
        digest = hashlib.sha1(
            f"{subject.value}|{predicate}|{fact.get('object')}|{fact.get('date')}".encode()
        ).hexdigest()[:10]
        if predicate in VALUE_PREDICATES:
            obj = self.event(predicate, subject, fact, source, modality, digest, where)
        else:
            obj_kind = fact.get("object_type") or None
            if (
                predicate
                in (
                    "acquired",
                    "founded",
                    "ceo_of",
                    "leads",
                    "works_for",
                    "invested_in",
                    "subsidiary_of",
                    "part_of",
                )
                and obj_kind != PRODUCT
            ):
                obj_kind = ORG
            obj = self.entity(
                str(fact.get("object", "")), fact.get("object_iri") or None, obj_kind, None, where
            )
        st = _n(f"{STMT}{art['id'].removeprefix('article-')}-{digest}")
        lang = art.get("lang") or "en"
        self.add(st, RDF + "type", _n(RDF + "Statement"))
        self.add(st, RDF + "subject", subject)
        self.add(st, RDF + "predicate", prop)
        self.add(st, RDF + "object", obj)
        self.add(st, KG + "modality", _n(KG + modality))
        self.add(
            st, KG + "confidence", ox.Literal(f"{confidence:.2f}", datatype=_n(XSD + "decimal"))
        )
        self.add(st, PROV + "wasDerivedFrom", source)
        self.add(st, KG + "evidence", ox.Literal(evidence, language=lang))
        if fact.get("start") not in (None, "") and fact.get("end") not in (None, ""):
            note = f"characters {fact['start']}-{fact['end']} of {art.get('file') or art['id']}"
            if fact.get("rule"):
                note += f"; extracted by kg ingest (rule {fact['rule']})"
            self.add(st, RDFS + "comment", ox.Literal(note, language="en"))
        if fact.get("date"):
            prop_time = KG + ("endTime" if fact.get("date_kind") == "by" else "pointInTime")
            self.add(st, prop_time, _date_literal(str(fact["date"]), where))
        if fact.get("value") and predicate not in VALUE_PREDICATES:
            self._amount(st, str(fact["value"]), fact.get("currency"), modality, where)
        self.add(subject, prop.value, obj)  # the direct triple, in the same transaction

    def event(
        self,
        predicate: str,
        org: ox.NamedNode,
        fact: dict,
        source: ox.NamedNode,
        modality: str,
        digest: str,
        where: str,
    ) -> ox.NamedNode:
        layoff = predicate == "laid_off"
        name = "layoffs" if layoff else "spending"
        date = str(fact.get("date") or "")
        node = _n(f"{org.value}_{name}_{date or digest}")
        if self.exists(node) or any(q.subject == node for q in self.quads):
            node = _n(f"{org.value}_{name}_{date}_{digest}" if date else node.value + "_2")
        self.add(node, RDF + "type", _n(KG + ("Layoff" if layoff else "Spending")))
        label = f"{org.value.removeprefix(ID).replace('_', ' ')} {name}"
        label += f" ({date})" if date else ""
        self.add(node, RDFS + "label", ox.Literal(label, language="en"))
        value = str(fact.get("object") or fact.get("value") or "").strip()
        if layoff:
            if not value.isdigit():
                raise InputError(f"{where}: laid_off needs a whole number of jobs, not {value!r}")
            self.add(node, KG + "count", ox.Literal(value, datatype=_n(XSD + "integer")))
        else:
            self._amount(node, value, fact.get("currency"), modality, where, spending=True)
        if date:
            prop_time = KG + ("endTime" if fact.get("date_kind") == "by" else "pointInTime")
            self.add(node, prop_time, _date_literal(date, where))
        self.add(node, KG + "modality", _n(KG + modality))
        self.add(node, PROV + "wasDerivedFrom", source)
        return node

    def _amount(
        self,
        node,
        value: str,
        currency: str | None,
        modality: str,
        where: str,
        spending: bool = False,
    ) -> None:
        parts = value.split("-")
        if not all(re.fullmatch(r"\d+(\.\d+)?", p) for p in parts) or len(parts) > 2:
            raise InputError(f"{where}: bad amount {value!r} (write 72000000000 or 115-135)")
        dec = XSD + "decimal"
        if len(parts) == 2:
            self.add(node, KG + "minAmount", ox.Literal(parts[0], datatype=_n(dec)))
            self.add(node, KG + "maxAmount", ox.Literal(parts[1], datatype=_n(dec)))
        elif spending and modality == "Envisaged":
            self.add(node, KG + "maxAmount", ox.Literal(parts[0], datatype=_n(dec)))
        else:
            self.add(node, KG + "amount", ox.Literal(parts[0], datatype=_n(dec)))
        if currency in CURRENCIES:
            qid, label = CURRENCIES[currency]
            cur = _n(WD + qid)
            self.add(cur, RDF + "type", _n(KG + "Currency"))
            self.add(cur, RDFS + "label", ox.Literal(label, language="en"))
            self.add(node, KG + "currency", cur)
        elif spending:
            self.add(node, KG + "currency", _n(KG + "UnstatedCurrency"))


__all__ = [
    "ApplyReport",
    "Ingested",
    "apply_review",
    "collect_paths",
    "ingest_articles",
    "read_review",
    "write_review",
]
