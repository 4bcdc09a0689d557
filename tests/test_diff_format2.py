"""The semantic diff on format 2: calendars, business time, cadences, conditions, deadlines, bands.

Every case is a text edit of one format 2 playbook; both sides validate with no
error, and the edit gives exactly the change lines listed, "(looser" marking
the ones that loosen.
"""

from __future__ import annotations

import json

import pytest

from playbook.loader import validate_text
from playbook.model import Playbook
from playbook.review.diff import Change, diff, to_json, to_markdown

BASE_TEXT = """\
format: 2
name: Format 2 diff
calendars:
  - id: office
    name: Office hours
    time_zone: Europe/London
    hours:
      - {days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00"}
    holidays: [2026-12-25]
  - id: extended
    time_zone: Europe/London
    hours:
      - {days: [mon, tue, wed, thu, fri], from: "08:00", to: "20:00"}
  - id: spare
    time_zone: Europe/London
    hours:
      - {days: [sat], from: "10:00", to: "12:00"}
severity_groups:
  - {id: major, name: Major, severities: [SEV-1, SEV-2]}
incident_types:
  - {id: security, name: Security}
  - {id: data-breach, name: Data breach}
states:
  - {id: investigating, name: Investigating}
  - {id: identified, name: Identified}
events:
  - {id: first-communication, name: first communication}
  - {id: postmortem-meeting, name: postmortem meeting}
roles:
  - {id: lead, name: Incident lead}
  - {id: im, name: Incident Manager, fallback: lead}
  - {id: security-lead, name: Security lead, when: {incident_type: [security, data-breach]}}
lead: lead
escalations:
  - {id: ack, after: 15m, unless: acknowledged, page: im}
  - {id: stuck, after: 30m, while_state: investigating, page: im, when: {group: major}}
severities:
  - id: SEV-1
    name: Critical
    respond_within: 15m
    resolve_within: 4h
    updates: [{every: 20m, until: 2h}, {every: 1h}]
  - id: SEV-2
    name: Major
    respond_within: 1h
    resolve_within: 1d
    update_every: 2h
  - id: SEV-3
    name: Minor
    respond_within: 4bh
    resolve_within: none
    coverage: office
  - id: SEV-4
    name: Low
    respond_within: 1bd
    resolve_within: none
    coverage: extended
classification:
  axes:
    - id: users
      name: Users affected
      levels:
        - {severity: SEV-1, band: {from: 50%}}
        - {severity: SEV-2, band: {from: 10%, to: 50%}}
        - {severity: SEV-3, band: {to: 10%}}
    - id: availability
      name: Availability
      levels:
        - {severity: SEV-1, band: {to: 90%}}
        - {severity: SEV-2, band: {from: 90%, to: 99%}}
        - {severity: SEV-4, band: {from: 99%}}
workflow:
  - id: respond
    name: Respond
    steps:
      - {id: "1", action: Establish a lead, owner: lead}
      - {id: "2", action: Contain the breach, owner: security-lead,
         when: {incident_type: [security, data-breach]}}
      - {id: "3", action: Tell everyone, owner: lead,
         when: {group: major}, deadline: {within: 5m, after: first-communication}}
      - {id: "4", action: Prepare the review, owner: im, deadline: {by: 24h, before: postmortem-meeting}}
communication:
  internal:
    - {id: start, event: start, channels: ["#incidents"], audience: [Engineering], timing: immediately,
       when: {severity: [SEV-1, SEV-2, SEV-3]}}
  external:
    - {id: status, scenario: An outage, channels: [Status page], owner: im, when: {group: major},
       deadline: {within: 1h, after: declared}}
postmortem:
  required: {group: major}
  due:
    - {when: {severity: SEV-1}, within: 3d}
    - {when: {severity: SEV-2}, within: 5bd}
  sections:
    - {id: summary, title: Summary}
"""


def book(text: str) -> Playbook:
    result = validate_text(text, "format2.yaml")
    assert result.playbook is not None and not result.errors, [str(p) for p in result.problems]
    return result.playbook


BASE = book(BASE_TEXT)


def edited(*replacements: tuple[str, str]) -> str:
    text = BASE_TEXT
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def changes_for(*replacements: tuple[str, str]) -> list[Change]:
    return diff(BASE, book(edited(*replacements)))


