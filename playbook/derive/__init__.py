"""Facts the playbook states once, derived for every place that shows or uses them.

The response API and the site both take their wording and their derived
values from here: channels followed through ``same_channels_as`` chains, step
wording with its deadline, metric labels, alert and rule conditions, timings, phase and
severity titles, template previews, the postmortem template as Markdown, and
the items of a severity's checklist.
"""

from __future__ import annotations

from playbook.derive.checklist import ChecklistItem, ItemKind, checklist_items, group_items, phase_id
from playbook.derive.facts import (
    alert_condition,
    channels,
    external_content,
    metric_label,
    phase_name,
    postmortem_field_value,
    postmortem_markdown,
    rule_condition,
    rule_text,
    severity_title,
    step_due,
    step_text,
    template_preview,
    tier_title,
    timing_text,
)

__all__ = [
    "ChecklistItem",
    "ItemKind",
    "alert_condition",
    "channels",
    "checklist_items",
    "external_content",
    "group_items",
    "metric_label",
    "phase_id",
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
