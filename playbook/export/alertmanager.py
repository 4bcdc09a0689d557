"""``playbook export alertmanager``: an Alertmanager routing tree from the playbook's severities and tiers.

- A route per severity, for alerts labelled ``severity="P0"``: to the
  receivers of the channels the playbook's ``start`` rules name for it, with
  ``group_wait`` one thirtieth of its response time (15m: 30s, so that the
  notice leaves with nearly all the time to respond still ahead) and
  ``repeat_interval`` its update cadence (a reminder at each status update).
- A route per rollback tier with exported rules (``rollback_tier="immediate"``),
  and one for the playbook's other alerts (its detection alerts). None of
  these knows its severity yet, which triage decides: they go where the most
  severe one does, at its pace, so that none is late; but an alert of the
  tier ``none`` calls for no rollback, and goes where the least severe one does.
- One receiver per channel, named as the playbook writes it, with no
  settings: each team gives its own (``slack_configs``, ``webhook_configs``,
  ...) where the file is deployed. Alertmanager accepts a receiver without
  settings, and sends nothing to it.
"""

from __future__ import annotations

from datetime import timedelta

from playbook.clock import BusinessTime
from playbook.derive import alerts, start_channels
from playbook.export.rules import Export, playbook_id
from playbook.export.text import dump, header
from playbook.model import Playbook, Rule, Severity
from playbook.units import format_duration

__all__ = ["GROUP_INTERVAL", "WAIT_SHARE", "alertmanager_config", "timings"]

WAIT_SHARE = 30
"""``group_wait`` is the response time divided by this."""
GROUP_INTERVAL = timedelta(minutes=5)
"""Alertmanager's own default, kept unless a severity updates more often."""

_NOTES = (
    "Each receiver is named after a channel of the playbook and has no settings: give each its",
    "integration (slack_configs, webhook_configs, email_configs, ...) where this file is deployed.",
    "A severity's route waits 1/30 of its respond_within before the first notice (group_wait)",
    "and repeats at its update_every (repeat_interval). Rollback and detection alerts carry no",
    "severity yet: they go where the most severe one does, at its pace (rollback tier none: where",
    "the least severe one does).",
)


def timings(severity: Severity) -> dict[str, str]:
    """``group_wait``, ``group_interval`` and ``repeat_interval`` of a severity's route."""
    respond = severity.respond_within
    if isinstance(respond, BusinessTime):
        # Alertmanager counts wall time: a business span waits as long as its working hours would.
        respond = timedelta(hours=respond.amount * (1 if respond.unit == "bh" else 8))
    seconds = int(respond.total_seconds()) if respond is not None else WAIT_SHARE * 30
    wait = timedelta(seconds=max(1, seconds // WAIT_SHARE))
    out = {"group_wait": format_duration(wait)}
    every = severity.update_every or next(
        (step.every for step in severity.updates if isinstance(step.every, timedelta)), None
    )
    out["group_interval"] = format_duration(min(GROUP_INTERVAL, every) if every else GROUP_INTERVAL)
    if every is not None:
        out["repeat_interval"] = format_duration(every)
    return out


def _to(channels: tuple[str, ...]) -> dict[str, object]:
    """Where a route sends: its one receiver, or one child route per receiver, each continuing."""
    if not channels:
        return {}
    if len(channels) == 1:
        return {"receiver": channels[0]}
    children: list[dict[str, object]] = [{"receiver": c, "continue": True} for c in channels[:-1]]
    children.append({"receiver": channels[-1]})
    return {"receiver": channels[0], "routes": children}


def _rules(book: Playbook) -> tuple[Rule, ...]:
    return book.rollback.rules if book.rollback else ()


def _matcher(label: str, value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'{label}="{escaped}"'


def alertmanager_config(book: Playbook) -> Export:
    """The Alertmanager configuration (route tree and receivers) of ``book``."""
    ident = playbook_id(book)
    channels = start_channels(book)
    first = book.severities[0]
    urgent = channels[first.id]
    receivers = list(dict.fromkeys(c for s in book.severities for c in channels[s.id])) or [ident]
    routes: list[dict[str, object]] = []
    for severity in book.severities:
        route: dict[str, object] = {"matchers": [_matcher("severity", severity.id)]}
        route.update(timings(severity))
        route.update(_to(channels[severity.id]))
        routes.append(route)
    declared = [t.id for t in book.rollback.tiers] if book.rollback else []
    exported = [r.tier for r, w in zip(_rules(book), alerts(book).rules, strict=True) if w.exported]
    last = book.severities[-1]
    for tier in (t for t in dict.fromkeys([*declared, *exported]) if t in exported):
        route = {"matchers": [_matcher("playbook", ident), _matcher("rollback_tier", tier)]}
        if tier == "none":
            route.update(timings(last))
            route.update(_to(channels[last.id]))
        else:
            route.update(_to(urgent))
        routes.append(route)
    catch_all: dict[str, object] = {"matchers": [_matcher("playbook", ident)]}
    catch_all.update(_to(urgent))
    routes.append(catch_all)
    root: dict[str, object] = {"receiver": urgent[0] if urgent else receivers[0]}
    root["group_by"] = ["alertname", "playbook"]
    root.update(timings(first))
    root["routes"] = routes
    config = {"route": root, "receivers": [{"name": name} for name in receivers]}
    return Export(header("alertmanager", notes=_NOTES) + dump(config))
