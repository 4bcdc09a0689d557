"""Classification against the seed's severity matrix, which is the oracle (not the YAML)."""

from __future__ import annotations

import pytest

import playbook
from playbook import UnknownLevelError, classify
from playbook.loader import default_path, validate_text
from playbook.model import Playbook

# Typed from "### Severity Matrix" in seed/incident-response-playbook.md.
SEED_MATRIX = """\
              Low Impact    Medium Impact    High Impact    Critical Impact
Widespread    P1            P0               P0             P0
Many Users    P2            P1               P0             P0
Some Users    P2            P2               P1             P1
Few Users     P2            P2               P2             P1
"""

# The format's ids for the seed's names (DESIGN.md, "The format").
IMPACT_IDS = {
    "Low Impact": "low",
    "Medium Impact": "medium",
    "High Impact": "high",
    "Critical Impact": "critical",
}
REACH_IDS = {"Widespread": "widespread", "Many Users": "many", "Some Users": "some", "Few Users": "few"}


def seed_cells() -> list[tuple[str, str, str]]:
    """(impact name, reach name, severity) for every cell of the seed's matrix."""
    header, *rows = SEED_MATRIX.splitlines()
    impacts = [name for name in IMPACT_IDS if name in header]
    assert impacts == list(IMPACT_IDS)
    cells = []
    for row in rows:
        reach = next(name for name in REACH_IDS if row.startswith(name))
        severities = row[len(reach) :].split()
        assert len(severities) == len(impacts)
        cells += [(impact, reach, severity) for impact, severity in zip(impacts, severities, strict=True)]
    return cells


CELLS = seed_cells()


def test_the_seed_table_has_16_cells() -> None:
    assert len(CELLS) == 16
    assert len({(impact, reach) for impact, reach, _ in CELLS}) == 16


@pytest.mark.parametrize(("impact", "reach", "expected"), CELLS)
def test_classify_by_id(impact: str, reach: str, expected: str) -> None:
    assert classify(IMPACT_IDS[impact], REACH_IDS[reach]).id == expected


@pytest.mark.parametrize(("impact", "reach", "expected"), CELLS)
def test_classify_by_name(impact: str, reach: str, expected: str) -> None:
    assert classify(impact, reach).id == expected


@pytest.mark.parametrize(("impact", "reach", "expected"), CELLS)
def test_classify_is_case_insensitive(impact: str, reach: str, expected: str) -> None:
    assert classify(impact.upper(), reach.lower()).id == expected
    assert classify(IMPACT_IDS[impact].upper(), REACH_IDS[reach].title()).id == expected
    assert classify(impact.swapcase(), REACH_IDS[reach].upper()).id == expected


@pytest.mark.parametrize(("impact", "reach", "expected"), CELLS)
def test_classify_mixes_ids_and_names(impact: str, reach: str, expected: str) -> None:
    assert classify(IMPACT_IDS[impact], reach).id == expected
    assert classify(impact, REACH_IDS[reach]).id == expected


def test_classify_returns_the_severity_with_its_targets() -> None:
    severity = classify("critical", "widespread")
    assert isinstance(severity, playbook.Severity)
    assert (severity.id, severity.name, severity.label) == ("P0", "Critical", "紧急")
    assert severity.respond_within.total_seconds() == 15 * 60


def test_classify_matches_the_playbook_method() -> None:
    book = playbook.load()
    for impact, reach, _ in CELLS:
        assert classify(impact, reach) == book.classify(impact, reach)


def test_classify_ignores_surrounding_spaces() -> None:
    assert classify(" high ", "many ").id == "P0"


# --- unknown levels ------------------------------------------------------------------------


def test_unknown_impact_lists_every_choice() -> None:
    with pytest.raises(UnknownLevelError) as info:
        classify("huge", "many")
    error = info.value
    assert isinstance(error, ValueError)
    assert error.axis == "impact"
    assert error.value == "huge"
    assert set(error.choices) == set(IMPACT_IDS.values())
    message = str(error)
    assert "huge" in message
    for choice in IMPACT_IDS.values():
        assert choice in message


