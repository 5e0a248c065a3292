"""The agreement pages' English translation is complete and compiled, and the pages show no Chinese of their own
in English (only the case's names, the agreement's own wording and the cited sources stay as written)."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

import xieshang.agreements
from xieshang import reference
from xieshang.cases.models import Case

from ..page_language import chinese_left, kept_as_written, text_of
from .test_pages import KEPT, saved_id, url

LOCALE = Path(xieshang.agreements.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_every_message_has_an_english_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if re.search(r'^msgid "(.+)"', e, re.M) or 'msgid ""\n"' in e]
    assert len(entries) > 100
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) or "#, fuzzy" in e]
    assert untranslated == []
    assert (LOCALE / "django.mo").stat().st_mtime >= (LOCALE / "django.po").stat().st_mtime - 5


def english(owner) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    return client


def test_the_agreement_pages_in_english(owner, client_in: Client, case: Case):
    agreement = saved_id(client_in.post(url(case, "new"), {**KEPT, "payee": "personal"}))
    client_in.post(url(case, agreement, "payments"), {"date": "2025-12-10", "amount": "1000.00"})
    kept = [*kept_as_written(case), KEPT["creditor_party"], KEPT["account"]]
    kept += [r.source for r in reference.agreement_rules()] + [reference.debt_agents().source]
    kept.sort(key=len, reverse=True)
    reader = english(owner)
    for page, words in (
        (url(case), "Record each agreement you reach here"),
        (url(case, "new"), "Record an agreement"),
        (url(case, agreement), "Each instalment: due and paid"),
        (url(case, agreement, "review"), "What to ask for instead"),
        (url(case, agreement, "edit"), "Edit the agreement"),
        (url(case, agreement, "delete"), "Delete the record"),
    ):
        html = reader.get(page).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert words in text_of(main), page
        assert chinese_left(main, kept) == [], (page, chinese_left(main, kept))
