"""The `kg` command as a separate process: exit codes, one-line errors, no tracebacks."""

import pytest

from tests.conftest import run_kg_process


def test_lookup_as_a_process(seed_store):
    done = run_kg_process("lookup", "Butterfly", store=seed_store)
    assert done.returncode == 0
    assert "acquired by: Meta" in done.stdout


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["lookup", "Zorglub"], 1, "error: no entity named 'Zorglub'"),
        (["query", "SELECT ?x WHERE {"], 2, "error: SPARQL syntax error"),
        (["query", "acquisitions", "--param", "nope=1"], 2, "error: query 'acquisitions' has no"),
        (["load", "missing-file.ttl"], 2, "error: missing-file.ttl: no such file"),
        (["remove-source", "nothing-like-this"], 1, "error: no source"),
    ],
)
def test_bad_input_gives_one_line_and_an_exit_code(seed_store, fresh_store, args, code, message):
    store = fresh_store if args[0] in ("load", "remove-source") else seed_store
    done = run_kg_process(*args, store=store)
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith(message), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_missing_store_says_run_build(tmp_path):
    done = run_kg_process("lookup", "Meta", store=tmp_path / "none")
    assert done.returncode == 1
    assert "run `kg build`" in done.stderr


def test_help_has_examples():
    done = run_kg_process("lookup", "--help")
    assert done.returncode == 0 and "kg lookup Butterfly" in done.stdout
