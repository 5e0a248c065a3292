"""Sign-up by invitation (server mode): a link for one account of one role, used once, within a week.

An organisation's admin invites counsellors and admins; a counsellor invites borrowers (to a case made for them,
``xieshang.cases.sharing``). Only the link's SHA-256 is stored. Opening the link shows the sign-up form and
uses nothing; the account is made by the form's POST, which claims the invitation in the same transaction, so
two people cannot sign up with one link. :data:`invitation_accepted` tells other apps (the case it was for).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from .models import Invitation, Organisation, Role
from .users import set_role

LIFETIME = timedelta(days=7)

# Sent inside the sign-up transaction: ``user`` has just accepted ``invitation``.
invitation_accepted = Signal()


class InvitationRefused(Exception):
    """The invitation is used, expired or unknown, or the user name is taken; the message says which."""


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(
    role: str, organisation: Organisation | None, invited_by: AbstractBaseUser | None, label: str = ""
) -> tuple[Invitation, str]:
    """A new invitation and its token (shown once, as a link)."""
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        digest=digest_of(token),
        role=role,
        organisation=organisation,
        invited_by=invited_by,
        label=label[:100],
    )
    return invitation, token


def signup_path(token: str) -> str:
    return reverse("signup", args=[token])


def pending(token: str) -> Invitation | None:
    """The invitation the token opens, if it can still be used."""
    return (
        Invitation.objects.select_related("organisation")
        .filter(digest=digest_of(token), used_at__isnull=True, created_at__gte=timezone.now() - LIFETIME)
        .first()
    )


def accept(token: str, username: str, password: str, display_name: str = "") -> AbstractBaseUser:
    """Make the account the invitation is for (password hashed with argon2) and use the invitation up."""
    user_model = get_user_model()
    with transaction.atomic():
        now = timezone.now()
        claimed = Invitation.objects.filter(
            digest=digest_of(token), used_at__isnull=True, created_at__gte=now - LIFETIME
        ).update(used_at=now)
        if claimed != 1:
            raise InvitationRefused("used")
        if user_model.objects.filter(username__iexact=username).exists():
            raise InvitationRefused("taken")
        invitation = Invitation.objects.select_related("organisation").get(digest=digest_of(token))
        user = user_model.objects.create_user(username=username, password=password)
        organisation = invitation.organisation if invitation.role != Role.BORROWER else None
        profile = set_role(user, invitation.role, organisation)
        if display_name:
            profile.display_name = display_name[:100]
            profile.save(update_fields=["display_name"])
        invitation.used_by = user
        invitation.save(update_fields=["used_by"])
        invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return user


def open_invitations(organisation: Organisation) -> list[Invitation]:
    since = timezone.now() - LIFETIME
    return list(
        Invitation.objects.filter(
            organisation=organisation, used_at__isnull=True, created_at__gte=since
        ).order_by("-created_at")
    )
