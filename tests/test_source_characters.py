"""Characters YAML refuses, or reads as line breaks editors do not show: reported where they stand."""

from __future__ import annotations

import pytest

from playbook.source import parse_bytes


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\u009b", "control character"),
        ("\x1b", "control character"),
        ("\x7f", "control character"),
        ("\ufffe", "non-character"),
    ],
)
def test_refused_character_is_reported_at_its_line_and_column(char: str, kind: str) -> None:
    text = f"format: 1\nversion: 2\nname: 根x{char}y\n"
    parsed = parse_bytes("f.yaml", text.encode("utf-8"))
    assert parsed.data is None
    [problem] = parsed.problems
    assert (problem.check, problem.severity) == ("yaml-encoding", "error")
    assert (problem.line, problem.column) == (3, 9)
    assert f"{kind} (U+{ord(char):04X})" in problem.message
    assert "position" not in problem.message and "unicode string" not in problem.message


@pytest.mark.parametrize("char", ["\u2028", "\u2029"])
def test_hidden_line_break_is_a_warning_at_its_place(char: str) -> None:
    parsed = parse_bytes("f.yaml", f"a: 1\nb: 'x{char}y'\n".encode())
    [problem] = parsed.problems
    assert (problem.check, problem.severity) == ("yaml-encoding", "warning")
    assert (problem.line, problem.column) == (2, 6)
    assert parsed.data == {"a": 1, "b": f"x{char}y"}
