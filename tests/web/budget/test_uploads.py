"""Uploading bills (views/uploads.py): several files at once, content-detected, all or nothing, de-duplicated
across uploads, size limit from settings, hostile file names shown as plain text."""

from __future__ import annotations

from django.urls import reverse

from xieshang.budget.models import ImportBatch, ImportedTransaction

from .conftest import ALIPAY, WECHAT, bill, upload


def test_upload_page_offers_several_files_and_the_limit(client_in, case):
    page = client_in.get(reverse("budget:upload", args=[case.pk])).content.decode()
    assert "multiple" in page and "data-max-bytes" in page and "20 MB" in page


def test_alipay_and_wechat_together(client_in, case):
    """Alipay gives 9 rows, WeChat 30; merge nets the full 一卡通 refund (50.00 against 50.00: both go),
    so 37 transactions are stored, in two batches (one per file)."""
    response = upload(client_in, case, bill(ALIPAY), bill(WECHAT))
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:transactions", args=[case.pk])
    assert ImportedTransaction.objects.filter(case=case).count() == 37
    formats = sorted(ImportBatch.objects.filter(case=case).values_list("format", flat=True))
    assert formats == ["alipay", "wechat"]
    assert sum(ImportBatch.objects.filter(case=case).values_list("added", flat=True)) == 37


def test_the_same_export_again_adds_nothing(client_in, imported):
    upload(client_in, imported, bill(WECHAT, "again.csv"))
    assert ImportedTransaction.objects.filter(case=imported).count() == 37
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
    assert ImportedTransaction.objects.filter(case=imported).count() == 7  # Alipay's 9 minus the netted pair


def test_someone_elses_case_is_not_found(client_in, case, django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(django_user_model.objects.create(username="other"))
    assert other.get(reverse("budget:upload", args=[case.pk])).status_code == 404
    assert upload(other, case, bill(WECHAT)).status_code == 404
    assert ImportedTransaction.objects.count() == 0
