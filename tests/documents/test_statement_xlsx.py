"""Statement workbook written then read back; the template filled in and imported; errors name the cell."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from xieshang.casefile.budget import statement_from_dict
from xieshang.core.errors import ValidationError
from xieshang.core.transactions import Direction, Transaction
from xieshang.documents.statement_xlsx import budget_template, export_statement, import_budget

BUDGET = {
    "income": [{"category": "salary", "amount": "6000"}],
    "expenses": [
        {"category": "housing", "amount": "1500"},
        {"category": "food", "amount": "1200", "note": "三口人"},
    ],
}


def test_export_read_back() -> None:
    """Available = 6,000 − 1,500 − 1,200 = 3,300."""
    tx = Transaction("alipay", "1", datetime(2024, 1, 2, 3, 4, 5), Decimal("9.90"), Direction.EXPENSE, "店")  # noqa: DTZ001
    wb = openpyxl.load_workbook(io.BytesIO(export_statement(statement_from_dict(BUDGET), [tx])))
    assert wb.sheetnames == ["收支表", "资产", "交易明细"]
    rows = list(wb["收支表"].iter_rows(values_only=True))
    assert rows[-1][2] == 3300 and "三口人" in [r[3] for r in rows if len(r) > 3]
    assert list(wb["交易明细"].iter_rows(values_only=True))[1][3] == 9.9


def _filled(amount: object) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(budget_template()))
    wb["家庭"]["B1"] = 2
    wb["家庭"]["B2"] = "5, 72"
    wb["收入"]["C2"] = 6000
    ws = wb["支出"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "food")
    ws.cell(row, 3).value = amount
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_template_round_trip() -> None:
    statement = import_budget(_filled("1,200"))
    assert statement.household.dependant_ages == (5, 72)
    assert [(x.category, x.amount) for x in statement.lines] == [
        ("salary", Decimal("6000.00")),
        ("food", Decimal("1200.00")),
    ]


def test_bad_amount_names_the_cell() -> None:
    with pytest.raises(ValidationError, match=r"支出!C\d+: 不是金额"):
        import_budget(_filled("很多"))
