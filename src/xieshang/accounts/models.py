"""What signing in stores: one-time sign-in links (only their hash) and recent sign-in attempts per address."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models


class LoginToken(models.Model):
    """A one-time sign-in link. Only the token's SHA-256 is stored; ``used_at`` makes it single-use."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    def __str__(self) -> str:
        return f"login token {self.pk} ({'used' if self.used_at else 'unused'})"


class SignInAttempt(models.Model):
    """One try to sign in with a link, by network address (kept for the rate limit's window, then swept)."""

    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"sign-in attempt from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"
