"""Threshold conditions as intervals, so that rules can be compared and evaluated."""

from __future__ import annotations

import math
from dataclasses import dataclass

from playbook.units import Quantity

__all__ = ["Interval", "interval"]


@dataclass(frozen=True)
class Interval:
    """Values of one dimension between ``low`` and ``high``, each end open or closed."""

    low: float
    high: float
    low_closed: bool
    high_closed: bool

    def __contains__(self, value: float) -> bool:
        above_low = value >= self.low if self.low_closed else value > self.low
        below_high = value <= self.high if self.high_closed else value < self.high
        return above_low and below_high

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        low, low_closed = max(
            (self.low, self.low_closed),
            (other.low, other.low_closed),
            key=lambda e: (e[0], not e[1]),
        )
        high, high_closed = min(
            (self.high, self.high_closed),
            (other.high, other.high_closed),
            key=lambda e: (e[0], e[1]),
        )
        return low < high or (low == high and low_closed and high_closed)


def interval(
    above: Quantity | None = None,
    below: Quantity | None = None,
    between: tuple[Quantity, Quantity] | None = None,
) -> Interval:
    """The values a condition holds for: ``above`` and ``below`` are strict, ``between`` inclusive."""
    if above is not None:
        return Interval(above.base, math.inf, False, False)
    if below is not None:
        return Interval(-math.inf, below.base, False, False)
    if between is not None:
        return Interval(between[0].base, between[1].base, True, True)
    raise ValueError("a condition needs 'above', 'below' or 'between'")
