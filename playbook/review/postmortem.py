"""Postmortem reports: the template as Markdown, new drafts, and checking a written report.

The template is rebuilt from the playbook's ``postmortem`` section: the title,
the ``**Field**: value`` header lines, then one ``## Section`` per section,
separated by rules, as the seed writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from playbook.derive import postmortem_field_value, postmortem_markdown
from playbook.files import read_bounded
from playbook.model import Playbook, Postmortem
from playbook.model.postmortem import PostmortemSection
from playbook.problems import POSTMORTEM, Problem

__all__ = ["check_report", "draft", "template_markdown"]

CHECK = POSTMORTEM
MAX_REPORT_BYTES = 4 * 1024 * 1024
"""A written report larger than this is refused unread."""
_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*#*\s*$")
_PLACEHOLDER = re.compile(r"\[[^\]]*\]")


def template_markdown(
    playbook: Playbook, values: dict[str, str] | None = None, title: str | None = None
) -> str:
    """The postmortem template as Markdown; see :func:`playbook.derive.postmortem_markdown`."""
    return postmortem_markdown(playbook, values, title)


def _section(playbook: Playbook) -> Postmortem:
    if playbook.postmortem is None:
        raise ValueError("the playbook has no postmortem section")
    return playbook.postmortem


def draft(
    playbook: Playbook, severity: str, title: str, on: date | None = None, author: str | None = None
) -> str:
    """A new report: the template with the title, date, severity (and author) filled in."""
    level = playbook.severity(severity)
    postmortem = _section(playbook)
    values: dict[str, str] = {}
    for field in postmortem.fields:
        if field.source == "severity":
            values[field.id] = level.id
        elif field.id == "date":
            values[field.id] = (on or date.today()).isoformat()
        elif field.id == "author" and author:
            values[field.id] = author
    return template_markdown(playbook, values, title)


@dataclass(frozen=True)
class _Found:
    line: int
    body: list[str]


def check_report(playbook: Playbook, path: Path) -> list[Problem]:
    """Problems of a written report: required sections missing, empty or still the template's text."""
    postmortem = _section(playbook)
    name = str(path)
    try:
        text = read_bounded(path, MAX_REPORT_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
        return [Problem(name, 1, 1, "error", CHECK, f"cannot read the report: {reason}")]
    found: dict[str, _Found] = {}
    current: _Found | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADING.match(line)
        if match:
            current = _Found(number, [])
            found.setdefault(match.group(2).strip().casefold(), current)
        elif current is not None:
            current.body.append(line)
    problems = []
    for section, depth in _sections(postmortem.sections, 2):
        if not section.required:
            continue
        seen = found.get(section.title.casefold())
        if seen is None:
            heading = "#" * depth
            problems.append(
                Problem(name, 1, 1, "error", CHECK, f"missing section '{heading} {section.title}'")
            )
            continue
        if section.body is None and section.sections:
            continue  # a heading over its subsections, which are checked in their turn
        body = "\n".join(line for line in seen.body if line.strip() not in ("", "---")).strip()
        template = "\n".join(line for line in (section.body or "").splitlines() if line.strip()).strip()
        if not body:
            problems.append(
                Problem(name, seen.line, 1, "error", CHECK, f"section '{section.title}' is empty")
            )
        elif body == template or not _PLACEHOLDER.sub("", body).strip(" -*:|\n"):
            problems.append(
                Problem(
                    name,
                    seen.line,
                    1,
                    "error",
                    CHECK,
                    f"section '{section.title}' still holds the template's text",
                )
            )
    for field in postmortem.fields:
        pattern = re.compile(rf"^\*\*{re.escape(field.name)}\*\*:\s*(.*)$", re.MULTILINE)
        match = pattern.search(text)
        if match is None:
            problems.append(
                Problem(name, 1, 1, "warning", CHECK, f"missing header line '**{field.name}**: …'")
            )
            continue
        at = text.count("\n", 0, match.start()) + 1
        value = match.group(1).strip()
        if not value or value == postmortem_field_value(playbook, field):
            problems.append(Problem(name, at, 1, "warning", CHECK, f"'{field.name}' is not filled in"))
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def _sections(sections: tuple[PostmortemSection, ...], depth: int) -> list[tuple[PostmortemSection, int]]:
    """Every section and subsection, in order, with the depth of its heading (## is 2)."""
    out: list[tuple[PostmortemSection, int]] = []
    for section in sections:
        out.append((section, depth))
        out += _sections(section.sections, min(depth + 1, 6))
    return out
