"""Semantic diff of two playbooks: what changed in meaning, and what got looser.

A change is *looser* when it lets an incident be handled more slowly or with
less: a longer target, a less severe matrix cell, a higher rollback threshold,
a longer hold time, a removed step, rule or verification item, a rule moved to
a milder tier. Reviewers see these flagged; text edits are listed plainly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any, Literal

from playbook.model import TIER_ORDER, Playbook
from playbook.units import Quantity, format_duration

__all__ = ["Change", "diff", "to_json", "to_markdown"]

Direction = Literal["looser", "stricter", "changed", "added", "removed"]


@dataclass(frozen=True)
class Change:
    """One difference in meaning between two playbooks."""

    where: str
    text: str
    direction: Direction
    loosens: bool

    def __str__(self) -> str:
        if self.loosens:
            return f"{self.text} (looser)"
        return f"{self.text} (stricter)" if self.direction == "stricter" else self.text

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON-ready mapping."""
        return asdict(self)


def _duration(value: timedelta | None) -> str:
    return format_duration(value) if value is not None else "none"


def _compare_duration(
    where: str, label: str, old: timedelta | None, new: timedelta | None
) -> Iterator[Change]:
    if old == new:
        return
    if old is None or new is None:
        loosens = new is None
        yield Change(
            where, f"{label} {_duration(old)} → {_duration(new)}", "removed" if loosens else "added", loosens
        )
        return
    loosens = new > old
    yield Change(
        where, f"{label} {_duration(old)} → {_duration(new)}", "looser" if loosens else "stricter", loosens
    )


def _text(where: str, label: str, old: object, new: object) -> Iterator[Change]:
    if old != new:
        yield Change(where, f"{label} {_show(old)} → {_show(new)}", "changed", False)


