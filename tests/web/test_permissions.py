"""Every route, every kind of account: access and writes allowed or refused exactly as the rule table says.

:data:`RULES` is the rule table: one entry per route of the site (by its URL name, namespaced), the rule the
route must declare. The test walks Django's URL resolver, so it sees every page, form, download, feed and JSON
API operation (the API's routes are in the same URL configuration, below ``api/``, one per operation by its
``url_name``); a route without an entry here fails
:func:`test_the_table_lists_every_route_and_every_route_declares_its_rule` (and a route that declares no rule
at all stops the app at start: ``xieshang.accounts.routes.require_declared``). A new route — an agreement page,
an API operation — adds one line here; one that ends a share, a session or the case also goes in :data:`LAST`.

Each route is sent GET and POST (an API operation GET, POST, PUT, PATCH and DELETE) as each of: anonymous,
borrower A (the owner of case A), borrower B, a counsellor without a share, one with a read share, one with a
write share, the admin of another organisation (and the admin of the sharing counsellors' own organisation).
Allowed means the route's check let the request through to its view (``request.passed_rule``); refused means:
anonymous → the sign-in page (an API operation: 401); an account the case is not shared with → the very same
404 (status and body) as for a case that does not exist; an account that may read the case but not do this →
403. A refused write leaves the case's revision and every row as they were.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from xieshang.accounts.routes import Site
from xieshang.cases import routes as R
from xieshang.cases.access import Need
from xieshang.cases.models import Case, CaseShare, ShareLevel
from xieshang.contacts.models import CalendarToken

from .people import ACTORS, build_world, client_of, make_user

RULES: dict[str, R.Rule | Site] = {
    # signing in and up, the language switch
    "set_language": Site.ANYONE,
    "manifest": Site.ANYONE,
    "service-worker": Site.ANYONE,
    "offline": Site.ANYONE,
    "login-help": Site.ANYONE,
    "login-code": Site.ANYONE,
    "login-token": Site.ANYONE,
    "logout": Site.ANYONE,
    "signup": Site.ANYONE,
    # the account's own pages
    "account": Site.SIGNED_IN,
    "account-two-factor": Site.SIGNED_IN,
    "devices": Site.SIGNED_IN,
    "phone-link": Site.SIGNED_IN,
    "session-end": Site.SIGNED_IN,
    "sessions-end-others": Site.SIGNED_IN,
    "everything": Site.SIGNED_IN,
    "my-audit": Site.SIGNED_IN,
    "my-audit-csv": Site.SIGNED_IN,
    "home": Site.SIGNED_IN,
    "case-create": Site.SIGNED_IN,
    "case-import": Site.SIGNED_IN,
    "case-demo": Site.SIGNED_IN,
    "case-import-complete": Site.SIGNED_IN,
    # counsellors and the organisation
    "desk": Site.COUNSELLOR,
    "desk-new-case": Site.COUNSELLOR,
    "organisation": Site.ADMIN,
    "organisation-invite": Site.ADMIN,
    "member-remove": Site.ADMIN,
    "organisation-audit": Site.ADMIN,
    "organisation-audit-csv": Site.ADMIN,
    # one case
    "case": R.READ,
    "case-edit": R.WRITE,
    "case-delete": R.OWNER,
    "case-sharing": R.OWNER,
    "case-share-revoke": R.OWNER,
    "case-audit": R.AUDIT,
    "case-audit-csv": R.AUDIT,
    "case-note": R.ORGANISATION,
    "case-reveal": R.READ,
    "case-export": R.READ,
    "case-export-complete": R.READ,
    "debt-create": R.WRITE,
    "debt": R.PAGE,
    "debt-edit": R.WRITE,
    "debt-delete": R.WRITE,
    "debt-status": R.WRITE,
    "payment-create": R.WRITE,
    "payment-import": R.WRITE,
    "payment-delete": R.WRITE,
    "payment-restore": R.WRITE,
    "budget:statement": R.PAGE,
    "budget:template": R.READ,
    "budget:statement-import": R.WRITE,
    "budget:upload": R.PAGE,
    "budget:stage": R.WRITE,
    "budget:batch-delete": R.WRITE,
    "budget:cards": R.PAGE,
    "budget:card-confirm": R.WRITE,
    "budget:mapping": R.WRITE,
    "budget:mapping-delete": R.WRITE,
    "budget:transactions": R.READ,
    "budget:transaction": R.PAGE,
    "budget:export": R.READ,
    "budget:rules": R.PAGE,
    "budget:rule-delete": R.WRITE,
    "budget:debts": R.READ,
    "budget:confirm-debt": R.WRITE,
    "budget:summary": R.READ,
    "plans:builder": R.READ,  # trying plans reads; saving one checks WRITE in the view
    "plans:export": R.READ,
    "agreements:list": R.READ,
    "agreements:new": R.PAGE,
    "agreements:detail": R.READ,
    "agreements:edit": R.PAGE,
    "agreements:review": R.READ,
    "agreements:agree": R.WRITE,
    "agreements:delete": R.WRITE,
    "agreements:payment": R.WRITE,
    "agreements:files": R.WRITE,
    "contacts:log": R.READ,
    "contacts:contact-create": R.WRITE,
    "contacts:contact-delete": R.WRITE,
    "contacts:evidence": R.PAGE,
    "contacts:evidence-verify": R.READ,
    "contacts:evidence-bundle": R.READ,
    "contacts:evidence-redact": R.WRITE,
    "contacts:evidence-file": R.READ,
    "contacts:findings": R.READ,
    "contacts:stay": R.PAGE,
    "contacts:reminders-ics": R.READ,
    "contacts:calendar-token": R.READ,
    "contacts:calendar-feed": R.FEED,
    "contacts:report": R.READ,
    "contacts:report-eml": R.READ,
    "contacts:report-sent": R.WRITE,
    "paperwork:materials": R.PAGE,
    "paperwork:item": R.WRITE,
    "paperwork:file": R.READ,
    "paperwork:file-remove": R.WRITE,
    "paperwork:disputes": R.READ,
    "paperwork:dispute-add": R.WRITE,
    "paperwork:dispute": R.WRITE,
    "paperwork:dispute-delete": R.WRITE,
    "paperwork:note-add": R.WRITE,
    "paperwork:note": R.WRITE,
    "paperwork:note-delete": R.WRITE,
    "paperwork:documents": R.READ,
    "paperwork:package": R.READ,
    "paperwork:preview": R.READ,
    "paperwork:preview-page": R.READ,
    "paperwork:download": R.READ,
    "paperwork:package-job": R.READ,  # making the package is a read of the case (a job of the account's own)
    "jobs:job": R.READ,
    "jobs:status": R.READ,
    "jobs:download": R.READ,
    # the account's API tokens
    "api-token-create": Site.SIGNED_IN,
    "api-token-revoke": Site.SIGNED_IN,
    # the JSON API (/api/v1/): one entry per operation, the rule of its path (GET reads, changes write)
    "api-v1:openapi-json": Site.ANYONE,
    "api-v1:api-root": Site.ANYONE,
    "api-v1:case-list": Site.SIGNED_IN,
    "api-v1:case-detail": R.READ,
    "api-v1:debt-list": R.PAGE,
    "api-v1:debt-create": R.PAGE,
    "api-v1:debt-detail": R.PAGE,
    "api-v1:debt-delete": R.PAGE,
    "api-v1:debt-status-set": R.PAGE,
    "api-v1:debt-schedule": R.READ,
    "api-v1:payment-list": R.PAGE,
    "api-v1:payment-create": R.PAGE,
    "api-v1:payment-delete": R.PAGE,
    "api-v1:statement": R.READ,
    "api-v1:plan": R.READ,
    "api-v1:contact-list": R.READ,
    "api-v1:agreement-list": R.READ,
    "api-v1:evidence-list": R.READ,
    "api-v1:evidence-file": R.READ,
    "api-v1:document-list": R.READ,
    "api-v1:document-file": R.READ,
}

# What each kind of account may do with case A (the owner, its shares, the organisation helping with it).
LEVEL = {
    "anonymous": None,
    "borrower_a": "owner",
    "borrower_b": None,
    "counsellor_none": None,
    "counsellor_read": "read",
    "counsellor_write": "write",
    "admin_other": None,
    "admin_same": "org-admin",
}
IN_ORGANISATION = {"counsellor_read", "counsellor_write", "admin_same"}


def case_allows(actor: str, need: Need) -> bool:
    level = LEVEL[actor]
    reads = level is not None
    if need is Need.READ:
        return reads
    if need is Need.WRITE:
        return level in ("owner", "write")
    if need is Need.OWNER:
        return level == "owner"
    if need is Need.AUDIT:
        return level in ("owner", "org-admin")
    return actor in IN_ORGANISATION  # the organisation's note


def site_allows(actor: str, rule: Site) -> bool:
    if rule is Site.ANYONE:
        return True
    if actor == "anonymous":
        return False
    if rule is Site.COUNSELLOR:
        return actor.startswith(("counsellor", "admin"))
    if rule is Site.ADMIN:
        return actor.startswith("admin")
    return True


ARGUMENTS: dict[str, tuple[str, ...]] = {}  # route name → every argument of its full pattern
ADDRESS: dict[str, str] = {}  # route name → its full pattern ("api/v1/cases/<int:pk>/debts/")

# The methods each route is sent. A JSON API operation (a route below ``api/``, e.g. django-ninja's under
# ``/api/v1/``; its URL name is the operation's ``url_name``, namespaced) is sent every method a REST client
# uses; a page GET and POST (a page's forms only post). The rule decides by safe / unsafe method either way.
PAGE_METHODS = ("GET", "POST")
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def methods_of(name: str) -> tuple[str, ...]:
    return API_METHODS if is_api(name) else PAGE_METHODS


def is_api(name: str) -> bool:
    return ADDRESS[name].startswith("api/")


def walk(
    patterns: list[URLPattern | URLResolver],
    namespace: str = "",
    outer: tuple[str, ...] = (),
    prefix: str = "",
) -> Iterator[tuple[str, URLPattern]]:
    """Every route of the URL configuration (pages, downloads, feeds and API operations) by its full name."""
    for pattern in patterns:
        here = outer + tuple(pattern.pattern.converters)
        address = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, inner, here, address)
        else:
            ARGUMENTS[namespace + str(pattern.name)] = here
            ADDRESS[namespace + str(pattern.name)] = address
            yield namespace + str(pattern.name), pattern


def declared(pattern: URLPattern) -> R.Rule | Site | None:
    return getattr(pattern.callback, "case_rule", None) or getattr(pattern.callback, "site_rule", None)


def test_the_table_lists_every_route_and_every_route_declares_its_rule() -> None:
    routes = dict(walk(get_resolver().url_patterns))
    missing = sorted(set(routes) - set(RULES))
    assert not missing, (
        f"routes without an entry in the rule table (tests/web/test_permissions.py): {missing}"
    )
    assert not sorted(set(RULES) - set(routes)), "entries for routes that no longer exist"
    wrong = {name: declared(p) for name, p in routes.items() if declared(p) != RULES[name]}
    assert not wrong, f"routes declaring another rule than the table's: {wrong}"


# Destructive requests of allowed accounts run last, in this order (they end a share, a session, the case).
LAST = ("case-share-revoke", "member-remove", "sessions-end-others", "logout", "case-delete")


def _kwargs(name: str, world, actor: str, pk: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "pk": pk,
        "debt_pk": world.debt_pk,  # fixed at the start: an allowed delete removes it, later requests 404 there
        "payment_pk": world.payment_pk,
        "contact_id": "c1",
        "agreement_id": "a1",
        "seq": 1,
        "sha256": "0" * 64,
        "item_id": "id-card",
        "key": "card",
        "txn": "0" * 64,
        "batch_pk": 1,
        "pending_pk": 1,
        "mapping_pk": 1,
        "index": 0,
        "share_pk": world.spare_share.pk,
        "token": _token(world, actor),
        "name": "hardship",
        "fmt": "docx",
        "session_pk": 999999,
        "user_pk": world.spare_member.pk,
        "job_id": uuid.UUID(int=1),
        "token_pk": 999999,
    }
    return {k: values[k] for k in ARGUMENTS[name]}


def _token(world, actor: str) -> str:  # type: ignore[no-untyped-def]
    """The actor's calendar secret as it stands (the calendar-token route, tried before the feed, renews it)."""
    user = world.users.get(actor)
    found = CalendarToken.objects.filter(user=user).first() if user is not None else None
    return found.token if found is not None else "no-such-token"


