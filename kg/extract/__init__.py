"""Extracting candidate facts from French and English news articles.

``extract(article, gazetteer)`` returns :class:`Candidate` facts, each with its sentence and
character offsets. French goes through spaCy's ``fr_core_news_md`` (tags, lemmas, dependencies,
names); English through spaCy's blank tokenizer and rules. See docs/extract.md.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS

from kg.extract.gazetteer import (
    ORG,
    PERSON,
    PLACE,
    PRODUCT,
    Gazetteer,
    demonyms,
    given_names,
    places,
)
from kg.extract.nlp import Tok, tokenize
from kg.extract.reader import Article, parse_article, read_article, split_sentences
from kg.extract.rules import (
    COREF_DETS,
    COREF_NOUNS_EN,
    COREF_NOUNS_FR,
    DETERMINERS,
    HYPHEN_PARTICIPLES,
    MAKER_NOUNS,
    NAME_STOP,
    NOT_NAMES,
    ORG_CUE,
    ORG_SUFFIX,
    PERSON_CUE,
    POSSESSIVES,
    PREDICATES,
    PREPOSITIONS,
    TITLE_WORDS,
    VALUE_PREDICATES,
    ArticleState,
    Candidate,
    Mention,
    SentenceRules,
    descriptor,
    opens_clause,
    word_set,
)
from kg.model import search_key

__all__ = [
    "Article",
    "Candidate",
    "PREDICATES",
    "VALUE_PREDICATES",
    "extract",
    "parse_article",
    "read_article",
]

CONNECTORS = {"-", ":", "&", ".", "'"}
MIXED_CASE = re.compile(r"[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,6}")  # brands: "ByteDance", "IBM"


def extract(
    article: Article, gazetteer: Gazetteer | None = None, names: dict[str, str] | None = None
) -> list[Candidate]:
    """Candidate facts of ``article``, best first within each sentence, one per fact.

    ``names``, when given, receives every name the article writes for an entity, folded, with
    the name the candidates use for it ("amd" -> "Advanced Micro Devices" after "Advanced
    Micro Devices (AMD)"): the article's own aliases."""
    gazetteer = gazetteer or Gazetteer()
    sentences = split_sentences(article.body, article.body_start)
    token_lists = tokenize([s.text for s in sentences], article.lang or "en")
    state = ArticleState(article.lang or "en", article.date, gazetteer)
    state.capitalised = {
        t.lower
        for toks in token_lists
        for k, t in enumerate(toks)
        if k
        and t.text[:1].isupper()
        and toks[k - 1].text not in (".", "«", '"', "“", ":", "–", "—")
    }
    state.lowercase = {t.text for toks in token_lists for t in toks if t.text.islower()}
    state.letter_counts = {}
    for toks in token_lists:
        for t in toks:
            if len(t.text) == 1 and t.text.isupper():
                state.letter_counts[t.text] = state.letter_counts.get(t.text, 0) + 1
    found: list[Candidate] = []
    for n, (sentence, toks) in enumerate(zip(sentences, token_lists)):
        state.sentence = n
        mentions = find_mentions(toks, state)
        rules = SentenceRules(state, toks, sentence.text, sentence.start, mentions)
        kept = []
        for m in mentions:
            if not m.coref or state.resolve_coref(m, rules, m.kind or "company"):
                kept.append(m)
                if m.coref:
                    state.describe(m, rules)
        rules.mentions = kept
        rules.by_token = {i: m for m in kept for i in range(m.start, m.end)}
        for m in kept:
            if m.coref:
                m.kind = None
        _explicit_aliases(toks, kept, state)
        # the sentence's subject: in French the parse's, else its first name not inside a
        # prepositional phrase
        main = rules.main_subject() if state.lang == "fr" else None
        subject = main or next(
            (
                m
                for m in kept
                if state.entities[m.entity].kind != PLACE
                and (
                    m.start == 0
                    or (
                        toks[m.start - 1].lower not in PREPOSITIONS
                        and toks[m.start - 1].lower not in POSSESSIVES  # "its Azure business"
                    )
                    or rules._after_role(m.start - 1)  # "le PDG de Meta devrait ..."
                )
            ),
            None,
        )
        if subject is None:
            subject = _topic_of_sentence(toks, kept)  # "For Salesforce, the deal caps ..."
        pronoun = _opening_pronoun(toks, kept)
        stand_in = None
        if pronoun is not None:
            # "Elle a aussi développé Poro": the sentence is about the pronoun's antecedent
            antecedent = state.pronoun_antecedent(rules, pronoun)
            subject = None
            if antecedent is not None:
                stand_in = Mention(
                    pronoun,
                    pronoun + 1,
                    toks[pronoun].text,
                    None,
                    coref=True,
                    entity=antecedent.entity,
                    lead=True,
                )
        if subject is not None:
            subject.lead = True
        found.extend(rules.run())
        state.history.extend((n, m) for m in kept)
        if stand_in is not None:
            state.history.append((n, stand_in))
    if names is not None:
        for info in state.entities.values():
            for surface in info.surfaces | info.former_names | {info.name}:
                names.setdefault(search_key(surface), info.name)
    return _finish(found, state, article)


OPENING_PRONOUNS = {"il", "elle", "it", "he", "she"}
TOPIC_OPENERS = {("for",), ("pour",), ("chez",), ("quant", "à"), ("as", "for")}


def _topic_of_sentence(toks: list[Tok], mentions: list[Mention]) -> Mention | None:
    """The name a sentence opens on as its topic: "For Salesforce, ...", "Quant à Google, ...",
    "Chez Meta, ..."."""
    first = mentions[0] if mentions else None
    if first is None or tuple(t.lower for t in toks[: first.start]) not in TOPIC_OPENERS:
        return None
    return first if first.end < len(toks) and toks[first.end].text == "," else None


def _opening_pronoun(toks: list[Tok], mentions: list[Mention]) -> int | None:
    """The subject pronoun that opens a sentence ("Elle a aussi ...", "En 2023, il ...")."""
    first_name = min((m.start for m in mentions), default=len(toks))
    for i, t in enumerate(toks[: min(first_name, 12)]):
        if t.lower in OPENING_PRONOUNS and (
            i == 0 or toks[i - 1].text == "," or (i <= 4 and toks[0].lower in ("in", "en", "last"))
        ):  # "En 2019, il ...", "In June it put ..."
            return i
    return None


ALIAS_CUES = sorted(  # the longest cue first: "formerly known as" before "formerly"
    [
        ("known", "as"),
        ("also", "known", "as"),
        ("also", "called"),
        ("dubbed",),
        ("alias",),
        ("connue", "sous", "le", "nom", "de"),
        ("connu", "sous", "le", "nom", "de"),
        ("dite",),
        ("dit",),
        ("surnommée",),
        ("surnommé",),
        ("formerly",),
        ("formerly", "known", "as"),
        ("previously", "known", "as"),
        ("formerly", "called"),
        ("previously", "called"),
        ("anciennement",),
        ("appelait", "jusqu'", "ici"),
        ("appelait", "auparavant"),
        ("appelait",),
        ("ex", "-"),
        ("ex",),
    ],
    key=len,
    reverse=True,
)


def _explicit_aliases(toks: list[Tok], mentions: list[Mention], state: ArticleState) -> None:
    """Names an article gives another name for: "Safe Superintelligence (SSI)", "the company,
    known as SSI", "H (ex-Holistic AI)". The second name stands for the first from then on."""
    for m in mentions:
        if m.coref:
            continue
        j = m.start
        if j and toks[j - 1].text == "(":
            j -= 1
        for cue in ALIAS_CUES:
            k = j - len(cue)
            if k >= 0 and tuple(t.lower for t in toks[k:j]) == cue:
                j = k
                break
        else:
            if j == m.start or j + 1 >= len(toks) or m.end >= len(toks):
                continue
            if toks[m.end].text != ")" or not (m.text.isupper() or m.kind is None):
                continue  # only "Name (ACRONYM)" without a cue word
        while j and toks[j - 1].lower in ("qui", "s'", "which", "who", "was"):
            j -= 1  # "H, qui s'appelait jusqu'ici Holistic AI"
        if j and toks[j - 1].text in (",", "("):
            j -= 1
        named = next((p for p in mentions if p.end == j and p is not m), None)
        if named is None or state.entities[named.entity].kind in (PERSON, PLACE):
            continue
        if m.entity != named.entity:
            state.aliases[m.key] = named.entity
            state.entities[m.entity].count -= 1
            state.entities[m.entity].surfaces.discard(m.text)
            m.entity = named.entity
            state.entities[named.entity].surfaces.add(m.text)


# what each predicate's subject and object may not be (people invest as business angels and
# build things; companies buy, cut, spend and compete; nobody is the chief executive of a place
# or a product)
NOT_SUBJECT = {
    "founded": {ORG, PRODUCT, PLACE},
    "ceo_of": {ORG, PRODUCT, PLACE},
    "leads": {ORG, PRODUCT, PLACE},
    "works_for": {ORG, PRODUCT, PLACE},
    "acquired": {PERSON, PRODUCT, PLACE},
    "laid_off": {PERSON, PRODUCT, PLACE},
    "spends": {PERSON, PRODUCT, PLACE},
    "subsidiary_of": {PERSON, PRODUCT, PLACE},
    "part_of": {PERSON, PLACE},
    "partnered_with": {PERSON, PLACE},
    "invested_in": {PRODUCT, PLACE},
    "built": {PRODUCT, PLACE},
    "launched": {PRODUCT, PLACE},
}
NOT_OBJECT = {
    "founded": {PERSON, PLACE},
    "ceo_of": {PERSON, PRODUCT, PLACE},
    "leads": {PERSON, PLACE},
    "works_for": {PERSON, PRODUCT, PLACE},
    "acquired": {PERSON, PLACE},
    "invested_in": {PERSON, PLACE},
    "subsidiary_of": {PERSON, PRODUCT, PLACE},
    "part_of": {PERSON, PLACE},
    "partnered_with": {PERSON, PLACE},
    "competes_with": {PERSON, PLACE},
    "built": {PERSON, PLACE},
    "launched": {PERSON, PLACE},
}


def _kinds_fit(c: Candidate) -> bool:
    """Whether the candidate's subject and object are of kinds its predicate takes."""
    if c.subject_type in NOT_SUBJECT.get(c.predicate, {PERSON, PLACE}):
        return False
    return c.object_type not in NOT_OBJECT.get(c.predicate, ())


def _finish(found: list[Candidate], state: ArticleState, article: Article) -> list[Candidate]:
    by_name = {info.name: info for info in state.entities.values()}
    renamed = {old: info for info in state.entities.values() for old in info.former_names}
    best: dict[tuple, Candidate] = {}
    for c in found:
        if c.subject in renamed and c.subject not in by_name:
            c.subject = renamed[c.subject].name  # "Samsung", named "Samsung Electronics" later
        if c.object in renamed and c.object not in by_name:
            c.object = renamed[c.object].name
        subj = by_name.get(c.subject)
        if subj is not None:
            c.subject_type = subj.kind
        obj = by_name.get(c.object)
        if obj is not None:
            c.object_type = obj.kind
        if not _kinds_fit(c):
            continue
        if (
            c.predicate == "competes_with"
            and PRODUCT in (c.subject_type, c.object_type)
            and c.subject_type != c.object_type
        ):
            continue  # rivals are of one kind: companies, or products
        c.source = article.short_hash
        key = c.key()
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    for subj, pred, obj in list(best):
        if pred == "leads" and (subj, "ceo_of", obj) in best:
            del best[(subj, pred, obj)]  # "chairman and chief executive": ceo_of says it
    return sorted(best.values(), key=lambda c: (c.start, -c.confidence))


def _name_like(tok: Tok, first: bool, lang: str) -> bool:
    text = tok.text
    if not text or tok.lower in NOT_NAMES or tok.lower in TITLE_WORDS:
        return False
    cap = text[0].isupper() or bool(re.match(r"[a-z]+[A-Z]", text))
    if not cap:
        return False
    if tok.lower in NAME_STOP and not (
        not first and text[0].isupper() and lang == "fr" and tok.lower in ("le", "la")
    ):
        return False
    if first:
        if lang == "fr":
            return (
                tok.pos in ("PROPN", "X")
                or bool(tok.ent)
                or bool(MIXED_CASE.fullmatch(text))  # "ByteDance", "IBM"
            )
        return (
            tok.lower not in NAME_STOP
            and tok.lower not in SENTENCE_STARTERS
            and tok.lower not in EN_STOP_WORDS  # "Besides ChatGPT, ..."
            and not tok.lower.endswith("ly")
        )
    return True


# capitalised only because they start a sentence ("More than half of ...", "Today the ...")
SENTENCE_STARTERS = word_set(
    "today yesterday tomorrow now then meanwhile however still yet instead earlier later"
    " last next first second third finally currently recently already together money"
    " shares investors analysts sales revenue profits executives employees officials"
    " critics regulators customers users people staff workers engineers researchers one"
    " two three four five six seven eight nine ten twenty hundreds thousands dozens"
    " unlike despite amid following according besides beyond"
) | set(
    [
        "more",
        "most",
        "some",
        "many",
        "several",
        "other",
        "others",
        "such",
        "both",
        "each",
        "every",
        "all",
        "any",
        "few",
        "much",
        "less",
        "about",
        "over",
        "under",
        "there",
        "here",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
    ]
)


def _capitalised_by_position(toks: list[Tok], i: int, j: int, state: ArticleState) -> bool:
    """A sentence's first word written with a capital only because it comes first: the
    article never capitalises it elsewhere, the graph does not know it, the French model
    does not see a name in it, and it is not an acronym or a brand in mixed case."""
    tok = toks[i]
    if (
        state.lang == "fr"
        and tok.pos in ("VERB", "AUX")
        and not state.gazetteer.get(tok.lower)
        and not MIXED_CASE.fullmatch(tok.text)
    ):
        return True  # "Suivront Mixtral en décembre": a verb, but not "ByteDance"
    if (
        state.lang == "fr"
        and tok.lower.endswith(("é", "ée", "és", "ées"))
        and i + 1 < len(toks)
        and toks[i + 1].lower in ("en", "par", "à", "au", "dans", "depuis", ",")
        and not state.gazetteer.get(tok.lower)
    ):
        return True  # "Cofondée en 2016 par ...": a participle
    if j - i > 1 or tok.lower in state.capitalised or state.gazetteer.get(tok.lower) or tok.ent:
        return False  # "Thrive Capital", "Ali Ghodsi": a run of capitals is a name
    if tok.text.isupper() or re.search(r"[a-z][A-Z]|\d", tok.text):
        return False  # "IVP", "xAI", "GPT-5"
    if tok.lower in ROLE_WORDS:
        return True  # "Senior executives said ...": a title word, not a name
    return tok.lower in state.lowercase or (
        state.lang == "en"
        and (
            tok.lower.endswith(("ed", "ing", "ly"))
            # "Financial terms were not disclosed": a common word by its ending
            or tok.lower.endswith(COMMON_WORD_ENDINGS)
            and i + 1 < len(toks)
            and toks[i + 1].text.isalpha()
            and toks[i + 1].text.islower()
        )
    )


COMMON_WORD_ENDINGS = ("ial", "ive", "ous", "ful", "less", "ary", "ory", "ment", "ness", "ers")


def _lower_name(toks: list[Tok], i: int) -> bool:
    """A lower-case company name ("io"), only when an apposition right after it says it is an
    organisation: "a racheté io, la jeune entreprise de ...", "bought io, the startup"."""
    tok = toks[i]
    if not re.fullmatch(r"[a-z][a-z0-9]{1,11}", tok.text) or tok.lower in NAME_STOP:
        return False
    if tok.lower in EN_STOP_WORDS or tok.lower in SENTENCE_STARTERS:
        return False  # "backed by A and B among others, the company ..."
    if (
        i == 0
        or toks[i - 1].pos in ("DET", "ADJ", "NOUN", "ADP")
        or toks[i - 1].lower in DETERMINERS | PREPOSITIONS - {"to"}
    ):
        return False  # "racheté io, ...", not "à peine, la société ..."
    nxt = [t.lower for t in toks[i + 1 : i + 5]]
    return (
        len(nxt) >= 3
        and nxt[0] == ","
        and nxt[1] in COREF_DETS | {"un", "une", "a", "an"}
        and (nxt[2] in ORG_CUE or nxt[2] in ("start", "jeune"))
    )


def _letter_name(toks: list[Tok], i: int, state: ArticleState) -> bool:
    """A one-letter name ("X", the social network): a capital the article writes more than
    once inside sentences, not a series, a class or an initial ("Series B", "J. Smith")."""
    tok = toks[i]
    if not tok.text.isupper() or tok.text in ("A", "I") or tok.lower not in state.capitalised:
        return False
    before = toks[i - 1].lower if i else ""
    after = toks[i + 1].text if i + 1 < len(toks) else ""
    if before in ("series", "série", "class", "classe", "round", "type", "plan", "phase", "tier"):
        return False
    if after == "." and i + 2 < len(toks) and toks[i + 2].text[:1].isupper():
        return False
    return state.letter_counts.get(tok.text, 0) >= 2


def _initial_name(toks: list[Tok], i: int, state: ArticleState) -> bool:
    """A capitalised first word that the French model does not tag as a name: one the article
    capitalises elsewhere, one the graph knows, or one in apposition with an organisation noun
    ("Cognition, la start-up qui ...")."""
    tok = toks[i]
    if not tok.text[:1].isupper() or tok.lower in NAME_STOP or tok.lower in NOT_NAMES:
        return False
    if tok.pos in ("VERB", "AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "ADV", "NUM"):
        return False
    if tok.lower in state.capitalised or state.gazetteer.get(tok.lower):
        return True
    second = toks[i + 1] if i + 1 < len(toks) else None
    if (
        second is not None
        and second.text[:1].isupper()
        and second.text.isalpha()
        and second.lower not in NAME_STOP
    ):
        return True  # "Formation Bio, anciennement TrialSpark": a run of capitals
    nxt = [t.lower for t in toks[i + 1 : i + 5]]
    return (
        len(nxt) >= 3
        and nxt[0] == ","
        and nxt[1] in COREF_DETS | {"un", "une", "l'"}
        and (nxt[2] in ORG_CUE or nxt[2] in ("start", "jeune"))
    )


def find_mentions(toks: list[Tok], state: ArticleState) -> list[Mention]:
    """Names (with the gazetteer's links and kinds) and nominal references of one sentence."""
    lang = state.lang
    mentions: list[Mention] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        first = i == 0 or toks[i - 1].text in ("«", '"', "“", "-", "–", "—", ":", "(")
        if _lower_name(toks, i):
            m = Mention(i, i + 1, tok.text, ORG)
            state.register(m)
            mentions.append(m)
            i += 1
            continue
        particle = (
            (not first or tok.text in ("AI", "IA"))
            and tok.text[:1].isupper()
            and tok.lower in NAME_PARTICLES - {"le"} | {"ai", "ia"}
            and i + 1 < n
            and _name_like(toks[i + 1], False, lang)
            and toks[i + 1].lower not in SENTENCE_STARTERS
        )  # "and De Freitas will join", "AI Mode", "AI Overviews"
        particle = particle or (
            lang == "en"
            and tok.text == "The"
            and not first
            and i + 1 < n
            and _name_like(toks[i + 1], False, lang)
            and toks[i + 1].lower not in SENTENCE_STARTERS
        )  # mid-sentence "The RealReal", "The Sims": part of the name
        particle = particle or (
            i + 2 < n
            and tok.text[:1].isupper()
            and toks[i + 1].text == "-"
            and toks[i + 2].text[:1].isupper()
            and tok.end == toks[i + 1].start
            and toks[i + 1].end == toks[i + 2].start
        )  # "Take-Two Interactive", "Rolls-Royce" open a sentence as names
        if (
            not particle
            and not _name_like(tok, first, lang)
            and not (first and lang == "fr" and _initial_name(toks, i, state))
        ):
            i += 1
            continue
        if tok.lower in ("le", "la") and not (i + 1 < n and _name_like(toks[i + 1], False, lang)):
            i += 1
            continue
        if (
            tok.lower.rstrip(".") in MONTH_ABBREVIATIONS
            and i + 1 < n
            and toks[i + 1].text.isdigit()
        ):
            i += 1  # "Sept 14", "Dec. 3": a date
            continue
        j = i + 1
        while j < n:
            t = toks[j]
            if (
                t.ent
                and toks[j - 1].ent
                and t.ent != toks[j - 1].ent
                and not _country_unit(toks, j)
            ):
                break  # "l'ancien patron de Google Eric Schmidt": two names
            if (
                j == i + 1
                and len(tok.text) == 1
                and tok.text.isupper()
                and t.text[:1].isupper()
                and search_key(t.text) in given_names()
            ):
                break  # "s'est félicité sur X Phil Spencer"; not "Y Combinator"
            if _name_like(t, False, lang) and t.lower not in ("le", "la"):
                j += 1
            elif (
                re.fullmatch(r"\d+(\.\d+)*[A-Za-z]?", t.text)
                and (j + 1 >= n or toks[j + 1].lower not in _UNIT_WORDS)
                and not re.fullmatch(r"(19|20)\d\d", t.text)
            ):
                j += 1  # "Llama 3.1", "Claude 3"
            elif t.text == "-" and j + 1 < n and toks[j + 1].lower in HYPHEN_PARTICIPLES:
                break  # "San Francisco-based HashiCorp", "Microsoft-backed OpenAI": two names
            elif (
                t.text in CONNECTORS
                and j + 1 < n
                and t.end == toks[j + 1].start
                and (t.start == toks[j - 1].end)
                and (toks[j + 1].text[:1].isalnum())
            ):
                j += 2  # "Run:ai", "Lip-Bu", "GPT-4", "AT&T"
            elif t.lower in ("ai", "ia") and j > i:
                j += 1
            elif t.lower == "of" and j + 1 < n and _name_like(toks[j + 1], False, lang):
                j += 2  # "Call of Duty", "Bank of America"
            elif _continues_institution(toks, i, j):
                j += 2  # "Center for AI Safety", "Center for Security and Emerging Technology"
            elif t.text == "&" and j + 1 < n and _name_like(toks[j + 1], False, lang):
                j += 2  # "Fidelity Management & Research Company"
            elif (
                t.text in ("'", "’")
                and lang == "en"
                and toks[j - 1].text.endswith("s")
                and t.start == toks[j - 1].end
                and j + 1 < n
                and _name_like(toks[j + 1], False, lang)
            ):
                j += 1  # "Ontario Teachers' Pension Plan"
            elif (
                t.lower in NAME_PARTICLES
                and t.text[0].isupper()
                and j + 1 < n
                and toks[j + 1].text[:1].isupper()
                and toks[j + 1].lower not in NAME_STOP
            ):
                j += 1  # "Daniel De Freitas"
            elif (
                t.lower in NAME_PARTICLES
                and j == i + 1
                and j + 1 < n
                and toks[j + 1].text[:1].isupper()
                and (lang == "en" or toks[i].ent == "PER")
                and (j + 2 >= n or not toks[j + 2].text[:1].isupper())
            ):
                j += 2  # "Aart de Geus", "Ursula von der Leyen" (one particle, one name)
            else:
                break
        # names do not end in a connector or start with a title
        while j > i + 1 and toks[j - 1].text in CONNECTORS:
            j -= 1
        k = i
        while k < j - 1 and toks[k].lower in ROLE_WORDS:
            k += 1
        if k > i and toks[k - 1].lower in ROLE_HEADS:
            i = k  # "Chief Executive Mark Zuckerberg", not "Financial Times"
        if first and not particle and _capitalised_by_position(toks, i, j, state):
            i += 1  # "Existing investors", "Based in Austin", "Suivront ..."
            if i >= j:
                continue
        i = _after_demonym(toks, i, j)  # "Chinese startup DeepSeek", "German Chancellor Scholz"
        if first and j - i > 1 and _category_word(toks[i].lower):
            i += 1  # "Chipmakers Nvidia and AMD": a capitalised common noun before the name
        span = toks[i:j]
        text = _join(span)
        if (
            text.lower() in NOT_NAMES
            or search_key(text) in demonyms()
            or not any(c.isalpha() for c in text)
            or (
                len(text) == 1
                and not state.gazetteer.get(text.lower())
                and not _letter_name(toks, i, state)
            )
        ):
            i = j
            continue
        kind = None
        ents = {t.ent for t in span if t.ent}
        words = text.lower().split()
        if (
            ents == {"PER"}
            and len(span) >= 2
            and words[-1] not in ORG_SUFFIX | PRODUCT_SUFFIX
            and not _described_as_org(toks, i)
            and not _org_apposition(toks, j)
        ):
            kind = PERSON  # the French model's names of people; its ORG and LOC are too noisy
        if len(words) >= 2 and words[-1] in PRODUCT_SUFFIX:
            kind = PRODUCT  # "Ernie Bot", "Grok Assistant"
        if any(re.fullmatch(r"\d+(\.\d+)*[a-z]?", t.lower) for t in span[1:]) or re.search(
            r"[A-Za-z]-?\d|\d[A-Za-z]", text
        ):
            kind = PRODUCT  # "GPT-4", "Llama 3.1", "H100", "MPT-7B"
        before = toks[i - 1].lower if i else ""
        before2 = toks[i - 2].lower if i > 1 else ""
        if (
            before in PERSON_CUE
            or before2 in ("chief", "ceo")
            and before in ("executive",)
            or before in ("executive", "officer")
            and before2 == "chief"
        ):
            kind = PERSON
        elif words[-1] in ORG_SUFFIX and len(words) > 1 or before in ORG_CUE and kind != PERSON:
            kind = ORG
        elif len(words) > 1 and {words[0], words[-1]} & INSTITUTION_HEADS:
            kind = ORG  # "Center for AI Safety", "Stanford University"
        if kind is None and (search_key(text) in places() or _dateline(toks, i, j)):
            kind = PLACE  # "investir 4 milliards en France": a place, unless the graph knows it
        elif kind is None and _given_name_first(text, words):
            kind = PERSON  # "Nikesh Arora", "Timothée Lacroix"
        if _joined(toks, j, 2) in ("-based", "-area"):
            kind = PLACE  # "Secaucus, New Jersey-based ZT Systems": the town too
            if i > 1 and toks[i - 1].text == "," and mentions and mentions[-1].end == i - 1:
                state.entities[mentions[-1].entity].kind = PLACE
        m = Mention(i, j, text, kind, possessed=before in POSSESSIVES)
        state.register(m)
        info = state.entities[m.entity]
        if before in ("start-up", "startup", "pousse") or (before == "up" and before2 == "-"):
            info.descriptors.add("startup")
        mentions.append(m)
        i = j
    mentions.extend(_common_noun_names(toks, state, mentions))
    mentions.extend(_coref_phrases(toks, state, mentions))
    _descriptors(toks, state, mentions)
    return sorted(mentions, key=lambda m: m.start)


PRODUCT_SUFFIX = word_set("bot chatbot assistant copilot")
MONTH_ABBREVIATIONS = word_set("jan feb mar apr jun jul aug sep sept oct nov dec")


def _dateline(toks: list[Tok], i: int, j: int) -> bool:
    """ "WALLDORF (Allemagne), 5 juin -", "NEW YORK, Sept 14 -": the town a story opens with."""
    return (
        i == 0
        and all(t.text.isupper() and t.text.isalpha() for t in toks[i:j])
        and len(toks[i].text) > 2
        and j < len(toks)
        and toks[j].text in (",", "(")
    )


def _country_unit(toks: list[Tok], j: int) -> bool:
    """ "Microsoft France", "Google France": a company's national unit ends with the country."""
    last = j + 1 >= len(toks) or not toks[j + 1].text[:1].isupper()
    return last and search_key(toks[j].text) in places() and toks[j - 1].ent == "ORG"


INSTITUTION_HEADS = word_set(
    "center centre institute foundation council alliance agency association society coalition"
    " school laboratory office commission university université college"
)


def _continues_institution(toks: list[Tok], i: int, j: int) -> bool:
    """ "for" after an institution word and then "and" inside its name, before a capital."""
    if j + 1 >= len(toks) or not toks[j + 1].text[:1].isupper():
        return False
    if toks[j].lower == "for":
        return toks[j - 1].lower in INSTITUTION_HEADS
    return toks[j].lower == "and" and any(x.lower == "for" for x in toks[i:j])


COMPANY_WORDS = ORG_CUE | COREF_NOUNS_EN.keys() | COREF_NOUNS_FR.keys()


def _category_word(word: str) -> bool:
    """A common noun that describes companies ("chipmaker", "rivals"), singular or plural."""
    return word in COMPANY_WORDS or (word.endswith("s") and word[:-1] in COMPANY_WORDS)


def _described_as_org(toks: list[Tok], i: int) -> bool:
    """ "la start-up franco-américaine Hugging Face": an organisation noun and adjectives
    right before the name."""
    k = i - 1
    while k >= 0 and k > i - 4 and toks[k].pos == "ADJ":
        k -= 1
    return k >= 0 and (toks[k].lower in ORG_CUE or toks[k].lower in ("up", "pousse"))


def _org_apposition(toks: list[Tok], j: int) -> bool:
    """An apposition after the name that calls it an organisation: "Aleph Alpha, la société
    qu'il dirige", "X, the start-up"."""
    words = [t.lower for t in toks[j : j + 4]]
    if len(words) < 3 or words[0] != ",":
        return False
    k = 2 if words[1] in COREF_DETS | {"un", "une", "a", "an", "cette"} else 1
    return k < len(words) and (words[k] in ORG_CUE or words[k] in ("start", "jeune"))


def _after_demonym(toks: list[Tok], i: int, j: int) -> int:
    """The start of a name after an adjective of origin and a title ("German Chancellor Olaf
    Scholz"); "Western Digital" and "American Express" keep theirs."""
    for width in (2, 1):
        if (
            i + width < j
            and search_key(_join(toks[i : i + width])) in demonyms()
            and toks[i + width].lower in ROLE_WORDS | DEMONYM_TITLES
        ):
            return i + width
    return i


DEMONYM_TITLES = word_set(
    "chancellor prime minister president premier chancelier ministre président présidente"
    " start-up startup giant group"
)


def _given_name_first(text: str, words: list[str]) -> bool:
    """ "Nikesh Arora", "Lip-Bu Tan": two to four words, the first a given name, the last not
    a company word ("Morgan Stanley" is excluded from the list, "Jasper AI" ends in one)."""
    key = search_key(text).split()
    if not 2 <= len(words) <= 4 or words[-1] in ORG_SUFFIX:
        return False
    return any(" ".join(key[:w]) in given_names() for w in (1, 2) if w < len(key))


NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "del", "bin", "al", "le"}
# titles written before a name ("Chief Executive Mark Zuckerberg"); the heads end a title
ROLE_MODIFIERS = word_set("chief financial operating technology technical senior vice co -")
ROLE_HEADS = word_set(
    "executive officer president chairman chairwoman chair director founder co-founder"
    " cofounder analyst spokesman spokeswoman spokesperson minister directeur directrice"
    " général générale président présidente fondateur cofondateur ministre porte-parole"
)
ROLE_WORDS = ROLE_MODIFIERS | ROLE_HEADS
_UNIT_WORDS = {
    "%",
    "milliards",
    "millions",
    "billion",
    "million",
    "salariés",
    "employés",
    "postes",
    "jobs",
    "ans",
    "years",
    "h",
    "heures",
}


def _joined(toks: list[Tok], i: int, n: int) -> str:
    """The lower-case text of ``n`` tokens written together ("start-up")."""
    span = toks[i : i + n]
    if len(span) < n or any(a.end != b.start for a, b in zip(span, span[1:])):
        return ""
    return "".join(t.lower for t in span)


def _join(span: list[Tok]) -> str:
    out = ""
    for k, t in enumerate(span):
        if k and span[k - 1].end != t.start:
            out += " "
        out += t.text
    return out


def _common_noun_names(toks: list[Tok], state: ArticleState, names: list[Mention]) -> list[Mention]:
    """Things the graph names with a common noun phrase ("de nouveaux outils d'achat
    personnalisés", "un standard ouvert"), linked when the article names their owner."""
    phrases = state.gazetteer.phrases
    if not phrases:
        return []
    taken = {i for m in names for i in range(m.start, m.end)}
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        if i in taken or search_key(toks[i].text) not in state.gazetteer.phrase_starts:
            i += 1
            continue
        best = None
        for j in range(min(len(toks), i + 8), i + 1, -1):
            if any(k in taken for k in range(i, j)):
                continue
            key = search_key(" ".join(t.text for t in toks[i:j]))
            hit = phrases.get(key)
            if hit and (hit[1] is None or hit[1] in state.entities):
                best = (j, hit[0])
                break
        if best is None:
            i += 1
            continue
        j, entry = best
        m = Mention(i, j, _join(toks[i:j]), entry.kind, entry.iri)
        state.register(m)
        state.entities[m.entity].name = entry.label
        out.append(m)
        i = j
    return out


def _coref_phrases(toks: list[Tok], state: ArticleState, names: list[Mention]) -> list[Mention]:
    nouns = COREF_NOUNS_FR if state.lang == "fr" else COREF_NOUNS_EN
    taken = {i for m in names for i in range(m.start, m.end)}
    out = []
    for i, tok in enumerate(toks):
        if tok.lower not in COREF_DETS:
            continue
        j = i + 1
        modifier = next((m for m in names if m.start == j), None)
        after = modifier.end if modifier is not None else 0
        if _joined(toks, after, 2) == "-based":
            after += 2  # "the Paris-based company"
        if (
            modifier is not None
            and state.lang == "en"
            and tok.lower in ("the", "this")
            and after < len(toks)
            and (
                toks[after].lower in nouns
                or _joined(toks, after, 3) in nouns  # "the San Francisco start-up"
            )
            and after + 1 not in taken
            and state.entities[modifier.entity].kind != PERSON
        ):
            if toks[after].lower in MAKER_NOUNS:
                info = state.entities[modifier.entity]
                info.kind = info.kind or PRODUCT  # "the iPhone maker": iPhone is a product
                # "The iPhone maker has teamed up ...": the maker noun alone is the reference;
                # the product stays a name ("the ChatGPT maker" built ChatGPT)
                k = modifier.end
                out.append(Mention(k, k + 1, toks[k].text, "company", coref=True))
                continue
            # "The San Francisco startup was founded by ...": a place or a maker's name as a
            # modifier of a reference, not the subject
            names.remove(modifier)
            taken -= set(range(modifier.start, modifier.end))
            j = after
        while j < len(toks) and j <= i + (4 if state.lang == "en" else 3):
            low = toks[j].lower
            if low == "start" and j + 2 < len(toks) and toks[j + 2].lower == "up":
                low, end = "start-up", j + 3
            else:
                end = j + 1
            if low in ("jeune",) and j + 1 < len(toks) and toks[j + 1].lower == "pousse":
                low, end = "pousse", j + 2
            if low in nouns:
                if low in ("dernière", "dernier") and tok.lower not in ("cette", "ce"):
                    break
                if (low in MAKER_NOUNS or low in ("concepteur", "développeur")) and (
                    j + 1 < len(toks)
                    and toks[j + 1].lower in ("of", "behind", "de", "d'", "du")
                    and j + 2 in taken
                ):
                    break  # "the maker of ChatGPT": a description (rule_org_roles)
                while end < len(toks) and toks[end].pos == "ADJ":
                    end += 1
                owner = next((m for m in names if m.start == end + 1), None)
                if (
                    owner is not None
                    and toks[end].lower in ("de", "d'", "du", "of")
                    and state.entities[owner.entity].kind != PLACE
                ):
                    break  # "le laboratoire parisien de Meta": Meta's lab, not a reference
                place = next((m for m in names if m.start == end + 1), None)
                if (
                    place is not None
                    and toks[end].lower in ("de", "d'")
                    and state.entities[place.entity].kind == PLACE
                ):
                    names.remove(place)  # "le géant de Redmond": the place describes it
                    taken -= set(range(place.start, place.end))
                    end = place.end
                k = end
                if (
                    k + 1 < len(toks)
                    and toks[k].lower in ("de", "d'", "des", "du")
                    and toks[k + 1].pos == "NOUN"
                ):
                    k += 2  # "le fabricant américain de semi-conducteurs AMD", "le géant des puces"
                    while k < len(toks) and toks[k].pos == "ADJ":
                        k += 1
                    if k not in taken:
                        k = end
                if k < len(toks) and k in taken:
                    named = next((x for x in names if x.start == k), None)
                    if named is not None:
                        state.entities[named.entity].descriptors.add(descriptor(low, nouns))
                    break  # "la start-up Butterfly": a description, not a reference
                if any(k in taken for k in range(i, end)):
                    break
                m = Mention(i, end, " ".join(t.text for t in toks[i:end]), nouns[low], coref=True)
                out.append(m)
                break
            if (
                toks[j].pos in ("ADJ",)
                or (
                    state.lang == "en"
                    and toks[j].lower
                    in (
                        "ai",
                        "software",
                        "cloud",
                        "chip",
                        "tech",
                        "search",
                        "social",
                        "media",
                        "data",
                        "security",
                        "american",
                        "chinese",
                        "french",
                        "us",
                        "new",
                        "young",
                        "same",
                        "and",
                    )
                    and not (toks[j].lower == "and" and j == i + 1)
                )
                or toks[j].text in ("AI", "IA")
                or (
                    state.lang == "en"
                    and toks[j].text.isalpha()
                    and toks[j].lower not in NAME_STOP
                    and j + 1 < len(toks)
                    and toks[j + 1].lower in nouns
                )
            ):
                j += 1
                continue
            break
    return out


def _descriptors(toks: list[Tok], state: ArticleState, mentions: list[Mention]) -> None:
    """ "Run:ai, une start-up israélienne", "le laboratoire parisien Kyutai": the nouns that
    describe a name, so that "la start-up" or "le laboratoire" later finds it."""
    nouns = COREF_NOUNS_FR if state.lang == "fr" else COREF_NOUNS_EN
    for m in mentions:
        if m.coref:
            continue
        info = state.entities[m.entity]
        words: list[str] = []
        k = m.end
        if k < len(toks) and toks[k].lower == ",":
            words = [t.lower for t in toks[k + 1 : k + 5]]
            noun = next(
                (n for n in range(k + 2, min(len(toks), k + 5)) if toks[n].lower in nouns), None
            )
            if noun is not None and opens_clause(toks, noun + 1):
                words = []  # "..., l'entreprise a connu": a new subject, not an apposition
            if "start" in words or "startup" in words or "pousse" in words:
                info.descriptors.add("startup")
                info.kind = info.kind or ORG
            elif any(w in ORG_CUE for w in words[:3]) and info.kind is None:
                info.kind = ORG
            if not words or words[0] not in DETERMINERS | COREF_DETS | {"un", "une", "a", "an"}:
                words = []  # only an apposition ("Kyutai, le laboratoire ...") describes it
        j = m.start - 1
        while j > 0 and toks[j].pos == "ADJ" and m.start - j < 3:
            j -= 1
        if j > 0 and toks[j - 1].lower in DETERMINERS | COREF_DETS:
            words.append(toks[j].lower)  # "le laboratoire parisien Kyutai"
        for w in words:
            if w in nouns and nouns[w] != "last":
                info.descriptors.add(descriptor(w, nouns))
                if w != "plateforme":  # a platform may be a product
                    info.kind = info.kind or ORG