# (name, [(old text, new text), ...], [expected change lines])
EDITS: list[tuple[str, list[tuple[str, str]], list[str]]] = [
    # --- coverage ---
    (
        "coverage-24x7-to-calendar",
        [("    update_every: 2h\n", "    update_every: 2h\n    coverage: office\n")],
        ["severities[SEV-2].coverage 24x7 → office (looser: worked 168h → 40h a week)"],
    ),
    (
        "coverage-calendar-to-24x7",
        [("    coverage: office\n", "")],
        ["severities[SEV-3].coverage office → 24x7 (stricter: worked 40h → 168h a week)"],
    ),
    (
        "coverage-to-a-calendar-with-fewer-hours",
        [("    coverage: extended\n", "    coverage: office\n")],
        ["severities[SEV-4].coverage extended → office (looser: worked 60h → 40h a week)"],
    ),
    (
        "coverage-to-a-calendar-with-more-hours",
        [("    coverage: office\n", "    coverage: extended\n")],
        ["severities[SEV-3].coverage office → extended (stricter: worked 40h → 60h a week)"],
    ),
    # --- business time ---
    (
        "business-hours-longer",
        [("    respond_within: 4bh\n", "    respond_within: 6bh\n")],
        ["severities[SEV-3].respond_within 4bh → 6bh (looser)"],
    ),
    (
        # A working day is not a number of working hours until a calendar says so.
        "business-days-to-business-hours",
        [("    respond_within: 1bd\n", "    respond_within: 8bh\n")],
        ["severities[SEV-4].respond_within 1bd → 8bh"],
    ),
    (
        "calendar-time-to-as-much-business-time",
        [("    resolve_within: 4h\n", "    resolve_within: 4bh\n")],
        ["severities[SEV-1].resolve_within 4h → 4bh (looser)"],
    ),
    (
        "calendar-day-to-a-business-day",
        [("    resolve_within: 1d\n", "    resolve_within: 1bd\n")],
        ["severities[SEV-2].resolve_within 24h → 1bd (looser)"],
    ),
    (
        "calendar-time-to-less-business-time",
        [("    resolve_within: 4h\n", "    resolve_within: 2bh\n")],
        ["severities[SEV-1].resolve_within 4h → 2bh"],
    ),
    (
        "business-time-to-as-little-calendar-time",
        [("    respond_within: 4bh\n", "    respond_within: 3h\n")],
        ["severities[SEV-3].respond_within 4bh → 3h (stricter)"],
    ),
    (
        "target-to-none",
        [("    resolve_within: 4h\n", "    resolve_within: none\n")],
        ["severities[SEV-1].resolve_within 4h → none (looser)"],
    ),
    (
        "none-to-target",
        [("    respond_within: 4bh\n    resolve_within: none\n",
          "    respond_within: 4bh\n    resolve_within: 3bd\n")],
        ["severities[SEV-3].resolve_within none → 3bd (stricter)"],
    ),
    # --- cadences ---
    (
        "cadence-every-longer",
        [("[{every: 20m, until: 2h}, {every: 1h}]", "[{every: 30m, until: 2h}, {every: 1h}]")],
        [
            "severities[SEV-1].updates every 20m until 2h; every 1h → every 30m until 2h; every 1h"
            " (looser: 0–2h: every 20m → every 30m)"
        ],
    ),
    (
        "cadence-later-step-sparser",
        [("[{every: 20m, until: 2h}, {every: 1h}]", "[{every: 20m, until: 2h}, {every: 2h}]")],
        [
            "severities[SEV-1].updates every 20m until 2h; every 1h → every 20m until 2h; every 2h"
            " (looser: after 2h: every 1h → every 2h)"
        ],
    ),
    (
        "cadence-step-removed",
        [("[{every: 20m, until: 2h}, {every: 1h}]", "[{every: 20m, until: 2h}]")],
        [
            "severities[SEV-1].updates every 20m until 2h; every 1h → every 20m until 2h"
            " (looser: after 2h: every 1h → none)"
        ],
    ),
    (
        "cadence-first-step-removed",
        [("[{every: 20m, until: 2h}, {every: 1h}]", "[{every: 1h}]")],
        [
            "severities[SEV-1].updates every 20m until 2h; every 1h → every 1h"
            " (looser: 0–2h: every 20m → every 1h)"
        ],
    ),
    (
        # Frequent updates for longer: a later `until` of the denser step is stricter.
        "cadence-dense-step-lasts-longer",
        [("[{every: 20m, until: 2h}, {every: 1h}]", "[{every: 20m, until: 3h}, {every: 1h}]")],
        ["severities[SEV-1].updates every 20m until 2h; every 1h → every 20m until 3h; every 1h (stricter)"],
    ),
    (
        # A sparse first step made to last longer delays the denser one: looser.
        "cadence-sparse-step-lasts-longer",
        [
            ("[{every: 20m, until: 2h}, {every: 1h}]", "[{every: 1h, until: 2h}, {every: 20m}]"),
            ("    update_every: 2h\n", "    updates: [{every: 1h, until: 3h}, {every: 20m}]\n"),
        ],
        [
            "severities[SEV-1].updates every 20m until 2h; every 1h → every 1h until 2h; every 20m"
            " (looser: 0–2h: every 20m → every 1h)",
            "severities[SEV-2].updates every 2h → every 1h until 3h; every 20m (stricter)",
        ],
    ),
    (
        "cadence-update-every-as-updates-is-the-same",
        [("    update_every: 2h\n", "    updates: [{every: 2h}]\n")],
        [],
    ),
    (
        "cadence-update-every-longer",
        [("    update_every: 2h\n", "    update_every: 3h\n")],
        ["severities[SEV-2].update_every 2h → 3h (looser)"],
    ),
    (
        "cadence-once-later",
        [("[{every: 20m, until: 2h}, {every: 1h}]", "[{once: 30m}, {every: 1h, state: investigating}]")],
        [
            "severities[SEV-1].updates every 20m until 2h; every 1h"
            " → once at 30m; every 1h while investigating"
        ],
    ),
    # --- when ---
    (
        "postmortem-no-longer-required-for-sev2",
        [("  required: {group: major}\n", "  required: {severity: SEV-1}\n")],
        ["postmortem.required group major → severity SEV-1 (looser: no longer for SEV-2)"],
    ),
    (
        "postmortem-required-removed-means-all",
        [("  required: {group: major}\n", "")],
        ["postmortem.required group major → always (stricter: now also for SEV-3, SEV-4)"],
    ),
    (
        "postmortem-required-rewritten-with-the-same-reach",
        [("  required: {group: major}\n", "  required: {severity: [SEV-2, SEV-1]}\n")],
        [],
    ),
    (
        "group-shrinks-so-every-when-naming-it-covers-less",
        [("{id: major, name: Major, severities: [SEV-1, SEV-2]}",
          "{id: major, name: Major, severities: [SEV-1]}")],
        [
            "severity_groups[major].severities SEV-1, SEV-2 → SEV-1",
            "escalations[stuck].when group major → group major (looser: no longer for SEV-2)",
            "workflow[respond].steps[3].when group major → group major (looser: no longer for SEV-2)",
            "communication.external[status].when group major → group major (looser: no longer for SEV-2)",
            "postmortem.required group major → group major (looser: no longer for SEV-2)",
        ],
    ),
    (
        "step-gets-a-condition",
        [
            ('{id: "1", action: Establish a lead, owner: lead}',
             '{id: "1", action: Establish a lead, owner: lead, when: {severity: SEV-1}}'),
        ],
        [
            "workflow[respond].steps[1].when always → severity SEV-1"
            " (looser: no longer for SEV-2, SEV-3, SEV-4)"
        ],
    ),
    (
        "step-for-fewer-incident-types",
        [("when: {incident_type: [security, data-breach]}}\n      - {id: \"3\"",
          "when: {incident_type: security}}\n      - {id: \"3\"")],
        [
            "workflow[respond].steps[2].when incident_type security, data-breach → incident_type security"
            " (looser: no longer for incident type data-breach)"
        ],
    ),
    (
        "step-condition-removed",
        [("when: {group: major}, deadline: {within: 5m", "deadline: {within: 5m")],
        ["workflow[respond].steps[3].when group major → always (stricter: now also for SEV-3, SEV-4)"],
    ),
    (
        "internal-rule-trades-one-severity-for-another",
        [("when: {severity: [SEV-1, SEV-2, SEV-3]}", "when: {severity: [SEV-1, SEV-2, SEV-4]}")],
        [
            "communication.internal[start].when severity SEV-1, SEV-2, SEV-3 → severity SEV-1, SEV-2, SEV-4"
            " (looser: no longer for SEV-3; now also for SEV-4)"
        ],
    ),
    (
        "escalation-only-for-security",
        [("page: im, when: {group: major}}", "page: im, when: {group: major, incident_type: security}}")],
        [
            "escalations[stuck].when group major → group major; incident_type security"
            " (looser: no longer for incident type data-breach, incidents of no type)"
        ],
    ),
    (
        "role-engaged-for-fewer-types",
        [("name: Security lead, when: {incident_type: [security, data-breach]}}",
          "name: Security lead, when: {incident_type: [security]}}")],
        [
            "roles[security-lead].when incident_type security, data-breach → incident_type security"
            " (looser: no longer for incident type data-breach)"
        ],
    ),
    # --- postmortem due, escalations, deadlines ---
    (
        "postmortem-due-longer",
        [("{when: {severity: SEV-2}, within: 5bd}", "{when: {severity: SEV-2}, within: 10bd}")],
        ["postmortem.due[1].within 5bd → 10bd (looser)"],
    ),
    (
        "postmortem-due-removed",
        [("    - {when: {severity: SEV-2}, within: 5bd}\n", "")],
        ["postmortem.due[1] removed (looser)"],
    ),
    (
        "postmortem-due-for-fewer",
        [("{when: {severity: SEV-1}, within: 3d}",
          "{when: {severity: SEV-1, incident_type: security}, within: 3d}")],
        [
            "postmortem.due[0].when severity SEV-1 → severity SEV-1; incident_type security"
            " (looser: no longer for incident type data-breach, incidents of no type)"
        ],
    ),
    (
        "escalation-later",
        [("{id: ack, after: 15m,", "{id: ack, after: 30m,")],
        ["escalations[ack].after 15m → 30m (looser)"],
    ),
    (
        "escalation-in-business-hours",
        [("{id: ack, after: 15m,", "{id: ack, after: 1bh,")],
        ["escalations[ack].after 15m → 1bh (looser)"],
    ),
    (
        "escalation-removed",
        [("  - {id: ack, after: 15m, unless: acknowledged, page: im}\n", "")],
        ["escalations[ack] removed (looser)"],
    ),
    (
        "deadline-within-longer",
        [("deadline: {within: 5m, after: first-communication}",
          "deadline: {within: 15m, after: first-communication}")],
        [
            "workflow[respond].steps[3].deadline within 5m after first-communication"
            " → within 15m after first-communication (looser)"
        ],
    ),
    (
        "deadline-by-shorter",
        [("deadline: {by: 24h, before: postmortem-meeting}",
          "deadline: {by: 2h, before: postmortem-meeting}")],
        [
            "workflow[respond].steps[4].deadline by 24h before postmortem-meeting"
            " → by 2h before postmortem-meeting (looser)"
        ],
    ),
    (
        "deadline-by-longer",
        [("deadline: {by: 24h, before: postmortem-meeting}",
          "deadline: {by: 48h, before: postmortem-meeting}")],
        [
            "workflow[respond].steps[4].deadline by 24h before postmortem-meeting"
            " → by 48h before postmortem-meeting (stricter)"
        ],
    ),
    (
        "deadline-removed",
        [("when: {group: major},\n       deadline: {within: 1h, after: declared}}", "when: {group: major}}")],
        ["communication.external[status].deadline within 1h after declared → none (looser)"],
    ),
    (
        "deadline-to-another-event",
        [("deadline: {within: 1h, after: declared}", "deadline: {within: 1h, after: acknowledged}")],
        ["communication.external[status].deadline within 1h after declared → within 1h after acknowledged"],
    ),
    # --- calendars ---
    (
        "calendar-fewer-hours",
        [('from: "09:00", to: "17:00"}', 'from: "09:00", to: "16:00"}')],
        [
            "calendars[office].hours mon, tue, wed, thu, fri 09:00-17:00"
            " → mon, tue, wed, thu, fri 09:00-16:00"
            " (looser: 40h → 35h a week; affects SEV-3, business time)"
        ],
    ),
    (
        "calendar-more-hours",
        [('from: "08:00", to: "20:00"}', 'from: "07:00", to: "20:00"}')],
        [
            "calendars[extended].hours mon, tue, wed, thu, fri 08:00-20:00"
            " → mon, tue, wed, thu, fri 07:00-20:00"
            " (stricter: 60h → 65h a week; affects SEV-4)"
        ],
    ),
    (
        "calendar-more-holidays",
        [("holidays: [2026-12-25]", "holidays: [2026-12-25, {date: 2026-12-28, name: Boxing Day}]")],
        [
            "calendars[office].holidays 2026-12-25 → 2026-12-25, 2026-12-28 (Boxing Day)"
            " (looser: adds 2026-12-28; affects SEV-3, business time)"
        ],
    ),
    (
        "calendar-fewer-holidays",
        [("    holidays: [2026-12-25]\n", "")],
        [
            "calendars[office].holidays 2026-12-25 → none"
            " (stricter: removes 2026-12-25; affects SEV-3, business time)"
        ],
    ),
    (
        "unused-calendar-fewer-hours",
        [('{days: [sat], from: "10:00", to: "12:00"}', '{days: [sat], from: "10:00", to: "11:00"}')],
        [
            "calendars[spare].hours sat 10:00-12:00 → sat 10:00-11:00"
            " (2h → 1h a week; no severity is worked on it)"
        ],
    ),
    # --- bands ---
    (
        "band-floor-of-a-severe-level-raised",
        [("{severity: SEV-1, band: {from: 50%}}", "{severity: SEV-1, band: {from: 60%}}"),
         ("{severity: SEV-2, band: {from: 10%, to: 50%}}", "{severity: SEV-2, band: {from: 10%, to: 60%}}")],
        [
            "classification.axes[users].levels[SEV-1].band from 50% → from 60%"
            " (looser: 50%-60% rated SEV-1 → SEV-2)",
            "classification.axes[users].levels[SEV-2].band 10%-50% → 10%-60%"
            " (looser: 50%-60% rated SEV-1 → SEV-2)",
        ],
    ),
    (
        # On availability, lower is worse: raising the top of the worst band is stricter.
        "band-of-a-falling-axis-widened",
        [("{severity: SEV-1, band: {to: 90%}}", "{severity: SEV-1, band: {to: 95%}}"),
         ("{severity: SEV-2, band: {from: 90%, to: 99%}}", "{severity: SEV-2, band: {from: 95%, to: 99%}}")],
        [
            "classification.axes[availability].levels[SEV-1].band below 90% → below 95% (stricter)",
            "classification.axes[availability].levels[SEV-2].band 90%-99% → 95%-99% (stricter)",
        ],
    ),
]  # fmt: skip


