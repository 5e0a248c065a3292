"""The accounts people sign in with: the local owner of ``make run``, and in server mode the borrowers,
counsellors and admins of organisations (each account's :class:`~.models.Profile`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from .models import ColleagueAccess, Organisation, Profile, Role

OWNER_USERNAME = "owner"


def shown_name(user: AbstractBaseUser) -> str:
    """The account as a person names it: the local owner is "this computer's user", not its internal name."""
    if user.get_username() == OWNER_USERNAME:
        return str(_("本机使用者"))
    return user.get_username()


def local_owner() -> AbstractBaseUser:
    """The account of the person running ``xieshang serve``; created on first start, without a password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=OWNER_USERNAME)
    if created:
        user.set_unusable_password()
        user.save()
    return user


def server_mode() -> bool:
    """Whether this server is an organisation's (accounts, passwords, sharing) rather than one person's."""
    return bool(getattr(settings, "SERVER_MODE", False))


@dataclass(frozen=True)
class Standing:
    """What an account is: its role and organisation (a borrower of no organisation when it has no profile)."""

    user_id: int
    role: str
    organisation_id: int | None
    colleague_access: str = ColleagueAccess.NONE

    @property
    def is_counsellor(self) -> bool:
        return self.role in (Role.COUNSELLOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN and self.organisation_id is not None


_MEMO = "_xieshang_standing"


def standing_of(user: object) -> Standing | None:
    """The signed-in account's standing (kept on the user object for the request); None when signed out."""
    if not getattr(user, "is_authenticated", False):
        return None
    found = getattr(user, _MEMO, None)
    if isinstance(found, Standing):
        return found
    profile = Profile.objects.select_related("organisation").filter(user_id=user.pk).first()  # type: ignore[attr-defined]
    if profile is None:
        found = Standing(user.pk, Role.BORROWER, None)  # type: ignore[attr-defined]
    else:
        org = profile.organisation
        found = Standing(
            user.pk,  # type: ignore[attr-defined]
            profile.role,
            org.pk if org else None,
            org.colleague_access if org else ColleagueAccess.NONE,
        )
    setattr(user, _MEMO, found)
    return found


def set_role(user: AbstractBaseUser, role: str, organisation: Organisation | None) -> Profile:
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"role": role, "organisation": organisation}
    )
    if hasattr(user, _MEMO):
        delattr(user, _MEMO)
    return profile


def members_of(organisation_id: int) -> list[int]:
    return list(Profile.objects.filter(organisation_id=organisation_id).values_list("user_id", flat=True))
