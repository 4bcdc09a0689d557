"""Invalid playbooks: every one is refused with the problems it states, never with a traceback.

Each text fixture in ``fixtures/invalid/`` starts with comment lines that say what
``playbook validate`` must report::

    # expect: 14:7 error[references] unknown role 'qa'
    # structural: yes          (also refused by the JSON Schema; "no": accepted by it)
    # exit: 0                  (exit code without --strict; 1 when absent)
    # exit-strict: 1           (exit code with --strict; checked only when given)
    # other-problems: allowed  (more problems than the expected ones may be printed)

One ``expect`` line per problem: line and column from 1, severity, check id, and a
substring of the message. Unless ``other-problems`` is allowed, the expected problems
are all the problems printed; no message may show a Python value (None, True) for
something the author wrote in YAML. Files whose bytes a header would change (encodings,
binary, a BOM, a file over 4 MiB, 100 000 nested brackets) are generated in
``tmp_path`` by :data:`GENERATED` instead of being committed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MINIMAL_PLAYBOOK
from jsonschema import Draft202012Validator

from playbook.checks import CHECKS
from playbook.cli import main
from playbook.loader import default_path
from playbook.source import read_file

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "invalid"
REPO_ROOT = HERE.parent
SCHEMA_PATH = REPO_ROOT / "schema" / "playbook.schema.json"
MAX_BYTES = 4 * 1024 * 1024

_EXPECT = re.compile(
    r"#\s*expect:\s*(?P<line>\d+):(?P<column>\d+)\s+(?P<severity>error|warning)"
    r"\[(?P<check>[a-z0-9-]+)\]\s+(?P<message>.+?)\s*$"
)
# Messages speak YAML: a value left empty or written `true` is not shown as None or True.
_PYTHON_REPR = re.compile(r"\b(None|True|False)\b")
_SETTING = re.compile(r"#\s*(?P<key>structural|exit|exit-strict|other-problems):\s*(?P<value>\S+)\s*$")


@dataclass(frozen=True)
class Expected:
    """One problem that must be printed."""

    line: int
    column: int
    severity: str
    check: str
    message: str

    def prefix(self, path: str) -> str:
        return f"{path}:{self.line}:{self.column}: {self.severity}[{self.check}]: "

    def matches(self, path: str, printed: str) -> bool:
        prefix = self.prefix(path)
        return printed.startswith(prefix) and self.message in printed[len(prefix) :]

    def __str__(self) -> str:
        return f"{self.line}:{self.column} {self.severity}[{self.check}] ...{self.message}..."


@dataclass(frozen=True)
class Case:
    """What validating one invalid playbook must give."""

    name: str
    expected: tuple[Expected, ...]
    exit_code: int = 1
    strict_exit_code: int | None = None
    structural: bool | None = None
    other_problems: bool = False


def parse_header(name: str, text: str) -> Case:
    """The expectations stated by the leading comment lines of a fixture."""
    expected: list[Expected] = []
    settings: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if match := _EXPECT.fullmatch(line):
            expected.append(
                Expected(
                    int(match["line"]),
                    int(match["column"]),
                    match["severity"],
                    match["check"],
                    match["message"],
                )
            )
        elif match := _SETTING.fullmatch(line):
            settings[match["key"]] = match["value"]
        elif re.match(r"#\s*(expect|structural|exit|other)", line):
            raise AssertionError(f"{name}: malformed header line {line!r}")
    if not expected:
        raise AssertionError(f"{name}: no '# expect:' line in the header")
    return Case(
        name=name,
        expected=tuple(expected),
        exit_code=int(settings.get("exit", "1")),
        strict_exit_code=int(settings["exit-strict"]) if "exit-strict" in settings else None,
        structural={"yes": True, "no": False}[settings["structural"]] if "structural" in settings else None,
        other_problems=settings.get("other-problems") == "allowed",
    )


def fixture_paths() -> list[Path]:
    return sorted(FIXTURES.glob("*.yaml"))


@cache
def case_of(path: Path) -> Case:
    return parse_header(path.name, path.read_text(encoding="utf-8"))


# --- generated fixtures -------------------------------------------------------------------

# A valid playbook with only the required sections; each generated file breaks it one way.
MINIMAL = MINIMAL_PLAYBOOK
BOM = b"\xef\xbb\xbf"
NESTING = 100_000


def _huge() -> bytes:
    # The valid playbook, then comment lines until it is just over the 4 MiB limit.
    line = b"# " + b"x" * 61 + b"\n"
    blob = MINIMAL.encode()
    return blob + line * ((MAX_BYTES - len(blob)) // len(line) + 1)


def _binary() -> bytes:
    # A PNG signature and header chunk: the first NUL is the 9th byte, at line 3, column 1
    # (the signature holds "\r\n" and "\n").
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16


@dataclass(frozen=True)
class Generated:
    """A fixture whose bytes are made at test time."""

    case: Case
    make: Callable[[], bytes]


def _generated(
    name: str,
    make: Callable[[], bytes],
    *expected: tuple[int, int, str, str, str],
    exit_code: int = 1,
    strict_exit_code: int | None = None,
) -> Generated:
    return Generated(
        Case(name, tuple(Expected(*e) for e in expected), exit_code, strict_exit_code),
        make,
    )


GENERATED = {
    g.case.name: g
    for g in (
        _generated("empty.yaml", lambda: b"", (1, 1, "error", "yaml-syntax", "the file is empty")),
        _generated(
            "bom-only.yaml",
            lambda: BOM + MINIMAL.encode(),
            (1, 1, "warning", "yaml-encoding", "byte order mark (BOM)"),
            exit_code=0,
            strict_exit_code=1,
        ),
        _generated(
            # Positions count from the first character after the BOM.
            "bom-and-error.yaml",
            lambda: BOM + MINIMAL.replace("format: 1", "format: 3").encode(),
            (1, 1, "warning", "yaml-encoding", "byte order mark (BOM)"),
            (1, 9, "error", "invalid-value", "expected 1"),
        ),
        _generated(
            "utf-16.yaml",
            lambda: MINIMAL.encode("utf-16"),
            (1, 1, "error", "yaml-encoding", "the file is UTF-16; save it as UTF-8"),
        ),
        _generated(
            # UTF-16 without a byte order mark is still UTF-16 text, not binary.
            "utf-16-le-without-bom.yaml",
            lambda: MINIMAL.encode("utf-16-le"),
            (1, 1, "error", "yaml-encoding", "UTF-16"),
        ),
        _generated(
            # "name: Caf" is 9 characters: the Latin-1 byte for "é" is column 10 of line 2.
            "latin-1.yaml",
            lambda: MINIMAL.replace("name: Minimal", "name: Café").encode("latin-1"),
            (2, 10, "error", "yaml-encoding", "not valid UTF-8 (byte 0xe9 here)"),
        ),
        _generated(
            "nul-byte.yaml",
            lambda: MINIMAL.replace("name: Minimal", "name: Mini\x00mal").encode(),
            (2, 11, "error", "yaml-encoding", "NUL byte"),
        ),
        _generated("binary.yaml", _binary, (3, 1, "error", "yaml-encoding", "NUL byte")),
        _generated(
            # "name: " ends at column 6, so the n-th "[" is at column 6 + n. The document's
            # mapping is the first level: the 64th bracket would be the 65th level.
            "deep-nesting.yaml",
            lambda: b"format: 1\nname: " + b"[" * NESTING + b"]" * NESTING + b"\n",
            (2, 6 + 64, "error", "yaml-limit", "nesting deeper than 64 levels"),
        ),
        _generated(
            "huge.yaml",
            _huge,
            (1, 1, "error", "yaml-limit", "a playbook may be at most 4,194,304 bytes"),
        ),
    )
}
HOSTILE_GENERATED = ("deep-nesting.yaml", "huge.yaml", "binary.yaml")


def write_generated(name: str, directory: Path) -> tuple[Path, Case]:
    generated = GENERATED[name]
    path = directory / name
    path.write_bytes(generated.make())
    return path, generated.case


# --- running the CLI -----------------------------------------------------------------------


def invoke(*args: str) -> Any:
    result = CliRunner().invoke(main, ["validate", *args])
    # A crash inside the command shows up as an exception other than SystemExit.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def assert_reported(path: Path, case: Case, output: str) -> None:
    """Each expected problem is printed; with no other problem unless the case allows it."""
    name = str(path)
    printed = [line for line in output.splitlines() if line.startswith(f"{name}:")]
    unmatched = list(printed)
    missing = []
    for expected in case.expected:
        found = next((line for line in unmatched if expected.matches(name, line)), None)
        if found is None:
            missing.append(str(expected))
        else:
            unmatched.remove(found)
    assert not missing, f"not reported: {missing}\noutput:\n{output}"
    leaks = [line for line in printed if _PYTHON_REPR.search(line.split("]: ", 1)[-1])]
    assert not leaks, f"Python values in messages: {leaks}"
    if not case.other_problems:
        assert not unmatched, f"unexpected problems: {unmatched}\noutput:\n{output}"


def check_cli(path: Path, case: Case) -> None:
    result = invoke(str(path))
    assert_reported(path, case, result.output)
    assert result.exit_code == case.exit_code, result.output
    if case.strict_exit_code is not None:
        strict = invoke("--strict", str(path))
        assert strict.exit_code == case.strict_exit_code, strict.output


# --- the corpus ----------------------------------------------------------------------------


def test_corpus_size() -> None:
    assert len(fixture_paths()) >= 45


def test_every_check_is_broken_by_some_fixture() -> None:
    broken = {e.check for path in fixture_paths() for e in case_of(path).expected}
    assert {check.ID for check in CHECKS} <= broken


@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: p.name)
def test_header_points_inside_the_file(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines() or [""]
    for expected in case_of(path).expected:
        assert 1 <= expected.line <= len(lines), expected
        assert 1 <= expected.column <= len(lines[expected.line - 1]) + 1, expected


# --- the CLI on every fixture ----------------------------------------------------------------


def test_default_playbook_is_valid() -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    explicit = invoke(str(default_path()))
    assert explicit.exit_code == 0, explicit.output
    assert f"{default_path()}:" not in explicit.output


@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: p.name)
def test_fixture(path: Path) -> None:
    check_cli(path, case_of(path))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated(name: str, tmp_path: Path) -> None:
    path, case = write_generated(name, tmp_path)
    if name == "huge.yaml":
        assert path.stat().st_size > MAX_BYTES
    check_cli(path, case)


def test_json_format_reports_the_same_problems() -> None:
    path = FIXTURES / "references-step-owner.yaml"
    result = invoke("--format", "json", str(path))
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["valid"] is False
    [problem] = body["problems"]
    [expected] = case_of(path).expected
    assert (problem["line"], problem["column"], problem["check"]) == (
        expected.line,
        expected.column,
        expected.check,
    )


def test_duplicate_step_id_names_its_first_use() -> None:
    # Step ids are unique across phases, and the two 'notice' steps are each the first step
    # of their phase: "already used by item #1" would name the duplicate itself. The message
    # must say where the first one is: its line, or its phase.
    path = FIXTURES / "unique-ids-step.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, start=1) if "{id: notice," in line)
    result = invoke(str(path))
    [message] = [line for line in result.output.splitlines() if "[unique-ids]" in line]
    assert f"line {first}" in message or "'detect'" in message, message


# --- hostile files in a real process ----------------------------------------------------------


def run_process(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "playbook", "validate", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
        cwd=REPO_ROOT,
        check=False,
    )


def check_process(path: Path, case: Case) -> None:
    done = run_process(path)
    assert "Traceback" not in done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    assert_reported(path, case, done.stdout)


def test_alias_bomb_in_a_process() -> None:
    path = FIXTURES / "yaml-alias-bomb.yaml"
    check_process(path, case_of(path))


@pytest.mark.parametrize("name", HOSTILE_GENERATED)
def test_hostile_file_in_a_process(name: str, tmp_path: Path) -> None:
    check_process(*write_generated(name, tmp_path))


# The ids a dangling reference could have meant are listed in the order the playbook defines
# them, whatever the interpreter's string hashing: the same file always gives the same output.
KNOWN_IDS = {
    "references-step-owner.yaml": "unknown role 'qa' (known: ops, ic)",
    "references-rollback-metric.yaml": "unknown metric 'error_ratio' (known: error_rate, latency)",
    "references-matrix-row.yaml": "unknown reach level 'several' (known: few, many)",
    "references-comms-severity.yaml": "unknown severity 'P1' (known: S1, S2)",
}


@pytest.mark.parametrize("seed", range(6))
def test_known_ids_in_definition_order_for_any_hash_seed(seed: int) -> None:
    paths = [str(FIXTURES / name) for name in KNOWN_IDS]
    done = subprocess.run(
        [sys.executable, "-m", "playbook", "validate", *paths],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONHASHSEED": str(seed)},
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    for name, message in KNOWN_IDS.items():
        assert message in done.stdout, f"{name}: {message!r} not in\n{done.stdout}"


# --- agreement with the JSON Schema -----------------------------------------------------------


@pytest.fixture(scope="module")
def schema_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_default_playbook_passes_the_schema(schema_validator: Draft202012Validator) -> None:
    data = read_file(default_path()).data
    errors = [error.message for error in schema_validator.iter_errors(data)]
    assert errors == []


def _schema_cases(structural: bool) -> list[Path]:
    return [path for path in fixture_paths() if case_of(path).structural is structural]


@pytest.mark.parametrize("path", _schema_cases(True), ids=lambda p: p.name)
def test_structural_fixture_fails_the_schema(path: Path, schema_validator: Draft202012Validator) -> None:
    parsed = read_file(path)
    assert parsed.problems == [], "a structural fixture must be readable YAML"
    assert not schema_validator.is_valid(parsed.data), "the JSON Schema accepts what the loader refuses"


@pytest.mark.parametrize("path", _schema_cases(False), ids=lambda p: p.name)
def test_consistency_fixture_passes_the_schema(path: Path, schema_validator: Draft202012Validator) -> None:
    # Only the consistency checks refuse these: their structure is valid for both.
    parsed = read_file(path)
    assert parsed.problems == []
    errors = [error.message for error in schema_validator.iter_errors(parsed.data)]
    assert errors == []
