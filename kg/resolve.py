"""Entity resolution: which entity a company name in a data set means.

A name from a data set ("MICROSOFT CORP", "Facebook", "Alphabet Inc.") is folded into a
*company key*: :func:`kg.model.search_key` (no case, accents or punctuation), then legal
suffixes stripped ("microsoft"). The key is looked up among the organisations the store
already holds (labels, aliases, dated former names) and those the running import created.

Rules, in order:

1. Identifiers decide first: an SEC CIK or a ticker already in the graph names its entity.
2. Types decide next: only organisations are candidates for a company name. The app Facebook
   (a ``kg:App``) never absorbs the company Facebook.
3. Dates decide former names: Meta was "Facebook, Inc." until 2021-10-28, so "Facebook" as a
   company resolves to ``id:Meta`` (the match is reported with the date it relied on).
4. One organisation candidate: merged. Several: left apart (a new entity) and reported as
   ambiguous, so a wrong merge never happens silently.

Every decision that crosses a source boundary is written to a :class:`MergeLog`, which renders
as Markdown or TSV (``kg import ... --report FILE``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.model import ID, INDEX_GRAPH, KG, WD, search_key
from kg.store import Backend

# Legal forms stripped from the end of a folded name, longest first ("co" after "corp").
LEGAL_SUFFIXES = (
    "incorporated",
    "corporation",
    "company",
    "limited",
    "holdings",
    "holding",
    "group",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "nv",
    "bv",
    "se",
    "lp",
    "co",
    "com",
    "the",
    "new",
    "de",
    "del",
)


def company_key(name: str) -> str:
    """Fold a company name and strip legal forms: "MICROSOFT CORP" -> "microsoft".

    At least one word always stays ("Group" stays "group"); a leading "the" goes.
    """
    words = search_key(name).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


# --- known identities: renames and parents ----------------------------------------------


@dataclass(frozen=True)
class FormerName:
    """A dated former name of a company: ``name`` was in use until ``end`` (ISO date)."""

    entity: str  # local name under id:
    name: str
    start: str
    end: str
    evidence: str


@dataclass(frozen=True)
class KnownCompany:
    """A company kg knows how to recognise, created by an import if the graph lacks it."""

    entity: str
    label: str
    wikidata: str
    legal_name: str


# The facts behind these rules are public record; they are written with the source
# src:kg-resolution-rules so that every triple an import adds names where it comes from.
KNOWN_COMPANIES = (
    KnownCompany("Meta", "Meta", "Q380", "Meta Platforms, Inc."),
    KnownCompany("Google", "Google", "Q95", "Google LLC"),
    KnownCompany("Alphabet", "Alphabet", "Q20800404", "Alphabet Inc."),
)

FORMER_NAMES = (
    FormerName(
        "Meta",
        "Facebook, Inc.",
        "2004-07-29",
        "2021-10-28",
        "Facebook, Inc. changed its name to Meta Platforms, Inc. on 2021-10-28.",
    ),
    FormerName(
        "Google",
        "Google Inc.",
        "1998-09-04",
        "2017-09-01",
        "Google Inc. became Google LLC, a subsidiary of Alphabet Inc., in 2017.",
    ),
)

# (child, parent, since, evidence): ownership that no acquisition row states.
PARENTS = (
    (
        "Google",
        "Alphabet",
        "2015-10-02",
        "Alphabet Inc. became the parent holding company of Google on 2015-10-02.",
    ),
)

# Names a data set uses for a list that are really another company's deals: the Wikipedia
# "list of mergers and acquisitions by Alphabet" lists Google's acquisitions, most of them
# made before Alphabet existed (2015), all by Google itself.
LIST_ACQUIRERS = {"alphabet": "Google"}


# --- the resolver ------------------------------------------------------------------------


@dataclass
class Decision:
    """One line of the merge report."""

    kind: str  # "merged", "former name", "identifier", "ambiguous", "apart"
    source: str  # data set name
    where: str  # file and row
    name: str  # the name as the data set writes it
    entity: str  # the IRI chosen
    reason: str
    candidates: list[str] = field(default_factory=list)


@dataclass
class MergeLog:
    """Decisions made while resolving names, for the merge report."""

    decisions: list[Decision] = field(default_factory=list)

    def add(self, decision: Decision) -> None:
        self.decisions.append(decision)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for d in self.decisions:
            out[d.kind] = out.get(d.kind, 0) + 1
        return out

    def to_tsv(self) -> str:
        head = "kind\tsource\twhere\tname\tentity\treason\tcandidates\n"
        rows = (
            (d.kind, d.source, d.where, d.name, d.entity, d.reason, " ".join(d.candidates))
            for d in self.decisions
        )
        return head + "".join("\t".join(_cell(x) for x in row) + "\n" for row in rows)

    def to_markdown(self) -> str:
        from kg.model import shorten

        lines = ["# Merge report", ""]
        counts = self.counts()
        lines += [f"- {kind}: {n}" for kind, n in sorted(counts.items())] or ["- nothing merged"]
        for kind, title in (
            ("identifier", "Merged by identifier (CIK, ticker)"),
            ("former name", "Merged through a dated former name"),
            ("merged", "Merged by name with an entity from another source"),
            ("ambiguous", "Ambiguous: left apart"),
            ("apart", "Same name, different kind of thing: left apart"),
        ):
            rows = [d for d in self.decisions if d.kind == kind]
            if not rows:
                continue
            lines += ["", f"## {title} ({len(rows)})", "", "| name | entity | where | why |"]
            lines.append("|---|---|---|---|")
            for d in rows:
                why = d.reason + (
                    f" (candidates: {', '.join(shorten(c) for c in d.candidates)})"
                    if d.candidates
                    else ""
                )
                cells = (d.name, shorten(d.entity), f"{d.source} {d.where}", why)
                lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return re.sub(r"[\t\n\r]+", " ", text)


def _md(text: str) -> str:
    return _cell(text).replace("|", "\\|")


@dataclass
class Candidate:
    iri: str
    is_org: bool | None  # None: look it up when needed
    via: str  # "label", "alias", "former name"
    end: str | None = None  # for former names: last day the name was used
    minted_by: str | None = None  # data set that minted it in this import, None if in store


ORG_CLASSES = """
SELECT DISTINCT ?t WHERE {
  { ?t rdfs:subClassOf* kg:Organisation } UNION { ?t rdfs:subClassOf* kg:Company }
}
"""
TYPES_QUERY = "SELECT ?e ?t WHERE { ?e a ?t }"
INDEX_QUERY = f"""
SELECT ?e ?k ?key WHERE {{
  GRAPH <{INDEX_GRAPH}> {{ ?e ?k ?key FILTER(?k IN (kg:searchKey, kg:aliasKey)) }}
}}
"""
IDENT_QUERY = """
SELECT ?e ?p ?v WHERE { VALUES ?p { kg:cik kg:ticker kg:crunchbase } ?e ?p ?v }
"""
FORMER_QUERY = """
SELECT ?e ?name ?end WHERE {
  ?e kg:formerName ?name .
  OPTIONAL { ?st rdf:subject ?e ; rdf:predicate kg:formerName ; rdf:object ?name ; kg:endTime ?end }
}
"""
WIKIDATA_QUERY = "SELECT ?e ?wd WHERE { ?e kg:wikidata ?wd }"
IDENTIFIERS = ("cik", "ticker", "crunchbase")


class Resolver:
    """Names to entities, for one import, over what the store holds and what it adds.

    The store's search index and identifiers are read once; types are read only for the
    entities a name actually matches.
    """

    def __init__(self, log: MergeLog | None = None, backend: Backend | None = None) -> None:
        self.log = log or MergeLog()
        self.backend = backend
        self.by_key: dict[str, list[Candidate]] = {}
        self.by_id: dict[tuple[str, str], str] = {}
        self.by_wikidata: dict[str, str] = {}
        self.stored_former: set[tuple[str, str]] = set()  # (entity, name) in the store
        self.types: dict[str, bool] = {}  # entity -> is an organisation (None: not typed)
        self.org_classes = {KG + "Organisation", KG + "Company"}

    @classmethod
    def from_store(cls, backend: Backend | None, log: MergeLog | None = None) -> Resolver:
        """Read labels, aliases, former names, identifiers and Wikidata ids from the store."""
        self = cls(log, backend)
        if backend is None:
            return self
        self.org_classes |= {r["t"].value for r in backend.query(ORG_CLASSES)}
        for row in backend.query(WIKIDATA_QUERY):
            self.by_wikidata[row["wd"].value.removeprefix(WD)] = row["e"].value
        for iri, p, value in _triples(backend, IDENTIFIERS):
            self.by_id[(p, value)] = iri
        tickers = {(e, search_key(v)) for (kind, v), e in self.by_id.items() if kind == "ticker"}
        keys: dict[str, str] = {}
        for iri, via, key in _index(backend):
            if via == "alias" and (iri, key) in tickers:
                continue  # a ticker is an identifier, not a name
            folded = keys.get(key)
            if folded is None:
                folded = keys[key] = company_key(key)
            self._add(folded, Candidate(iri, None, via))
        for row in backend.query(FORMER_QUERY):
            iri = row["e"].value
            end = row["end"].value if row["end"] else None
            self._add(company_key(row["name"].value), Candidate(iri, True, "former name", end))
            self.stored_former.add((iri, row["name"].value))
        wikidata = {k.entity: k.wikidata for k in KNOWN_COMPANIES}
        for former in FORMER_NAMES:  # known renames count even before an import wrote them
            iri = self.by_wikidata.get(wikidata.get(former.entity, ""), ID + former.entity)
            if self.is_known(iri):
                self.register_former(iri, former.name, former.end)
        return self

    def is_org(self, iri: str) -> bool:
        """True if the entity is an organisation (any subclass of kg:Organisation)."""
        if iri not in self.types:
            found = []
            if self.backend is not None:
                rows = self.backend.query(TYPES_QUERY, {"e": ox.NamedNode(iri)})
                found = [r["t"].value for r in rows]
            self.types[iri] = any(t in self.org_classes for t in found)
        return self.types[iri]

    def is_known(self, iri: str) -> bool:
        """True if the store or this import already describes the entity."""
        if iri in self.types:
            return True
        if self.backend is None:
            return False
        return bool(self.backend.query("ASK { ?e ?p ?o }", {"e": ox.NamedNode(iri)}))

    def _add(self, key: str, cand: Candidate) -> None:
        if not key:
            return
        found = self.by_key.setdefault(key, [])
        for old in found:
            if old.iri == cand.iri:
                if cand.via == "former name" and old.via != "label":
                    old.via, old.end = cand.via, cand.end
                return
        found.append(cand)

    # --- what importers call ---------------------------------------------------------
    def register(self, iri: str, names: Iterable[str], minted_by: str | None = None) -> None:
        """Make an organisation the import created (or merged into) findable by its names."""
        self.types[iri] = True
        for name in names:
            self._add(company_key(name), Candidate(iri, True, "label", minted_by=minted_by))

    def register_former(self, iri: str, name: str, end: str) -> None:
        self._add(company_key(name), Candidate(iri, True, "former name", end))

    def register_id(self, scheme: str, value: str, iri: str) -> None:
        self.by_id[(scheme, value)] = iri

    def by_identifier(self, scheme: str, value: str) -> str | None:
        return self.by_id.get((scheme, value))

    def resolve_org(
        self,
        name: str,
        *,
        source: str,
        where: str,
        date: str | None = None,
        ids: Iterable[tuple[str, str]] = (),
        within_source: bool = True,
    ) -> str | None:
        """The organisation ``name`` means, or None when a new entity should be minted.

        ``date`` (ISO) is when the data set uses the name, to check dated former names.
        ``within_source=False`` when the data set has its own identifiers (Crunchbase
        permalinks, SEC CIKs): two of its rows with one name are then two companies.
        """
        for scheme, value in ids:
            iri = self.by_id.get((scheme, value))
            if iri:
                self.log.add(
                    Decision("identifier", source, where, name, iri, f"same {scheme} {value}")
                )
                return iri
        key = company_key(name)
        cands = self.by_key.get(key, [])
        if not cands:
            return None
        for c in cands:
            if c.is_org is None:
                c.is_org = self.is_org(c.iri)
        orgs = [c for c in cands if c.is_org]
        others = [c for c in cands if not c.is_org]
        if not orgs:
            if others:
                self.log.add(
                    Decision(
                        "apart",
                        source,
                        where,
                        name,
                        "",
                        f"{len(others)} entities named {key!r} are not organisations",
                        [c.iri for c in others],
                    )
                )
            return None
        if not within_source:
            orgs = [c for c in orgs if c.minted_by != source]
            if not orgs:
                return None  # a homonym within the same data set: its own identifier decides
        if len(orgs) > 1:
            self.log.add(
                Decision(
                    "ambiguous",
                    source,
                    where,
                    name,
                    "",
                    f"{len(orgs)} organisations are named {key!r}: left apart",
                    [c.iri for c in orgs],
                )
            )
            return None
        cand = orgs[0]
        if cand.minted_by == source:
            return cand.iri  # the same data set naming the same thing twice: not a merge
        if cand.via == "former name":
            when = f"used on {date}" if date else "undated"
            after = bool(date and cand.end and date[:10] > cand.end)
            reason = f"former name of {cand.iri.removeprefix(ID)} (until {cand.end}); {when}" + (
                "; used after the rename, kept as the same company" if after else ""
            )
            self.log.add(Decision("former name", source, where, name, cand.iri, reason))
        elif others:
            reason = f"name {key!r}; {len(others)} non-organisation homonym(s) left apart"
            self.log.add(
                Decision("merged", source, where, name, cand.iri, reason, [c.iri for c in others])
            )
        else:
            origin = f"from {cand.minted_by}" if cand.minted_by else "already in the graph"
            self.log.add(
                Decision("merged", source, where, name, cand.iri, f"name {key!r} {origin}")
            )
        return cand.iri


def mint(prefix: str, text: str) -> str:
    """A new entity IRI under id: from a name or identifier: ``mint("wp", "DiviTech A/S")``
    is id:wp-divitech-a-s."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", search_key(text)).strip("-")
    return f"{ID}{prefix}-{slug or 'x'}"


