"""The account's session list (accounts/sessions.py) and the counsellor's desk (cases/desk.py), with real
accounts signed in by password in server mode.

The desk's case: SMALL_CASE as of 2026-03-15. Debt "bank" (12,000.00 over 12 months from 2025-01-10, one
instalment of 1,066.19 paid on 2025-02-10) has its instalments from 2025-03-10 on unpaid, so it is overdue;
so is "online" (first instalment 2025-07-01, none paid). Borrower B's new case (made as the new-case form makes one) has no debts: nothing due.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from xieshang.accounts.models import UserSession
from xieshang.cases.models import Case, CaseShare, OrganisationNote, ShareLevel

from ..people import PASSWORD, build_world


@pytest.fixture
def world(db, settings):
    settings.SERVER_MODE = True
    return build_world()


def _signed_in(username: str, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    assert client.post(reverse("login-help"), {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_each_sign_in_is_listed_and_ending_one_signs_that_browser_out(world):
    phone = _signed_in("borrower_a", "Phone browser")
    laptop = _signed_in("borrower_a", "Laptop browser")
    other = _signed_in("borrower_b", "Someone else")
    page = laptop.get(reverse("devices")).content.decode()
    assert "Phone browser" in page and "Laptop browser" in page and "Someone else" not in page

    phone_row = UserSession.objects.get(agent="Phone browser")
    assert laptop.post(reverse("session-end", args=[phone_row.pk])).status_code == 302
    assert phone.get(reverse("home")).status_code == 302  # signed out at its next request
    assert laptop.get(reverse("home")).status_code == 200

    theirs = UserSession.objects.get(agent="Someone else")
    assert laptop.post(reverse("session-end", args=[theirs.pk])).status_code == 404  # not this account's
    assert other.get(reverse("home")).status_code == 200

    second = _signed_in("borrower_a", "Tablet browser")
    laptop.post(reverse("sessions-end-others"))
    assert second.get(reverse("home")).status_code == 302
    assert laptop.get(reverse("home")).status_code == 200
    assert list(
        UserSession.objects.filter(user=world.users["borrower_a"]).values_list("agent", flat=True)
    ) == ["Laptop browser"]
    laptop.post(reverse("logout"))
    assert not UserSession.objects.filter(user=world.users["borrower_a"]).exists()


def test_the_desk_lists_the_cases_shared_with_the_counsellor_with_what_is_overdue(world):
    empty = Case.objects.create(
        owner=world.users["borrower_b"], borrower_name="空案件"
    )  # as the new-case form
    CaseShare.objects.create(case=empty, user=world.users["counsellor_read"], level=ShareLevel.READ)
    desk = world.clients["counsellor_read"].get(reverse("desk"))
    rows = {r.case.pk: r for r in desk.context["rows"]}
    assert set(rows) == {world.case_a.pk, empty.pk}  # never borrower B's other case
    assert rows[world.case_a.pk].work.overdue_debts == 2
    assert rows[empty.pk].work.overdue_debts == 0 and rows[empty.pk].work.debts == 0
    assert desk.context["rows"][0].case.pk == world.case_a.pk  # the urgent one first

    only_overdue = world.clients["counsellor_read"].get(reverse("desk"), {"need": "overdue"})
    assert [r.case.pk for r in only_overdue.context["rows"]] == [world.case_a.pk]
    by_name = world.clients["counsellor_read"].get(reverse("desk"), {"q": "空案"})
    assert [r.case.pk for r in by_name.context["rows"]] == [empty.pk]

    assert world.clients["counsellor_none"].get(reverse("desk")).context["rows"] == []
    assert world.clients["borrower_a"].get(reverse("desk")).status_code == 404  # not a counsellor


def test_the_organisation_note_is_seen_by_its_people_and_never_by_the_borrower(world):
    case = world.case_a
    url = reverse("case-note", args=[case.pk])
    writer = world.clients["counsellor_write"]
    assert writer.post(url, {"text": "借款人说下月有一笔工资，等到再谈。"}).status_code == 302
    assert OrganisationNote.objects.get(case=case).organisation_id == world.org1.pk
    assert "等到再谈" in world.clients["counsellor_read"].get(url).content.decode()
    assert "等到再谈" in world.clients["admin_same"].get(url).content.decode()
    for outsider in ("borrower_a", "admin_other", "counsellor_none"):
        assert world.clients[outsider].get(url).status_code == 404, outsider
    for page in (reverse("case", args=[case.pk]), reverse("case-export", args=[case.pk])):
        assert "等到再谈" not in world.clients["borrower_a"].get(page).content.decode()
