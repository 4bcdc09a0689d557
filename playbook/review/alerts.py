"""What a playbook change does to its exported alerting rules (``playbook export prometheus``).

The diff names each value that changed; a reviewer also needs to know which
alert will fire differently once the change is merged. Both playbooks are
exported and their rules compared by name: an alert added, removed, changed
(with each part that changed: its expression, hold time, labels or summary),
or one the new playbook states but the export can no longer express.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from playbook.export import AlertRule, alert_rules
from playbook.model import Playbook
from playbook.units import format_duration

__all__ = ["AlertChange", "alert_changes"]

Kind = Literal["added", "removed", "changed", "refused"]


@dataclass(frozen=True)
class AlertChange:
    """One exported alerting rule that a change adds, removes, alters, or makes inexpressible."""

    alert: str
    change: Kind
    parts: tuple[tuple[str, str, str], ...] = ()
    """For a changed alert, each part that changed: ``(part, before, after)``."""

    def __str__(self) -> str:
        if not self.parts:
            return f"alert {self.alert} {words(self.change)}"
        shown = "; ".join(f"{part} {before} → {after}" for part, before, after in self.parts)
        return f"alert {self.alert} changed: {shown}"

    def to_dict(self) -> dict[str, Any]:
        """``{"alert", "change", "parts": [{"part", "before", "after"}]}``, JSON-ready."""
        out: dict[str, Any] = {"alert": self.alert, "change": self.change}
        if self.parts:
            out["parts"] = [{"part": p, "before": b, "after": a} for p, b, a in self.parts]
        return out


_WORDS: dict[Kind, str] = {
    "added": "added",
    "removed": "removed",
    "changed": "changed",
    "refused": "cannot be exported any more",
}


def _parts(rule: AlertRule) -> dict[str, str]:
    return {
        "expr": rule.expr,
        "for": format_duration(rule.hold) if rule.hold is not None else "none",
        "labels": ", ".join(f"{k}={v}" for k, v in sorted(rule.labels.items())),
        "summary": rule.annotations.get("summary", ""),
    }


def alert_changes(old: Playbook, new: Playbook) -> tuple[AlertChange, ...]:
    """Each exported alerting rule that differs from ``old`` to ``new``: in ``new``'s order, then removals."""
    before = {r.name: r for r in alert_rules(old).rules}
    found = alert_rules(new)
    after = {r.name: r for r in found.rules}
    refused = {r.name for r in found.refused}
    out: list[AlertChange] = []
    for name, rule in after.items():
        if name not in before:
            out.append(AlertChange(name, "added"))
            continue
        was, now = _parts(before[name]), _parts(rule)
        changed = tuple((part, was[part], now[part]) for part in now if was[part] != now[part])
        if changed:
            out.append(AlertChange(name, "changed", changed))
    for name in before:
        if name not in after:
            out.append(AlertChange(name, "refused" if name in refused else "removed"))
    out += [AlertChange(name, "refused") for name in refused if name not in before]
    return tuple(out)


def words(change: Kind) -> str:
    """How a kind of change reads after the alert's name."""
    return _WORDS[change]
