"""A limit on sign-in attempts per network address, so sign-in links cannot be guessed at speed.

Every POST to a sign-in link counts, successful or not. More than :data:`MAX_FAILURES` failed attempts from
one address within :data:`WINDOW` and that address is refused (HTTP 429) until the window has passed; the
count lives in the database, so every server process and thread shares it.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import SignInAttempt

WINDOW = timedelta(minutes=10)
MAX_FAILURES = 10


def client_address(request: HttpRequest) -> str:
    """The address the request came from (the proxy in front sets ``REMOTE_ADDR`` through waitress)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:64]


def is_blocked(address: str) -> bool:
    since = timezone.now() - WINDOW
    failures = SignInAttempt.objects.filter(address=address, at__gte=since, succeeded=False).count()
    return failures >= MAX_FAILURES


def record_attempt(address: str, succeeded: bool) -> None:
    """Count one attempt; attempts older than the window are swept at the same time."""
    now = timezone.now()
    with transaction.atomic():
        SignInAttempt.objects.filter(at__lt=now - WINDOW).delete()
        SignInAttempt.objects.create(address=address, at=now, succeeded=succeeded)
