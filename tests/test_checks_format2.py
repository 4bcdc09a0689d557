"""The checks of format 2's constructs: one defect at a time in a valid format 2 playbook.

Each test edits one defect into :data:`FORMAT_2` and asserts the check id and line:col; the
tests that expect no problem pin what a check must let through, since real playbooks write it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_complexity import LIMIT, ratio

from playbook.checks import LOCKED
from playbook.loader import validate_text
from playbook.problems import Problem

Position = Callable[..., tuple[int, int]]
Edit = Callable[[str, str, str], str]

FORMAT_2 = """\
format: 2
name: Format 2
calendars:
  - id: office
    name: Office hours
    time_zone: Europe/London
    hours:
      - {days: [mon, tue, wed, thu], from: "09:00", to: "12:00"}
      - {days: [mon, tue, wed, thu], from: "12:00", to: "17:00"}
      - {days: [fri], from: "09:00", to: "16:00"}
    holidays: [2026-12-25, {date: 2026-12-27, name: A Sunday}]
severity_groups:
  - {id: major, name: Major, severities: [P1, P2]}
incident_types:
  - {id: security, name: Security}
states:
  - {id: investigating, name: Investigating}
  - {id: monitoring, name: Monitoring}
events:
  - {id: first-communication, name: first communication}
roles:
  - {id: lead, name: Incident lead}
  - {id: im, name: Incident Manager, rotation: IM on call, fallback: lead, when: {group: major}}
  - {id: sirt, name: Security responder, when: {incident_type: security}, fallback: im}
escalations:
  - {id: ack, after: 15m, unless: acknowledged, page: im, when: {group: major}}
  - {id: stuck, after: 30m, while_state: investigating, page: [im, lead]}
severities:
  - id: P1
    name: Critical
    respond_within: 15m
    resolve_within: 4h
    lead: im
    updates: [{state: investigating, every: 10m}, {every: 20m, until: 2h}, {every: 1h}]
  - {id: P2, name: Major, respond_within: 1h, resolve_within: none, lead: im}
  - id: P3
    name: Minor
    respond_within: 4bh
    resolve_within: 2bd
    coverage: office
    updates: [{once: 1bd}]
classification:
  axes:
    - id: users
      name: Users affected
      levels:
        - {severity: P1, band: {from: 50%}}
        - {severity: P2, band: {from: 10%, to: 50%}}
        - {severity: P3, band: {to: 10%}}
        - {severity: P3, name: Cosmetic, description: Under 10% of users; looks only.}
    - id: availability
      name: Availability
      levels:
        - {severity: P1, band: {to: 90%}}
        - {severity: P2, band: {from: 90%, to: 99%}}
        - {severity: P3, band: {from: 99%}}
workflow:
  - id: respond
    name: Respond
    steps:
      - {id: "1", action: Establish a lead, owner: lead}
      - {id: "2", action: Contain, owner: sirt, when: {incident_type: security}}
      - id: "3"
        action: Tell everyone
        owner: [im, lead]
        deadline: {within: 5m, after: first-communication}
  - id: major
    name: Major incidents
    when: {group: major}
    steps:
      - {id: "4", action: Open a bridge, owner: im, when: {severity: P1}}
postmortem:
  required: {group: major}
  due:
    - {when: {incident_type: security}, within: 1d}
    - {when: {severity: P1}, within: 3d}
    - {when: {severity: P2}, within: 5bd}