@pytest.fixture
def world(db, settings):
    settings.SERVER_MODE = True
    found = build_world()
    found.spare_share = CaseShare.objects.create(  # type: ignore[attr-defined]
        case=found.case_a, user=make_user("spare", "counsellor", found.org1), level=ShareLevel.READ
    )
    found.spare_member = make_user("leaving", "counsellor", found.org1)  # type: ignore[attr-defined]
    debt = found.case_a.debts.order_by("id").first()
    found.debt_pk = debt.pk  # type: ignore[attr-defined]
    found.payment_pk = debt.payments.first().pk  # type: ignore[attr-defined]
    found.tokens = {  # type: ignore[attr-defined]
        actor: CalendarToken.objects.create(user=user).token for actor, user in found.users.items()
    }
    return found


def _state(case_pk: int) -> tuple[object, ...]:
    case = Case.objects.filter(pk=case_pk).first()
    if case is None:
        return ("deleted",)
    return (
        case.revision,
        case.borrower_name,
        case.debts.count(),
        CaseShare.objects.filter(case=case).count(),
    )


def _check(world, name: str, pattern: URLPattern, actor: str, method: str) -> None:  # type: ignore[no-untyped-def]
    client = world.clients[actor]
    rule = RULES[name]
    url = reverse(name, kwargs=_kwargs(name, world, actor, world.case_a.pk))

    def send(address: str):  # type: ignore[no-untyped-def]
        return client.generic(method, address)

    before = _state(world.case_a.pk)
    response = send(url)
    passed = getattr(response.wsgi_request, "passed_rule", None) is not None
    where = f"{method} {name} as {actor}"
    if isinstance(rule, Site):
        allowed = site_allows(actor, rule)
        assert passed == allowed, where
        if not allowed:
            if actor == "anonymous":
                assert signed_out(name, response), where
            else:
                assert response.status_code == 404, where
        return
    if rule.token and method != "GET":  # a feed is only read: any other method is refused alike for all
        assert response.status_code == 405, where
        return
    if rule.token:  # the calendar feed: the secret URL's account, checked by the view
        allowed = case_allows(actor, Need.READ)
        assert response.status_code == (200 if allowed else 404), where
        if not allowed:
            other_url = reverse(name, kwargs=_kwargs(name, world, actor, 999999))
            assert same_page(response, send(other_url), url, other_url), where
        return
    need = rule.need(method)
    allowed = actor != "anonymous" and case_allows(actor, need)
    assert passed == allowed, where
    if allowed:
        return
    assert _state(world.case_a.pk) == before, f"{where}: a refused request changed the case"
    if actor == "anonymous":
        assert signed_out(name, response), where
        return
    if LEVEL[actor] is not None and need in (Need.WRITE, Need.OWNER):
        assert response.status_code == 403, where
        return
    assert response.status_code == 404, where
    absent_url = reverse(name, kwargs=_kwargs(name, world, actor, 999999))
    assert same_page(response, send(absent_url), url, absent_url), (
        f"{where}: a refused request must learn nothing (same 404 as a case that does not exist)"
    )


