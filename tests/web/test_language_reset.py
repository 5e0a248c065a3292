"""A page asked for in English does not leave English on for the next test (``tests/conftest.py``).

The two tests run in file order: the first leaves English active in the thread, as Django's locale middleware does;
the second, run after it, must read the default language again.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_an_english_page_leaves_english_active_in_the_thread() -> None:
    Client(HTTP_ACCEPT_LANGUAGE="en").get("/accounts/login/")
    assert translation.get_language() == "en"


def test_the_next_test_starts_in_the_default_language() -> None:
    assert translation.get_language() == settings.LANGUAGE_CODE
