"""``kg serve``: a SPARQL 1.1 query service over the store, with a query page and entity pages.

The HTTP side runs in this process (standard library ``ThreadingHTTPServer``); every query runs
in a worker process that opens the store read-only. pyoxigraph has no query timeout, so a query
past its time is stopped by killing its worker, which is replaced while the other workers go on
answering. What a worker sends back is plain data (bytes, dicts), never live store objects.

Safe by default: loopback only, read-only (updates only with ``--allow-update`` and a bearer
token), SERVICE and LOAD refused, a row cap, a request body limit, no CORS unless asked, and
every value shown in a page goes through :func:`html.escape`.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import json
import multiprocessing
import os
import queue
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError, NotFound

# --- settings --------------------------------------------------------------------------------

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BODY = 1 << 20  # 1 MiB
MEMORY_QUADS = 2_000_000  # a read-only server copies a store up to this size into memory


@dataclass
class ServeConfig:
    """How ``kg serve`` runs: where, on which store, and its limits."""

    store: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_body: int = DEFAULT_MAX_BODY
    workers: int = 2
    allow_update: bool = False
    token: str | None = None
    cors: bool = False
    quiet: bool = False
    memory: str = "auto"  # "auto", "yes" or "no": query a copy of the store held in memory

    def check(self) -> None:
        if self.allow_update and not self.token:
            raise InputError(
                "--allow-update needs --token T (clients send Authorization: Bearer T)"
            )
        if self.token and len(self.token) < 8:
            raise InputError("--token is too short: use at least 8 characters")
        if self.timeout <= 0 or self.max_rows < 1 or self.max_body < 1024 or self.workers < 1:
            raise InputError(
                "--timeout, --max-rows, --max-body (>= 1024) and --workers must be positive"
            )


# --- content negotiation ---------------------------------------------------------------------

TABLE_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
FORMAT_NAMES = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "ttl": "ttl",
    "turtle": "ttl",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "rdfxml": "rdfxml",
    "rdf": "rdfxml",
}


def negotiate(accept: str | None, fmt: str | None, kind: str) -> str | None:
    """The format to answer in for a result of ``kind`` ("table" or "graph"); None if none fits.

    An explicit ``format`` parameter wins; otherwise the Accept header, by q-value then order.
    """
    allowed = TABLE_TYPES if kind == "table" else GRAPH_TYPES
    if fmt:
        name = FORMAT_NAMES.get(fmt.strip().lower())
        return name if name in allowed else None
    if not accept or not accept.strip():
        return next(iter(allowed))
    choices: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            for i, name in enumerate(allowed):
                if family == "*" or allowed[name].startswith(family + "/"):
                    choices.append((q - 0.0001 * (i + 1), order + 1000, name))
        elif _MEDIA.get(media) in allowed:
            choices.append((q, order, _MEDIA[media]))
    if not choices:
        return None
    return max(choices, key=lambda c: (c[0], -c[1]))[2]


# --- running queries (in a worker) ---------------------------------------------------------


@dataclass
class Reply:
    """A worker's answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _text_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


def dataset_options(store, text: str, default_graphs=(), named_graphs=()) -> dict:
    """pyoxigraph query options for the dataset a query runs on.

    The protocol's default-graph-uri / named-graph-uri win, then the query's own FROM; else
    the default graph is every data graph: the store's default graph and its named graphs,
    kg's search index aside (as ``kg export`` sees the data). On a store built by ``kg build``
    that is the default graph alone, the fastest case.
    """
    from kg.model import INDEX_GRAPH

    if default_graphs or named_graphs:
        options: dict = {
            "default_graph": [ox.NamedNode(g) for g in default_graphs] or ox.DefaultGraph()
        }
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return options
    if _has_from(text):
        return {}
    index = ox.NamedNode(INDEX_GRAPH)
    data = [g for g in store.store.named_graphs() if g != index]
    return {"default_graph": [ox.DefaultGraph(), *data]} if data else {}


class _Enough(Exception):
    """Raised by the writer below once it holds more rows than the cap."""


class _LineWriter:
    """A file-like sink that stops pyoxigraph's TSV writer past ``cap`` rows."""

    def __init__(self, cap: int) -> None:
        self.buffer = bytearray()
        self.lines = 0
        self.cap = cap

    def write(self, data: bytes) -> int:
        self.buffer += data
        self.lines += data.count(b"\n")
        if self.lines > self.cap + 1:
            raise _Enough
        return len(data)

    def flush(self) -> None:
        pass


def capped_solutions(raw, cap: int):
    """At most ``cap`` solutions, as native pyoxigraph results, and whether some were left.

    The solutions go through pyoxigraph's own TSV writer and parser (one term per cell, one
    row per line, lossless), so the answer is written natively in any result format.
    """
    sink = _LineWriter(cap)
    truncated = False
    try:
        raw.serialize(sink, ox.QueryResultsFormat.TSV)
    except _Enough:
        truncated = True
    data = bytes(sink.buffer)
    if truncated:
        data = b"\n".join(data.split(b"\n")[: cap + 1]) + b"\n"
    return ox.parse_query_results(data, ox.QueryResultsFormat.TSV), truncated


