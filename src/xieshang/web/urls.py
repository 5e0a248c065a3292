"""The site's URLs: signing in, the case workbench and the language switch."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("xieshang.accounts.urls")),
    path("cases/<int:pk>/budget/", include("xieshang.budget.urls")),
    path("cases/<int:pk>/plan/", include("xieshang.plans.urls")),
    path("cases/<int:pk>/contacts/", include("xieshang.contacts.urls")),
    path("cases/<int:pk>/paperwork/", include("xieshang.paperwork.urls")),
    path("cases/<int:pk>/agreements/", include("xieshang.agreements.urls")),
    path("cases/<int:pk>/jobs/", include("xieshang.jobs.urls")),
    path("", include("xieshang.cases.urls")),
]
