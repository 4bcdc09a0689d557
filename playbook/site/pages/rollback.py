"""The rollback guide: the mitigation actions, when to act (tiers and thresholds), how, and how to verify."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import ProcedureStep, Rollback, Rule, Tier
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import owners, procedure_how, role_link
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

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
        [_rule(ctx, rule), escape.code(rule.metric or ""), tier_labels.get(rule.tier, rule.tier)]
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
        [p.component, _method(ctx, p), procedure_how(ctx, PATH, p), owners(ctx, PATH, p.owner)]
        for p in section.procedure
    ]
    action_rows = [
        [
            Markup('<span id="{}"></span>**{}**').format(ctx.action_anchors[a.id], escape.text(a.name)),
            a.description or "",
        ]
        for a in section.actions
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
            action_rows=action_rows,
            threshold_rows=threshold_rows,
            alert_rows=alert_rows,
            procedure_rows=procedure_rows,
            commands=commands,
            verification=[v.item for v in section.verification],
        ),
    )


def _action(ctx: Context, action_id: str) -> Markup:
    """The mitigation action's name, linked to its row."""
    actions = ctx.book.rollback.actions if ctx.book.rollback is not None else ()
    action = next((a for a in actions if a.id == action_id), None)
    if action is None:
        return escape.text(action_id)
    return escape.link(action.name, link(PATH, PATH, ctx.action_anchors[action.id]))


def _method(ctx: Context, step: ProcedureStep) -> Markup | str:
    """How the step is done, after the mitigation action it carries out when it names one."""
    if step.action is None:
        return step.method
    return Markup("{}{}{}").format(_action(ctx, step.action), ctx.L.colon, escape.text(step.method))


def _rule(ctx: Context, rule: Rule) -> Markup | str:
    """The rule in words, and the mitigation it calls for when it names one."""
    text = derive.rule_text(ctx.book, rule)
    if rule.action is None:
        return text
    return Markup("{}{}{}").format(text, ctx.T.arrow, _action(ctx, rule.action))


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
        lines = [_rule(ctx, r) for r in section.rules if r.tier == tier_id]
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
