"""The playbook's own review: its period, its reviewer, and the check that it is not overdue."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ONE_SEVERITY
from pydantic import ValidationError

from playbook.checks import review_due
from playbook.loader import validate_text
from playbook.model import Period, Review

BASE = (
    ONE_SEVERITY.format(name="Reviewed")
    + """\
roles:
  - {id: lead, name: Incident Lead}
"""
)


def review(every: str, last: str | None = None) -> Review:
    data: dict[str, object] = {"every": every, "owner": "lead"}
    if last is not None:
        data["last_reviewed"] = last
    return Review.model_validate(data)


@pytest.mark.parametrize(
    ("every", "last", "due"),
    [
        ("6mo", "2026-01-31", date(2026, 7, 31)),
        ("1mo", "2026-01-31", date(2026, 2, 28)),  # no 31 February: the month's last day
        ("1mo", "2024-01-30", date(2024, 2, 29)),
        ("1y", "2024-02-29", date(2025, 2, 28)),
        ("2w", "2026-12-25", date(2027, 1, 8)),
        ("90d", "2026-01-01", date(2026, 4, 1)),
        ("18mo", "2026-11-15", date(2028, 5, 15)),
    ],
)
def test_next_review_falls_a_calendar_period_later(every: str, last: str, due: date) -> None:
    assert review(every, last).next_due() == due


def test_periods_compare_by_length() -> None:
    assert Period("6mo").days < Period("1y").days < Period("13mo").days
    assert Period("2w").days == 14


@pytest.mark.parametrize("every", ["6", "6 months", "0mo", "6m", "-1y", "1.5y", "99999y", ""])
def test_a_malformed_period_is_refused(every: str) -> None:
    with pytest.raises(ValidationError, match="a period is"):
        review(every)


def test_no_last_review_means_no_due_date() -> None:
    assert review("6mo").next_due() is None


def test_the_check_warns_only_once_the_review_is_past() -> None:
    text = BASE + "review: {every: 6mo, owner: lead, last_reviewed: 2026-01-31}\n"
    result = validate_text(text)
    book = result.playbook
    assert book is not None
    assert list(review_due.check(book, today=date(2026, 7, 31))) == []
    (late,) = review_due.check(book, today=date(2026, 8, 1))
    assert "was due on 2026-07-31" in late.message and "'lead'" in late.message
    (future,) = review_due.check(book, today=date(2026, 1, 30))
    assert "after today" in future.message


def test_the_reviewer_must_be_a_role() -> None:
    text = BASE + "review: {every: 6mo, owner: nobody}\n"
    (problem,) = validate_text(text).errors
    assert problem.check == "references"
    assert "unknown role 'nobody'" in problem.message
    assert (problem.line, problem.column) == (11, 29)


def test_review_due_can_be_turned_off() -> None:
    text = BASE + "review: {every: 1y, owner: lead, last_reviewed: 2020-01-01}\nchecks: {review-due: off}\n"
    assert validate_text(text).problems == []
