"""``playbook checks``: every problem id with its severity and what it reports."""

from __future__ import annotations

import json

import click

from playbook import checks as registry
from playbook.cli.emit import answer_format

__all__ = ["checks_command"]


@click.command("checks")
@answer_format("text", "json", json_flag=True)
def checks_command(fmt: str) -> None:
    """List every check id with its severity and what it verifies."""
    if fmt == "json":
        click.echo(json.dumps(registry.rows(), indent=2, ensure_ascii=False))
    else:
        click.echo(registry.text_table(), nl=False)
