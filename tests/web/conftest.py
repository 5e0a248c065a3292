"""Fixtures for the web tests: a real database (SQLite or PostgreSQL via DATABASE_URL), no mocks."""

from __future__ import annotations

import pytest
from django.test import Client

from xieshang.accounts.users import local_owner
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Case

from .s3 import s3_endpoint, storage_kind  # noqa: F401 (fixtures: the files once locally, once on S3)

SMALL_CASE = """\
version: 1
as_of: 2026-03-15
borrower: {name: 测试用户, phone: "13800000000"}
debts:
  - id: bank
    creditor: 某银行
    lender_type: bank
    principal: "12000.00"
    start_date: 2025-01-10
    term_months: 12
    method: equal_installment
    annual_rate: 12
    payments:
      - {date: 2025-02-10, amount: "1066.19"}
  - id: online
    creditor: 某网贷平台
    lender_type: online_platform
    principal: "10000.00"
    received: "9000.00"
    start_date: 2025-06-01
    term_months: 12
    method: equal_principal
    annual_rate: 24
    periodic_fee: "100.00"
"""


@pytest.fixture
def owner(db):
    return local_owner()


@pytest.fixture
def client_in(owner) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def case(owner) -> Case:
    return import_case_text(owner, SMALL_CASE, source_name="small.yaml")
