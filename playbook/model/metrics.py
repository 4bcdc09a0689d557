"""Metrics: the measured quantities that alerts and rollback rules compare against thresholds."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from playbook.model.base import Id, Identity, Node, Text

__all__ = ["Metric"]


class Metric(Node):
    """A measured quantity that alerts and rollback rules compare against thresholds."""

    id: Annotated[Id, Identity("metric")]
    """The metric's id, as alerts and rules refer to it."""
    name: Text
    """The metric's name."""
    label: Text | None = Field(None, description="How the playbook's text names the metric.")
    unit: Literal["%", "s", "ms", ""] = ""
    """The unit its thresholds are in: %, s, ms, or empty for a count."""
    description: Text | None = None
    """What the metric measures and where it comes from."""
