"""The site's URLs: signing in, the case workbench and the language switch.

Every route declares who may use it (``xieshang.cases.routes``); :func:`require_declared` below refuses to start
with a route that does not, so no page, form, download or feed is reachable without its check.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path
from django.views.defaults import page_not_found
from django.views.i18n import set_language

from xieshang.accounts.routes import Site, require_declared, site_path
from xieshang.api import errors as api_errors
from xieshang.api import keys as api_keys
from xieshang.api import urls as api_urls

from . import host_page, pwa

urlpatterns: list[URLPattern | URLResolver] = [
    site_path("i18n/setlang/", set_language, Site.ANYONE, name="set_language"),
    site_path("manifest.webmanifest", pwa.manifest, Site.ANYONE, name="manifest"),
    site_path("sw.js", pwa.service_worker, Site.ANYONE, name="service-worker"),
    site_path("offline/", pwa.offline, Site.ANYONE, name="offline"),
    site_path("account/api-tokens/", api_keys.token_create, Site.SIGNED_IN, name="api-token-create"),
    site_path(
        "account/api-tokens/<int:token_pk>/revoke/",
        api_keys.token_revoke,
        Site.SIGNED_IN,
        name="api-token-revoke",
    ),
    path("api/v1/", include((api_urls.urlpatterns, "api"), namespace=api_urls.NAMESPACE)),
    path("", include("xieshang.accounts.urls")),
    path("cases/<int:pk>/budget/", include("xieshang.budget.urls")),
    path("cases/<int:pk>/plan/", include("xieshang.plans.urls")),
    path("cases/<int:pk>/contacts/", include("xieshang.contacts.urls")),
    path("cases/<int:pk>/paperwork/", include("xieshang.paperwork.urls")),
    path("cases/<int:pk>/agreements/", include("xieshang.agreements.urls")),
    path("cases/<int:pk>/jobs/", include("xieshang.jobs.urls")),
    path("", include("xieshang.cases.urls")),
]

ROUTES = require_declared(urlpatterns)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An address that matches no route: the API's JSON 404 below ``/api/``, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return api_errors.not_found()
    return page_not_found(request, exception)


handler404 = not_found
handler400 = host_page.bad_request
