"""The severity matrix: reach × impact as a grid of coloured cells, and its legend."""

from __future__ import annotations

from typing import Any

from playbook.site.context import Context
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "matrix"]

PATH = "matrix.md"


def matrix(ctx: Context) -> tuple[Page, ...]:
    """``matrix.md``: the widest reach on top, one column per impact."""
    cls = ctx.book.classification
    if cls.kind != "matrix":
        return ()
    rows: list[dict[str, Any]] = [
        {"reach": reach, "cells": [cls.matrix.get(reach.id, {}).get(impact.id) for impact in cls.impact]}
        for reach in reversed(cls.reach)
    ]
    return (
        page(
            ctx,
            PATH,
            ctx.L.matrix,
            "matrix.md.j2",
            impacts=cls.impact,
            matrix_rows=rows,
            when_in_doubt=ctx.L.when_in_doubt[cls.when_in_doubt],
        ),
    )
