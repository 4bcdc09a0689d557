"""The safe YAML reader: YAML 1.2 core scalars, positions, refusals, limits, encodings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from playbook.problems import Problem
from playbook.source import Limits, Parsed, parse_bytes, read_file


def parse(text: str | bytes, limits: Limits | None = None) -> Parsed:
    blob = text.encode("utf-8") if isinstance(text, str) else text
    if limits is None:
        return parse_bytes("f.yaml", blob)
    return parse_bytes("f.yaml", blob, limits)


def value_of(text: str) -> Any:
    parsed = parse(f"v: {text}\n")
    assert parsed.problems == []
    return parsed.data["v"]


def only_problem(parsed: Parsed) -> Problem:
    assert len(parsed.problems) == 1, parsed.problems
    return parsed.problems[0]


# --- YAML 1.2 core scalars -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["NO", "no", "No", "yes", "Yes", "YES", "on", "off", "On", "y", "n", "1:30", "12:30:00", "2025-12-23"],
)
def test_yaml_1_1_surprises_stay_text(text: str) -> None:
    assert value_of(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("false", False), ("True", True), ("FALSE", False)],
)
def test_true_and_false_are_booleans(text: str, expected: bool) -> None:
    assert value_of(text) is expected


@pytest.mark.parametrize("text", ["null", "~", "Null", "NULL"])
def test_null_spellings(text: str) -> None:
    assert value_of(text) is None


def test_empty_value_is_null() -> None:
    assert parse("v:\n").data == {"v": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("-3", -3), ("+4", 4), ("0", 0), ("010", 10)],
)
def test_integers(text: str, expected: int) -> None:
    value = value_of(text)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(("text", "expected"), [("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("1e3", 1000.0)])
def test_floats(text: str, expected: float) -> None:
    value = value_of(text)
    assert value == expected
    assert type(value) is float


@pytest.mark.parametrize(
    "text",
    ['"12"', "'12'", '"true"', "'false'", '"null"', "'~'", '"NO"', '"1:30"', "'2025-12-23'", '""'],
)
def test_quoted_scalars_stay_text(text: str) -> None:
    assert value_of(text) == text[1:-1]


def test_block_scalars_stay_text() -> None:
    parsed = parse("a: |\n  12\nb: >\n  true\n")
    assert parsed.data == {"a": "12\n", "b": "true\n"}


def test_str_tag_is_allowed_and_keeps_text() -> None:
    parsed = parse("a: !!str 12\nb: !!str true\n")
    assert parsed.problems == []
    assert parsed.data == {"a": "12", "b": "true"}


@pytest.mark.parametrize("key", ["true", "010", "1.50"])
def test_plain_keys_keep_their_spelling(key: str) -> None:
    # A mapping key is text; it is the text the author wrote, not Python's spelling of a value.
    parsed = parse(f"{key}: x\n")
    assert parsed.problems == []
    assert parsed.data == {key: "x"}


# --- positions ---------------------------------------------------------------------------


def test_positions_count_lines_and_columns_from_1() -> None:
    parsed = parse("a:\n  b: [1, 2]\n  c: {d: e}\n")
    values = parsed.where.values
    assert values[()][1:] == (1, 1)
    assert values[("a", "b")] == ("f.yaml", 2, 6)
    assert values[("a", "b", 0)][1:] == (2, 7)
    assert values[("a", "b", 1)][1:] == (2, 10)
    assert values[("a", "c", "d")][1:] == (3, 10)


def test_key_positions() -> None:
    parsed = parse("a:\n  b: [1, 2]\n  c: {d: e}\n")
    keys = parsed.where.keys
    assert keys[("a",)] == ("f.yaml", 1, 1)
    assert keys[("a", "b")][1:] == (2, 3)
    assert keys[("a", "c")][1:] == (3, 3)
    assert keys[("a", "c", "d")][1:] == (3, 7)


def test_sequence_item_positions() -> None:
    parsed = parse("- a\n- b\n")
    assert parsed.data == ["a", "b"]
    assert parsed.where.values[(0,)][1:] == (1, 3)
    assert parsed.where.values[(1,)][1:] == (2, 3)


def test_columns_count_characters_after_chinese_text() -> None:
    # 说明 is two characters (six bytes): the value starts at column 5, not 9.
    parsed = parse("说明: 中文\nk: [中文中文, x, {名字: y}]\n")
    values, keys = parsed.where.values, parsed.where.keys
    assert values[("说明",)][1:] == (1, 5)
    assert values[("k", 1)][1:] == (2, 11)
    assert keys[("k", 2, "名字")][1:] == (2, 15)
    assert values[("k", 2, "名字")][1:] == (2, 19)


def test_columns_count_characters_after_emoji() -> None:
    parsed = parse("k: [🚨🚨, x]\n")
    assert parsed.where.values[("k", 1)][1:] == (1, 9)


def test_raw_text_of_scalars_is_kept() -> None:
    parsed = parse("a: 015\nb: 'x'\n")
    assert parsed.where.raw[("a",)] == "015"
    assert parsed.where.raw[("b",)] == "x"


def test_problem_after_chinese_text_points_at_the_character_column() -> None:
    problem = only_problem(parse("k: {名字: 1, 名字: 2}\n"))
    assert problem.check == "yaml-duplicate-key"
    assert (problem.line, problem.column) == (1, 12)


# --- refusals ------------------------------------------------------------------------------


def test_duplicate_key_is_reported_with_both_lines() -> None:
    parsed = parse("a: 1\nb: 2\na: 3\n")
    problem = only_problem(parsed)
    assert problem.check == "yaml-duplicate-key"
    assert problem.severity == "error"
    assert (problem.line, problem.column) == (3, 1)
    assert "'a'" in problem.message
    assert "line 1" in problem.message
    # the first value is kept and the second does not silently replace it
    assert parsed.data == {"a": 1, "b": 2}


def test_nested_duplicate_key() -> None:
    problem = only_problem(parse("top:\n  x: 1\n  y: 2\n  x: 3\n"))
    assert problem.check == "yaml-duplicate-key"
    assert (problem.line, problem.column) == (4, 3)
    assert "line 2" in problem.message


def test_same_key_in_different_mappings_is_fine() -> None:
    assert parse("a: {x: 1}\nb: {x: 2}\n").problems == []


def test_anchor_and_alias_are_refused() -> None:
    parsed = parse("a: &x 1\nb: *x\n")
    assert [(p.check, p.line, p.column) for p in parsed.problems] == [
        ("yaml-alias", 1, 4),
        ("yaml-alias", 2, 4),
    ]
    assert "&x" in parsed.problems[0].message
    assert "*x" in parsed.problems[1].message
    assert all(p.severity == "error" for p in parsed.problems)


def test_merge_key_alias_is_refused() -> None:
    parsed = parse("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert {p.check for p in parsed.problems} == {"yaml-alias"}
    assert len(parsed.problems) == 2


@pytest.mark.parametrize(
    "text",
    ["a: !!python/object:os.system 1\n", "a: !!int 12\n", "a: !!binary aGVsbG8=\n", "a: !custom 12\n"],
)
def test_tags_are_refused(text: str) -> None:
    problem = only_problem(parse(text))
    assert problem.check == "yaml-tag"
    assert (problem.line, problem.column) == (1, 4)


def test_depth_limit() -> None:
    limits = Limits(max_depth=3)
    assert parse("a: {b: {c: 1}}\n", limits).problems == []
    parsed = parse("a: {b: {c: {d: 1}}}\n", limits)
    problem = only_problem(parsed)
    assert problem.check == "yaml-limit"
    assert (problem.line, problem.column) == (1, 12)
    assert parsed.data is None


@pytest.mark.parametrize("depth", [65, 1_000, 100_000])
def test_deep_nesting_is_a_problem_not_a_crash(depth: int) -> None:
    parsed = parse("[" * depth + "]" * depth)
    problem = only_problem(parsed)
    assert problem.severity == "error"
    assert parsed.data is None


@pytest.mark.parametrize("depth", [65, 1_000, 100_000])
def test_deep_nesting_is_reported_as_the_nesting_limit(depth: int) -> None:
    # STRUCTURAL documents yaml-limit as "nests deeper than 64 levels", however deep.
    problem = only_problem(parse("[" * depth + "]" * depth))
    assert problem.check == "yaml-limit"
    assert "64" in problem.message


def test_size_limit() -> None:
    text = "a: " + "x" * 100 + "\n"
    assert parse(text, Limits(max_bytes=len(text))).problems == []
    parsed = parse(text, Limits(max_bytes=len(text) - 1))
    problem = only_problem(parsed)
    assert problem.check == "yaml-limit"
    assert (problem.line, problem.column) == (1, 1)
    assert parsed.data is None


def test_size_limit_on_read_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 100 + "\n", encoding="utf-8")
    problem = only_problem(read_file(path, Limits(max_bytes=50)))
    assert problem.check == "yaml-limit"
    assert problem.path == str(path)


def test_problem_cap() -> None:
    text = "".join(f"k: {i}\n" for i in range(50))  # 49 duplicate keys
    parsed = parse(text, Limits(max_problems=5))
    assert len(parsed.problems) == 5


# --- encodings -----------------------------------------------------------------------------


def test_utf8_bom_is_a_warning_and_the_content_parses() -> None:
    parsed = parse(b"\xef\xbb\xbfname: \xe4\xb8\xad\xe6\x96\x87\n")
    problem = only_problem(parsed)
    assert (problem.check, problem.severity) == ("yaml-encoding", "warning")
    assert (problem.line, problem.column) == (1, 1)
    assert "BOM" in problem.message
    assert parsed.data == {"name": "中文"}


def test_latin1_is_refused_with_its_location() -> None:
    parsed = parse("a: 1\nb: café\n".encode("latin-1"))
    problem = only_problem(parsed)
    assert (problem.check, problem.severity) == ("yaml-encoding", "error")
    assert (problem.line, problem.column) == (2, 7)
    assert "UTF-8" in problem.message
    assert parsed.data is None


def test_latin1_location_counts_characters_before_it() -> None:
    # three Chinese characters (nine bytes) then a Latin-1 byte: column 7, not 13
    problem = only_problem(parse("a: 中文字".encode() + b"\xe9\n"))
    assert (problem.line, problem.column) == (1, 7)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_is_refused(encoding: str) -> None:
    parsed = parse("a: 1\n".encode(encoding))
    problem = only_problem(parsed)
    assert (problem.check, problem.severity) == ("yaml-encoding", "error")
    assert problem.line == 1
    assert parsed.data is None


def test_utf16_with_bom_is_named_at_the_start() -> None:
    problem = only_problem(parse("a: 1\n".encode("utf-16")))
    assert (problem.line, problem.column) == (1, 1)
    assert "UTF-16" in problem.message


def test_nul_byte_is_refused_with_its_location() -> None:
    parsed = parse(b"a: 1\nb: x\x00y\n")
    problem = only_problem(parsed)
    assert (problem.check, problem.severity) == ("yaml-encoding", "error")
    assert (problem.line, problem.column) == (2, 5)
    assert "NUL" in problem.message


# --- syntax --------------------------------------------------------------------------------


def test_tab_indentation_is_named() -> None:
    parsed = parse("a:\n\tb: 1\n")
    problem = only_problem(parsed)
    assert problem.check == "yaml-syntax"
    assert problem.line == 2
    assert "tab" in problem.message.lower()
    assert parsed.data is None


def test_syntax_error_is_located() -> None:
    problem = only_problem(parse('k: "中文"\n  x\n'))
    assert problem.check == "yaml-syntax"
    assert problem.line == 2


def test_unclosed_flow_sequence_is_a_problem() -> None:
    problem = only_problem(parse("a: [1, 2\nb: 3\n"))
    assert problem.check == "yaml-syntax"


def test_multi_document_is_refused() -> None:
    parsed = parse("a: 1\n---\nb: 2\n")
    problem = only_problem(parsed)
    assert problem.check == "yaml-syntax"
    assert (problem.line, problem.column) == (2, 1)
    assert "document" in problem.message


def test_single_document_with_markers_is_fine() -> None:
    assert parse("---\na: 1\n...\n").data == {"a": 1}
    assert parse("---\na: 1\n...\n").problems == []


def test_complex_key_is_refused() -> None:
    problem = only_problem(parse("? [a, b]\n: 1\n"))
    assert problem.check == "yaml-syntax"
    assert (problem.line, problem.column) == (1, 3)


@pytest.mark.parametrize("blob", [b"", b"   \n\n", b"\n"])
def test_empty_file(blob: bytes) -> None:
    parsed = parse(blob)
    problem = only_problem(parsed)
    assert problem.check == "yaml-syntax"
    assert (problem.line, problem.column) == (1, 1)
    assert "empty" in problem.message
    assert parsed.data is None


@pytest.mark.parametrize(
    "blob",
    [
        b"\x00\x01\x02",
        b"\xff\xd8\xff\xe0",
        b"a: [",
        b"{{{{",
        b"- - - -\n  :",
        b"a: 'unterminated\n",
        b"\xef\xbb\xbf",
        b"%TAG ! tag:x,2000:\n--- !a 1\n",
    ],
)
def test_never_raises(blob: bytes) -> None:
    parsed = parse(blob)
    assert parsed.problems
    assert all(p.line >= 1 and p.column >= 1 for p in parsed.problems)
