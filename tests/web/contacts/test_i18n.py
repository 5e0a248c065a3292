"""The contact pages' English translation is complete and compiled, and the pages follow the language switch."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

import xieshang.contacts
from xieshang.cases.demo import load_demo_case

from ..page_language import chinese_left, kept_as_written, section, sections, text_of

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


# ---- texts written by the core, on the demo case -------------------------------------------------------------


def reader(owner, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(owner)
    return client


def test_findings_in_english_on_the_demo_case(owner):
    """Each finding's title and detail, and the complaint groups: English but for names and cited titles."""
    demo = load_demo_case(owner)
    kept = kept_as_written(demo)
    url = reverse("contacts:findings", args=[demo.pk])
    page = reader(owner, "en").get(url).content.decode()
    findings = sections(page, 'data-testid="finding"', "</article>")
    assert len(findings) == 4
    for finding in findings:
        assert chinese_left(finding, kept) == [], text_of(finding)
    complaint = section(page, 'aria-labelledby="complaint-h"', "</section>")
    assert chinese_left(complaint, kept) == [], text_of(complaint)
    assert "contacted between 22:00 and 08:00" in text_of(findings[0])
    assert "Source: " in text_of(findings[0])
    chinese = reader(owner, "zh-hans").get(url).content.decode()
    first = text_of(sections(chinese, 'data-testid="finding"', "</article>")[0])
    assert "之间联系" in first and "依据：" in first


def test_reminders_in_english_on_the_demo_case(owner):
    """The reminders page lists every reminder in English but for names and the promises the person wrote."""
    demo = load_demo_case(owner)
    kept = kept_as_written(demo)
    url = reverse("contacts:stay", args=[demo.pk])
    page = reader(owner, "en").get(url).content.decode()
    items = sections(page, '<ul class="plain reminders">', "</ul>")
    assert items and all(chinese_left(i, kept) == [] for i in items), [text_of(i) for i in items]
    assert "Follow up with" in text_of(items[0]) and "a progress report" in text_of(items[0])
    chinese = reader(owner, "zh-hans").get(url).content.decode()
    assert "发送还款情况汇报" in text_of(sections(chinese, '<ul class="plain reminders">', "</ul>")[0])
