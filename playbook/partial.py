"""A partial model of a playbook with read errors: what is left when the items at fault are left out.

A playbook whose structure is invalid has no model, so its consistency checks
could not run, and fixing its read errors would reveal more problems. To
report everything in one pass, the list items, mapping entries and optional
sections that hold a read error are left out of the data (an unknown key just
loses that key), and the model is built from what is left. Leaving one thing
out can break its parent (a list that must hold one item, say), so this repeats
a few times, each time leaving out something larger; when nothing but a
required part of the playbook itself could go, there is no partial model.

The ids that the left-out items declared are kept, so that a reference to one
of them is not reported as dangling; and each position of the partial model is
mapped back to where it stands in the file, so that a problem found on it
points at the right line. Which checks run on a partial model, and how, is
each check's own statement (see :mod:`playbook.checks`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from playbook.model import Identity, Playbook, Shape
from playbook.model.base import ID_PATTERN
from playbook.model.walk import fields_of, marker
from playbook.source import Loc, SourceMap

__all__ = ["MAX_ROUNDS", "Partial", "partial"]

MAX_ROUNDS = 8
"""How many times a larger part may be left out before giving up."""

_ID = re.compile(ID_PATTERN)
_ID_LENGTH = 64


@dataclass
class Partial:
    """A model built from what is left, and what was left out.

    ``where`` maps the partial model's positions to the file; ``left_out``
    holds each part left out as the position (in the partial model) of the
    list, mapping or model that lost it, and its index or key there; ``ids``
    the ids the parts left out declared, by kind. A key the format does not
    define is dropped too, but it is not a part of the playbook left out.
    """

    book: Playbook
    where: SourceMap
    left_out: list[tuple[Loc, str | int]] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)
    unsure: set[str] = field(default_factory=set)
    """Kinds of which a part left out had an id that could not be read (missing or malformed)."""


@cache
def _fields(model: type[BaseModel]) -> dict[str, tuple[Shape, bool]]:
    return {spec.key: (spec.shape, model.model_fields[spec.name].is_required()) for spec in fields_of(model)}


def _point(data: Any, loc: tuple[Any, ...], unknown_key: bool, root: type[BaseModel]) -> Loc | None:
    """The deepest part holding ``loc`` that can be left out: a list item, a mapping entry or a section."""
    best: Loc | None = None
    shape = Shape("model", model=root)
    node = data
    path: Loc = ()
    for element in loc:
        if isinstance(node, dict) and isinstance(element, str) and element in node:
            if shape.kind == "model" and shape.model is not None:
                found = _fields(shape.model).get(element)
                if found is None:
                    return (*path, element) if unknown_key and len(path) + 1 == len(loc) else best
                shape, required = found
                if not required and shape.kind == "model":
                    best = (*path, element)
            elif shape.kind == "map" and shape.item is not None:
                shape, best = shape.item, (*path, element)
            else:
                return best
        elif isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
            if shape.kind != "list" or shape.item is None:
                return best
            shape, best = shape.item, (*path, element)
        else:
            return best
        node = node[element]
        path = (*path, element)
    return best


def _ids(value: Any, shape: Shape, out: dict[str, set[str]], unsure: set[str]) -> None:
    """Every id the raw ``value`` declares, read by the model's shape; ``unsure``: kinds with an id unread."""
    if shape.kind == "model" and shape.model is not None and isinstance(value, dict):
        for key, (field_shape, required) in _fields(shape.model).items():
            identity = marker(field_shape, Identity)
            if identity is not None:
                item = value.get(key)
                if isinstance(item, str) and _ID.fullmatch(item) and len(item) <= _ID_LENGTH:
                    out.setdefault(identity.kind, set()).add(item)
                elif item is not None or required:
                    # The item's id is not known yet: no reference to its kind can be judged.
                    unsure.add(identity.kind)
            if key in value:
                _ids(value[key], field_shape, out, unsure)
    elif shape.kind == "list" and shape.item is not None and isinstance(value, list):
        for item in value:
            _ids(item, shape.item, out, unsure)
    elif shape.kind == "map" and shape.item is not None and isinstance(value, dict):
        for item in value.values():
            _ids(item, shape.item, out, unsure)
    elif shape.kind == "model" and shape.model is not None:
        # Not even a mapping: whatever ids the item would declare are unknown.
        unsure.update(
            found.kind
            for spec in fields_of(shape.model)
            if (found := marker(spec.shape, Identity)) is not None
        )


