"""Sharing a case (server mode): the owner lets a counsellor read it, or read and change it, and can take that
back at any time; a counsellor who made a case for a borrower invites the borrower to it, and the borrower's
sign-up makes the case theirs (the counsellor keeps a read-write share).

Every change is a write of the case (``cases.writes.locked``): the case's revision moves, so no page, cache or
desk row made before it is shown after it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.dispatch import receiver

from xieshang.accounts.invitations import invitation_accepted, issue
from xieshang.accounts.models import Invitation, Role
from xieshang.accounts.users import standing_of

from .models import Case, CaseInvitation, CaseShare, ShareLevel
from .writes import locked


class ShareRefused(Exception):
    """The share cannot be made; ``str()`` is the message for the page (Chinese; the view translates)."""


def share(case_pk: int, username: str, level: str) -> CaseShare:
    """Share the case with the counsellor ``username`` at ``level`` (a second share changes the level)."""
    user = get_user_model().objects.filter(username__iexact=username.strip(), is_active=True).first()
    standing = standing_of(user) if user is not None else None
    if user is None or standing is None or not standing.is_counsellor:
        raise ShareRefused("no-counsellor")
    if level not in ShareLevel.values:
        raise ShareRefused("level")
    with locked(case_pk) as row:
        if row.owner_id == user.pk:
            raise ShareRefused("owner")
        found, _created = CaseShare.objects.update_or_create(case=row, user=user, defaults={"level": level})
    return found


def revoke(case_pk: int, share_pk: int) -> CaseShare | None:
    """End one share of the case; the share that ended, or None if there was none."""
    with locked(case_pk) as row:
        found = CaseShare.objects.filter(case=row, pk=share_pk).select_related("user").first()
        if found is not None:
            found.delete()
    return found


def invite_borrower(case: Case, counsellor: AbstractBaseUser) -> str:
    """A sign-up link for the borrower of a case the counsellor made: signing up makes the case theirs."""
    standing = standing_of(counsellor)
    organisation = None
    if standing is not None and standing.organisation_id is not None:
        from xieshang.accounts.models import Organisation

        organisation = Organisation.objects.get(pk=standing.organisation_id)
    with locked(case.pk) as row:
        invitation, token = issue(Role.BORROWER, organisation, counsellor, row.borrower_name)
        CaseInvitation.objects.create(invitation=invitation, case=row)
    return token


def pending_invitation(case: Case) -> Invitation | None:
    link = CaseInvitation.objects.filter(case=case, invitation__used_at__isnull=True).select_related(
        "invitation"
    )
    found = link.order_by("-invitation__created_at").first()
    return found.invitation if found else None


@receiver(invitation_accepted, dispatch_uid="cases-take-over-invited-case")
def _take_over(sender: Any, invitation: Invitation, user: AbstractBaseUser, **kwargs: Any) -> None:
    """The borrower signed up with a case's invitation: the case becomes theirs; its maker keeps a write share."""
    for link in CaseInvitation.objects.filter(invitation=invitation):
        with locked(link.case_id) as row:
            maker = row.owner_id
            row.owner = user
            row.save(update_fields=["owner"])
            if maker != user.pk:
                CaseShare.objects.update_or_create(
                    case=row, user_id=maker, defaults={"level": ShareLevel.WRITE}
                )
