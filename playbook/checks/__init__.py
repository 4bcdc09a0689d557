"""Consistency checks over a loaded playbook.

Each check is a module of this package with an ``ID``, a default
``SEVERITY``, ``RELAXABLE`` and a ``check(playbook)`` that yields
:class:`Finding` objects; its docstring is its documentation (``playbook
checks`` prints it, and the README's table is generated from it). Every
check module is imported here, by name, and listed in :data:`CHECKS`. Checks
see only the model; the runner turns each finding's ``loc`` into a file, line
and column.

The structural problems found while reading the file have ids of their own,
listed in :data:`STRUCTURAL`. When there are some, the checks that can still
tell the truth run on a partial model (the playbook without the parts that
hold them; see :class:`~playbook.checks.base.Check`): ``unique-ids``,
``ambiguous-names``, ``references`` (the ids of the parts left out count as
defined), ``metric-units``, ``review-due`` and ``not-empty`` (but on a
collection that lost an item) always; ``format-version``, ``matrix-coverage``
and ``severity-unused`` unless a part of the classification was left out;
``matrix-monotonic`` unless a part of the classification or a severity was;
``severity-order`` unless a severity was; ``step-numbering`` unless a part of
the workflow was; ``template-fields`` and ``external-channels`` unless a part
of the templates, or of the external rules, was; ``rollback-tiers`` and
``alert-thresholds`` unless a part of the rollback guide or of detection was.
Of format 2's checks, ``calendars`` runs unless a calendar was left out;
``business-time`` unless a calendar or a severity was; ``bands`` unless a part
of the classification was; ``axes`` unless that or a severity was; ``cadence``
unless a severity or a state was; ``events`` unless an event was; ``fallback``
unless a role was; ``lead`` unless a role or a severity was;
``postmortem-due`` unless a part of the postmortem, a group or a severity was;
``when`` unless a role, a phase, a group, a severity or an incident type was.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

from playbook.checks import (
    alert_thresholds,
    ambiguous_names,
    axes,
    bands,
    business_time,
    cadence,
    calendars,
    events,
    external_channels,
    fallback,
    format_version,
    lead,
    matrix_coverage,
    matrix_monotonic,
    metric_units,
    not_empty,
    postmortem_due,
    references,
    review_due,
    rollback_tiers,
    severity_order,
    severity_unused,
    step_numbering,
    template_fields,
    unique_ids,
    when,
)
from playbook.checks.base import Check, Finding, LeftOut
from playbook.model import Playbook
from playbook.problems import CHECK_CONFIG, OTHER, STRUCTURAL, TOO_MANY_PROBLEMS, Level, Problem
from playbook.source import SourceMap

__all__ = [
    "CHECKS",
    "DEFAULTS",
    "LOCKED",
    "STRUCTURAL",
    "Check",
    "Finding",
    "LeftOut",
    "describe",
    "markdown_table",
    "rows",
    "run_checks",
    "text_table",
]

CHECKS: tuple[Check, ...] = (
    format_version,
    unique_ids,
    ambiguous_names,
    references,
    matrix_coverage,
    matrix_monotonic,
    bands,
    axes,
    severity_unused,
    severity_order,
    cadence,
    calendars,
    business_time,
    events,
    when,
    lead,
    fallback,
    step_numbering,
    template_fields,
    metric_units,
    rollback_tiers,
    alert_thresholds,
    not_empty,
    external_channels,
    review_due,
    postmortem_due,
)
"""Every consistency check, in the order they run."""

DEFAULTS: dict[str, Level] = {check.ID: check.SEVERITY for check in CHECKS}
"""Each check's default severity."""

LOCKED = frozenset(check.ID for check in CHECKS if not check.RELAXABLE)
"""Checks the response API relies on (lookups by id, every matrix cell, every placeholder):
they cannot be turned off, made warnings, or silenced on a line."""


def describe(check: Check | ModuleType) -> str:
    """The first paragraph of a check's docstring: its one-line description."""
    doc = (check.__doc__ or "").strip()
    return " ".join(doc.split("\n\n", 1)[0].split())


