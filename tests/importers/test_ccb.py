"""CCB .xls sample, totals by hand."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from xieshang.core.transactions import totals
from xieshang.importers import ccb
from xieshang.importers.detect import import_bytes

from .helpers import fuzz, sample

XLS = "deb-sig-examples/ccb/交易明细_xxxx_2025xxxx_2025xxxx.xls"


def test_by_hand() -> None:
    """Spending 67.00 + 16.78 + 20.00 + 515.02 + 18.06 + 66.40 = 703.26, six rows, nothing in."""
    result = import_bytes(sample(XLS))
    t = totals(result.transactions)
    assert result.format == "ccb"
    assert (t.expense, t.expense_count, t.income) == (Decimal("703.26"), 6, Decimal("0.00"))
    assert result.transactions[0].time == datetime(2025, 1, 1, 18, 53, 19)  # noqa: DTZ001 - bills are naive local time


test_fuzz = fuzz(ccb.parse, sample(XLS))
