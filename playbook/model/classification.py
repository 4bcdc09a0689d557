"""Classification: the impact and reach levels, the matrix, and the lookup that classifies."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Literal

from pydantic import Field

from playbook.errors import UnknownLevelError
from playbook.model.base import Id, Identity, Looser, Name, Node, Ref, Text, spelling
from playbook.model.severity import Severity

__all__ = ["Classification", "Classifier", "Level", "UnknownLevelError"]


class Level(Node):
    """One step of an axis of the classification matrix (an impact or a reach)."""

    id: Id
    """The level's id."""
    name: Annotated[Text, Name()]
    """The level's name; classify accepts it as well as the id."""
    description: Text | None = None
    """What the level means."""


class ImpactLevel(Level):
    """A level of the impact axis, least to most severe."""

    id: Annotated[Id, Identity("impact level")]
    """The impact level's id."""


class ReachLevel(Level):
    """A level of the reach axis, narrowest to widest."""

    id: Annotated[Id, Identity("reach level")]
    """The reach level's id."""


Cell = Annotated[Id, Ref("severity"), Looser("rank")]


class Classification(Node):
    """The severity matrix: reach × impact → severity."""

    impact: tuple[ImpactLevel, ...] = Field(min_length=1, description="Least to most severe.")
    reach: tuple[ReachLevel, ...] = Field(min_length=1, description="Narrowest to widest.")
    matrix: dict[Annotated[Id, Ref("reach level")], dict[Annotated[Id, Ref("impact level")], Cell]] = Field(
        description="reach id -> impact id -> severity id; every cell exactly once."
    )
    when_in_doubt: Annotated[Literal["higher", "lower"], Looser("order", order=("higher", "lower"))] = Field(
        "higher",
        description="Which candidate wins when a level is uncertain: the more or less severe.",
    )


Classifier = Callable[[str | Iterable[str], str | Iterable[str]], Severity]
"""``classify(impact, reach) -> Severity``."""


class Index:
    """Lookups resolved once, so that classification is a dictionary lookup."""

    def __init__(self, severities: Sequence[Severity], cls: Classification) -> None:
        self.rank = {s.id: i for i, s in enumerate(severities)}
        self.severity = {s.id: s for s in severities}
        self.severity_spelling: dict[str, Severity] = {}
        for level in severities:
            self.severity_spelling.setdefault(spelling(level.id), level)
        self.impact = _spellings(cls.impact)
        self.reach = _spellings(cls.reach)
        self.impact_choices = tuple(level.id for level in cls.impact)
        self.reach_choices = tuple(level.id for level in cls.reach)
        impact_keys = _keys_by_id(self.impact)
        reach_keys = _keys_by_id(self.reach)
        self.cells: dict[tuple[str, str], Severity] = {}
        for reach_id, row in cls.matrix.items():
            for impact_id, severity_id in row.items():
                severity = self.severity.get(severity_id)
                if severity is None:
                    continue
                for impact_key in impact_keys.get(impact_id, ()):
                    for reach_key in reach_keys.get(reach_id, ()):
                        self.cells[(impact_key, reach_key)] = severity


def _spellings(levels: Sequence[Level]) -> dict[str, str]:
    """Every accepted spelling of a level → the id it resolves to.

    A value is looked up as an id (as written, then as :func:`spelling` folds
    it), and only when no id matches, as a name; so a name can never take the
    place of another level's id. Every key of the table is resolved that way.
    """
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for level in levels:
        ids.setdefault(level.id, level.id)
    for level in levels:
        ids.setdefault(spelling(level.id), level.id)
    for level in levels:
        names.setdefault(level.name, level.id)
    for level in levels:
        names.setdefault(spelling(level.name), level.id)

    def lookup(value: str) -> str:
        folded = spelling(value)
        return ids.get(value) or ids.get(folded) or names.get(value) or names[folded]

    return {key: lookup(key) for key in [*ids, *names]}


def _keys_by_id(table: dict[str, str]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for key, level_id in table.items():
        keys.setdefault(level_id, []).append(key)
    return keys


def classifier(index: Index, when_in_doubt: str) -> Classifier:
    """``classify(impact, reach)``: one dictionary lookup for a known spelling, else a slower path."""
    cells = index.cells
    pick = min if when_in_doubt == "higher" else max

    def slowly(impact: str | Iterable[str], reach: str | Iterable[str]) -> Severity:
        impacts = [_resolve(index.impact, "impact", v, index.impact_choices) for v in _many(impact)]
        reaches = [_resolve(index.reach, "reach", v, index.reach_choices) for v in _many(reach)]
        candidates = [cells[(i, r)] for i in impacts for r in reaches if (i, r) in cells]
        if not candidates:
            raise UnknownLevelError("impact", ", ".join(impacts), index.impact_choices)
        return pick(candidates, key=lambda s: index.rank[s.id])

    def classify(impact: str | Iterable[str], reach: str | Iterable[str]) -> Severity:
        try:
            return cells[impact, reach]  # type: ignore[index]
        except (KeyError, TypeError):
            return slowly(impact, reach)

    return classify


def _many(value: str | Iterable[str]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable):
        raise TypeError(f"a level is text, or a list of candidates, not {type(value).__name__}")
    values = list(value)
    if not values:
        raise ValueError("no level given")
    for item in values:
        if not isinstance(item, str):
            raise TypeError(f"a level is text, not {type(item).__name__}")
    return values


def _resolve(table: dict[str, str], axis: str, value: str, choices: tuple[str, ...]) -> str:
    found = table.get(value)
    if found is None:
        found = table.get(spelling(value))
    if found is None:
        raise UnknownLevelError(axis, value, choices)
    return found
