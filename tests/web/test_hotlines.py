"""The free help lines (12378 complaints, 12348 legal aid, 12363, 110 police …) are tap-to-call wherever a page
shows them: every time one of their numbers is shown it is the text of a ``tel:`` link to that number."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from xieshang import reference
from xieshang.cases.demo import load_demo_case
from xieshang.cases.templatetags.xs_format import dial, tel

from .page_language import text_of

pytestmark = pytest.mark.django_db

NUMBERS = sorted({c.number for c in reference.help_channels()}, key=len, reverse=True)
# a number on its own: not part of a longer figure (¥1,110.00, 110.3), nor of a masked ID such as 110***1234
SHOWN = re.compile(r"(?<![\d*,.-])(" + "|".join(re.escape(n) for n in NUMBERS) + r")(?![\d*-]|[.,]\d)")


def numbers_not_linked(page: str) -> list[str]:
    """The help numbers a reader sees in ``page`` outside a tel: link that dials them."""
    body = page.split("<body", 1)[-1]
    linked = re.compile(r'<a class="tel" href="tel:([\d+]+)">([^<]+)</a>')
    wrong = [text for dial, text in linked.findall(body) if re.sub(r"\D", "", text) != dial]
    return wrong + SHOWN.findall(text_of(linked.sub(" ", body)))


def test_the_filter_links_a_number_and_dials_only_its_digits() -> None:
    assert tel("12378") == '<a class="tel" href="tel:12378">12378</a>'
    assert tel("400-810-8866") == '<a class="tel" href="tel:4008108866">400-810-8866</a>'
    assert tel("") == ""


def test_a_sentence_gets_its_help_numbers_linked_and_the_rest_escaped() -> None:
    """Only the numbers standing alone: not the 110 starting a masked ID, nor a 110 inside an amount."""
    text = "向 12378 投诉，或报警 110；身份证 110***1234，欠款 1100.00 元 <b>"
    assert dial(text) == (
        '向 <a class="tel" href="tel:12378">12378</a> 投诉，或报警 <a class="tel" href="tel:110">110</a>；'
        "身份证 110***1234，欠款 1100.00 元 &lt;b&gt;"
    )


def test_every_help_number_on_the_pages_is_tap_to_call(client_in, owner) -> None:
    case = load_demo_case(owner)
    debt = case.debts.get(creditor="某网络借贷平台")
    pages = {
        "dashboard": reverse("case", args=[case.pk]),
        "debt": reverse("debt", args=[case.pk, debt.pk]),
        "findings": reverse("contacts:findings", args=[case.pk]),
        "plan builder": reverse("plans:builder", args=[case.pk]),
        "documents": reverse("paperwork:documents", args=[case.pk]),
    }
    seen = set()
    for name, url in pages.items():
        page = client_in.get(url).content.decode()
        assert numbers_not_linked(page) == [], name
        seen |= set(re.findall(r'href="tel:(\d+)"', page))
    assert {"12378", "12348", "110"} <= seen  # the lines the issue names are shown, and linked


def test_the_error_page_links_the_help_numbers_too() -> None:
    page = render_to_string("500.html")
    assert numbers_not_linked(page) == []
    assert 'href="tel:12378"' in page and 'href="tel:12348"' in page
