"""kg: a knowledge graph of the companies, people and products of the tech and AI industry."""

from kg.errors import InputError, KgError, NotFound
from kg.graph import KnowledgeGraph, open

__all__ = ["InputError", "KgError", "KnowledgeGraph", "NotFound", "open"]
__version__ = "0.1.0"