def rows() -> list[dict[str, str]]:
    """Every problem id, structural first, with its severity, stage and one-line description."""
    out = [
        {
            "id": check_id,
            "severity": "warning" if check_id == TOO_MANY_PROBLEMS else "error",
            "stage": "read",
            "description": text,
        }
        for check_id, text in STRUCTURAL.items()
    ]
    out += [
        {"id": check.ID, "severity": check.SEVERITY, "stage": "check", "description": describe(check)}
        for check in CHECKS
    ]
    out += [
        {"id": check_id, "severity": "error", "stage": "other", "description": text}
        for check_id, text in OTHER.items()
    ]
    return out


def markdown_table() -> str:
    """The table of every problem id, as the README shows it."""
    lines = ["| id | severity | what it reports |", "|---|---|---|"]
    lines += [f"| `{row['id']}` | {row['severity']} | {row['description']} |" for row in rows()]
    return "\n".join(lines) + "\n"


def text_table() -> str:
    """The table of every problem id as ``playbook checks`` prints it: id, severity, description."""
    table = rows()
    width = max(len(row["id"]) for row in table)
    return "".join(f"{row['id']:<{width}}  {row['severity']:<7}  {row['description']}\n" for row in table)


def _findings(check: Check, playbook: Playbook, left_out: LeftOut | None) -> Iterator[Finding]:
    if left_out is None:
        return check.check(playbook)
    partial = getattr(check, "check_partial", None)
    if partial is not None:
        return partial(playbook, left_out)  # type: ignore[no-any-return]
    sections: tuple[tuple[str | int, ...], ...] | None = getattr(check, "PARTIAL", None)
    if sections is None or any(left_out.touches(section) for section in sections):
        return iter(())
    return check.check(playbook)


def run_checks(playbook: Playbook, where: SourceMap, left_out: LeftOut | None = None) -> list[Problem]:
    """Run every check on ``playbook`` and locate each finding with ``where``.

    The playbook's ``checks`` section turns checks off or changes their
    severity; a ``# playbook: disable=check-id`` comment silences a check on
    its own line. An unknown check id in either, or one of :data:`LOCKED`, is
    a ``check-config`` error. With ``left_out``, ``playbook`` is a partial
    model, and only the checks that can run on one do.
    """
    problems = list(_config_problems(playbook, where))
    for check in CHECKS:
        level = check.SEVERITY if check.ID in LOCKED else playbook.checks.get(check.ID, check.SEVERITY)
        if level == "off":
            continue
        for finding in _findings(check, playbook, left_out):
            (path, line, column), _ = where.locate(finding.loc, key=finding.key)
            silenced = where.disabled.get((path, line))
            if silenced is not None and check.ID in silenced[1] and check.ID not in LOCKED:
                continue
            message = finding.message
            if finding.first is not None:
                (other, first_line, _), _ = where.locate(finding.first)
                message += (
                    f" (first at line {first_line})" if other == path else f" (first at {other}:{first_line})"
                )
            problems.append(Problem(path, line, column, level, check.ID, message))
    return problems


def _config_problems(playbook: Playbook, where: SourceMap) -> Iterator[Problem]:
    listing = ", ".join(sorted(DEFAULTS))

    def trouble(check_id: str) -> str | None:
        if check_id not in DEFAULTS:
            return f"unknown check '{check_id}' (checks: {listing})"
        if check_id in LOCKED:
            return f"check '{check_id}' keeps the playbook usable by the API; it cannot be relaxed"
        return None

    for check_id, level in playbook.checks.items():
        message = trouble(check_id)
        if message is not None and (check_id not in DEFAULTS or level != "error"):
            (path, line, column), _ = where.locate(("checks", check_id), key=True)
            yield Problem(path, line, column, "error", CHECK_CONFIG, message)
    for (path, line, column), ids in where.disabled.values():
        for check_id in sorted(ids):
            message = trouble(check_id)
            if message is not None:
                yield Problem(path, line, column, "error", CHECK_CONFIG, message)
