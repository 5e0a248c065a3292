"""Figures formatted for people (templatetags/xs_format.py): money, days, rates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django.template import Context, Template


def render(source: str, **context: object) -> str:
    return Template("{% load xs_format %}" + source).render(Context(context))


def test_a_stored_time_shows_on_its_beijing_day() -> None:
    """2026-11-27 17:30 UTC is 2026-11-28 01:30 in Beijing (UTC+8): the page shows the 28th."""
    assert render("{{ t|day }}", t=datetime(2026, 11, 27, 17, 30, tzinfo=UTC)) == "2026-11-28"
    assert render("{{ d|day }}", d=date(2026, 11, 28)) == "2026-11-28"


def test_money_and_rates() -> None:
    assert render("{{ m|money }}", m=Decimal("1234.5")) == "¥1,234.50"
    assert render("{{ r|pct }}", r=Decimal("0.128")) == "12.80%"
