"""A remote SPARQL 1.1 server as a kg backend, and ``kg push`` to load the graph there.

:class:`RemoteStore` implements :class:`kg.store.Backend` over HTTP with the standard library:
queries go out with the SPARQL 1.1 Protocol, answers come back through pyoxigraph's own
parsers, so every command sees the same pyoxigraph objects as on the embedded store.

Bound values never enter the query as user text: they are written as a ``VALUES`` block of
pyoxigraph terms (``str(term)`` is N-Triples, escaped by the library) at the start of the
query's ``WHERE`` group. Errors never repeat what the remote server answered, only its status.
"""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.model import INDEX_GRAPH, PREFIXES
from kg.store import LocalStore, Result, Term

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9,"
    " text/tab-separated-values;q=0.8, application/n-triples, text/turtle;q=0.9,"
    " application/rdf+xml;q=0.5"
)
USER_AGENT = "kg (SPARQL 1.1 client)"
_TOKEN_LIKE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)


def redact(url: str) -> str:
    """The URL without user name, password or query string, for messages."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class _Http:
    """Requests to one server, with its authentication, turning failures into KgError."""

    def __init__(self, url: str, *, token: str | None, timeout: float, what: str) -> None:
        parts = urllib.parse.urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(
                f"{url!r} is not an http(s) URL: give the server's full address, such as"
                " http://localhost:7878/query"
            )
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        self.url = urllib.parse.urlunsplit(
            (parts.scheme, netloc, parts.path or "/", parts.query, "")
        )
        self.auth = f"Bearer {token}" if token else None
        handlers: list = [_NoRedirect]
        if parts.username is not None and not token:
            # user:password@ in the URL: Basic sent at once, Digest (Virtuoso) when challenged
            passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
            user = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
            passwords.add_password(None, self.url, user, password, is_authenticated=True)
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self.opener = urllib.request.build_opener(*handlers)
        self.shown = redact(url)
        self.timeout = timeout
        self.what = what

    def send(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: dict[str, str],
    ) -> tuple[str, bytes]:
        """Send one request; return the answer's media type and body."""
        headers = {"User-Agent": USER_AGENT, **headers}
        if self.auth:
            headers["Authorization"] = self.auth
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                media = response.headers.get_content_type()
                return media, response.read()
        except urllib.error.HTTPError as exc:
            exc.close()
            raise KgError(self._status_message(exc.code)) from None
        except TimeoutError:
            raise KgError(
                f"the {self.what} at {self.shown} did not answer within {self.timeout:g} s"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            text = getattr(reason, "strerror", None) or str(reason)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                text = f"no answer within {self.timeout:g} s"
            raise KgError(
                f"cannot reach the {self.what} at {self.shown} ({text}): is the server running?"
                " (check --endpoint or KG_ENDPOINT)"
            ) from None
        except (ConnectionError, OSError) as exc:
            raise KgError(
                f"the connection to the {self.what} at {self.shown} failed"
                f" ({exc.strerror or type(exc).__name__})"
            ) from None

    def _status_message(self, code: int) -> str:
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "unknown status"
        hint = {
            400: "it refused the request as malformed (a syntax error, or SPARQL it lacks)",
            401: "it wants credentials: pass --token, or user:password@ in the URL",
            403: "it refuses this client or this operation",
            404: "no service at this address: check the path (see docs/remote.md)",
            405: "this address does not take this request: check the path (docs/remote.md)",
            413: "the request is too large for it",
            415: "it does not take this media type (see docs/remote.md)",
        }.get(code, "see the server's own log for why")
        return f"the {self.what} at {self.shown} answered HTTP {code} {phrase}: {hint}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Never follow a redirect with a query or data in it to another address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401
        return None


class RemoteStore:
    """Any SPARQL 1.1 query service, used through the same interface as the embedded store."""

    def __init__(self, endpoint: str, *, token: str | None = None, timeout: float = 30) -> None:
        self.http = _Http(endpoint, token=token, timeout=timeout, what="SPARQL endpoint")
        self.endpoint = self.http.url

    def __repr__(self) -> str:
        return f"RemoteStore({self.http.shown!r})"

    def query(self, sparql: str, bindings: dict[str, Term] | None = None) -> Result:
        """Run a query on the server; bound variables are sent as a VALUES block."""
        text = with_prefixes(with_values(sparql, bindings or {}))
        body = urllib.parse.urlencode({"query": text}).encode()
        media, data = self.http.send(
            "POST",
            self.endpoint,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT},
        )
        return parse_answer(media, data, self.http.shown)

    def update(self, sparql: str) -> None:
        raise KgError(
            "kg does not change a remote store: build and change the local one, then"
            " `kg push --endpoint URL` it"
        )

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad the server holds, kg's search index left out."""
        rows = self.query(
            "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION "
            f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INDEX_GRAPH}>) }} }}"
        )
        for row in rows:
            graph = row["g"] if row["g"] is not None else ox.DefaultGraph()
            yield ox.Quad(row["s"], row["p"], row["o"], graph)

    def __len__(self) -> int:
        """The number of triples the server holds, kg's search index left out."""
        rows = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
            f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INDEX_GRAPH}>) }} }}"
        )
        return int(next(iter(rows))["n"].value)


def parse_answer(media: str, data: bytes, shown: str) -> Result:
    """Turn a server's answer into pyoxigraph results (solutions, boolean or triples)."""
    try:
        if media in RESULT_FORMATS:
            return ox.parse_query_results(data, RESULT_FORMATS[media])
        if media in GRAPH_FORMATS:
            graph = ox.Store()
            graph.extend(
                ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                for t in ox.parse(data, GRAPH_FORMATS[media])
            )
            return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
    except (SyntaxError, ValueError):
        raise KgError(f"the SPARQL endpoint at {shown} sent an answer kg cannot read") from None
    raise KgError(
        f"the SPARQL endpoint at {shown} answered in {media or 'an unnamed format'},"
        " which is not a SPARQL result format"
    )


