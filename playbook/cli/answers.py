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
@click.argument("levels", nargs=-1, metavar="LEVEL... | AXIS=LEVEL...")
@playbook_option()
@answer_format("text", "json", json_flag=True)
def classify_command(levels: tuple[str, ...], book: Playbook, fmt: str) -> None:
    """Print the severity of an incident.

    With a matrix, give the IMPACT and the REACH ("high many"). With axes,
    rate any facets as AXIS=LEVEL ("users_affected=37% latency=3s"): a level's
    id or name, a severity id, or a measurement in a level's band; the most
    severe facet wins. With neither, name the severity ("SEV-2"). Levels are
    ids or names, case-insensitive. Give several candidates separated by
    commas ("medium,high") when unsure: the playbook's when_in_doubt rule
    picks among them.
    """
    if not levels:
        raise click.UsageError("give the levels to classify by, such as: high many, or users_affected=37%")
    positional: list[list[str]] = []
    facets: dict[str, list[str]] = {}
    for raw in levels:
        name, equals, value = raw.partition("=")
        if equals and not name.strip():
            raise click.BadParameter(f"{raw!r} names no axis: write AXIS=LEVEL", param_hint="AXIS=LEVEL")
        if equals and not value.strip():
            raise click.BadParameter(f"{raw!r} gives no level: write AXIS=LEVEL", param_hint="AXIS=LEVEL")
        if equals:
            if name.strip() in facets:
                raise click.BadParameter(f"{name.strip()} is given twice", param_hint="AXIS=LEVEL")
            facets[name.strip()] = CANDIDATES.convert(value, None, None)
        elif positional and facets:
            raise click.BadParameter("give levels before AXIS=LEVEL pairs", param_hint="LEVEL")
        else:
            positional.append(CANDIDATES.convert(raw, None, None))
    try:
        severity = book.classify(*positional, **facets)
    except UnknownLevelError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.axis.upper()) from None
    except (TypeError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="LEVEL") from None
    answer(Classified(book, severity), fmt)


@click.command("checklist")
@click.argument("severity", type=SEVERITY)
@click.option("--phase", default=None, help="Only this phase (id, name or label).")
@click.option(
    "--type", "incident_type", default=None, help="The incident's type (format 2), such as security."
)
@answer_format("md", "text", "json", default="md")
@playbook_option()
def checklist_command(
    severity: Severity, phase: str | None, incident_type: str | None, fmt: str, book: Playbook
) -> None:
    """Print the checklist of SEVERITY: every step and what the severity adds.

    Steps and rules that apply only to some incident types are listed with
    --type naming one of them.
    """
    try:
        result = book.checklist(severity, phase, incident_type=incident_type)
    except UnknownNameError as exc:
        raise click.BadParameter(
            str(exc), param_hint="--type" if exc.kind == "incident type" else "--phase"
        ) from None
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
@click.option(
    "--now", default=None, type=AWARE_DATETIME, help="Read the timeline at this moment: open or missed."
)
@click.option(
    "--event",
    "events",
    multiple=True,
    type=Pair("NAME=TIME", "acknowledged=2026-01-01T10:05+08:00"),
    help="When an event happened (acknowledged, mitigated, or one the playbook declares). Repeatable.",
)
@click.option(
    "--state",
    "states",
    multiple=True,
    type=Pair("NAME=TIME", "identified=2026-01-01T10:30+08:00"),
    help="When the incident entered a state (format 2). Repeatable.",
)
@click.option(
    "--type", "incident_type", default=None, help="The incident's type (format 2), such as security."
)
@answer_format("text", "json", json_flag=True)
@playbook_option()
def timeline_command(
    severity: Severity,
    started: datetime,
    resolved: datetime | None,
    now: datetime | None,
    events: tuple[tuple[str, str], ...],
    states: tuple[tuple[str, str], ...],
    incident_type: str | None,
    fmt: str,
    book: Playbook,
) -> None:
    """Print the deadlines of an incident of SEVERITY that started at --started.

    With --resolved or --now, each deadline is marked met, missed, open or
    passed (its time is behind us, and the playbook cannot tell whether it was
    kept); nothing but the postmortem is listed after the resolution.
    """
    moments = _moments(events, "--event")
    entered = _moments(states, "--state")
    if "declared" in moments:
        raise click.BadParameter(
            "the incident is declared at --started; give that time there", param_hint="--event"
        )
    for name, moment in entered.items():
        if moment < started:
            raise click.BadParameter(
                f"{name} at {moment.isoformat()} is before the incident started", param_hint="--state"
            )
    try:
        result = book.timeline(
            severity,
            started,
            resolved,
            incident_type=incident_type,
            events=moments,
            states=entered,
            now=now,
        )
    except UnknownNameError as exc:
        hint = {"event": "--event", "state": "--state"}.get(exc.kind, "--type")
        raise click.BadParameter(str(exc), param_hint=hint) from None
    except ValueError as exc:
        text = str(exc)
        hint = (
            "--resolved"
            if "resolved at" in text
            else "--event"
            if "before the incident" in text
            else "--started"
        )
        raise click.BadParameter(text, param_hint=hint) from None
    answer(result, fmt)


def _moments(pairs: tuple[tuple[str, str], ...], option: str) -> dict[str, datetime]:
    out: dict[str, datetime] = {}
    for name, value in pairs:
        if name in out:
            raise click.BadParameter(f"{name} is given twice", param_hint=option)
        out[name] = _moment(value, option)
    return out


def _moment(value: str, option: str) -> datetime:
    try:
        return AWARE_DATETIME.convert(value, None, None)
    except click.BadParameter as exc:
        raise click.BadParameter(exc.message, param_hint=option) from None


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
@click.option(
    "--now",
    default=None,
    type=AWARE_DATETIME,
    help="The time of the readings (default: now), to say when a watched rule fires.",
)
@answer_format("text", "json", json_flag=True)
@playbook_option()
def rollback_command(
    metrics: tuple[tuple[str, str], ...],
    held: tuple[timedelta, ...],
    signals: tuple[str, ...],
    now: datetime | None,
    fmt: str,
    book: Playbook,
) -> None:
    """Decide whether the current metrics and signals call for a rollback.

    Prints the decision and every rule evaluated: immediate or consider (a
    rule matched), watch (a threshold is crossed but has not held long
    enough, or for how long is not given: the answer says when it fires),
    or none (with why each rule did not match). A reading needs its unit
    (12%, 2s) and, for rules with a hold time, --for. Exit code 0 whatever
    the decision; use --format json in scripts.
    """
    observed = readings(metrics, held)
    if not metrics and not signals:
        raise click.UsageError("nothing observed: give --metric NAME=VALUE (with --for) or --signal NAME")
    moment = now or datetime.now().astimezone()
    try:
        decision = book.decide_rollback(observed, signals, now=moment)
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
    if severity is not None and "severity" in given:
        raise click.BadParameter(
            "the severity is given by --severity and by --set severity=", param_hint="--set"
        )
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
