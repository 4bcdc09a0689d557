"""The ``playbook`` command: thin commands that parse, call the API, emit, and set the exit code.

One module per group of commands (``validate``, ``answers``, ``review``,
``site``, ``checks``); typed option values in :mod:`playbook.cli.params`; one
way to show results in :mod:`playbook.cli.emit`. This package is the one
place that wires the playbook package to the site generator.

Exit codes: 0 success, 1 an invalid playbook, a failed scenario or check, or a
stale generated file, 2 bad usage.
"""

from __future__ import annotations

import click

from playbook.cli import answers, review, site
from playbook.cli.checks import checks_command
from playbook.cli.init import init_command
from playbook.cli.validate import validate_command

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="playbook-as-code", prog_name="playbook")
def main() -> None:
    """Incident response playbooks as typed, checked data."""


for _command in (
    init_command,
    validate_command,
    *answers.COMMANDS,
    *review.COMMANDS,
    *site.COMMANDS,
    checks_command,
):
    main.add_command(_command)
