"""Finding an entity by name and drawing up its card: labels, identifiers, facts, sources."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from kg.errors import InputError, NotFound
from kg.model import KG, WD, expand, search_key, shorten, word_prefixes
from kg.resources import sparql
from kg.store import Backend
from kg.terms import display

AUTO_MATCH = 0.85  # a fuzzy match this close, and clearly best, is taken without asking


def resolve(backend: Backend, name: str) -> ox.NamedNode:
    """The entity a user means by ``name``: an IRI, a Wikidata id, a label or an alias."""
    name = name.strip()
    key = search_key(name)
    if not key:
        raise InputError("empty name: give an entity name such as `Meta` or `al dahle`")
    direct = _direct(backend, name)
    if direct is not None:
        return direct
    found = _exact(backend, key) or _containing(backend, key) or _fuzzy(backend, name, key)
    return found


def _direct(backend: Backend, name: str) -> ox.NamedNode | None:
    iri = expand(name)
    if iri is None and re.fullmatch(r"[Qq]\d+", name):
        rows = list(
            backend.query(
                "SELECT ?e ?wd WHERE { ?e kg:wikidata ?wd }",
                {"wd": ox.NamedNode(WD + name.upper())},
            )
        )
        return rows[0]["e"] if rows else None
    if iri is None:
        return None
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return None
    return node if backend.query("ASK { ?e ?p ?o }", {"e": node}) else None


def _exact(backend: Backend, key: str) -> ox.NamedNode | None:
    rows = list(backend.query(sparql("resolve_exact.rq"), {"key": ox.Literal(key)}))
    if not rows:
        return None
    best = min(int(r["rank"].value) for r in rows)
    candidates = {r["entity"] for r in rows if int(r["rank"].value) == best}
    return max(candidates, key=lambda e: (_degree(backend, e), e.value))


def _degree(backend: Backend, entity: ox.NamedNode) -> int:
    row = next(iter(backend.query(sparql("degree.rq"), {"entity": entity})))
    return int(row["degree"].value)


def _containing(backend: Backend, key: str) -> ox.NamedNode | None:
    if len(key) < 3:
        return None
    bindings = {"needle": ox.Literal(key), "prefix": ox.Literal(key[:2])}
    rows = list(backend.query(sparql("resolve_contains.rq"), bindings))
    if not rows:
        return None

    def score(row: ox.QuerySolution) -> tuple[int, int, int]:
        whole_words = f" {key} " in f" {row['key'].value} "
        return (0 if whole_words else 1, len(row["key"].value), int(row["rank"].value))

    return min(rows, key=score)["entity"]


def _fuzzy(backend: Backend, name: str, key: str) -> ox.NamedNode:
    by_key: dict[str, ox.NamedNode] = {}
    for prefix in sorted(word_prefixes(key)):
        rows = backend.query(sparql("resolve_fuzzy.rq"), {"prefix": ox.Literal(prefix)})
        for row in rows:
            by_key.setdefault(row["key"].value, row["entity"])
    ratios = sorted(
        ((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in by_key), reverse=True
    )
    close = [(r, k) for r, k in ratios if r >= 0.6][:5]
    if close and close[0][0] >= AUTO_MATCH and (len(close) == 1 or close[1][0] < close[0][0]):
        return by_key[close[0][1]]
    suggestions = list(dict.fromkeys(label_of(backend, by_key[k]) for _, k in close))
    raise NotFound(name, suggestions)


def label_of(backend: Backend, entity: ox.NamedNode, lang: str = "en") -> str:
    """The entity's label in ``lang``, else any label, else its short IRI."""
    labels = {
        r["l"].language or "": r["l"].value
        for r in backend.query("SELECT ?e ?l WHERE { ?e rdfs:label ?l }", {"e": entity})
    }
    return _pick(labels, lang) or shorten(entity.value)


def _pick(labels: dict[str, str], lang: str) -> str | None:
    for choice in (lang, "en", "fr", ""):
        if choice in labels:
            return labels[choice]
    return next(iter(labels.values()), None)


def capitalise(text: str | None) -> str | None:
    """ "company" -> "Company" (class labels are written in lower case)."""
    return text[:1].upper() + text[1:] if text else text