def _shape_at(loc: Loc, root: type[BaseModel]) -> Shape | None:
    shape: Shape | None = Shape("model", model=root)
    for element in loc:
        if shape is None:
            return None
        if shape.kind == "model" and shape.model is not None:
            found = _fields(shape.model).get(str(element))
            shape = found[0] if found is not None else None
        elif shape.kind in ("list", "map"):
            shape = shape.item
        else:
            return None
    return shape


def _get(data: Any, loc: Loc) -> Any:
    for element in loc:
        data = data[element]
    return data


class _Shift:
    """Positions before and after some parts are left out."""

    def __init__(self, removed: Iterable[Loc]) -> None:
        self.removed = set(removed)
        self.indexes: dict[Loc, list[int]] = defaultdict(list)
        for loc in self.removed:
            if isinstance(loc[-1], int):
                self.indexes[loc[:-1]].append(loc[-1])
        for indexes in self.indexes.values():
            indexes.sort()
        # Only prefixes of these lengths can have been left out, or have lost an item.
        self.lengths = sorted({len(loc) for loc in self.removed})
        self.depths = sorted({len(loc) for loc in self.indexes})

    def gone(self, loc: Loc) -> bool:
        return any(loc[:n] in self.removed for n in self.lengths if n <= len(loc))

    def moved(self, loc: Loc) -> Loc:
        out = list(loc)
        for n in self.depths:
            if n >= len(loc):
                break
            indexes = self.indexes.get(loc[:n])
            element = loc[n]
            if indexes and isinstance(element, int):
                out[n] = element - bisect_left(indexes, element)
        return tuple(out)

    def data(self, value: Any, loc: Loc = ()) -> Any:
        if isinstance(value, dict):
            return {k: self.data(v, (*loc, k)) for k, v in value.items() if (*loc, k) not in self.removed}
        if isinstance(value, list):
            return [self.data(v, (*loc, i)) for i, v in enumerate(value) if (*loc, i) not in self.removed]
        return value

    def where(self, where: SourceMap) -> SourceMap:
        return SourceMap(
            values={self.moved(loc): mark for loc, mark in where.values.items() if not self.gone(loc)},
            keys={self.moved(loc): mark for loc, mark in where.keys.items() if not self.gone(loc)},
            raw={self.moved(loc): raw for loc, raw in where.raw.items() if not self.gone(loc)},
            disabled=where.disabled,
            refused={self.moved(loc) for loc in where.refused if not self.gone(loc)},
        )


def _outermost(points: Iterable[Loc]) -> list[Loc]:
    kept: list[Loc] = []
    chosen = set(points)
    for loc in sorted(chosen, key=len):
        if not any(loc[:n] in chosen for n in range(1, len(loc))):
            kept.append(loc)
    return kept


def _errors(data: Any, root: type[Playbook]) -> tuple[Playbook | None, list[Any]]:
    try:
        return root.model_validate(data), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def partial(
    data: Any, where: SourceMap, errors: list[Any], root: type[Playbook] = Playbook
) -> Partial | None:
    """The partial model of ``data``, whose validation gave ``errors``; None when none can be built."""
    if not isinstance(data, dict):
        return None
    left_out: list[tuple[Loc, str | int]] = []
    ids: dict[str, set[str]] = {}
    unsure: set[str] = set()
    for _ in range(MAX_ROUNDS):
        points: dict[Loc, bool] = {}
        for error in errors:
            unknown = error["type"] == "extra_forbidden"
            point = _point(data, tuple(error["loc"]), unknown, root)
            if point is None:
                return None
            points[point] = points.get(point, True) and unknown
        removed = _outermost(points)
        for loc in removed:
            shape = _shape_at(loc, root)
            if shape is not None:
                _ids(_get(data, loc), shape, ids, unsure)
        shift = _Shift(removed)
        # A container that is itself left out later is recorded by its own removal.
        left_out = [(shift.moved(c), k) for c, k in left_out if not shift.gone(c)]
        left_out += [(shift.moved(loc[:-1]), loc[-1]) for loc in removed if not points[loc]]
        data, where = shift.data(data), shift.where(where)
        book, errors = _errors(data, root)
        if book is not None:
            return Partial(book, where, left_out, ids, unsure)
    return None
