"""Card statements through the real views: uploaded one file at a time (the page's way) or all at once, the
payment history with the month the minimum was missed, the update side by side with the case, confirmed into
the card's debt — which the debt page and ``case analyze`` then carry."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from xieshang.budget.models import CardStatement, ImportBatch, ImportedTransaction, StagedBill
from xieshang.cases.models import Debt
from xieshang.cli import app

from .conftest import ALIPAY, bill, upload

CARDS = Path(__file__).resolve().parents[2] / "fixtures" / "bills" / "cards" / "bocom"
MONTHS = [CARDS / f"交通银行信用卡电子账单-2023年0{m}月.eml" for m in (1, 2, 3)]


def stage(client, case, group: str, path: Path, name: str | None = None, data: bytes | None = None):
    return client.post(
        reverse("budget:stage", args=[case.pk]), {"group": group, "file": bill(path, name, data)}
    )


def test_each_file_is_read_on_its_own_then_the_group_imported(client_in, case):
    """Four files staged: each answers with its format and counts (Alipay 10 rows read, 9 transactions, 1
    skipped); importing the group writes them in one go, redirects to the card page, and the staged bytes go."""
    group = "abcdef0123456789"
    answers = [stage(client_in, case, group, p).json() for p in (ALIPAY, *MONTHS)]
    assert all(a["ok"] for a in answers)
    assert "读到 10 行，9 笔交易，跳过 1 行" in answers[0]["text"]
    assert "交通银行信用卡（尾号 7449） 2023-02-28 账单：本期应还 ¥3,013.11" in answers[3]["text"]
    assert ImportBatch.objects.count() == 0  # nothing imported yet
    response = client_in.post(
        reverse("budget:upload", args=[case.pk]),
        {"group": group, "staged": [a["id"] for a in answers]},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 204
    assert response["X-Upload-Redirect"] == reverse("budget:cards", args=[case.pk])
    assert ImportBatch.objects.filter(case=case).count() == 4
    assert CardStatement.objects.filter(case=case).count() == 3
    assert StagedBill.objects.count() == 0


def test_a_file_that_cannot_be_read_says_why_and_is_not_imported(client_in, case):
    answer = stage(client_in, case, "abcdef0123456789", ALIPAY, "x.csv", b"hello,world\n1,2\n").json()
    assert answer["ok"] is False and "无法识别" in answer["text"]
    too_short = client_in.post(reverse("budget:stage", args=[case.pk]), {"group": "x", "file": bill(ALIPAY)})
    assert too_short.status_code == 400


def test_the_same_payment_is_counted_once_and_listed(client_in, case):
    """Alipay's 49.74 (亲友代付) and 16.03 refund were paid with card 7449; February's statement lists both. Both
    kept, the card's rows not counted: of the statement's 4 rows 2 count; its batch lists the 2 pairs."""
    response = upload(client_in, case, bill(ALIPAY), *(bill(p) for p in MONTHS))
    assert response.status_code == 302
    february = ImportBatch.objects.get(case=case, filename=MONTHS[2].name)
    assert february.added == 2 and len(february.overlaps) == 2
    assert sorted(o["amount"] for o in february.overlaps) == ["16.03", "49.74"]
    counted = ImportedTransaction.objects.filter(case=case).counted()
    assert counted.filter(amount=Decimal("49.74")).count() == 1
    assert counted.get(amount=Decimal("49.74")).source == "alipay"
    page = client_in.get(reverse("budget:upload", args=[case.pk])).content.decode()
    assert (
        "另有 2 笔与钱包账单是同一笔" in page
        and "同一笔付款出现在钱包账单和银行账单里：2 笔，只计一次" in page
    )


def test_the_same_payment_across_two_uploads_and_undo(client_in, case):
    """The statement first, Alipay later: the card's 49.74 row stops counting; undoing Alipay's upload counts it
    again."""
    upload(client_in, case, bill(MONTHS[2]))
    card_row = ImportedTransaction.objects.get(case=case, amount=Decimal("49.74"))
    upload(client_in, case, bill(ALIPAY))
    card_row.refresh_from_db()
    assert card_row.same_as is not None and card_row.same_as.source == "alipay"
    alipay = ImportBatch.objects.get(case=case, format="alipay")
    client_in.post(reverse("budget:batch-delete", args=[case.pk, alipay.pk]))
    card_row.refresh_from_db()
    assert card_row.same_as is None
    assert ImportedTransaction.objects.filter(case=case, amount=Decimal("49.74")).counted().count() == 1


def test_history_and_the_update_side_by_side(client_in, case):
    """History: December's 150.00 minimum paid (150.00 on 20 January), January's 148.82 not (100.00 by 28
    February: 48.82 short), February not yet known. The case has no card debt: the proposal creates one from the
    latest statement — 3,013.11 from 2023-02-28, due day 28, daily 0.050 %."""
    upload(client_in, case, *(bill(p) for p in MONTHS))
    page = client_in.get(reverse("budget:cards", args=[case.pk])).content.decode()
    assert "交通银行信用卡（尾号 7449）" in page
    assert "未还足最低还款额" in page and "差 ¥48.82" in page and "有 1 个月到期前没有还足最低还款额" in page
    assert "已还最低还款额" in page and "还没有下期账单" in page
    assert "¥3,013.11" in page and "每月 28 日" in page and "0.050%" in page
    assert "确认：按账单加入债务清单" in page


def test_confirm_creates_the_card_debt_which_the_debt_page_and_case_analyze_carry(client_in, case, tmp_path):
    """The debt is the February statement: 3,013.11 from 2023-02-28, due 2023-03-28, minimum 150.66. Analysed
    on 2023-03-29 with nothing paid: 1 day overdue, the overdue amount is the statement's minimum 150.66, the fee
    is the statement's 10 yuan floor (5 % of 150.66 = 7.53 < 10)."""
    upload(client_in, case, *(bill(p) for p in MONTHS))
    response = client_in.post(reverse("budget:card-confirm", args=[case.pk, "bocom-7449"]), {"debt": "new"})
    debt = Debt.objects.get(case=case, creditor="交通银行信用卡（尾号 7449）")
    assert response.status_code == 302 and response["Location"] == debt.get_absolute_url()
    assert (debt.principal, debt.start_date.isoformat(), debt.method) == (
        Decimal("3013.11"),
        "2023-02-28",
        "revolving",
    )
    assert debt.more["revolving"]["due_day"] == 28
    assert CardStatement.objects.filter(case=case, debt=debt).count() == 3
    page = client_in.get(debt.get_absolute_url()).content.decode()
    assert "¥3,013.11" in page and "2023-03-28" in page
    exported = client_in.get(reverse("case-export", args=[case.pk]), {"numbers": "full"}).content
    path = tmp_path / "case.yaml"
    path.write_bytes(exported)
    result = CliRunner().invoke(app, ["case", "analyze", "--json", "--as-of", "2023-03-01", str(path)])
    assert result.exit_code == 0, result.output
    card = next(
        d for d in json.loads(result.output)["debts"] if d["creditor"] == "交通银行信用卡（尾号 7449）"
    )
    assert card["outstanding"]["principal"] == "3013.11" and card["method"] == "revolving"


