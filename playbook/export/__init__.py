"""Alerting configuration generated from the playbook, so that the alerts and the playbook cannot drift apart.

:func:`prometheus_rules` writes a Prometheus rule file: an alerting rule per
detection alert and per rollback rule whose metric (or signal) has a
``promql`` expression, with the playbook's thresholds, hold times and words.
:func:`alertmanager_config` writes the Alertmanager routing tree that sends
each severity's alerts to the channels the playbook names. Both are text, to
be committed beside the playbook, where ``playbook export --check`` says when
one is stale.

This layer reads the model, the derived facts, units and wording; it knows
nothing of files, the site generator or the command line.
"""

from __future__ import annotations

from playbook.export.alertmanager import alertmanager_config
from playbook.export.prometheus import prometheus_rules
from playbook.export.rules import AlertRule, Export, LeftOut, Loc, Refusal, Rules, alert_rules, playbook_id
from playbook.export.text import HEADERS, read_header
from playbook.model import Playbook

__all__ = [
    "HEADERS",
    "KINDS",
    "AlertRule",
    "Export",
    "LeftOut",
    "Loc",
    "Refusal",
    "Rules",
    "alert_rules",
    "alertmanager_config",
    "export",
    "playbook_id",
    "prometheus_rules",
    "read_header",
]

KINDS = ("prometheus", "alertmanager")
"""The kinds of file the export writes."""


def export(book: Playbook, kind: str, site_url: str | None = None) -> Export:
    """The exported file of ``kind`` (one of :data:`KINDS`); ``site_url`` gives Prometheus's runbook links."""
    if kind == "prometheus":
        return prometheus_rules(book, site_url)
    if kind == "alertmanager":
        return alertmanager_config(book)
    raise ValueError(f"no export {kind!r}; choose one of: {', '.join(KINDS)}")
