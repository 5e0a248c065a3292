"""Where an account is signed in: one row per browser session, listed on the account page and ended from it.

A row is made when the person signs in (``user_logged_in``) and removed when they sign out; the middleware
moves ``last_seen`` at most every few minutes. Ending a session deletes Django's session row too, so that
browser is signed out at its next request.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from xieshang import deferred

from .models import UserSession
from .throttle import client_address

TOUCH_EVERY = timedelta(minutes=5)
RENEW_EVERY = timedelta(days=1)


def _agent(request: HttpRequest) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:200]


@receiver(user_logged_in)
def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "created_at": now,
            "last_seen": now,
            "address": client_address(request),
            "agent": _agent(request),
        },
    )


@receiver(user_logged_out)
def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session") and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


_TOUCHED: dict[str, float] = {}  # session → when this process last moved its "last seen"


def touch(request: HttpRequest) -> None:
    """Note that this session is in use (at most every :data:`TOUCH_EVERY` per process; written on the side,
    so a page that only reads never waits for SQLite's write lock: :mod:`xieshang.deferred`)."""
    key = request.session.session_key
    if not key or not request.user.is_authenticated:
        return
    now = timezone.now()
    if now.timestamp() - _TOUCHED.get(key, 0) < TOUCH_EVERY.total_seconds():
        return
    if len(_TOUCHED) > 10_000:
        _TOUCHED.clear()
    _TOUCHED[key] = now.timestamp()
    user_id, address, agent = request.user.pk, client_address(request), _agent(request)

    def save() -> None:
        updated = UserSession.objects.filter(session_key=key, user_id=user_id).update(last_seen=now)
        if not updated:  # signed in before the list existed (or by a test client): list it now
            UserSession.objects.get_or_create(
                session_key=key,
                defaults={
                    "user_id": user_id,
                    "created_at": now,
                    "last_seen": now,
                    "address": address,
                    "agent": agent,
                },
            )

    deferred.write(save)


_RENEWED: dict[str, float] = {}  # session → when this process last moved its expiry


def renew(request: HttpRequest, response: HttpResponse) -> None:
    """Local mode: a device in use stays signed in. Once a day (per process) the session's expiry moves to
    ``SESSION_COOKIE_AGE`` from now, in the database on the side (a page never waits for SQLite's write lock:
    :mod:`xieshang.deferred`) and in the cookie, sent again with the same attributes: a sliding expiry."""
    key = request.session.session_key
    if not key or not request.user.is_authenticated or response.cookies.get(settings.SESSION_COOKIE_NAME):
        return
    now = timezone.now()
    if now.timestamp() - _RENEWED.get(key, 0) < RENEW_EVERY.total_seconds():
        return
    if len(_RENEWED) > 10_000:
        _RENEWED.clear()
    _RENEWED[key] = now.timestamp()
    age = int(settings.SESSION_COOKIE_AGE)
    deferred.write(
        lambda: Session.objects.filter(session_key=key, expire_date__gt=now).update(
            expire_date=now + timedelta(seconds=age)
        )
    )
    response.set_cookie(
        settings.SESSION_COOKIE_NAME,
        key,
        max_age=age,
        domain=settings.SESSION_COOKIE_DOMAIN,
        path=settings.SESSION_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE or None,
        httponly=settings.SESSION_COOKIE_HTTPONLY or None,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )


def sessions_of(user_id: int) -> list[UserSession]:
    live = set(
        Session.objects.filter(
            session_key__in=UserSession.objects.filter(user_id=user_id).values("session_key"),
            expire_date__gt=timezone.now(),
        ).values_list("session_key", flat=True)
    )
    UserSession.objects.filter(user_id=user_id).exclude(session_key__in=live).delete()
    return list(UserSession.objects.filter(user_id=user_id))


def end_session(user_id: int, session_pk: int) -> bool:
    """Sign the account's session ``session_pk`` out; whether there was one."""
    found = UserSession.objects.filter(user_id=user_id, pk=session_pk).first()
    if found is None:
        return False
    Session.objects.filter(session_key=found.session_key).delete()
    found.delete()
    return True


def end_other_sessions(user_id: int, keep_key: str | None) -> int:
    others = UserSession.objects.filter(user_id=user_id).exclude(session_key=keep_key or "")
    keys = list(others.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    count, _ = others.delete()
    return count
