"""Rollback tiers agree with one another for each metric.

For one metric, the range of an ``immediate`` rule does not overlap the range
of a ``consider`` or ``none`` rule, so one reading never falls into two tiers;
and the immediate range lies on the worse side of every consider range (above
it when the metric's rules and alerts say ``above``, below it when they say
``below``), so a worse reading never gets the milder tier.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence

from playbook.checks.base import Finding
from playbook.conditions import Interval, interval
from playbook.model import Alert, Playbook, Rule
from playbook.problems import Level
from playbook.source import Loc

ID = "rollback-tiers"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("rollback",), ("detection",))


def _range(rule: Rule) -> Interval | None:
    try:
        return interval(rule.above, rule.below, rule.between)
    except (ValueError, TypeError):
        return None


def check(playbook: Playbook) -> Iterator[Finding]:
    if playbook.rollback is None:
        return
    by_metric: dict[str, list[tuple[int, Rule]]] = defaultdict(list)
    for index, rule in enumerate(playbook.rollback.rules):
        if rule.metric is not None:
            by_metric[rule.metric].append((index, rule))
    alerts: dict[str, list[Alert]] = defaultdict(list)
    for source in playbook.detection.sources if playbook.detection else ():
        for alert in source.alerts:
            alerts[alert.metric].append(alert)
    for metric, rules in by_metric.items():
        worse = _worse([*(rule for _, rule in rules), *alerts[metric]])
        strict = [(rule, found) for _, rule in rules if rule.tier == "immediate" if (found := _range(rule))]
        if strict:
            yield from _compare(_Immediate(strict), rules, worse)


def _worse(conditions: Sequence[Rule | Alert]) -> str | None:
    """Which way a metric gets worse, as its rules and alerts say (``above``/``below``); None if unclear."""
    sides = {
        "up" if c.above is not None else "down"
        for c in conditions
        if c.above is not None or c.below is not None
    }
    return sides.pop() if len(sides) == 1 else None


class _Immediate:
    """The immediate rules of one metric, sorted so that an overlap is found in log time."""

    def __init__(self, rules: list[tuple[Rule, Interval]]) -> None:
        ordered = sorted(rules, key=lambda pair: (pair[1].low, not pair[1].low_closed))
        self.lows = [found.low for _, found in ordered]
        # reach[k]: of the first k + 1 rules, the one whose range reaches furthest up.
        self.reach: list[tuple[Rule, Interval]] = []
        for pair in ordered:
            best = self.reach[-1] if self.reach else pair
            key = (pair[1].high, pair[1].high_closed)
            self.reach.append(pair if key > (best[1].high, best[1].high_closed) else best)
        self.closed_at: dict[float, tuple[Rule, Interval]] = {}
        for pair in ordered:
            if pair[1].low_closed:
                self.closed_at.setdefault(pair[1].low, pair)
        self.lowest = min(rules, key=lambda pair: pair[1].low)
        self.highest = max(rules, key=lambda pair: pair[1].high)

    def overlapping(self, other: Interval) -> Rule | None:
        """An immediate rule whose range shares a value with ``other``, if any."""
        below = bisect_left(self.lows, other.high)
        if below and self.reach[below - 1][1].overlaps(other):
            return self.reach[below - 1][0]
        if other.high_closed and other.high in self.closed_at:
            return self.closed_at[other.high][0]
        return None


def _compare(strict: _Immediate, rules: list[tuple[int, Rule]], worse: str | None) -> Iterator[Finding]:
    for j, other in rules:
        other_range = _range(other)
        if other.tier == "immediate" or other_range is None:
            continue
        loc = ("rollback", "rules", j)
        hit = strict.overlapping(other_range)
        if hit is not None:
            yield Finding(
                loc,
                f"{other.tier} rule '{other.id}' ({other.condition()}) overlaps immediate "
                f"rule '{hit.id}' ({hit.condition()})",
            )
            continue
        if other.tier != "consider":
            continue
        if worse == "up" and strict.lowest[1].low < other_range.high:
            hit = strict.lowest[0]
        elif worse == "down" and strict.highest[1].high > other_range.low:
            hit = strict.highest[0]
        if hit is not None:
            yield Finding(
                loc,
                f"consider rule '{other.id}' ({other.condition()}) calls for a worse reading than "
                f"immediate rule '{hit.id}' ({hit.condition()})",
            )
