"""Classification: how an incident's severity is decided, with any number of axes.

- No axes: a responder picks a severity by its description; ``classify`` takes
  the severity's id or name.
- Axes (``axes``): each axis rates one facet (users affected, latency, ...)
  and each of its levels names a severity; the incident takes the most severe
  of its facets. A level may carry a numeric band, so that ``classify`` also
  takes a measurement (``users_affected="37%"``).
- Two axes in a matrix (``impact``, ``reach``, ``matrix``): reach × impact → severity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from playbook.errors import UnknownLevelError
from playbook.model.base import Id, Identity, Looser, Name, Node, Ref, Text, spelling
from playbook.model.severity import Severity
from playbook.units import Quantity

__all__ = ["Axis", "AxisLevel", "Band", "Classification", "Classifier", "Level", "UnknownLevelError"]


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


class Band(Node):
    """A range of measurements: ``from`` (inclusive) up to ``to`` (exclusive); either end may be open."""

    from_: Quantity | None = Field(None, alias="from")
    """The lowest measurement in the band (inclusive): 50%, 2s, 1000."""
    to: Quantity | None = None
    """The measurement where the band ends (exclusive)."""

    @model_validator(mode="after")
    def _shape(self) -> Band:
        if self.from_ is None and self.to is None:
            raise ValueError("a band has 'from', 'to' or both")
        if self.from_ is not None and self.to is not None:
            if self.from_.dimension != self.to.dimension:
                raise ValueError(f"a band's ends are in one unit, not {self.from_} and {self.to}")
            if self.to <= self.from_:
                raise ValueError(f"a band ends above where it starts, not from {self.from_} to {self.to}")
        return self

    def holds(self, value: Quantity) -> bool:
        """Whether ``value`` falls in the band (same unit; ``from`` inclusive, ``to`` exclusive)."""
        return (self.from_ is None or value >= self.from_) and (self.to is None or value < self.to)

    @property
    def dimension(self) -> str:
        """The band's unit: ``%``, ``s`` or ``""`` for counts."""
        end = self.from_ if self.from_ is not None else self.to
        assert end is not None
        return end.dimension


class AxisLevel(Node):
    """A level of an axis: the severity it rates, and optionally its own name and band."""

    severity: Annotated[Id, Ref("severity"), Looser("rank")]
    """The severity this level of the facet calls for."""
    id: Annotated[Id | None, Identity("axis level", scope="parent")] = None
    """The level's own id, when it has one; classify also accepts the severity's id."""
    name: Annotated[Text | None, Name()] = None
    """The level's own name, when it has one."""
    description: Text | None = None
    """What the facet looks like at this level."""
    band: Band | None = None
    """The measurements of the facet at this level, so that classify takes a measurement."""


class Axis(Node):
    """A facet an incident is rated on (users affected, availability, latency, ...)."""

    id: Annotated[Id, Identity("axis")]
    """The axis's id, as a keyword of classify: ``classify(users_affected="37%")``."""
    name: Text
    """The axis's name, as readers see it."""
    description: Text | None = None
    """What the axis rates."""
    levels: tuple[AxisLevel, ...] = Field(min_length=1)
    """The axis's levels, most severe first."""


class Classification(Node):
    """How severity is decided: by description (no axes), by facets (``axes``), or by a matrix."""

    # A matrix is its three parts together: editors say so as the loader does.
    model_config = ConfigDict(
        json_schema_extra={
            "dependentRequired": {
                "impact": ["reach", "matrix"],
                "reach": ["impact", "matrix"],
                "matrix": ["impact", "reach"],
            },
            "not": {
                "required": ["matrix", "axes"],
                "properties": {
                    "matrix": {"minProperties": 1, "description": "A matrix with cells."},
                    "axes": {"minItems": 1, "description": "Some axes."},
                },
            },
        }
    )

    impact: tuple[ImpactLevel, ...] = Field((), description="Least to most severe (matrix).")
    reach: tuple[ReachLevel, ...] = Field((), description="Narrowest to widest (matrix).")
    matrix: dict[Annotated[Id, Ref("reach level")], dict[Annotated[Id, Ref("impact level")], Cell]] = Field(
        default_factory=dict, description="reach id -> impact id -> severity id; every cell exactly once."
    )
    axes: tuple[Axis, ...] = ()
    """Facets rated one by one; the incident takes the most severe (format 2)."""
    when_in_doubt: Annotated[Literal["higher", "lower"], Looser("order", order=("higher", "lower"))] = Field(
        "higher",
        description="Which candidate wins when a level is uncertain: the more or less severe.",
    )

    @model_validator(mode="after")
    def _one_way(self) -> Classification:
        parts = [bool(self.impact), bool(self.reach), bool(self.matrix)]
        if any(parts) and not all(parts):
            missing = [n for n, given in zip(("impact", "reach", "matrix"), parts, strict=True) if not given]
            raise ValueError(f"a matrix needs 'impact', 'reach' and 'matrix'; missing: {', '.join(missing)}")
        if all(parts) and self.axes:
            raise ValueError("classify by a matrix ('impact', 'reach', 'matrix') or by 'axes', not both")
        return self

    @property
    def kind(self) -> Literal["matrix", "axes", "description"]:
        """How severity is decided."""
        return "matrix" if self.matrix else "axes" if self.axes else "description"