def _show(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


def _by_id(items: Sequence[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def diff(old: Playbook, new: Playbook) -> list[Change]:
    """Every change in meaning from ``old`` to ``new``, in document order."""
    return list(_diff(old, new))


def _items(
    where: str, kind: str, old: Sequence[Any], new: Sequence[Any], loosens: bool
) -> tuple[list[Change], list[tuple[Any, Any]]]:
    before, after = _by_id(old), _by_id(new)
    changes = [
        Change(f"{where}.{k}", f"{kind} {k} removed", "removed", loosens) for k in before if k not in after
    ]
    changes += [Change(f"{where}.{k}", f"{kind} {k} added", "added", False) for k in after if k not in before]
    return changes, [(item, after[k]) for k, item in before.items() if k in after]


def _diff(old: Playbook, new: Playbook) -> Iterator[Change]:
    rank_old = {s.id: i for i, s in enumerate(old.severities)}
    rank_new = {s.id: i for i, s in enumerate(new.severities)}

    changes, pairs = _items("severities", "severity", old.severities, new.severities, True)
    yield from changes
    for a, b in pairs:
        where = f"severities.{a.id}"
        for target in ("respond_within", "resolve_within", "update_every"):
            yield from _compare_duration(where, f"{a.id} {target}", getattr(a, target), getattr(b, target))
        for name in ("name", "label", "impact", "examples", "resolution", "escalation", "commander"):
            yield from _text(where, f"{a.id} {name}", getattr(a, name), getattr(b, name))

    cls_a, cls_b = old.classification, new.classification
    for reach in dict.fromkeys([*cls_a.matrix, *cls_b.matrix]):
        row_a, row_b = cls_a.matrix.get(reach, {}), cls_b.matrix.get(reach, {})
        for impact in dict.fromkeys([*row_a, *row_b]):
            x, y = row_a.get(impact), row_b.get(impact)
            if x == y:
                continue
            where = f"classification.matrix.{reach}.{impact}"
            loosens = x is not None and (y is None or rank_new.get(y, 99) > rank_old.get(x, 99))
            direction: Direction = (
                "looser" if loosens else ("stricter" if x is not None and y is not None else "changed")
            )
            yield Change(where, f"matrix {reach} × {impact} {_show(x)} → {_show(y)}", direction, loosens)
    if cls_a.when_in_doubt != cls_b.when_in_doubt:
        loosens = cls_b.when_in_doubt == "lower"
        yield Change(
            "classification.when_in_doubt",
            f"when_in_doubt {cls_a.when_in_doubt} → {cls_b.when_in_doubt}",
            "looser" if loosens else "stricter",
            loosens,
        )

    for where, kind, before, after in (
        ("roles", "role", old.roles, new.roles),
        ("metrics", "metric", old.metrics, new.metrics),
        ("related_documents", "related document", old.related_documents, new.related_documents),
    ):
        changes, _ = _items(where, kind, before, after, False)
        yield from changes

    steps_a = {s.id: (p.id, s) for p in old.workflow for s in p.steps}
    steps_b = {s.id: (p.id, s) for p in new.workflow for s in p.steps}
    for key, (_, step) in steps_a.items():
        if key not in steps_b:
            yield Change(f"workflow.{key}", f"step {key} removed ({step.action})", "removed", True)
    for key, (_, step) in steps_b.items():
        if key not in steps_a:
            yield Change(f"workflow.{key}", f"step {key} added ({step.action})", "added", False)
    for key, (phase_a, a) in steps_a.items():
        if key not in steps_b:
            continue
        phase_b, b = steps_b[key]
        where = f"workflow.{key}"
        yield from _text(where, f"step {key} phase", phase_a, phase_b)
        yield from _text(where, f"step {key} action", a.action, b.action)
        yield from _text(where, f"step {key} owner", "/".join(a.owner), "/".join(b.owner))
        if a.within != b.within:
            direction = _timing_direction(a.within, b.within) if a.within and b.within else "changed"
            yield Change(
                where,
                f"step {key} within {_show(_timing(a.within) if a.within else None)} → "
                f"{_show(_timing(b.within) if b.within else None)}",
                direction,
                direction == "looser" or (a.within is not None and b.within is None),
            )

    yield from _detection(old, new)
    yield from _rollback(old, new)
    yield from _communication(old, new)

    pm_a, pm_b = old.postmortem, new.postmortem
    if pm_a is not None and pm_b is None:
        yield Change("postmortem", "postmortem section removed", "removed", True)
    elif pm_a is not None and pm_b is not None:
        yield from _compare_duration(
            "postmortem", "postmortem meeting_within", pm_a.meeting_within, pm_b.meeting_within
        )
        changes, sections = _items(
            "postmortem.sections", "postmortem section", pm_a.sections, pm_b.sections, True
        )
        yield from changes
        for x, y in sections:
            where = f"postmortem.sections.{x.id}"
            if x.required != y.required:
                loosens = x.required and not y.required
                yield Change(
                    where,
                    f"postmortem section {x.id} "
                    + ("required → optional" if loosens else "optional → required"),
                    "looser" if loosens else "stricter",
                    loosens,
                )
            yield from _text(where, f"postmortem section {x.id} title", x.title, y.title)
            if x.body.strip() != y.body.strip():
                yield Change(where, f"postmortem section {x.id} template text changed", "changed", False)


def _threshold_loosens(old: Quantity | None, new: Quantity | None, side: str) -> bool | None:
    if old is None or new is None or old.dimension != new.dimension or old == new:
        return None
    # Firing later is looser: a higher 'above', a lower 'below'.
    return new > old if side == "above" else new < old


def _rollback(old: Playbook, new: Playbook) -> Iterator[Change]:
    a, b = old.rollback, new.rollback
    if a is None:
        return
    if b is None:
        yield Change("rollback", "rollback section removed", "removed", True)
        return
    changes, _ = _items("rollback.signals", "signal", a.signals, b.signals, False)
    yield from changes
    changes, tiers = _items("rollback.tiers", "rollback tier", a.tiers, b.tiers, False)
    yield from changes
    for x_tier, y_tier in tiers:
        yield from _text(
            f"rollback.tiers.{x_tier.id}",
            f"tier {x_tier.id} decided_by",
            x_tier.decided_by,
            y_tier.decided_by,
        )
    changes, pairs = _items("rollback.rules", "rollback rule", a.rules, b.rules, True)
    yield from changes
    for x, y in pairs:
        where = f"rollback.rules.{x.id}"
        if x.tier != y.tier:
            loosens = TIER_ORDER[y.tier] > TIER_ORDER[x.tier]
            yield Change(
                where,
                f"rollback rule {x.id} tier {x.tier} → {y.tier}",
                "looser" if loosens else "stricter",
                loosens,
            )
        if x.condition() == y.condition():
            continue
        verdicts = [
            _threshold_loosens(x.above, y.above, "above"),
            _threshold_loosens(x.below, y.below, "below"),
        ]
        if x.between and y.between:
            verdicts.append(_threshold_loosens(x.between[0], y.between[0], "above"))
        if x.for_ != y.for_:
            # A longer hold time, or one where there was none, fires later.
            verdicts.append(y.for_ is not None and (x.for_ is None or y.for_ > x.for_))
        known = [v for v in verdicts if v is not None]
        loosens = any(known)
        direction: Direction = "looser" if loosens else ("stricter" if known else "changed")
        text = f"rollback {y.tier} {x.condition()} → {y.condition().removeprefix(f'{y.metric} ')}"
        yield Change(where, text, direction, loosens)
    changes, _ = _items("rollback.verification", "verification item", a.verification, b.verification, True)
    yield from changes
    changes, pairs = _items("rollback.procedure", "procedure step", a.procedure, b.procedure, True)
    yield from changes
    for x, y in pairs:
        where = f"rollback.procedure.{x.id}"
        for name in ("method", "command", "operation", "document"):
            yield from _text(where, f"procedure {x.id} {name}", getattr(x, name), getattr(y, name))
        yield from _text(where, f"procedure {x.id} owner", "/".join(x.owner), "/".join(y.owner))


def _detection(old: Playbook, new: Playbook) -> Iterator[Change]:
    a, b = old.detection, new.detection
    if a is None or b is None:
        if a is not None:
            yield Change("detection", "detection section removed", "removed", True)
        return
    changes, pairs_triage = _items("detection.triage", "triage step", a.triage, b.triage, True)
    yield from changes
    for x, y in pairs_triage:
        where = f"detection.triage.{x.id}"
        yield from _text(where, f"triage step {x.id} title", x.title, y.title)
        yield from _text(where, f"triage step {x.id} questions", x.questions, y.questions)
        yield from _text(where, f"triage step {x.id} derive", x.derive, y.derive)
    changes, pairs = _items("detection.sources", "detection source", a.sources, b.sources, True)
    yield from changes
    for x, y in pairs:
        where = f"detection.sources.{x.id}"
        yield from _text(where, f"source {x.id} priority", x.priority, y.priority)
        # Alerts have no id: one alert per metric and side is matched with its counterpart.
        before = {(alert.metric, alert.above is None): alert for alert in x.alerts}
        after = {(alert.metric, alert.above is None): alert for alert in y.alerts}
        for (metric, below), alert in before.items():
            other = after.get((metric, below))
            if other is None:
                side = "below" if below else "above"
                yield Change(where, f"alert {metric} {side} {alert.threshold} removed", "removed", True)
                continue
            for side in ("above", "below"):
                verdict = _threshold_loosens(getattr(alert, side), getattr(other, side), side)
                if verdict is not None:
                    sign = ">" if side == "above" else "<"
                    yield Change(
                        where,
                        f"alert {metric} {sign} {getattr(alert, side)} → {sign} {getattr(other, side)}",
                        "looser" if verdict else "stricter",
                        verdict,
                    )
        for (metric, below), alert in after.items():
            if (metric, below) not in before:
                side = "below" if below else "above"
                yield Change(where, f"alert {metric} {side} {alert.threshold} added", "added", False)


def _communication(old: Playbook, new: Playbook) -> Iterator[Change]:
    a, b = old.communication, new.communication
    if a is None or b is None:
        if a is not None:
            yield Change("communication", "communication section removed", "removed", True)
        return
    changes, pairs = _items("communication.internal", "internal rule", a.internal, b.internal, True)
    yield from changes
    for x, y in pairs:
        where = f"communication.internal.{x.id}"
        yield from _text(where, f"internal rule {x.id} event", x.event, y.event)
        yield from _text(where, f"internal rule {x.id} severity", x.severity, y.severity)
        if x.timing != y.timing:
            direction = _timing_direction(x.timing, y.timing)
            yield Change(
                where,
                f"internal rule {x.id} timing {_show(_timing(x.timing))} → {_show(_timing(y.timing))}",
                direction,
                direction == "looser",
            )
        yield from _text(where, f"internal rule {x.id} channels", x.channels, y.channels)
        yield from _text(where, f"internal rule {x.id} audience", x.audience, y.audience)
    changes, pairs_external = _items("communication.external", "external rule", a.external, b.external, True)
    yield from changes
    for x, y in pairs_external:
        where = f"communication.external.{x.id}"
        if x.every != y.every:
            # Updating less often, or no longer on a cadence, tells users less.
            loosens = x.every is not None and (y.every is None or y.every > x.every)
            stricter = y.every is not None and (x.every is None or y.every < x.every)
            cadence: Direction = "looser" if loosens else ("stricter" if stricter else "changed")
            yield Change(
                where,
                f"external rule {x.id} every {_duration(x.every)} → {_duration(y.every)}",
                cadence,
                loosens,
            )
        for name in ("scenario", "channels", "same_channels_as", "message", "content"):
            yield from _text(where, f"external rule {x.id} {name}", getattr(x, name), getattr(y, name))
        yield from _text(where, f"external rule {x.id} severities", x.severities, y.severities)
        yield from _text(where, f"external rule {x.id} owner", "/".join(x.owner), "/".join(y.owner))
    changes, pairs = _items("communication.templates", "template", a.templates, b.templates, True)
    yield from changes
    for x, y in pairs:
        yield from _text(
            f"communication.templates.{x.id}", f"template {x.id} body", x.body.strip(), y.body.strip()
        )


def _timing_direction(old: str | timedelta, new: str | timedelta) -> Direction:
    def delay(value: str | timedelta) -> timedelta | None:
        if isinstance(value, timedelta):
            return value
        return timedelta(0) if value == "immediately" else None

    before, after = delay(old), delay(new)
    if before is None or after is None:
        return "changed"
    return "looser" if after > before else "stricter"


def _timing(value: str | timedelta) -> str:
    return value if isinstance(value, str) else format_duration(value)


def to_markdown(changes: Sequence[Change], old_name: str, new_name: str) -> str:
    """A Markdown summary for a pull-request comment; looser changes first."""
    if not changes:
        return f"No change in meaning between `{old_name}` and `{new_name}`.\n"
    looser = [c for c in changes if c.loosens]
    lines = [f"### Playbook changes: `{old_name}` → `{new_name}`", ""]
    if looser:
        lines += [f"**{len(looser)} change(s) loosen the playbook:**", ""]
        lines += [f"- ⚠️ {c}" for c in looser]
        lines.append("")
    rest = [c for c in changes if not c.loosens]
    if rest:
        lines += ["Other changes:", ""] if looser else []
        lines += [f"- {c}" for c in rest]
        lines.append("")
    return "\n".join(lines)


def to_json(changes: Sequence[Change], old_name: str, new_name: str) -> str:
    """The changes as JSON: ``{"old", "new", "loosens", "changes": [...]}``."""
    body = {
        "old": old_name,
        "new": new_name,
        "loosens": any(c.loosens for c in changes),
        "changes": [c.to_dict() for c in changes],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
