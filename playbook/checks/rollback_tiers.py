"""Rollback tiers agree with one another for each metric.

For one metric, the range of an ``immediate`` rule does not overlap the range
of a ``consider`` or ``none`` rule, so one reading never falls into two tiers;
and the immediate range lies on the worse side of every consider range (above
it when the metric's rules and alerts say ``above``, below it when they say
``below``), so a worse reading never gets the milder tier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from playbook.checks.base import Finding
from playbook.conditions import Interval, interval
from playbook.model import Alert, Playbook, Rule
from playbook.problems import Level

ID = "rollback-tiers"
SEVERITY: Level = "error"
RELAXABLE = True


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
        for _, strict in rules:
            if strict.tier == "immediate":
                yield from _compare(strict, rules, worse)


def _worse(conditions: Sequence[Rule | Alert]) -> str | None:
    """Which way a metric gets worse, as its rules and alerts say (``above``/``below``); None if unclear."""
    sides = {
        "up" if c.above is not None else "down"
        for c in conditions
        if c.above is not None or c.below is not None
    }
    return sides.pop() if len(sides) == 1 else None


def _compare(strict: Rule, rules: list[tuple[int, Rule]], worse: str | None) -> Iterator[Finding]:
    strict_range = _range(strict)
    for j, other in rules:
        other_range = _range(other)
        if other.tier == "immediate" or strict_range is None or other_range is None:
            continue
        loc = ("rollback", "rules", j)
        if strict_range.overlaps(other_range):
            yield Finding(
                loc,
                f"{other.tier} rule '{other.id}' ({other.condition()}) overlaps immediate "
                f"rule '{strict.id}' ({strict.condition()})",
            )
        elif other.tier == "consider" and (
            (worse == "up" and strict_range.low < other_range.high)
            or (worse == "down" and strict_range.high > other_range.low)
        ):
            yield Finding(
                loc,
                f"consider rule '{other.id}' ({other.condition()}) calls for a worse reading than "
                f"immediate rule '{strict.id}' ({strict.condition()})",
            )
