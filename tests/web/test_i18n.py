"""The English translation is complete and compiled (locale/en/LC_MESSAGES)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import xieshang

LOCALE = Path(xieshang.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_every_message_has_an_english_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if re.search(r'^msgid "(.+)"', e, re.M)]
    assert len(entries) > 150
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) or "#, fuzzy" in e]
    assert untranslated == []
    assert (LOCALE / "django.mo").stat().st_size > 1000


def test_language_switch(client_in, case):
    response = client_in.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert '<html lang="en">' in page and "Total owed" in page and "共欠" not in page
    debt = case.debts.get(key="online")
    page = client_in.get(reverse("debt", args=[case.pk, debt.pk])).content.decode()
    assert "Repayment schedule" in page and "Private lending ceiling" in page
