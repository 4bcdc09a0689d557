"""Thresholds are in their metric's unit.

A threshold on a percentage metric is a percentage (``10%``), on a time metric
a time (``2s``, ``500ms``), on a count a bare number. Comparing ``10%`` with a
metric measured in seconds would silently never fire.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc
from playbook.units import Quantity

ID = "metric-units"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = ()

_NAMES = {"%": "a percentage", "s": "a time", "": "a bare number"}


def _thresholds(playbook: Playbook) -> Iterator[tuple[Loc, str, Quantity]]:
    if playbook.detection:
        for s, source in enumerate(playbook.detection.sources):
            for a, alert in enumerate(source.alerts):
                loc: Loc = ("detection", "sources", s, "alerts", a)
                for side in ("above", "below"):
                    value = getattr(alert, side)
                    if value is not None:
                        yield (*loc, side), alert.metric, value
    if playbook.rollback:
        for r, rule in enumerate(playbook.rollback.rules):
            if rule.metric is None:
                continue
            base: Loc = ("rollback", "rules", r)
            for side in ("above", "below"):
                value = getattr(rule, side)
                if value is not None:
                    yield (*base, side), rule.metric, value
            if rule.between is not None:
                for i, bound in enumerate(rule.between):
                    yield (*base, "between", i), rule.metric, bound


def check(playbook: Playbook) -> Iterator[Finding]:
    units = {metric.id: metric.unit for metric in playbook.metrics}
    for loc, metric, value in _thresholds(playbook):
        unit = units.get(metric)
        if unit is None:
            continue
        want = Quantity(0, unit).dimension
        if value.dimension != want:
            yield Finding(
                loc,
                f"{value} is {_NAMES[value.dimension]}, but metric '{metric}' is measured as "
                f"{_NAMES[want]}" + (f" ({unit})" if unit else ""),
            )
