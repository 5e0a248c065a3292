"""Recording payments by hand and from CSV (views/payments.py): located errors, all or nothing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def _csv(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("payments.csv", text.encode(encoding), content_type="text/csv")


def test_record_a_payment(client_in, case):
    debt = case.debts.get(key="bank")
    url = reverse("payment-create", args=[case.pk, debt.pk])
    response = client_in.post(url, {"date": "2025-03-10", "amount": "¥1,066.19", "note": "工资卡"})
    assert response.status_code == 302
    assert [str(p.amount) for p in debt.payments.all()] == ["1066.19", "1066.19"]


def test_bad_payment_is_refused_inline(client_in, case):
    debt = case.debts.get(key="bank")
    url = reverse("payment-create", args=[case.pk, debt.pk])
    response = client_in.post(url, {"date": "2025-03-10", "amount": "abc"})
    assert response.status_code == 400
    assert response.context["form"].errors["amount"] == [
        "不是金额：'abc'（请写成 1234.50、¥1,234.50 或 1.2万）"
    ]
    response = client_in.post(url, {"date": "2024-01-01", "amount": "100"})
    assert response.status_code == 400
    assert "早于借款开始日" in response.context["form"].errors["date"][0]
    assert debt.payments.count() == 1


def test_import_csv_with_header_and_gbk(client_in, case):
    debt = case.debts.get(key="online")
    url = reverse("payment-import", args=[case.pk, debt.pk])
    text = "日期,金额,备注\n2025-07-01,1133.33,支付宝\n2025-08-01,1116.67\n"
    response = client_in.post(url, {"file": _csv(text, "gb18030")})
    assert response.status_code == 302
    assert [(p.date.isoformat(), str(p.amount), p.note) for p in debt.payments.all()] == [
        ("2025-07-01", "1133.33", "支付宝"),
        ("2025-08-01", "1116.67", ""),
    ]


def test_csv_error_names_the_line_and_saves_nothing(client_in, case):
    debt = case.debts.get(key="online")
    url = reverse("payment-import", args=[case.pk, debt.pk])
    text = "2025-07-01,1133.33\n2025-08-01,一千\n2025-09-01,1,2,3\n"
    response = client_in.post(url, {"file": _csv(text)})
    assert response.status_code == 400
    assert any("第 3 行" in p for p in response.context["problems"])
    response = client_in.post(url, {"file": _csv("2025-07-01,1133.33\n2025-08-01,一千\n")})
    assert response.status_code == 400
    assert any("第 2 行" in p and "金额" in p for p in response.context["problems"])
    assert debt.payments.count() == 0


def test_delete_payment(client_in, case):
    debt = case.debts.get(key="bank")
    payment = debt.payments.get()
    url = reverse("payment-delete", args=[case.pk, debt.pk, payment.pk])
    assert client_in.post(url).status_code == 302
    assert debt.payments.count() == 0
