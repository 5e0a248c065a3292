"""One transaction's category, changed by tapping it (views/categorise.py, rules_store.choose_category).

The numbers are worked by hand from the WeChat sample (tests/fixtures/bills/deb-sig-examples/wechat), imported
alone: 30 rows count, in 15 months that have any. Spending by category before any change: food 12.00
(某餐厅, 2021-01) + 24.00 (某餐厅 ×2, 2021-12) + 59.90 (美团 9.90 + 50.00, 2023-07) = 95.90; housing 500.00
(房东, 2021-01); care 2,243.46 (亲属卡, 2021-10); uncategorised 28.16 (云膳过桥米线, 2019-09) + 1.20 (three
withdrawal fees 1.00 + 0.10 + 0.10, 2021-07) + 36.99 (YingDev, 2022-09) + 0.01 (2024-06) = 66.36. Income:
0.35 + 23.00 + 0.07 + 0.07 + 5.00 = 28.49, 28.49 / 15 = 1.8993 → 1.90 a month.
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

from django.urls import reverse

from xieshang.audit.models import Action, AuditEvent
from xieshang.budget.models import CategoryChoice, CategoryRule, ImportBatch, ImportedTransaction
from xieshang.budget.store import core_transactions
from xieshang.cases.models import Case
from xieshang.cases.reading import case_view
from xieshang.core.summary import summarise
from xieshang.importers.reference import known_lenders

from .conftest import WECHAT, bill, upload

NOODLES = "云膳过桥米线(传奇广场店)"


def _wechat(client, case) -> Case:
    response = upload(client, case, bill(WECHAT))
    assert response.status_code == 302, response.content.decode()[:2000]
    return case


def _one(case, counterparty: str, direction: str = "expense") -> ImportedTransaction:
    return ImportedTransaction.objects.filter(
        case=case, counterparty=counterparty, direction=direction
    ).first()


def _url(case, t: ImportedTransaction) -> str:
    return reverse("budget:transaction", args=[case.pk, t.key])


def _post(client, case, t, category: str, *, always: bool = False, seen: str | None = None, **extra):
    data = {"category": category, "seen": t.category if seen is None else seen}
    if always:
        data["always"] = "on"
    return client.post(_url(case, t), data, **extra)


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("file", "checkbox", "submit"):
            self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self.select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in a:
            self.values[self.select] = a.get("value") or ""


def _form_values(html: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.values


def _summary(case):
    return summarise(core_transactions(case), known_lenders())


def test_each_card_opens_its_form_and_the_form_keeps_the_list_filters(client_in, case):
    _wechat(client_in, case)
    page = client_in.get(reverse("budget:transactions", args=[case.pk]), {"uncategorised": "on"})
    noodles = _one(case, NOODLES)
    assert f'{_url(case, noodles)}?uncategorised=on"' in page.content.decode()
    assert page.content.decode().count('data-testid="txn"') == 6  # 28.16, 1.00, 0.10, 0.10, 36.99, 0.01
    form = client_in.get(_url(case, noodles), {"uncategorised": "on", "evil": "x"})
    assert form.status_code == 200
    assert 'name="back" value="uncategorised=on"' in form.content.decode()  # only the list's own keys


def test_the_choices_are_the_transactions_direction_and_the_rule_link_preselects_one(client_in, case):
    _wechat(client_in, case)
    spending = client_in.get(_url(case, _one(case, NOODLES))).context["form"]
    codes = {c for _g, group in spending.fields["category"].choices[1:] for c, _l in group}
    assert {"food", "housing", "care", "car_loan"} <= codes and not codes & {"salary", "other_income"}
    assert spending["always"].label == "以后这个对象的交易都归到这一类"
    income = client_in.get(_url(case, _one(case, "用户A", "income"))).context["form"]
    codes = {c for _g, group in income.fields["category"].choices[1:] for c, _l in group}
    assert codes == {"salary", "business", "pension", "benefits", "family_support", "other_income"}
    # the rule form reached from an uncategorised expense starts on a spending category, not 工资收入
    rules = client_in.get(reverse("budget:rules", args=[case.pk]), {"match": "x", "direction": "expense"})
    assert rules.context["form"].initial["category"] == "housing"
    assert client_in.get(reverse("budget:rules", args=[case.pk])).context["form"]["category"].value() in (
        "",
        None,
    )


def test_a_one_off_change_moves_the_amount_between_categories(client_in, case):
    """房东 500.00 (2021-01) from housing to care: care 2,243.46 + 500.00 = 2,743.46, housing gone; 2021-01 holds
    food 12.00 and care 500.00; the monthly averages over 15 months: care 2,743.46 / 15 = 182.8973 → 182.90."""
    _wechat(client_in, case)
    before = _summary(case)
    assert before.by_category["housing"] == Decimal("500.00") and before.by_category["care"] == Decimal(
        "2243.46"
    )
    revision = Case.objects.get(pk=case.pk).revision
    response = _post(client_in, case, _one(case, "房东"), "care")
    assert response.status_code == 302
    after = _summary(case)
    assert "housing" not in after.by_category
    assert after.by_category["care"] == Decimal("2743.46")
    assert next(m for m in after.months if m.month == "2021-01").by_category == {
        "food": Decimal("12.00"),
        "care": Decimal("500.00"),
    }
    assert after.average_by_category["care"] == Decimal("182.90")
    assert after.expense == before.expense  # moved, not added
    assert Case.objects.get(pk=case.pk).revision == revision + 1  # one write, through the case's lock
    event = AuditEvent.objects.filter(case_id=case.pk, action=Action.CHANGE).latest("id")
    assert (event.what_zh, event.what_en) == ("交易类别", "transaction category")


def test_the_prefilled_statement_and_the_available_amount_read_the_new_category(client_in, case):
    """云膳过桥米线 28.16 was uncategorised (left out of the prefill); as food: food 95.90 + 28.16 = 124.06,
    124.06 / 15 = 8.2707 → 8.27 a month (was 95.90 / 15 = 6.39). Prefilled and saved: available =
    1.90 − care 149.56 (2,243.46 / 15) − food 8.27 − housing 33.33 (500 / 15) = −189.26 (was −187.38)."""
    _wechat(client_in, case)
    assert _post(client_in, case, _one(case, NOODLES), "food").status_code == 302
    page = client_in.get(reverse("budget:statement", args=[case.pk]), {"prefill": "1"})
    prefilled = page.context["form"]
    food = next(r.prefix for r in prefilled.line_rows if r.category == "food" and not r.free)
    data = _form_values(page.content.decode())  # the form as the browser would send it back
    assert data[f"{food}_amount"] == "8.27"
    assert client_in.post(reverse("budget:statement", args=[case.pk]), data).status_code == 302
    assert case_view(Case.objects.get(pk=case.pk)).statement.available == Decimal("-189.26")
    dashboard = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert "−¥189.26" in dashboard or "-¥189.26" in dashboard


def test_the_choice_survives_a_re_import_and_wins_over_rules(client_in, case):
    _wechat(client_in, case)
    _post(client_in, case, _one(case, "房东"), "care")
    upload(client_in, case, bill(WECHAT))  # the same bill again: nothing new, the choice stays
    assert _one(case, "房东").category == "care"
    for batch in ImportBatch.objects.filter(case=case):  # undo the upload, then import the same bill again
        client_in.post(reverse("budget:batch-delete", args=[case.pk, batch.pk]))
    assert not ImportedTransaction.objects.filter(case=case).exists()
    _wechat(client_in, case)
    assert _one(case, "房东").category == "care"
    client_in.post(
        reverse("budget:rules", args=[case.pk]),
        {"field": "counterparty", "match": "房东", "category": "housing"},
    )
    assert _one(case, "房东").category == "care"  # a person's choice for one transaction wins over a rule
    # back to automatic: the rule decides
    assert _post(client_in, case, _one(case, "房东"), "auto").status_code == 302
    assert _one(case, "房东").category == "housing" and not CategoryChoice.objects.filter(case=case).exists()


def test_always_makes_a_rule_first_for_the_counterparty(client_in, case):
    """某餐厅 ×3 (12.00 each) are food by the platform map; "always" as social moves all three: social 36.00,
    food 95.90 − 36.00 = 59.90."""
    _wechat(client_in, case)
    response = _post(client_in, case, _one(case, "某餐厅"), "social", always=True)
    assert response.status_code == 302
    assert list(CategoryRule.objects.filter(case=case).values_list("field", "match", "category")) == [
        ("counterparty", "某餐厅", "social")
    ]
    after = _summary(case)
    assert after.by_category["social"] == Decimal("36.00") and after.by_category["food"] == Decimal("59.90")
    page = client_in.get(response["Location"])
    assert "重新分类了 3 笔交易" in page.content.decode()


def test_bad_input_is_refused_with_a_located_message_and_nothing_changes(client_in, case):
    _wechat(client_in, case)
    other = _wechat(client_in, Case.objects.create(owner=case.owner, borrower_name="另一个"))
    revision = Case.objects.get(pk=case.pk).revision
    rent = _one(case, "房东")

    ImportedTransaction.objects.filter(case=other, counterparty="房东").update(key="f" * 64)
    foreign = _one(other, "房东")  # the other case's transaction, asked for under this case
    missing = client_in.post(_url(case, foreign), {"category": "care", "seen": "housing"})
    assert missing.status_code == 404 and "这笔交易不在这个案件的账单里" in missing.content.decode()
    assert _one(other, "房东").category == "housing"

    wrong = _post(client_in, case, rent, "salary")
    assert wrong.status_code == 400 and wrong.context["form"].errors["category"] == ["支出只能归入支出类别。"]
    stale = _post(client_in, case, rent, "care", seen="food")
    assert stale.status_code == 400 and "刚刚在别处改过" in stale.content.decode()
    neutral = _one(case, "理财通", "neutral")
    assert _post(client_in, case, neutral, "food").status_code == 400
    assert "不计收支" in client_in.get(_url(case, neutral)).content.decode()

    assert Case.objects.get(pk=case.pk).revision == revision
    assert _one(case, "房东").category == "housing" and _one(case, "理财通", "neutral").category == ""
    assert not CategoryChoice.objects.exists() and not CategoryRule.objects.exists()
    assert not AuditEvent.objects.filter(case_id=case.pk, action=Action.CHANGE, what_zh="交易类别").exists()


def test_english_page(client_in, case):
    _wechat(client_in, case)
    client_in.cookies["django_language"] = "en"
    page = client_in.get(_url(case, _one(case, NOODLES)), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Always for this counterparty" in page and "Food and meals" in page
    wrong = _post(client_in, case, _one(case, NOODLES), "salary", HTTP_ACCEPT_LANGUAGE="en")
    assert "Spending can only go under a spending category." in wrong.content.decode()
