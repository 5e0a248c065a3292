"""Every route declares who may use it; nothing under ``cases/<pk>/`` is reached without the access check.

A route of a case is declared with :func:`case_path` instead of Django's ``path``::

    case_path("evidence/", evidence.evidence_list, PAGE, name="evidence", what=Text("证据库", "evidence"))

with a :class:`Rule`: what a GET (or HEAD) needs and what any other method needs (:data:`PAGE` reads on GET and
writes on POST; :data:`READ` reads on both, for a POST that only renders or downloads; :data:`WRITE`,
:data:`OWNER`, :data:`AUDIT`, :data:`ORGANISATION`, :data:`FEED`). The check runs before the view: signed out →
the sign-in page; a case the account may not read, or none → 404, the same either way; a case it reads but
may not change → 403. ``what`` names the page in the audit log, which gets a *view* (at most once a quarter of
an hour per browser and case), a *change* for every successful write and an *export* for every download of an
``export=True`` route.

Every other route is declared with :func:`~xieshang.accounts.routes.site_path` and a
:class:`~xieshang.accounts.routes.Site` rule. :func:`~xieshang.accounts.routes.require_declared` (called on the
whole URL configuration by ``xieshang.web.urls``) refuses to start when a route is neither, so a new page
cannot forget its check; ``tests/web/test_permissions.py`` holds the table of what each kind of account may do
on every route and fails for a route it does not list.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, path

from xieshang.accounts.routes import Site, require_declared, site_path
from xieshang.accounts.throttle import client_address
from xieshang.accounts.users import standing_of
from xieshang.audit.log import record
from xieshang.audit.models import Action
from xieshang.core.bilingual import Text

from .access import CHANGES, CaseAccess, Need, change_checked, check
from .auditing import subject_of
from .models import Case

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
VIEW_EVERY = 15 * 60  # seconds: a page's views are logged once in this time per browser and case


@dataclass(frozen=True)
class Rule:
    """What a case route needs: ``safe`` for GET and HEAD, ``unsafe`` for POST and the rest. ``token``: the
    route is reached by a secret URL instead of a session and its view checks access itself (a calendar feed)."""

    safe: Need
    unsafe: Need
    token: bool = False

    def need(self, method: str) -> Need:
        return self.safe if method in SAFE_METHODS else self.unsafe


PAGE = Rule(Need.READ, Need.WRITE)  # a page with forms: read it, change the case through it
READ = Rule(Need.READ, Need.READ)  # read only (a POST that renders or downloads without changing the case)
WRITE = Rule(Need.WRITE, Need.WRITE)  # a form that changes the case, and the page that shows it
OWNER = Rule(Need.OWNER, Need.OWNER)  # the owner's: sharing, deleting the case
AUDIT = Rule(Need.AUDIT, Need.AUDIT)  # the case's audit log
ORGANISATION = Rule(Need.ORGANISATION, Need.ORGANISATION)  # the organisation's own note
FEED = Rule(Need.READ, Need.READ, token=True)  # a secret-URL feed; the view calls access_to itself


# ---- case routes ---------------------------------------------------------------------------------------


def case_path(
    route: str,
    view: Callable[..., HttpResponseBase],
    rule: Rule,
    *,
    name: str,
    what: Text,
    export: bool = False,
) -> URLPattern:
    """A route of a case (below ``cases/<int:pk>/``), checked by ``rule`` before ``view`` runs."""
    if not isinstance(rule, Rule):
        raise ImproperlyConfigured(f"route {name!r}: the rule must be a cases.routes.Rule")

    @wraps(view)
    def guarded(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponseBase:
        if not rule.token:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = check(request, pk, rule.need(request.method or "GET"))
            request.passed_rule = rule  # type: ignore[attr-defined]  # (the permission test reads it)
        response = view(request, pk=pk, **kwargs)
        if not rule.token:
            _audit(request, access, response, what, export, rule)
        return response

    guarded.case_rule = rule  # type: ignore[attr-defined]
    guarded.audit_what = what  # type: ignore[attr-defined]
    guarded.export = export  # type: ignore[attr-defined]
    return path(route, guarded, name=name)


def _audit(
    request: HttpRequest,
    access: CaseAccess,
    response: HttpResponseBase,
    what: Text,
    export: bool,
    rule: Rule | None = None,
) -> None:
    if response.status_code >= 400:
        return
    safe = request.method in SAFE_METHODS
    if export:
        action = Action.EXPORT
    elif not safe:
        if getattr(request, "audit_done", False):  # the view recorded its own event (a share, a delete)
            return
        if rule is not None and rule.unsafe not in CHANGES and not change_checked(request):
            return  # a POST that only tried, rendered or downloaded (a view that changes checks for more)
        action = Action.CHANGE
    elif response.status_code == 200 and not getattr(request, "htmx", False) and _first_view(request, access):
        action = Action.VIEW
    else:
        return
    log(request, action, what, access.case)


def log(request: HttpRequest, action: Action, what: Text, case: Case | None) -> None:
    """Append one event by the signed-in account (what a view records of its own: sharing, revealing)."""
    standing = standing_of(request.user)
    record(
        request.user,
        action,
        what,
        subject_of(case) if case is not None else None,
        organisation_id=standing.organisation_id if standing else None,
        address=client_address(request),
    )


_VIEWED: dict[tuple[str, int], float] = {}  # (session, case) → when its view was last logged, this process


def _first_view(request: HttpRequest, access: CaseAccess) -> bool:
    """Whether this browser's view of the case is the first in :data:`VIEW_EVERY` here (then it is logged).
    Kept in the process, not the session: a page that only reads writes nothing it must wait for."""
    session = getattr(request, "session", None)
    key = (getattr(session, "session_key", None) or f"user-{request.user.pk}", access.case.pk)
    now = time.time()
    if now - _VIEWED.get(key, 0) < VIEW_EVERY:
        return False
    if len(_VIEWED) > 10_000:
        for old in [k for k, v in _VIEWED.items() if now - v >= VIEW_EVERY]:
            del _VIEWED[old]
    _VIEWED[key] = now
    return True


def audit_response(
    request: HttpRequest, access: CaseAccess, response: HttpResponseBase, what: Text, export: bool = False
) -> None:
    """Log a response of a case route as a page's is logged (the JSON API's routes call this)."""
    _audit(request, access, response, what, export)


__all__ = [
    "AUDIT",
    "FEED",
    "ORGANISATION",
    "OWNER",
    "PAGE",
    "READ",
    "WRITE",
    "Rule",
    "Site",
    "audit_response",
    "case_path",
    "log",
    "require_declared",
    "site_path",
]