def test_confirm_updates_the_existing_card_debt_shown_side_by_side(client_in, case):
    """A card debt already in the case (principal 2,000.00, creditor names 交通银行): compared and updated in place,
    its id and creditor kept."""
    upload(client_in, case, *(bill(p) for p in MONTHS))
    client_in.post(reverse("budget:card-confirm", args=[case.pk, "bocom-7449"]), {"debt": "new"})
    debt = Debt.objects.get(case=case, method="revolving")
    debt.principal = Decimal("2000.00")
    debt.save()
    page = client_in.get(reverse("budget:cards", args=[case.pk])).content.decode()
    assert "¥2,000.00" in page and "案件中现在" in page and "按账单更新" in page
    client_in.post(reverse("budget:card-confirm", args=[case.pk, "bocom-7449"]), {"debt": str(debt.pk)})
    debt.refresh_from_db()
    assert (
        debt.principal == Decimal("3013.11")
        and Debt.objects.filter(case=case, method="revolving").count() == 1
    )


def test_a_debt_of_another_case_cannot_be_updated(client_in, case, owner):
    from xieshang.cases.case_writes import import_case_text

    from ..conftest import SMALL_CASE

    other = import_case_text(owner, SMALL_CASE, source_name="other.yaml")
    upload(client_in, case, bill(MONTHS[2]))
    foreign = other.debts.first()
    response = client_in.post(
        reverse("budget:card-confirm", args=[case.pk, "bocom-7449"]), {"debt": str(foreign.pk)}
    )
    assert response.status_code == 404