Classifier = Callable[..., Severity]
"""``classify(*levels, **facets) -> Severity``."""


def _spellings(entries: Iterable[tuple[str, str]], names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Every accepted spelling → the key it resolves to.

    A value is looked up as an id (as written, then as :func:`spelling` folds
    it), and only when no id matches, as a name; so a name can never take the
    place of another level's id.
    """
    ids: dict[str, str] = {}
    named: dict[str, str] = {}
    listed = list(entries)
    for key, target in listed:
        ids.setdefault(key, target)
    for key, target in listed:
        ids.setdefault(spelling(key), target)
    pairs = list(names)
    for key, target in pairs:
        named.setdefault(key, target)
    for key, target in pairs:
        named.setdefault(spelling(key), target)

    def lookup(value: str) -> str:
        folded = spelling(value)
        return ids.get(value) or ids.get(folded) or named.get(value) or named[folded]

    return {key: lookup(key) for key in [*ids, *named]}


class Index:
    """Lookups resolved once, so that classification is a dictionary lookup."""

    def __init__(self, severities: Sequence[Severity], cls: Classification) -> None:
        self.rank = {s.id: i for i, s in enumerate(severities)}
        self.severity = {s.id: s for s in severities}
        self.severity_spelling: dict[str, Severity] = {}
        for level in severities:
            self.severity_spelling.setdefault(spelling(level.id), level)
        self.kind = cls.kind
        self.axes: list[str] = []
        self.tables: list[dict[str, str]] = []
        self.choices: list[tuple[str, ...]] = []
        self.bands: list[list[tuple[Band, str]]] = []
        self.cells: dict[tuple[str, ...], Severity] = {}
        self.axis_spelling: dict[str, int] = {}
        if self.kind == "description":
            self._by_description(severities)
        elif self.kind == "matrix":
            self._matrix(cls)
        else:
            self._facets(cls)

    def _add_axis(self, name: str, table: dict[str, str], choices: tuple[str, ...]) -> None:
        self.axes.append(name)
        self.tables.append(table)
        self.choices.append(choices)
        self.bands.append([])

    def _by_description(self, severities: Sequence[Severity]) -> None:
        table = _spellings(((s.id, s.id) for s in severities), ((s.name, s.id) for s in severities))
        self._add_axis("severity", table, tuple(s.id for s in severities))
        for key, target in table.items():
            self.cells[(key,)] = self.severity[target]

    def _matrix(self, cls: Classification) -> None:
        for axis, levels in (("impact", cls.impact), ("reach", cls.reach)):
            table = _spellings(((lv.id, lv.id) for lv in levels), ((lv.name, lv.id) for lv in levels))
            self._add_axis(axis, table, tuple(lv.id for lv in levels))
        keys: list[dict[str, list[str]]] = []
        for table in self.tables:
            by_id: dict[str, list[str]] = {}
            for key, level_id in table.items():
                by_id.setdefault(level_id, []).append(key)
            keys.append(by_id)
        for reach_id, row in cls.matrix.items():
            for impact_id, severity_id in row.items():
                severity = self.severity.get(severity_id)
                if severity is None:
                    continue
                for impact_key in keys[0].get(impact_id, ()):
                    for reach_key in keys[1].get(reach_id, ()):
                        self.cells[(impact_key, reach_key)] = severity

    def _facets(self, cls: Classification) -> None:
        for axis in cls.axes:
            own = [(lv.id, lv.severity) for lv in axis.levels if lv.id is not None]
            table = _spellings(
                [*own, *((lv.severity, lv.severity) for lv in axis.levels)],
                ((lv.name, lv.severity) for lv in axis.levels if lv.name is not None),
            )
            choices = tuple(dict.fromkeys(lv.id or lv.severity for lv in axis.levels))
            self._add_axis(axis.id, table, choices)
            self.bands[-1] = [(lv.band, lv.severity) for lv in axis.levels if lv.band is not None]
        if len(self.axes) == 1:
            for key, target in self.tables[0].items():
                self.cells[(key,)] = self.severity[target]
        self.axis_spelling = {spelling(name): i for i, name in enumerate(self.axes)}

    def pick(self, candidates: Iterable[Severity], when_in_doubt: str) -> Severity:
        """The most (``higher``) or least (``lower``) severe of ``candidates``."""
        choose = min if when_in_doubt == "higher" else max
        return choose(candidates, key=lambda s: self.rank[s.id])

    def level(self, axis: int, value: str) -> str:
        """The severity (facets) or level id (matrix, description) that ``value`` names on ``axis``."""
        table = self.tables[axis]
        found = table.get(value)
        if found is None:
            found = table.get(spelling(value))
        if found is None and self.bands[axis]:
            found = self._measured(axis, value)
        if found is None:
            raise UnknownLevelError(self.axes[axis], value, self.choices[axis])
        return found

    def _measured(self, axis: int, value: str) -> str | None:
        try:
            measured = Quantity.parse(value)
        except ValueError:
            return None
        bands = self.bands[axis]
        units = {band.dimension for band, _ in bands}
        if measured.dimension not in units:
            unit = "a count" if "" in units else "/".join(sorted(units))
            raise UnknownLevelError(self.axes[axis], f"{value} (measure it in {unit})", self.choices[axis])
        for band, severity in bands:
            if band.dimension == measured.dimension and band.holds(measured):
                return severity
        raise UnknownLevelError(self.axes[axis], f"{value} (outside every band)", self.choices[axis])


def classifier(index: Index, when_in_doubt: str) -> Classifier:
    """``classify(...)``: one dictionary lookup for a known spelling, else a slower path."""
    cells = index.cells
    spelt: list[tuple[Any, ...]] = []  # spellings met and added to the cells, at most _REMEMBERED

    def slowly(levels: tuple[Any, ...], facets: dict[str, Any]) -> Severity:
        if index.kind == "axes":
            return _by_facets(index, when_in_doubt, levels, facets)
        named = [facets.pop(axis) for axis in index.axes if axis in facets]
        if facets:
            raise UnknownLevelError("axis", next(iter(facets)), index.axes)
        given = list(levels) + named
        if len(given) != len(index.axes):
            raise TypeError(f"classify takes {len(index.axes)} level(s): {', '.join(index.axes)}")
        resolved = [[index.level(i, v) for v in _many(value)] for i, value in enumerate(given)]
        if index.kind == "description":
            return index.pick((index.severity[s] for s in resolved[0]), when_in_doubt)
        found = [cells[(i, r)] for i in resolved[0] for r in resolved[1] if (i, r) in cells]
        if not found:
            raise UnknownLevelError("impact", ", ".join(resolved[0]), index.choices[0])
        return index.pick(found, when_in_doubt)

    def folded(levels: tuple[Any, ...]) -> Severity | None:
        try:
            # Any case, '-' or '_', extra spaces: folded once, then looked up like the rest.
            found = cells.get(tuple(map(_fold, levels)))
        except TypeError:  # a list of candidates, or not text
            return None
        if found is not None:
            if len(spelt) >= _REMEMBERED:
                for key in spelt:
                    del cells[key]
                spelt.clear()
            cells[levels] = found
            spelt.append(levels)
        return found

    if index.kind == "matrix":
        # The common case, as users write it: two levels, one dictionary lookup.
        def classify_matrix(impact: Any = _NONE, reach: Any = _NONE) -> Severity:
            try:
                return cells[impact, reach]
            except (KeyError, TypeError):
                pass
            given = tuple(v for v in (impact, reach) if v is not _NONE)
            return (len(given) == 2 and folded(given)) or slowly(given, {})

        return classify_matrix

    def classify(*levels: Any, **facets: Any) -> Severity:
        if not facets:
            try:
                return cells[levels]
            except (KeyError, TypeError):
                pass
            found = folded(levels)
            if found is not None:
                return found
        return slowly(levels, facets)

    return classify


_REMEMBERED = 4096
_NONE: Any = object()
_fold = lru_cache(maxsize=_REMEMBERED)(spelling)


def _by_facets(index: Index, when_in_doubt: str, levels: tuple[Any, ...], facets: dict[str, Any]) -> Severity:
    if len(levels) > len(index.axes):
        raise TypeError(f"classify takes at most {len(index.axes)} level(s): {', '.join(index.axes)}")
    rated: dict[int, Any] = dict(enumerate(levels))
    for name, value in facets.items():
        axis = index.axis_spelling.get(spelling(name))
        if axis is None:
            raise UnknownLevelError("axis", name, index.axes)
        if axis in rated:
            raise TypeError(f"classify got the axis {index.axes[axis]!r} twice")
        rated[axis] = value
    if not rated:
        raise TypeError(f"classify needs at least one facet: {', '.join(index.axes)}")
    worst = []
    for axis, value in rated.items():
        candidates = [index.severity[index.level(axis, v)] for v in _many(value)]
        worst.append(index.pick(candidates, when_in_doubt))
    return index.pick(worst, "higher")


def _many(value: Any) -> list[str]:
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
