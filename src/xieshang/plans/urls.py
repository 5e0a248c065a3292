"""URLs of the 协商方案 pages, under cases/<pk>/plan/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import builder, export

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", builder.builder, name="builder"),
    path("export.xlsx", export.export_xlsx, name="export"),
]
