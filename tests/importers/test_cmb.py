"""CMB debit and credit samples, totals by hand."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from xieshang.core.transactions import totals
from xieshang.importers import cmb
from xieshang.importers.detect import import_bytes

from .helpers import fuzz, sample

DEBIT = "deb-sig-examples/cmb/debit/example-cmb-records.csv"
CREDIT = "deb-sig-examples/cmb/credit/example-cmb-records.csv"


def test_debit_by_hand() -> None:
    """In: 1,234.00 (公积金). Out: 1,000.00 + 3.00 + 1,000.00 + 10.14 = 2,013.14."""
    result = import_bytes(sample(DEBIT))
    t = totals(result.transactions)
    assert result.format == "cmb_debit"
    assert (t.income, t.expense, t.neutral) == (Decimal("1234.00"), Decimal("2013.14"), Decimal("0.00"))


def test_credit_by_hand() -> None:
    """Title 2024年01月: 12/29 and 12/30 are December 2023. Repayments 1.23 + 345.67 + 30.00 = 376.90 neutral;
    spending 56.78 + 8,000.00 = 8,056.78; the −3.90 饭票 is a refund (income)."""
    result = import_bytes(sample(CREDIT))
    t = totals(result.transactions)
    assert result.format == "cmb_credit"
    assert (t.expense, t.neutral, t.income) == (Decimal("8056.78"), Decimal("376.90"), Decimal("3.90"))
    assert result.transactions[0].time == datetime(2023, 12, 29)  # noqa: DTZ001 - bills are naive local time


test_fuzz_debit = fuzz(cmb.parse_debit, sample(DEBIT))
test_fuzz_credit = fuzz(cmb.parse_credit, sample(CREDIT))
