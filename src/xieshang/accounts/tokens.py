"""One-time sign-in links: issued at start-up, by ``xieshang link`` and from a signed-in device ("open on my
phone"); redeemed once, by a POST from the page the link opens.

A link from the terminal lasts a day and replaces every earlier unused link (whoever sits at the computer is
the authority: a leaked link is withdrawn by making a new one). A link made on a signed-in device lasts 15
minutes and leaves the others alone, so that two devices (or a reloaded page) never spoil each other's link.

Opening the link (GET or HEAD) only shows a "sign in" button: a chat app's link preview, a mail scanner or a
browser's prefetch would otherwise use the link up before the person could. Only the token's SHA-256 is stored.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import LoginToken

TOKEN_LIFETIME = timedelta(days=1)  # a link printed in the terminal
DEVICE_LIFETIME = timedelta(minutes=15)  # a link made on a signed-in device, to be scanned there and then


def issue_login_token(user: AbstractBaseUser, *, replace: bool = True) -> str:
    """A fresh single-use terminal link's token for ``user``; with ``replace``, earlier unused tokens of the
    user stop working."""
    now = timezone.now()
    with transaction.atomic():
        if replace:
            LoginToken.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
        return _create(user, now + TOKEN_LIFETIME)


def issue_device_token(user: AbstractBaseUser) -> tuple[str, datetime]:
    """A token made on a signed-in device, and when it expires (earlier tokens stay as they are)."""
    expires = timezone.now() + DEVICE_LIFETIME
    return _create(user, expires), expires


def _create(user: AbstractBaseUser, expires: datetime) -> str:
    token = secrets.token_urlsafe(32)
    LoginToken.objects.create(user=user, digest=LoginToken.digest_of(token), expires_at=expires)
    return token


def login_url(base_url: str, token: str) -> str:
    """``http://127.0.0.1:8000/login/<token>/`` — the link the server prints."""
    return base_url.rstrip("/") + reverse("login-token", args=[token])


def redeem_login_token(token: str) -> AbstractBaseUser | None:
    """The user a token signs in, once. A used, replaced, expired or unknown token gives ``None``."""
    now = timezone.now()
    digest = LoginToken.digest_of(token)
    with transaction.atomic():
        claimed = LoginToken.objects.filter(digest=digest, used_at__isnull=True, expires_at__gt=now).update(
            used_at=now
        )
        if claimed != 1:
            return None
        return LoginToken.objects.select_related("user").get(digest=digest).user
