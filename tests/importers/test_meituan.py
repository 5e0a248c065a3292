"""Meituan against its preamble: 支出 23笔 1175.68元, 收入 6笔 209.73元."""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.transactions import totals
from xieshang.importers import meituan
from xieshang.importers.detect import import_bytes

from .helpers import fuzz, sample

MT = "deb-sig-examples/mt/example-mt-records.csv"


def test_totals_match_the_preamble() -> None:
    """The 美团月付 repayment (48.12) is listed under 支出 but left out of the 支出 amount: it is neutral here,
    so 22 spending rows + 1 repayment = the 23 the preamble counts."""
    result = import_bytes(sample(MT))
    t, p = totals(result.transactions), result.preamble_totals
    assert result.format == "meituan"
    assert (t.income, t.income_count) == (p.income, p.income_count) == (Decimal("209.73"), 6)
    assert t.expense == p.expense == Decimal("1175.68")
    assert t.expense_count + t.neutral_count == p.expense_count == 23
    assert t.neutral == Decimal("48.12")


test_fuzz = fuzz(meituan.parse, sample(MT))
