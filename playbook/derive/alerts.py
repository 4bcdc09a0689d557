"""The alerts a playbook's thresholds become: their names, and where the site states each one.

Every typed detection alert and every rollback rule has an alert name, the
identifier Prometheus and Alertmanager show (``ApiErrorRateAbove``,
``RollbackErrorRateCritical``), and an anchor on the site page that states
it (``rollback.md#rule-error-rate-critical``). The site shows each name
beside its rule and the export links each alert to its anchor, so both are
derived here, once. An alert is exported when what it watches has a
Prometheus expression: its metric's ``promql``, or a signal rule's signal's.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.derive.names import camel, slug, unique
from playbook.model import Playbook

__all__ = ["DETECTION_PAGE", "ROLLBACK_PAGE", "Alerts", "Watch", "alerts", "page_url", "start_channels"]

DETECTION_PAGE = "detection.md"
"""The site page that shows the detection alerts."""
ROLLBACK_PAGE = "rollback.md"
"""The site page that shows the rollback rules."""


def page_url(page: str) -> str:
    """Where a page is on the built site, relative to its root: ``rollback.md`` is ``rollback.html``.

    The site is built with ``use_directory_urls: false``, so that it works opened from disk.
    """
    return page.removesuffix(".md") + ".html"


@dataclass(frozen=True)
class Watch:
    """One detection alert or rollback rule as an alert: its name, its place on the site, its expression."""

    name: str
    """The alert's name: ``RollbackErrorRateCritical``."""
    page: str
    """The site page that states it."""
    anchor: str
    """Its anchor on that page."""
    promql: str | None
    """The expression it is measured with; None when there is none, and it is not exported."""

    @property
    def exported(self) -> bool:
        """True when the alert is in the Prometheus export."""
        return self.promql is not None

    def url(self, base: str) -> str:
        """Its address on the site published at ``base``: ``https://x/rollback.html#rule-a``."""
        return f"{base.rstrip('/')}/{page_url(self.page)}#{self.anchor}"


@dataclass(frozen=True)
class Alerts:
    """The alert of every detection alert and rollback rule, in the playbook's order."""

    detection: tuple[tuple[Watch, ...], ...]
    """For each detection source, the alert of each of its typed alerts."""
    rules: tuple[Watch, ...]
    """The alert of each rollback rule."""


def alerts(book: Playbook) -> Alerts:
    """Names, anchors and expressions of every detection alert and rollback rule of ``book``.

    A detection alert is named after its metric and side (``ApiErrorRateAbove``),
    a rule after its id (``RollbackErrorRateCritical``). Names and anchors are
    unique: a repeat gets a number (``ApiErrorRateAbove2``, ``rule-a-2``).
    """
    metrics = {m.id: m.promql for m in book.metrics}
    signals = {s.id: s.promql for s in book.rollback.signals} if book.rollback else {}
    names: set[str] = set()
    name_counts: dict[str, int] = {}
    anchors: set[str] = set()
    anchor_counts: dict[str, int] = {}

    def name(base: str) -> str:
        current = base
        while current in names:
            name_counts[base] = name_counts.get(base, 1) + 1
            current = f"{base}{name_counts[base]}"
        names.add(current)
        return current

    detection = []
    for source in book.detection.sources if book.detection else ():
        found = []
        for alert in source.alerts:
            side = "above" if alert.above is not None else "below"
            anchor = unique(f"alert-{slug(source.id)}-{slug(alert.metric)}-{side}", anchors, anchor_counts)
            found.append(
                Watch(name(camel(alert.metric, side)), DETECTION_PAGE, anchor, metrics.get(alert.metric))
            )
        detection.append(tuple(found))
    rules = []
    for rule in book.rollback.rules if book.rollback else ():
        promql = metrics.get(rule.metric) if rule.metric is not None else signals.get(rule.signal or "")
        anchor = unique(f"rule-{slug(rule.id)}", anchors, anchor_counts)
        rules.append(Watch(name(camel("rollback", rule.id)), ROLLBACK_PAGE, anchor, promql))
    return Alerts(tuple(detection), tuple(rules))


def start_channels(book: Playbook) -> dict[str, tuple[str, ...]]:
    """Each severity's channels at the start of an incident, from the internal ``start`` rules.

    A rule for one severity, and a rule for every severity (no ``severity``),
    both count; each channel once, in the order the rules name them.
    """
    rules = book.communication.internal if book.communication else ()
    # Each rule is visited once: a channel's first rule, for one severity or for all, is its place.
    named: dict[str | None, dict[str, tuple[int, int]]] = {}
    conditional = []
    for n, rule in enumerate(rules):
        if rule.event == "start" and rule.when is None:
            for i, channel in enumerate(rule.channels):
                named.setdefault(rule.severity, {}).setdefault(channel, (n, i))
        elif rule.event == "start":
            conditional.append((n, rule))
    every = named.get(None, {})
    out: dict[str, tuple[str, ...]] = {}
    for severity in book.severities:
        own = dict(named.get(severity.id, {}))
        # An alert has no incident type yet: a rule counts where it holds for an untyped incident.
        for n, rule in conditional:
            if rule.severity in (None, severity.id) and book.applies(rule.when, severity.id):
                for i, channel in enumerate(rule.channels):
                    own.setdefault(channel, (n, i))
        places = {c: min(n, own.get(c, n)) for c, n in every.items()} | {
            c: n for c, n in own.items() if c not in every
        }
        out[severity.id] = tuple(sorted(places, key=lambda c: places[c]))
    return out
