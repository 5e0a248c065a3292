"""ICBC credit, debit v1 and v2 samples, totals by hand (the sample footers' 合计 are placeholders)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xieshang.core.transactions import totals
from xieshang.importers import icbc
from xieshang.importers.detect import import_bytes

from .helpers import fuzz, sample

CREDIT = "deb-sig-examples/icbc/credit/example-icbc-credit-records.csv"
V1 = "deb-sig-examples/icbc/debit-v1/example-icbc-debit-v1-records.csv"
V2 = "deb-sig-examples/icbc/debit-v2/example-icbc-debit-v2-records.csv"


def test_credit_by_hand() -> None:
    """Spending 0.01 + 18.00 + 26.00 + 12.35 + 17.32 + 238.00 + 22.00 + 29.45 = 363.13; 4,621.01 repayment neutral."""
    result = import_bytes(sample(CREDIT))
    t = totals(result.transactions)
    assert result.format == "icbc_credit"
    assert (t.expense, t.neutral, t.income) == (Decimal("363.13"), Decimal("4621.01"), Decimal("0.00"))


@pytest.mark.parametrize(("path", "name"), [(V1, "icbc_debit_v1"), (V2, "icbc_debit_v2")])
def test_debit_by_hand(path: str, name: str) -> None:
    """In: 1,234.56 + 341.58 + 1,234.56 + 30.00 + 1.04 = 2,841.74. Out: 13.40 + 1,234.56 + 500.00 + 1,234.56 + 24.00
    = 3,006.52. 自动还款 1,234.56 is neutral."""
    result = import_bytes(sample(path))
    t = totals(result.transactions)
    assert result.format == name
    assert (t.income, t.expense, t.neutral) == (Decimal("2841.74"), Decimal("3006.52"), Decimal("1234.56"))


test_fuzz_credit = fuzz(icbc.parse, sample(CREDIT))
test_fuzz_debit = fuzz(icbc.parse, sample(V2))
