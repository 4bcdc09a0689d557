"""The commands that answer a question from the playbook: classify, checklist, timeline, rollback, message.

Each prints its answer as text (the default; Markdown for ``checklist``) or,
with ``--format json`` or ``--json``, as JSON.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import click

from playbook.api import Playbook
from playbook.cli.emit import answer, answer_format
from playbook.cli.params import (
    AWARE_DATETIME,
    CANDIDATES,
    DURATION,
    SEVERITY,
    Pair,
    playbook_option,
    readings,
)
from playbook.model import Severity, UnknownLevelError
from playbook.response import Classified, Message, MessageError, UnknownNameError

__all__ = ["COMMANDS"]


@click.command("classify")
@click.argument("impact", type=CANDIDATES)
@click.argument("reach", type=CANDIDATES)
@playbook_option()
@answer_format("text", "json", json_flag=True)
def classify_command(impact: list[str], reach: list[str], book: Playbook, fmt: str) -> None:
    """Print the severity of an incident with IMPACT and REACH.

    Levels are ids or names, case-insensitive ("high", "High Impact"). Give
    several candidates separated by commas ("medium,high") when unsure: the
    playbook's when_in_doubt rule picks among them.
    """
    try:
        severity = book.classify(impact, reach)
    except UnknownLevelError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.axis.upper()) from None
    answer(Classified(book, severity), fmt)


@click.command("checklist")
@click.argument("severity", type=SEVERITY)
@click.option("--phase", default=None, help="Only this phase (id, name or label).")
@answer_format("md", "text", "json", default="md")
@playbook_option()
def checklist_command(severity: Severity, phase: str | None, fmt: str, book: Playbook) -> None:
    """Print the checklist of SEVERITY: every step and what the severity adds."""
    try:
        result = book.checklist(severity, phase)
    except UnknownNameError as exc:
        raise click.BadParameter(str(exc), param_hint="--phase") from None
    answer(result, fmt)


@click.command("timeline")
@click.argument("severity", type=SEVERITY)
@click.option(
    "--started",
    required=True,
    type=AWARE_DATETIME,
    help="When the incident started, ISO 8601 with a UTC offset: 2026-01-01T10:00+08:00.",
)
@click.option("--resolved", default=None, type=AWARE_DATETIME, help="When it was resolved, if it was.")
@answer_format("text", "json", json_flag=True)
@playbook_option()
def timeline_command(
    severity: Severity, started: datetime, resolved: datetime | None, fmt: str, book: Playbook
) -> None:
    """Print the deadlines of an incident of SEVERITY that started at --started."""
    try:
        result = book.timeline(severity, started, resolved)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--started") from None
    answer(result, fmt)


@click.command("rollback")
@click.option(
    "--metric",
    "-m",
    "metrics",
    multiple=True,
    type=Pair("NAME=VALUE", "api_error_rate=12%", empty_value=False),
    help="A metric reading, such as api_error_rate=12%. Repeatable.",
)
@click.option(
    "--for",
    "held",
    multiple=True,
    type=DURATION,
    help="How long the reading has held (6m); one for all metrics, or one per --metric in order.",
)
@click.option(
    "--signal", "-s", "signals", multiple=True, metavar="NAME", help="A signal that holds. Repeatable."
)
@answer_format("text", "json", json_flag=True)
@playbook_option()
def rollback_command(
    metrics: tuple[tuple[str, str], ...],
    held: tuple[timedelta, ...],
    signals: tuple[str, ...],
    fmt: str,
    book: Playbook,
) -> None:
    """Decide whether the current metrics and signals call for a rollback.

    Prints the decision (immediate, consider or none) and every rule that
    matched. Exit code 0 whatever the decision; use --format json in scripts.
    """
    observed = readings(metrics, held)
    try:
        decision = book.decide_rollback(observed, signals)
    except UnknownNameError as exc:
        raise click.BadParameter(
            str(exc), param_hint="--metric" if exc.kind == "metric" else "--signal"
        ) from None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--metric/--for") from None
    answer(decision, fmt)


@click.command("message")
@click.argument("template_id")
@click.option(
    "--set", "assignments", multiple=True, type=Pair("FIELD=VALUE"), help="A field value. Repeatable."
)
@click.option(
    "--severity", type=SEVERITY, default=None, help="The incident's severity, for fields the playbook fills."
)
@answer_format("text", "json", json_flag=True)
@playbook_option()
def message_command(
    template_id: str,
    assignments: tuple[tuple[str, str], ...],
    severity: Severity | None,
    fmt: str,
    book: Playbook,
) -> None:
    """Render the message template TEMPLATE_ID with --set FIELD=VALUE."""
    given = [name for name, _ in assignments]
    repeated = sorted({name for name in given if given.count(name) > 1})
    if repeated:
        raise click.BadParameter(f"field {', '.join(repeated)} is set more than once", param_hint="--set")
    try:
        text = book.render_message(template_id, dict(assignments), severity=severity)
    except UnknownNameError as exc:
        raise click.BadParameter(str(exc), param_hint="TEMPLATE_ID") from None
    except MessageError as exc:
        raise click.BadParameter(str(exc), param_hint="--set") from None
    answer(Message(template_id, text), fmt)


COMMANDS = (classify_command, checklist_command, timeline_command, rollback_command, message_command)
