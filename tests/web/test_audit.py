"""The audit log: view, edit, export, share, reveal and delete each leave one event with the actor, the case and
the time; the case's owner and the organisation's admin read it (and download it); no page changes it, and the
database itself refuses to rewrite a row."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from xieshang.audit.models import Action, AuditEvent
from xieshang.core.masking import mask_phone

from .people import build_world


@pytest.fixture
def world(db, settings):
    settings.SERVER_MODE = True
    return build_world()


def _events(case_pk: int) -> list[tuple[str, str]]:
    return [(e.actor_name, e.action) for e in AuditEvent.objects.filter(case_id=case_pk).order_by("at", "id")]


def test_each_kind_of_action_is_logged_with_actor_case_and_time(world):
    case = world.case_a
    start = timezone.now()
    writer = world.clients["counsellor_write"]
    owner = world.clients["borrower_a"]

    assert writer.get(reverse("case", args=[case.pk])).status_code == 200
    assert writer.get(reverse("case", args=[case.pk])).status_code == 200  # the same view again: not twice
    edited = writer.post(
        reverse("case-edit", args=[case.pk]),
        {
            "borrower_name": "测试用户（改）",
            "phone": mask_phone(case.phone),
            "id_number": "",
            "as_of": "2026-03-15",
        },
    )
    assert edited.status_code == 302
    case.refresh_from_db()
    assert (
        case.borrower_name == "测试用户（改）" and case.phone == "13800000000"
    )  # sent masked: kept as stored
    assert writer.get(reverse("case-export", args=[case.pk])).status_code == 200
    shared = owner.post(
        reverse("case-sharing", args=[case.pk]), {"username": "counsellor_none", "level": "read"}
    )
    assert shared.status_code == 302
    revealed = world.clients["counsellor_read"].post(reverse("case-reveal", args=[case.pk]))
    assert "13800000000" in revealed.content.decode()
    assert owner.post(reverse("case-delete", args=[case.pk])).status_code == 302

    assert _events(case.pk) == [
        ("counsellor_write", Action.VIEW),  # one view per browser and case a quarter of an hour
        ("counsellor_write", Action.CHANGE),
        ("counsellor_write", Action.EXPORT),
        ("borrower_a", Action.SHARE),
        ("counsellor_read", Action.REVEAL),
        ("borrower_a", Action.DELETE),
    ]
    for event in AuditEvent.objects.filter(case_id=case.pk):
        assert start - timedelta(seconds=1) <= event.at <= timezone.now()
        assert event.actor_id == world.users[event.actor_name].pk
        assert event.case_owner_id == world.users["borrower_a"].pk
    share = AuditEvent.objects.get(case_id=case.pk, action=Action.SHARE)
    assert "counsellor_none" in share.what_zh
    assert AuditEvent.objects.filter(case_id=world.case_b.pk).count() == 0  # nothing about the other case


def test_the_owner_and_the_organisation_admin_read_and_download_the_log_and_others_do_not(world):
    case = world.case_a
    world.clients["counsellor_write"].get(reverse("case", args=[case.pk]))
    for reader in ("borrower_a", "admin_same"):
        page = world.clients[reader].get(reverse("case-audit", args=[case.pk]))
        assert page.status_code == 200 and "counsellor_write" in page.content.decode(), reader
        download = world.clients[reader].get(reverse("case-audit-csv", args=[case.pk]))
        rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
        assert any("counsellor_write" in row for row in rows[1:]), rows
    for other in ("counsellor_write", "counsellor_read", "admin_other", "borrower_b"):
        assert world.clients[other].get(reverse("case-audit", args=[case.pk])).status_code == 404, other


AUDIT_PAGES = ("case-audit", "case-audit-csv", "my-audit", "my-audit-csv", "organisation-audit")


def test_no_page_changes_the_log(world):
    case = world.case_a
    world.clients["counsellor_write"].get(reverse("case", args=[case.pk]))
    world.clients["borrower_a"].post(reverse("case-reveal", args=[case.pk]))
    before = list(AuditEvent.objects.order_by("id").values())
    for reader in ("borrower_a", "admin_same"):
        client = world.clients[reader]
        for name in AUDIT_PAGES:
            args = [case.pk] if name.startswith("case-") else []
            for method in ("POST", "PUT", "PATCH", "DELETE"):
                client.generic(method, reverse(name, args=args), "id=1&action=view&actor_name=x")
    after = list(AuditEvent.objects.order_by("id").values())
    assert after[: len(before)] == before  # every earlier row as it was; reading pages may only add views
    assert all(row["action"] == Action.VIEW for row in after[len(before) :])


def test_the_database_refuses_to_rewrite_an_event_and_the_app_refuses_to_delete_one(world):
    world.clients["borrower_a"].post(reverse("case-reveal", args=[world.case_a.pk]))
    event = AuditEvent.objects.get(action=Action.REVEAL)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(actor_name="someone else")
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_name = 'someone else' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_name == "borrower_a"
