"""The ``playbook`` command: thin commands that parse, call the API, emit, and set the exit code.

One module per group of commands (``validate``, ``answers``, ``review``,
``site``, ``checks``); typed option values in :mod:`playbook.cli.params`; one
way to show results in :mod:`playbook.cli.emit`. This package is the one
place that wires the playbook package to the site generator.

Exit codes: 0 success, 1 an invalid playbook, a failed scenario or check, or a
stale generated file, 2 bad usage.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import importlib
import os
import sys
from typing import Any, NoReturn

import click

__all__ = ["COMMANDS", "main", "run"]

COMMANDS = {
    "init": "init:init_command",
    "validate": "validate:validate_command",
    "migrate": "migrate:migrate_command",
    "classify": "answers:classify_command",
    "checklist": "answers:checklist_command",
    "timeline": "answers:timeline_command",
    "rollback": "answers:rollback_command",
    "message": "answers:message_command",
    "diff": "review:diff_command",
    "test": "review:test_command",
    "postmortem": "review:postmortem_group",
    "schema": "site:schema_command",
    "docs": "site:docs_command",
    "build": "site:build_command",
    "export": "export:export_group",
    "checks": "checks:checks_command",
}
"""Each command's module in this package and its name there, imported when the command is run.

``playbook validate`` then loads neither the review tools, the answers nor the
site generator.
"""


class _Main(click.Group):
    """The group, with output that cannot end in a traceback: any text encodes, a full disk is a message.

    Its commands are imported on first use (:data:`COMMANDS`).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, _, name = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

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


def run() -> NoReturn:
    """The ``playbook`` program: :func:`main`, then an exit that leaves the interpreter as it is.

    As a process exits, Python frees every object and module it loaded: close
    to a fifth of the CPU time of ``playbook validate``, for nothing, since the
    process ends. The exit handlers run and the output is flushed first, as at any exit.
    An exception other than :class:`SystemExit` ends the process the usual way.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        with contextlib.suppress(Exception):
            print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            code = code or 1
    os._exit(code or 0)
