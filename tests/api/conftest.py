"""Fixtures for the API tests: real accounts, real tokens, a real database (SQLite or PostgreSQL)."""

from __future__ import annotations

import pytest
from django.test import Client

from xieshang.accounts.api_tokens import issue
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case

from ..web.conftest import SMALL_CASE, case, client_in, owner  # noqa: F401


@pytest.fixture
def token(owner) -> str:  # noqa: F811
    return issue(owner, "test")[1]


@pytest.fixture
def api(token) -> Client:
    """A client that sends the owner's API token on every request (no session, no CSRF cookie)."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", enforce_csrf_checks=True)


@pytest.fixture
def demo(owner) -> Case:  # noqa: F811
    return load_demo_case(owner)


@pytest.fixture
def small(owner) -> Case:  # noqa: F811
    return import_case_text(owner, SMALL_CASE, source_name="small.yaml")


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Every test gets its own data directory (the evidence store and generated files live under it)."""
    settings.DATA_DIR = tmp_path
    return tmp_path
