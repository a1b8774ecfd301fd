"""Names of RDF things: namespaces, the terms kg writes itself, and prefixes for queries."""

from __future__ import annotations

import re
import unicodedata

KG = "https://w3id.org/tech-kg/ontology#"
ID = "https://w3id.org/tech-kg/id/"
SRC = "https://w3id.org/tech-kg/source/"
STMT = "https://w3id.org/tech-kg/statement/"
INDEX_GRAPH = "https://w3id.org/tech-kg/graph/index"
WD = "http://www.wikidata.org/entity/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "id": ID,
    "src": SRC,
    "stmt": STMT,
    "wd": WD,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
}

RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"
SEARCH_KEY = KG + "searchKey"
ALIAS_KEY = KG + "aliasKey"
PREFIX_KEY = KG + "searchPrefix"  # the first two letters of each word of a key, in the index


def prefix_block(prefixes: dict[str, str] = PREFIXES) -> str:
    """SPARQL PREFIX declarations for the given prefixes."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())


def shorten(iri: str) -> str:
    """Write an IRI with the longest known prefix (``id:Meta``), or as ``<iri>``."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    name = next(n for n, ns in PREFIXES.items() if ns == best)
    return f"{name}:{iri[len(best) :]}"


def expand(name: str) -> str | None:
    """The IRI for ``prefix:local`` or ``<iri>`` or a plain IRI; None for anything else."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if re.match(r"^https?://\S+$", name):
        return name
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and local and " " not in local:
        return PREFIXES[prefix] + local
    return None


def search_key(text: str) -> str:
    """Fold a name for matching: no case, accents or punctuation ("Al-Dahle" -> "al dahle")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", plain).split())


def word_prefixes(key: str) -> set[str]:
    """The first two letters of each word of a folded key: the index's buckets.

    Partial and fuzzy lookups read only the entities in the buckets of the words asked for,
    so their cost follows the bucket, not the size of the graph.
    """
    return {word[:2] for word in key.split()}
