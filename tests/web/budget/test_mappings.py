"""The column-mapping step (views/mappings.py): an unknown bank layout is kept and shown, the user maps its
columns, previews, saves the mapping while importing (one transaction); the next file with the same header is
read through the saved mapping without asking. Bad mappings get located Chinese messages, nothing saved."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from xieshang.budget.models import ImportBatch, ImportedTransaction, PendingUpload, SavedMapping
from xieshang.core.transactions import totals

from .conftest import BANK_APRIL, BANK_MAY, WECHAT, bank_csv, bill, upload

# Columns of the test bank's header row (日期,摘要,对方户名,收入金额,支出金额,余额), by position.
GOOD = {
    "header_row": "3",
    "time": "0",
    "description": "1",
    "counterparty": "2",
    "income": "3",
    "expense": "4",
    "income_values": "收入",
    "expense_values": "支出",
    "name": "农商行流水",
}


def _start(client, case):
    response = upload(client, case, bill(WECHAT, "农商行.csv", bank_csv(BANK_APRIL)))
    pending = PendingUpload.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:mapping", args=[case.pk, pending.pk])
    return reverse("budget:mapping", args=[case.pk, pending.pk])


def test_unknown_layout_goes_to_the_mapping_step_with_the_first_rows(client_in, case):
    url = _start(client_in, case)
    page = client_in.get(url).content.decode()
    assert "某某农村商业银行" in page and "华联超市" in page  # the first rows as the file has them
    assert '<option value="3" selected>' in page  # the header row guessed: the widest row of words
    assert "D：收入金额" in page
    assert ImportedTransaction.objects.count() == 0


def test_preview_shows_the_transactions_and_saves_nothing(client_in, case):
    """April: income 8,000.00 (工资); spending 256.40 + 1,500.00 + 820.00 = 2,576.40 in 3 rows."""
    url = _start(client_in, case)
    page = client_in.post(url, {**GOOD, "action": "preview"}).content.decode()
    assert "读到 4 笔交易：收入 ¥8,000.00，支出 ¥2,576.40。" in page
    assert SavedMapping.objects.count() == 0 and ImportedTransaction.objects.count() == 0


def test_save_imports_with_the_mapping_in_one_go(client_in, case):
    url = _start(client_in, case)
    response = client_in.post(url, {**GOOD, "action": "save"})
    assert response.status_code == 302
    saved = SavedMapping.objects.get(case=case)
    assert saved.name == "农商行流水"
    assert saved.mapping == {
        "time": "日期",
        "income": "收入金额",
        "expense": "支出金额",
        "counterparty": "对方户名",
        "description": "摘要",
    }
    assert not PendingUpload.objects.filter(case=case).exists()
    rows = ImportedTransaction.objects.filter(case=case).counted()
    assert rows.count() == 4
    assert sorted(rows.values_list("amount", flat=True)) == [
        Decimal("256.40"),
        Decimal("820.00"),
        Decimal("1500.00"),
        Decimal("8000.00"),
    ]
    assert ImportBatch.objects.get(case=case).format == "generic"


def test_the_next_file_with_the_same_header_is_read_by_the_saved_mapping(client_in, case):
    """May has one more preamble line; its header is the same, so the saved mapping reads it: 工资 8,000.00 and
    微粒贷 820.00 are added (4 + 2 = 6 rows)."""
    client_in.post(_start(client_in, case), {**GOOD, "action": "save"})
    response = upload(client_in, case, bill(WECHAT, "农商行-5月.csv", bank_csv(BANK_MAY)), follow=True)
    page = response.content.decode()
    assert "“农商行-5月.csv”按保存的列映射“农商行流水”读取。" in page
    rows = ImportedTransaction.objects.filter(case=case).counted()
    assert rows.count() == 6
    from xieshang.budget.store import core_transactions

    t = totals(core_transactions(case))
    assert (t.income, t.expense) == (Decimal("16000.00"), Decimal("3396.40"))


def test_a_cell_that_does_not_fit_is_named_by_row_and_role(client_in, case):
    """支出 mapped to 摘要 by mistake: row 4 (the first data row, after two preamble lines and the header)
    holds 工资 there, which is not an amount."""
    url = _start(client_in, case)
    response = client_in.post(url, {**GOOD, "expense": "1", "description": "", "action": "save"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "第 4 行：支出金额列“摘要”：不是金额（&#x27;工资&#x27;）" in page
    assert 'id="id_expense_error"' in page  # shown at the field
    assert SavedMapping.objects.count() == 0 and ImportedTransaction.objects.count() == 0


def test_missing_time_and_a_column_used_twice(client_in, case):
    url = _start(client_in, case)
    response = client_in.post(url, {**GOOD, "time": "", "action": "save"})
    assert response.status_code == 400
    assert 'id="id_time_error"' in response.content.decode()
    twice = client_in.post(url, {**GOOD, "counterparty": "1", "action": "save"}).content.decode()
    assert "这一列已选作“交易对方列”" in twice and 'id="id_description_error"' in twice
    no_amount = client_in.post(url, {**GOOD, "income": "", "expense": "", "action": "save"})
    assert "必填：金额列，或收入列/支出列" in no_amount.content.decode()
    assert SavedMapping.objects.count() == 0


def test_saved_mapping_listed_and_deleted(client_in, case):
    client_in.post(_start(client_in, case), {**GOOD, "action": "save"})
    saved = SavedMapping.objects.get(case=case)
    page = client_in.get(reverse("budget:upload", args=[case.pk])).content.decode()
    assert "农商行流水" in page
    client_in.post(reverse("budget:mapping-delete", args=[case.pk, saved.pk]))
    assert not SavedMapping.objects.exists()
    assert ImportedTransaction.objects.filter(case=case).counted().count() == 4  # the import stays


def test_someone_elses_pending_file_is_not_found(client_in, case, django_user_model):
    from django.test import Client

    url = _start(client_in, case)
    other = Client()
    other.force_login(django_user_model.objects.create(username="other"))
    assert other.get(url).status_code == 404
    assert other.post(url, {**GOOD, "action": "save"}).status_code == 404
    assert ImportedTransaction.objects.count() == 0
