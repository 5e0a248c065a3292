"""The materials checklist (paperwork/views/materials.py): hardship reasons drive the list, files go into the
evidence store checked by content and size, everything is the case file's materials section, and bad input is a
message at the field with nothing saved."""

from __future__ import annotations

import pytest
import yaml
from django.urls import reverse

from xieshang.casefile import load_case_text
from xieshang.casefile.materials import materials_from_dict
from xieshang.cases.convert import case_file_yaml
from xieshang.cases.evidence import store_of
from xieshang.core.materials import HardshipReason
from xieshang.evidence.store import sha256_bytes
from xieshang.paperwork.models import MaterialFile

from .conftest import HOSTILE, PDF, PNG, pdf, png

pytestmark = pytest.mark.usefixtures("storage_kind")


def page(case) -> str:
    return reverse("paperwork:materials", args=[case.pk])


def item(case, item_id: str) -> str:
    return reverse("paperwork:item", args=[case.pk, item_id])


def test_checklist_follows_creditors_and_reasons(client_in, case):
    """The small case has a bank loan and an online platform: ID card, contract and repayment records are
    required always, the platform adds its loan screenshots; unemployment adds the termination proof."""
    text = client_in.get(page(case)).content.decode()
    for required in ("item-id_card", "item-loan_contract", "item-repayment_records", "item-loan_app_records"):
        assert required in text
    assert "item-termination_proof" not in text
    response = client_in.post(page(case), {"reasons": ["unemployment"], "description": "裁员", "since": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    stored = materials_from_dict(case.sections["materials"])
    assert stored.hardship.reasons == (HardshipReason.UNEMPLOYMENT,)
    text = client_in.get(page(case)).content.decode()
    assert "item-termination_proof" in text and "离职证明" in text


def test_bad_date_is_a_message_at_the_field_and_nothing_is_saved(client_in, case):
    response = client_in.post(page(case), {"reasons": ["illness"], "description": "x", "since": "2026-13-40"})
    assert response.status_code == 400
    assert "日期格式应为" in response.content.decode()
    case.refresh_from_db()
    assert "materials" not in case.sections


def test_unknown_reason_is_refused(client_in, case):
    response = client_in.post(page(case), {"reasons": ["lottery"], "description": ""})
    assert response.status_code == 400
    case.refresh_from_db()
    assert "materials" not in case.sections


def test_hostile_description_is_shown_literally(client_in, case):
    client_in.post(page(case), {"reasons": ["other"], "description": HOSTILE})
    text = client_in.get(page(case)).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_two_files_go_into_the_evidence_store_and_the_section(client_in, case, data_dir):
    response = client_in.post(
        item(case, "id_card"), {"id_card-obtained": "2026-03-01", "id_card-files": [png(), pdf("背面.pdf")]}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    record = materials_from_dict(case.sections["materials"]).record("id_card")
    shas = {sha256_bytes(PNG), sha256_bytes(PDF)}
    assert set(record.files) == shas and str(record.obtained) == "2026-03-01"
    assert set(MaterialFile.objects.filter(case=case).values_list("sha256", flat=True)) == shas
    store = store_of(case)
    entries = store.entries()
    assert [e.case_id for e in entries] == [case.evidence_chain] * 2  # the case's one ledger
    assert (case.evidence_entries, case.evidence_head) == (2, entries[-1].entry_hash)
    assert {e.media_type for e in entries} == {"image/png", "application/pdf"}
    assert store.read(sha256_bytes(PNG)) == PNG
    text = client_in.get(page(case)).content.decode()
    assert "身份证.png" in text and "背面.pdf" in text and sha256_bytes(PNG)[:12] in text


def test_a_file_that_is_not_an_image_or_pdf_is_refused_and_nothing_is_saved(client_in, case, data_dir):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)))
    response = client_in.post(
        item(case, "id_card"), {"id_card-obtained": "2026-03-01", "id_card-files": [png(), fake]}
    )
    assert response.status_code == 400
    assert "不支持的文件类型" in response.content.decode()
    case.refresh_from_db()
    assert "materials" not in case.sections
    assert not MaterialFile.objects.exists()
    assert store_of(case).entries() == [] and not store_of(case).root.exists()


def test_a_file_over_the_size_limit_is_refused(client_in, case, settings):
    settings.EVIDENCE_MAX_BYTES = 20
    response = client_in.post(item(case, "id_card"), {"id_card-files": [png()]})
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert not MaterialFile.objects.exists()


def test_bad_item_date_keeps_everything(client_in, case):
    response = client_in.post(
        item(case, "id_card"), {"id_card-obtained": "yesterday", "id_card-files": [png()]}
    )
    assert response.status_code == 400
    assert "日期格式应为" in response.content.decode()
    assert not MaterialFile.objects.exists()


def test_stale_bank_statement_is_expired_with_a_warning(client_in, case):
    """As of 2026-03-15 a statement obtained 2025-11-01 is past its 90 days (ended 2026-01-30)."""
    client_in.post(page(case), {"reasons": ["income_drop"], "description": "降薪"})
    client_in.post(
        item(case, "bank_statement"),
        {"bank_statement-obtained": "2025-11-01", "bank_statement-files": [pdf()]},
    )
    text = client_in.get(page(case)).content.decode()
    assert 'id="item-bank_statement"' in text
    section = text.split('id="item-bank_statement"', 1)[1].split("</article>", 1)[0]
    assert "已过期" in section and "2026年1月30日" in section
    dashboard = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert "银行流水（近6个月）" in dashboard.split('data-testid="materials-panel"', 1)[1]


def test_file_download_and_removal(client_in, case):
    client_in.post(item(case, "id_card"), {"id_card-files": [png()]})
    sha = sha256_bytes(PNG)
    response = client_in.get(reverse("paperwork:file", args=[case.pk, "id_card", sha]))
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Type"] == "image/png" and "attachment" in response["Content-Disposition"]
    response = client_in.post(reverse("paperwork:file-remove", args=[case.pk, "id_card", sha]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert materials_from_dict(case.sections["materials"]).record("id_card").files == ()
    assert client_in.get(reverse("paperwork:file", args=[case.pk, "id_card", sha])).status_code == 404


def test_exported_case_file_carries_the_section(client_in, case):
    client_in.post(
        page(case), {"reasons": ["illness", "family"], "description": "住院", "since": "2026-01-05"}
    )
    client_in.post(item(case, "diagnosis"), {"diagnosis-obtained": "2026-02-01", "diagnosis-files": [pdf()]})
    case.refresh_from_db()
    text = case_file_yaml(case)
    assert yaml.safe_load(text)["materials"] == case.sections["materials"]
    loaded = load_case_text(text).materials
    assert loaded == materials_from_dict(case.sections["materials"])


def test_unknown_item_and_other_users(client_in, case, django_user_model):
    assert client_in.post(item(case, "no_such_item"), {}).status_code == 404
    stranger = django_user_model.objects.create(username="stranger")
    from django.test import Client

    other = Client()
    other.force_login(stranger)
    assert other.get(page(case)).status_code == 404
    assert other.post(item(case, "id_card"), {"id_card-files": [png()]}).status_code == 404
    assert not MaterialFile.objects.exists()


def test_page_in_english(client_in, case):
    client_in.post(reverse("set_language"), {"language": "en", "next": page(case)})
    text = client_in.get(page(case)).content.decode()
    assert "Unemployment" in text and "Upload files" in text and "Required materials" in text
    text = client_in.get(reverse("paperwork:documents", args=[case.pk])).content.decode()
    assert "Negotiation documents" in text and "Hardship statement" in text