# --- writing bindings and prefixes into the text -------------------------------------------


def _blank_tokens(sparql: str) -> str:
    """The text with strings, IRIs and comments blanked out, positions unchanged."""
    return _TOKEN_LIKE.sub(lambda m: " " * len(m.group(0)), sparql)


def with_values(sparql: str, bindings: dict[str, Term]) -> str:
    """The query with ``VALUES (?a ?b) { (t1 t2) }`` first in its WHERE group."""
    if not bindings:
        return sparql
    for name, term in bindings.items():
        if isinstance(term, ox.BlankNode):
            raise InputError(f"a blank node cannot be sent to a remote server (?{name})")
    names = " ".join(str(ox.Variable(name)) for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    at = _where_group(_blank_tokens(sparql))
    return sparql[: at + 1] + block + sparql[at + 1 :]


def _where_group(code: str) -> int:
    """Where the query's WHERE group opens: the index of its ``{``."""
    form = re.search(r"(?i)\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", code)
    if not form:
        raise InputError("values can only be bound in a SELECT, CONSTRUCT, DESCRIBE or ASK query")
    start = form.end()
    if form.group(1).upper() == "CONSTRUCT":
        where = re.compile(r"(?i)\bWHERE\b").search(code, start)
        brace = code.find("{", start)
        if where is None or (brace != -1 and brace > where.start()):
            raise InputError("values cannot be bound in the short form CONSTRUCT WHERE { ... }")
        start = where.end()
    brace = code.find("{", start)
    if brace == -1:
        raise InputError("values can only be bound in a query with a WHERE { ... } group")
    return brace


def with_prefixes(sparql: str) -> str:
    """Declare kg's usual prefixes (kg:, id:, ...) that the query uses but does not declare."""
    code = _blank_tokens(sparql)
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", code)}
    used = set(re.findall(r"(?<![\w?$])([A-Za-z][\w.-]*):", code))
    missing = [p for p in PREFIXES if p in used and p.lower() not in declared]
    lines = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing)
    return lines + sparql


# --- pushing the local store -----------------------------------------------------------------


@dataclass
class PushReport:
    """What ``kg push`` sent: triples per graph, and how long it took."""

    graphs: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def graph_url(base: str, graph: str | None) -> str:
    """The Graph Store Protocol address of one graph: ``?default`` or ``?graph=IRI``."""
    sep = "&" if urllib.parse.urlsplit(base).query else "?"
    if graph is None:
        return f"{base}{sep}default"
    return f"{base}{sep}graph={urllib.parse.quote(graph, safe='')}"


def push(
    store: LocalStore,
    url: str,
    *,
    token: str | None = None,
    replace: bool = False,
    default_graph: str | None = None,
    media_type: str = "application/n-triples",
    batch: int = 50_000,
    timeout: float = 300,
    progress: Callable[[str, int], None] | None = None,
) -> PushReport:
    """Send every graph of ``store`` (with kg's search index) to a Graph Store Protocol URL.

    Each graph goes as N-Triples to ``URL?default`` or ``URL?graph=IRI``: POST adds to what
    the server holds, PUT (``replace``) first empties each graph that kg sends. With
    ``default_graph``, the default graph's triples go to that named graph instead (for servers
    whose default graph is the union of the named ones, such as Virtuoso and QLever).
    N-Triples is a subset of Turtle, so ``media_type="text/turtle"`` suits servers that do
    not name N-Triples.
    """
    started = time.perf_counter()
    http = _Http(url, token=token, timeout=timeout, what="graph store")
    if default_graph is not None:
        try:
            ox.NamedNode(default_graph)
        except ValueError:
            raise InputError(f"--default-graph {default_graph!r} is not an IRI") from None
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs += sorted(store.store.named_graphs(), key=str)
    report = PushReport()
    for graph in graphs:
        if isinstance(graph, ox.BlankNode):
            raise KgError("the store has a graph named by a blank node, which cannot be pushed")
        name = default_graph if isinstance(graph, ox.DefaultGraph) else graph.value
        target = graph_url(http.url, name)
        triples = (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.store.quads_for_pattern(None, None, None, graph)
        )
        sent = 0
        method = "PUT" if replace else "POST"
        for chunk in _chunks(triples, batch):
            body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)
            http.send(method, target, body, {"Content-Type": media_type})
            method = "POST"
            sent += len(chunk)
        if sent:
            report.graphs[name or "default graph"] = sent
            if progress:
                progress(name or "default graph", sent)
    if not report.graphs:
        raise KgError("the store is empty: nothing to push (run `kg build` first)")
    report.seconds = time.perf_counter() - started
    return report


def write_dataset(store: LocalStore, path: Path, *, default_graph: str | None = None) -> int:
    """Write what ``push`` would send, as one N-Quads file (for bulk loaders); return its size.

    With ``default_graph``, the default graph's triples go into that named graph.
    """
    target = ox.NamedNode(default_graph) if default_graph else ox.DefaultGraph()
    quads = (
        ox.Quad(q.subject, q.predicate, q.object, target)
        if isinstance(q.graph_name, ox.DefaultGraph)
        else q
        for q in store.store
    )
    count = 0

    def counted():
        nonlocal count
        for quad in quads:
            count += 1
            yield quad

    try:
        with path.open("wb") as out:
            ox.serialize(counted(), out, ox.RdfFormat.N_QUADS)
    except OSError as exc:
        raise KgError(f"cannot write {path}: {exc.strerror}") from None
    return count


def _chunks(items: Iterator[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    chunk: list[ox.Triple] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