def run_query(store, job: dict) -> Reply:
    """Run a protocol query in a worker and write the answer in the negotiated format."""
    from kg.model import PREFIXES

    text = job["text"]
    options = dataset_options(
        store, text, job.get("default_graphs", ()), job.get("named_graphs", ())
    )
    try:
        raw = store.store.query(text, prefixes=PREFIXES, **options)
    except SyntaxError as exc:
        return _text_reply(400, f"SPARQL syntax error: {exc}")
    kind = "graph" if isinstance(raw, ox.QueryTriples) else "table"
    fmt = negotiate(job.get("accept"), job.get("format"), kind)
    if fmt is None:
        names = ", ".join(TABLE_TYPES.values() if kind == "table" else GRAPH_TYPES.values())
        return _text_reply(406, f"no acceptable format for this result: this one offers {names}")
    cap = job["max_rows"]
    headers: dict[str, str] = {}
    if kind == "graph":
        triples = []
        for triple in raw:
            if len(triples) == cap:
                headers["KG-Truncated"] = str(cap)
                break
            triples.append(triple)
        prefixes = PREFIXES if fmt == "ttl" else None
        body = ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes)
        return Reply(200, GRAPH_TYPES[fmt], body, headers)
    if isinstance(raw, ox.QuerySolutions):
        raw, truncated = capped_solutions(raw, cap)
        if truncated:
            headers["KG-Truncated"] = str(cap)
    return Reply(200, TABLE_TYPES[fmt], raw.serialize(format=RESULT_FORMATS[fmt]), headers)


RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


def _has_from(sparql: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED), which then holds."""
    from kg.query import _code_only

    return re.search(r"(?i)\bFROM\b", _code_only(sparql)) is not None


def run_table(store, job: dict) -> dict:
    """Run a query for the query page: rows of (text, link, full value) cells."""
    from kg.model import PREFIXES
    from kg.terms import display

    try:
        raw = store.store.query(
            job["text"], prefixes=PREFIXES, **dataset_options(store, job["text"])
        )
    except SyntaxError as exc:
        return {"error": f"SPARQL syntax error: {exc}"}
    cap = job["max_rows"]

    def cell(term) -> tuple[str, str | None, str]:
        if term is None:
            return ("", None, "")
        if isinstance(term, ox.NamedNode):
            return (display(term), entity_href(term.value), term.value)
        if isinstance(term, ox.Literal) and term.language:
            return (display(term), None, f"{term.value} @{term.language}")
        return (display(term), None, term.value if isinstance(term, ox.Literal) else str(term))

    if isinstance(raw, ox.QueryBoolean):
        return {"kind": "ask", "boolean": bool(raw)}
    if isinstance(raw, ox.QueryTriples):
        variables, source = (
            ["subject", "predicate", "object"],
            ((t.subject, t.predicate, t.object) for t in raw),
        )
        kind = "graph"
    else:
        variables = [v.value for v in raw.variables]
        source = (tuple(s[n] for n in variables) for s in raw)
        kind = "select"
    rows, truncated = [], False
    for row in source:
        if len(rows) == cap:
            truncated = True
            break
        rows.append([cell(t) for t in row])
    return {"kind": kind, "variables": variables, "rows": rows, "truncated": truncated}


def entity_href(iri: str) -> str | None:
    """The page of an entity of kg's ``id:`` namespace, or None for other IRIs."""
    from kg.model import ID

    if iri.startswith(ID) and len(iri) > len(ID):
        return "/entity/" + urllib.parse.quote(iri[len(ID) :], safe="")
    return None


def neighbourhood_html(backend, entity: str, lang: str = "en") -> str | None:
    """The entity's neighbourhood as a ``kg viz`` page (self-contained HTML), or None when
    it cannot be drawn; the entity page shows it in a sandboxed iframe."""
    from kg.model import shorten
    from kg.viz import viz

    try:
        return viz(backend, [shorten(entity)], depth=1, lang=lang).html
    except KgError:
        return None


def run_entity(store, job: dict) -> dict:
    """The card of one entity (and its neighbourhood graph) for an entity page."""
    from kg.lookup import card

    try:
        node = ox.NamedNode(job["iri"])
    except ValueError:
        return {"missing": True}
    if not store.query("ASK { ?e ?p ?o }", {"e": node}):
        return {"missing": True}
    found = card(store, node, job.get("lang", "en"))
    return {"card": found.to_dict(), "viz": neighbourhood_html(store, node.value, job["lang"])}


def run_resolve(store, job: dict) -> dict:
    """Resolve a name typed in the search box."""
    from kg.lookup import resolve

    try:
        return {"iri": resolve(store, job["name"]).value}
    except NotFound as exc:
        return {"suggestions": exc.suggestions}
    except InputError as exc:
        return {"error": str(exc)}


def run_update(store, job: dict) -> Reply:
    from kg.query import check_query

    try:
        check_query(job["text"], update=True)
        store.update(job["text"])
        store.flush()
    except KgError as exc:
        return _text_reply(400, str(exc))
    return Reply(204, "text/plain; charset=utf-8", b"")


