"""Rollback decisions: whether the observed metrics and signals call for a rollback (or another mitigation).

The answer says what is known. ``immediate`` or ``consider`` when a rule
matched; ``watch`` when a rule's threshold is crossed but has not (or not
knowingly) held long enough, naming the rule and when it fires if the value
holds; ``none`` with every rule that was evaluated and why it did not match.
A reading without a hold time has held for an unknown time, never for zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from playbook.conditions import interval
from playbook.derive import rule_condition
from playbook.errors import UnknownNameError
from playbook.model import TIER_ORDER, Playbook
from playbook.model.base import spelling
from playbook.problems import printable
from playbook.units import Quantity, format_duration, parse_duration, plain_number
from playbook.wording import phrases

__all__ = ["Match", "Observation", "RollbackDecision", "decide_rollback"]

Tier = Literal["immediate", "consider", "none"]
Decision = Literal["immediate", "consider", "watch", "none"]
Status = Literal["matched", "pending", "unknown", "unmet"]


@dataclass(frozen=True)
class Observation:
    """A metric reading and how long it has held (``12%`` for ``6m``); ``held_for=None``: unknown."""

    value: Quantity
    held_for: timedelta | None = None

    @classmethod
    def of(cls, value: object) -> Observation:
        """An :class:`Observation` from a ``(value, held_for)`` pair, or a bare value (unknown hold)."""
        if isinstance(value, Observation):
            return value
        held: object = None
        if isinstance(value, tuple):
            if len(value) != 2:
                raise ValueError("an observation is (value, held_for), such as ('12%', '6m')")
            value, held = value
        if held is None or isinstance(held, timedelta):
            return cls(Quantity.parse(value), held)
        return cls(Quantity.parse(value), parse_duration(held))


@dataclass(frozen=True)
class Match:
    """A rule evaluated: matched, pending (held too briefly), unknown (hold time not given) or unmet."""

    rule: str
    tier: Tier
    reason: str
    status: Status = "matched"
    fires_in: timedelta | None = None
    """For a pending rule: how much longer the value must hold."""
    fires_at: datetime | None = None
    """For a pending rule, given ``now``: when it fires if the value holds."""
    action: str | None = None
    """The mitigation action the rule calls for (its id), when it is not a rollback."""
    action_name: str | None = None
    """That action's name."""

    def to_dict(self) -> dict[str, Any]:
        """The rule's evaluation as a JSON-ready mapping."""
        return {
            "rule": self.rule,
            "tier": self.tier,
            "status": self.status,
            "reason": self.reason,
            "fires_in": format_duration(self.fires_in) if self.fires_in else None,
            "fires_at": self.fires_at.isoformat() if self.fires_at else None,
            "action": self.action,
            "action_name": self.action_name,
        }


