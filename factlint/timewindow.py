"""Small date helpers shared by rule types (claims carry ISO dates as strings)."""

from __future__ import annotations

from datetime import date


def parse_when(when: str | None) -> date | None:
    if not when:
        return None
    parts = when.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 7, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def within(a: str | None, b: str | None, days: int) -> bool:
    """Unknown dates are compatible with anything."""
    da, db = parse_when(a), parse_when(b)
    return da is None or db is None or abs((da - db).days) <= days
