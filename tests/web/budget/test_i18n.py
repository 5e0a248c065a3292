"""The budget pages' English translation is complete and compiled (budget/locale/en/LC_MESSAGES)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import xieshang.budget

LOCALE = Path(xieshang.budget.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_every_budget_message_has_an_english_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if re.search(r'^msgid "(.+)"', e, re.M)]
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) or "#, fuzzy" in e]
    assert entries and untranslated == []
    assert (LOCALE / "django.mo").stat().st_mtime >= (LOCALE / "django.po").stat().st_mtime - 1


def test_pages_in_english(client_in, imported):
    client_in.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client_in.get(reverse("budget:statement", args=[imported.pk])).content.decode()
    assert "Financial statement" in page and "Wages and salary" in page and "收支表模板" not in page
    page = client_in.get(reverse("budget:summary", args=[imported.pk])).content.decode()
    assert "Spending by category" in page and "Care of parents and children" in page
