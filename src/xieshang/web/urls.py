"""The site's URLs: signing in, the case workbench and the language switch.

Every route declares who may use it (``xieshang.cases.routes``); :func:`require_declared` below refuses to start
with a route that does not, so no page, form, download or feed is reachable without its check.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from xieshang.accounts.routes import Site, require_declared, site_path
from xieshang.api import urls as api_urls

urlpatterns: list[URLPattern | URLResolver] = [
    site_path("i18n/setlang/", set_language, Site.ANYONE, name="set_language"),
    path("api/v1/", include((api_urls.urlpatterns, "api"), namespace=api_urls.NAMESPACE)),
    path("", include("xieshang.accounts.urls")),
    path("cases/<int:pk>/budget/", include("xieshang.budget.urls")),
    path("cases/<int:pk>/plan/", include("xieshang.plans.urls")),
    path("cases/<int:pk>/contacts/", include("xieshang.contacts.urls")),
    path("cases/<int:pk>/paperwork/", include("xieshang.paperwork.urls")),
    path("", include("xieshang.cases.urls")),
]

ROUTES = require_declared(urlpatterns)
