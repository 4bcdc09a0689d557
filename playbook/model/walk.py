"""One walk over a model: every value, where it stands, and the markers its field declares.

The shape of each model class is read once from its type hints: which fields
hold nested models, lists, mappings or plain values, and which
:class:`~playbook.model.base.Identity`, :class:`~playbook.model.base.Ref`,
:class:`~playbook.model.base.NotEmpty` and :class:`~playbook.model.base.Looser`
markers each position carries. Checks and the diff are built on it, so a new
section is covered the moment it is added to the model.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel

from playbook.model.base import Identity, Looser, Name, NotEmpty, Ref

__all__ = ["Shape", "Visit", "fields_of", "marker", "walk"]

Loc = tuple[str | int, ...]
_MARKERS = (Identity, Ref, NotEmpty, Looser, Name)
M = TypeVar("M")


@dataclass(frozen=True)
class Shape:
    """What a position holds: a plain value, a model, a list of items, or a mapping."""

    kind: Literal["value", "model", "list", "map"]
    markers: tuple[object, ...] = ()
    item: Shape | None = None
    key: Shape | None = None
    model: type[BaseModel] | None = None


def marker(shape: Shape, kind: type[M]) -> M | None:
    """The first marker of type ``kind`` on ``shape``, if any."""
    for found in shape.markers:
        if isinstance(found, kind):
            return found
    return None


def _markers(metadata: typing.Iterable[object]) -> tuple[object, ...]:
    return tuple(m for m in metadata if isinstance(m, _MARKERS))


def shape_of(annotation: Any, markers: tuple[object, ...] = ()) -> Shape:
    """The :class:`Shape` of a type hint, with ``markers`` from its field."""
    while typing.get_origin(annotation) is Annotated:
        markers += _markers(annotation.__metadata__)
        annotation = annotation.__origin__
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        arms = [shape_of(arg) for arg in typing.get_args(annotation) if arg is not type(None)]
        structured = [arm for arm in arms if arm.kind != "value"]
        base = structured[0] if structured else Shape("value")
        return replace(base, markers=markers + tuple(m for arm in arms for m in arm.markers))
    args = typing.get_args(annotation)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return Shape("list", markers, item=shape_of(args[0]))
    if origin is dict:
        return Shape("map", markers, item=shape_of(args[1]), key=shape_of(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", markers, model=annotation)
    return Shape("value", markers)


@dataclass(frozen=True)
class FieldShape:
    """A field of a model: its attribute name, its YAML key and its shape."""

    name: str
    key: str
    shape: Shape


@cache
def fields_of(model: type[BaseModel]) -> tuple[FieldShape, ...]:
    """The fields of ``model`` with their shapes, in declaration order."""
    return tuple(
        FieldShape(name, info.alias or name, shape_of(info.annotation, _markers(info.metadata)))
        for name, info in model.model_fields.items()
    )


@dataclass(frozen=True)
class Visit:
    """A value met by :func:`walk`.

    ``loc`` is its path of YAML keys and indexes; ``shape`` what its position
    holds and declares; ``parent`` the model whose field holds it; ``field``
    that field's name; ``key`` is true for a mapping key (``value`` is the key).
    """

    loc: Loc
    value: Any
    shape: Shape
    parent: BaseModel | None
    field: str
    key: bool = False


def walk(node: BaseModel, loc: Loc = ()) -> Iterator[Visit]:
    """Every value under ``node``, parents before children, in document order.

    A field is visited even when it is unset (its default, ``None`` or empty),
    so that a check can see what is missing.
    """
    for spec in fields_of(type(node)):
        yield from _visit((*loc, spec.key), getattr(node, spec.name), spec.shape, node, spec.name)


def _visit(loc: Loc, value: Any, shape: Shape, parent: BaseModel, field: str) -> Iterator[Visit]:
    yield Visit(loc, value, shape, parent, field)
    if value is None:
        return
    if shape.kind == "model" and isinstance(value, BaseModel):
        yield from walk(value, loc)
    elif shape.kind == "list" and shape.item is not None:
        for index, item in enumerate(value):
            yield from _visit((*loc, index), item, shape.item, parent, field)
    elif shape.kind == "map" and shape.item is not None and shape.key is not None:
        for key, item in value.items():
            yield Visit((*loc, key), key, shape.key, parent, field, key=True)
            yield from _visit((*loc, key), item, shape.item, parent, field)
