"""The Jinja environments that lay pages out, and what they may print.

Two environments share ``playbook/site/templates``. :func:`page` fills a page's
template with the values every page may use (``book``, ``L``, ``T``, ``titles``,
``checklist_pages``, ``severity_anchors``, ``classification_page`` and its title)
and ``link_to(path, anchor)``, a relative link from that page. Markdown pages print every
value through :func:`generator.escape.text` unless it is already
:class:`~markupsafe.Markup` (built by :mod:`playbook.site.escape` or
:mod:`playbook.site.fragments`). CSS and YAML templates print only the
generator's own words and colours, and refuse anything that could end a
comment, open a rule or start YAML syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from markupsafe import escape as escape_html

from playbook.site import escape
from playbook.site.context import Context
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.palette import css_class

__all__ = ["markdown", "page", "raw", "sev_class"]

_TEMPLATES = Path(__file__).parent / "templates"


def sev_class(severity_id: str) -> Markup:
    """The CSS class that colours a severity, safe in an HTML attribute."""
    return Markup(re.sub(r"[^A-Za-z0-9_.-]", "-", css_class(severity_id)))


def _css_ident(value: str) -> Markup:
    return Markup(re.sub(r"([^A-Za-z0-9_-])", r"\\\1", value))


def _separator(value: str) -> Markup:
    """One of the generator's own separators (``: ``, ``：``) inside a line, keeping its spaces.

    :func:`escape.text` would strip the space after an English colon; a label is
    the generator's own word, so escaping it for HTML is enough.
    """
    return escape_html(value)


def _md_finalize(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape.text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Markup(str(value))
    raise TypeError(f"a template printed {type(value).__name__} {value!r}; pass text")


def _raw_finalize(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    # Only the generator's own words and colours reach these templates; refuse anything
    # that could end a CSS comment, open a rule or start YAML syntax.
    if isinstance(value, str) and not re.search(r"[\x00-\x1f\x7f*{}<>\\\"']", value):
        return Markup(value)
    raise TypeError(f"unsafe value in a CSS or YAML template: {value!r}")


def _environment(finalize: Callable[[Any], Markup]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda v: Markup(escape.yaml_string(str(v)))
    # A page title reaches the theme's <title> and navigation unescaped: give it as HTML.
    env.filters["title_yaml"] = lambda v: Markup(escape.yaml_string(str(escape.text(str(v)))))
    env.filters["attr"] = escape.html_attr
    env.filters["separator"] = _separator
    env.filters["sevclass"] = sev_class
    env.filters["cssident"] = _css_ident
    return env


_MD = _environment(_md_finalize)
_RAW = _environment(_raw_finalize)


def markdown(template: str, values: dict[str, Any]) -> str:
    """A Markdown template filled with ``values``: at most one blank line in a row, one final newline."""
    text = _MD.get_template(template).render(values)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def raw(template: str, values: dict[str, Any]) -> str:
    """A CSS or YAML template filled with the generator's own ``values``."""
    return _RAW.get_template(template).render(values)


def page(
    ctx: Context,
    path: str,
    title: str,
    template: str,
    *,
    nav_title: str | None = None,
    section: str | None = None,
    **values: Any,
) -> Page:
    """The page at ``path``, its ``template`` filled with the shared values and ``values``."""
    shared = {
        "book": ctx.book,
        "L": ctx.L,
        "T": ctx.T,
        "titles": ctx.titles,
        "checklist_pages": ctx.checklist_pages,
        "severity_anchors": ctx.severity_anchors,
        "classification_page": ctx.classification_page,
        "classification_title": ctx.classification_title,
        "link_to": partial(link, path),
    }
    return Page(path, title, markdown(template, shared | values), nav_title, section)
