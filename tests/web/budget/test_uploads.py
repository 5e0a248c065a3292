"""Uploading bills (views/uploads.py): several files at once, content-detected, all or nothing, de-duplicated
across uploads, size limit from settings, hostile file names shown as plain text."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from xieshang.budget.models import ImportBatch, ImportedTransaction

from .conftest import ALIPAY, BILLS, WECHAT, bill, upload


def test_upload_page_offers_several_files_and_the_limit(client_in, case):
    page = client_in.get(reverse("budget:upload", args=[case.pk])).content.decode()
    assert "multiple" in page and "data-max-bytes" in page and "20 MB" in page


def test_alipay_and_wechat_together(client_in, case):
    """Alipay gives 9 rows, WeChat 30; the full 一卡通 refund nets its payment (50.00 against 50.00: neither
    counts), so 37 transactions count, in two batches (one per file); the netted pair is kept (39 rows) so the
    same rows in a later export are recognised."""
    response = upload(client_in, case, bill(ALIPAY), bill(WECHAT))
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:transactions", args=[case.pk])
    assert ImportedTransaction.objects.filter(case=case).counted().count() == 37
    assert ImportedTransaction.objects.filter(case=case).count() == 39
    formats = sorted(ImportBatch.objects.filter(case=case).values_list("format", flat=True))
    assert formats == ["alipay", "wechat"]
    assert sum(ImportBatch.objects.filter(case=case).values_list("added", flat=True)) == 37


def test_the_same_export_again_adds_nothing(client_in, imported):
    upload(client_in, imported, bill(WECHAT, "again.csv"))
    assert ImportedTransaction.objects.filter(case=imported).counted().count() == 37
    again = ImportBatch.objects.get(case=imported, filename="again.csv")
    assert again.added == 0 and again.duplicates == 30


def test_a_bad_file_imports_nothing_and_says_which(client_in, case):
    response = upload(client_in, case, bill(ALIPAY), bill(WECHAT, "broken.csv", b"hello,world\n1,2\n"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "broken.csv" in page and "无法识别的账单格式" in page
    assert ImportedTransaction.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_a_pdf_renamed_csv_is_judged_by_content(client_in, case):
    response = upload(client_in, case, bill(WECHAT, "bill.csv", b"%PDF-1.7 ...."))
    assert response.status_code == 400 and "PDF" in response.content.decode()


def test_size_limit_from_settings(client_in, case, settings):
    settings.BILL_MAX_BYTES = 1024
    response = upload(client_in, case, bill(WECHAT))
    assert response.status_code == 400
    assert "超过上限 1 KB" in response.content.decode()
    assert ImportedTransaction.objects.count() == 0


def test_hostile_file_name_is_harmless(client_in, case):
    name = "..\\..\\etc/<img src=x onerror=alert(1)>\u202e\x07vsc.csv"
    response = upload(client_in, case, bill(WECHAT, name))
    assert response.status_code == 302
    batch = ImportBatch.objects.get(case=case)
    assert (
        batch.filename.startswith("<img")
        and "\\" not in batch.filename
        and "\u202e" not in batch.filename
        and "\x07" not in batch.filename
    )
    page = client_in.get(reverse("budget:upload", args=[case.pk])).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_script_upload_gets_the_next_page_in_a_header(client_in, case):
    response = upload(client_in, case, bill(WECHAT), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 204
    assert response["X-Upload-Redirect"] == reverse("budget:transactions", args=[case.pk])


def test_undo_an_import(client_in, imported):
    batch = ImportBatch.objects.get(case=imported, format="wechat")
    client_in.post(reverse("budget:batch-delete", args=[imported.pk, batch.pk]))
    assert ImportedTransaction.objects.filter(case=imported).counted().count() == 7  # 9 minus the netted pair


def test_someone_elses_case_is_not_found(client_in, case, django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(django_user_model.objects.create(username="other"))
    assert other.get(reverse("budget:upload", args=[case.pk])).status_code == 404
    assert upload(other, case, bill(WECHAT)).status_code == 404
    assert ImportedTransaction.objects.count() == 0


PAYMENT = "2024-03-02 18:00:00,商户消费,美团平台商户,美团订单-777,支出,¥32.50,工商银行,已退款(￥10.00),4200000002\t,MT0002\t,/\n"
REFUND = "2024-03-03 09:00:00,美团-退款,美团平台商户,/,收入,¥10.00,工商银行,已退款,5000000002\t,MTR0002\t,/\n"


def _wechat_with(*rows: str) -> bytes:
    return WECHAT.read_bytes() + "".join(rows).encode("utf-8")


def _meal(case):
    return ImportedTransaction.objects.get(case=case, description="美团订单-777")


def test_a_refund_in_a_later_upload_nets_against_the_stored_payment(client_in, case):
    """Upload 1: the WeChat sample (30 rows) + a 32.50 meal whose row says 已退款(￥10.00): 31 rows count.
    Upload 2, the next export: the same 30 rows (already imported) + the 10.00 refund of that meal. The refund
    finds the stored payment by its note and nets: the meal counts 32.50 − 10.00 = 22.50, the refund is not
    income, still 31 rows count. The same export a third time changes nothing; undoing upload 2 gives the
    10.00 back to the meal."""
    upload(client_in, case, bill(WECHAT, "march.csv", _wechat_with(PAYMENT)))
    counted = ImportedTransaction.objects.filter(case=case).counted()
    assert counted.count() == 31 and _meal(case).amount == Decimal("32.50")

    response = upload(client_in, case, bill(WECHAT, "april.csv", _wechat_with(REFUND)), follow=True)
    assert "1 笔退款已冲抵对应的支出" in response.content.decode()
    meal = _meal(case)
    assert (meal.amount, meal.refunded) == (Decimal("22.50"), Decimal("10.00"))
    assert counted.count() == 31
    refund = ImportedTransaction.objects.get(case=case, platform_category="美团-退款")
    assert refund.netted and refund.netted_into == meal
    assert ImportBatch.objects.get(case=case, filename="april.csv").added == 0

    upload(client_in, case, bill(WECHAT, "april-again.csv", _wechat_with(REFUND)))
    assert _meal(case).amount == Decimal("22.50") and counted.count() == 31

    batch = ImportBatch.objects.get(case=case, filename="april.csv")
    client_in.post(reverse("budget:batch-delete", args=[case.pk, batch.pk]))
    assert (_meal(case).amount, _meal(case).refunded) == (Decimal("32.50"), Decimal("0.00"))


def test_a_refund_stored_first_nets_when_its_payment_arrives(client_in, case):
    """Overlapping exports the other way round: the refund (10.00) is imported first and counts as income; the
    export holding the payment comes next, and the stored refund nets against it (22.50 left, the refund no
    longer counts)."""
    upload(client_in, case, bill(WECHAT, "april.csv", _wechat_with(REFUND)))
    refund = ImportedTransaction.objects.get(case=case, platform_category="美团-退款")
    assert not refund.netted
    upload(client_in, case, bill(WECHAT, "march.csv", _wechat_with(PAYMENT)))
    refund.refresh_from_db()
    assert refund.netted and _meal(case).amount == Decimal("22.50")
    assert ImportedTransaction.objects.filter(case=case).counted().count() == 31


BOC = BILLS / "boc" / "credit" / "example-boc-records.csv"
# the BOC sample holds this row twice (rows 10 and 12)
TWICE = "2024-12-24,2024-12-25,2875,网银在线CHN,70.48,,CNY"


def test_two_alike_rows_are_two_transactions_across_uploads(client_in, case):
    """A bank gives no order number: two equal 70.48 entries on one day have one key. An export holding one of
    them, then the next export holding both, stores both (the second is new); the same export again adds
    nothing."""
    text = BOC.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    assert [line.rstrip("\r\n") for line in lines].count(TWICE) == 2
    last = max(i for i, line in enumerate(lines) if line.rstrip("\r\n") == TWICE)
    once = "".join(lines[:last] + lines[last + 1 :]).encode("utf-8")
    alike = ImportedTransaction.objects.filter(case=case, amount=Decimal("70.48"), month="2024-12")

    assert upload(client_in, case, bill(BOC, "december.csv", once)).status_code == 302
    assert alike.count() == 1
    assert upload(client_in, case, bill(BOC, "december-full.csv")).status_code == 302
    assert alike.count() == 2
    assert ImportBatch.objects.get(case=case, filename="december-full.csv").added == 1
    upload(client_in, case, bill(BOC, "december-again.csv"))
    assert alike.count() == 2
    assert ImportBatch.objects.get(case=case, filename="december-again.csv").added == 0
