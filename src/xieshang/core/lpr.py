"""The loan prime rate (贷款市场报价利率, LPR) as values: publications, the series, and line formulas.

The series itself comes from ``data/lpr.csv`` through :mod:`xieshang.reference`; no rate lives here. A line
such as the private-lending ceiling is a formula over the series (``4x_lpr_1y``: four times the one-year
LPR), evaluated with the publication in force on a given day (the latest on or before it).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from .errors import XieshangError

Tenor = Literal["1y", "5y"]
_FORMULA_RE = re.compile(r"^(?P<multiplier>\d+(?:\.\d+)?)x_lpr_(?P<tenor>1y|5y)$")


class NoLprError(XieshangError):
    """No LPR was published on or before the date asked for."""


@dataclass(frozen=True)
class LprFormula:
    """A line computed from the LPR: ``multiplier × LPR(tenor)`` (``4x_lpr_1y`` in the data file)."""

    multiplier: Decimal
    tenor: Tenor

    @classmethod
    def parse(cls, text: str) -> LprFormula:
        match = _FORMULA_RE.match(text.strip())
        if match is None:
            raise ValueError(f"not an LPR formula: {text!r} (expected e.g. 4x_lpr_1y)")
        tenor: Tenor = "1y" if match.group("tenor") == "1y" else "5y"
        return cls(Decimal(match.group("multiplier")), tenor)

    def __str__(self) -> str:
        return f"{self.multiplier}x_lpr_{self.tenor}"


@dataclass(frozen=True)
class LprRate:
    """One LPR publication. Rates are fractions (0.031 for 3.10 %)."""

    publish_date: date
    one_year: Decimal
    five_year: Decimal
    note: str = ""

    def tenor(self, tenor: Tenor) -> Decimal:
        return self.one_year if tenor == "1y" else self.five_year


@dataclass(frozen=True)
class LprSeries:
    """The LPR publications in date order; :meth:`on` finds the one in force on a day."""

    rates: tuple[LprRate, ...]

    def __post_init__(self) -> None:
        days = [r.publish_date for r in self.rates]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("LPR publications must be in strictly ascending date order")

    def on(self, day: date) -> LprRate:
        """The latest publication on or before ``day`` (raises :class:`NoLprError` before the first one)."""
        index = bisect.bisect_right([r.publish_date for r in self.rates], day)
        if index == 0:
            first = self.rates[0].publish_date.isoformat() if self.rates else "—"
            raise NoLprError(
                f"{day.isoformat()} 之前没有发布过LPR（首次发布 {first}） / "
                f"no LPR had been published by {day.isoformat()} (first published {first})"
            )
        return self.rates[index - 1]

    def rate(self, formula: LprFormula, day: date) -> tuple[Decimal, LprRate]:
        """``formula`` evaluated with the publication in force on ``day``, and that publication."""
        publication = self.on(day)
        return formula.multiplier * publication.tenor(formula.tenor), publication
