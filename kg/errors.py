"""Errors that the CLI prints as one line and turns into a non-zero exit."""

from __future__ import annotations


class KgError(Exception):
    """A problem the user can fix: the message says what, where and what to do next."""

    exit_code = 1


class NotFound(KgError):
    """No entity matches a name; carries the closest names as suggestions."""

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")


class InputError(KgError):
    """A file, query or argument that cannot be used as given."""

    exit_code = 2
