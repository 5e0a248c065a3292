"""URLs of the 沟通与证据 pages, under cases/<pk>/contacts/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
