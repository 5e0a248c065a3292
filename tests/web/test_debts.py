"""Debt pages and forms (views/debts.py): the case file's rules judge the input, nothing saved on error."""

from __future__ import annotations

from django.urls import reverse

from xieshang.cases.models import Debt, DebtStatus

GOOD = {
    "creditor": "某消费金融公司",
    "lender_type": "consumer_finance",
    "method": "equal_installment",
    "principal": "¥20,000",
    "received": "19400",
    "start_date": "2025-03-01",
    "term_months": "12",
    "annual_rate": "18",
    "status": "not_contacted",
}


def test_create_debt_through_the_form(client_in, case):
    response = client_in.post(reverse("debt-create", args=[case.pk]), GOOD)
    assert response.status_code == 302
    debt = case.debts.get(creditor="某消费金融公司")
    assert str(debt.principal) == "20000.00" and str(debt.received) == "19400.00"
    assert debt.key == "debt-1"  # the case's first number: never a count, so never a deleted debt's


def test_a_new_debt_never_takes_the_number_of_a_deleted_one(client_in, case):
    """debt-1 created, deleted, another created: it is debt-2 (a count + 1 would give debt-1 again, and the
    evidence recorded for the deleted debt would be shown under the new one)."""
    client_in.post(reverse("debt-create", args=[case.pk]), GOOD)
    first = case.debts.get(creditor="某消费金融公司")
    assert client_in.post(reverse("debt-delete", args=[case.pk, first.pk])).status_code == 302
    client_in.post(reverse("debt-create", args=[case.pk]), {**GOOD, "creditor": "另一家公司"})
    assert case.debts.get(creditor="另一家公司").key == "debt-2"


def test_invalid_input_shows_chinese_messages_inline_and_saves_nothing(client_in, case):
    before = Debt.objects.count()
    bad = {**GOOD, "principal": "很多", "received": "30000", "start_date": "2025-13-01", "term_months": "0"}
    response = client_in.post(reverse("debt-create", args=[case.pk]), bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "未保存任何数据" in page
    form = response.context["form"]
    assert set(form.errors) >= {"principal", "start_date", "term_months"}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for ms in form.errors.values() for m in ms)
    assert " / " not in "".join(m for ms in form.errors.values() for m in ms)  # only the Chinese half
    assert Debt.objects.count() == before


def test_duplicate_key_is_refused(client_in, case):
    response = client_in.post(reverse("debt-create", args=[case.pk]), {**GOOD, "key": "bank"})
    assert response.status_code == 400 and "key" in response.context["form"].errors


def test_edit_keeps_payments_and_fields_not_on_the_form(client_in, case):
    debt = case.debts.get(key="bank")
    debt.more = {**debt.more, "late_fee_fixed": "50.00"}
    debt.save()
    form = client_in.get(reverse("debt-edit", args=[case.pk, debt.pk])).context["form"]
    data = {**{k: v for k, v in form.initial.items() if v not in (None, "")}, "annual_rate": "10"}
    response = client_in.post(reverse("debt-edit", args=[case.pk, debt.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    debt.refresh_from_db()
    assert debt.annual_rate == 10
    assert debt.payments.count() == 1 and debt.more.get("late_fee_fixed") == "50.00"


def test_debt_page_shows_schedule_cost_overdue_and_lines(client_in, case):
    debt = case.debts.get(key="online")
    page = client_in.get(reverse("debt", args=[case.pk, debt.pk])).content.decode()
    for heading in ("还款计划", "真实成本", "逾期明细", "法律参考线", "已记录的还款", "12378", "12348"):
        assert heading in page
    assert "¥10,000.00" in page and "2025-07-01" in page  # principal and the first due date, formatted


def test_delete_debt(client_in, case):
    debt = case.debts.get(key="online")
    assert client_in.post(reverse("debt-delete", args=[case.pk, debt.pk])).status_code == 302
    assert not case.debts.filter(pk=debt.pk).exists()


def test_status_change_by_htmx_returns_the_badge(client_in, case):
    debt = case.debts.get(key="bank")
    response = client_in.post(
        reverse("debt-status", args=[case.pk, debt.pk]), {"status": "negotiating"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "协商中" in response.content.decode()
    debt.refresh_from_db()
    assert debt.status == DebtStatus.NEGOTIATING
    assert (
        client_in.post(reverse("debt-status", args=[case.pk, debt.pk]), {"status": "bogus"}).status_code
        == 400
    )
