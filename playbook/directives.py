"""``# playbook: disable=check-id`` comments: found in the text, and only in real YAML comments."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Directives"]

Mark = tuple[str, int, int]


_DISABLE = re.compile(r"#\s*playbook:\s*disable=([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)")


class Directives:
    """``# playbook: disable=`` comments, told apart from the same text inside a value.

    The pattern is first found line by line; then every scalar the parser
    reads (plain, quoted or a block scalar's body) rules out the candidates
    that lie within its span, so only real comments remain. Scalars arrive in
    document order, so one pass over the candidates suffices.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        # (line, column) from 0 of the '#', with its ids; in document order.
        self.candidates: list[tuple[tuple[int, int], frozenset[str]]] = []
        self.kept: list[tuple[tuple[int, int], frozenset[str]]] = []
        if "playbook:" in text:
            for number, line in enumerate(text.splitlines()):
                if "playbook:" not in line:
                    continue
                for match in _DISABLE.finditer(line):
                    ids = frozenset(part.strip() for part in match.group(1).split(",") if part.strip())
                    self.candidates.append(((number, match.start()), ids))
        self.next = 0

    def skip_scalar(self, start: Any, end: Any) -> None:
        """Drop the candidates inside a scalar from ``start`` to ``end`` (the parser's marks)."""
        first, last = (start.line, start.column), (end.line, end.column)
        while self.next < len(self.candidates) and self.candidates[self.next][0] < first:
            self.kept.append(self.candidates[self.next])
            self.next += 1
        while self.next < len(self.candidates) and self.candidates[self.next][0] < last:
            self.next += 1

    def record(self, disabled: dict[tuple[str, int], tuple[Mark, frozenset[str]]]) -> None:
        """Put the real comments into ``disabled`` (file, line → mark, ids): the first on a line counts."""
        self.kept += self.candidates[self.next :]
        self.next = len(self.candidates)
        for (line, column), ids in self.kept:
            key = (self.name, line + 1)
            if key not in disabled:
                disabled[key] = ((self.name, line + 1, column + 1), ids)
