"""Personal keys for the JSON API: made and revoked on the account page, shown once, stored as a SHA-256.

A key is ``xs_`` and 43 random URL-safe characters. :func:`user_for_token` is what the API asks on every
request carrying ``Authorization: Bearer …``: the key's account, or ``None`` for a key that is unknown or
revoked (or whose account can no longer sign in). Making and revoking a key are recorded in the audit log by
the account page (``accounts.views.account``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from xieshang import deferred

from .models import ApiToken

PREFIX = "xs_"
MAX_ACTIVE = 20  # live keys per account: enough for a person's scripts and devices
TOUCH_EVERY = timedelta(minutes=5)  # ``last_used_at`` is written at most this often per key


class TooManyTokens(Exception):
    """The account already has :data:`MAX_ACTIVE` live keys."""


def issue(user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """A new key for ``user``: its row and the key itself (which is never shown again)."""
    if active(user).count() >= MAX_ACTIVE:
        raise TooManyTokens
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name.strip()[:100], digest=ApiToken.digest_of(token), prefix=token[:10]
    )
    return row, token


def active(user: AbstractBaseUser) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def revoke(user: AbstractBaseUser, token_pk: int) -> ApiToken | None:
    """Revoke one of ``user``'s live keys; ``None`` when it has no such key."""
    row = active(user).filter(pk=token_pk).first()
    if row is None:
        return None
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    return row


def user_for_token(token: str) -> AbstractBaseUser | None:
    """The account of a live key, or ``None``."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        pk = row.pk  # a side write: a request that only reads never waits for SQLite's write lock
        deferred.write(lambda: ApiToken.objects.filter(pk=pk).update(last_used_at=now))
    return row.user
