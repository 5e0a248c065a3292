"""No internal word reaches a person: every page of the demo case (Chinese and English), every document and the
Excel exports are read as a person reads them (the text, the values of fields and what a screen reader says),
and none holds a debt's key (``kuaidai``), a coded value (``interest_freeze``, ``pro-rata``, ``not_contacted``)
or a case-file field name (``annual_rate``). On Chinese pages even a one-word code (``deferral``) is a leak.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xieshang.casefile.debts import BORROWER_KEYS, DEBT_KEYS, REVOLVING_KEYS
from xieshang.casefile.plan import PARAMS
from xieshang.cases.demo import load_demo_case
from xieshang.core.vocabulary import every_enum
from xieshang.documents.render import DOCUMENTS

from ..documents.text import docx_text

DEMO_KEYS = ("jiebei", "kuaidai", "xiaodai", "fenqi", "jingying", "credit-card")
CODES = {m.value for enum in every_enum() for m in enum}
COMPOUND = sorted(c for c in CODES if "_" in c or "-" in c)
SINGLE = sorted(c for c in CODES if c not in COMPOUND)
FIELDS = sorted(
    {
        k
        for k in (*DEBT_KEYS, *BORROWER_KEYS, *REVOLVING_KEYS, *(p for ps in PARAMS.values() for p in ps))
        if "_" in k
    }
)
SEEN = ("title", "placeholder", "aria-label", "alt")


class Visible(HTMLParser):
    """The text a person reads or hears: text outside scripts and styles, a few attributes, typed values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.skip += 1
        found = dict(attrs)
        for name in SEEN:
            if found.get(name):
                self.parts.append(str(found[name]))
        if tag in ("input", "textarea") and found.get("type") not in (
            "hidden",
            "checkbox",
            "radio",
            "submit",
        ):
            self.parts.append(str(found.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = Visible()
    parser.feed(html)
    return "\n".join(p for p in parser.parts if p.strip())


def leaks(text: str, chinese: bool) -> list[str]:
    words = [*DEMO_KEYS, *COMPOUND, *FIELDS]
    # English prose may say "credit-card instalments"; the demo's key "credit-card" stands alone
    text = re.sub(r"credit-card (instalments|notice)", r"credit card \1", text)
    found = [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    if chinese:
        found += [w for w in SINGLE if re.search(rf"(?<![A-Za-z_-]){w}(?![A-Za-z_-])", text)]
    return found


def pages(case) -> list[str]:  # type: ignore[no-untyped-def]
    debts = list(case.debts.all())
    urls = [reverse("case", args=[case.pk]), reverse("case-edit", args=[case.pk])]
    for debt in debts:
        urls += [reverse("debt", args=[case.pk, debt.pk]), reverse("debt-edit", args=[case.pk, debt.pk])]
    urls += [reverse("payment-create", args=[case.pk, debts[0].pk])]
    names = (
        "plans:builder budget:statement budget:upload budget:transactions budget:rules budget:debts budget:summary "
        "contacts:log contacts:contact-create contacts:report contacts:stay contacts:findings contacts:evidence "
        "paperwork:materials paperwork:disputes paperwork:documents"
    ).split()
    urls += [reverse(name, args=[case.pk]) for name in names]
    for name, kind in DOCUMENTS.items():
        query = "?creditor=某网络借贷平台" if kind.per_creditor else ""
        urls.append(reverse("paperwork:preview", args=[case.pk, name]) + query)
    return urls


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_page_of_the_demo_case_shows_an_internal_word(client_in, owner, language):
    case = load_demo_case(owner)
    client_in.cookies["django_language"] = language
    for url in pages(case):
        response = client_in.get(url)
        assert response.status_code == 200, url
        found = leaks(visible(response.content.decode()), chinese=language != "en")
        assert not found, (url, found)


def test_no_document_or_workbook_of_the_demo_case_shows_an_internal_word(client_in, owner):
    case = load_demo_case(owner)
    for name, kind in DOCUMENTS.items():
        creditors = (
            ["某网络借贷平台", "某小额贷款有限公司", "某商业银行（经营贷）"] if kind.per_creditor else [""]
        )
        for creditor in creditors:
            url = reverse("paperwork:download", args=[case.pk, name, "docx"])
            response = client_in.post(url, {"creditor": creditor})
            assert response.status_code == 200, (name, creditor)
            found = leaks(docx_text(response.content), chinese=True)
            assert not found, (name, creditor, found)
    for url in (reverse("plans:export", args=[case.pk]), reverse("budget:export", args=[case.pk])):
        book = load_workbook(io.BytesIO(client_in.get(url).content))
        cells = [
            str(c)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for c in row
            if c is not None
        ]
        found = leaks("\n".join([*book.sheetnames, *cells]), chinese=False)
        assert not found, (url, found)