def test_the_same_statement_twice_is_kept_once(client_in, case):
    upload(client_in, case, bill(MONTHS[2]))
    upload(client_in, case, bill(MONTHS[2], "again.eml"))
    assert CardStatement.objects.filter(case=case).count() == 1


def test_card_page_in_english(owner, case):
    """The card page in English shows no Chinese it wrote itself: the bank's name, the card, the history's words
    and the side-by-side rows are translated; only the statement's own late-fee sentence is not shown at all."""
    from django.test import Client

    from ..page_language import chinese_left, kept_as_written, section

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    upload(client, case, *(bill(p) for p in MONTHS))
    page = client.get(reverse("budget:cards", args=[case.pk])).content.decode()
    assert "Bank of Communications credit card (ending 7449)" in page and "Minimum not paid" in page
    main = section(page, "<h1>", "</main>")
    assert chinese_left(main, kept_as_written(case)) == []


ROOT = CARDS.parent
EACH_BANK = [
    # (file, card key, balance, first due date the debt shows)
    ("cmb/招商银行信用卡电子账单-2026年08月.eml", "cmb-2046", "1927.79", "2026-08-26"),
    ("cmb/招商银行信用卡对账单-rebuilt.pdf", "cmb-9999", "100.00", "2025-01-02"),
    ("bocom/page.html", "bocom-6666", "6666.66", "2024-02-28"),
    ("ccb/中国建设银行信用卡电子账单-2026年04月.eml", "ccb-5574", "2282.54", "2026-05-12"),
    ("icbc/中国工商银行信用卡对账单-2026年06月.eml", "icbc-3443", "5277.69", "2026-07-10"),
    ("citic/中信银行信用卡电子账单-2026年08月.eml", "citic-5983", "965.00", "2026-09-01"),
    ("cgb/广发信用卡2026年07月电子账单.eml", "cgb-1119", "3810.78", "2026-08-15"),
    ("spdb/浦发银行-信用卡电子账单-2026年08月.eml", "spdb-account", "1182.63", "2026-09-08"),
    # The desensitised BOC sample prints its due date (01-17) before its statement date (01-18): the debt's
    # first due date is the next 17th after the statement.
    ("boc/中国银行信用卡账单-rebuilt.pdf", "boc-5400", "588.49", "2025-02-17"),
]


@pytest.mark.parametrize(
    ("relative", "key", "balance", "due"), EACH_BANK, ids=[k for _f, k, _b, _d in EACH_BANK]
)
def test_each_banks_statement_becomes_the_card_debt(client_in, case, relative, key, balance, due):
    """Imported into the case, the statement's balance is proposed and, confirmed, is the debt's principal from
    the statement date; the debt page shows the first due date."""
    upload(client_in, case, bill(ROOT / relative))
    page = client_in.get(reverse("budget:cards", args=[case.pk])).content.decode()
    assert f'data-testid="card-{key}"' in page
    client_in.post(reverse("budget:card-confirm", args=[case.pk, key]), {"debt": "new"})
    debt = Debt.objects.get(case=case, method="revolving")
    assert debt.principal == Decimal(balance)
    assert due in client_in.get(debt.get_absolute_url()).content.decode()