"""


def problems_of(text: str) -> list[Problem]:
    return validate_text(text, "f2.yaml").problems


def only(text: str, check_id: str) -> list[Problem]:
    """The problems of ``text``, which must all come from ``check_id``."""
    problems = problems_of(text)
    assert problems, "the defect was not found"
    assert {p.check for p in problems} == {check_id}, [str(p) for p in problems]
    return problems


def test_the_format_2_playbook_has_no_problem() -> None:
    assert problems_of(FORMAT_2) == []


# --- calendars ---------------------------------------------------------------------------


def test_calendars_overlapping_hours(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, 'from: "12:00", to: "17:00"', 'from: "11:00", to: "17:00"')
    (problem,) = only(text, "calendars")
    assert (problem.line, problem.column) == text_position(text, '{days: [mon, tue, wed, thu], from: "11:00"')
    assert "11:00-17:00 overlap 09:00-12:00 on mon, tue, wed, thu" in problem.message


def test_calendars_overlap_is_found_whatever_the_order(edit_text: Edit) -> None:
    # A later entry that starts earlier than an earlier one: the later one is reported.
    text = edit_text(
        FORMAT_2,
        '      - {days: [fri], from: "09:00", to: "16:00"}\n',
        '      - {days: [fri], from: "09:00", to: "16:00"}\n'
        '      - {days: [fri], from: "07:00", to: "10:00"}\n',
    )
    (problem,) = only(text, "calendars")
    assert "07:00-10:00 overlap 09:00-16:00 on fri" in problem.message


def test_calendars_holiday_twice(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "holidays: [2026-12-25,", "holidays: [2026-12-25, 2026-12-25,")
    (problem,) = only(text, "calendars")
    assert (problem.line, problem.column) == text_position(text, "2026-12-25", 2)
    assert f"(first at line {text_position(text, '2026-12-25')[0]})" in problem.message


# --- business time -----------------------------------------------------------------------


def test_business_time_without_a_calendar(edit_text: Edit) -> None:
    start, end = FORMAT_2.index("calendars:\n"), FORMAT_2.index("severity_groups:")
    text = FORMAT_2[:start] + FORMAT_2[end:]
    problems = problems_of(text)
    business = [p for p in problems if p.check == "business-time"]
    assert sorted(p.message.split()[0] for p in business) == ["1bd", "2bd", "4bh", "5bd"]
    assert {p.check for p in problems} == {"business-time", "references"}  # coverage: office


# --- bands and axes ----------------------------------------------------------------------


def test_bands_gap(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "band: {from: 10%, to: 50%}", "band: {from: 20%, to: 50%}")
    (problem,) = only(text, "bands")
    assert (problem.line, problem.column) == text_position(text, "20%")
    assert "holds 10% up to 20%" in problem.message


def test_bands_overlap(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "band: {from: 90%, to: 99%}", "band: {from: 80%, to: 99%}")
    (problem,) = only(text, "bands")
    assert (problem.line, problem.column) == text_position(text, "{from: 80%")
    assert "overlap" in problem.message


def test_bands_in_milliseconds_and_seconds_are_one_unit(edit_text: Edit) -> None:
    text = edit_text(FORMAT_2, "band: {from: 50%}}", "band: {from: 2s}}")
    text = edit_text(text, "band: {from: 10%, to: 50%}", "band: {from: 500ms, to: 2000ms}")
    text = edit_text(text, "band: {to: 10%}", "band: {to: 0.5s}")
    assert problems_of(text) == []


def test_bands_cannot_be_relaxed() -> None:
    assert {"bands", "business-time", "events"} <= LOCKED


AVAILABILITY = """\
        - {severity: P1, band: {to: 90%}}
        - {severity: P2, band: {from: 90%, to: 99%}}
        - {severity: P3, band: {from: 99%}}
