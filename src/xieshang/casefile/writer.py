"""How the case file writes values back: money as ``"0.00"`` strings, percents and numbers as the plainest value
that reads back exactly, dates as ISO text. The inverse of :mod:`xieshang.casefile.reader`."""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.money import rate_to_percent


def number(value: Decimal) -> int | float | str:
    """A Decimal as the plainest JSON/YAML value that reads back exactly."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value.normalize())


def percent(rate: Decimal) -> int | float | str:
    """A fraction (0.18) as the percent people write (18)."""
    return number(rate_to_percent(rate))


def percent_text(rate: Decimal) -> str:
    """A fraction as a percent in text (``"0.5"`` for 0.005), as the plan section writes it."""
    return format(rate_to_percent(rate).normalize(), "f")


def money(amount: Decimal) -> str:
    return f"{amount:.2f}"
