"""Rollback tiers agree with one another for each metric.

For one metric, the range of an ``immediate`` rule does not overlap the range
of a ``consider`` or ``none`` rule, so one reading never falls into two tiers.
An immediate rule that reaches to infinity (``above``) or minus infinity
(``below``) is thereby always the stricter one: a consider rule that went
further would overlap it.
"""

from __future__ import annotations

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
