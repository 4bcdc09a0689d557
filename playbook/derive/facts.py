"""Single facts derived from the model, each worded in one place."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta

from playbook.derive.timing import deadline_text
from playbook.model import (
    Alert,
    Document,
    ExternalRule,
    Phase,
    Playbook,
    PostmortemField,
    Rule,
    Severity,
    Step,
    Template,
)
from playbook.model.postmortem import PostmortemSection
from playbook.units import plain_number
from playbook.wording import phrases

__all__ = [
    "alert_condition",
    "channels",
    "document_url",
    "external_content",
    "metric_label",
    "phase_name",
    "postmortem_field_value",
    "postmortem_markdown",
    "rule_condition",
    "rule_text",
    "severity_title",
    "step_due",
    "step_text",
    "template_preview",
    "tier_title",
    "timing_text",
]

_PLACEHOLDER = re.compile(r"\[[^\]]*\]")


def severity_title(book: Playbook, severity: Severity) -> str:
    """``P0 - Critical（紧急）``, or ``P0 - Critical (urgent)`` in English."""
    return phrases(book.language).paren(f"{severity.id} - {severity.name}", severity.label)


def phase_name(book: Playbook, phase: Phase) -> str:
    """A phase's name with its label: ``Contain（止损）``."""
    return phrases(book.language).paren(phase.name, phase.label)


def tier_title(book: Playbook, label: str, note: str | None) -> str:
    """A rollback tier's label with its note."""
    return phrases(book.language).paren(label, note)


def metric_label(book: Playbook, metric_id: str) -> str:
    """How the playbook's text names a metric: its label, else its name, else its id."""
    for metric in book.metrics:
        if metric.id == metric_id:
            return metric.label or metric.name
    return metric_id


def alert_condition(book: Playbook, alert: Alert) -> str:
    """When an alert fires, in the playbook's words: ``API 错误率 > 5%``."""
    sign = ">" if alert.above is not None else "<"
    return f"{metric_label(book, alert.metric)} {sign} {alert.threshold}"


def rule_condition(book: Playbook, rule: Rule) -> str:
    """A metric rule's condition in the playbook's words: ``API 错误率 > 10% 持续 5 分钟``."""
    say = phrases(book.language)
    name = metric_label(book, rule.metric) if rule.metric is not None else ""
    if rule.above is not None:
        text = f"{name} > {rule.above}"
    elif rule.below is not None:
        text = f"{name} < {rule.below}"
    elif rule.between is not None:
        low, high = rule.between
        low_text = plain_number(low.value) if low.unit == high.unit else str(low)
        text = f"{name} {low_text}-{high}"
    else:
        text = name
    if rule.for_ is not None:
        text += f" {say.lasting(rule.for_)}"
    return say.paren(rule.description, text) if rule.description else text


def rule_text(book: Playbook, rule: Rule) -> str:
    """A rollback rule as responders read it: a signal's label, or the metric condition."""
    if rule.signal is not None:
        signals = book.rollback.signals if book.rollback is not None else ()
        return next((s.label for s in signals if s.id == rule.signal), rule.signal)
    return rule_condition(book, rule)


def channels(book: Playbook) -> dict[str, tuple[str, ...]]:
    """Each external rule's channels, following ``same_channels_as`` to the end of its chain.

    Each rule is resolved once and remembered (a chain of n rules costs n
    steps, whichever way it refers), and a cycle resolves to no channels. The
    walked path is kept as a set too, so spotting a cycle costs one lookup.
    """
    rules = {rule.id: rule for rule in book.communication.external} if book.communication else {}
    resolved: dict[str, tuple[str, ...]] = {}
    for start in rules:
        if start in resolved:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        current: ExternalRule | None = rules[start]
        found: tuple[str, ...] = ()
        while current is not None and current.id not in resolved:
            if current.id in on_path:  # a cycle: nothing to reuse
                break
            path.append(current.id)
            on_path.add(current.id)
            if current.channels:
                found = current.channels
                break
            current = rules.get(current.same_channels_as or "")
        else:
            if current is not None:
                found = resolved[current.id]
        for rule_id in path:
            resolved[rule_id] = found
    return resolved


def external_content(book: Playbook, rule: ExternalRule) -> str:
    """What an external rule tells users: its message quoted, its content, and how often.

    ``"服务已恢复正常"``, ``每 30 分钟更新进展``; in English ``every 30 minutes: Progress``.
    """
    say = phrases(book.language)
    parts = [say.word("quote", text=rule.message)] if rule.message else []
    if rule.content:
        parts.append(rule.content)
    text = say.clause_separator.join(parts)
    if rule.every is not None:
        text = say.word("cadenced", every=say.every(rule.every), text=text)
    return text


