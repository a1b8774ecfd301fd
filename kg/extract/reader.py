"""Reading an article: bytes to text, header lines, HTML and Markdown, language, sentences.

Nothing here needs spaCy, so bad input is refused before any model is loaded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError


def _words(text: str) -> list[str]:
    return text.split()


MAX_BYTES = 5 * 1024 * 1024  # one news article is a few kB; 5 MB is far beyond any of them
HEADER_KEYS = ("source", "date", "title", "url", "lang")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}

# Frequent short words of each language: enough to tell French from English, and both from the
# languages kg does not read.
STOPWORDS = {
    "fr": set(
        _words(
            "le la les des du de et est une un pour dans sur qui que au aux avec par à son sa ses"
            " été ont cette ce il elle ne pas plus leur être avait sont"
        )
    ),
    "en": set(
        _words(
            "the and of to in is was for on that with by its has have from as at will said it"
            " are were be this which who their an"
        )
    ),
    "es": set(_words("el los las y del con por una es se para como más pero sus al lo")),
    "de": set(_words("der die das und ist nicht mit von zu den ein eine auf für sich dem im")),
    "it": set(_words("il di che e per della gli sono nel alla anche come più dei delle")),
    "pt": set(_words("o os as e do da dos das em um uma para com não por mais que")),
    "nl": set(_words("de het een en van is op te dat die voor met zijn niet aan er")),
}
LANGUAGE_NAMES = {
    "es": "Spanish",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}
SUPPORTED = ("fr", "en")


@dataclass
class Sentence:
    """A sentence of the article with its character offsets in :attr:`Article.text`."""

    text: str
    start: int
    end: int


@dataclass
class Article:
    """One article, decoded, with its header fields and a content hash that names it."""

    text: str
    name: str
    sha256: str
    body_start: int = 0
    source: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    lang: str | None = None
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def short_hash(self) -> str:
        return self.sha256[:16]


def read_article(path: Path | str, lang: str | None = None) -> Article:
    """Read a text, Markdown or HTML file as an article; refuse what is not one."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"{path}: too large for an article ({size / 1e6:.1f} MB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MB): split it or pass the article text only"
        )
    return parse_article(path.read_bytes(), path.name, suffix=path.suffix.lower(), lang=lang)


def parse_article(
    data: bytes, name: str = "<stdin>", suffix: str = ".txt", lang: str | None = None
) -> Article:
    """Decode and parse article bytes; ``lang`` forces the language."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large for an article ({len(data) / 1e6:.1f} MB)")
    text, encoding = decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    is_html = suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text, re.I)
    meta: dict[str, str] = {}
    if is_html:
        text, meta = html_to_text(text)
    elif suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    if not text.strip():
        raise InputError(f"{name}: empty: there is no text to read")
    header, body_start = parse_header(text)
    for key, value in meta.items():
        header.setdefault(key, value)
    if not text[body_start:].strip():
        raise InputError(f"{name}: only header lines, no article text")
    article = Article(
        text=text,
        name=name,
        sha256=hashlib.sha256(text[body_start:].strip().encode("utf-8")).hexdigest(),
        body_start=body_start,
        source=header.get("source"),
        date=normalise_date(header.get("date")),
        title=header.get("title"),
        url=header.get("url"),
        encoding=encoding,
    )
    if encoding != "utf-8":
        article.notes.append(f"{name}: not UTF-8; read as {encoding}")
    forced = lang or header.get("lang")
    if forced:
        if forced not in SUPPORTED:
            raise InputError(f"{name}: unsupported language {forced!r} (kg reads fr and en)")
        article.lang = forced
    else:
        article.lang = detect_language(article.body, name)
    if article.title is None:
        first = article.body.strip().split("\n", 1)[0].strip()
        if 0 < len(first) <= 200 and not first.endswith("."):
            article.title = first
    return article


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8, else Windows-1252 (cp1252) or Latin-1; binary data is refused."""
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(f"{name}: a binary file, not text (kg ingest reads text, Markdown, HTML)")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252 (Windows-1252)"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1 (ISO-8859-1)"
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 20):
        raise InputError(f"{name}: a binary file, not text (kg ingest reads text, Markdown, HTML)")
    return text, encoding


