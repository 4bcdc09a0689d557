"""The playbook as the API offers it: the model with its answers as methods, and loading.

:class:`Playbook` is :class:`playbook.model.Playbook` with the response API
as methods (``book.checklist("P0")``); :func:`load`, :func:`validate` and
:func:`validate_text` and :func:`validate_revision` return it. The answers
(:mod:`playbook.response`) are imported when one is first asked for, so that
reading and checking a playbook does not load them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from playbook import loader, model
from playbook.loader import RevisionError
from playbook.model import Severity
from playbook.source import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from playbook import response

__all__ = ["Playbook", "RevisionError", "default", "load", "validate", "validate_revision", "validate_text"]


class Playbook(model.Playbook):
    """An incident response playbook, with the response API as methods.

    Load one with :func:`playbook.load`; that also runs the consistency checks,
    so a :class:`Playbook` you get from it is internally consistent.
    """

    def checklist(
        self, severity: str | Severity, phase: str | None = None, *, incident_type: str | None = None
    ) -> response.Checklist:
        """The checklist of ``severity``; see :func:`playbook.response.checklist`."""
        from playbook import response

        return response.checklist(self, severity, phase, incident_type=incident_type)

    def timeline(
        self,
        severity: str | Severity,
        started_at: datetime,
        resolved_at: datetime | None = None,
        *,
        incident_type: str | None = None,
        events: Mapping[str, datetime] | None = None,
        states: Mapping[str, datetime] | None = None,
        now: datetime | None = None,
    ) -> response.Timeline:
        """The deadlines of an incident; see :func:`playbook.response.timeline`."""
        from playbook import response

        return response.timeline(
            self,
            severity,
            started_at,
            resolved_at,
            incident_type=incident_type,
            events=events,
            states=states,
            now=now,
        )

    def decide_rollback(
        self,
        metrics: Mapping[str, object] | None = None,
        signals: Iterable[str] = (),
        *,
        now: datetime | None = None,
    ) -> response.RollbackDecision:
        """Whether to roll back; see :func:`playbook.response.decide_rollback`."""
        from playbook import response

        return response.decide_rollback(self, metrics, signals, now=now)

    def render_message(
        self,
        template_id: str,
        values: Mapping[str, str] | None = None,
        *,
        severity: str | Severity | None = None,
        now: datetime | None = None,
        **fields: str,
    ) -> str:
        """A filled message template; see :func:`playbook.response.render_message`."""
        from playbook import response

        return response.render_message(self, template_id, values, severity=severity, now=now, **fields)


def load(path: str | Path | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Playbook:
    """Load and check a playbook; ``None`` loads the default playbook.

    ``path`` is a YAML file, or a folder of YAML files whose top-level sections
    are merged. Raises :class:`~playbook.problems.PlaybookError` listing every error found.
    """
    return cast(Playbook, loader.load(path, limits=limits, model=Playbook))


def validate(
    path: str | Path | None = None, *, limits: Limits = DEFAULT_LIMITS, checks: bool = True
) -> loader.Result:
    """Read, build and check a playbook, collecting every problem instead of raising.

    ``Result.playbook`` is a :class:`Playbook` whenever the file's structure is
    valid, even if consistency checks found errors; ``Result.errors`` says
    whether it may be trusted.
    """
    return loader.validate(path, limits=limits, checks=checks, model=Playbook)


def validate_text(
    text: str | bytes, name: str = "<string>", *, limits: Limits = DEFAULT_LIMITS, checks: bool = True
) -> loader.Result:
    """Like :func:`validate`, for YAML held in memory; ``name`` is the path shown in problems."""
    return loader.validate_text(text, name, limits=limits, checks=checks, model=Playbook)


def validate_revision(
    spec: str, *, limits: Limits = DEFAULT_LIMITS, checks: bool = True, cwd: str | Path | None = None
) -> loader.Result:
    """Like :func:`validate_text`, for ``REVISION:PATH`` read with git (``main:playbook.yaml``).

    Raises :class:`RevisionError` (a :class:`ValueError`) when git cannot show it.
    """
    return loader.validate_revision(spec, limits=limits, checks=checks, model=Playbook, cwd=cwd)


@cache
def default() -> Playbook:
    """The default playbook shipped with the package, loaded once."""
    return load()