def _triples(backend: Backend, names: Iterable[str]) -> Iterable[tuple[str, str, str]]:
    """(entity, property local name, value) for kg's identifier properties."""
    store = getattr(backend, "store", None)
    for name in names:
        if isinstance(store, ox.Store):
            for q in store.quads_for_pattern(None, ox.NamedNode(KG + name), None):
                yield q.subject.value, name, q.object.value
        else:
            query = "SELECT ?e ?v WHERE { ?e ?p ?v }"
            for r in backend.query(query, {"p": ox.NamedNode(KG + name)}):
                yield r["e"].value, name, r["v"].value


def _index(backend: Backend) -> Iterable[tuple[str, str, str]]:
    """(entity, "label" or "alias", folded key) for every entry of the search index."""
    store = getattr(backend, "store", None)
    label = KG + "searchKey"
    if isinstance(store, ox.Store):
        graph = ox.NamedNode(INDEX_GRAPH)
        for name, via in ((label, "label"), (KG + "aliasKey", "alias")):
            for q in store.quads_for_pattern(None, ox.NamedNode(name), None, graph):
                yield q.subject.value, via, q.object.value
        return
    for row in backend.query(INDEX_QUERY):
        via = "label" if row["k"].value == label else "alias"
        yield row["e"].value, via, row["key"].value
