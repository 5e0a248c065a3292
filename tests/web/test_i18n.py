"""The English translation is complete and compiled (locale/en/LC_MESSAGES)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

import xieshang
from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case
from xieshang.cases.templatetags.xs_format import lang
from xieshang.core.bilingual import Text
from xieshang.core.money import NOT_A_NUMBER

from .page_language import chinese_left, kept_as_written, section, text_of

LOCALE = Path(xieshang.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_every_message_has_an_english_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if re.search(r'^msgid "(.+)"', e, re.M)]
    assert len(entries) > 150
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) or "#, fuzzy" in e]
    assert untranslated == []
    assert (LOCALE / "django.mo").stat().st_size > 1000


def test_language_switch(client_in, case):
    response = client_in.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert '<html lang="en">' in page and "Total owed" in page and "共欠" not in page
    debt = case.debts.get(key="online")
    page = client_in.get(reverse("debt", args=[case.pk, debt.pk])).content.decode()
    assert "Repayment schedule" in page and "Private lending ceiling" in page


# ---- texts written by the core, on the demo case -------------------------------------------------------------


@pytest.fixture
def demo(owner) -> Case:
    return load_demo_case(owner)


def reader(owner, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(owner)
    return client


def test_debt_pages_legal_panel_and_cash_flows_in_english(owner, demo):
    """Every debt of the demo case: the legal-lines panel and the true-cost cash flows hold no Chinese but names
    and cited titles; the reasons a line does not apply read in English."""
    english, kept = reader(owner, "en"), kept_as_written(demo)
    reasons = []
    for debt in demo.debts.all():
        page = english.get(reverse("debt", args=[demo.pk, debt.pk])).content.decode()
        panel = section(page, 'aria-labelledby="lines-h"', "</section>")
        assert chinese_left(panel, kept) == [], debt
        flows = section(page, 'aria-labelledby="cost-h"', "</section>")
        assert chinese_left(flows, kept) == [], debt
        reasons.append(text_of(panel))
    assert any(
        "Does not apply: this line is for private lending; this debt is a bank loan" in r for r in reasons
    )
    assert any("allowed at the line ¥" in r for r in reasons)  # an exceeded line's sentence, in English
    assert "payment 1" in text_of(flows)


def test_debt_page_in_chinese_keeps_the_chinese_reasons(owner, demo):
    debt = demo.debts.get(key=demo.debts.order_by("pk").first().key)
    page = reader(owner, "zh-hans").get(reverse("debt", args=[demo.pk, debt.pk])).content.decode()
    panel = text_of(section(page, 'aria-labelledby="lines-h"', "</section>"))
    assert "不适用：本线适用于民间借贷" in panel and "Does not apply" not in panel
    assert "第1期还款" in text_of(section(page, 'aria-labelledby="cost-h"', "</section>"))


def test_dashboard_actions_and_reminders_in_english(owner, demo):
    """The dashboard's next actions and the reminders panel: English but for the names and written promises."""
    kept = kept_as_written(demo)
    page = reader(owner, "en").get(reverse("case", args=[demo.pk])).content.decode()
    actions = section(page, 'aria-labelledby="actions-h"', "</section>")
    reminders = section(page, 'data-testid="reminders-panel"', "</section>")
    assert chinese_left(actions, kept) == [] and chinese_left(reminders, kept) == []
    assert "a progress report" in text_of(reminders)
    chinese = reader(owner, "zh-hans").get(reverse("case", args=[demo.pk])).content.decode()
    assert "发送还款情况汇报" in text_of(section(chinese, 'data-testid="reminders-panel"', "</section>"))


def test_a_debt_without_a_true_cost_says_why_in_the_pages_language(client_in, case):
    """A fee at signing as large as the loan leaves nothing in hand: no rate of return exists."""
    debt = case.debts.get(key="bank")
    debt.upfront_fee = debt.principal
    debt.save()
    url = reverse("debt", args=[case.pk, debt.pk])
    client_in.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = text_of(client_in.get(url).content.decode())
    assert "No true cost can be computed: cash flows need both money received (+) and payments (−)" in page
    client_in.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    page = text_of(client_in.get(url).content.decode())
    assert "无法计算真实成本：现金流需要同时有收入和支出（到手金额为正，还款为负）" in page


def test_form_errors_follow_the_page_language(client_in, case):
    """A wrong amount at a field: English on English pages (its example 1.2万 is an input format), else Chinese."""
    url = reverse("payment-create", args=[case.pk, case.debts.get(key="bank").pk])
    for language, expected in (
        ("en", "not an amount of money: '很多' (write it like 1234.50, ¥1,234.50 or 1.2万)"),
        ("zh-hans", "不是金额：'很多'（请写成 1234.50、¥1,234.50 或 1.2万）"),
    ):
        client_in.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        page = client_in.post(url, {"date": "2025-03-01", "amount": "很多"}).content.decode()
        assert expected in text_of(page)


def test_the_lang_filter_picks_the_half_of_the_page_language():
    text = Text("不适用", "Does not apply")
    with translation.override("en"):
        assert [lang(text), lang("必填 / required"), lang("（为负）/ negative (−)"), lang(None)] == [
            "Does not apply",
            "required",
            "negative (−)",
            "",
        ]
    with translation.override("zh-hans"):
        assert [lang(text), lang("必填 / required"), lang(NOT_A_NUMBER)] == ["不适用", "必填", "必须是数字"]
