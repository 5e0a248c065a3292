"""The accounts people sign in with. Today: the local owner, the person running ``xieshang serve``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

OWNER_USERNAME = "owner"


def local_owner() -> AbstractBaseUser:
    """The account of the person running ``xieshang serve``; created on first start, without a password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=OWNER_USERNAME)
    if created:
        user.set_unusable_password()
        user.save()
    return user