def signed_out(name: str, response) -> bool:  # type: ignore[no-untyped-def]
    """Refused for want of an account: a page sends to the sign-in page, an API operation answers 401."""
    if is_api(name):
        return response.status_code == 401
    return response.status_code == 302 and response["Location"].startswith(reverse("login-help"))


TOKEN = re.compile(rb"[A-Za-z0-9]{64}")


def same_page(first, second, first_url: str, second_url: str) -> bool:  # type: ignore[no-untyped-def]
    """The same response but for its own address and the per-response CSRF mask (which carry nothing)."""

    def norm(response, url: str) -> tuple[int, bytes]:  # type: ignore[no-untyped-def]
        return response.status_code, TOKEN.sub(b"T", response.content.replace(url.encode(), b"URL"))

    return norm(first, first_url) == norm(second, second_url)


def test_every_route_for_every_kind_of_account(world) -> None:
    routes = dict(walk(get_resolver().url_patterns))
    first = [n for n in routes if n not in LAST]
    for name in first:
        for method in methods_of(name):
            for actor in ACTORS:
                _check(world, name, routes[name], actor, method)
    for name in LAST:
        for method in methods_of(name):
            for actor in sorted(ACTORS, key=lambda a: a == "borrower_a"):  # the owner's delete goes last
                _check(world, name, routes[name], actor, method)
        if name == "logout":  # everyone signed out: sign in again for the delete
            for actor, user in world.users.items():
                world.clients[actor] = client_of(user, verified=actor.startswith("admin"))
    assert not Case.objects.filter(pk=world.case_a.pk).exists()  # the owner's delete went through at the end
    assert Case.objects.filter(pk=world.case_b.pk).exists()  # and nothing touched borrower B's case


def test_a_revoked_share_and_a_removed_organisation_lose_access(world) -> None:
    reader = world.clients["counsellor_read"]
    page = reverse("case", args=[world.case_a.pk])
    assert reader.get(page).status_code == 200
    CaseShare.objects.filter(user=world.users["counsellor_read"]).delete()
    assert reader.get(page).status_code == 404
    feed = reverse("contacts:calendar-feed", args=[world.case_a.pk, world.tokens["counsellor_read"]])
    assert world.clients["anonymous"].get(feed).status_code == 404  # the secret URL ends with the share
    admin = world.clients["admin_same"]
    assert (
        admin.get(page).status_code == 200
    )  # counsellor_write's share still ties the case to organisation 1
    CaseShare.objects.filter(case=world.case_a).delete()
    assert admin.get(page).status_code == 404
