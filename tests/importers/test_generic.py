"""A bank we have no importer for (ABC) through a saved column mapping."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xieshang.core.errors import ValidationError
from xieshang.core.transactions import totals
from xieshang.importers.detect import import_bytes
from xieshang.importers.generic import ColumnMapping, parse_with_mapping

from .helpers import fuzz, sample

ABC = "deb-sig-examples/abc_debit/example-abc_debit-records.csv"
MAPPING = ColumnMapping(
    time="交易日期", amount="交易金额", counterparty="对手信息", description="交易摘要", name="abc"
)


def test_abc_through_a_mapping() -> None:
    """Signed amounts: in +10,000.00 + 0.01 = 10,000.01; out 10.00 + 12,345.89 = 12,355.89 (the mapping, not the
    ABC importer, reads the file: it knows no 还款)."""
    result = import_bytes(sample(ABC), mapping=MAPPING)
    t = totals(result.transactions)
    assert (t.income, t.expense) == (Decimal("10000.01"), Decimal("12355.89"))


def test_mapping_round_trip_and_located_errors() -> None:
    assert ColumnMapping.from_dict(MAPPING.to_dict()) == MAPPING
    with pytest.raises(ValidationError) as caught:
        ColumnMapping.from_dict({"amount": 3, "colour": "x"})
    text = str(caught.value)
    assert "mapping.time" in text and "mapping.colour" in text and "mapping.amount" in text


test_fuzz = fuzz(lambda b: parse_with_mapping(b, MAPPING), sample(ABC))