def test_unknown_reach_lists_every_choice() -> None:
    with pytest.raises(UnknownLevelError) as info:
        classify("high", "everyone")
    assert info.value.axis == "reach"
    for choice in REACH_IDS.values():
        assert choice in str(info.value)


def test_unknown_level_is_a_value_error() -> None:
    assert issubclass(UnknownLevelError, ValueError)
    with pytest.raises(ValueError):
        classify("P0", "few")


def test_a_severity_id_is_not_a_level() -> None:
    with pytest.raises(UnknownLevelError):
        classify("high", "P0")


def test_unknown_candidate_among_several() -> None:
    with pytest.raises(UnknownLevelError) as info:
        classify(["high", "huge"], "many")
    assert info.value.value == "huge"


def test_no_candidate_is_an_error() -> None:
    with pytest.raises(ValueError):
        classify([], "many")


# --- several candidates ----------------------------------------------------------------------


# (impact candidates, reach candidates, the seed's cells they span, with "higher", with "lower")
DOUBTS = [
    (["medium", "high"], ["many"], "P1 or P0", "P0", "P1"),
    (["low"], ["few", "widespread"], "P2 or P1", "P1", "P2"),
    (["Low Impact", "medium"], ["some", "Many Users"], "P2, P2, P2 or P1", "P1", "P2"),
    (["critical", "low"], ["few"], "P1 or P2", "P1", "P2"),
    (["high", "critical"], ["many", "widespread"], "P0 everywhere", "P0", "P0"),
]


@pytest.mark.parametrize(("impacts", "reaches", "cells", "higher", "lower"), DOUBTS)
def test_when_in_doubt_higher_picks_the_more_severe(
    impacts: list[str], reaches: list[str], cells: str, higher: str, lower: str
) -> None:
    assert playbook.default().classification.when_in_doubt == "higher"
    assert classify(impacts, reaches).id == higher


def lower_playbook() -> Playbook:
    text = default_path().read_text(encoding="utf-8")
    assert text.count("when_in_doubt: higher") == 1
    result = validate_text(text.replace("when_in_doubt: higher", "when_in_doubt: lower"))
    assert result.problems == []
    assert result.playbook is not None
    return result.playbook


@pytest.mark.parametrize(("impacts", "reaches", "cells", "higher", "lower"), DOUBTS)
def test_when_in_doubt_lower_picks_the_less_severe(
    impacts: list[str], reaches: list[str], cells: str, higher: str, lower: str
) -> None:
    book = lower_playbook()
    assert book.classification.when_in_doubt == "lower"
    assert book.classify(impacts, reaches).id == lower
    # a single cell is not in doubt: "lower" changes nothing there
    assert book.classify("critical", "widespread").id == "P0"


def test_one_candidate_in_a_list_is_the_plain_cell() -> None:
    for impact, reach, expected in CELLS:
        assert classify([impact], [reach]).id == expected
        assert classify((IMPACT_IDS[impact],), reach).id == expected


def test_the_module_level_classify_becomes_a_plain_global() -> None:
    import subprocess
    import sys

    probe = (
        "import playbook\n"
        "assert 'classify' not in vars(playbook)\n"
        "first = playbook.classify\n"
        "assert vars(playbook)['classify'] is first\n"
        "assert playbook.classify('high', 'many').id == 'P0'\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_spelling_folded_once_is_remembered_and_stays_right() -> None:
    from playbook import api

    book = api.load()
    classify = book.classify
    for _ in range(3):
        assert classify("HIGH", "MANY").id == "P0"
        assert classify("high impact", "FEW users").id == classify("high", "few").id
    # More distinct spellings than are remembered: still right, and the memory stays bounded.
    known = len(book._index.cells)
    spellings = [("High" + " " * n, "Many") for n in range(1, 5000)]
    assert {classify(*pair).id for pair in spellings} == {"P0"}
    assert known < len(book._index.cells) <= known + 4096
