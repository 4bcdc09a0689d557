"""Severity colours, derived from each severity's rank and defined once, as CSS classes.

The most severe level is red, the least severe yellow, and the levels between
are spread evenly along red → orange → yellow, so a playbook with five levels
gets five distinct colours with no configuration. Text on each colour is black
or white, whichever contrasts more (WCAG relative luminance).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SeverityColour", "colours", "css_class"]

_RAMP = ((0xC6, 0x28, 0x28), (0xEF, 0x6C, 0x00), (0xFB, 0xC0, 0x2D))


@dataclass(frozen=True)
class SeverityColour:
    """The colours of one severity: background and the text drawn on it."""

    severity_id: str
    background: str
    foreground: str

    @property
    def css_class(self) -> str:
        """The class that paints an element in this colour, such as ``sev-P0``."""
        return css_class(self.severity_id)


def css_class(severity_id: str) -> str:
    """``sev-<id>``: the CSS class of a severity (ids are letters, digits, ``.``, ``_``, ``-``)."""
    return f"sev-{severity_id}"


def _mix(rank: int, count: int) -> tuple[int, int, int]:
    position = rank / (count - 1) if count > 1 else 0.0
    scaled = position * (len(_RAMP) - 1)
    index = min(int(scaled), len(_RAMP) - 2)
    t = scaled - index
    low, high = _RAMP[index], _RAMP[index + 1]
    r, g, b = (round(a + (b - a) * t) for a, b in zip(low, high, strict=True))
    return r, g, b


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def colours(severity_ids: list[str]) -> list[SeverityColour]:
    """One colour per severity, most severe first, as the playbook lists them."""
    out = []
    for rank, severity_id in enumerate(severity_ids):
        rgb = _mix(rank, len(severity_ids))
        light = _luminance(rgb)
        # Contrast ratio against black is (L + 0.05) / 0.05, against white 1.05 / (L + 0.05).
        foreground = "#000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#ffffff"
        out.append(SeverityColour(severity_id, "#{:02x}{:02x}{:02x}".format(*rgb), foreground))
    return out
