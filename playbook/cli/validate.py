"""``playbook validate``: check playbooks and report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from playbook.cli.emit import Reports, emit, report_options
from playbook.cli.params import example_option, path_option, read, resolve, shown
from playbook.report import Report

__all__ = ["validate_command"]


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@path_option()
@example_option()
@report_options(quiet=True)
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
def validate_command(
    paths: tuple[Path, ...], playbook: Path | None, example: str | None, strict: bool, reports: Reports
) -> None:
    """Check playbook files and report every problem ('-' reads standard input).

    With no PATH, checks the playbook found from here (see -p). Prints one
    line per problem, path:line:col: severity[check-id]: message, then a
    summary. Exits 0 when valid, 1 when invalid.
    """
    targets = list(paths)
    if playbook is not None or example is not None or not targets:
        targets.append(resolve(playbook, example))
    problems = [problem for target in targets for problem in read(target).problems]
    report = Report([shown(target) for target in targets], problems, strict)
    emit(report, reports)
    sys.exit(0 if report.ok else 1)