def test_every_rule_has_a_case() -> None:
    assert len(EDITS) >= 40
    assert len({name for name, _, _ in EDITS}) == len(EDITS)


@pytest.mark.parametrize(
    ("replacements", "expected"), [(r, e) for _, r, e in EDITS], ids=[n for n, _, _ in EDITS]
)
def test_edit_gives_exactly_the_expected_change_lines(
    replacements: list[tuple[str, str]], expected: list[str]
) -> None:
    changes = changes_for(*replacements)
    assert [str(c) for c in changes] == expected
    assert [c.loosens for c in changes] == ["(looser" in line for line in expected]
    for change in changes:
        assert change.direction in (
            ("looser", "removed") if change.loosens else ("stricter", "changed", "added")
        )
        assert (change.direction == "stricter") == ("(stricter" in str(change))


@pytest.mark.parametrize(
    ("replacements", "expected"), [(r, e) for _, r, e in EDITS if e], ids=[n for n, _, e in EDITS if e]
)
def test_undoing_a_stricter_edit_is_looser(replacements: list[tuple[str, str]], expected: list[str]) -> None:
    new = book(edited(*replacements))
    backward = {c.where: c for c in diff(new, BASE)}
    for change in diff(BASE, new):
        if change.direction == "stricter":
            assert backward[change.where].loosens, str(backward[change.where])