"""


@pytest.mark.parametrize(
    "bands",
    [
        # Rising, with two levels of one severity.
        [
            "{severity: P1, band: {to: 90%}}",
            "{severity: P2, band: {from: 90%, to: 99%}}",
            "{severity: P3, band: {from: 99%, to: 99.9%}}",
            "{severity: P3, band: {from: 99.9%}}",
        ],
        # Falling.
        [
            "{severity: P1, band: {from: 99%}}",
            "{severity: P2, band: {from: 90%, to: 99%}}",
            "{severity: P3, band: {to: 90%}}",
        ],
    ],
)
def test_axes_bands_that_move_one_way(bands: list[str], edit_text: Edit) -> None:
    text = edit_text(FORMAT_2, AVAILABILITY, "".join(f"        - {band}\n" for band in bands))
    assert problems_of(text) == []


def test_axes_bands_that_turn_back(edit_text: Edit, text_position: Position) -> None:
    bands = [
        "{severity: P1, band: {to: 90%}}",
        "{severity: P2, band: {from: 99%}}",
        "{severity: P3, band: {from: 90%, to: 99%}}",
    ]
    text = edit_text(FORMAT_2, AVAILABILITY, "".join(f"        - {band}\n" for band in bands))
    (problem,) = only(text, "axes")
    assert (problem.line, problem.column) == text_position(text, "{from: 90%, to: 99%}")
    assert "rise from one level to the next, and turn back here" in problem.message


# --- cadence -----------------------------------------------------------------------------


def test_cadence_step_after_one_that_repeats_for_ever(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "{every: 20m, until: 2h}, {every: 1h}]", "{every: 20m}, {every: 1h}]")
    (problem,) = only(text, "cadence")
    assert (problem.line, problem.column) == text_position(text, "{every: 1h}")


def test_cadence_state_steps_before_the_last_are_fine(edit_text: Edit) -> None:
    text = edit_text(
        FORMAT_2,
        "updates: [{state: investigating, every: 10m}, {every: 20m, until: 2h}, {every: 1h}]",
        "updates: [{state: investigating, every: 10m}, {state: monitoring, every: 30m}, {every: 1h}]",
    )
    assert problems_of(text) == []


def test_cadence_untils_of_another_kind_are_not_compared(edit_text: Edit) -> None:
    text = edit_text(
        FORMAT_2, "{every: 20m, until: 2h}, {every: 1h}]", "{every: 20m, until: 2h}, {every: 1h, until: 1bh}]"
    )
    assert problems_of(text) == []


def test_cadence_state_names_a_declared_state(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "{state: investigating, every: 10m}", "{state: identified, every: 10m}")
    (problem,) = only(text, "references")
    assert (problem.line, problem.column) == text_position(text, "identified")


# --- events, postmortem due ----------------------------------------------------------------


def test_events_unknown(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "unless: acknowledged", "unless: acked")
    (problem,) = only(text, "events")
    assert (problem.line, problem.column) == text_position(text, "acked")
    assert "known: declared, acknowledged, mitigated, resolved, first-communication" in problem.message


def test_postmortem_due_clash(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "{when: {severity: P2}, within: 5bd}", "{when: {group: major}, within: 5bd}")
    (problem,) = only(text, "postmortem-due")
    assert (problem.line, problem.column) == text_position(text, "{when: {group: major}, within")
    assert "for P1:" in problem.message
    assert f"(first at line {text_position(text, '{when: {severity: P1}')[0]})" in problem.message


def test_postmortem_due_for_everyone_last_clashes_with_all_before(edit_text: Edit) -> None:
    text = edit_text(FORMAT_2, "{when: {severity: P2}, within: 5bd}", "{within: 5bd}")
    (problem,) = only(text, "postmortem-due")
    assert "for P1:" in problem.message  # P2 and P3 are not due earlier


# --- lead, fallback, when -------------------------------------------------------------------


def test_lead_for_the_most_severe_levels_only_is_fine() -> None:
    assert "lead: im" in FORMAT_2 and problems_of(FORMAT_2) == []


def test_lead_not_engaged(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(FORMAT_2, "    coverage: office\n", "    coverage: office\n    lead: sirt\n")
    (problem,) = only(text, "lead")
    assert problem.severity == "warning"
    assert (problem.line, problem.column) == text_position(text, "sirt\n")
    assert "engaged only for security" in problem.message


def test_fallback_loop(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(
        FORMAT_2, "{id: lead, name: Incident lead}", "{id: lead, name: Incident lead, fallback: sirt}"
    )
    (problem,) = only(text, "fallback")
    assert (problem.line, problem.column) == text_position(text, "sirt}")
    assert "lead → sirt → im → lead" in problem.message


def test_when_step_owner_not_engaged(edit_text: Edit, text_position: Position) -> None:
    text = edit_text(
        FORMAT_2,
        '{id: "2", action: Contain, owner: sirt, when: {incident_type: security}}',
        '{id: "2", action: Contain, owner: sirt}',
    )
    (problem,) = only(text, "when")
    assert (problem.line, problem.column) == text_position(text, "sirt}")
    assert "P1, P2, P3 incidents of other types" in problem.message


def test_when_one_engaged_owner_is_enough(edit_text: Edit) -> None:
    step = '{id: "2", action: Contain, owner: sirt, when: {incident_type: security}}'
    text = edit_text(FORMAT_2, step, '{id: "2", action: Contain, owner: [sirt, im]}')
    (problem,) = only(text, "when")
    assert "applies to P3 incidents of other types" in problem.message
    text = edit_text(FORMAT_2, step, '{id: "2", action: Contain, owner: [sirt, im, lead]}')
    assert problems_of(text) == []


# --- every check is linear ------------------------------------------------------------------


def sized(count: int) -> str:
    """A format 2 playbook with ``count`` severities, groups, steps, due entries and axis levels."""
    lines = ["format: 2\nname: Sized\nseverity_groups:\n"]
    lines += [f"  - {{id: g{n}, name: G{n}, severities: [S{n}, S{(n + 1) % count}]}}\n" for n in range(count)]
    lines.append("incident_types:\n")
    lines += [f"  - {{id: t{n}, name: T{n}}}\n" for n in range(count)]
    lines.append("roles:\n  - {id: all, name: All}\n")
    lines += [
        f"  - {{id: r{n}, name: R{n}, when: {{group: g{n}}}, fallback: r{(n + 1) % count}}}\n"
        for n in range(count)
    ]
    lines.append("severities:\n")
    lines += [
        f"  - {{id: S{n}, name: N{n}, respond_within: {n + 1}m, resolve_within: none}}\n"
        for n in range(count)
    ]
    lines.append("classification:\n  axes:\n    - id: users\n      name: Users\n      levels:\n")
    lines += [
        f"        - {{severity: S{n}, band: {{from: {count - n - 1}, to: {count - n}}}}}\n"
        for n in range(count)
    ]
    lines.append("workflow:\n  - id: respond\n    name: Respond\n    steps:\n")
    lines += [
        f'      - {{id: "{n}", action: Do, owner: [r{n}, all], when: {{group: g{n}}}}}\n'
        for n in range(count)
    ]
    lines.append("postmortem:\n  due:\n")
    lines += [f"    - {{when: {{group: g{n}, incident_type: t{n}}}, within: 1d}}\n" for n in range(count)]
    return "".join(lines)


def test_format_2_checks_are_not_quadratic() -> None:
    texts = {size: sized(size) for size in (125, 1000)}
    found = {p.check for p in problems_of(texts[125])}
    assert found == {"fallback"}, found  # one loop through every role: the checks had work to do
    assert ratio(lambda size: validate_text(texts[size]), small=125, large=1000) < LIMIT