@dataclass
class Citation:
    """One statement behind a fact: where it comes from and what it says."""

    source: str
    file: str | None = None
    published: str | None = None
    evidence: str | None = None
    reported_by: str | None = None
    name: str | None = None

    def one_line(self, width: int = 110) -> str:
        text = self.file or self.name or shorten(self.source)
        if self.published or self.file:
            text += f" ({self.published or 'undated'})"
        if self.reported_by:
            text += f", reported by {self.reported_by}"
        if self.evidence:
            quote = self.evidence if len(self.evidence) <= width else self.evidence[:width] + "…"
            text += f": « {quote} »"
        return text


@dataclass
class Fact:
    """A fact seen from one entity: a relation to another entity or to a value."""

    direction: str  # "out" or "in"
    predicate: str
    relation: str
    other: str
    other_label: str
    when: str | None = None
    start: str | None = None
    end: str | None = None
    modality: str | None = None
    modality_label: str | None = None
    qualifier: str | None = None
    citations: list[Citation] = field(default_factory=list)

    @property
    def time(self) -> str:
        if self.when:
            return self.when
        if self.start or self.end:
            return f"{self.start or '…'} – {self.end or '…'}"
        return ""


@dataclass
class Card:
    """Everything kg knows about one entity."""

    iri: str
    label: str
    labels: dict[str, str]
    types: list[str]
    aliases: list[str]
    wikidata: str | None
    description: str | None
    facts: list[Fact]
    former_names: list[str] = field(default_factory=list)  # "Facebook, Inc. (… – 2021-10-28)"
    see_also: list[str] = field(default_factory=list)  # other entities with the same name

    def to_dict(self) -> dict:
        return asdict(self)


def card(backend: Backend, entity: ox.NamedNode, lang: str = "en") -> Card:
    """Draw up the card of ``entity`` with labels in ``lang``."""
    labels: dict[str, str] = {}
    types: dict[str, dict[str, str]] = {}
    aliases, comments, wikidata = [], {}, None
    for row in backend.query(sparql("entity.rq"), {"entity": entity}):
        if row["label"]:
            labels[row["label"].language or ""] = row["label"].value
        elif row["alias"]:
            aliases.append(row["alias"].value)
        elif row["wikidata"]:
            wikidata = row["wikidata"].value.removeprefix(WD)
        elif row["comment"]:
            comments[row["comment"].language or ""] = row["comment"].value
        elif row["type"]:
            names = types.setdefault(row["type"].value, {})
            if row["typeLabel"]:
                names[row["typeLabel"].language or ""] = row["typeLabel"].value
    found = facts(backend, entity, lang)
    former = [f for f in found if f.predicate == KG + "formerName" and f.direction == "out"]
    type_names = sorted(
        capitalise(_pick(n, lang)) or shorten(t)
        for t, n in types.items()
        if t.startswith(KG) or not n
    ) or sorted(shorten(t) for t in types)
    return Card(
        iri=entity.value,
        label=_pick(labels, lang) or shorten(entity.value),
        labels=labels,
        types=type_names,
        aliases=sorted(set(aliases)),
        wikidata=wikidata,
        description=_pick(comments, lang),
        facts=found,
        former_names=[f"{f.other_label} ({f.time})" if f.time else f.other_label for f in former],
        see_also=see_also(backend, entity, lang),
    )


def see_also(backend: Backend, entity: ox.NamedNode, lang: str = "en") -> list[str]:
    """Other entities a name of ``entity`` also names: "Meta (company), formerly Facebook, Inc."

    This is how the app Facebook and the company once called Facebook, Inc. tell each other
    apart on their cards.
    """
    out: dict[str, str] = {}
    for row in backend.query(sparql("homonyms.rq"), {"entity": entity}):
        other = row["other"]
        if other.value in out:
            continue
        kind = f" ({row['typeLabel'].value})" if row["typeLabel"] else ""
        text = f"{label_of(backend, other, lang)}{kind}, {shorten(other.value)}"
        if row["former"]:
            until = f" until {row['end'].value}" if row["end"] else ""
            text += f": formerly {row['former'].value}{until}"
        out[other.value] = text
    return sorted(out.values())


