"""URLs of the 协商方案 pages, under cases/<pk>/plan/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
