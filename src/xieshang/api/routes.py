"""Every API operation declares who may use it, with the pages' own rules, and is checked before it runs.

An operation says what it needs with :func:`needs` (a :class:`~xieshang.cases.routes.Rule` for an operation on
one case, a :class:`~xieshang.accounts.routes.Site` for the others)::

    @router.get("/cases/{int:pk}/debts/", response=DebtPage, url_name="debt-list")
    @needs(R.READ, Text("债务列表", "debts"))
    def debt_list(request, pk: int, ...): ...

:func:`url_patterns` turns the API's operations into Django routes: one route per path (the path's operations
share it), each guarded by :func:`guard`, which authenticates (a bearer token, else the browser's session with
its CSRF token for a change), applies the path's rule through ``cases.access.check`` — the pages' check — and
logs to the audit log like a page. Every route carries its rule as ``case_rule`` / ``site_rule``, so
``accounts.routes.require_declared`` refuses to start without one and the permission test lists each operation
by its URL name. Refused: no account → 401; a case the account may not read, or none → the same 404; a case it
reads but may not change → 403. Errors are JSON (``api.errors``), never a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import URLPattern, path
from ninja import NinjaAPI
from ninja.openapi.urls import get_openapi_urls, get_root_url

from xieshang.accounts.api_tokens import user_for_token
from xieshang.accounts.routes import Site
from xieshang.accounts.users import standing_of
from xieshang.cases import routes as R
from xieshang.cases.access import Need, check
from xieshang.core.bilingual import Text

from . import errors

F = TypeVar("F", bound=Callable[..., Any])
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def needs(rule: R.Rule | Site, what: Text | None = None, *, export: bool = False) -> Callable[[F], F]:
    """Declare what an operation needs (its path's rule is made from its operations'), and how the audit log
    names it (``what``; ``export``: a download, logged as an export)."""

    def mark(view: F) -> F:
        view.api_rule = rule  # type: ignore[attr-defined]
        view.api_what = what  # type: ignore[attr-defined]
        view.api_export = export  # type: ignore[attr-defined]
        return view

    return mark


def _path_rule(route: str, operations: list[Any]) -> tuple[R.Rule | Site, Text, bool]:
    """The rule of one path: what its GET needs when safe, what its changes need when not."""
    safe: Need | None = None
    unsafe: set[Need] = set()
    sites: set[Site] = set()
    what: Text | None = None
    export = False
    for operation in operations:
        rule = getattr(operation.view_func, "api_rule", None)
        if rule is None:
            raise ImproperlyConfigured(
                f"API operation {operation.view_func.__name__} declares no rule (needs)"
            )
        if isinstance(rule, Site):
            sites.add(rule)
            continue
        what = operation.view_func.api_what or what
        export = export or operation.view_func.api_export
        if set(operation.methods) & set(UNSAFE):
            unsafe.add(rule.unsafe)
        else:
            safe = rule.safe
    if sites:
        if len(sites) > 1 or unsafe or safe:
            raise ImproperlyConfigured(f"API path {route}: one site rule for all its operations")
        return sites.pop(), what or Text("", ""), export  # (a site route logs nothing of its own)
    if len(unsafe) > 1:
        raise ImproperlyConfigured(f"API path {route}: its changes need different levels; split the path")
    if what is None:  # the audit log names what was read or changed, in people's words
        raise ImproperlyConfigured(f"API path {route}: no operation says what it is (needs(rule, what))")
    first = safe or Need.READ
    return R.Rule(first, unsafe.pop() if unsafe else first), what, export


def authenticate(request: HttpRequest) -> HttpResponseBase | None:
    """A bearer token's account becomes ``request.user``; a bad token is a 401, not a quiet fallback to the
    session. A change through the browser's session needs its CSRF token (a token request needs none)."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        scheme, _sep, token = header.partition(" ")
        user = user_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            return errors.unauthorized()
        request.user = user
        return None
    if request.method in UNSAFE and request.user.is_authenticated:
        refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})  # type: ignore[arg-type,return-value]
        if refused is not None:
            return errors.csrf_refused()
    return None


def guard(
    view: Callable[..., HttpResponseBase], rule: R.Rule | Site, what: Text, export: bool
) -> Callable[..., HttpResponseBase]:
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refused = authenticate(request)
        if refused is not None:
            return refused
        if isinstance(rule, Site):
            if rule is not Site.ANYONE:
                if not request.user.is_authenticated:
                    return errors.unauthorized()
                standing = standing_of(request.user)
                if rule is Site.COUNSELLOR and not (standing and standing.is_counsellor):
                    return errors.not_found()
                if rule is Site.ADMIN and not (standing and standing.is_admin):
                    return errors.not_found()
            request.passed_rule = rule  # type: ignore[attr-defined]  # (the permission test reads it)
            return view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return errors.unauthorized()
        try:
            access = check(request, kwargs["pk"], rule.need(request.method or "GET"))
        except Http404:
            return errors.not_found()
        except PermissionDenied:
            return errors.forbidden()
        request.passed_rule = rule  # type: ignore[attr-defined]
        response = view(request, *args, **kwargs)
        R.audit_response(request, access, response, what, export)
        return response

    guarded.csrf_exempt = True  # type: ignore[attr-defined]  # checked above, for session requests only
    if isinstance(rule, Site):
        guarded.site_rule = rule  # type: ignore[attr-defined]
    else:
        guarded.case_rule = rule  # type: ignore[attr-defined]
        guarded.audit_what = what  # type: ignore[attr-defined]
        guarded.export = export  # type: ignore[attr-defined]
    return guarded


def url_patterns(api: NinjaAPI) -> list[URLPattern]:
    """The API's routes, each guarded by its path's rule (see the module's docstring)."""
    found: list[URLPattern] = []
    for pattern in get_openapi_urls(api):  # the OpenAPI document: public, like the source it describes
        found.append(
            path(
                str(pattern.pattern),
                guard(pattern.callback, Site.ANYONE, Text("", ""), False),
                name=pattern.name,
            )
        )
    for bound in api._get_bound_routers():
        for route, path_view in bound.path_operations.items():
            full = (bound.prefix + route).replace("{", "<").replace("}", ">").replace("//", "/").lstrip("/")
            rule, what, export = _path_rule(full, path_view.operations)
            guarded = guard(path_view.get_view(), rule, what, export)
            for operation in path_view.operations:
                found.append(path(full, guarded, name=operation.url_name or operation.view_func.__name__))
    root = get_root_url(api)
    found.append(path("", guard(root.callback, Site.ANYONE, Text("", ""), False), name=root.name))
    return found


__all__ = ["needs", "url_patterns"]