JOBS = {
    "query": run_query,
    "table": run_table,
    "entity": run_entity,
    "resolve": run_resolve,
    "update": run_update,
}


def open_for_queries(store_path: str, writable: bool, memory: str = "auto"):
    """The store a worker queries: on disk, or (read-only) a copy of it in memory.

    pyoxigraph answers several times faster from memory than from its on-disk store, so a
    read-only server copies a store of up to MEMORY_QUADS quads (``memory="auto"``) into each
    worker; ``"yes"`` always copies, ``"no"`` never does. Writes always go to disk.
    """
    from itertools import islice

    from kg.store import LocalStore

    store = LocalStore.open(store_path, write=writable)
    if writable or memory == "no":
        return store
    if memory == "auto":
        sample = islice(store.store.quads_for_pattern(None, None, None, None), MEMORY_QUADS + 1)
        if sum(1 for _ in sample) > MEMORY_QUADS:
            return store
    copy = ox.Store()
    copy.bulk_extend(store.store.quads_for_pattern(None, None, None, None))
    return LocalStore(copy, store.path)


def _worker_main(conn, store_path: str, writable: bool, memory: str = "auto") -> None:
    """A worker process: open the store, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = open_for_queries(store_path, writable, memory)
    except KgError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = JOBS[job["op"]](store, job)
        except KgError as exc:
            reply = _text_reply(400, str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker answers, whatever happens
            reply = _text_reply(
                500, f"internal error while running the query ({type(exc).__name__})"
            )
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


# --- the worker pool -------------------------------------------------------------------------


class QueryTimeout(KgError):
    """A job ran past its time and its worker was stopped."""


class Busy(KgError):
    """No worker became free in time."""


class _Worker:
    def __init__(self, process, conn) -> None:
        self.process = process
        self.conn = conn


class WorkerPool:
    """Worker processes that each hold the store open; a stuck one is killed and replaced."""

    def __init__(
        self, store: Path, size: int, *, writable: bool = False, memory: str = "auto"
    ) -> None:
        self.store = store
        self.writable = writable
        self.memory = memory
        self.size = 1 if writable else size
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.live: set[_Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        for _ in range(self.size):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main,
            args=(child, str(self.store), self.writable, self.memory),
            daemon=True,
        )
        process.start()
        child.close()
        if not parent.poll(60):
            process.kill()
            raise KgError("a query worker did not start within 60 s")
        try:
            status, detail = parent.recv()
        except EOFError:
            raise KgError("a query worker stopped as it started") from None
        if status != "ready":
            process.join()
            raise KgError(str(detail))
        worker = _Worker(process, parent)
        with self.lock:
            self.live.add(worker)
        return worker

    def run(self, job: dict, timeout: float):
        """Run ``job`` on a free worker; stop it and raise QueryTimeout past ``timeout``."""
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise Busy(f"every query worker stayed busy for {timeout:g} s: try again") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(timeout):
                reply = worker.conn.recv()
                self.idle.put(worker)
                return reply
        except (EOFError, OSError):
            self._replace(worker)
            raise KgError("the query worker stopped unexpectedly; it is being restarted") from None
        self._replace(worker)
        raise QueryTimeout(
            f"the query ran past the {timeout:g} s limit and was stopped"
            " (kg serve --timeout sets the limit)"
        )

    def _replace(self, worker: _Worker) -> None:
        with self.lock:
            self.live.discard(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        if self.closed:
            return

        def restart() -> None:
            try:
                self.idle.put(self._start())
            except KgError as exc:
                print(f"kg serve: cannot restart a query worker: {exc}", file=sys.stderr)

        threading.Thread(target=restart, daemon=True).start()

    def alive(self) -> int:
        with self.lock:
            return sum(1 for w in self.live if w.process.is_alive())

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers = list(self.live)
            self.live.clear()
        for worker in workers:
            worker.process.kill()
        for worker in workers:
            worker.process.join(5)
            worker.conn.close()


# --- the application -------------------------------------------------------------------------


class App:
    """What the request handlers share: settings, the worker pool and the saved queries."""

    def __init__(self, config: ServeConfig) -> None:
        from kg.query import saved_queries
        from kg.store import LocalStore

        config.check()
        self.config = config
        LocalStore.open(config.store)  # a clear error now if there is no store
        self.saved = {name: (q.title, q.text) for name, q in saved_queries().items()}
        self.pool = WorkerPool(
            config.store, config.workers, writable=config.allow_update, memory=config.memory
        )
        self.base = ""

    def job(self, job: dict):
        return self.pool.run(job, self.config.timeout)

    def close(self) -> None:
        self.pool.close()


class HttpError(Exception):
    """An answer other than 200, with a one-line reason."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


_LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Handler(BaseHTTPRequestHandler):
    """One request: routes, the SPARQL protocol, and the pages."""

    server_version = "kg-serve"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a connection may stay idle or trickle its request
    app: App  # set on the subclass made by make_server

    # --- plumbing ------------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        # headers and body go out in two writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every keep-alive answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.app.config.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n"[:400])

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if self.app.config.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "KG-Truncated")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, exc: HttpError) -> None:
        if not self._consumed and (
            self.headers.get("Transfer-Encoding") or self.headers.get("Content-Length", "0") != "0"
        ):
            self.close_connection = True  # an unread body would spoil the next request
        if self._wants_html():
            body = _page(
                f"{exc.status} {HTTPStatus(exc.status).phrase}",
                f"<p class='error'>{html.escape(exc.message)}</p>",
            )
            self._send(
                exc.status, "text/html; charset=utf-8", body, {**PAGE_HEADERS, **exc.headers}
            )
        else:
            body = f"error: {exc.message}\n".encode()
            self._send(exc.status, "text/plain; charset=utf-8", body, exc.headers)

    def _wants_html(self) -> bool:
        path = urllib.parse.urlsplit(self.path).path
        if path == "/sparql":
            return False
        return (
            "text/html" in (self.headers.get("Accept") or "")
            or path in ("/", "/search")
            or (path.startswith("/entity"))
        )

    def _dispatch(self, routes: dict) -> None:
        started = time.perf_counter()
        self._consumed = False
        try:
            self._check_host()
            parts = urllib.parse.urlsplit(self.path)
            path = parts.path
            handler = routes.get(path)
            if handler is None and path.startswith("/entity/"):
                handler = routes.get("/entity/")
            if handler is None:
                if path in ALL_PATHS or path.startswith("/entity/"):
                    allowed = "GET, POST" if path == "/sparql" else "GET"
                    raise HttpError(
                        405, f"{self.command} is not allowed on {path}", {"Allow": allowed}
                    )
                raise HttpError(404, f"nothing at {path}: try / or /sparql")
            handler(self, parts)
        except HttpError as exc:
            self._error(exc)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except UnicodeDecodeError:
            self._error(HttpError(400, "the address is not valid UTF-8 once decoded"))
        except Exception as exc:  # noqa: BLE001 - one bad request must not stop the server
            sys.stderr.write(
                f"kg serve: internal error on {self.command} {self.path[:200]}: {exc!r}\n"
            )
            self.close_connection = True
            self._error(HttpError(500, "internal error; the server log says more"))
        finally:
            self.elapsed = time.perf_counter() - started

    def _check_host(self) -> None:
        """On loopback, answer only to loopback host names (no DNS rebinding)."""
        if not _is_loopback(self.app.config.host):
            return
        host = (self.headers.get("Host") or "").strip()
        try:
            name = urllib.parse.urlsplit("//" + host).hostname or ""
        except ValueError:
            name = ""
        if not name or not _is_loopback(name):
            raise HttpError(403, "this server answers only requests addressed to the loopback")

    def _params(self, parts) -> dict[str, list[str]]:
        try:
            return urllib.parse.parse_qs(
                parts.query, keep_blank_values=True, strict_parsing=False, errors="strict"
            )
        except UnicodeDecodeError:
            raise HttpError(400, "the query string is not UTF-8") from None

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise HttpError(411, "send the body with a Content-Length, not chunked")
        length = self.headers.get("Content-Length")
        if length is None:
            self.close_connection = True
            raise HttpError(411, "a POST needs a Content-Length header")
        try:
            size = int(length)
        except ValueError:
            self.close_connection = True
            raise HttpError(400, "the Content-Length header is not a number") from None
        if size < 0:
            self.close_connection = True
            raise HttpError(400, "the Content-Length header is negative")
        if size > self.app.config.max_body:
            self.close_connection = True
            raise HttpError(
                413,
                f"the request body is {size} bytes; this server takes at most"
                f" {self.app.config.max_body} (kg serve --max-body)",
            )
        self._consumed = True
        return self.rfile.read(size)

    # --- methods ---------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        self._dispatch(GET_ROUTES)

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch(POST_ROUTES)

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch({"/health": Handler.health})

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch({})

    def do_DELETE(self) -> None:  # noqa: N802
        self._dispatch({})

    def do_PATCH(self) -> None:  # noqa: N802
        self._dispatch({})

    def do_OPTIONS(self) -> None:  # noqa: N802
        if not self.app.config.cors:
            self._dispatch({})
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # --- SPARQL protocol ----------------------------------------------------------------------

    def sparql_get(self, parts) -> None:
        params = self._params(parts)
        if "update" in params:
            raise HttpError(400, "an update must be sent with POST, not GET")
        if "query" not in params:
            if "text/html" in (self.headers.get("Accept") or "") and not parts.query:
                self._send(303, "text/plain; charset=utf-8", b"", {"Location": "/"})
                return
            self.service_description(parts)
            return
        self._query(params, None)

    def sparql_post(self, parts) -> None:
        url_params = self._params(parts)
        media, _, rest = (self.headers.get("Content-Type") or "").partition(";")
        media = media.strip().lower()
        charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", rest, re.IGNORECASE)
        if media not in (
            "application/x-www-form-urlencoded",
            "application/sparql-query",
            "application/sparql-update",
        ):
            self._body_discard()
            what = f"media type {media!r}" if media else "no Content-Type"
            raise HttpError(
                415,
                f"a SPARQL POST takes application/x-www-form-urlencoded, application/sparql-query"
                f" or application/sparql-update, not {what}",
                {"Accept-Post": "application/x-www-form-urlencoded, application/sparql-query"},
            )
        body = self._body()
        if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise HttpError(400, f"the body must be UTF-8, not {charset.group(1)}")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, "the body is not valid UTF-8") from None
        if media == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(text, keep_blank_values=True, errors="strict")
            except UnicodeDecodeError:
                raise HttpError(400, "the form is not valid UTF-8 once decoded") from None
            if "query" in url_params or "update" in url_params:
                raise HttpError(400, "give the query or update in the body only, not in the URL")
            params = {**url_params, **form}
            if "update" in params:
                if "query" in params:
                    raise HttpError(400, "a request carries a query or an update, not both")
                self._update(params["update"], params)
                return
            if "query" not in params:
                raise HttpError(400, "the form has no query parameter")
            self._query(params, None)
        elif media == "application/sparql-query":
            if "query" in url_params or "update" in url_params:
                raise HttpError(400, "a direct POST carries the query in the body, not in the URL")
            self._query(url_params, text)
        else:
            self._update([text], url_params)

    def _body_discard(self) -> None:
        """Read a rejected body (if small) so the connection stays usable, else close it."""
        try:
            size = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            size = -1
        if 0 <= size <= self.app.config.max_body and not self.headers.get("Transfer-Encoding"):
            self.rfile.read(size)
            self._consumed = True
        else:
            self.close_connection = True

    def _query(self, params: dict[str, list[str]], direct: str | None) -> None:
        from kg.query import check_query, is_update

        if direct is None:
            texts = params.get("query", [])
            if len(texts) != 1:
                raise HttpError(400, "give exactly one query parameter")
            text = texts[0]
        else:
            text = direct
        if not text.strip():
            raise HttpError(400, "the query is empty")
        if is_update(text):
            raise HttpError(
                400, "this is a SPARQL UPDATE: it is sent as update=..., not as a query"
            )
        try:
            check_query(text)
        except KgError as exc:
            raise HttpError(403, _network_message(str(exc))) from None
        graphs = {}
        for key, name in (
            ("default-graph-uri", "default_graphs"),
            ("named-graph-uri", "named_graphs"),
        ):
            values = params.get(key, [])
            for value in values:
                if not _is_iri(value):
                    raise HttpError(400, f"{key} must be an absolute IRI")
            graphs[name] = values
        fmts = params.get("format", []) or params.get("output", [])
        job = {
            "op": "query",
            "text": text,
            "accept": self.headers.get("Accept"),
            "format": fmts[0] if fmts else None,
            "max_rows": self.app.config.max_rows,
            **graphs,
        }
        reply = self._run(job)
        if reply.status >= 400:
            raise HttpError(reply.status, reply.body.decode().removesuffix("\n"))
        headers = dict(reply.headers)
        headers["Vary"] = "Accept"
        headers["Cache-Control"] = "no-store"
        if fmts and FORMAT_NAMES.get(fmts[0].lower()):
            ext = {"rdfxml": "rdf"}.get(
                FORMAT_NAMES[fmts[0].lower()], FORMAT_NAMES[fmts[0].lower()]
            )
            headers["Content-Disposition"] = f'inline; filename="result.{ext}"'
        self._send(reply.status, reply.content_type, reply.body, headers)

    def _update(self, texts: list[str], params: dict[str, list[str]]) -> None:
        from kg.query import check_query

        if len(texts) != 1:
            raise HttpError(400, "give exactly one update parameter")
        config = self.app.config
        if not config.allow_update:
            raise HttpError(
                403, "this server is read-only (kg serve --allow-update --token T takes updates)"
            )
        given = self.headers.get("Authorization") or ""
        if not hmac.compare_digest(given.encode(), f"Bearer {config.token}".encode()):
            raise HttpError(
                401,
                "updates need the server's token: Authorization: Bearer T",
                {"WWW-Authenticate": 'Bearer realm="kg"'},
            )
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            raise HttpError(400, "using-graph-uri and using-named-graph-uri are not supported")
        text = texts[0]
        if not text.strip():
            raise HttpError(400, "the update is empty")
        try:
            check_query(text, update=True)
        except KgError as exc:
            raise HttpError(403, _network_message(str(exc))) from None
        reply = self._run({"op": "update", "text": text})
        if reply.status >= 400:
            raise HttpError(reply.status, reply.body.decode().removesuffix("\n"))
        self._send(204, "text/plain; charset=utf-8", b"")

    def _run(self, job: dict):
        try:
            return self.app.job(job)
        except QueryTimeout as exc:
            raise HttpError(503, str(exc), {"Retry-After": "1"}) from None
        except Busy as exc:
            raise HttpError(503, str(exc), {"Retry-After": "1"}) from None
        except KgError as exc:
            raise HttpError(500, str(exc)) from None

    def service_description(self, parts) -> None:
        fmt = negotiate(self.headers.get("Accept"), None, "graph")
        if fmt is None:
            raise HttpError(406, "the service description is offered as RDF (Turtle, ...)")
        body = service_description(self.app, fmt)
        self._send(200, GRAPH_TYPES[fmt], body, {"Vary": "Accept"})

    def health(self, parts) -> None:
        alive = self.app.pool.alive()
        status = 200 if alive else 503
        body = json.dumps(
            {"status": "ok" if alive else "no query worker", "workers": alive}
        ).encode()
        self._send(status, "application/json", body, {"Cache-Control": "no-store"})

    # --- pages ---------------------------------------------------------------------------------

    def query_page(self, parts) -> None:
        params = self._params(parts)
        saved = self.app.saved
        example = (params.get("example") or [""])[0]
        text = (params.get("query") or [""])[0]
        if example in saved and not text:
            text = saved[example][1]
        results, status = "", 200
        if text.strip() and "query" in params:
            results, status = self._results_html(text)
        if not text.strip():
            text = DEFAULT_QUERY
        examples = "".join(
            f'<li><a href="/?example={urllib.parse.quote(name)}">{html.escape(name)}</a>'
            f" — {html.escape(title)}</li>"
            for name, (title, _) in saved.items()
        )
        body = f"""
<form method="get" action="/" id="query-form">
  <label for="query">SPARQL query (prefixes kg:, id:, src:, rdfs:, … are predeclared)</label>
  <textarea id="query" name="query" rows="14" spellcheck="false">{html.escape(text)}</textarea>
  <button type="submit" id="run">Run</button> <span class="hint">Ctrl+Enter runs it</span>
</form>
{results}
<h2>Examples</h2>
<ul class="examples">{examples or "<li>no saved query</li>"}</ul>
"""
        script = """
document.getElementById('query').addEventListener('keydown', function (e) {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
    e.preventDefault(); document.getElementById('query-form').submit();
  }
});"""
        self._send(
            status, "text/html; charset=utf-8", _page("kg — SPARQL", body, script), PAGE_HEADERS
        )

    def _results_html(self, text: str) -> tuple[str, int]:
        from kg.query import check_query, is_update

        try:
            if is_update(text):
                raise KgError("this page runs queries, not updates")
            check_query(text)
            data = self.app.job({"op": "table", "text": text, "max_rows": self.app.config.max_rows})
        except QueryTimeout as exc:
            return f"<p class='error' id='error'>{html.escape(str(exc))}</p>", 503
        except KgError as exc:
            return f"<p class='error' id='error'>{html.escape(_network_message(str(exc)))}</p>", 400
        if "error" in data:
            return f"<p class='error' id='error'>{html.escape(data['error'])}</p>", 400
        quoted = urllib.parse.quote(text, safe="")
        if data["kind"] == "ask":
            answer = "yes" if data["boolean"] else "no"
            return f"<p id='answer' class='answer'>{answer}</p>", 200
        formats = (
            ("json", "xml", "csv", "tsv") if data["kind"] == "select" else ("ttl", "nt", "jsonld")
        )
        links = " ".join(
            f'<a class="download" href="/sparql?query={quoted}&amp;format={f}" download>{f}</a>'
            for f in formats
        )
        head = "".join(f"<th>{html.escape(v)}</th>" for v in data["variables"])
        lines = []
        for row in data["rows"]:
            cells = []
            for text_, href, full in row:
                inner = html.escape(text_)
                if href:
                    inner = f'<a href="{html.escape(href)}">{inner}</a>'
                cells.append(f'<td title="{html.escape(full)}">{inner}</td>')
            lines.append(f"<tr>{''.join(cells)}</tr>")
        count = len(data["rows"])
        note = f"{count} row{'s' if count != 1 else ''}"
        if data["truncated"]:
            note += f" (stopped at the {self.app.config.max_rows}-row cap)"
        return (
            f"<p class='count' id='count'>{note} · download: {links}</p>"
            f"<div class='scroll'><table id='results'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table></div>",
            200,
        )

    def entity_page(self, parts) -> None:
        from kg.model import ID

        params = self._params(parts)
        lang = (params.get("lang") or ["en"])[0]
        if lang not in ("en", "fr"):
            lang = "en"
        if parts.path.startswith("/entity/"):
            local = urllib.parse.unquote(parts.path[len("/entity/") :], errors="strict")
            iri = ID + local
        else:
            iri = (params.get("iri") or [""])[0]
        if not _is_iri(iri):
            raise HttpError(404, "no such entity")
        data = self._run({"op": "entity", "iri": iri, "lang": lang})
        if isinstance(data, Reply):
            raise HttpError(data.status, data.body.decode().strip())
        if data.get("missing"):
            name = iri[len(ID) :] if iri.startswith(ID) else iri
            raise HttpError(
                404, f"kg knows nothing about {name}: try the search box with another name"
            )
        body = _card_html(data["card"], data.get("viz"), lang)
        self._send(
            200,
            "text/html; charset=utf-8",
            _page(f"{data['card']['label']} — kg", body),
            PAGE_HEADERS,
        )

    def search(self, parts) -> None:
        params = self._params(parts)
        name = (params.get("q") or [""])[0].strip()
        if not name:
            self._send(303, "text/plain; charset=utf-8", b"", {"Location": "/"})
            return
        data = self._run({"op": "resolve", "name": name})
        if isinstance(data, Reply):
            raise HttpError(data.status, data.body.decode().strip())
        if "iri" in data:
            iri = data["iri"]
            target = entity_href(iri) or "/entity?iri=" + urllib.parse.quote(iri, safe="")
            self._send(303, "text/plain; charset=utf-8", b"", {"Location": target})
            return
        if "error" in data:
            raise HttpError(400, data["error"])
        items = "".join(
            f'<li><a href="/search?q={urllib.parse.quote(s)}">{html.escape(s)}</a></li>'
            for s in data["suggestions"]
        )
        body = f"<p id='not-found'>No entity named <b>{html.escape(name)}</b>.</p>"
        body += f"<p>Did you mean:</p><ul id='suggestions'>{items}</ul>" if items else ""
        self._send(
            404, "text/html; charset=utf-8", _page("Not found — kg", body, q=name), PAGE_HEADERS
        )

    def favicon(self, parts) -> None:
        self._send(204, "image/x-icon", b"")


