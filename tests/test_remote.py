"""Every asking command against a real remote SPARQL server, loaded with `kg push`.

The tests start `oxigraph serve` (the binary of the `oxigraph` package) on a free loopback
port with an empty store of its own, push the small graph there, and compare what kg prints
with what it prints on the embedded store.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import run_kg_process
from servers import build_small_store, free_port, kg_serve, oxigraph_binary, oxigraph_serve

from kg.cli import cli
from kg.errors import KgError
from kg.remote import RemoteStore, with_values


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_store(tmp_path_factory.mktemp("remote"))


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory):
    """A plain `oxigraph serve` (no --union-default-graph) on an empty store."""
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph") / "data") as url:
        yield url


@pytest.fixture(scope="module")
def pushed(oxigraph: str, small_store: Path) -> str:
    """The oxigraph server after `kg push`; returns its query endpoint."""
    result = kg(small_store, "push", "--endpoint", oxigraph + "/store")
    assert result.exit_code == 0, result.output
    assert "pushed" in result.output
    return oxigraph + "/query"


def kg(store: Path, *args: str, endpoint: str | None = None):
    head = ["--store", str(store)] + (["--endpoint", endpoint] if endpoint else [])
    return CliRunner().invoke(cli, [*head, *args], catch_exceptions=False)


def same_output(store: Path, endpoint: str, *args: str) -> str:
    local = kg(store, *args)
    remote = kg(store, *args, endpoint=endpoint)
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout
    return local.stdout


def test_push_reports_every_graph(oxigraph: str, pushed: str) -> None:
    rows = list(
        RemoteStore(pushed).query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
    )
    graphs = {row["g"].value: int(row["n"].value) for row in rows}
    assert graphs["http://example.org/g2"] == 2
    assert graphs["https://w3id.org/tech-kg/graph/index"] > 5


def test_lookup_butterfly_is_the_same_card_as_on_the_embedded_store(
    small_store: Path, pushed: str
) -> None:
    card = same_output(small_store, pushed, "lookup", "Butterfly")
    assert card.startswith("Butterfly  (Company)")
    assert "acquired by: Meta  [2025-12]" in card
    lines = card.splitlines()
    first, second, third = (
        next(i for i, line in enumerate(lines) if name in line)
        for name in (
            "009_seed.txt (2025-12-30)",
            "003_seed.txt (2026-01-29)",
            "000_seed.txt (undated)",
        )
    )
    assert first < second < third  # sources in a stable order: by date, undated last


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "meta platforms", "--lang", "fr"),
        ("lookup", "Q380", "--json"),
        ("lookup", "al", "mark zuckerberg"),
        ("neighbors", "Butterfly", "--depth", "2"),
        ("path", "Manus", "Mark Zuckerberg"),
        ("timeline", "Meta"),
        ("timeline",),
        ("sources", "Butterfly"),
        ("query", "SELECT ?x WHERE { id:Meta kg:acquired ?x }", "--format", "csv"),
        ("query", "ASK { id:Meta kg:acquired id:Butterfly }", "--format", "json"),
        ("stats",),
    ],
)
def test_commands_print_the_same_remotely(small_store: Path, pushed: str, args) -> None:
    same_output(small_store, pushed, *args)


def test_construct_remotely(small_store: Path, pushed: str) -> None:
    query = "CONSTRUCT WHERE { id:Manus ?p ?o }"  # the order of triples is the server's
    local = set(kg(small_store, "query", query, "--format", "nt").stdout.splitlines())
    remote = set(
        kg(small_store, "query", query, "--format", "nt", endpoint=pushed).stdout.splitlines()
    )
    assert remote == local  # the search index stays out of the default graph on both
    assert len(remote) == 3


@pytest.mark.parametrize("memory", ["yes", "no"])
def test_kg_serve_is_a_remote_too(small_store: Path, memory: str) -> None:
    with kg_serve(small_store, "--memory", memory) as url:
        same_output(small_store, url + "/sparql", "lookup", "Butterfly")
        same_output(small_store, url + "/sparql", "lookup", "Meta")
        same_output(small_store, url + "/sparql", "path", "Manus", "Meta")


def test_unknown_name_remotely(small_store: Path, pushed: str) -> None:
    result = kg(small_store, "lookup", "Nobodyknownhere", endpoint=pushed)
    assert result.exit_code == 1
    assert result.output.startswith("error: no entity named 'Nobodyknownhere'")


def test_bound_values_are_data_not_code(pushed: str) -> None:
    nasty = ox.Literal('x" } } ; DROP ALL ; SELECT * { "\n\\u0022 >')
    rows = list(RemoteStore(pushed).query("SELECT ?v WHERE { }", {"v": nasty}))
    assert [row["v"] for row in rows] == [nasty]
    iri = ox.NamedNode("https://w3id.org/tech-kg/id/Meta")
    text = with_values("SELECT ?e WHERE { ?e ?p ?o } # a { in a comment", {"e": iri})
    assert text.startswith("SELECT ?e WHERE { VALUES (?e) { (<https://w3id.org/tech-kg/id/Meta>) }")
    assert RemoteStore(pushed).query("ASK { ?e kg:acquired ?x }", {"e": iri})


def test_unreachable_endpoint_is_one_line(small_store: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    for args in (["lookup", "Meta"], ["query", "ASK {}"], ["timeline", "Meta"]):
        done = run_kg_process("--endpoint", url, *args, store=small_store)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(f"error: cannot reach the SPARQL endpoint at {url}")


def test_the_environment_variable_works_too(small_store: Path, pushed: str) -> None:
    result = CliRunner(env={"KG_ENDPOINT": pushed}).invoke(
        cli, ["--store", str(small_store / "nowhere"), "lookup", "Butterfly"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Butterfly  (Company)")


def test_remote_errors_never_echo_the_reply(small_store: Path, oxigraph: str, pushed: str) -> None:
    result = kg(small_store, "query", "SELECT * WHERE { ?s ?p }", endpoint=pushed)
    assert result.exit_code == 1
    assert "answered HTTP 400 Bad Request" in result.output
    assert "error at" not in result.output  # oxigraph's parser message stays on its side
    result = kg(small_store, "lookup", "Meta", endpoint=oxigraph + "/no-such-path")
    assert result.exit_code == 1
    assert "answered HTTP 404 Not Found" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_credentials_are_not_shown(small_store: Path) -> None:
    url = f"http://someone:secret-password@127.0.0.1:{free_port()}/query"
    result = kg(small_store, "lookup", "Meta", endpoint=url)
    assert result.exit_code == 1
    assert "secret-password" not in result.output and "someone" not in result.output


def test_writing_through_an_endpoint_is_refused(small_store: Path, pushed: str) -> None:
    result = kg(small_store, "query", "--update", "CLEAR ALL", endpoint=pushed)
    assert result.exit_code == 1
    assert "--endpoint is for asking" in result.output
    with pytest.raises(KgError, match="does not change a remote store"):
        RemoteStore(pushed).update("CLEAR ALL")


def test_bad_endpoint_urls(small_store: Path) -> None:
    result = kg(small_store, "lookup", "Meta", endpoint="ftp://example.org/sparql")
    assert result.exit_code == 2
    assert "is not an http(s) URL" in result.output
    result = kg(small_store, "push", "--endpoint", f"http://127.0.0.1:{free_port()}/store")
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot reach the graph store at")


def test_push_replace_keeps_one_copy(small_store: Path, tmp_path: Path) -> None:
    with oxigraph_serve(tmp_path / "ox") as url:
        for _ in range(2):
            assert kg(small_store, "push", "--endpoint", url + "/store", "--replace").exit_code == 0
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        remote = int(next(iter(RemoteStore(url + "/query").query(count)))["n"].value)
        assert remote == len(ox.Store.read_only(str(small_store))) - _index_size(small_store) - 3


def _index_size(store: Path) -> int:
    index = ox.NamedNode("https://w3id.org/tech-kg/graph/index")
    return sum(1 for _ in ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, index))


class _Recorder:
    """A tiny SPARQL-ish server: records each request's headers, answers as told."""

    def __init__(self, status: int, body: bytes, media: str) -> None:
        import http.server
        import threading

        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                seen.append(dict(self.headers))
                self.send_response(status)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_credentials_go_in_headers() -> None:
    recorder = _Recorder(200, b'{"head":{},"boolean":true}', "application/sparql-results+json")
    try:
        assert RemoteStore(f"http://ann:s%40cret@{recorder.url}/sparql").query("ASK {}")
        assert RemoteStore(f"http://{recorder.url}/sparql", token="tok-123").query("ASK {}")
    finally:
        recorder.close()
    assert recorder.seen[0]["Authorization"] == "Basic YW5uOnNAY3JldA=="  # ann:s@cret
    assert recorder.seen[1]["Authorization"] == "Bearer tok-123"


def test_a_server_error_body_is_never_shown(small_store: Path) -> None:
    recorder = _Recorder(500, b"SECRET-STACK-TRACE from the server", "text/plain")
    try:
        result = kg(small_store, "lookup", "Meta", endpoint=f"http://{recorder.url}/sparql")
    finally:
        recorder.close()
    assert result.exit_code == 1
    assert "answered HTTP 500 Internal Server Error" in result.output
    assert "SECRET" not in result.output


def test_push_output_file_loads_into_oxigraph(small_store: Path, tmp_path: Path) -> None:
    dump = tmp_path / "kg.nq"
    result = kg(small_store, "push", "-o", str(dump))
    assert result.exit_code == 0, result.output
    data = tmp_path / "ox"
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(data), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    with oxigraph_serve(data) as url:
        same_output(small_store, url + "/query", "lookup", "Butterfly")
    assert kg(small_store, "push").exit_code == 2  # neither --endpoint nor --output


def test_path_is_the_same_from_run_to_run(small_store: Path) -> None:
    """Manus reaches Meta through Butterfly or through Mark Zuckerberg: kg picks one, always."""
    import os
    import sys

    outputs = set()
    for seed in ("0", "1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", "--store", str(small_store), "path", "Manus", "Meta"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
