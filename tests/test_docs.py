"""docs/cli.md and `--help` stay in step: every command documented, every example shown."""

import re

import pytest

from kg.cli import cli
from tests.conftest import ROOT

DOCS = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_docs_section(name):
    assert f"\n## kg {name}\n" in DOCS, f"docs/cli.md lacks a '## kg {name}' section"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_examples_appear_in_the_docs(name):
    help_text = cli.commands[name].help or ""
    assert "Example" in help_text, f"`kg {name} --help` shows no example"
    block = help_text.split("Example", 1)[1]
    examples = [e.split("  #")[0] for e in re.findall(r"^\s+(kg .+)$", block, re.MULTILINE)]
    assert examples
    shown = [line.split("  #")[0].rstrip() for line in DOCS.splitlines() if line.startswith("$ ")]
    for example in examples:
        assert f"$ {example.strip()}" in shown, f"docs/cli.md lacks the example {example!r}"


def test_docs_document_no_command_that_does_not_exist():
    documented = set(re.findall(r"^## kg ([\w-]+)$", DOCS, re.MULTILINE))
    assert documented <= set(COMMANDS)
