"""Rollback tiers agree with one another for each metric.

For one metric, an ``immediate`` rule is stricter than a ``consider`` rule: its
range lies on the far side of the consider range (above it for an ``above``
rule, below it for a ``below`` rule) and the two ranges do not overlap, so one
reading never falls into two tiers. A ``none`` rule on a metric may not overlap
an ``immediate`` or ``consider`` range either.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from playbook.checks import Finding
from playbook.conditions import Interval, interval
from playbook.model import Playbook, Rule

ID = "rollback-tiers"
SEVERITY = "error"


def describe(rule: Rule) -> str:
    """``api_error_rate > 10%`` style text for a metric rule."""
    if rule.above is not None:
        return f"{rule.metric} > {rule.above}"
    if rule.below is not None:
        return f"{rule.metric} < {rule.below}"
    assert rule.between is not None
    return f"{rule.metric} {rule.between[0]}–{rule.between[1]}"


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
    for rules in by_metric.values():
        for _, strict in rules:
            if strict.tier == "immediate":
                yield from _compare(strict, rules)


def _compare(strict: Rule, rules: list[tuple[int, Rule]]) -> Iterator[Finding]:
    strict_range = _range(strict)
    for j, other in rules:
        other_range = _range(other)
        if other.tier == "immediate" or strict_range is None or other_range is None:
            continue
        loc = ("rollback", "rules", j)
        if strict_range.overlaps(other_range):
            yield Finding(
                loc,
                f"{other.tier} rule '{other.id}' ({describe(other)}) overlaps immediate "
                f"rule '{strict.id}' ({describe(strict)})",
            )
        elif other.tier == "consider" and not _further(strict_range, other_range):
            yield Finding(
                loc,
                f"consider rule '{other.id}' ({describe(other)}) is stricter than immediate "
                f"rule '{strict.id}' ({describe(strict)})",
            )


def _further(strict: Interval, other: Interval) -> bool:
    """True when ``strict`` lies on the unbounded (worse) side of ``other``."""
    if strict.high == math.inf:
        return strict.low >= other.high
    if strict.low == -math.inf:
        return strict.high <= other.low
    return True