@dataclass(frozen=True)
class RollbackDecision:
    """The decision and the rules behind it.

    ``decision`` is ``immediate`` or ``consider`` (the most severe tier that
    matched), ``watch`` (no rule matched, but one is pending or its hold time
    is unknown), or ``none``. ``matched`` lists the rules that matched, most
    severe first; ``pending`` the rules whose threshold is crossed but not
    (knowingly) for long enough; ``unmet`` every other rule evaluated, with why.
    ``decided_by`` is the role (its id) that decides, ``decided_by_name`` its name.
    """

    decision: Decision
    matched: tuple[Match, ...]
    pending: tuple[Match, ...] = ()
    decided_by: str | None = None
    unmet: tuple[Match, ...] = ()
    decided_by_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The decision as a JSON-ready mapping."""
        return {
            "decision": self.decision,
            "decided_by": self.decided_by,
            "decided_by_name": self.decided_by_name,
            "matched": [m.to_dict() for m in self.matched],
            "pending": [m.to_dict() for m in self.pending],
            "unmet": [m.to_dict() for m in self.unmet],
        }

    def to_text(self) -> str:
        """The decision (and who decides it) on the first line, then one line per rule evaluated."""
        head: str = self.decision
        if self.decided_by_name:
            head = f"{self.decision} (decided by {printable(self.decided_by_name)})"
        lines = [head]
        lines += [
            f"  {m.tier:<9} {printable(m.rule)}: {printable(m.reason)}"
            + (f" -> {printable(m.action_name or m.action)}" if m.action else "")
            for m in self.matched
        ]
        for m in self.pending:
            if m.status == "unknown":
                hold = format_duration(m.fires_in) if m.fires_in else "long enough"
                when = f"hold time unknown: {m.tier} once it has held {hold}"
                lines.append(f"  watch     {printable(m.rule)}: {printable(m.reason)} ({when})")
            else:
                at = f" at {m.fires_at.isoformat(timespec='minutes')}" if m.fires_at else ""
                wait = format_duration(m.fires_in) if m.fires_in else "0s"
                then = f"{m.tier}{at}, in {wait}, if it holds"
                lines.append(f"  watch     {printable(m.rule)}: {printable(m.reason)} ({then})")
        lines += [f"  no        {printable(m.rule)}: {printable(m.reason)}" for m in self.unmet]
        return "\n".join(lines) + "\n"


def _lookup(names: Mapping[str, Any], name: str) -> str | None:
    if name in names:
        return name
    wanted = spelling(name)
    return next((known for known in names if spelling(known) == wanted), None)


def decide_rollback(
    playbook: Playbook,
    metrics: Mapping[str, object] | None = None,
    signals: Iterable[str] = (),
    *,
    now: datetime | None = None,
) -> RollbackDecision:
    """Whether the observed metrics and signals call for a rollback.

    ``metrics`` maps metric ids to an :class:`Observation`, a ``(value,
    held_for)`` pair such as ``("12%", "6m")``, or a bare value such as
    ``"12%"`` (held for an unknown time). Values carry their unit: a bare
    number for a metric measured in a unit raises :class:`ValueError`.
    ``signals`` are signal ids that currently hold. Metric and signal ids are
    matched in any case, with ``-`` and ``_`` alike. ``now`` (timezone-aware)
    dates when a pending rule fires. At least one reading or signal is needed
    (:class:`ValueError`); unknown names raise :class:`UnknownNameError`.
    """
    rollback = playbook.rollback
    rules = rollback.rules if rollback is not None else ()
    known_metrics = {m.id: m for m in playbook.metrics}
    known_signals = {s.id: s for s in rollback.signals} if rollback is not None else {}
    if metrics is not None and not isinstance(metrics, Mapping):
        kind = type(metrics).__name__
        raise TypeError(
            f"metrics map metric ids to readings, such as {{'api_error_rate': '12%'}}, not {kind}"
        )
    if signals is None or not isinstance(signals, str | Iterable):
        raise TypeError(f"signals are signal ids, such as ['login_down'], not {type(signals).__name__}")
    if now is not None and (not isinstance(now, datetime) or now.utcoffset() is None):
        raise ValueError("now must be a timezone-aware datetime, such as 2026-01-01T10:00+08:00")
    observed = _readings(metrics or {}, known_metrics)
    given = [signals] if isinstance(signals, str) else list(signals)
    holding: list[str] = []
    for name in given:
        if not isinstance(name, str):
            raise TypeError(f"a signal is given by its id, not {type(name).__name__}")
        found = _lookup(known_signals, name)
        if found is None:
            raise UnknownNameError("signal", name, known_signals)
        holding.append(found)
    if not observed and not holding:
        raise ValueError(
            "nothing observed: give a metric reading (api_error_rate=12%) or a signal that holds"
        )

    say = phrases(playbook.language)
    matched: list[Match] = []
    pending: list[Match] = []
    unmet: list[Match] = []
    for rule in rules:
        if rule.signal is not None:
            label = known_signals[rule.signal].label if rule.signal in known_signals else rule.signal
            if rule.signal in holding:
                matched.append(Match(rule.id, rule.tier, label, action=rule.action))
            elif holding:
                unmet.append(Match(rule.id, rule.tier, f"{label}: not reported", "unmet", action=rule.action))
            continue
        current = observed.get(rule.metric or "")
        condition = rule_condition(playbook, rule)
        if current is None:
            continue
        if current.value.base not in interval(rule.above, rule.below, rule.between):
            reason = say.word("observed", condition=condition, seen=str(current.value))
            unmet.append(Match(rule.id, rule.tier, reason, "unmet", action=rule.action))
            continue
        held = current.held_for
        seen = f"{current.value}, {say.lasting(held)}" if held else f"{current.value}"
        reason = say.word("observed", condition=condition, seen=seen)
        if rule.for_ is None or (held is not None and held >= rule.for_):
            matched.append(Match(rule.id, rule.tier, reason, action=rule.action))
        elif held is None:
            pending.append(Match(rule.id, rule.tier, reason, "unknown", rule.for_, action=rule.action))
        else:
            wait = rule.for_ - held
            at = now + wait if now is not None else None
            pending.append(Match(rule.id, rule.tier, reason, "pending", wait, at, action=rule.action))
    actions = {a.id: a.name for a in rollback.actions} if rollback is not None else {}
    matched = [replace(m, action_name=actions.get(m.action or "")) for m in matched]
    pending = [replace(m, action_name=actions.get(m.action or "")) for m in pending]
    matched.sort(key=lambda m: TIER_ORDER[m.tier])
    pending.sort(key=lambda m: (TIER_ORDER[m.tier], m.fires_in or timedelta(0)))
    decision: Decision = matched[0].tier if matched else ("watch" if pending else "none")
    decided_by: str | None = None
    if rollback is not None and decision in ("immediate", "consider", "none"):
        decided_by = next((tier.decided_by for tier in rollback.tiers if tier.id == decision), None)
    names = {role.id: role.name for role in playbook.roles}
    decider = (names.get(decided_by) or decided_by) if decided_by is not None else None
    return RollbackDecision(decision, tuple(matched), tuple(pending), decided_by, tuple(unmet), decider)


def _readings(metrics: Mapping[str, object], known: Mapping[str, Any]) -> dict[str, Observation]:
    observed: dict[str, Observation] = {}
    for name, raw in metrics.items():
        found = _lookup(known, name) if isinstance(name, str) else None
        if found is None:
            raise UnknownNameError("metric", str(name), known)
        reading = Observation.of(raw)
        unit = known[found].unit
        if reading.value.unit == "" and unit:
            number = reading.value
            hint = f"{number}{unit}"
            if unit == "%" and 0 < abs(number.value) <= 1:
                hint += f", or {plain_number(number.value * 100)}{unit} if {number} is a fraction"
            raise ValueError(f"{name}={number} needs its unit: {found} is measured in {unit}; write {hint}")
        if reading.value.dimension != Quantity(0, unit).dimension:
            raise ValueError(f"{found} is measured in {unit or 'a bare number'}, not {reading.value}")
        observed[found] = reading
    return observed
