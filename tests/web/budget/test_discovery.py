"""Debt discovery (views/discovery.py): repayments to known lenders listed; confirming opens the debt form
prefilled and saves through the case file's rules."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.urls import reverse

from xieshang.budget.models import ConfirmedDebt
from xieshang.cases.convert import core_case
from xieshang.cases.models import Debt
from xieshang.view import CaseView

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


CARD = {
    "creditor": "建设银行信用卡",
    "lender_type": "credit_card",
    "method": "revolving",
    "principal": "10,000.00",  # the statement balance
    "start_date": "2026-01-05",  # the statement date
    "daily_rate": "0.05",
    "due_day": "25",
    "statement_minimum": "1000",
    "min_payment_rate": "10",
    "status": "not_contacted",
    "confirm": "1",
    "counterparty": "信用卡还款",
}


def test_a_revolving_card_confirmed_from_bills_carries_its_terms_and_accrues_interest(client_in, imported):
    """Statement of 2026-01-05: ¥10,000.00, minimum ¥1,000.00 due 2026-01-25, 0.05 % a day; nothing paid; the
    case is analysed on 2026-03-15.

    Jan 25 minimum missed: 违约金 5 % × 1,000 = 50.00. Interest Jan 5 → Feb 5, 31 days: 10,000 × 0.05 % × 31 =
    155.00. Feb 5 statement 10,205.00, minimum 1,020.50 missed: 违约金 51.03. Feb 5 → Mar 5, 28 days on
    10,155.00: 142.17. Mar 5 → Mar 15, 10 days on 10,297.17: 51.49. Interest owed 155.00 + 142.17 + 51.49 =
    348.66; fees 101.03; total 10,449.69; overdue (the latest minimum) 1,020.50, 49 days since Jan 25.
    The nominal rate is 0.05 % × 365 = 18.25 %; the term is revolving (no fixed number of months); the
    minimum-payment schedule charges interest from its second row (Jan 5 → Feb 5 on 10,000 for 20 days and
    9,000 for 11: 100.00 + 49.50 = 149.50).
    """
    response = client_in.post(reverse("budget:confirm-debt", args=[imported.pk]), CARD)
    assert response.status_code == 302, response.context["form"].errors
    debt = imported.debts.get(creditor="建设银行信用卡")
    assert debt.more["revolving"] == {
        "statement_day": 5, "due_day": 25, "min_payment_rate": 10, "min_payment_floor": "100.00",
        "late_fee_rate": 5, "late_fee_min": "0.00", "statement_minimum": "1000.00",
    }  # fmt: skip
    page = client_in.get(debt.get_absolute_url())
    analysis = page.context["analysis"]
    assert analysis.overdue.outstanding.interest == Decimal("348.66")
    assert analysis.overdue.outstanding.fees == Decimal("101.03")
    assert analysis.overdue.outstanding.total == Decimal("10449.69")
    assert (analysis.overdue.overdue_total, analysis.overdue.days_overdue) == (Decimal("1020.50"), 49)
    assert analysis.schedule.periods[1].interest == Decimal("149.50")
    html = page.content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "循环，无固定期数" in text and "期数（月） 0" not in text
    assert "合同名义年利率 18.25%" in text and "日利率 0.050%" in text
    assert "每月 5 日 / 25 日" in text and "未还的最低还款额" in text
    positions = CaseView.of(core_case(imported), date(2026, 3, 15)).positions
    card = next(p for p in positions if p.creditor == "建设银行信用卡")
    assert card.monthly_rate == Decimal("0.1825") / 12  # the plan projection accrues the card's interest


def test_the_confirm_form_of_a_card_says_where_the_bills_figures_go(client_in, imported):
    response = client_in.get(
        reverse("budget:confirm-debt", args=[imported.pk]), {"counterparty": "信用卡还款"}
    )
    form = response.context["form"]
    assert form.initial["method"] == "revolving" and form.initial["min_payment_rate"] == "10"
    assert "本期应还金额" in str(form.fields["principal"].help_text)
    assert "账单日期" in str(form.fields["start_date"].help_text)
    assert "0.05" in str(form.fields["daily_rate"].help_text)
    page = response.content.decode()
    assert "账单日" in page and "到期还款日" in page and "本期最低还款额（元）" in page


def test_a_card_without_a_rate_is_asked_for_one_in_peoples_words(client_in, imported):
    data = {k: v for k, v in CARD.items() if k != "daily_rate"}
    response = client_in.post(reverse("budget:confirm-debt", args=[imported.pk]), data)
    assert response.status_code == 400
    messages = [m for ms in response.context["form"].errors.values() for m in ms]
    assert messages == ["信用卡循环需要年利率或日利率"]
    assert not any(re.search(r"[a-z]+_[a-z]+|revolving", m) for m in messages)
