"""Debt discovery (views/discovery.py): repayments to known lenders listed; confirming opens the debt form
prefilled and saves through the case file's rules."""

from __future__ import annotations

from django.urls import reverse

from xieshang.budget.models import ConfirmedDebt
from xieshang.cases.models import Debt

CONFIRM = {
    "creditor": "建设银行信用卡",
    "lender_type": "credit_card",
    "method": "equal_installment",
    "principal": "5000",
    "start_date": "2017-06-01",
    "term_months": "12",
    "annual_rate": "18",
    "status": "not_contacted",
    "confirm": "1",
}


def test_list_shows_the_credit_card_repayment(client_in, imported):
    page = client_in.get(reverse("budget:debts", args=[imported.pk])).content.decode()
    assert "信用卡还款" in page and "¥548.58" in page and "确认为债务" in page


def test_confirm_form_is_prefilled_from_the_bills(client_in, imported):
    response = client_in.get(
        reverse("budget:confirm-debt", args=[imported.pk]), {"counterparty": "信用卡还款"}
    )
    initial = response.context["form"].initial
    assert initial["creditor"] == "建设银行信用卡还款" and initial["lender_type"] == "credit_card"
    assert "548.58" in initial["notes"]


def test_unknown_counterparty_is_not_found(client_in, imported):
    url = reverse("budget:confirm-debt", args=[imported.pk])
    assert client_in.get(url, {"counterparty": "没有这个"}).status_code == 404


def test_missing_terms_are_asked_for_and_nothing_is_saved(client_in, imported):
    before = Debt.objects.count()
    data = {**CONFIRM, "counterparty": "信用卡还款", "principal": ""}
    response = client_in.post(reverse("budget:confirm-debt", args=[imported.pk]), data)
    assert response.status_code == 400 and "principal" in response.context["form"].errors
    assert Debt.objects.count() == before and ConfirmedDebt.objects.count() == 0


def test_confirm_creates_the_debt_and_marks_it(client_in, imported):
    data = {**CONFIRM, "counterparty": "信用卡还款"}
    response = client_in.post(reverse("budget:confirm-debt", args=[imported.pk]), data)
    debt = imported.debts.get(creditor="建设银行信用卡")
    assert response.status_code == 302 and response["Location"] == debt.get_absolute_url()
    assert ConfirmedDebt.objects.get().debt == debt
    page = client_in.get(reverse("budget:debts", args=[imported.pk])).content.decode()
    assert "已加入债务清单" in page
