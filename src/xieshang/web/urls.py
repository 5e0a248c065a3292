"""The site's URLs: the case workbench and the language switch."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("xieshang.cases.urls")),
]
