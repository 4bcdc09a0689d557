"""The playbook's own review is not overdue.

When the ``review`` section gives the date of the last review, the next one
falls ``every`` after it; a playbook past that date is reported as a warning,
so that CI reminds the reviewing role. A last review dated in the future is
reported too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "review-due"
SEVERITY: Level = "warning"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = ()


def check(playbook: Playbook, today: date | None = None) -> Iterator[Finding]:
    review = playbook.review
    if review is None or review.last_reviewed is None:
        return
    today = today or date.today()
    due = review.next_due()
    loc = ("review", "last_reviewed")
    if review.last_reviewed > today:
        yield Finding(loc, f"last reviewed {review.last_reviewed}, which is after today ({today})")
    elif due is not None and due < today:
        yield Finding(
            loc,
            f"the playbook's review was due on {due} (every {review.every}"
            + (f" by '{review.owner}')" if review.owner else ")"),
        )
