"""The monthly summary (views/summary.py): figures from the core's summarise, two inline SVG charts with a
text alternative (aria-label and tables)."""

from __future__ import annotations

from django.urls import reverse

from xieshang.budget.store import core_transactions
from xieshang.cases.templatetags.xs_format import money
from xieshang.core.summary import summarise
from xieshang.importers.reference import known_lenders


def test_empty(client_in, case):
    assert "还没有导入账单" in client_in.get(reverse("budget:summary", args=[case.pk])).content.decode()


def test_figures_and_charts(client_in, imported):
    response = client_in.get(reverse("budget:summary", args=[imported.pk]))
    page = response.content.decode()
    expected = summarise(core_transactions(imported), known_lenders())
    assert f'data-testid="avg-expense">{money(expected.average_expense)}<' in page
    assert page.count('<svg class="chart"') == 2 and page.count('role="img"') >= 2
    assert "支出按类别的条形图" in page
    months = response.context["monthly_chart"]
    shown = [m for m in expected.months if m.income or m.expense or m.repayments]
    assert len(months.bars) == 3 * len(shown) < 3 * len(expected.months)  # 2019-04 had transfers only
    assert "2017-10" in page and money(expected.months[0].repayments) in page  # the credit card repayment
    widths = [b.width for b in response.context["category_chart"].bars]
    assert widths == sorted(widths, reverse=True) and max(widths) == 360
