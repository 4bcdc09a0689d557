"""Checks on a partial model: a playbook with read errors still gets every check that can tell the truth.

The items that hold a read error are left out, the model is built from what
is left, and the checks that the parts left out cannot mislead run on it. A
reference to an item left out is not dangling, a collection that lost an item
is not empty, and a check whose answer depends on what was left out does not
run; when no partial model can be built, only the read errors are reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_PLAYBOOK
from pydantic import ValidationError

import playbook.checks
from playbook.checks import CHECKS, STRUCTURAL
from playbook.loader import validate, validate_text
from playbook.model import Playbook
from playbook.partial import partial
from playbook.problems import Problem
from playbook.source import DEFAULT_LIMITS, parse_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "invalid"

BASE = (
    MINIMAL_PLAYBOOK.replace("name: Minimal", "name: Partial")
    + """\
roles:
  - {id: ops, name: Ops}
  - {id: ic, name: Incident Commander}
workflow:
  - id: detect
    name: Detect
    steps:
      - {id: "1.1", action: Notice the alert, owner: ops}
      - {id: "1.2", action: Page the commander, owner: ic}
communication:
  templates:
    - id: start
      name: Incident start
      fields:
        - {id: summary, label: Short description}
      body: "Incident: {summary}"
"""
)


def edited(*replacements: tuple[str, str]) -> str:
    text = BASE
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def problems(text: str) -> list[Problem]:
    result = validate_text(text, "p.yaml")
    assert result.playbook is None or not result.errors
    return result.problems


def shown(found: list[Problem]) -> list[str]:
    return [f"{p.line}:{p.column} {p.check}" for p in found]


def line_of(text: str, needle: str) -> int:
    (number,) = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return number


def test_the_base_is_valid() -> None:
    assert problems(BASE) == []


# --- one pass reports everything it can ------------------------------------------------------


def test_fourteen_read_errors_and_one_consistency_problem_in_one_run() -> None:
    path = FIXTURES / "partial-checks.yaml"
    text = path.read_text(encoding="utf-8")
    found = validate(path).problems
    assert len(found) == 15
    structural = [p for p in found if p.check in STRUCTURAL]
    assert len(structural) == 14
    (consistency,) = [p for p in found if p.check not in STRUCTURAL]
    assert consistency.check == "references" and "unknown role 'qa'" in consistency.message
    # At the line that names the role, at its column: positions map back through the items left out.
    line = text.splitlines()[consistency.line - 1]
    assert line[consistency.column - 1 :].startswith("qa}")
    # Without the partial model, the consistency problem only shows once the 14 are fixed.
    assert len({(p.line, p.column) for p in found}) == 15


def test_a_consistency_problem_beside_a_read_error_is_reported() -> None:
    text = edited(
        ("    respond_within: 1h\n", "    respond_within: 1 hour\n"),
        ('      body: "Incident: {summary}"', '      body: "Incident: {sumary}"'),
    )
    found = problems(text)
    assert shown(found) == [
        f"{line_of(text, '1 hour')}:21 invalid-value",
        f"{line_of(text, '{id: summary,')}:16 template-fields",
        f"{line_of(text, 'body:')}:13 template-fields",
    ]


def test_positions_after_an_item_left_out_point_at_the_right_line() -> None:
    text = edited(
        ("  - {id: ic, name: Incident Commander}\n",
         "  - {id: ic}\n  - {id: lead, name: Lead}\n  - {id: lead, name: Second lead}\n"),
    )  # fmt: skip
    found = problems(text)
    assert shown(found) == [
        f"{line_of(text, '{id: ic}')}:5 missing-key",
        f"{line_of(text, 'Second lead')}:10 unique-ids",
    ]
    assert f"(first at line {line_of(text, 'name: Lead}')})" in found[1].message


# --- nothing spurious --------------------------------------------------------------------------


def test_a_reference_to_an_item_left_out_is_not_dangling() -> None:
    text = edited(("    respond_within: 1h\n", "    respond_within: soon\n"))
    assert shown(problems(text)) == [f"{line_of(text, 'soon')}:21 invalid-value"]


def test_a_reference_to_a_kind_with_an_unreadable_id_is_not_judged() -> None:
    text = edited(("  - id: S2\n", "  - id: S 2\n"))
    assert shown(problems(text)) == [f"{line_of(text, 'S 2')}:9 invalid-value"]


def test_a_matrix_cell_of_a_level_left_out_is_not_missing() -> None:
    text = edited(("    - {id: high, name: High Impact}\n", "    - {id: high, name: [High]}\n"))
    assert shown(problems(text)) == [f"{line_of(text, '[High]')}:24 invalid-value"]


def test_a_collection_that_lost_its_only_item_is_not_empty() -> None:
    text = edited(
        ('      - {id: "1.1", action: Notice the alert, owner: ops}\n'
         '      - {id: "1.2", action: Page the commander, owner: ic}\n',
         '      - {id: "1.1", action: Notice the alert}\n'),
    )  # fmt: skip
    assert shown(problems(text)) == [f"{line_of(text, 'Notice')}:9 missing-key"]


def test_a_check_that_depends_on_what_was_left_out_does_not_run() -> None:
    # Without step 1.1, step 1.2 is the first step: step-numbering would ask to renumber it.
    text = edited(
        ('      - {id: "1.1", action: Notice the alert, owner: ops}\n',
         '      - {id: "1.1", action: Notice the alert, owner: ops, within: soon}\n'),
    )  # fmt: skip
    assert shown(problems(text)) == [f"{line_of(text, 'soon')}:67 invalid-value"]


def test_an_unknown_key_alone_loses_nothing() -> None:
    # The key is dropped, every check runs, and the severity order is still checked.
    text = edited(
        ("    resolve_within: 8h\n", "    resolve_within: 30m\n    colour: green\n"),
    )
    assert shown(problems(text)) == [
        f"{line_of(text, 'resolve_within: 30m') - 1}:21 severity-order",
        f"{line_of(text, 'resolve_within: 30m')}:21 severity-order",
        f"{line_of(text, 'colour')}:5 unknown-key",
    ]


# --- what stays as it was ----------------------------------------------------------------------


def test_without_a_partial_model_only_the_read_errors_are_reported() -> None:
    # A required top-level value cannot be left out.
    text = edited(("name: Partial\n", ""), ("owner: ic}\n", "owner: qa}\n"))
    assert [p.check for p in problems(text)] == ["missing-key"]


def test_yaml_errors_still_stop_the_checks() -> None:
    text = edited(("name: Partial\n", "name: Partial\nname: Twice\n"), ("owner: ic}\n", "owner: qa}\n"))
    assert [p.check for p in problems(text)] == ["yaml-duplicate-key"]


def test_the_partial_model_is_never_the_result() -> None:
    result = validate_text(edited(("owner: ic}\n", "owner: qa, within: soon}\n")), "p.yaml")
    assert result.playbook is None
    assert {p.check for p in result.problems} == {"invalid-value"}


def test_disable_comments_and_the_checks_section_apply() -> None:
    misnumbered = '      - {id: "1.3", action: Page the commander, owner: ic}'
    text = edited(
        ("    respond_within: 1h\n", "    respond_within: soon\n"),
        ('      - {id: "1.2", action: Page the commander, owner: ic}', misnumbered),
    )
    assert [p.check for p in problems(text)] == ["invalid-value", "step-numbering"]
    silenced = text.replace(misnumbered, misnumbered + "  # playbook: disable=step-numbering")
    assert [p.check for p in problems(silenced)] == ["invalid-value"]
    assert [p.check for p in problems(text + "checks: {step-numbering: off}\n")] == ["invalid-value"]


def test_the_ids_left_out_are_kept_and_positions_shift() -> None:
    text = edited(("  - {id: ops, name: Ops}\n", "  - {id: ops}\n"))
    parsed = parse_bytes("p.yaml", text.encode(), DEFAULT_LIMITS)
    with pytest.raises(ValidationError) as caught:
        Playbook.model_validate(parsed.data)
    found = partial(parsed.data, parsed.where, caught.value.errors(include_url=False))
    assert found is not None
    assert [role.id for role in found.book.roles] == ["ic"]
    assert found.ids == {"role": {"ops"}}
    assert found.left_out == [(("roles",), 0)]
    assert found.where.values[("roles", 0, "id")] == parsed.where.values[("roles", 1, "id")]


# --- every check says whether it runs on a partial model ----------------------------------------


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.ID)
def test_every_check_says_how_it_runs_on_a_partial_model(check: object) -> None:
    sections = getattr(check, "PARTIAL", None)
    assert sections is not None or hasattr(check, "check_partial"), (
        f"{check.ID}: say with PARTIAL (or check_partial) whether it runs on a partial model"  # type: ignore[attr-defined]
    )
    for section in sections or ():
        assert all(isinstance(key, str) for key in section)


def test_the_checks_docstring_names_each_check() -> None:
    doc = playbook.checks.__doc__ or ""
    for check in CHECKS:
        assert f"``{check.ID}``" in doc, check.ID
