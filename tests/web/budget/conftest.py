"""Fixtures for the budget pages: the sample bills (tests/fixtures/bills) uploaded through the real view."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

BILLS = Path(__file__).resolve().parents[2] / "fixtures" / "bills" / "deb-sig-examples"
ALIPAY = BILLS / "alipay" / "example-alipay-records.csv"
WECHAT = BILLS / "wechat" / "example-wechat-records.csv"


def bill(path: Path, name: str | None = None, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes() if data is None else data)


def upload(client, case, *files: SimpleUploadedFile, **extra):
    return client.post(reverse("budget:upload", args=[case.pk]), {"files": list(files)}, **extra)


def wechat_next_month() -> bytes:
    """The WeChat sample with the noodle shop's meal moved a month on: a 'next export' with one new row."""
    text = WECHAT.read_text(encoding="utf-8")
    old = '2019-09-26 12:45:27,"商户消费","云膳过桥米线(传奇广场店)"'
    assert old in text
    return text.replace(old, old.replace("2019-09-26", "2019-10-26")).encode("utf-8")


@pytest.fixture
def imported(client_in, case):
    """The Alipay and WeChat samples uploaded together."""
    response = upload(client_in, case, bill(ALIPAY), bill(WECHAT))
    assert response.status_code == 302, response.content.decode()[:2000]
    return case
