"""Turning pyoxigraph terms into Python values and short display strings."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from kg.model import XSD, shorten

_INTEGERS = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
    )
}


def to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> object:
    """IRIs as strings, numbers as int/Decimal/float, booleans as bool, the rest as text."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype == XSD + "decimal":
            return Decimal(term.value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
    except ValueError:
        pass
    return term.value


def display(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """A short human form: ``id:Meta``, ``405,000,000,000``, plain text for strings."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    value = to_python(term)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | Decimal) and abs(value) >= 10000:
        return f"{value:,}"
    return str(value) if not isinstance(term, ox.BlankNode) else f"_:{term.value}"
