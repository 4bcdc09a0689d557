"""The commands that review a playbook change or an incident: diff, test, postmortem new and check."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from playbook.api import Playbook
from playbook.cli.emit import Reports, answer, answer_format, emit, report_options
from playbook.cli.params import DATE, LINE, SEVERITY, SIDE, playbook_option
from playbook.model import Severity
from playbook.report import Report, Tally
from playbook.review.diff import compare
from playbook.review.postmortem import check_report, draft
from playbook.review.scenarios import run_scenarios

__all__ = ["COMMANDS"]


@click.command("diff")
@click.argument("old", type=SIDE)
@click.argument("new", type=SIDE)
@answer_format("md", "json", default="md")
@click.option("--fail-on-looser", is_flag=True, help="Exit 1 when a change loosens the playbook.")
def diff_command(
    old: tuple[str, Playbook], new: tuple[str, Playbook], fmt: str, fail_on_looser: bool
) -> None:
    """Show what changed in meaning between OLD and NEW, flagging what got looser.

    Each side is a file or a git REVISION:PATH, such as
    main:playbook/data/clarity.yaml.
    """
    comparison = compare(old[1], new[1], old[0], new[0])
    answer(comparison, fmt)
    sys.exit(1 if fail_on_looser and comparison.loosens else 0)


@click.command("test")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@report_options(json_flag=True, quiet=True)
def test_command(files: tuple[Path, ...], reports: Reports) -> None:
    """Run scenario files: each scenario calls the API and states what it must return.

    Failures are printed like validation problems, at the scenario's
    expectation. Exits 0 when every scenario passes, 1 otherwise.
    """
    outcomes = {str(file): run_scenarios(file) for file in files}
    report = Report(
        [str(file) for file in files],
        [problem for outcome in outcomes.values() for problem in outcome.problems],
        name="playbook test",
        cases={name: outcome.passing for name, outcome in outcomes.items()},
        tally=Tally(sum(o.passed for o in outcomes.values()), sum(o.failed for o in outcomes.values())),
    )
    emit(report, reports)
    sys.exit(0 if report.ok else 1)


@click.group("postmortem")
def postmortem_group() -> None:
    """Write a postmortem draft from the template, or check a written report."""


@postmortem_group.command("new")
@click.option("--severity", required=True, type=SEVERITY, help="The incident's severity.")
@click.option("--title", required=True, type=LINE, help="The incident's title, on one line.")
@click.option("--author", default=None, type=LINE, help="Who writes the report.")
@click.option(
    "--date", "on", type=DATE, default=None, metavar="YYYY-MM-DD", help="The report's date (default: today)."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="The file to create (default: standard output). An existing file is never overwritten.",
)
@playbook_option()
def postmortem_new(
    severity: Severity, title: str, author: str | None, on: date | None, output: Path | None, book: Playbook
) -> None:
    """Write a postmortem draft with the fields the playbook knows filled in."""
    try:
        text = draft(book, severity.id, title, on, author)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise click.BadParameter(f"{output} exists; it is never overwritten", param_hint="--output") from None
    except OSError as exc:
        raise click.BadParameter(f"{output}: {exc.strerror or exc}", param_hint="--output") from None
    click.echo(f"{output}: written")


@postmortem_group.command("check")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings (header fields not filled in) fail too.")
@report_options(quiet=True)
@playbook_option()
def postmortem_check(report: Path, strict: bool, reports: Reports, book: Playbook) -> None:
    """Report required sections of REPORT that are missing, empty or still template text."""
    try:
        problems = check_report(book, report)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    result = Report(
        [str(report)], problems, strict, name="playbook postmortem check", check="complete report"
    )
    emit(result, reports)
    sys.exit(0 if result.ok else 1)


COMMANDS = (diff_command, test_command, postmortem_group)
