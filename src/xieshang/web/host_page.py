"""The page for a request to a host name the server does not answer to (Django's ``DisallowedHost``): what to
do instead, in the person's language, rather than a bare "Bad Request (400)".

Django raises ``DisallowedHost`` from ``request.get_host()``, possibly before the locale, session and account
middleware have run, so this page asks nothing of the request that could raise again: no ``get_host``, no
absolute URL, no session, no signed-in account. The language comes from the request's own headers.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.views.defaults import bad_request as django_bad_request

from xieshang.accounts.pairing import recorded

SHOWN_HOST = 100  # characters of the refused host name shown back


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: the host page for a host not allowed, Django's own page for every other bad request."""
    if not isinstance(exception, DisallowedHost):
        return django_bad_request(request, exception)
    language = translation.get_language_from_request(request)
    host = str(request.META.get("HTTP_HOST", ""))[:SHOWN_HOST]
    addresses = recorded(Path(settings.DATA_DIR))
    with translation.override(language):
        page = render_to_string(
            "host_not_allowed.html",
            {
                "host": host,
                "addresses": [a for a in (addresses.local, addresses.lan) if a] if addresses else [],
                "LANGUAGE_CODE": translation.get_language(),
            },
        )
    response = HttpResponseBadRequest(page)
    response["Content-Language"] = "en" if language == "en" else "zh-Hans"
    return response
