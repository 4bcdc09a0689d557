"""Fuzzing: structural and semantic mutations of real playbooks never crash anything.

With a fixed seed and a bounded number of examples, each mutated file is
validated. No exception may escape, every problem must point inside the
file, and a playbook that is accepted must answer classify, checklist and
timeline for every severity, render its site, and export its alerts as YAML
(or refuse a rule at its place).
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from conftest import SMALL_PLAYBOOK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import playbook.site as generator
from playbook import api, export, response
from playbook.cli import main
from playbook.loader import default_path

BASES = [default_path().read_text("utf-8"), SMALL_PLAYBOOK]
START = datetime.fromisoformat("2026-01-01T10:00+08:00")
VALUES: list[Any] = [
    None, "", " ", 0, -1, 1.5, True, "0m", "15", "１５m", "1e400%", "9" * 400, "immediately", "P9",
    "widespread", "index", "\x1b[2J", "\x85", "\ufffe", "<script>x</script>", "a" * 3000, [], {}, [None],
    {"id": "x"}, "36500d", "1s", "-5%", "150%", "P0", "critical", "contain", "incident-commander",
]  # fmt: skip
SETTINGS = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [path] + [leaf for k, v in node.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [path] + [leaf for i, v in enumerate(node) for leaf in _leaves(v, (*path, i))]
    return [path]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def semantic(draw: st.DrawFn) -> str:
    data = yaml.load(draw(st.sampled_from(BASES)), Loader=yaml.CSafeLoader)
    for _ in range(draw(st.integers(1, 2))):
        paths = [p for p in _leaves(data) if p]
        path = draw(st.sampled_from(paths))
        node = data
        for key in path[:-1]:
            node = node[key]
        kind = draw(st.sampled_from(["delete", "hostile", "borrow", "borrow"]))
        if kind == "delete" and isinstance(node, dict):
            del node[path[-1]]
        elif kind == "hostile" or isinstance(node[path[-1]], dict | list):
            node[path[-1]] = draw(st.sampled_from(VALUES))
        else:
            # A value of the same type from elsewhere in the playbook: often still valid, so the
            # answers and the site are exercised on many variants, not only the refusals.
            current = node[path[-1]]
            same = [p for p in paths if p[-1] == path[-1] and type(_at(data, p)) is type(current)]
            node[path[-1]] = _at(data, draw(st.sampled_from(same)))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def structural(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(BASES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "repeat", "swap", "indent", "insert", "cut"]))
        if kind == "drop":
            del lines[i]
        elif kind == "repeat":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = draw(st.sampled_from(["  ", "\t", " "])) + lines[i]
        elif kind == "insert":
            lines.insert(i, draw(st.text(min_size=1, max_size=20)) + "\n")
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        if not lines:
            break
    return "".join(lines)


def check(text: str) -> None:
    result = api.validate_text(text, "fuzz.yaml")
    height = text.count("\n") + 2
    for problem in result.problems:
        assert 1 <= problem.line <= height and problem.column >= 1, str(problem)
        assert problem.path == "fuzz.yaml"
    if result.errors or result.playbook is None:
        return
    book = result.playbook
    for reach in book.classification.reach:
        for impact in book.classification.impact:
            book.classify(impact.id, reach.id)
    for severity in book.severities:
        response.checklist(book, severity).to_text()
        response.timeline(book, severity, START).to_dict()
    generator.render(book)
    rules = export.prometheus_rules(book, "https://example.org/playbook/")
    assert rules.ok == (yaml.safe_load(rules.text) is not None) and all(r.loc for r in rules.refused)
    assert "route" in yaml.safe_load(export.alertmanager_config(book).text)


@SETTINGS
@given(semantic())
def test_semantic_mutations(text: str) -> None:
    check(text)


@SETTINGS
@given(structural())
def test_structural_mutations(text: str) -> None:
    check(text)


@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(semantic(), structural()))
def test_the_command_exits_0_1_or_2(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
