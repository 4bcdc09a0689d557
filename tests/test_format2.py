"""Format 2: calendars and business time, classification by axes or description, bounded timelines."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from playbook import api
from playbook.clock import BusinessTime, WorkWeek, parse_span
from playbook.errors import UnknownLevelError, UnknownNameError

SAMPLE = Path(__file__).parent / "fixtures" / "format2" / "sample.yaml"
LONDON = ZoneInfo("Europe/London")
OFFICE = WorkWeek(
    LONDON, tuple(((540, 1020),) if d < 5 else () for d in range(7)), frozenset({date(2026, 12, 25)})
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def book() -> api.Playbook:
    return api.load(SAMPLE)


def test_business_time_is_read_and_written_back() -> None:
    assert parse_span("4bh") == BusinessTime(4, "bh")
    assert parse_span("2bd") == BusinessTime(2, "bd")
    assert parse_span("90m") == timedelta(minutes=90)
    with pytest.raises(ValueError, match="business time"):
        parse_span("2 business days")


def test_friday_afternoon_working_hours_run_on_into_monday() -> None:
    friday = datetime(2026, 11, 27, 16, 30, tzinfo=LONDON)
    assert OFFICE.add(friday, parse_span("2bh")) == datetime(2026, 11, 30, 10, 30, tzinfo=LONDON)
    assert OFFICE.add(friday, timedelta(hours=2)) == datetime(2026, 11, 30, 10, 30, tzinfo=LONDON)
    assert OFFICE.add(friday, parse_span("1bd")) == datetime(2026, 11, 30, 16, 30, tzinfo=LONDON)


def test_a_holiday_is_skipped() -> None:
    christmas_eve = datetime(2026, 12, 24, 16, 0, tzinfo=LONDON)
    assert OFFICE.add(christmas_eve, parse_span("2bh")) == datetime(2026, 12, 28, 10, 0, tzinfo=LONDON)
    assert OFFICE.add(christmas_eve, parse_span("1bd")) == datetime(2026, 12, 28, 16, 0, tzinfo=LONDON)


def test_a_start_out_of_hours_counts_from_the_next_opening() -> None:
    saturday = datetime(2026, 11, 28, 3, 0, tzinfo=LONDON)
    assert OFFICE.add(saturday, parse_span("1bh")) == datetime(2026, 11, 30, 10, 0, tzinfo=LONDON)
    assert OFFICE.add(saturday, parse_span("1bd")) == datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)


def test_working_hours_are_wall_clock_hours_across_a_clock_change() -> None:
    # Europe/London moves to summer time on Sunday 29 March 2026.
    friday = datetime(2026, 3, 27, 16, 0, tzinfo=LONDON)
    due = OFFICE.add(friday, parse_span("2bh"))
    assert due == datetime(2026, 3, 30, 10, 0, tzinfo=LONDON)
    assert due.utcoffset() == timedelta(hours=1)


def test_the_longest_business_spans_are_counted_without_walking_each_day() -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=LONDON)
    short = OFFICE.add(start, parse_span("100bd"))
    long = OFFICE.add(start, parse_span("10000bd"))
    assert short.date() == date(2026, 5, 25)
    assert long.year == 2064
    costs = []
    for span in ("100bd", "10000bd"):
        parsed = parse_span(span)
        began = time.process_time()
        for _ in range(2000):
            OFFICE.add(start, parsed)
        costs.append(time.process_time() - began)
    # A hundred times the span costs about the same: weeks are skipped whole, not walked day by day.
    assert costs[1] < costs[0] * 5


def test_classify_by_the_most_severe_facet(book: api.Playbook) -> None:
    assert book.classify(users="37%").id == "P2"
    assert book.classify(users="5%", latency="4s").id == "P2"
    assert book.classify(users="60%", latency="1s").id == "P1"
    assert book.classify(latency="1s").id == "P3"
    assert book.classify(users="P3").id == "P3"


def test_uncertain_measurements_take_the_higher_level(book: api.Playbook) -> None:
    assert book.classify(users=["5%", "60%"]).id == "P1"


def test_measurements_are_refused_in_the_wrong_unit_or_outside_the_bands(book: api.Playbook) -> None:
    with pytest.raises(UnknownLevelError, match="measure it in %"):
        book.classify(users="3s")
    with pytest.raises(UnknownLevelError, match="unknown axis 'colour'"):
        book.classify(colour="red")
    with pytest.raises(TypeError, match="at least one facet"):
        book.classify()


def test_classify_by_description_names_the_severity() -> None:
    text = SAMPLE.read_text("utf-8")
    head, _, tail = text.partition("classification:\n")
    rest = tail[tail.index("\nworkflow:") + 1 :]
    described = api.validate_text(head + "classification: {when_in_doubt: higher}\n" + rest)
    book = described.playbook
    assert book is not None and not described.errors, [str(p) for p in described.problems]
    assert book.classify("p2").id == "P2"
    assert book.classify("Significant").id == "P3"
    assert book.classify(["P3", "P2"]).id == "P2"


def test_the_gds_friday_afternoon_p3_is_due_on_monday(book: api.Playbook) -> None:
    result = book.timeline("P3", at("2026-11-27T16:30+00:00"))
    assert result.acknowledge_by == at("2026-11-30T10:30+00:00")
    assert result.resolve_by is None
    assert result.updates == (at("2026-12-01T16:30+00:00"),)


def test_the_cadence_changes_after_two_hours(book: api.Playbook) -> None:
    result = book.timeline("P2", at("2026-11-27T10:00+00:00"), at("2026-11-27T15:00+00:00"))
    assert result.updates[:7] == tuple(
        at(f"2026-11-27T{t}+00:00") for t in ("10:20", "10:40", "11:00", "11:20", "11:40", "12:00", "13:00")
    )


def test_escalations_fire_unless_their_event_came_in_time(book: api.Playbook) -> None:
    start = at("2026-11-27T10:00+00:00")
    fired = [d.label for d in book.timeline("P1", start).deadlines if d.kind == "escalation"]
    assert any("not acknowledged within 15 minutes" in label for label in fired)
    acked = book.timeline("P1", start, events={"acknowledged": at("2026-11-27T10:05+00:00")})
    assert not any("not acknowledged" in d.label for d in acked.deadlines)
    moved = book.timeline("P1", start, states={"identified": at("2026-11-27T10:20+00:00")})
    assert not any("still Investigating" in d.label for d in moved.deadlines)


def test_relative_deadlines_wait_for_their_event(book: api.Playbook) -> None:
    start = at("2026-11-27T10:00+00:00")
    assert any("first communication" in text for text in book.timeline("P1", start).waiting)
    given = book.timeline("P1", start, events={"first-communication": at("2026-11-27T10:10+00:00")})
    step = [d for d in given.deadlines if d.kind == "step"]
    assert step and step[0].at == at("2026-11-27T10:15+00:00")
    with pytest.raises(UnknownNameError, match="unknown event"):
        book.timeline("P1", start, events={"lunch": start})


def test_checklists_follow_when(book: api.Playbook) -> None:
    plain = [item.id for item in book.checklist("P3").items]
    security = [item.id for item in book.checklist("P3", incident_type="Security").items]
    assert "2" not in plain and "2" in security
    assert "3" in [item.id for item in book.checklist("P1").items] and "3" not in plain
    with pytest.raises(UnknownNameError, match="incident type"):
        book.checklist("P3", incident_type="alien")


def test_a_one_second_cadence_for_a_year_is_cut_at_the_bound() -> None:
    text = SAMPLE.read_text("utf-8").replace(
        "respond_within: 20m, resolve_within: none, update_every: 1h",
        "respond_within: 20m, resolve_within: 8760h, update_every: 1s",
    )
    book = api.validate_text(text).playbook
    assert book is not None
    start = at("2026-11-27T10:00+00:00")
    result = book.timeline("P1", start)
    assert len(result.deadlines) <= 10_000 and result.truncated
    assert result.omitted == 8760 * 3600 - len(result.updates)
    assert "cut at 10000 entries" in result.to_text()
    # Bounded work: a year and ten years of one-second updates cost the same.
    ten_years = api.validate_text(text.replace("resolve_within: 8760h", "resolve_within: 87600h")).playbook
    assert ten_years is not None
    costs = []
    for current in (book, ten_years):
        began = time.process_time()
        current.timeline("P1", start)
        costs.append(time.process_time() - began)
    assert costs[1] < costs[0] * 3 + 0.05


def test_a_format_1_file_may_not_use_format_2() -> None:
    text = SAMPLE.read_text("utf-8").replace("format: 2", "format: 1", 1)
    result = api.validate_text(text)
    found = {p.check for p in result.errors}
    assert found == {"format-version"}
    assert len(result.errors) > 10


def test_when_any_offers_alternatives(book: api.Playbook) -> None:
    from playbook.model.when import When

    either = When.model_validate({"any": [{"incident_type": "security"}, {"group": "major"}]})
    groups = book.groups
    assert either.matches("P1", groups, None)
    assert either.matches("P3", groups, "security")
    assert not either.matches("P3", groups, None)


def test_an_escalation_can_count_from_an_event() -> None:
    text = SAMPLE.read_text("utf-8").replace(
        "  - {id: stuck, after: 30m, while_state: investigating, page: im}",
        "  - {id: stuck, after: 30m, while_state: investigating, page: im}\n"
        "  - {id: handover, after: 1h, from: acknowledged, page: lead}",
    )
    book = api.validate_text(text).playbook
    assert book is not None
    start = at("2026-11-27T10:00+00:00")
    waiting = book.timeline("P1", start)
    assert any("within 1 hour of acknowledged" in text for text in waiting.waiting)
    acked = book.timeline("P1", start, events={"acknowledged": at("2026-11-27T10:10+00:00")})
    fired = [d for d in acked.deadlines if d.kind == "escalation" and "acknowledged" in d.label]
    assert fired and fired[-1].at == at("2026-11-27T11:10+00:00")


def test_format_2_may_leave_out_what_format_1_requires() -> None:
    text = SAMPLE.read_text("utf-8") + (
        "review: {every: 6mo}\n"
        "communication:\n  internal:\n"
        "    - {id: tell, event: start, channels: [chat], audience: [everyone]}\n"
    )
    loose = api.validate_text(text)
    assert not loose.errors, [str(p) for p in loose.problems]
    strict = api.validate_text(text.replace("format: 2", "format: 1", 1))
    messages = [p.message for p in strict.errors if p.check == "format-version"]
    assert any("missing 'owner'" in m for m in messages)
    assert any("missing 'timing'" in m for m in messages)


def test_a_mitigation_meets_the_resolve_or_mitigate_target() -> None:
    text = SAMPLE.read_text("utf-8").replace(
        "resolve_within: none, update_every: 1h", "resolve_within: 2h, update_every: 1h"
    )
    book = api.validate_text(text).playbook
    assert book is not None
    start, later = at("2026-11-27T10:00+00:00"), at("2026-11-27T13:00+00:00")
    for mitigated, status in (("2026-11-27T11:00+00:00", "met"), ("2026-11-27T12:30+00:00", "missed")):
        timed = book.timeline("P1", start, events={"mitigated": at(mitigated)}, now=later)
        (resolve,) = [d for d in timed.deadlines if d.kind == "resolve"]
        assert resolve.status == status


@pytest.mark.parametrize("written", ['"1798156800"', "2026-12-25T00:00", '"1"'])
def test_a_date_is_a_day_written_yyyy_mm_dd(written: str) -> None:
    text = SAMPLE.read_text("utf-8").replace("holidays: [2026-12-25]", f"holidays: [{written}]")
    problems = api.validate_text(text).errors
    assert [p.check for p in problems] == ["invalid-value"]
    assert "YYYY-MM-DD" in problems[0].message


def test_a_deadline_before_an_event_is_counted_in_calendar_time() -> None:
    text = SAMPLE.read_text("utf-8").replace(
        "deadline: {within: 5m, after: first-communication}",
        "deadline: {by: 2bd, before: first-communication}",
    )
    assert "by: 2bd" in text
    (problem,) = api.validate_text(text).errors
    assert problem.check == "invalid-value"
    assert "counted in calendar time" in problem.message