def facts(backend: Backend, entity: ox.NamedNode, lang: str = "en") -> list[Fact]:
    """The facts out of and into ``entity``, each with its citations, in a stable order."""
    found: dict[tuple, Fact] = {}
    other_labels: dict[str, dict[str, str]] = {}
    cited: dict[tuple, set] = {}
    for direction, row in _fact_rows(backend, entity, lang):
        other = row["other"]
        key = (direction, row["p"].value, str(other))
        names = other_labels.setdefault(key[2], {})
        if row["otherLabel"]:
            names[row["otherLabel"].language or ""] = row["otherLabel"].value
        elif row["otherText"] and not names:
            names[""] = row["otherText"].value
        fact = found.get(key)
        if fact is None:
            fact = found[key] = _new_fact(row, key[0])
        _add_statement(fact, row, cited.setdefault(key, set()))
    for key, fact in found.items():
        fact.other_label = _pick(other_labels[key[2]], lang) or fact.other_label
        fact.citations.sort(key=_citation_order)  # the same order on every backend
    return sorted(found.values(), key=lambda f: (f.direction, f.relation, f.time, f.other_label))


def _fact_rows(
    backend: Backend, entity: ox.NamedNode, lang: str
) -> Iterator[tuple[str, ox.QuerySolution]]:
    """Rows of facts.rq, out of the entity then into it."""
    bindings = {"entity": entity, "lang": ox.Literal(lang)}
    for direction, subject, obj in (("out", "?entity", "?other"), ("in", "?other", "?entity")):
        text = sparql("facts.rq").replace("?SUBJECT", subject).replace("?OBJECT", obj)
        for row in backend.query(text, bindings):
            yield direction, row


def _citation_order(cite: Citation) -> tuple:
    """Dated sources first, oldest first; then by file and sentence."""
    return (
        cite.published is None,
        cite.published or "",
        cite.file or cite.source,
        cite.evidence or "",
    )


def _new_fact(row: ox.QuerySolution, direction: str) -> Fact:
    predicate = row["p"].value
    name = row["pLabel"].value if row["pLabel"] else shorten(predicate)
    if direction == "in":
        name = row["inverseLabel"].value if row["inverseLabel"] else f"{name} (of)"
    other = row["other"]
    return Fact(direction, predicate, name, str(other.value), display(other))


def _add_statement(fact: Fact, row: ox.QuerySolution, seen: set) -> None:
    def text(var: str) -> str | None:
        return row[var].value if row[var] else None

    fact.when = fact.when or text("when")
    fact.start = fact.start or text("start")
    fact.end = fact.end or text("end")
    if row["modality"] and not fact.modality:
        fact.modality = row["modality"].value.removeprefix(KG)
        fact.modality_label = text("modalityLabel")
    fact.qualifier = fact.qualifier or text("qualifier")
    if row["source"]:
        cite = Citation(
            row["source"].value,
            text("file"),
            text("published"),
            text("evidence") or text("quoteText"),
            text("reporter"),
            text("sourceLabel") or text("sourceName"),
        )
        marker = (cite.source, cite.evidence)
        if marker not in seen:
            seen.add(marker)
            fact.citations.append(cite)


def format_card(c: Card) -> str:
    """The card as plain text for a terminal."""
    lines = [f"{c.label}  ({', '.join(c.types) or 'no type'})", f"  id        {shorten(c.iri)}"]
    labels = " | ".join(f"{lang}: {text}" for lang, text in sorted(c.labels.items()) if lang)
    if labels:
        lines.append(f"  labels    {labels}")
    if c.aliases:
        lines.append(f"  aliases   {', '.join(c.aliases)}")
    for name in c.former_names:
        lines.append(f"  formerly  {name}")
    for other in c.see_also:
        lines.append(f"  see also  {other}")
    lines.append(f"  wikidata  {c.wikidata or '—'}")
    if c.description:
        lines.append(f"  about     {c.description}")
    lines.append("")
    lines.append("Facts" if c.facts else "No facts yet.")
    for f in c.facts:
        extras = [x for x in (f.time, f.qualifier) if x]
        if f.modality and f.modality != "Stated":
            extras.append(f.modality_label or f.modality)
        tail = f"  [{', '.join(extras)}]" if extras else ""
        lines.append(f"  {f.relation}: {f.other_label}{tail}")
        for cite in f.citations:
            lines.append(f"      ↳ {cite.one_line()}")
        if not f.citations:
            lines.append("      ↳ no source recorded")
    return "\n".join(lines)
