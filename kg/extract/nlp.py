"""Tokens for the rules: spaCy's French model, or spaCy's blank English tokenizer plus rules.

The French pipeline (``fr_core_news_md``, an installable package) is loaded once per process, on
first use, never at import: ``kg lookup`` and the other commands never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.errors import KgError

FRENCH_MODEL = "fr_core_news_md"


@dataclass
class Tok:
    """One token: text, lower case, lemma, coarse tag, dependency, offsets in the sentence."""

    i: int
    text: str
    lower: str
    lemma: str
    pos: str
    dep: str
    head: int
    start: int
    end: int
    ent: str = ""
    conditional: bool = False
    future: bool = False


@cache
def french():
    """The French spaCy pipeline, loaded once."""
    try:
        import spacy
    except ImportError:
        raise KgError(
            "French extraction needs spaCy and its French model: pip install 'kg[nlp]'"
        ) from None
    try:
        return spacy.load(FRENCH_MODEL)
    except OSError:
        raise KgError(
            f"the French model {FRENCH_MODEL} is not installed: pip install 'kg[nlp]'"
        ) from None


@cache
def english():
    """spaCy's rule-based English tokenizer (no statistical model)."""
    try:
        import spacy
    except ImportError:
        raise KgError("extraction needs spaCy: pip install 'kg[nlp]'") from None
    return spacy.blank("en")


def tokenize(texts: list[str], lang: str) -> list[list[Tok]]:
    """Tokens for each sentence, with lemmas (and, in French, tags and dependencies)."""
    if lang == "fr":
        return [_from_doc(doc, True) for doc in french().pipe(texts, batch_size=64)]
    return [_from_doc(doc, False) for doc in english().pipe(texts, batch_size=256)]


def _from_doc(doc, parsed: bool) -> list[Tok]:
    toks = []
    for t in doc:
        lower = t.text.lower().replace("’", "'")
        if parsed:
            morph = t.morph
            toks.append(
                Tok(
                    t.i,
                    t.text,
                    lower,
                    t.lemma_.lower().replace("’", "'"),
                    t.pos_,
                    t.dep_,
                    t.head.i,
                    t.idx,
                    t.idx + len(t.text),
                    t.ent_type_,
                    "Cnd" in morph.get("Mood"),
                    "Fut" in morph.get("Tense"),
                )
            )
        else:
            toks.append(
                Tok(
                    t.i,
                    t.text,
                    lower,
                    english_lemma(lower),
                    "",
                    "",
                    t.i,
                    t.idx,
                    t.idx + len(t.text),
                )
            )
    return toks


IRREGULAR = {
    "bought": "buy",
    "buys": "buy",
    "buying": "buy",
    "built": "build",
    "ran": "run",
    "running": "run",
    "led": "lead",
    "laid": "lay",
    "lays": "lay",
    "laying": "lay",
    "took": "take",
    "taken": "take",
    "taking": "take",
    "spent": "spend",
    "made": "make",
    "making": "make",
    "shed": "shed",
    "cut": "cut",
    "cuts": "cut",
    "cutting": "cut",
    "set": "set",
    "founded": "found",
    "founding": "found",
    "found": "find",
    "rose": "rise",
    "raised": "raise",
    "hired": "hire",
    "named": "name",
    "joined": "join",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "has": "have",
    "had": "have",
    "ships": "ship",
    "shipped": "ship",
    "snapped": "snap",
    "stepped": "step",
    "poured": "pour",
    "oversaw": "oversee",
    "overseen": "oversee",
    "oversees": "oversee",
    "axed": "axe",
    "axes": "axe",
    "trimmed": "trim",
    "racing": "race",
    "paid": "pay",
    "pays": "pay",
    "paying": "pay",
    "raced": "race",
    "vying": "vie",
    "vied": "vie",
    "committed": "commit",
    "commits": "commit",
    "committing": "commit",
    "pledged": "pledge",
    "pledges": "pledge",
}


def english_lemma(word: str) -> str:
    """A small rule lemmatizer, enough for the trigger verbs and nouns."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if not re.fullmatch(r"[a-z]+", word) or len(word) <= 3:
        return word
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("uses", "use"),
    ):
        if word.endswith(suffix):
            return word[: -len(suffix)] + repl
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        return _restore_e(stem)
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        if stem.endswith("e"):
            return stem
        return _restore_e(stem)
    if word.endswith("s") and not word.endswith("ss") and not word.endswith("us"):
        return word[:-1]
    return word


E_STEMS = {
    "acquir",
    "purchas",
    "releas",
    "introduc",
    "announc",
    "merg",
    "hir",
    "nam",
    "lay",
    "rais",
    "creat",
    "us",
    "serv",
    "lik",
    "continu",
    "clos",
    "complet",
    "agre",
    "eliminat",
    "slic",
    "retir",
    "sav",
    "leav",
    "shar",
    "declin",
    "secur",
    "receiv",
    "rival",
    "compet",
    "tak",
    "mak",
    "appoint",
    "manufactur",
}


def _restore_e(stem: str) -> str:
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]  # shipped -> ship, stepped -> step
    if stem in E_STEMS and stem not in ("appoint", "rival"):
        return stem + "e"
    return stem
