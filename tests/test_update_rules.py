"""Checklist and timeline wording of format 2 update rules, external deadlines and report due dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from playbook import Playbook, validate_text
from playbook.derive import timing_text

PLAYBOOK = """\
format: 2
name: Updates
severities:
  - id: S1
    name: S1
    respond_within: none
    resolve_within: none
    updates: [{every: 20m, until: 2h}]
  - id: S2
    name: S2
    respond_within: none
    resolve_within: none
    update_every: 1h
classification: {}
calendars:
  - id: week
    time_zone: UTC
    hours: [{days: [mon, tue, wed, thu, fri], from: "00:00", to: "24:00"}]
events:
  - {id: call, name: the call}
roles:
  - {id: lead, name: Lead}
workflow:
  - id: respond
    name: Respond
    steps:
      - {id: "1.1", action: Respond, owner: lead}
communication:
  internal:
    - {id: callouts, event: update, channels: [the call], audience: [Lead], timing: 10m}
    - {id: room, event: update, severity: S2, channels: [Slack], audience: [responders], timing: per-severity}
    - {id: learned, event: postmortem, channels: [email], audience: [everyone], timing: postmortem-meeting}
  external:
    - id: first
      scenario: First post
      channels: [status page]
      content: Investigating
      owner: lead
      deadline: {within: 5m, after: call}
postmortem:
  due:
    - {when: {severity: S1}, within: 3d}
    - {when: {severity: S2}, within: 5bd}
"""


@pytest.fixture(scope="module")
def book() -> Playbook:
    result = validate_text(PLAYBOOK)
    assert result.playbook is not None and not result.errors, result.problems
    return result.playbook


def _item(book: Playbook, severity: str, item_id: str) -> str:
    return next(i.text for i in book.checklist(severity).items if i.id == item_id)


def test_an_update_rule_with_its_own_cadence_is_not_the_severitys(book: Playbook) -> None:
    assert _item(book, "S1", "update") == "status update every 20 minutes for the first 2 hours"


def test_an_update_rule_that_follows_the_severity_names_its_audience(book: Playbook) -> None:
    assert _item(book, "S2", "update") == "status update every 1 hour (responders, Slack)"


def test_an_external_rule_shows_its_deadline(book: Playbook) -> None:
    assert _item(book, "S1", "external:first").endswith("(within 5 minutes of the call)")


@pytest.mark.parametrize(
    ("severity", "words"),
    [("S1", "within 72 hours of resolution"), ("S2", "within 5 business days of resolution")],
)
def test_the_report_deadline_is_worded(book: Playbook, severity: str, words: str) -> None:
    started = datetime(2026, 1, 9, 10, tzinfo=UTC)
    resolved = datetime(2026, 1, 9, 13, tzinfo=UTC)
    report = next(d for d in book.timeline(severity, started, resolved).deadlines if d.kind == "report")
    assert report.label == f"postmortem report ({words})"


def test_a_postmortem_meeting_timing_without_a_meeting_target_is_worded(book: Playbook) -> None:
    assert book.postmortem is not None and book.postmortem.meeting_within is None
    assert timing_text(book, "postmortem-meeting") == "at the postmortem meeting"
