"""The API refuses a wrong argument with TypeError or ValueError, and an unusable path as a problem."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import playbook

FIELDS = {"time": "10:00", "progress": "x", "next_step": "y", "eta": "z"}


@pytest.mark.parametrize("now", ["10:00", 5])
def test_render_message_refuses_a_now_that_is_not_a_datetime(now: object) -> None:
    with pytest.raises(TypeError, match="datetime"):
        playbook.default().render_message("status-update", FIELDS, now=now)  # type: ignore[arg-type]


def test_render_message_refuses_a_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone"):
        playbook.default().render_message("status-update", FIELDS, now=datetime(2026, 1, 1))


def test_render_message_takes_an_aware_now() -> None:
    text = playbook.default().render_message("status-update", FIELDS, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert "10:00" in text


def test_a_path_too_long_is_an_io_problem() -> None:
    [problem] = playbook.validate("a" * 5000).problems
    assert (problem.check, problem.message) == ("io", "File name too long")
    with pytest.raises(playbook.PlaybookError, match="File name too long"):
        playbook.load("a" * 5000)
