"""The rollback decision guide: tiers, signals, rules with thresholds, procedure, verification."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from playbook.model.base import Id, Identity, Looser, Node, NotEmpty, Owners, Ref, Text
from playbook.model.metrics import PromQL
from playbook.units import Duration, Quantity, format_duration

__all__ = ["TIER_ORDER", "Action", "ProcedureStep", "Rollback", "Rule", "Signal", "Tier", "VerificationItem"]

TIER_ORDER: dict[str, int] = {"immediate": 0, "consider": 1, "none": 2}
"""Rollback tiers, most severe first."""

TierId = Literal["immediate", "consider", "none"]
_TIER_LOOSER = Looser("order", order=tuple(TIER_ORDER))


class Tier(Node):
    """A rollback tier: what its rules mean and who decides."""

    id: Annotated[TierId, Identity("rollback tier")]
    """The tier: immediate, consider or none."""
    label: Text
    """How the playbook names the tier."""
    note: Text | None = None
    """A note shown with the tier's label."""
    decided_by: Annotated[Id | None, Ref("role")] = Field(
        None, description="The role that decides, when not automatic."
    )


class Action(Node):
    """A mitigation action: roll back, restart, fail over, throttle, turn off a feature flag, ..."""

    id: Annotated[Id, Identity("mitigation action")]
    """The action's id, as rules and procedure steps name it."""
    name: Text
    """The action's name."""
    description: Text | None = None
    """What the action does and when it is the right one."""


class Signal(Node):
    """A named fact a responder reports, such as ``login_down``."""

    id: Annotated[Id, Identity("signal")]
    """The signal's id, as responders report it (login_down)."""
    label: Text
    """What the signal means, in the playbook's words."""
    promql: PromQL | None = None
    """A Prometheus expression with a result while the signal holds; rules on it are then exported."""


class Rule(Node):
    """A rollback rule: a metric past a threshold (for a time), or a signal."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": ["metric"]}, {"required": ["signal"]}],
            "dependentSchemas": {
                "metric": {
                    "oneOf": [{"required": ["above"]}, {"required": ["below"]}, {"required": ["between"]}]
                },
                "signal": {
                    "not": {"anyOf": [{"required": [k]} for k in ("above", "below", "between", "for")]}
                },
            },
        }
    )

    id: Annotated[Id, Identity("rollback rule")]
    """The rule's id."""
    tier: Annotated[TierId, Ref("rollback tier", if_declared=True), _TIER_LOOSER]
    """What a match calls for: immediate, consider or none."""
    metric: Annotated[Id | None, Ref("metric")] = None
    """The metric the rule compares (a metric id); or give a signal."""
    signal: Annotated[Id | None, Ref("signal")] = None
    """The signal that triggers the rule (a signal id); or give a metric."""
    above: Annotated[Quantity | None, Looser("higher")] = None
    """Matches when the metric is above this threshold."""
    below: Annotated[Quantity | None, Looser("lower")] = None
    """Matches when the metric is below this threshold."""
    between: Annotated[tuple[Quantity, Quantity] | None, Looser("narrower")] = Field(
        None, description="An inclusive range [low, high]."
    )
    for_: Annotated[Duration | None, Looser("longer", absent="zero")] = Field(
        None, alias="for", description="How long the condition must hold."
    )
    description: Text | None = None
    """The rule in the playbook's words, shown with its condition."""
    action: Annotated[Id | None, Ref("mitigation action")] = None
    """The mitigation the rule calls for (an action id); a rollback when absent."""

    def condition(self) -> str:
        """The condition with ids and units, for reviewers: ``api_error_rate > 10% for 5m``."""
        if self.signal is not None:
            return self.signal
        if self.above is not None:
            text = f"{self.metric} > {self.above}"
        elif self.below is not None:
            text = f"{self.metric} < {self.below}"
        elif self.between is not None:
            text = f"{self.metric} {self.between[0]}-{self.between[1]}"
        else:
            text = str(self.metric)
        return text + (f" for {format_duration(self.for_)}" if self.for_ is not None else "")

    @model_validator(mode="after")
    def _shape(self) -> Rule:
        conditions = [c for c in (self.above, self.below, self.between) if c is not None]
        if (self.metric is None) == (self.signal is None):
            raise ValueError("a rule needs exactly one of 'metric' or 'signal'")
        if self.metric is not None and len(conditions) != 1:
            raise ValueError("a metric rule needs exactly one of 'above', 'below' or 'between'")
        if self.signal is not None and (conditions or self.for_ is not None):
            raise ValueError("a signal rule takes no threshold and no 'for'")
        if self.between is not None:
            low, high = self.between
            if low.dimension != high.dimension:
                raise ValueError(f"'between' needs both bounds in one unit, not {low} and {high}")
            if low > high:
                raise ValueError(f"'between' needs the lower bound first, not [{low}, {high}]")
        return self


class ProcedureStep(Node):
    """How one component is rolled back: a command, an operation or a document."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["command"]},
                {"required": ["operation"]},
                {"required": ["document"]},
            ]
        }
    )

    id: Annotated[Id, Identity("procedure step")]
    """The step's id."""
    component: Text
    """What is rolled back (backend, mobile app, database)."""
    method: Text
    """How, in a few words."""
    command: Text | None = Field(None, description="A command to run, shown as code.")
    operation: Text | None = Field(None, description="An operation done by hand or in a console.")
    document: Annotated[Id | None, Ref("related document")] = Field(
        None, description="A related document that holds the procedure."
    )
    owner: Owners
    """Who does it: a role id, or a list of role ids."""
    action: Annotated[Id | None, Ref("mitigation action")] = None
    """The mitigation action this step carries out (an action id); a rollback when absent."""

    @model_validator(mode="after")
    def _one_how(self) -> ProcedureStep:
        given = [x for x in (self.command, self.operation, self.document) if x is not None]
        if len(given) != 1:
            raise ValueError("a procedure step needs exactly one of 'command', 'operation', 'document'")
        return self


class VerificationItem(Node):
    """An item of the rollback verification checklist."""

    id: Annotated[Id, Identity("verification item")]
    """The item's id."""
    item: Text
    """What to verify after a rollback."""


class Rollback(Node):
    """The mitigation decision guide: actions, tiers, signals, rules, procedure, verification."""

    actions: tuple[Action, ...] = ()
    """Mitigation actions besides rolling back (format 2); rules and procedure steps name them."""
    tiers: tuple[Tier, ...] = ()
    """The rollback tiers, with their labels and who decides."""
    signals: tuple[Signal, ...] = ()
    """Named facts a responder reports."""
    rules: Annotated[tuple[Rule, ...], Looser("removal")] = ()
    """When to roll back: a metric past a threshold (for a time), or a signal."""
    procedure: Annotated[tuple[ProcedureStep, ...], Looser("removal")] = ()
    """How each component is rolled back."""
    verification: Annotated[
        tuple[VerificationItem, ...],
        NotEmpty("rollback rules without a verification checklist", when="rules", format=1),
        Looser("removal"),
    ] = ()
    """What to check after a rollback."""
