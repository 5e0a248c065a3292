"""The contact pages' English translation is complete and compiled, and the pages follow the language switch."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import xieshang.contacts

LOCALE = Path(xieshang.contacts.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_every_message_has_an_english_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if re.search(r'^msgid "(.+)"', e, re.M) or 'msgid ""\n"' in e]
    assert len(entries) > 150
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) or "#, fuzzy" in e]
    assert untranslated == []
    assert (LOCALE / "django.mo").stat().st_mtime >= (LOCALE / "django.po").stat().st_mtime - 5


def test_pages_in_english(client_in, case):
    client_in.post(reverse("set_language"), {"language": "en", "next": "/"})
    pages = {
        "contacts:log": "Contact log",
        "contacts:contact-create": "Who contacted whom",
        "contacts:evidence": "Verify evidence",
        "contacts:findings": "Rules checked",
        "contacts:stay": "Reminders and calendar",
        "contacts:report": "Progress report",
    }
    for name, words in pages.items():
        page = client_in.get(reverse(name, args=[case.pk])).content.decode()
        assert words in page, name
    dashboard = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert "No contact" in dashboard