GET_ROUTES = {
    "/": Handler.query_page,
    "/sparql": Handler.sparql_get,
    "/health": Handler.health,
    "/entity": Handler.entity_page,
    "/entity/": Handler.entity_page,
    "/search": Handler.search,
    "/favicon.ico": Handler.favicon,
}
POST_ROUTES = {"/sparql": Handler.sparql_post}
ALL_PATHS = set(GET_ROUTES) | set(POST_ROUTES)
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';"
        " img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "Cache-Control": "no-store",
}
DEFAULT_QUERY = """SELECT ?company ?label WHERE {
  ?company a kg:Company ; rdfs:label ?label .
  FILTER(lang(?label) = "en")
}
ORDER BY ?label
LIMIT 50"""


def _network_message(message: str) -> str:
    return message.replace(" (pass --allow-network if you mean it)", " by this server")


def _is_iri(value: str) -> bool:
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


# --- HTML --------------------------------------------------------------------------------------

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d232b;background:#fafafa}
header{background:#1d3557;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
header input{padding:.3em .5em;border-radius:4px;border:0;width:16em}
main{padding:1em 1.5em;max-width:75em}
textarea{width:100%;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box;padding:.5em}
button{margin:.5em 0;padding:.4em 1.4em;font-weight:600}
table{border-collapse:collapse;margin:.5em 0;background:#fff}
th,td{border:1px solid #d6dbe1;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eef2f6}
.scroll{overflow-x:auto}
.error{color:#a4161a;background:#fde8e8;padding:.5em .8em;border-radius:4px;white-space:pre-wrap}
.hint,.meta{color:#5c6773;font-size:90%}
.quote{color:#333;font-style:italic}
.answer{font-size:140%;font-weight:700}
dl.card{display:grid;grid-template-columns:8em 1fr;gap:.2em 1em}
dl.card dt{color:#5c6773}
iframe.viz{width:100%;height:32em;border:1px solid #d6dbe1;background:#fff}
"""


def _page(title: str, body: str, script: str | None = None, q: str = "") -> bytes:
    js = f"<script>{script}</script>" if script else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{STYLE}</style></head>
<body><header><a href="/">kg</a><a href="/">SPARQL</a>
<form method="get" action="/search" role="search">
<input type="search" name="q" id="search" placeholder="Find an entity: Meta, al dahle…"
 value="{html.escape(q)}" aria-label="Find an entity"></form></header>
<main><h1>{html.escape(title.removesuffix(" — kg"))}</h1>{body}</main>{js}</body></html>
""".encode()


def _card_html(card: dict, viz: str | None, lang: str) -> str:
    from kg.model import shorten

    esc = html.escape
    rows = [("id", esc(shorten(card["iri"])))]
    rows.append(("types", esc(", ".join(card["types"]) or "—")))
    labels = " · ".join(f"{esc(k)}: {esc(v)}" for k, v in sorted(card["labels"].items()) if k)
    if labels:
        rows.append(("labels", labels))
    if card["aliases"]:
        rows.append(("aliases", esc(", ".join(card["aliases"]))))
    wikidata = card["wikidata"]
    if wikidata and re.fullmatch(r"Q\d+", wikidata):
        rows.append(
            (
                "wikidata",
                f'<a href="https://www.wikidata.org/wiki/{wikidata}" rel="noopener noreferrer">'
                f"{wikidata}</a>",
            )
        )
    else:
        rows.append(("wikidata", esc(wikidata or "—")))
    if card["description"]:
        rows.append(("about", esc(card["description"])))
    other_lang = "fr" if lang == "en" else "en"
    here = entity_href(card["iri"]) or "/entity?iri=" + urllib.parse.quote(card["iri"], safe="")
    sep = "&" if "?" in here else "?"
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    facts = []
    for fact in card["facts"]:
        href = entity_href(fact["other"])
        other = esc(fact["other_label"])
        if href:
            other = f'<a href="{esc(href)}">{other}</a>'
        extras = [x for x in (_time(fact), fact["qualifier"]) if x]
        if fact["modality"] and fact["modality"] != "Stated":
            extras.append(fact["modality"].lower())
        cites = (
            "".join(
                "<li>"
                + esc(c["file"] or c["source"])
                + f" ({esc(c['published'] or 'undated')})"
                + (f", reported by {esc(c['reported_by'])}" if c["reported_by"] else "")
                + (
                    f": <span class='quote'>« {esc(c['evidence'])} »</span>"
                    if c["evidence"]
                    else ""
                )
                + "</li>"
                for c in fact["citations"]
            )
            or "<li class='meta'>no source recorded</li>"
        )
        facts.append(
            f"<tr><td>{esc(fact['relation'])}</td><td>{other}</td>"
            f"<td>{esc(', '.join(extras))}</td><td><ul>{cites}</ul></td></tr>"
        )
    table = (
        "<table id='facts'><thead><tr><th>relation</th><th>with</th><th>when</th>"
        f"<th>sources</th></tr></thead><tbody>{''.join(facts)}</tbody></table>"
        if facts
        else "<p>No facts yet.</p>"
    )
    graph = ""
    if viz:
        graph = (
            "<h2>Neighbourhood</h2><iframe class='viz' sandbox='allow-scripts'"
            f" title='neighbourhood graph' srcdoc=\"{esc(viz)}\"></iframe>"
        )
    switch = "en français" if other_lang == "fr" else "in English"
    link = esc(here + sep + "lang=" + other_lang)
    return (
        f'<p class="meta"><a href="{link}" lang="{other_lang}">{switch}</a></p>'
        f"<dl class='card' id='card'>{dl}</dl><h2>Facts</h2>{table}{graph}"
    )


def _time(fact: dict) -> str:
    if fact["when"]:
        return fact["when"]
    if fact["start"] or fact["end"]:
        return f"{fact['start'] or '…'} – {fact['end'] or '…'}"
    return ""


def service_description(app: App, fmt: str) -> bytes:
    """The SPARQL 1.1 Service Description of this server, as RDF in ``fmt``."""
    sd = "http://www.w3.org/ns/sparql-service-description#"
    formats = "http://www.w3.org/ns/formats/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, dataset, graph = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("g")
    host = app.config.host if ":" not in app.config.host else f"[{app.config.host}]"
    endpoint = ox.NamedNode(f"http://{host}:{app.config.port}/sparql")

    def n(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    triples = [
        ox.Triple(service, rdf_type, n(sd + "Service")),
        ox.Triple(service, n(sd + "endpoint"), endpoint),
        ox.Triple(service, n(sd + "supportedLanguage"), n(sd + "SPARQL11Query")),
        ox.Triple(service, n(sd + "feature"), n(sd + "UnionDefaultGraph")),
        ox.Triple(service, n(sd + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, n(sd + "Dataset")),
        ox.Triple(dataset, n(sd + "defaultGraph"), graph),
        ox.Triple(graph, rdf_type, n(sd + "Graph")),
    ]
    if app.config.allow_update:
        triples.append(ox.Triple(service, n(sd + "supportedLanguage"), n(sd + "SPARQL11Update")))
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ):
        triples.append(ox.Triple(service, n(sd + "resultFormat"), n(formats + name)))
    prefixes = {"sd": sd, "fmt": formats} if fmt == "ttl" else None
    return ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes)


# --- running -----------------------------------------------------------------------------------


def make_server(config: ServeConfig) -> tuple[ThreadingHTTPServer, App]:
    """Bind the socket (port 0 picks a free one), then start the workers; do not serve yet."""
    config.check()
    handler = type("KgHandler", (Handler,), {})
    server_class = ThreadingHTTPServer
    if ":" in config.host:
        server_class = type("V6Server", (ThreadingHTTPServer,), {"address_family": 10})
    try:
        server = server_class((config.host, config.port), handler)
    except OSError as exc:
        raise KgError(
            f"cannot listen on {config.host}:{config.port} ({exc.strerror}): is another server"
            " there? pick another --port"
        ) from None
    server.daemon_threads = True
    config.port = server.server_address[1]
    try:
        handler.app = App(config)
    except BaseException:
        server.server_close()
        raise
    return server, handler.app


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(config: ServeConfig, announce=print) -> None:
    """Serve until interrupted."""
    server, app = make_server(config)
    host = config.host if ":" not in config.host else f"[{config.host}]"
    base = f"http://{host}:{config.port}"
    mode = "read-write (token required)" if config.allow_update else "read-only"
    announce(f"kg serve: {base}/ (SPARQL endpoint {base}/sparql, {mode}); Ctrl+C stops it")
    if not _is_loopback(config.host):
        announce(f"kg serve: listening on {config.host}: anyone who reaches it can query the store")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()
