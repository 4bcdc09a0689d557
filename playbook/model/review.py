"""The playbook's own review: how often it is read through again, and by whom."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated

from pydantic import Field, PlainSerializer, PlainValidator, WithJsonSchema

from playbook.model.base import DateText, Id, Looser, Node, Ref
from playbook.units import shown

__all__ = ["Period", "Review"]

PERIOD_PATTERN = r"^[1-9][0-9]{0,3}(d|w|mo|y)$"
_PERIOD = re.compile(PERIOD_PATTERN)
_DAYS = {"d": 1.0, "w": 7.0, "mo": 365.25 / 12, "y": 365.25}


class Period(str):
    """A calendar period: ``90d``, ``2w``, ``6mo``, ``1y``. Compared by its length in days."""

    __slots__ = ()

    @property
    def amount(self) -> int:
        """The number of units: 6 in ``6mo``."""
        return int(re.sub(r"[a-z]+$", "", self))

    @property
    def unit(self) -> str:
        """``d``, ``w``, ``mo`` or ``y``."""
        return re.sub(r"^[0-9]+", "", self)

    @property
    def days(self) -> float:
        """The period's length in days, months and years at their mean length."""
        return self.amount * _DAYS[self.unit]

    def after(self, day: date) -> date:
        """The date one period after ``day`` (months and years by the calendar)."""
        if self.unit in ("d", "w"):
            return day + timedelta(days=round(self.days))
        months = self.amount * (12 if self.unit == "y" else 1)
        year, month = divmod(day.month - 1 + months, 12)
        year += day.year
        for last in (day.day, 30, 29, 28):
            try:
                return date(year, month + 1, last)
            except ValueError:
                continue
        raise ValueError(f"no date {self} after {day}")


def _period(value: object) -> Period:
    if isinstance(value, str) and _PERIOD.fullmatch(value.strip()):
        return Period(value.strip())
    raise ValueError(f"a period is a number and d, w, mo or y, such as 6mo or 1y, not {shown(value)}")


PeriodText = Annotated[
    Period,
    PlainValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "description": "A calendar period: 90d, 2w, 6mo or 1y.",
        }
    ),
]


class Review(Node):
    """How often the playbook itself is reviewed, by which role, and when it last was."""

    every: Annotated[PeriodText, Looser("longer")] = Field(description="How often: 6mo, 1y, 90d.")
    owner: Annotated[Id | None, Ref("role")] = Field(
        None, description="The role that reviews the playbook (required in format 1)."
    )
    last_reviewed: DateText | None = Field(None, description="When it was last reviewed (YYYY-MM-DD).")

    def next_due(self) -> date | None:
        """The date the next review is due, when the last one is known."""
        return None if self.last_reviewed is None else self.every.after(self.last_reviewed)
