"""URLs of the 协商方案 pages, under cases/<pk>/plan/."""

from __future__ import annotations

from django.urls import URLPattern

from xieshang.cases.routes import READ, case_path
from xieshang.core.bilingual import Text as T

from .views import builder, export

app_name = "plans"

urlpatterns: list[URLPattern] = [
    # trying plans reads the case (anyone who may read it may try); saving one checks WRITE in the view
    case_path("", builder.builder, READ, name="builder", what=T("协商方案", "negotiation plan")),
    case_path(
        "export.xlsx",
        export.export_xlsx,
        READ,
        name="export",
        what=T("方案表格", "plan workbook"),
        export=True,
    ),
]
