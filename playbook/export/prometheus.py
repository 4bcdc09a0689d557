"""``playbook export prometheus``: detection alerts and rollback rules as a Prometheus rule file.

One group per kind (``<playbook>-detection``, ``<playbook>-rollback``), one
alerting rule per alert and rule that has an expression: ``for`` is the
rule's hold time, the labels say the playbook and the rollback tier (or the
detection source and its priority), the annotations carry the summary in the
site's words and, given the site's address, the ``runbook_url`` of its row.
Labels and annotations are Go templates to Prometheus; any ``{{`` from the
playbook is written so that it stays text.
"""

from __future__ import annotations

from playbook.export.rules import AlertRule, Export, LeftOut, alert_rules, playbook_id
from playbook.export.text import Block, dump, header
from playbook.model import Playbook
from playbook.units import format_duration

__all__ = ["left_out_notes", "prometheus_rules", "template_text"]


def template_text(value: str) -> str:
    """``value`` as a Go template that prints it as written: each ``{{`` becomes ``{{ "{{" }}``."""
    return value.replace("{{", '{{ "{{" }}')


def left_out_notes(left_out: tuple[LeftOut, ...]) -> list[str]:
    """The header lines that list what has no expression, and the alerts left out for it."""
    if not left_out:
        return []
    lines = ["Not exported, for want of a promql expression:"]
    lines += [f"  {item.kind} {item.id}: {', '.join(item.alerts)}" for item in left_out]
    return lines


def _rule(rule: AlertRule) -> dict[str, object]:
    out: dict[str, object] = {"alert": rule.name, "expr": Block(rule.expr)}
    if rule.hold is not None:
        out["for"] = format_duration(rule.hold)
    out["labels"] = {k: template_text(v) for k, v in rule.labels.items()}
    out["annotations"] = {k: template_text(v) for k, v in rule.annotations.items()}
    return out


def prometheus_rules(book: Playbook, site_url: str | None = None) -> Export:
    """The Prometheus rule file of ``book``; with ``site_url``, each rule links to its row on that site."""
    found = alert_rules(book, site_url)
    if found.refused:
        return Export("", found.left_out, found.refused)
    ident = playbook_id(book)
    groups = []
    for group in ("detection", "rollback"):
        rules = [_rule(r) for r in found.rules if r.group == group]
        if rules:
            groups.append({"name": f"{ident}-{group}", "rules": rules})
    text = header("prometheus", site_url, left_out_notes(found.left_out)) + dump({"groups": groups})
    return Export(text, found.left_out)