def test_identical_format2_playbooks_have_no_change() -> None:
    assert diff(BASE, book(BASE_TEXT)) == []


def test_a_note_is_plain_text_in_markdown_and_a_field_in_json() -> None:
    changes = changes_for(("  required: {group: major}\n", "  required: {severity: SEV-1}\n"))
    markdown = to_markdown(changes, "a.yaml", "b.yaml")
    assert (
        "- ⚠️ `postmortem.required` `group major` → `severity SEV-1` (looser: no longer for SEV-2)" in markdown
    )
    body = json.loads(to_json(changes, "a.yaml", "b.yaml"))
    assert body["changes"] == [
        {
            "where": "postmortem.required",
            "text": "postmortem.required group major → severity SEV-1",
            "direction": "looser",
            "loosens": True,
            "note": "no longer for SEV-2",
        }
    ]


def test_markdown_escapes_what_a_note_could_hold() -> None:
    text = edited(
        ("{id: data-breach, name: Data breach}", "{id: data_breach_, name: Data breach}"),
        ("when: {incident_type: [security, data-breach]}}\n      - {id: \"3\"",
         "when: {incident_type: [security, data_breach_]}}\n      - {id: \"3\""),
        ("name: Security lead, when: {incident_type: [security, data-breach]}}",
         "name: Security lead, when: {incident_type: [security, data_breach_]}}"),
    )  # fmt: skip
    old = book(text)
    new = book(text.replace("when: {incident_type: [security, data_breach_]}}\n      - {id: \"3\"",
                            "when: {incident_type: security}}\n      - {id: \"3\""))  # fmt: skip
    markdown = to_markdown(diff(old, new), "a", "b")
    assert "no longer for incident type data\\_breach\\_" in markdown
