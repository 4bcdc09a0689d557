"""``playbook validate``: check playbooks and report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from playbook.api import validate
from playbook.cli.emit import Reports, emit, report_options
from playbook.loader import default_path
from playbook.report import Report

__all__ = ["validate_command"]


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@report_options()
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
def validate_command(paths: tuple[Path, ...], strict: bool, reports: Reports) -> None:
    """Check playbook files (default: the packaged playbook) and report every problem.

    Prints one line per problem, path:line:col: severity[check-id]: message,
    then a summary. Exits 0 when valid, 1 when invalid.
    """
    targets: list[Path | None] = list(paths) or [None]
    problems = [problem for target in targets for problem in validate(target).problems]
    files = [str(target or default_path()) for target in targets]
    report = Report(files, problems, strict)
    emit(report, reports)
    sys.exit(0 if report.ok else 1)
