"""URLs of the 材料与文书 pages, under cases/<pk>/paperwork/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