def timing_text(book: Playbook, timing: str | timedelta | None, severity: Severity | None = None) -> str:
    """A timing in words: ``30 分钟内``, ``每 15 分钟`` (per severity), ``立即``; empty for none."""
    say = phrases(book.language)
    if timing is None:
        return ""
    if isinstance(timing, timedelta):
        return say.within(timing)
    if timing == "per-severity" and severity is not None and severity.update_every is not None:
        return say.every(severity.update_every)
    if timing == "postmortem-meeting" and book.postmortem is not None and book.postmortem.meeting_within:
        return say.within(book.postmortem.meeting_within)
    return say.timing(timing)


def step_due(book: Playbook, step: Step) -> timedelta | None:
    """The step's deadline from the start of the incident, where the playbook fixes one."""
    return step.within if isinstance(step.within, timedelta) else None


def step_text(book: Playbook, step: Step) -> str:
    """The step's action with its deadline: ``组织复盘会议（48 小时内）``."""
    say = phrases(book.language)
    if step.deadline is not None:
        return say.paren(step.action, deadline_text(book, step.deadline))
    meeting = book.postmortem is not None and book.postmortem.meeting_within is not None
    if isinstance(step.within, timedelta) or (step.within == "postmortem-meeting" and meeting):
        return say.paren(step.action, timing_text(book, step.within))
    return step.action


def template_preview(book: Playbook, template: Template) -> str:
    """The body as readers of the playbook see it: ``[简短描述]``, ``P0/P1/P2``, ``a / b``.

    A field with choices shows them, a severity field the severity ids, any
    other field its label in brackets.
    """
    shown: dict[str, str] = {}
    for spec in template.fields:
        if spec.choices:
            shown[spec.id] = " / ".join(spec.choices)
        elif spec.source == "severity":
            shown[spec.id] = "/".join(s.id for s in book.severities)
        else:
            shown[spec.id] = f"[{spec.label or spec.id}]"
    return template.fill(shown)


def postmortem_field_value(book: Playbook, field: PostmortemField) -> str:
    """What the template shows for a header field: the severities, its placeholder, or ``[Name]``."""
    if field.source == "severity":
        return " / ".join(s.id for s in book.severities)
    return field.placeholder or f"[{field.name}]"


def postmortem_markdown(
    book: Playbook, values: Mapping[str, str] | None = None, title: str | None = None
) -> str:
    """The postmortem template as Markdown, as the seed writes it.

    The title, one ``**Field**: value`` line per header field, then one
    ``## Section`` per section, separated by rules. A field shows the value
    given in ``values``, else the severities (for a severity field), its
    placeholder, or its name in brackets. ``title`` replaces the first
    ``[...]`` of the template's title, or the whole title when it has none.
    Raises :class:`ValueError` when the playbook has no postmortem section.
    """
    postmortem = book.postmortem
    if postmortem is None:
        raise ValueError("the playbook has no postmortem section")
    values = values or {}
    heading = postmortem.title or phrases(book.language).word("postmortem_title")
    if title is not None:
        heading = (
            _PLACEHOLDER.sub(lambda _: title, heading, count=1) if _PLACEHOLDER.search(heading) else title
        )
    lines = [f"# {heading}", ""]
    for field in postmortem.fields:
        lines.append(f"**{field.name}**: {values.get(field.id) or postmortem_field_value(book, field)}")
    blocks = ["\n".join(lines).rstrip("\n")]
    blocks += [_section(section, 2) for section in postmortem.sections]
    return "\n\n---\n\n".join(blocks) + "\n"


def document_url(book: Playbook, document: Document) -> str | None:
    """Where a related document can be opened, or ``None`` when the playbook does not say.

    An address (``https://``, ``mailto:``) is its own; a path is joined to the
    playbook's ``repository.url``; a document still to be written, or a path
    without a repository, has none.
    """
    path = document.path.strip()
    if document.is_gap:
        return None
    if re.match(r"(?i)(https?|mailto):", path):
        return path
    if book.repository is None:
        return None
    while path.startswith("./"):
        path = path[2:]
    return book.repository.url.rstrip("/") + "/" + path.lstrip("/")


def _section(section: PostmortemSection, depth: int) -> str:
    parts = [f"{'#' * min(depth, 6)} {section.title}"]
    if section.body is not None:
        parts.append(section.body.strip())
    parts += [_section(sub, depth + 1) for sub in section.sections]
    return "\n\n".join(parts)
