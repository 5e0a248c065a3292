"""What signing in stores: one-time sign-in links (only their hash), recent sign-in attempts, and in server mode
the organisations, each account's role, invitations and signed-in browsers."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .devices import device_name


class LoginToken(models.Model):
    """A one-time sign-in link. Only the token's SHA-256 is stored; ``used_at`` makes it single-use."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()  # a day for the terminal's links, minutes for a device's (..tokens)

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    def __str__(self) -> str:
        return f"login token {self.pk} ({'used' if self.used_at else 'unused'})"


class SignInAttempt(models.Model):
    """One try to sign in with a link, by network address (kept for the rate limit's window, then swept)."""

    address = models.CharField(max_length=64, db_index=True)
    username = models.CharField(max_length=150, blank=True, db_index=True)  # password sign-ins (server mode)
    at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"sign-in attempt from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"


class Role(models.TextChoices):
    """What an account is for (server mode). The local owner of ``make run`` is a borrower."""

    BORROWER = "borrower", _("借款人")
    COUNSELLOR = "counsellor", _("咨询人员")
    ADMIN = "admin", _("机构管理员")


class ColleagueAccess(models.TextChoices):
    """What a counsellor may do with the cases of colleagues in the same organisation."""

    NONE = "none", _("只看分享给自己的案件")
    READ = "read", _("可以查看本机构所有案件")
    WRITE = "write", _("可以查看和修改本机构所有案件")


class Organisation(models.Model):
    """A legal-aid organisation or counselling service: its counsellors and admins share one server."""

    name = models.CharField(_("机构名称"), max_length=200)
    colleague_access = models.CharField(
        _("同事的案件"), max_length=10, choices=ColleagueAccess.choices, default=ColleagueAccess.NONE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """An account's role and organisation; an account without one is a borrower of no organisation."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.BORROWER)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    display_name = models.CharField(_("称呼"), max_length=100, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class Invitation(models.Model):
    """A sign-up link (only its SHA-256 is kept), for one account of ``role``; used once, within a week."""

    digest = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(
        _("被邀请人"), max_length=100, blank=True
    )  # whom it is for, as the inviter wrote
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.role})"


class UserSession(models.Model):
    """One signed-in browser of an account, so the person can see where they are signed in and end it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField()
    last_seen = models.DateTimeField()
    address = models.CharField(max_length=64, blank=True)
    agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-last_seen",)

    def __str__(self) -> str:
        return f"session of {self.user_id} from {self.address}"

    @property
    def device(self) -> str:
        """The browser as a person recognises it ("Chrome · Android")."""
        return device_name(self.agent)


class ApiToken(models.Model):
    """A personal key for the JSON API (``Authorization: Bearer xs_…``). Shown once when made; only its
    SHA-256 is stored. Revoking keeps the row (with ``revoked_at``) so the account page can list what was."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # the first characters, so a person can tell two keys apart
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    def __str__(self) -> str:
        return f"API token {self.prefix}… of user {self.user_id}"
