"""Every route declares who may use it: the rule of a route that is not about one case (:class:`Site`), and
the check that every route of the site declares one (:func:`require_declared`).

Case routes (below ``cases/<int:pk>/``) are declared with ``xieshang.cases.routes.case_path``; see there.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver, path

from .users import standing_of


class Site(enum.Enum):
    """Who may use a route that is not about one case."""

    ANYONE = "anyone"  # signing in and up, the language switch
    SIGNED_IN = "signed-in"  # the home page, new cases, the account's own pages
    COUNSELLOR = "counsellor"  # the desk, a case for a borrower (server mode)
    ADMIN = "admin"  # the organisation's pages (server mode)


# ---- other routes --------------------------------------------------------------------------------------


def site_path(
    route: str, view: Callable[..., HttpResponseBase], rule: Site, *, name: str | None = None
) -> URLPattern:
    """A route that is not about one case, checked by ``rule`` before ``view`` runs (refused: 404)."""
    if not isinstance(rule, Site):
        raise ImproperlyConfigured(f"route {name!r}: the rule must be a cases.routes.Site")

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if rule is not Site.ANYONE:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            standing = standing_of(request.user)
            if rule is Site.COUNSELLOR and not (standing and standing.is_counsellor):
                raise Http404("not a counsellor")
            if rule is Site.ADMIN and not (standing and standing.is_admin):
                raise Http404("not an admin")
        request.passed_rule = rule  # type: ignore[attr-defined]  # (the permission test reads it)
        return view(request, *args, **kwargs)

    guarded.site_rule = rule  # type: ignore[attr-defined]
    return path(route, guarded, name=name)


def require_declared(patterns: Iterable[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    """Every route's full pattern; ImproperlyConfigured for a route without a declared rule, or a route below
    ``cases/<int:pk>/`` declared with a site rule."""
    routes = []
    for pattern in patterns:
        here = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += require_declared(pattern.url_patterns, here)
            continue
        callback = pattern.callback
        is_case = "cases/<int:pk>/" in here
        declared = getattr(callback, "case_rule" if is_case else "site_rule", None)
        if declared is None:
            where = (
                "cases.routes.case_path(…, rule, what=…)" if is_case else "cases.routes.site_path(…, Site.…)"
            )
            raise ImproperlyConfigured(
                f"route {here!r} ({pattern.name}) declares no permission: declare it with {where} and add it "
                "to the rule table in tests/web/test_permissions.py"
            )
        routes.append(here)
    return routes
