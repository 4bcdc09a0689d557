"""The alerting rules a playbook states: one per detection alert and per rollback rule.

Each is built from the model alone: its name and its anchor on the site come
from :func:`playbook.derive.alerts`, its expression from the metric's (or
signal's) ``promql`` and the threshold in that expression's scale, its hold
time from the rule's ``for``, its summary from the words the site uses. What
has no expression is listed as left out; a threshold that cannot be put in
the expression's scale is refused at its place in the playbook.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

import playbook.derive as derive
from playbook.export.thresholds import ScaleError, above, below, between, in_scale
from playbook.model import Alert, Metric, Playbook, Rule, Source
from playbook.wording import phrases

__all__ = ["AlertRule", "Export", "LeftOut", "Loc", "Refusal", "Rules", "alert_rules", "playbook_id"]

Loc = tuple[str | int, ...]
"""A path of keys and indexes into the playbook's YAML, as the problems' locations use."""


@dataclass(frozen=True)
class AlertRule:
    """One Prometheus alerting rule."""

    name: str
    group: Literal["detection", "rollback"]
    expr: str
    hold: timedelta | None
    """The rule's ``for``: how long the condition holds before the alert fires."""
    labels: dict[str, str]
    annotations: dict[str, str]


@dataclass(frozen=True)
class LeftOut:
    """A metric or signal without an expression, and the alerts left out for want of it."""

    kind: Literal["metric", "signal"]
    id: str
    alerts: tuple[str, ...]


@dataclass(frozen=True)
class Refusal:
    """A rule the export cannot express, at ``loc`` in the playbook."""

    loc: Loc
    message: str
    name: str
    """The alert it would have been."""


@dataclass(frozen=True)
class Rules:
    """Every alerting rule of a playbook, what was left out, and what could not be expressed."""

    rules: tuple[AlertRule, ...]
    left_out: tuple[LeftOut, ...] = ()
    refused: tuple[Refusal, ...] = ()


@dataclass(frozen=True)
class Export:
    """An exported file: its text, what was left out of it, and what could not be expressed."""

    text: str
    left_out: tuple[LeftOut, ...] = ()
    refused: tuple[Refusal, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every rule was expressed (the text is then the whole file)."""
        return not self.refused


def playbook_id(book: Playbook) -> str:
    """The ``playbook`` label of every alert: the playbook's name as a slug (``clarity-incident-...``)."""
    text = derive.slug(book.name)
    return "playbook" if text == "x" else text


def alert_rules(book: Playbook, site_url: str | None = None) -> Rules:
    """The alerting rule of every detection alert and rollback rule of ``book`` that has an expression.

    With ``site_url``, each rule's ``runbook_url`` annotation is the address of
    its row on the site published there.
    """
    out: list[AlertRule] = []
    refused: list[Refusal] = []
    missing: dict[tuple[Literal["metric", "signal"], str], list[str]] = {}
    built = _Built(book, site_url)
    for found in (*built.detection(), *built.rollback()):
        if isinstance(found, AlertRule):
            out.append(found)
        elif isinstance(found, Refusal):
            refused.append(found)
        else:
            missing.setdefault(found[:2], []).append(found[2])
    left_out = tuple(LeftOut(kind, ident, tuple(names)) for (kind, ident), names in missing.items())
    return Rules(tuple(out), left_out, tuple(refused))


_Missing = tuple[Literal["metric", "signal"], str, str]
"""What has no expression, and an alert left out for it: ``("signal", "few_users", "RollbackFewUsers")``."""


class _Built:
    """What every rule of one playbook shares: its metrics, its label, its alerts, the site's address."""

    def __init__(self, book: Playbook, site_url: str | None) -> None:
        self.book = book
        self.site_url = site_url
        self.watches = derive.alerts(book)
        self.metrics = {m.id: m for m in book.metrics}
        self.ident = playbook_id(book)

    def annotations(self, summary: str, watch: derive.Watch) -> dict[str, str]:
        notes = {"summary": summary}
        if self.site_url is not None:
            notes["runbook_url"] = watch.url(self.site_url)
        return notes

    def detection(self) -> Iterator[AlertRule | Refusal | _Missing]:
        for s, (source, found) in enumerate(zip(_sources(self.book), self.watches.detection, strict=True)):
            for a, (alert, watch) in enumerate(zip(source.alerts, found, strict=True)):
                metric = self.metrics.get(alert.metric)
                if watch.promql is None or metric is None:
                    yield ("metric", alert.metric, watch.name)
                    continue
                side = "above" if alert.above is not None else "below"
                try:
                    expr = _alert_expr(alert, metric, watch.promql)
                except ScaleError as exc:
                    message = f"alert {watch.name} cannot be exported: {exc}"
                    yield Refusal(("detection", "sources", s, "alerts", a, side), message, watch.name)
                    continue
                labels = {"playbook": self.ident, "source": source.id, "priority": source.priority}
                summary = derive.alert_condition(self.book, alert)
                yield AlertRule(watch.name, "detection", expr, None, labels, self.annotations(summary, watch))

    def rollback(self) -> Iterator[AlertRule | Refusal | _Missing]:
        book = self.book
        tiers = {t.id: t.label for t in book.rollback.tiers} if book.rollback else {}
        colon = phrases(book.language).colon
        for r, (rule, watch) in enumerate(zip(_rules(book), self.watches.rules, strict=True)):
            if watch.promql is None:
                if rule.metric is not None:
                    yield ("metric", rule.metric, watch.name)
                else:
                    yield ("signal", rule.signal or "", watch.name)
                continue
            try:
                expr = _rule_expr(rule, self.metrics.get(rule.metric or ""), watch.promql)
            except _Refused as exc:
                message = f"rule {watch.name} cannot be exported: {exc}"
                yield Refusal(("rollback", "rules", r, *exc.where), message, watch.name)
                continue
            labels = {"playbook": self.ident, "rollback_tier": rule.tier, "rollback_rule": rule.id}
            summary = f"{tiers.get(rule.tier, rule.tier)}{colon}{derive.rule_text(book, rule)}"
            yield AlertRule(watch.name, "rollback", expr, rule.for_, labels, self.annotations(summary, watch))


def _sources(book: Playbook) -> tuple[Source, ...]:
    return book.detection.sources if book.detection else ()


def _rules(book: Playbook) -> tuple[Rule, ...]:
    return book.rollback.rules if book.rollback else ()


def _alert_expr(alert: Alert, metric: Metric, promql: str) -> str:
    value = in_scale(alert.threshold, metric.unit, metric.scale)
    return above(promql, value) if alert.above is not None else below(promql, value)


class _Refused(ValueError):
    def __init__(self, message: str, *where: str | int) -> None:
        super().__init__(message)
        self.where = where


def _rule_expr(rule: Rule, metric: Metric | None, promql: str) -> str:
    if rule.signal is not None:
        return promql.strip()
    if metric is None:
        raise _Refused(f"metric {rule.metric} is not defined", "metric")
    try:
        if rule.above is not None:
            return above(promql, in_scale(rule.above, metric.unit, metric.scale))
        if rule.below is not None:
            return below(promql, in_scale(rule.below, metric.unit, metric.scale))
    except ScaleError as exc:
        raise _Refused(str(exc), "above" if rule.above is not None else "below") from None
    if rule.between is None:
        raise _Refused("a metric rule needs 'above', 'below' or 'between'")
    bounds = []
    for i, bound in enumerate(rule.between):
        try:
            bounds.append(in_scale(bound, metric.unit, metric.scale))
        except ScaleError as exc:
            raise _Refused(str(exc), "between", i) from None
    return between(promql, bounds[0], bounds[1])
