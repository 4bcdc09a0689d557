"""Incident response playbooks as typed, checked data.

>>> from playbook import classify
>>> classify("high", "many").id
'P0'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from playbook.loader import Result, default_path, load, validate, validate_text
from playbook.model import Playbook, Severity, UnknownLevelError
from playbook.problems import PlaybookError, Problem
from playbook.source import Limits

__all__ = [
    "Limits",
    "Playbook",
    "PlaybookError",
    "Problem",
    "Result",
    "Severity",
    "UnknownLevelError",
    "classify",
    "default",
    "default_path",
    "load",
    "validate",
    "validate_text",
]

__version__ = "0.1.0"


@cache
def default() -> Playbook:
    """The default playbook shipped with the package, loaded once."""
    return load()


def classify(impact: str | Iterable[str], reach: str | Iterable[str]) -> Severity:
    """Classify with the default playbook; see :meth:`Playbook.classify`."""
    return default().classify(impact, reach)
