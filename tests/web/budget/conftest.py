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


BANK_APRIL = (
    "某某农村商业银行 账户交易明细\n"
    "账号：6230****1234,,,,,\n"
    "日期,摘要,对方户名,收入金额,支出金额,余额\n"
    '2024-04-01,工资,某某科技有限公司,"8,000.00",,"9,000.00"\n'
    '2024-04-03,消费,华联超市,,256.40,"8,743.60"\n'
    '2024-04-05,转账,房东王某,,"1,500.00","7,243.60"\n'
    '2024-04-10,还款,微粒贷,,820.00,"6,423.60"\n'
)
BANK_MAY = (
    "某某农村商业银行 账户交易明细\n"
    "账号：6230****1234,,,,,\n"
    "查询期间：2024-05-01 至 2024-05-31,,,,,\n"
    "日期,摘要,对方户名,收入金额,支出金额,余额\n"
    '2024-05-01,工资,某某科技有限公司,"8,000.00",,"14,423.60"\n'
    '2024-05-10,还款,微粒贷,,820.00,"13,603.60"\n'
)


def bank_csv(text: str) -> bytes:
    """A bank export of a layout no importer knows (made up for the tests: a preamble, then
    日期,摘要,对方户名,收入金额,支出金额,余额)."""
    return text.encode("utf-8")
