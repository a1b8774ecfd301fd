"""docs/cli.md and `--help` stay in step: every command documented, every example shown."""

import re

import click
import pytest

from kg.cli import cli
from tests.conftest import ROOT

DOCS = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_docs_section(name):
    assert f"\n## kg {name}\n" in DOCS, f"docs/cli.md lacks a '## kg {name}' section"


def _commands_with_help() -> list[tuple[str, click.Command]]:
    """Every command and sub-command (``analyze pagerank``), by its name after `kg`."""
    out = []
    for name, command in sorted(cli.commands.items()):
        out.append((name, command))
        if isinstance(command, click.Group):
            out += [(f"{name} {sub}", c) for sub, c in sorted(command.commands.items())]
    return out


@pytest.mark.parametrize("name, command", _commands_with_help(), ids=lambda x: str(x))
def test_help_examples_appear_in_the_docs(name, command):
    help_text = command.help or ""
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
