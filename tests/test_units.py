"""Durations and quantities: parsing, formatting, comparing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from playbook.units import Quantity, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15m", timedelta(minutes=15)),
        ("1h", timedelta(hours=1)),
        ("48h", timedelta(hours=48)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("90s", timedelta(seconds=90)),
        ("2d", timedelta(days=2)),
        ("PT15M", timedelta(minutes=15)),
        ("P2D", timedelta(days=2)),
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("P1DT2H", timedelta(days=1, hours=2)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


def test_parse_duration_passes_a_timedelta_through() -> None:
    value = timedelta(minutes=5)
    assert parse_duration(value) is value


@pytest.mark.parametrize(
    "value",
    [
        15,
        15.0,
        "15",
        "15 minutes",
        "0m",
        "0s",
        "PT0M",
        "",
        "   ",
        "P",
        "PT",
        "P2DT",  # ISO 8601: a T must be followed by at least one time element
        "1.5h",
        "-5m",
        "m",
        "15M",
        "1h 30m",
        "15min",
        None,
        True,
    ],
)
def test_parse_duration_refuses(value: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(value)


def test_bare_number_message_asks_for_a_unit() -> None:
    with pytest.raises(ValueError, match="unit"):
        parse_duration(15)


def test_zero_duration_message_says_why() -> None:
    with pytest.raises(ValueError, match="longer than zero"):
        parse_duration("0m")


@pytest.mark.parametrize("text", ["15m", "30m", "1h", "2h", "4h", "24h", "48h", "1h30m", "1h0m5s", "45s"])
def test_format_duration_writes_the_short_form_back(text: str) -> None:
    # "1h0m5s" is not the canonical form; the canonical one is "1h5s".
    canonical = {"1h0m5s": "1h5s"}.get(text, text)
    assert format_duration(parse_duration(text)) == canonical


@pytest.mark.parametrize(
    ("text", "short"),
    [("PT15M", "15m"), ("P2D", "48h"), ("2d", "48h"), ("90s", "1m30s"), ("PT1H30M", "1h30m")],
)
def test_format_duration_round_trip(text: str, short: str) -> None:
    value = parse_duration(text)
    assert format_duration(value) == short
    assert parse_duration(format_duration(value)) == value


@pytest.mark.parametrize(
    ("text", "value", "unit", "dimension"),
    [
        ("10%", 10.0, "%", "%"),
        ("90%", 90.0, "%", "%"),
        ("90 %", 90.0, "%", "%"),
        ("2s", 2.0, "s", "s"),
        ("1.5s", 1.5, "s", "s"),
        ("500ms", 500.0, "ms", "s"),
        ("12", 12.0, "", ""),
    ],
)
def test_quantity_parse(text: str, value: float, unit: str, dimension: str) -> None:
    quantity = Quantity.parse(text)
    assert (quantity.value, quantity.unit, quantity.dimension) == (value, unit, dimension)


@pytest.mark.parametrize(("number", "value"), [(5, 5.0), (2.5, 2.5), (0, 0.0)])
def test_quantity_parse_bare_numbers_are_counts(number: float, value: float) -> None:
    quantity = Quantity.parse(number)
    assert quantity == Quantity(value, "")
    assert quantity.dimension == ""


@pytest.mark.parametrize("value", ["10 percent", "", "%", "ms", "5min", "5  ms", "ten%", True, None, [10]])
def test_quantity_parse_refuses(value: object) -> None:
    with pytest.raises(ValueError):
        Quantity.parse(value)


def test_quantity_str() -> None:
    assert [str(Quantity.parse(t)) for t in ("10%", "90 %", "500ms", "2s", "1.5s", "3")] == [
        "10%",
        "90%",
        "500ms",
        "2s",
        "1.5s",
        "3",
    ]


def test_quantity_base_is_seconds_for_times() -> None:
    assert Quantity.parse("500ms").base == 0.5
    assert Quantity.parse("2s").base == 2.0
    assert Quantity.parse("10%").base == 10.0


def test_quantities_compare_across_ms_and_s() -> None:
    half, two, two_thousand = Quantity.parse("500ms"), Quantity.parse("2s"), Quantity.parse("2000ms")
    assert half < two
    assert two > half
    assert not two < half
    assert half <= two
    assert two_thousand <= two
    assert two_thousand >= two
    assert not two_thousand < two
    assert not two_thousand > two
    assert Quantity.parse("1500ms") > Quantity.parse("1s")


def test_equal_times_in_ms_and_s_are_equal() -> None:
    # 2000ms <= 2s and 2000ms >= 2s, so they are equal: == must agree with the ordering.
    assert Quantity.parse("2000ms") == Quantity.parse("2s")


def test_percentages_compare() -> None:
    assert Quantity.parse("5%") < Quantity.parse("10%")
    assert Quantity.parse("90 %") >= Quantity.parse("90%")


@pytest.mark.parametrize(("left", "right"), [("10%", "2s"), ("500ms", "10%"), ("10", "10%"), ("2s", "3")])
def test_comparing_across_dimensions_raises_type_error(left: str, right: str) -> None:
    a, b = Quantity.parse(left), Quantity.parse(right)
    for compare in (a.__lt__, a.__le__, a.__gt__, a.__ge__):
        with pytest.raises(TypeError):
            compare(b)
    with pytest.raises(TypeError):
        _ = a < b


def test_comparing_with_a_plain_number_raises_type_error() -> None:
    with pytest.raises(TypeError):
        _ = Quantity.parse("10%") < 5  # type: ignore[operator]
