"""Pieces of Markdown that several pages show: links, badges, gaps, procedures, conditions, timers.

Role links, severity badges, gaps, procedures, rule content, conditions,
escalation timers, coverage, bands, and the classify form's answers.

Each takes the :class:`~playbook.site.context.Context` and, where it makes a
link, ``here``: the path of the page it is shown on.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import Band, Escalation, ExternalRule, ProcedureStep, Severity, When
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.links import link
from playbook.site.templating import sev_class
from playbook.units import plain_number

__all__ = [
    "badge",
    "band",
    "classify_answers",
    "coverage",
    "escalation",
    "external_content",
    "gap",
    "only_for",
    "owners",
    "procedure_how",
    "role_link",
    "severity",
]


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


def severity(ctx: Context, here: str, severity_id: str) -> Markup:
    """The severity's badge and its name, linked to its definition: ``SEV-1 Critical``."""
    level = next((s for s in ctx.book.severities if s.id == severity_id), None)
    if level is None:
        return badge(severity_id)
    target = link(here, "severities.md", ctx.severity_anchors[severity_id])
    return Markup("{} {}").format(badge(severity_id), escape.link(level.name, target))


def gap(ctx: Context) -> Markup:
    """The mark of a document still to be written (``path: TBD``)."""
    return Markup('<span class="pb-gap" title="{}">{}</span>').format(
        escape.html_attr(ctx.L.gap_title), escape.text(ctx.L.gap)
    )


def procedure_how(ctx: Context, here: str, procedure: ProcedureStep) -> Markup:
    """How to roll a component back: its command, its operation, or a link to its document.

    The document is opened where the playbook says it is (:func:`playbook.derive.document_url`);
    without an address, the link goes to its row on the related documents page.
    """
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
    url = derive.document_url(ctx.book, doc)
    target = url if url is not None else link(here, "related.md", ctx.document_anchors[doc.id])
    return escape.link(Markup("{} {}").format(escape.text(ctx.L.see_document), shown), target)


def external_content(ctx: Context, rule: ExternalRule) -> str:
    """What an external rule says, and for which severities: the content cell of its row."""
    said = derive.external_content(ctx.book, rule)
    if not rule.severities:
        return said
    only = ctx.L.only_for.format(severities="/".join(rule.severities))
    return ctx.say.clause_separator.join([only, said])


def only_for(ctx: Context, here: str, when: When | None) -> Markup | None:
    """The condition as a badge, worded by :func:`~playbook.derive.timing.when_text`: ``only for: SEV-1``.

    It links to the definition, on the terms page, of the first severity group
    or incident type it names. None without a condition.
    """
    shown = derive.when_text(ctx.book, when)
    if when is None or shown is None:
        return None
    pill = Markup('<span class="pb-only">{}</span>').format(escape.text(shown))
    named = [("group", g) for g in when.group] + [("type", t) for t in when.incident_type]
    anchor = next((ctx.term_anchors[key] for key in named if key in ctx.term_anchors), None)
    return escape.link(pill, link(here, "terms.md", anchor)) if anchor else pill


def escalation(ctx: Context, here: str, timer: Escalation) -> Markup:
    """The timer in words (``not acknowledged within 15 minutes: page Incident Manager``).

    With one role paged, the words link to its page (unless shown on it); with
    several, their links follow the words.
    """
    text = derive.escalation_text(ctx.book, timer)
    paged = timer.page or ()
    if len(paged) == 1 and paged[0] in ctx.roles:
        target = ctx.role_pages[paged[0]]
        return escape.text(text) if target == here else escape.link(text, link(here, target))
    if paged:
        return Markup("{}{}{}").format(escape.text(text), ctx.L.owned_by, owners(ctx, here, paged))
    return escape.text(text)


def coverage(ctx: Context, here: str, severity: Severity) -> Markup:
    """When the level is worked (``24x7``, ``worked in Office hours only``), linked to the calendar."""
    text = derive.coverage_text(ctx.book, severity)
    anchor = ctx.calendar_anchors.get(severity.coverage)
    return escape.link(text, link(here, "calendars.md", anchor)) if anchor else escape.text(text)


def band(ctx: Context, measured: Band) -> str:
    """A band as readers compare: ``≥ 50%``, ``10–50%``, ``< 3s`` (from inclusive, to exclusive)."""
    low, high = measured.from_, measured.to
    if low is None:
        return f"< {high}"
    if high is None:
        return f"≥ {low}"
    start = plain_number(low.value) if low.unit == high.unit else str(low)
    return f"{start}{ctx.T.range}{high}"


def classify_answers(ctx: Context, here: str) -> list[dict[str, Markup | str]]:
    """The classify form's answers, one per severity: its badge, its definition and its checklist."""
    return [
        {
            "severity": s.id,
            "line": Markup("{} {}{}{}").format(
                badge(s.id),
                escape.link(ctx.titles[s.id], link(here, "severities.md", ctx.severity_anchors[s.id])),
                ctx.L.dot,
                escape.link(ctx.L.checklist_of.format(title=s.id), link(here, ctx.checklist_pages[s.id])),
            ),
        }
        for s in ctx.book.severities
    ]
