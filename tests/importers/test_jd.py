"""JD against its preamble: 支出 16笔 1648.43元."""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.transactions import totals
from xieshang.importers import jd
from xieshang.importers.detect import import_bytes

from .helpers import fuzz, sample

JD = "deb-sig-examples/jd/example-jd-records.csv"


def test_spending_matches_the_preamble() -> None:
    """Partial refunds are netted on the row (131.77 − 89.84, 448.32 − 70.48, 416.87 − 233.45, 235.61 − 235.50),
    as JD's total does; the refund rows and the fully refunded order are skipped."""
    result = import_bytes(sample(JD))
    assert result.format == "jd"
    t, p = totals(result.transactions), result.preamble_totals
    assert (t.expense, t.expense_count) == (p.expense, p.expense_count) == (Decimal("1648.43"), 16)
    assert p.count == len(result.transactions) + len(result.skipped) == 26
    # 不计收支: 10 rows in the preamble = 9 skipped (7 refunds, 1 fully refunded, 1 zero) + 1 neutral (先享后付 35.61)
    assert len(result.skipped) + t.neutral_count == p.neutral_count == 10
    assert t.neutral == Decimal("35.61")


test_fuzz = fuzz(jd.parse, sample(JD))
