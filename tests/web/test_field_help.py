"""Field help and errors are linked to their field for screen readers: every ``aria-describedby`` on every page
names elements the page holds (the help text's id is ``id_…_helptext``, as Django's widgets point to; the
error list's ``id_…_error``), on the pages as they open and on a form sent back with errors."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xieshang.cases.demo import load_demo_case

from .page_walk import html_pages

pytestmark = pytest.mark.django_db

LOGOUT = ("logout",)


def dangling(page: str) -> list[str]:
    """The ids named by an aria-describedby that no element of the page has."""
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    named = (i for value in re.findall(r'aria-describedby="([^"]*)"', page) for i in value.split())
    return sorted({i for i in named if i not in ids})


def test_every_description_a_page_names_is_on_the_page(client_in, owner) -> None:
    case = load_demo_case(owner)
    pages = dict(html_pages(client_in, case.pk, skip=LOGOUT))
    assert len(pages) > 20 and "debt-create" in pages and "contacts:contact-create" in pages
    linked = {name: page.count("aria-describedby=") for name, page in pages.items()}
    assert sum(linked.values()) > 20  # the check has descriptions to follow, not an empty set
    assert {name: dangling(page) for name, page in pages.items() if dangling(page)} == {}


def test_a_help_text_and_an_error_are_both_read_with_their_field(client_in, owner) -> None:
    """The debt form sent back with 实际到账 "abc": its input names its help text and its error, both on the page."""
    case = load_demo_case(owner)
    sent = {
        "creditor": "某银行",
        "lender_type": "bank",
        "method": "equal_installment",
        "principal": "12000.00",
        "received": "abc",
        "start_date": "2025-01-10",
        "term_months": "12",
        "annual_rate": "12",
        "status": "not_contacted",
    }
    response = client_in.post(reverse("debt-create", args=[case.pk]), sent)
    page = response.content.decode()
    field = re.search(r'<input[^>]*name="received"[^>]*>', page)
    assert field is not None
    assert 'aria-describedby="id_received_helptext id_received_error"' in field.group(0)
    assert 'aria-invalid="true"' in field.group(0)
    assert 'id="id_received_helptext"' in page and 'id="id_received_error"' in page
    assert dangling(page) == []
