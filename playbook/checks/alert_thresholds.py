"""A detection alert fires no later than the rollback rules on its metric.

An alert on a metric that rollback rules also watch must fire at or before
the least strict of those rules (``consider`` if there is one, else
``immediate``): otherwise the playbook would call for a rollback that no alert
announced. For an ``above`` alert the threshold is at most the rule's lower
bound; for a ``below`` alert, at least its upper bound.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.conditions import interval
from playbook.model import Playbook, Rule
from playbook.problems import Level
from playbook.source import Loc

ID = "alert-thresholds"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("rollback",), ("detection",))


def check(playbook: Playbook) -> Iterator[Finding]:
    if playbook.detection is None or playbook.rollback is None:
        return
    rules: dict[str, list[Rule]] = defaultdict(list)
    for rule in playbook.rollback.rules:
        if rule.metric is not None and rule.tier != "none":
            rules[rule.metric].append(rule)
    for s, source in enumerate(playbook.detection.sources):
        for a, alert in enumerate(source.alerts):
            watching = rules.get(alert.metric, [])
            consider = [r for r in watching if r.tier == "consider"]
            for rule in consider or watching:
                try:
                    calls = interval(rule.above, rule.below, rule.between)
                except ValueError:
                    continue
                if alert.above is not None and calls.low > -math.inf:
                    side, late = "above", alert.above.base > calls.low
                elif alert.below is not None and calls.high < math.inf:
                    side, late = "below", alert.below.base < calls.high
                else:
                    continue
                if late:
                    yield Finding(
                        ("detection", "sources", s, "alerts", a, side),
                        f"alert {alert.metric} {'>' if side == 'above' else '<'} "
                        f"{alert.threshold} fires later than {rule.tier} rule '{rule.id}' "
                        f"({rule.condition()})",
                    )
