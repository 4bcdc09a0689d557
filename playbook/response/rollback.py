"""Rollback decisions: whether the observed metrics and signals call for a rollback."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any, Literal

from playbook.conditions import interval
from playbook.derive import rule_condition
from playbook.errors import UnknownNameError
from playbook.model import TIER_ORDER, Playbook
from playbook.problems import printable
from playbook.units import Quantity, parse_duration
from playbook.wording import phrases

__all__ = ["Match", "Observation", "RollbackDecision", "decide_rollback"]

Tier = Literal["immediate", "consider", "none"]


@dataclass(frozen=True)
class Observation:
    """A metric reading and how long it has held (``12%`` for ``6m``)."""

    value: Quantity
    held_for: timedelta = timedelta(0)

    @classmethod
    def of(cls, value: object) -> Observation:
        """Read an :class:`Observation`, a ``(value, held_for)`` pair, or a bare value."""
        if isinstance(value, Observation):
            return value
        held: object = timedelta(0)
        if isinstance(value, tuple):
            if len(value) != 2:
                raise ValueError("an observation is (value, held_for), such as ('12%', '6m')")
            value, held = value
        return cls(Quantity.parse(value), held if isinstance(held, timedelta) else parse_duration(held))


@dataclass(frozen=True)
class Match:
    """A rule that matched (or nearly: held too briefly), and why."""

    rule: str
    tier: Tier
    reason: str

    def to_dict(self) -> dict[str, str]:
        """The match as a JSON-ready mapping."""
        return asdict(self)


@dataclass(frozen=True)
class RollbackDecision:
    """The decision (``immediate``, ``consider`` or ``none``) and the rules behind it.

    ``matched`` lists every rule that matched, most severe tier first;
    ``pending`` lists metric rules whose threshold is crossed but not yet for
    long enough. ``decided_by`` names the role that decides a ``consider``.
    """

    decision: Tier
    matched: tuple[Match, ...]
    pending: tuple[Match, ...] = ()
    decided_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The decision as a JSON-ready mapping."""
        return {
            "decision": self.decision,
            "decided_by": self.decided_by,
            "matched": [m.to_dict() for m in self.matched],
            "pending": [m.to_dict() for m in self.pending],
        }

    def to_text(self) -> str:
        """The decision (and who decides it) on the first line, then one line per rule."""
        head: str = self.decision
        if self.decided_by:
            head = f"{self.decision} (decided by {printable(self.decided_by)})"
        lines = [head]
        lines += [f"  {m.tier:<9} {printable(m.rule)}: {printable(m.reason)}" for m in self.matched]
        lines += [
            f"  pending   {printable(m.rule)}: {printable(m.reason)} (not yet held long enough)"
            for m in self.pending
        ]
        return "\n".join(lines) + "\n"


def decide_rollback(
    playbook: Playbook,
    metrics: Mapping[str, object] | None = None,
    signals: Iterable[str] = (),
) -> RollbackDecision:
    """Whether the observed metrics and signals call for a rollback.

    ``metrics`` maps metric ids to an :class:`Observation`, a ``(value,
    held_for)`` pair such as ``("12%", "6m")``, or a bare value (held for no
    time). ``signals`` are signal ids that currently hold. The most severe
    matching tier wins; with no match the decision is ``none``. Unknown names
    raise :class:`UnknownNameError` listing the known ones.
    """
    rollback = playbook.rollback
    rules = rollback.rules if rollback is not None else ()
    known_metrics = {m.id: m for m in playbook.metrics}
    known_signals = {s.id: s for s in rollback.signals} if rollback is not None else {}
    observed: dict[str, Observation] = {}
    if metrics is not None and not isinstance(metrics, Mapping):
        kind = type(metrics).__name__
        raise TypeError(
            f"metrics map metric ids to readings, such as {{'api_error_rate': '12%'}}, not {kind}"
        )
    if signals is None or not isinstance(signals, str | Iterable):
        raise TypeError(f"signals are signal ids, such as ['login_down'], not {type(signals).__name__}")
    for name, raw in (metrics or {}).items():
        if name not in known_metrics:
            raise UnknownNameError("metric", name, known_metrics)
        reading = Observation.of(raw)
        unit = known_metrics[name].unit
        if reading.value.unit == "" and unit:
            reading = Observation(Quantity(reading.value.value, unit), reading.held_for)
        if reading.value.dimension != Quantity(0, unit).dimension:
            raise ValueError(f"{name} is measured in {unit or 'a bare number'}, not {reading.value}")
        observed[name] = reading
    holding = list(dict.fromkeys([signals] if isinstance(signals, str) else signals))
    for name in holding:
        if not isinstance(name, str):
            raise TypeError(f"a signal is given by its id, not {type(name).__name__}")
    for name in holding:
        if name not in known_signals:
            raise UnknownNameError("signal", name, known_signals)

    say = phrases(playbook.language)
    matched: list[Match] = []
    pending: list[Match] = []
    for rule in rules:
        if rule.signal is not None:
            if rule.signal in holding:
                matched.append(Match(rule.id, rule.tier, known_signals[rule.signal].label))
            continue
        current = observed.get(rule.metric or "")
        if current is None or current.value.base not in interval(rule.above, rule.below, rule.between):
            continue
        seen = f"{current.value}, {say.lasting(current.held_for)}" if current.held_for else f"{current.value}"
        reason = say.word("observed", condition=rule_condition(playbook, rule), seen=seen)
        if rule.for_ is not None and current.held_for < rule.for_:
            pending.append(Match(rule.id, rule.tier, reason))
        else:
            matched.append(Match(rule.id, rule.tier, reason))
    matched.sort(key=lambda m: TIER_ORDER[m.tier])
    decision: Tier = matched[0].tier if matched else "none"
    decided_by = None
    if rollback is not None:
        for tier in rollback.tiers:
            if tier.id == decision:
                decided_by = tier.decided_by
    return RollbackDecision(decision, tuple(matched), tuple(pending), decided_by)
