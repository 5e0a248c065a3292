"""Limits on sign-in attempts, so neither sign-in links nor passwords can be guessed at speed.

- Per network address: every POST to a sign-in link or the password form counts. After :data:`MAX_FAILURES`
  failed attempts from one address within :data:`WINDOW` that address is refused (HTTP 429) until the window
  has passed.
- Per account (server mode): after ``settings.SIGNIN_MAX_FAILURES`` wrong passwords or codes for one account
  within :data:`LOCKOUT` the account is locked for the rest of that time, from every address, even for the
  right password (HTTP 429, and the page says so); a successful sign-in starts the count again.

The counts live in the database, so every server process and thread shares them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import SignInAttempt

WINDOW = timedelta(minutes=10)
MAX_FAILURES = 10
LOCKOUT = timedelta(minutes=15)


def client_address(request: HttpRequest) -> str:
    """The address the request came from (the proxy in front sets ``REMOTE_ADDR`` through waitress)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:64]


def is_blocked(address: str) -> bool:
    since = timezone.now() - WINDOW
    failures = SignInAttempt.objects.filter(address=address, at__gte=since, succeeded=False).count()
    return failures >= MAX_FAILURES


def account_locked(username: str) -> bool:
    """Whether ``username`` had too many failed sign-ins since its last success within :data:`LOCKOUT`."""
    if not username:
        return False
    since = timezone.now() - LOCKOUT
    recent = SignInAttempt.objects.filter(username=username, at__gte=since)
    last_success = recent.filter(succeeded=True).order_by("-at").values_list("at", flat=True).first()
    failures = recent.filter(succeeded=False)
    if last_success is not None:
        failures = failures.filter(at__gt=last_success)
    return failures.count() >= int(getattr(settings, "SIGNIN_MAX_FAILURES", 5))


def record_attempt(address: str, succeeded: bool, username: str = "") -> None:
    """Count one attempt; attempts older than the longest window are swept at the same time."""
    now = timezone.now()
    with transaction.atomic():
        SignInAttempt.objects.filter(at__lt=now - max(WINDOW, LOCKOUT)).delete()
        SignInAttempt.objects.create(address=address, at=now, succeeded=succeeded, username=username[:150])
