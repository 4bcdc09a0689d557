"""Model validation errors as located problems: what pydantic refused, where it stands in the file."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from playbook.model import Playbook
from playbook.problems import INVALID_VALUE, MISSING_KEY, UNKNOWN_KEY, Problem
from playbook.source import Loc, SourceMap
from playbook.units import shown

__all__ = ["kind_of", "locate_error", "relevant"]


def relevant(errors: list[Any], where: SourceMap) -> list[Any]:
    """Drop errors that only echo another: a value refused while reading, a list left short by a bad item.

    Linear in the number of errors: each location is compared with sets of
    prefixes, never with every other error.
    """
    locs = [tuple(e["loc"]) for e in errors]
    deeper = {loc[:n] for loc in locs for n in range(len(loc))}
    refused = where.refused
    kept = []
    for error, loc in zip(errors, locs, strict=True):
        if refused and any(loc[:n] in refused for n in range(len(loc) + 1)):
            continue
        if error["type"] == "too_short" and loc in deeper:
            continue
        kept.append(error)
    return kept


def kind_of(value: Any) -> str:
    """What a YAML value is, in words: ``a list``, ``text``, ``an empty value``."""
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "an empty value" if value is None else type(value).__name__


def locate_error(error: Any, where: SourceMap, root: type[BaseModel] = Playbook) -> Problem:
    """Turn one pydantic error into a located problem; ``root`` is the model validated."""
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    check = INVALID_VALUE
    if kind == "missing" and isinstance(loc[-1], int):
        (mark, _) = where.locate(loc[:-1])
        return Problem(*mark, "error", INVALID_VALUE, f"needs {loc[-1] + 1} items, has {loc[-1]}")
    if kind == "missing":
        (mark, _) = where.locate(loc[:-1])
        return Problem(*mark, "error", MISSING_KEY, f"missing required key '{loc[-1]}'")
    if kind == "extra_forbidden":
        (mark, _) = where.locate(loc, key=True)
        key = str(loc[-1])
        message = f"unknown key '{key}'"
        allowed = _allowed_keys(root, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        elif allowed:
            message += f"; allowed here: {', '.join(allowed)}"
        return Problem(*mark, "error", UNKNOWN_KEY, message)
    if "[key]" in loc:
        key_loc = loc[: loc.index("[key]")]
        (mark, found) = where.locate(key_loc, key=True)
        message = _message(kind, error, value, str(key_loc[-1]) if key_loc else None)
        return Problem(*mark, "error", check, message.replace("valid id", "valid key"))
    (mark, found) = where.locate(loc)
    raw = where.raw.get(found)
    message = _message(kind, error, value, raw)
    return Problem(*mark, "error", check, message)


def _message(kind: str, error: Any, value: Any, raw: str | None) -> str:
    written = repr(value) if isinstance(value, str) else (raw if raw is not None else shown(value))
    ctx = error.get("ctx") or {}
    if kind == "string_type" and value is None:
        return "expected text, got an empty value"
    if kind == "string_type":
        hint = (
            f'; write "{raw}" in quotes to keep it as text'
            if raw is not None and not isinstance(value, dict | list)
            else ""
        )
        return f"expected text, got {kind_of(value)}{hint}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == r"\S":
            return "must not be blank"
        return (
            f"{written} is not a valid id: use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit"
        )
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"got {written}; expected {ctx.get('expected', 'one of the allowed values')}"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}, has {ctx.get('actual_length', 0)}"
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} items, has {ctx.get('actual_length')}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping, got {kind_of(value)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {kind_of(value)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind.startswith("datetime"):
        return f"{written} is not a date and time such as 2026-01-01T10:00+08:00"
    if kind.startswith("date"):
        return f"{written} is not a valid date (YYYY-MM-DD): {error['msg'].split(', ', 1)[-1]}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {written}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {written}"
    return f"{error['msg']} (got {written})"


def _allowed_keys(root: type[BaseModel], loc: Loc) -> list[str]:
    model = _model_at(root, loc)
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    annotation: Any = model
    for element in loc:
        current = _unwrap_model(annotation)
        if isinstance(element, int):
            annotation = _item_type(annotation)
            continue
        if current is None:
            return None
        field = _field_by_key(current, element)
        if field is None:
            return None
        annotation = field
    return _unwrap_model(annotation)


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field.annotation
    return None


def _item_type(annotation: Any) -> Any:
    for arg in _args(annotation):
        origin = typing.get_origin(arg)
        if origin in (tuple, list):
            return typing.get_args(arg)[0]
    return None


def _args(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return list(typing.get_args(annotation))
    return [annotation]


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    for arg in _args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
