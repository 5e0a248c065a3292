"""The list of a user's cases and one case's dashboard: the seven steps, totals, creditor cards."""

from __future__ import annotations

from collections.abc import Hashable

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from xieshang.view import LruCache

from ..access import access_of, accessible_cases, get_case_for_user
from ..extensions import panel_facts, panels_for, proposals_sent, step_pages, step_url
from ..models import Case
from ..presenters import case_dashboard_context
from ..reading import read_case
from ..steps import STEPS
from ..templatetags.xs_steps import guide_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Every case the signed-in account may open (its own, and those shared with it); empty → offer the demo."""
    cases = accessible_cases(request.user).annotate(debt_count=Count("debts")).order_by("-updated_at", "-id")
    own = [c for c in cases if c.owner_id == request.user.pk]
    shared = [c for c in cases if c.owner_id != request.user.pk]
    return render(request, "cases/home.html", {"cases": own, "shared": shared})


# Rendered dashboards, kept while everything they show stays the same (see ``_body_key``).
BODIES: LruCache[str] = LruCache(32)


def _body_key(request: HttpRequest, case: Case) -> Hashable | None:
    """What the dashboard's body depends on: the case view's key (case, revision, day, reference data), the
    page's language, the browser's CSRF secret (its forms carry a token), the facts the apps keep outside the
    case (proposal letters made, every panel's facts); None when a panel cannot say what it reads."""
    facts = panel_facts(request, case)
    if facts is None:
        return None
    get_token(request)
    secret = request.META.get("CSRF_COOKIE", "")
    sent = tuple(sorted(proposals_sent(case).items()))
    access = access_of(request)
    level = access.level if access is not None else None  # a reader sees the page without its forms
    return (read_case(case, request).key, get_language(), secret, sent, facts, level)


def _body(request: HttpRequest, case: Case) -> str:
    step_links = [(step, [(p.label, p.url(case)) for p in step_pages(step.slug)]) for step in STEPS]
    shown = case_dashboard_context(case, request)
    access = access_of(request)
    context = {
        "case": case,
        "can_write": access is None or access.can_write,
        "is_owner": access is None or access.is_owner,
        **shown,
        "step_links": step_links,
        "step_nav": [(step, step_url(case, step.slug)) for step in STEPS],
        "guide": guide_of(case, STEPS[shown["current_step"] - 1]),
        "panels": panels_for(request, case),
    }
    return render_to_string("cases/_dashboard_body.html", context, request)


@login_required
def case_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    key = _body_key(request, case)
    body = _body(request, case) if key is None else BODIES.get(key, lambda: _body(request, case))
    context = {"case": case, "body": mark_safe(body), "access": access_of(request)}  # our template
    return render(request, "cases/dashboard.html", context)
