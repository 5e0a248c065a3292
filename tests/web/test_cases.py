"""Creating, editing and deleting cases (views/cases.py)."""

from __future__ import annotations

from django.urls import reverse

from xieshang.cases.models import Case, Debt


def test_create_case(client_in, owner):
    response = client_in.post(reverse("case-create"), {"borrower_name": "李四", "as_of": "2026-11-20"})
    assert response.status_code == 302
    case = owner.cases.get()
    assert case.borrower_name == "李四" and case.as_of.isoformat() == "2026-11-20"


def test_name_is_required_and_nothing_saved(client_in, owner):
    response = client_in.post(reverse("case-create"), {"borrower_name": ""})
    assert response.status_code == 200 and "borrower_name" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_edit_case(client_in, case):
    response = client_in.post(reverse("case-edit", args=[case.pk]), {"borrower_name": "新名字"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.borrower_name == "新名字" and case.as_of is None


def test_delete_case_removes_its_debts(client_in, case):
    assert client_in.get(reverse("case-delete", args=[case.pk])).status_code == 200
    assert client_in.post(reverse("case-delete", args=[case.pk])).status_code == 302
    assert not Case.objects.exists() and not Debt.objects.exists()
