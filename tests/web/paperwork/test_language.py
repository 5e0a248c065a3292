"""The materials checklist and its dashboard panel in English on the demo case: no Chinese but what the person
wrote (names in the case, the hardship description, notes on items) — the Chinese page keeps its Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

import xieshang.paperwork
from xieshang.casefile.materials import materials_from_dict
from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case

from ..page_language import chinese_left, kept_as_written, section, sections, text_of

LOCALE = Path(xieshang.paperwork.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def reader(owner, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(owner)
    return client


def kept(case: Case) -> list[str]:
    """The page-language allowance plus the materials section's own words: the hardship description and the
    notes the person wrote on items (nothing else)."""
    materials = materials_from_dict(case.sections.get("materials"))
    own = {materials.hardship.description, *(r.note for r in materials.items)}
    return sorted({*kept_as_written(case), *(o for o in own if o)}, key=len, reverse=True)


def test_every_message_has_an_english_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if re.search(r'^msgid "(.+)"', e, re.M) or 'msgid ""\n"' in e]
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) or "#, fuzzy" in e]
    assert entries and untranslated == []
    assert (LOCALE / "django.mo").stat().st_mtime >= (LOCALE / "django.po").stat().st_mtime - 5


def test_materials_page_in_english_on_the_demo_case(owner):
    """Demo: unemployment and a drop in income, bank and card debts; the bank statement obtained 2026-06-30 is
    past its 90 days, the ID card and termination proof are recorded without files."""
    demo = load_demo_case(owner)
    allowed = kept(demo)
    url = reverse("paperwork:materials", args=[demo.pk])
    page = reader(owner, "en").get(url).content.decode()
    main = section(page, "<main", "</main>")
    assert chinese_left(main, allowed) == [], text_of(main)
    items = sections(page, 'data-testid="item-', "</article>")
    assert len(items) > 10
    statement = text_of(section(page, 'data-testid="item-bank_statement"', "</article>"))
    assert "Bank statement (last 6 months)" in statement
    assert "Hardship reasons: unemployment, a drop in income" in statement
    assert "Obtained on 2026-06-30; expired on 2026-09-28: get a new copy" in statement
    assert "Source of the list: What lenders commonly ask for" in text_of(main)
    assert "lenders differ). Confidence: practice." in text_of(main)


def test_materials_panel_in_english_on_the_demo_case(owner):
    demo = load_demo_case(owner)
    dashboard = reader(owner, "en").get(reverse("case", args=[demo.pk])).content.decode()
    panel = section(dashboard, 'data-testid="materials-panel"', "</section>")
    assert chinese_left(panel, kept(demo)) == [], text_of(panel)
    assert "Bank statement (last 6 months)" in text_of(panel) and "Note " in text_of(panel)
    assert "ID card (copy of both sides): recorded, but no file uploaded yet" in text_of(panel)


def test_chinese_page_and_panel_keep_their_chinese(owner):
    demo = load_demo_case(owner)
    zh = reader(owner, "zh-hans")
    page = text_of(zh.get(reverse("paperwork:materials", args=[demo.pk])).content.decode())
    assert "银行流水（近6个月）" in page and "困难原因：失业；困难原因：收入下降" in page
    assert "获取于2026年6月30日，已于2026年9月28日过期，请重新获取" in page
    assert "清单来源：协商实务中债权人常见的材料要求" in page
    dashboard = zh.get(reverse("case", args=[demo.pk])).content.decode()
    panel = text_of(section(dashboard, 'data-testid="materials-panel"', "</section>"))
    assert "身份证（正反面复印件）：已登记但尚未上传文件" in panel and "提醒" in panel
