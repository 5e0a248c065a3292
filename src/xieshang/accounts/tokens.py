"""One-time sign-in links: issued at start-up, redeemed once, by a POST from the page the link opens.

Opening the link (GET or HEAD) only shows a "sign in" button: a chat app's link preview, a mail scanner or a
browser's prefetch would otherwise use the link up before the person could. Only the token's SHA-256 is stored.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import LoginToken

TOKEN_LIFETIME = timedelta(days=1)


def issue_login_token(user: AbstractBaseUser) -> str:
    """A fresh single-use token for ``user``; earlier unused tokens of the user stop working."""
    now = timezone.now()
    with transaction.atomic():
        LoginToken.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
        token = secrets.token_urlsafe(32)
        LoginToken.objects.create(user=user, digest=LoginToken.digest_of(token))
    return token


def login_url(base_url: str, token: str) -> str:
    """``http://127.0.0.1:8000/login/<token>/`` — the link the server prints."""
    return base_url.rstrip("/") + reverse("login-token", args=[token])


def redeem_login_token(token: str) -> AbstractBaseUser | None:
    """The user a token signs in, once. A used, replaced, expired or unknown token gives ``None``."""
    now = timezone.now()
    digest = LoginToken.digest_of(token)
    with transaction.atomic():
        claimed = LoginToken.objects.filter(
            digest=digest, used_at__isnull=True, created_at__gte=now - TOKEN_LIFETIME
        ).update(used_at=now)
        if claimed != 1:
            return None
        return LoginToken.objects.select_related("user").get(digest=digest).user
