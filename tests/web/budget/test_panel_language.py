"""The budget dashboard panel on the demo case: English without Chinese (the sentence's colon included), and the
Chinese panel as before."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from xieshang.cases.demo import load_demo_case

from ..page_language import chinese_left, kept_as_written, section, text_of


def panel(owner, demo, language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(owner)
    dashboard = client.get(reverse("case", args=[demo.pk])).content.decode()
    return section(dashboard, 'data-testid="budget-panel"', "</section>")


def test_budget_panel_in_english_on_the_demo_case(owner):
    demo = load_demo_case(owner)
    english = panel(owner, demo, "en")
    assert chinese_left(english, kept_as_written(demo)) == [], text_of(english)
    assert "Available each month for unsecured debts: " in text_of(english)
    chinese = text_of(panel(owner, demo, "zh-hans"))
    assert "每月可用于还无担保债务：" in chinese and "收入 " in chinese