HEADER_LINE = re.compile(r"^\s*(source|date|title|url|lang)\s*:\s*(.*?)\s*$", re.I)
INLINE_DATE = re.compile(r"^\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})\s+")


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """Header lines (``source:``, ``date:``, ``title:``) at the top; where the body starts."""
    header: dict[str, str] = {}
    pos = 0
    lines = text.split("\n")
    for line in lines:
        match = HEADER_LINE.match(line)
        if match and match.group(2):
            header[match.group(1).lower()] = match.group(2)
            pos += len(line) + 1
        elif not line.strip() and header:
            pos += len(line) + 1
            break
        else:
            break
    inline = INLINE_DATE.match(text[pos:])
    if inline and "date" not in header:
        header["date"] = inline.group(1)
        pos += inline.end()
    return header, min(pos, len(text))


def normalise_date(value: str | None) -> str | None:
    """An ISO date (``2026-01-29``, ``2026-01``, ``2026``) from a header value, else None."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return None
    return "-".join(g for g in match.groups() if g)


class _HtmlText(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}
    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key in ("article:published_time", "date", "dc.date") and attrs.get("content"):
                self.meta.setdefault("date", attrs["content"])
        elif tag == "time" and attrs.get("datetime"):
            self.meta.setdefault("date", attrs["datetime"])
        elif tag == "html" and attrs.get("lang"):
            self.meta.setdefault("lang", attrs["lang"][:2].lower())
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The visible text of an HTML page, one block a line, and its title/date/lang."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title).split())
    if title:
        meta["title"] = title
    if meta.get("lang") not in SUPPORTED:
        meta.pop("lang", None)
    return "\n".join(line for line in lines if line), meta


def markdown_to_text(text: str) -> str:
    """Markdown without its markup: headings, emphasis, links, images, code fences."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    return text


def detect_language(text: str, name: str = "") -> str:
    """``fr`` or ``en`` from frequent short words; other languages are refused."""
    words = re.findall(r"[^\W\d_]+", text.lower()[:20000])
    if len(words) < 3:
        raise InputError(f"{name}: too little text to tell its language (use --lang fr|en)")
    scores = {lang: sum(w in stop for w in words) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < max(1, len(words) * 0.03):
        if len(words) < 15 and re.search(r"\b[sldjnmc]['’]\w|[éèêàçùœ]", text):
            return "fr"  # a headline-like sentence: elisions and accents are French
        raise InputError(
            f"{name}: cannot tell the language; kg reads French and English (force with --lang)"
        )
    if best not in SUPPORTED and scores[best] <= max(scores["fr"], scores["en"]):
        best = "fr" if scores["fr"] >= scores["en"] else "en"
    if best not in SUPPORTED:
        if scores["fr"] >= scores[best] * 0.8 or scores["en"] >= scores[best] * 0.8:
            return "fr" if scores["fr"] >= scores["en"] else "en"
        raise InputError(
            f"{name}: unsupported language (looks {LANGUAGE_NAMES[best]}); "
            "kg reads French and English (force with --lang fr|en)"
        )
    return best


ABBREVIATIONS = {
    "m",
    "mm",
    "mme",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "inc",
    "corp",
    "ltd",
    "co",
    "jr",
    "sr",
    "vs",
    "etc",
    "no",
    "p",
    "u.s",
    "e.g",
    "i.e",
}
_BOUNDARY = re.compile(r"([.!?…]+[»\"”’)]*)(\s+)(?=[«\"“(‘'A-ZÀ-ÖØ-Ý0-9])")


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences with offsets: a line break ends one, and so do . ! ? before a capital."""
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cut = 0
        for match in _BOUNDARY.finditer(line):
            before = line[cut : match.start()].rsplit(None, 1)
            word = before[-1].lower().rstrip(".") if before else ""
            if match.group(1) == "." and (word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word)):
                continue
            _add(sentences, line, cut, match.end(1), start + offset)
            cut = match.end()
        _add(sentences, line, cut, len(line), start + offset)
    return sentences


def _add(sentences: list[Sentence], line: str, a: int, b: int, base: int) -> None:
    chunk = line[a:b]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = base + a + lead
    sentences.append(Sentence(stripped, s, s + len(stripped)))
