"""Deleting a payment can be undone: the debt page shows "已删除 … · 撤销" once, and undoing puts the payment back
through the write path with its own public id; the id is never given to another payment, never lost."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from xieshang.cases.models import Payment

pytestmark = pytest.mark.django_db


def _record(client, case, debt, day: str, amount: str) -> Payment:
    response = client.post(
        reverse("payment-create", args=[case.pk, debt.pk]), {"date": day, "amount": amount}
    )
    assert response.status_code == 302
    return debt.payments.get(date=date.fromisoformat(day))


def _undo_token(page: str) -> str:
    found = re.search(r'name="undo" value="([^"]+)"', page)
    assert found, "no undo on the page"
    return found.group(1)


def test_a_deleted_payment_comes_back_with_its_own_id(client_in, case) -> None:
    """The bank debt of the small case: record 1,066.19 on 2025-03-10, delete it, undo."""
    debt = case.debts.get(key="bank")
    payment = _record(client_in, case, debt, "2025-03-10", "1066.19")
    public_id = payment.public_id
    assert public_id.startswith("p")
    delete = reverse("payment-delete", args=[case.pk, debt.pk, payment.pk])

    page = client_in.post(delete, follow=True).content.decode()
    assert not debt.payments.filter(public_id=public_id).exists()
    assert 'data-testid="payment-undo"' in page
    assert "已删除 2025-03-10 的还款 ¥1,066.19" in page and ">撤销</button>" in page
    token = _undo_token(page)
    again = client_in.get(debt.get_absolute_url()).content.decode()
    assert 'data-testid="payment-undo"' not in again  # offered once, not on every later visit

    restore = reverse("payment-restore", args=[case.pk, debt.pk])
    page = client_in.post(restore, {"undo": token}, follow=True).content.decode()
    back = debt.payments.get(public_id=public_id)
    assert (back.date, back.amount) == (date(2025, 3, 10), Decimal("1066.19"))
    assert "已恢复这笔还款记录。" in page

    page = client_in.post(restore, {"undo": token}, follow=True).content.decode()
    assert debt.payments.filter(public_id=public_id).count() == 1  # a second undo writes nothing
    assert "这笔还款记录已经恢复过了。" in page

    later = _record(client_in, case, debt, "2025-04-10", "1066.19")
    assert later.public_id not in {"", public_id}  # the restored id is not handed out again


def test_an_undo_is_refused_for_another_debt_or_when_forged(client_in, case) -> None:
    bank, online = case.debts.get(key="bank"), case.debts.get(key="online")
    payment = _record(client_in, case, bank, "2025-03-10", "1066.19")
    page = client_in.post(reverse("payment-delete", args=[case.pk, bank.pk, payment.pk]), follow=True)
    token = _undo_token(page.content.decode())

    other = client_in.post(
        reverse("payment-restore", args=[case.pk, online.pk]), {"undo": token}, follow=True
    )
    assert "无法撤销：这个撤销链接无效。" in other.content.decode()
    forged = client_in.post(
        reverse("payment-restore", args=[case.pk, bank.pk]), {"undo": token + "x"}, follow=True
    )
    assert "无法撤销：这个撤销链接无效。" in forged.content.decode()
    assert not online.payments.exists() and not bank.payments.filter(date=date(2025, 3, 10)).exists()


def test_the_undo_reads_in_english(owner, case) -> None:
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    debt = case.debts.get(key="bank")
    payment = _record(client, case, debt, "2025-03-10", "1066.19")
    page = client.post(
        reverse("payment-delete", args=[case.pk, debt.pk, payment.pk]), follow=True
    ).content.decode()
    assert "Deleted the payment of ¥1,066.19 on 2025-03-10" in page and ">Undo</button>" in page
