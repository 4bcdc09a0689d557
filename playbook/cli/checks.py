"""``playbook checks``: every problem id with its severity and what it reports."""

from __future__ import annotations

import json

import click

from playbook import checks as registry

__all__ = ["checks_command"]


@click.command("checks")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Aligned columns, or JSON.",
)
@click.option("--json", "as_json", is_flag=True, help="Short for --format json.")
def checks_command(fmt: str, as_json: bool) -> None:
    """List every check id with its severity and what it verifies."""
    if as_json or fmt == "json":
        click.echo(json.dumps(registry.rows(), indent=2, ensure_ascii=False))
    else:
        click.echo(registry.text_table(), nl=False)
