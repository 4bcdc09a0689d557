"""Facts the playbook states once, derived for every place that shows or uses them.

The response API and the site both take their wording and their derived
values from here: channels followed through ``same_channels_as`` chains, step
wording with its deadline, metric labels, alert and rule conditions, timings, phase and
severity titles, template previews, the postmortem template as Markdown, the
items of a severity's checklist, the alerts that thresholds become (names and
anchors), slugs, and time facts in words (cadences, coverage,
deadlines relative to events, escalation timers, conditions, postmortem deadlines).
"""

from __future__ import annotations

from playbook.derive.alerts import (
    DETECTION_PAGE,
    ROLLBACK_PAGE,
    Alerts,
    Watch,
    alerts,
    page_url,
    start_channels,
)
from playbook.derive.checklist import ChecklistItem, ItemKind, checklist_items, group_items, phase_id
from playbook.derive.facts import (
    alert_condition,
    channels,
    document_url,
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
from playbook.derive.names import camel, slug, unique_slugs
from playbook.derive.timing import (
    cadence_text,
    coverage_text,
    deadline_text,
    escalation_text,
    event_name,
    postmortem_due,
    postmortem_required,
    state_name,
    uses_format_2,
    when_text,
)

__all__ = [
    "DETECTION_PAGE",
    "ROLLBACK_PAGE",
    "Alerts",
    "ChecklistItem",
    "ItemKind",
    "Watch",
    "alert_condition",
    "alerts",
    "cadence_text",
    "camel",
    "channels",
    "checklist_items",
    "coverage_text",
    "deadline_text",
    "document_url",
    "escalation_text",
    "event_name",
    "external_content",
    "group_items",
    "metric_label",
    "page_url",
    "phase_id",
    "phase_name",
    "postmortem_due",
    "postmortem_field_value",
    "postmortem_markdown",
    "postmortem_required",
    "rule_condition",
    "rule_text",
    "severity_title",
    "slug",
    "start_channels",
    "state_name",
    "step_due",
    "step_text",
    "template_preview",
    "tier_title",
    "timing_text",
    "unique_slugs",
    "uses_format_2",
    "when_text",
]
