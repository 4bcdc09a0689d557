"""The ``playbook`` command: thin commands that parse, call the API, emit, and set the exit code.

One module per group of commands (``validate``, ``answers``, ``review``,
``site``, ``export``, ``checks``); typed option values in :mod:`playbook.cli.params`; one
way to show results in :mod:`playbook.cli.emit`. This package is the one
place that wires the playbook package to the site generator.

Exit codes: 0 success, 1 an invalid playbook, a failed scenario or check, or a
stale generated file, 2 bad usage.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any

import click

from playbook.cli import answers, export, review, site
from playbook.cli.checks import checks_command
from playbook.cli.init import init_command
from playbook.cli.migrate import migrate_command
from playbook.cli.validate import validate_command

__all__ = ["main"]


class _Main(click.Group):
    """The group, with output that cannot end in a traceback: any text encodes, a full disk is a message."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        for stream in (sys.stdout, sys.stderr):
            # PYTHONIOENCODING=latin-1 and a Chinese playbook: write escapes, not UnicodeEncodeError.
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            _silence_stdout()
            if exc.errno != errno.EPIPE:
                with contextlib.suppress(OSError, ValueError):
                    click.echo(f"playbook: cannot write the output: {exc.strerror or exc}", err=True)
            sys.exit(1)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that what is left in its buffer is not written again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="playbook-as-code", prog_name="playbook")
def main() -> None:
    """Incident response playbooks as typed, checked data."""


for _command in (
    init_command,
    validate_command,
    migrate_command,
    *answers.COMMANDS,
    *review.COMMANDS,
    *site.COMMANDS,
    *export.COMMANDS,
    checks_command,
):
    main.add_command(_command)
