"""No two items of a kind read the same when looked up.

Lookups accept ids in any case, with ``-`` and ``_`` alike, and accept the
names of classification levels and of phases (``High Impact``,
``Contain``). Two items whose ids, or whose id and name, or whose names read
the same after case folding and Unicode normalisation would make a lookup
pick one of them silently, or let a name take the place of another item's
id; each such pair is reported, naming both. On an axis of the
classification, ``classify`` takes a level's own id and name as well as the
id of the severity it rates, so a level's own id or name must not read as
the id of another severity.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from playbook.checks.base import Finding
from playbook.model import Identity, Playbook, walk
from playbook.model.base import Name, spelling
from playbook.model.walk import fields_of, marker
from playbook.problems import Level
from playbook.source import Loc

ID = "ambiguous-names"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = ()


def _spellings(item: BaseModel, loc: Loc) -> tuple[Identity, str | None, list[tuple[Loc, str, str]]] | None:
    identity = None
    item_id: str | None = None
    found: list[tuple[Loc, str, str]] = []
    for spec in fields_of(type(item)):
        value = getattr(item, spec.name)
        declared = marker(spec.shape, Identity)
        if declared is not None:
            identity = declared
            if value is not None:  # an optional id (an axis level's) may be absent
                item_id = str(value)
                found.insert(0, ((*loc, spec.key), "id", item_id))
        elif marker(spec.shape, Name) is not None and isinstance(value, str):
            found.append(((*loc, spec.key), spec.key, value))
    return None if identity is None else (identity, item_id, found)


def check(playbook: Playbook) -> Iterator[Finding]:
    owners: dict[tuple[str, Loc, str], tuple[Loc, str | None, str, str, Loc]] = {}
    for visit in walk(playbook):
        if not isinstance(visit.value, BaseModel) or not isinstance(visit.loc[-1], int):
            continue
        spelled = _spellings(visit.value, visit.loc)
        if spelled is None:
            continue
        identity, item_id, spellings = spelled
        kind = identity.kind
        scope: Loc = visit.loc[:-1] if identity.scope == "parent" else ()
        for loc, what, text in spellings:
            key = (kind, scope, spelling(text))
            owner = owners.get(key)
            if owner is None:
                owners[key] = (visit.loc, item_id, what, text, loc)
            elif owner[0] != visit.loc and (item_id is None or owner[1] != item_id):
                _, other_id, other_what, other_text, other_loc = owner
                whose = f"of {kind} '{other_id}'" if other_id is not None else f"of another {kind}"
                yield Finding(
                    loc,
                    f"{kind} {what} '{text}' reads the same as {other_what} '{other_text}' {whose}; "
                    "a lookup could not tell them apart",
                    first=other_loc,
                )
    yield from _axis_levels(playbook)


def _axis_levels(playbook: Playbook) -> Iterator[Finding]:
    severities = {spelling(s.id): s.id for s in playbook.severities}
    for a, axis in enumerate(playbook.classification.axes):
        for n, level in enumerate(axis.levels):
            for what, text in (("id", level.id), ("name", level.name)):
                if text is None:
                    continue
                other = severities.get(spelling(text))
                if other is not None and other != level.severity:
                    yield Finding(
                        ("classification", "axes", a, "levels", n, what),
                        f"axis level {what} '{text}' reads the same as severity '{other}', but the level "
                        f"rates {level.severity}: classify could not tell them apart",
                    )
