"""A name can never take the place of an id: lookups are by id first, and look-alikes are refused."""

from __future__ import annotations

import pytest

from playbook import api, response
from playbook.loader import validate_text

HIJACK = """\
format: 1
name: Hijack
severities:
  - {id: P0, name: Critical, respond_within: 15m, resolve_within: 1h}
  - {id: P1, name: High, respond_within: 30m, resolve_within: 4h}
  - {id: P2, name: Medium, respond_within: 2h, resolve_within: 24h}
classification:
  impact:
    - {id: low, name: Low Impact}
    - {id: high, name: High Impact}
  reach:
    - {id: some, name: Widespread}
    - {id: widespread, name: Everyone}
  matrix:
    some: {low: P2, high: P1}
    widespread: {low: P1, high: P0}
"""


def unchecked(text: str) -> api.Playbook:
    result = api.validate_text(text, checks=False)
    assert isinstance(result.playbook, api.Playbook), [str(p) for p in result.problems]
    return result.playbook


def test_a_level_named_like_another_levels_id_is_refused() -> None:
    (problem,) = validate_text(HIJACK).errors
    assert problem.check == "ambiguous-names"
    assert (
        "'widespread'" in problem.message
        and "'Widespread'" in problem.message
        and "'some'" in problem.message
    )
    assert (problem.line, problem.column) == (13, 12)
    assert "first at line 12" in problem.message


@pytest.mark.parametrize("reach", ["widespread", "Widespread", "WIDESPREAD", " widespread ", "Everyone"])
def test_an_id_wins_over_a_name_even_unchecked(reach: str) -> None:
    assert unchecked(HIJACK).classify("low", reach).id == "P1"


def test_a_name_still_works_where_no_id_reads_the_same() -> None:
    book = unchecked(HIJACK)
    assert book.classify("Low Impact", "some").id == "P2"
    assert book.classify("low impact", "everyone").id == "P1"
    assert book.classify("LOW_IMPACT".replace("_", " "), "some").id == "P2"


CLEAN = HIJACK.replace("{id: some, name: Widespread}", "{id: some, name: Some}")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("{id: high, name: High Impact}", "{id: high, name: LOW}", "name 'LOW' reads the same as id 'low'"),
        ("{id: P1, name: High,", "{id: p0, name: High,", "severity id 'p0' reads the same as id 'P0'"),
        ("{id: high, name: High Impact}", "{id: high, name: Low  IMPACT}", "'Low  IMPACT' reads the"),
        ("{id: widespread, name: Everyone}", "{id: widespread, name: widespread}", None),
        ("{id: some, name: Some}", "{id: some, name: Some}", None),
    ],
    ids=["name-vs-id", "ids-differing-in-case", "name-vs-name", "own-name-is-own-id", "no-collision"],
)  # fmt: skip
def test_look_alikes(old: str, new: str, fragment: str | None) -> None:
    text = CLEAN.replace(old, new)
    problems = [p for p in validate_text(text).errors if p.check == "ambiguous-names"]
    if fragment is None:
        assert problems == []
    else:
        assert len(problems) == 1, [str(p) for p in problems]
        assert fragment in problems[0].message


def test_phase_lookups_prefer_ids(small_playbook_text: str) -> None:
    # Phase 'detect' is named "Fix", the other phase's id.
    text = small_playbook_text.replace("    name: Detect\n", "    name: fix\n")
    assert any(p.check == "ambiguous-names" for p in validate_text(text).errors)
    book = unchecked(text)
    assert response.checklist(book, "S1", phase="fix").phase == "fix"
    assert response.checklist(book, "S1", phase="FIX").phase == "fix"
    assert response.checklist(book, "S1", phase="detect").phase == "detect"


def test_the_check_cannot_be_turned_off() -> None:
    text = HIJACK + "checks: {ambiguous-names: off}\n"
    checks = {p.check for p in validate_text(text).errors}
    assert checks == {"check-config", "ambiguous-names"}
