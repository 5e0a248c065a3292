"""The review table (views/transactions.py): filters by month, direction, category, uncategorised only;
pages of 50; the Excel export carries the statement and every transaction."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import openpyxl
from django.urls import reverse

from xieshang.budget.models import ImportBatch, ImportedTransaction
from xieshang.budget.store import BILL_TZ


def _table(client, case, **params):
    return client.get(reverse("budget:transactions", args=[case.pk]), params)


def test_empty_case_points_to_the_upload(client_in, case):
    page = _table(client_in, case).content.decode()
    assert "还没有导入账单" in page and reverse("budget:upload", args=[case.pk]) in page


def test_filters(client_in, imported):
    all_rows = _table(client_in, imported).context["page"].paginator.count
    assert all_rows == 37
    month = _table(client_in, imported, month="2021-07").context["page"]
    assert {t.month for t in month.object_list} == {"2021-07"}
    income = _table(client_in, imported, direction="income").context["page"].object_list
    assert income and all(t.direction == "income" for t in income)
    left = _table(client_in, imported, uncategorised="on").context["page"].object_list
    assert left and all(t.category == "" and t.direction == "expense" for t in left)
    assert any(t.counterparty == "云膳过桥米线(传奇广场店)" for t in left)
    food = _table(client_in, imported, category="transport").context["page"].object_list
    assert all(t.category == "transport" for t in food)


def test_pages_of_fifty_keep_the_filters(client_in, case):
    batch = ImportBatch.objects.create(case=case, filename="x.csv", format="generic", sha256="0" * 64)
    ImportedTransaction.objects.bulk_create(
        ImportedTransaction(
            case=case,
            batch=batch,
            key=f"k{i}",
            source="generic",
            occurred_at=datetime(2024, 1, 1 + i % 28, 12, tzinfo=BILL_TZ),
            month="2024-01",
            amount=Decimal("1.00"),
            direction="expense",
            counterparty=f"店{i}",
        )
        for i in range(120)
    )
    first = _table(client_in, case, direction="expense")
    assert len(first.context["page"].object_list) == 50
    assert "direction=expense&amp;page=2" in first.content.decode()
    last = _table(client_in, case, direction="expense", page=3)
    assert len(last.context["page"].object_list) == 20


def test_export_has_the_transactions(client_in, imported):
    response = client_in.get(reverse("budget:export", args=[imported.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["收支表", "资产", "交易明细"]
    assert workbook["交易明细"].max_row == 38  # header + 37
