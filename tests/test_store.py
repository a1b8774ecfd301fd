"""The embedded store: opening, locking, reading RDF files."""

import subprocess
import sys
import textwrap

import pytest

from kg.errors import InputError, KgError
from kg.store import LocalStore, check_rdf_file


def test_a_missing_store_says_to_run_build(tmp_path):
    with pytest.raises(KgError, match="run `kg build`"):
        LocalStore.open(tmp_path / "nowhere")


def test_a_store_locked_by_another_writer_is_reported(fresh_store):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, pyoxigraph
            s = pyoxigraph.Store({str(fresh_store)!r})
            print("locked", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(KgError, match="locked by another process"):
            LocalStore.open(fresh_store, write=True)
    finally:
        holder.communicate("", timeout=30)


def test_malformed_turtle_is_reported_with_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix : <http://e/> .\n:a :b :c .\n:a :b "open .\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl:3:\d+:"):
        check_rdf_file(bad)


def test_non_utf8_file_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "latin1.nt"
    bad.write_bytes('<http://e/a> <http://e/b> "café" .\n'.encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.nt:1:.*UTF-8"):
        check_rdf_file(bad)


def test_unknown_extension_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="unknown RDF file type"):
        check_rdf_file(tmp_path / "notes.docx")
    with pytest.raises(InputError, match="no such file"):
        check_rdf_file(tmp_path / "absent.ttl")
