"""The plan builder's month-by-month table (``presenters.month_table``), made as HTML in one pass."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xieshang import reference
from xieshang.core.allocation import Strategy
from xieshang.core.options import DebtPosition
from xieshang.core.plan import PlanSpec, build_plan
from xieshang.core.terms import LenderType
from xieshang.plans.presenters import month_table

D = Decimal


def test_each_month_shows_every_creditors_payment_a_dash_once_cleared_and_the_total() -> None:
    """A owes ¥200 (¥60 a month), B ¥50 (¥50 a month), no interest; ¥100 a month pro rata, no minimum, from
    March 2026. March: 100 × 60/110 = 54.5454… and 100 × 50/110 = 45.4545…, down to 54.54 + 45.45 = 99.99, the
    left-over 分 to A's larger remainder: ¥54.55 and ¥45.45. April: B asks only the ¥4.55 it still owes
    (100 × 4.55/64.55 = 7.04… is above it, so B is held at ¥4.55) and A gets the other ¥95.45. May: A owes
    ¥50.00 and is paid it; B is cleared (—)."""
    positions = [
        DebtPosition("a", "A", LenderType.BANK, D("200.00"), contractual_monthly=D("60.00")),
        DebtPosition("b", "B", LenderType.BANK, D("50.00"), contractual_monthly=D("50.00")),
    ]
    spec = PlanSpec(Strategy.PRO_RATA, D("100.00"), D(0), date(2026, 3, 1))
    result = build_plan(positions, spec, date(2026, 2, 10), reference.plan_limits())
    assert str(month_table(result)) == (
        '<tr><th scope="row">2026-03</th><td class="num">¥54.55</td><td class="num">¥45.45</td>'
        '<td class="num">¥100.00</td></tr>'
        '<tr><th scope="row">2026-04</th><td class="num">¥95.45</td><td class="num">¥4.55</td>'
        '<td class="num">¥100.00</td></tr>'
        '<tr><th scope="row">2026-05</th><td class="num">¥50.00</td><td class="num">—</td>'
        '<td class="num">¥50.00</td></tr>'
    )
