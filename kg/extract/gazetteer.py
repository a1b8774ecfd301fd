"""The gazetteer: every label and alias of the graph's entities, folded, to find and link names.

"Meta", "Meta Platforms" and "Facebook, Inc." all lead to ``id:Meta``, because the graph says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.model import KG, search_key

# Coarse kinds the extractor reasons with, from the ontology's classes.
ORG, PERSON, PRODUCT, PLACE = "Org", "Person", "Product", "Place"
KIND_OF_CLASS = {
    "Organisation": ORG,
    "Company": ORG,
    "OrganisationalUnit": ORG,
    "Division": ORG,
    "Lab": ORG,
    "Team": ORG,
    "Publication": ORG,
    "Person": PERSON,
    "Product": PRODUCT,
    "AIModel": PRODUCT,
    "ModelFamily": PRODUCT,
    "Software": PRODUCT,
    "AIAgent": PRODUCT,
    "AIAssistant": PRODUCT,
    "Device": PRODUCT,
    "App": PRODUCT,
    "Standard": PRODUCT,
}


@cache
def word_file(name: str) -> frozenset[str]:
    """The folded entries of a word list shipped with the extractor (one per line, ``#``
    comments)."""
    lines = Path(__file__).with_name(name).read_text(encoding="utf-8").splitlines()
    return frozenset(search_key(x) for x in lines if x.strip() and not x.startswith("#"))


def places() -> frozenset[str]:
    """Countries, regions and large cities (``places.txt``): never companies or people,
    unless the graph says so."""
    return word_file("places.txt")


def given_names() -> frozenset[str]:
    """Common given names (``given_names.txt``): "Nikesh Arora" is a person."""
    return word_file("given_names.txt")


def demonyms() -> frozenset[str]:
    """Adjectives of nationality and origin (``demonyms.txt``): "Chinese", "Israeli",
    "Américain" are never names."""
    return word_file("demonyms.txt")


GAZETTEER_QUERY = """
SELECT ?e ?name ?alias ?class WHERE {
  ?e a ?class .
  FILTER(STRSTARTS(STR(?e), "https://w3id.org/tech-kg/id/"))
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?alias }
}
"""


@dataclass
class Entry:
    """One entity the gazetteer knows."""

    iri: str
    label: str
    kind: str
    classes: set[str] = field(default_factory=set)


@dataclass
class Gazetteer:
    """Folded names -> entities; ``max_words`` bounds the longest name, for matching."""

    names: dict[str, Entry] = field(default_factory=dict)
    max_words: int = 1
    makers: dict[str, set[str]] = field(default_factory=dict)  # product IRI -> maker IRIs
    # common-noun names ("standard ouvert de Google"): folded phrase -> (entity, owner IRI);
    # the bare phrase ("standard ouvert") links only in an article that names the owner
    phrases: dict[str, tuple[Entry, str | None]] = field(default_factory=dict)
    phrase_starts: set[str] = field(default_factory=set)

    def add(self, name: str, entry: Entry, alias: bool = False) -> None:
        key = search_key(name)
        if not key or (len(key) < 2 and not name.isupper()):
            return
        if alias and key in self.names:
            return  # a label wins over another entity's alias
        self.names[key] = entry
        self.max_words = max(self.max_words, len(key.split()))

    def get(self, key: str) -> Entry | None:
        return self.names.get(key)

    def __len__(self) -> int:
        return len(self.names)


def from_store(backend) -> Gazetteer:
    """Build the gazetteer from the labels, aliases and classes in the store."""
    entries: dict[str, Entry] = {}
    labels: dict[str, list[tuple[str, bool]]] = {}
    for row in backend.query(GAZETTEER_QUERY):
        cls = row["class"].value
        local = cls[len(KG) :] if cls.startswith(KG) else ""
        kind = KIND_OF_CLASS.get(local)
        if kind is None:
            continue
        iri = row["e"].value
        entry = entries.get(iri)
        if entry is None:
            entry = entries[iri] = Entry(iri, "", kind)
        entry.classes.add(local)
        if kind == PERSON:
            entry.kind = PERSON
        if row["name"]:
            labels.setdefault(iri, []).append((row["name"].value, False))
            if not entry.label or row["name"].language == "en":
                entry.label = row["name"].value
        elif row["alias"]:
            labels.setdefault(iri, []).append((row["alias"].value, True))
    gazetteer = Gazetteer()
    for alias in (False, True):
        for iri, names in labels.items():
            for name, is_alias in names:
                if is_alias == alias and len(name.split()) <= 6:
                    gazetteer.add(name, entries[iri], alias)
                    if is_alias:
                        short = strip_legal_suffix(name)
                        if short != name:
                            gazetteer.add(short, entries[iri], True)
    for iri, names in labels.items():
        for name, _alias in names:
            _add_phrase(gazetteer, name, entries[iri])
    for row in backend.query(MAKERS_QUERY):
        gazetteer.makers.setdefault(row["p"].value, set()).add(row["o"].value)
    return gazetteer


def _add_phrase(gazetteer: Gazetteer, name: str, entry: Entry) -> None:
    """Register a common-noun name: "nouveaux modèles de Meta" -> "nouveaux modeles" (Meta's),
    "Meta's new models" -> "new models" (Meta's); an unowned one needs three words or more."""
    if entry.kind == PERSON or not name[:1].islower() and "'s " not in name:
        return
    owner = None
    phrase = name
    m = re.fullmatch(r"(.+?) (?:de|d'|d’|du) ?([A-Z][\w .&-]*)", name)
    e = re.fullmatch(r"([A-Z][\w .&-]*?)['’]s (.+)", name)
    if m:
        phrase, owner_name = m.group(1), m.group(2)
    elif e:
        owner_name, phrase = e.group(1), e.group(2)
    else:
        owner_name = None
    if owner_name is not None:
        found = gazetteer.get(search_key(owner_name))
        if found is None or found.kind != ORG or found.iri == entry.iri:
            return
        owner = found.iri
    key = search_key(phrase)
    words = key.split()
    if len(words) < 2 or (owner is None and len(words) < 3) or len(words) > 6:
        return
    gazetteer.phrases.setdefault(key, (entry, owner))
    gazetteer.phrase_starts.add(words[0])


MAKERS_QUERY = """
SELECT ?o ?p WHERE { { ?o kg:built ?p } UNION { ?o kg:launched ?p } }
"""

LEGAL_SUFFIXES = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "sa",
    "sas",
    "se",
    "ag",
    "gmbh",
    "co",
    "co.",
}


def strip_legal_suffix(name: str) -> str:
    """``Apple Inc.`` -> ``Apple``; ``Meta Platforms, Inc.`` -> ``Meta Platforms``."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)
