"""The contact log (views/log.py): a contact with files lands in Case.sections["contacts"] and the evidence store;
bad input is refused at the field with nothing saved; the timeline filters per creditor."""

from __future__ import annotations

from django.urls import reverse

from xieshang.casefile.contacts import contacts_from_dict
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.convert import case_file_yaml
from xieshang.contacts.log import contacts_of
from xieshang.contacts.store import case_entries
from xieshang.core.contacts import Channel, Direction, Flag, Party

from .conftest import upload

NIGHT_CALL = {
    "debt": "online",
    "when": "2026-03-10T22:30",
    "channel": "phone",
    "direction": "incoming",
    "connected": "on",
    "counterpart_name": "李四",
    "staff_id": "A0731",
    "number": "02112345678",
    "party": "borrower",
    "borrower_reachable": "on",
    "summary": "对方说再不还就上门，要通知家人",
    "their_promises": "",
    "our_promises": "3 月 20 日前提出分期方案",
    "follow_up": "2026-03-20",
    "flags": ["threat"],
}


def test_log_an_incoming_call_with_files(client_in, case, wav):
    url = reverse("contacts:contact-create", args=[case.pk])
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    files = [upload("通话录音.wav", wav), upload("截图.png", png)]
    response = client_in.post(url, {**NIGHT_CALL, "files": files})
    assert response.status_code == 302
    case.refresh_from_db()
    (entry,) = contacts_of(case)
    assert (entry.channel, entry.direction, entry.party) == (
        Channel.PHONE,
        Direction.INCOMING,
        Party.BORROWER,
    )
    assert entry.when.isoformat() == "2026-03-10T22:30:00"
    assert entry.creditor == "某网贷平台" and entry.staff_id == "A0731" and entry.flags == {Flag.THREAT}
    assert str(entry.follow_up) == "2026-03-20"
    stored = case_entries(case)
    assert [e.media_type for e in stored] == ["audio/wav", "image/png"]
    assert list(entry.attachments) == [e.file_sha256 for e in stored]
    assert {e.contact_id for e in stored} == {entry.id} and {e.debt_id for e in stored} == {"online"}
    # the section is the case file's own: it validates and travels with the exported file
    assert contacts_from_dict(case.sections["contacts"]) == (entry,)
    again = import_case_text(case.owner, case_file_yaml(case))
    assert contacts_of(again) == (entry,)


def test_bad_time_and_bad_file_are_refused_inline(client_in, case):
    url = reverse("contacts:contact-create", args=[case.pk])
    response = client_in.post(url, {**NIGHT_CALL, "when": "昨晚"})
    assert response.status_code == 400
    assert response.context["form"].errors["when"] == ["请填写日期和时间，例如 2026-11-01 22:30"]
    exe = upload("录音.mp3", b"MZ\x90\x00" + b"\x00" * 60)  # named like audio, but an .exe by content
    response = client_in.post(url, {**NIGHT_CALL, "files": [exe]})
    assert response.status_code == 400
    assert "不支持的文件类型（按内容判断）" in response.context["form"].errors["files"][0]
    case.refresh_from_db()
    assert contacts_of(case) == () and case_entries(case) == []


def test_file_over_the_limit_is_refused(client_in, case, settings, wav):
    settings.EVIDENCE_MAX_BYTES = 1000
    url = reverse("contacts:contact-create", args=[case.pk])
    response = client_in.post(url, {**NIGHT_CALL, "files": [upload("a.wav", wav)]})
    assert response.status_code == 400
    assert "文件过大" in response.context["form"].errors["files"][0]
    assert "a.wav" in response.context["form"].errors["files"][0]  # which file, under its field
    assert '<ul class="errorlist" id="id_files_error"' in response.content.decode()
    assert case_entries(case) == []


def test_the_form_tells_the_browser_the_limit_to_check_before_sending(client_in, case, settings):
    """file-limit.js refuses a file over data-max-bytes before upload; the message names the limit (50 MB)."""
    settings.EVIDENCE_MAX_BYTES = 50 * 1024 * 1024
    page = client_in.get(reverse("contacts:contact-create", args=[case.pk])).content.decode()
    assert 'data-max-bytes="52428800"' in page and "超过上限 50 MB" in page
    assert "xieshang/file-limit.js" in page


def test_timeline_per_case_and_per_creditor(client_in, case):
    url = reverse("contacts:contact-create", args=[case.pk])
    client_in.post(url, NIGHT_CALL)
    client_in.post(url, {**NIGHT_CALL, "debt": "bank", "when": "2026-03-11T10:00", "direction": "outgoing"})
    log = reverse("contacts:log", args=[case.pk])
    page = client_in.get(log)
    assert [i.entry.when.day for i in page.context["items"]] == [11, 10]  # newest first
    assert page.context["creditors"] == ["某网贷平台", "某银行"]
    page = client_in.get(log, {"creditor": "某银行"})
    assert [i.entry.debt_id for i in page.context["items"]] == ["bank"]
    night = client_in.get(log, {"creditor": "某网贷平台"}).context["items"][0]
    assert night.finding_count >= 1  # 22:30 is inside the quiet hours


def test_delete_keeps_the_evidence(client_in, case, wav):
    client_in.post(
        reverse("contacts:contact-create", args=[case.pk]), {**NIGHT_CALL, "files": [upload("a.wav", wav)]}
    )
    case.refresh_from_db()
    (entry,) = contacts_of(case)
    response = client_in.post(reverse("contacts:contact-delete", args=[case.pk, entry.id]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert contacts_of(case) == () and len(case_entries(case)) == 1


def test_other_users_case_is_not_found(client_in, case, django_user_model):
    stranger = django_user_model.objects.create(username="stranger")
    theirs = import_case_text(stranger, case_file_yaml(case))
    for name in ("contacts:log", "contacts:contact-create"):
        assert client_in.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client_in.post(reverse("contacts:contact-delete", args=[theirs.pk, "c1"])).status_code == 404
