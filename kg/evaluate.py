"""Measuring the extractor: precision, recall and F1 against hand-written gold facts.

A gold file is a TSV with the article's base name and the header
``subject  predicate  object  date  value  evidence``. A candidate matches a gold fact when
subject, predicate and object agree after case folding and alias resolution (the graph's labels
and aliases, and the names the article itself gives one entity, such as "Advanced Micro Devices
(AMD)"; legal suffixes dropped); for ``laid_off`` and ``spends`` the object is the number.
Dates, values and evidence are not scored.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.extract.gazetteer import Gazetteer, strip_legal_suffix
from kg.extract.rules import PREDICATES, VALUE_PREDICATES
from kg.extract.values import find_amounts
from kg.model import search_key

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
GOLD_COLUMNS = ["subject", "predicate", "object", "date", "value", "evidence"]

Fact = tuple[str, str, str]
SYMMETRIC = {"partnered_with", "competes_with"}  # symmetric properties in the ontology


@dataclass
class ArticleScore:
    """The score of one article."""

    name: str
    lang: str
    gold: int
    predicted: int
    correct: int
    missed: list[Fact] = field(default_factory=list)
    extra: list[Fact] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores per article and micro-averaged over all of them."""

    articles: list[ArticleScore]

    @property
    def total(self) -> ArticleScore:
        return ArticleScore(
            "micro-average",
            "",
            sum(a.gold for a in self.articles),
            sum(a.predicted for a in self.articles),
            sum(a.correct for a in self.articles),
        )

    def to_dict(self) -> dict:
        def row(a: ArticleScore) -> dict:
            return {
                "article": a.name,
                "lang": a.lang,
                "gold": a.gold,
                "predicted": a.predicted,
                "correct": a.correct,
                "precision": round(a.precision, 3),
                "recall": round(a.recall, 3),
                "f1": round(a.f1, 3),
                "missed": [list(f) for f in a.missed],
                "extra": [list(f) for f in a.extra],
            }

        total = row(self.total)
        for key in ("missed", "extra", "lang"):
            total.pop(key)
        return {"articles": [row(a) for a in self.articles], "micro": total}


def read_gold(path: Path) -> list[dict[str, str]]:
    """The gold facts of one TSV file; a bad predicate or a missing column is an error."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    rows = list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or [c.strip().lower() for c in rows[0][:3]] != GOLD_COLUMNS[:3]:
        raise InputError(f"{path}: the first line must be the header {chr(9).join(GOLD_COLUMNS)}")
    facts = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 3:
            raise InputError(f"{path}:{n}: a fact needs subject, predicate and object")
        row = row + [""] * (len(GOLD_COLUMNS) - len(row))
        fact = dict(zip(GOLD_COLUMNS, (c.strip() for c in row)))
        if fact["predicate"] not in PREDICATES:
            raise InputError(
                f"{path}:{n}: unknown predicate {fact['predicate']!r} "
                f"(one of: {', '.join(PREDICATES)})"
            )
        facts.append(fact)
    return facts


def canonical_name(name: str, gazetteer: Gazetteer, names: dict[str, str] | None = None) -> str:
    """The IRI the graph gives a name (label or alias), else its folded form; ``names`` maps
    the names an article uses for one entity to one of them (its own aliases)."""
    name = (names or {}).get(search_key(name), name)
    for candidate in (name, strip_legal_suffix(name)):
        entry = gazetteer.get(search_key(candidate))
        if entry:
            return entry.iri
    return search_key(strip_legal_suffix(name))


def canonical_value(text: str) -> str:
    """``1 500`` / ``1,500`` / ``72 milliards`` -> ``1500`` / ``72000000000``; ranges kept."""
    text = text.strip()
    if "-" in text and all(part.strip().isdigit() for part in text.split("-")):
        return "-".join(str(int(p)) for p in text.split("-"))
    amounts = find_amounts(text)
    return amounts[0].text_value() if amounts else search_key(text)


def canonical(
    fact: tuple[str, str, str], gazetteer: Gazetteer, names: dict[str, str] | None = None
) -> Fact:
    subject, predicate, obj = fact
    if predicate in VALUE_PREDICATES:
        return (canonical_name(subject, gazetteer, names), predicate, canonical_value(obj))
    a, b = canonical_name(subject, gazetteer, names), canonical_name(obj, gazetteer, names)
    if predicate in SYMMETRIC and b < a:
        a, b = b, a  # "A partnered_with B" is "B partnered_with A"
    return (a, predicate, b)


def score(
    gold: list[tuple[str, str, str]],
    predicted: list[tuple[str, str, str]],
    gazetteer: Gazetteer,
    name: str = "",
    lang: str = "",
    names: dict[str, str] | None = None,
) -> ArticleScore:
    """Compare two lists of facts; each gold fact matches at most one prediction. ``names``:
    the article's own aliases (``kg.extract.extract``), applied to both sides."""
    gold_keys = {canonical(f, gazetteer, names): f for f in gold}
    pred_keys = {canonical(f, gazetteer, names): f for f in predicted}
    hits = set(gold_keys) & set(pred_keys)
    return ArticleScore(
        name,
        lang,
        len(gold_keys),
        len(pred_keys),
        len(hits),
        missed=[gold_keys[k] for k in gold_keys if k not in hits],
        extra=[pred_keys[k] for k in pred_keys if k not in hits],
    )


def pairs(gold_dir: Path, articles_dir: Path) -> list[tuple[Path, Path]]:
    """(gold file, article file) pairs by base name; an article without gold is left out."""
    for folder in (gold_dir, articles_dir):
        if not folder.is_dir():
            raise InputError(f"{folder}: no such folder")
    found = []
    for gold in sorted(gold_dir.glob("*.tsv")):
        article = next(
            (
                articles_dir / (gold.stem + s)
                for s in ARTICLE_SUFFIXES
                if (articles_dir / (gold.stem + s)).is_file()
            ),
            None,
        )
        if article is None:
            raise InputError(
                f"{gold}: no article {gold.stem}.txt (or .md, .html) in {articles_dir}"
            )
        found.append((gold, article))
    if not found:
        raise InputError(f"{gold_dir}: no gold files (*.tsv)")
    return found


def evaluate(
    gold_dir: Path,
    articles_dir: Path,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = 0.0,
    progress=None,
) -> Report:
    """Run the extractor on every article that has a gold file and score the candidates with
    at least ``min_confidence`` (those `kg ingest` accepts)."""
    from kg.extract import extract, read_article

    gazetteer = gazetteer or Gazetteer()
    scores = []
    for gold_path, article_path in pairs(Path(gold_dir), Path(articles_dir)):
        if progress:
            progress(article_path)
        gold = [(f["subject"], f["predicate"], f["object"]) for f in read_gold(gold_path)]
        article = read_article(article_path)
        names: dict[str, str] = {}
        predicted = [
            (c.subject, c.predicate, c.object)
            for c in extract(article, gazetteer, names)
            if c.confidence >= min_confidence
        ]
        lang = article.lang or ""
        scores.append(score(gold, predicted, gazetteer, article_path.stem, lang, names))
    return Report(scores)
