"""Pieces of Markdown that several pages show: role links, badges, gaps, procedures, rule content.

Each takes the :class:`~playbook.site.context.Context` and, where it makes a
link, ``here``: the path of the page it is shown on.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from markupsafe import Markup

from playbook.site import escape
from playbook.site.context import Context
from playbook.site.links import link
from playbook.site.templating import sev_class
import playbook.derive as derive
from playbook.model import ExternalRule, ProcedureStep

__all__ = ["badge", "external_content", "gap", "owners", "procedure_how", "role_link"]


def role_link(ctx: Context, here: str, role_id: str) -> Markup:
    """The role's name, linked to its page (an unknown id is shown as it is)."""
    role = ctx.roles.get(role_id)
    if role is None:
        return escape.text(role_id)
    return escape.link(role.name, link(here, ctx.role_pages[role_id]))


def owners(ctx: Context, here: str, ids: Sequence[str], joiner: str = " / ") -> Markup:
    """Every owner's :func:`role_link`, joined."""
    return Markup(joiner).join(role_link(ctx, here, i) for i in ids)


def badge(severity_id: str) -> Markup:
    """The severity's id in its colour."""
    return Markup('<span class="pb-sev {}">{}</span>').format(
        sev_class(severity_id), escape.text(severity_id)
    )


def gap(ctx: Context) -> Markup:
    """The mark of a document still to be written (``path: TBD``)."""
    return Markup('<span class="pb-gap" title="{}">{}</span>').format(
        escape.html_attr(ctx.L.gap_title), escape.text(ctx.L.gap)
    )


def procedure_how(ctx: Context, here: str, procedure: ProcedureStep) -> Markup:
    """How to roll a component back: its command, its operation, or a link to its document."""
    if procedure.command is not None:
        return escape.code(procedure.command)
    if procedure.operation is not None:
        return escape.text(procedure.operation)
    document = procedure.document
    doc = ctx.documents.get(document or "")
    if doc is None:
        return escape.text(f"{ctx.L.see_document} {document}")
    if doc.is_gap:
        shown = Markup("{} {}").format(escape.text(doc.title), gap(ctx))
    else:
        shown = escape.code(posixpath.basename(doc.path.rstrip("/")) or doc.path)
    target = link(here, "related.md", ctx.document_anchors[doc.id])
    return escape.link(Markup("{} {}").format(escape.text(ctx.L.see_document), shown), target)


def external_content(ctx: Context, rule: ExternalRule) -> str:
    """What an external rule says, and for which severities: the content cell of its row."""
    said = derive.external_content(ctx.book, rule)
    if not rule.severities:
        return said
    only = ctx.L.only_for.format(severities="/".join(rule.severities))
    return ctx.say.clause_separator.join([only, said])
