"""Who may see what: the local owner account, one-time sign-in links and per-case access checks.

Every view begins with :func:`get_case_for_user` (or :func:`get_debt_for_user`), so no view can forget
to check that the case belongs to the signed-in user.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from .models import Case, Debt, LoginToken

OWNER_USERNAME = "owner"
TOKEN_LIFETIME = timedelta(days=1)


def local_owner() -> AbstractBaseUser:
    """The account of the person running ``xieshang serve``; created on first start, without a password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=OWNER_USERNAME)
    if created:
        user.set_unusable_password()
        user.save()
    return user


def issue_login_token(user: AbstractBaseUser) -> str:
    """A fresh single-use token for ``user``; earlier unused tokens of the user stop working."""
    now = timezone.now()
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


def get_case_for_user(request: HttpRequest, pk: int) -> Case:
    """The case ``pk`` if it belongs to the signed-in user; 404 otherwise (never reveals other cases)."""
    try:
        return Case.objects.get(pk=pk, owner_id=request.user.pk)
    except Case.DoesNotExist:
        raise Http404("no such case") from None


def get_debt_for_user(request: HttpRequest, case_pk: int, debt_pk: int) -> tuple[Case, Debt]:
    """The case and one of its debts, checked like :func:`get_case_for_user`."""
    case = get_case_for_user(request, case_pk)
    try:
        return case, case.debts.get(pk=debt_pk)
    except Debt.DoesNotExist:
        raise Http404("no such debt") from None
