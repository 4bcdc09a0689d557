"""Durations a timeline can count with, and a message field given once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main
from playbook.units import parse_duration

CLARITY = Path(__file__).parent.parent / "playbook" / "data" / "clarity.yaml"


def test_a_duration_of_a_hundred_years_is_the_most() -> None:
    assert parse_duration("36525d").days == 36525
    with pytest.raises(ValueError, match="at most 100 years"):
        parse_duration("36526d")
    with pytest.raises(ValueError, match="at most 100 years"):
        parse_duration("999999999d")


def test_a_meeting_due_past_year_9999_is_refused_when_validating(tmp_path: Path) -> None:
    text = CLARITY.read_text("utf-8")
    assert "meeting_within: " in text
    head, _, tail = text.partition("meeting_within: ")
    path = tmp_path / "p.yaml"
    path.write_text(head + "meeting_within: 999999999d" + tail[tail.index("\n") :], "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "at most 100 years" in result.output


def test_a_message_field_set_twice_is_a_usage_error() -> None:
    args = ["message", "--example", "clarity", "status-update"]
    fields = ["time=1", "progress=x", "next_step=y", "eta=z", "progress=w"]
    result = CliRunner().invoke(main, [*args, *(a for f in fields for a in ("--set", f))])
    assert result.exit_code == 2
    assert "field progress is set more than once" in result.output
