"""The rollback guide: when to roll back (tiers and thresholds), how, and how to verify."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import owners, procedure_how, role_link
from playbook.site.page import Page
from playbook.site.templating import page
from playbook.model import Rollback, Tier

__all__ = ["PATH", "rollback"]

PATH = derive.ROLLBACK_PAGE

# The admonition each tier is shown in.
_KINDS = {"immediate": "danger", "consider": "warning", "none": "success"}


def rollback(ctx: Context) -> tuple[Page, ...]:
    """``rollback.md``, when the playbook has a rollback section."""
    section = ctx.book.rollback
    if section is None:
        return ()
    book = ctx.book
    tier_labels = {t.id: t.label for t in section.tiers}
    metrics = {m.id for m in book.metrics}
    threshold_rows = [
        [derive.rule_text(book, rule), escape.code(rule.metric or ""), tier_labels.get(rule.tier, rule.tier)]
        for rule in section.rules
        if rule.metric is not None and rule.metric in metrics
    ]
    alert_rows = [
        [
            Markup('<span id="{}"></span>{}').format(watch.anchor, escape.code(watch.name)),
            derive.rule_text(book, rule),
            tier_labels.get(rule.tier, rule.tier),
        ]
        for rule, watch in zip(section.rules, derive.alerts(book).rules, strict=True)
        if watch.exported
    ]
    procedure_rows = [
        [p.component, p.method, procedure_how(ctx, PATH, p), owners(ctx, PATH, p.owner)]
        for p in section.procedure
    ]
    commands = [
        {"title": f"{p.component}{ctx.L.colon}{p.method}", "block": escape.fence(p.command, "bash")}
        for p in section.procedure
        if p.command is not None
    ]
    return (
        page(
            ctx,
            PATH,
            ctx.L.rollback,
            "rollback.md.j2",
            tiers=_tiers(ctx, section),
            threshold_rows=threshold_rows,
            alert_rows=alert_rows,
            procedure_rows=procedure_rows,
            commands=commands,
            verification=[v.item for v in section.verification],
        ),
    )


def _tiers(ctx: Context, section: Rollback) -> list[dict[str, Any]]:
    """Each tier with its rules, in the order of the tiers; rules of an undeclared tier follow."""
    book = ctx.book
    declared: dict[str, Tier] = {}
    for t in section.tiers:
        declared.setdefault(t.id, t)
    ordered = [t.id for t in section.tiers] + [r.tier for r in section.rules if r.tier not in declared]
    tiers = []
    for tier_id in dict.fromkeys(ordered):
        tier = declared.get(tier_id)
        lines = [derive.rule_text(book, r) for r in section.rules if r.tier == tier_id]
        if tier is None and not lines:
            continue
        tiers.append(
            {
                "kind": _KINDS[tier_id],
                "title": derive.tier_title(book, tier.label, tier.note) if tier else tier_id,
                "lines": lines,
                "decided_by": role_link(ctx, PATH, tier.decided_by) if tier and tier.decided_by else None,
            }
        )
    return tiers
