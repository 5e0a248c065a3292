"""The debt page shows the working of the excess period by period, the credit and payments not yet counted;
the debt and payment forms refuse dates after today unless confirmed planned, and take the 助贷 flag."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Debt

from .page_language import section
from .page_language import text_of as _text_of


def text_of(html: str) -> str:
    """The page's text with every run of white space as one space."""
    return " ".join(_text_of(html).split())


FRIEND = """\
version: 1
as_of: 2026-11-29
borrower: {name: 张三}
debts:
  - id: friend
    creditor: 朋友李四
    lender_type: private
    principal: "10000.00"
    received: "9000.00"
    start_date: 2025-06-01
    term_months: 12
    method: bullet
    annual_rate: 10
    penalty_rate_multiplier: 1.5
    compound_overdue_interest: true
    payments:
      - {date: 2026-12-20, amount: "500.00"}
"""

GOOD = {
    "creditor": "某城商银行",
    "lender_type": "bank",
    "method": "equal_installment",
    "principal": "12000",
    "start_date": "2025-11-01",
    "term_months": "12",
    "annual_rate": "18",
    "status": "not_contacted",
}


def friend_page(client, owner) -> str:
    case = import_case_text(owner, FRIEND, "friend.yaml")
    debt = case.debts.get()
    return client.get(reverse("debt", args=[case.pk, debt.pk])).content.decode()


def test_the_debt_page_shows_each_period_against_the_line(client_in, owner):
    """The ¥10,000 private loan (¥9,000 received), 181 days overdue, against 4 × LPR = 12 %:
    term 9,000 × 12 % × 1 year = 1,080.00 against 2,000.00 charged → 920.00;
    overdue 9,000 × 12 % × 181/365 = 535.56 against 818.22 → 282.66; together 1,202.66."""
    page = friend_page(client_in, owner)
    panel = section(page, 'aria-labelledby="lines-h"', "</section>")
    text = text_of(panel)
    assert panel.count('data-testid="excess-period"') == 2
    assert "合同期内 2025-06-01 – 2026-06-01" in text and "逾期期间 2026-06-02 – 2026-11-29" in text
    assert "¥9,000.00 × 12.00% × 1 年 = ¥1,080.00" in text
    assert "预先扣除（砍头息） ¥1,000.00" in text and "本期超出 ¥920.00" in text
    assert "¥9,000.00 × 12.00% × 0.4959 年 = ¥535.56" in text and "本期超出 ¥282.66" in text
    assert "逐期超出合计 ¥1,202.66" in text


def test_a_payment_after_the_analysis_date_is_listed_as_not_counted_with_a_warning(client_in, owner):
    page = friend_page(client_in, owner)
    warnings = text_of(section(page, 'data-testid="debt-warnings"', "</div>"))
    assert "1 笔还款（合计 ¥500.00）日期晚于计算日 2026-11-29，尚未计入" in warnings
    payments = text_of(section(page, 'aria-labelledby="payments-h"', "</section>"))
    assert "2026-12-20 尚未计入" in payments


def test_the_page_in_english_explains_the_periods_in_english(owner):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    text = text_of(section(friend_page(client, owner), 'aria-labelledby="lines-h"', "</section>"))
    assert "Contract term 2025-06-01 – 2026-06-01" in text and "Overdue period" in text
    assert "headroom left in one period never offsets charges above the line in another" in text


def test_a_credit_shows_on_the_debt_page(client_in, case):
    """The fixture's bank loan (12,000 at 12 % over 12 months) paid 20,000 in full on its first due date:
    instalment 1 (1,066.19) and the 11,053.81 of principal left; 20,000 − 12,120.00 = 7,880.00 is a credit."""
    debt = case.debts.get(key="bank")
    debt.payments.update(amount="20000.00")
    page = client_in.get(reverse("debt", args=[case.pk, debt.pk])).content.decode()
    assert "多还（可要求退还或抵扣）" in page
    assert "¥7,880.00" in text_of(section(page, 'data-testid="debt-credit"', "</div>"))


def test_a_payment_dated_after_today_needs_confirming_as_planned(client_in, case):
    debt = case.debts.get(key="bank")
    url = reverse("payment-create", args=[case.pk, debt.pk])
    later = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client_in.post(url, {"date": later, "amount": "100"})
    assert response.status_code == 400
    (message,) = response.context["form"].errors["date"]
    assert message.startswith(f"{later} 在今天之后") and 'data-testid="planned"' in response.content.decode()
    assert debt.payments.count() == 1
    response = client_in.post(url, {"date": later, "amount": "100", "planned": "on"})
    assert response.status_code == 302 and debt.payments.count() == 2


def test_a_loan_starting_after_today_needs_confirming_as_planned(client_in, case):
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    url = reverse("debt-create", args=[case.pk])
    response = client_in.post(url, {**GOOD, "start_date": later})
    assert response.status_code == 400 and "start_date" in response.context["form"].errors
    assert not Debt.objects.filter(creditor="某城商银行").exists()
    assert client_in.post(url, {**GOOD, "start_date": later, "planned": "on"}).status_code == 302


def test_the_assisted_lending_flag_is_saved_and_decides_the_2025_line(client_in, case):
    """A bank loan of 2025-11-01 marked as arranged through a platform is measured against the reported 24 %
    assisted-lending line; the flag round-trips through the edit form."""
    response = client_in.post(reverse("debt-create", args=[case.pk]), {**GOOD, "assisted_lending": "yes"})
    assert response.status_code == 302
    debt = case.debts.get(creditor="某城商银行")
    assert debt.more["assisted_lending"] is True
    page = text_of(client_in.get(reverse("debt", args=[case.pk, debt.pk])).content.decode())
    assert "助贷业务综合融资成本" in page and "经平台撮合（助贷） 是" in page
    edit = client_in.get(reverse("debt-edit", args=[case.pk, debt.pk]))
    assert edit.context["form"].initial["assisted_lending"] == "yes"


def test_a_csv_with_payments_after_today_names_the_lines_unless_confirmed(client_in, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    debt = case.debts.get(key="bank")
    url = reverse("payment-import", args=[case.pk, debt.pk])
    later = (timezone.localdate() + timedelta(days=40)).isoformat()
    text = f"日期,金额\n2025-03-10,1066.19\n{later},1066.19\n"

    def upload(**extra: str):
        return client_in.post(url, {"file": SimpleUploadedFile("p.csv", text.encode()), **extra})

    response = upload()
    assert response.status_code == 400 and debt.payments.count() == 1
    (problem,) = response.context["problems"]
    assert problem.startswith(f"第 3 行 日期 {later} 在今天之后")
    assert upload(planned="on").status_code == 302 and debt.payments.count() == 3


def test_the_lines_that_apply_come_first_and_the_others_are_folded_away_still_cited(client_in, owner):
    """A private loan: the private-lending lines apply; the lines for banks, cash loans and assisted lending do
    not, and sit in one folded list that says how many there are (each keeps its reason and source)."""
    page = friend_page(client_in, owner)
    panel = section(page, 'aria-labelledby="lines-h"', "</section>")
    shown, folded = panel.split('data-testid="other-lines"')
    assert "民间借贷" in text_of(shown) and "不适用" not in text_of(shown)
    count = folded.count('class="line"')
    assert count >= 2 and f"另有 {count} 条参考线不适用于这笔债务" in text_of(folded)
    assert folded.count('class="cite"') == count
