"""The exported files as text: YAML for Prometheus and Alertmanager, under a header saying what made it.

Names, labels and durations are written plain when no YAML reader could take
them for anything but text (``P0``, ``5m``), anything else in double quotes,
and expressions as literal blocks, so that they read as written. The header
names the command that writes the file, so that ``playbook export --check``
knows what it is and regenerates it with the same site address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

__all__ = ["HEADERS", "Block", "dump", "header", "read_header"]


class Block(str):
    """Text written as a YAML literal block (``|-``): an expression."""

    __slots__ = ()


HEADERS = {
    "prometheus": "# Prometheus alerting rules, generated from the playbook by `playbook export prometheus`.",
    "alertmanager": "# Alertmanager routes, generated from the playbook by `playbook export alertmanager`.",
}
"""The first line of each kind of exported file."""

_DO_NOT_EDIT = (
    "# Do not edit: change the playbook and export again; `playbook export --check` finds a stale copy."
)
_SITE = re.compile(r"# site: (\S+)")

# Text that YAML 1.1 readers (Prometheus and Alertmanager use one) take as text when plain:
# a word of letters, digits, '_', '.' and '-' that is no boolean or null, or a duration (5m, 1h30m).
_PLAIN = re.compile(r"[^\W\d][\w.\-]*|(?:\d+[smhdwy])+")
_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


class _Dumper(yaml.SafeDumper):
    """Block style, insertion order, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if isinstance(value, Block):
        style = "|"
    elif _PLAIN.fullmatch(value) and value.lower() not in _WORDS:
        style = None
    elif '"' in value and "'" not in value and value.isprintable():
        style = "'"  # a matcher, label="value", reads as written
    else:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Block, _text)


def dump(data: Any) -> str:
    """``data`` as block-style YAML in insertion order, every character as itself."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 16)


def header(kind: str, site_url: str | None = None, notes: Sequence[str] = ()) -> str:
    """The comment lines an exported file starts with; ``notes`` are lines of their own, after a blank one."""
    lines = [HEADERS[kind], _DO_NOT_EDIT]
    if site_url is not None:
        lines.append(f"# site: {site_url}")
    if notes:
        lines += ["#", *(f"# {line}".rstrip() for line in notes)]
    return "\n".join(lines) + "\n"


def read_header(text: str) -> tuple[str | None, str | None]:
    """The kind of exported file ``text`` is (None: not one) and the site address it was made with."""
    lines = text.split("\n", 3)
    kind = next((k for k, first in HEADERS.items() if lines[0] == first), None)
    if kind is None or len(lines) < 3:
        return kind, None
    site = _SITE.fullmatch(lines[2])
    return kind, site.group(1) if site else None
