"""A statement prefilled from the bills, then the bills change: the statement page says which figures the bills
no longer give (core/bill_drift.py), and a new prefill keeps what the person typed.

Hand-worked from the WeChat sample alone (see test_categorise.py): 15 months; income 28.49 / 15 = 1.90, food
95.90 / 15 = 6.39, housing 500.00 / 15 = 33.33, care 2,243.46 / 15 = 149.56 a month; 云膳过桥米线 28.16 is
uncategorised until the person makes it food: 124.06 / 15 = 8.27.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from xieshang.budget.labels import category_label
from xieshang.budget.models import ImportBatch
from xieshang.cases.models import Case
from xieshang.cases.reading import case_view

from .test_categorise import NOODLES, _form_values, _one, _post, _wechat


def _page(client, case, **query):
    return client.get(reverse("budget:statement", args=[case.pk]), query)


def _save_prefill(client, case, salary: str | None = None) -> None:
    page = _page(client, case, prefill="1")
    data = _form_values(page.content.decode())
    if salary is not None:
        row = next(r.prefix for r in page.context["form"].line_rows if r.category == "salary" and not r.free)
        data[f"{row}_amount"] = salary
    assert client.post(reverse("budget:statement", args=[case.pk]), data).status_code == 302


def _available(case) -> Decimal:
    return case_view(Case.objects.get(pk=case.pk)).statement.available


def test_a_category_changed_after_saving_is_shown_and_a_new_prefill_keeps_the_salary(client_in, case):
    _wechat(client_in, case)
    _save_prefill(client_in, case, salary="3000")
    page = _page(client_in, case)
    assert 'data-testid="bill-drift"' not in page.content.decode()  # saved from today's bills: nothing to say
    assert _available(case) == Decimal("2812.62")  # 1.90 + 3,000 − 149.56 − 6.39 − 33.33

    assert _post(client_in, case, _one(case, NOODLES), "food").status_code == 302
    page = _page(client_in, case)
    assert 'data-testid="bill-drift"' in page.content.decode()
    assert page.context["drift"] == [
        {"label": category_label("food"), "saved": Decimal("6.39"), "now": Decimal("8.27")}
    ]
    assert _available(case) == Decimal("2812.62")  # the statement keeps its saved figures until saved again
    unchanged = _form_values(page.content.decode())  # saved again as it is: the warning stays
    assert client_in.post(reverse("budget:statement", args=[case.pk]), unchanged).status_code == 302
    assert len(_page(client_in, case).context["drift"]) == 1

    _save_prefill(client_in, case)  # the salary typed before is in the new prefill, not typed again
    assert _available(case) == Decimal("2810.74")  # 1.90 + 3,000 − 149.56 − 8.27 − 33.33
    assert 'data-testid="bill-drift"' not in _page(client_in, case).content.decode()


def test_undoing_the_import_lists_every_bill_figure_as_gone(client_in, case):
    _wechat(client_in, case)
    _save_prefill(client_in, case, salary="3000")
    for batch in ImportBatch.objects.filter(case=case):
        client_in.post(reverse("budget:batch-delete", args=[case.pk, batch.pk]))
    page = _page(client_in, case)
    gone = {row["label"]: (row["saved"], row["now"]) for row in page.context["drift"]}
    assert gone == {
        category_label("other_income"): (Decimal("1.90"), None),
        category_label("housing"): (Decimal("33.33"), None),
        category_label("care"): (Decimal("149.56"), None),
        category_label("food"): (Decimal("6.39"), None),
    }  # the salary was typed: not a bill figure
    assert "账单里没有了" in page.content.decode()


def test_a_statement_typed_by_hand_is_never_compared(client_in, case):
    _wechat(client_in, case)
    page = _page(client_in, case)
    data = _form_values(page.content.decode())
    food = next(r.prefix for r in page.context["form"].line_rows if r.category == "food" and not r.free)
    data.update({f"{food}_amount": "500", "adults": "1", "housing": "rent"})
    assert client_in.post(reverse("budget:statement", args=[case.pk]), data).status_code == 302
    assert "drift" not in _page(client_in, case).context


def test_a_prefilled_figure_typed_over_is_the_persons_and_raises_no_warning(client_in, case):
    _wechat(client_in, case)
    page = _page(client_in, case, prefill="1")
    data = _form_values(page.content.decode())
    housing = next(r.prefix for r in page.context["form"].line_rows if r.category == "housing" and not r.free)
    assert data[f"{housing}_note"] == "按 15 个月账单平均"
    data[f"{housing}_amount"] = "1500"  # the real rent, not the bills' 33.33 a month
    assert client_in.post(reverse("budget:statement", args=[case.pk]), data).status_code == 302
    stored = Case.objects.get(pk=case.pk).sections["budget"]["expenses"]
    assert {"category": "housing", "amount": "1500.00"} in stored  # the bills' note no longer claims it
    after = _page(client_in, case)
    assert after.context["drift"] == [] and 'data-testid="bill-drift"' not in after.content.decode()
