"""The n log n overlap search of rollback-tiers finds exactly what comparing every pair finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.checks.rollback_tiers import _Immediate, _range
from playbook.conditions import Interval
from playbook.model import Rule

values = st.integers(min_value=0, max_value=20)


@st.composite
def rules(draw: st.DrawFn, tier: str, prefix: str) -> list[Rule]:
    made = []
    for n in range(draw(st.integers(min_value=1, max_value=8))):
        shape = draw(st.sampled_from(["above", "below", "between"]))
        data: dict[str, object] = {"id": f"{prefix}{n}", "tier": tier, "metric": "m"}
        if shape == "between":
            low, high = sorted((draw(values), draw(values)))
            data["between"] = [f"{low}%", f"{high}%"]
        else:
            data[shape] = f"{draw(values)}%"
        made.append(Rule.model_validate(data))
    return made


def ranges(found: list[Rule]) -> list[tuple[Rule, Interval]]:
    return [(rule, interval) for rule in found if (interval := _range(rule)) is not None]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(rules("immediate", "i"), rules("consider", "c"))
def test_the_index_agrees_with_every_pair(immediate: list[Rule], others: list[Rule]) -> None:
    strict = ranges(immediate)
    index = _Immediate(strict)
    for other, other_range in ranges(others):
        expected = any(found.overlaps(other_range) for _, found in strict)
        hit = index.overlapping(other_range)
        assert (hit is not None) == expected, (other.condition(), [r.condition() for r in immediate])
        if hit is not None:
            assert _range(hit) is not None and _range(hit).overlaps(other_range)  # type: ignore[union-attr]
