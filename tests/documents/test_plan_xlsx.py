"""The plan's Excel export, read back with openpyxl: sheets, real numbers with a ¥ format, totals that agree."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from xieshang.core.allocation import Strategy
from xieshang.core.options import DebtPosition, InterestFreeze, Settlement
from xieshang.core.plan import CreditorChoice, PlanSpec, build_plan
from xieshang.core.terms import LenderType
from xieshang.documents.plan_xlsx import YUAN, plan_workbook
from xieshang.reference import plan_limits

D = Decimal


def result():  # type: ignore[no-untyped-def]
    """Card 3,000 frozen over 6 months (500 a month) and a platform debt 1,000 settled at 60 % (600),
    budget 800 pro rata: month 1 splits 800 between due 500 and 600."""
    positions = (
        DebtPosition(
            "card", "某银行信用卡", LenderType.CREDIT_CARD, D("3000.00"), contractual_monthly=D(500)
        ),
        DebtPosition("app:1", "某平台", LenderType.ONLINE_PLATFORM, D("1000.00"), monthly_rate=D("0.02")),
    )
    spec = PlanSpec(
        Strategy.PRO_RATA,
        D(800),
        choices=(
            CreditorChoice("card", InterestFreeze(6), proposed=True),
            CreditorChoice("app:1", Settlement(D("0.6"))),
        ),
    )
    return build_plan(positions, spec, date(2026, 11, 28), plan_limits())


NAMES = {"card": "某银行信用卡", "app:1": "某平台"}  # as the case view names them: creditors, not keys


def test_export_reads_back() -> None:
    plan = result()
    book = load_workbook(io.BytesIO(plan_workbook(plan, NAMES)))
    assert book.sheetnames == ["汇总 Summary", "逐月 Monthly", "某银行信用卡", "某平台"]
    monthly = book["逐月 Monthly"]
    assert [c.value for c in monthly[1]] == ["月份 Month", "某银行信用卡", "某平台", "合计 Total"]
    rows = list(monthly.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(plan.projection.rows)
    assert rows[0][0] == "2026-12"
    for _month, card, app, total in rows:
        assert abs(card + app - total) < 0.005 and total <= 800
    assert monthly["D2"].number_format == YUAN
    assert abs(sum(r[3] for r in rows) - float(plan.projection.total_paid)) < 0.005
    assert abs(sum(r[3] for r in rows) - (3000 + 600)) < 0.005  # frozen 3,000 + settlement 600


def test_schedule_sheet_per_creditor_ends_at_zero() -> None:
    book = load_workbook(io.BytesIO(plan_workbook(result(), NAMES)))
    sheet = book["某银行信用卡"]
    assert sheet["A1"].value == "某银行信用卡"
    assert sheet["A2"].value == "停息挂账 Interest freeze"
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]
    assert rows[-1][3] == 0
    assert abs(sum(r[1] for r in rows) - 3000) < 0.005
    assert all(r[2] == 0 for r in rows)  # frozen: no interest


def test_summary_has_the_totals() -> None:
    plan = result()
    sheet = load_workbook(io.BytesIO(plan_workbook(plan, NAMES)))["汇总 Summary"]
    labels = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, max_row=11, values_only=True)}
    assert labels["全部还清 Debt-free"] == plan.projection.debt_free_month
    assert abs(labels["节省 Saving vs status quo"] - float(plan.saving)) < 0.005
    assert sheet["B4"].number_format == YUAN
