"""Detection: where incidents are noticed, the alerts that fire, and triage."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, model_validator

from playbook.model.base import Id, Identity, Looser, Node, NotEmpty, Ref, Text
from playbook.units import Quantity

__all__ = ["Alert", "Detection", "Source", "TriageStep"]


class Alert(Node):
    """A monitoring alert: fires when a metric crosses a threshold."""

    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["above"]}, {"required": ["below"]}]})

    metric: Annotated[Id, Ref("metric")]
    """The metric the alert watches (a metric id)."""
    above: Annotated[Quantity | None, Looser("higher")] = None
    """Fires when the metric rises above this threshold (a quantity such as 5% or 2s)."""
    below: Annotated[Quantity | None, Looser("lower")] = None
    """Fires when the metric falls below this threshold."""

    @model_validator(mode="after")
    def _one_threshold(self) -> Alert:
        if (self.above is None) == (self.below is None):
            raise ValueError("an alert needs exactly one of 'above' or 'below'")
        return self

    @property
    def threshold(self) -> Quantity:
        """The threshold, whichever side it is on."""
        value = self.above if self.above is not None else self.below
        assert value is not None
        return value

    @property
    def key(self) -> str:
        """What identifies the alert within its source: its metric and side (``api_error_rate >``)."""
        return f"{self.metric} {'>' if self.above is not None else '<'}"


class Source(Node):
    """A detection source (信号来源) with its examples and priority."""

    id: Annotated[Id, Identity("detection source")]
    """The source's id."""
    name: Text
    """The source's name, such as Monitoring Alerts."""
    examples: tuple[Text, ...] = ()
    """Examples of what this source reports."""
    alerts: Annotated[tuple[Alert, ...], Looser("removal")] = ()
    """Typed alerts: a metric past a threshold."""
    priority: Literal["high", "medium", "low"]
    """How urgently a signal from this source is looked at: high, medium or low."""


class TriageStep(Node):
    """A triage step: questions to answer, or a rule derived from elsewhere in the playbook.

    ``derive: classification`` lists the matrix and the when-in-doubt rule;
    ``derive: commander`` lists who commands each severity.
    """

    id: Annotated[Id, Identity("triage step")]
    """The triage step's id."""
    title: Text
    """The step's title."""
    questions: Annotated[
        tuple[Text, ...], NotEmpty("triage step '{id}' has neither questions nor 'derive'", unless="derive")
    ] = ()
    """Questions a responder answers at this step."""
    derive: Literal["classification", "commander"] | None = None
    """Content derived from elsewhere: 'classification' (the matrix) or 'commander' (who commands)."""


class Detection(Node):
    """Where incidents are noticed and how they are triaged."""

    sources: Annotated[tuple[Source, ...], Looser("removal")] = ()
    """Where incidents are noticed."""
    triage: Annotated[tuple[TriageStep, ...], Looser("removal")] = ()
    """The triage steps, in order."""
