"""URLs of the 预算与账单 pages, under cases/<pk>/budget/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
