"""Who may do what with which case: the one access helper.

:func:`access_to` answers, for an account and a case, what the account may do with it (:class:`Level`): the
owner everything (``ADMIN``: share, delete, read its audit log); a counsellor it is shared with ``READ`` or
``WRITE``; a counsellor of an organisation helping with the case what the organisation allows colleagues
(``Organisation.colleague_access``); the organisation's admin ``READ`` (and its audit log). Anyone else nothing.

Every route under ``cases/<pk>/`` declares what it needs (``xieshang.cases.routes.case_path``) and is checked
before its view runs; :func:`get_case_for_user` then returns the checked case. A request refused because the
case is not the account's gets the same 404 as one for a case that does not exist; a request for more than
the account's level on a case it may read gets 403.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from xieshang.accounts.models import ColleagueAccess, Profile, Role
from xieshang.accounts.users import Standing, standing_of

from .models import Case, CaseShare, Debt, ShareLevel


class Level(enum.IntEnum):
    NONE = 0
    READ = 1
    WRITE = 2
    ADMIN = 3


class Need(enum.Enum):
    """What a request needs of a case."""

    READ = "read"  # see it: pages, downloads, exports
    WRITE = "write"  # change it
    OWNER = "owner"  # share it, delete it
    AUDIT = "audit"  # read its audit log: the owner, or the admin of an organisation helping with it
    ORGANISATION = "organisation"  # the organisation's own note: its people with access, never the borrower


CHANGES = (Need.WRITE, Need.OWNER, Need.ORGANISATION)  # what a request that changes something needs


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    level: Level
    organisation_id: int | None = None  # the account's organisation, when it is helping with the case
    org_admin: bool = False

    def allows(self, need: Need) -> bool:
        if need is Need.READ:
            return self.level >= Level.READ
        if need is Need.WRITE:
            return self.level >= Level.WRITE
        if need is Need.OWNER:
            return self.level is Level.ADMIN
        if need is Need.AUDIT:
            return self.level is Level.ADMIN or self.org_admin
        return self.organisation_id is not None and self.level >= Level.READ

    @property
    def can_write(self) -> bool:
        return self.level >= Level.WRITE

    @property
    def is_owner(self) -> bool:
        return self.level is Level.ADMIN


_SHARE_LEVEL = {ShareLevel.READ: Level.READ, ShareLevel.WRITE: Level.WRITE}
_COLLEAGUE_LEVEL = {ColleagueAccess.READ: Level.READ, ColleagueAccess.WRITE: Level.WRITE}


def helping_organisations(case: Case) -> set[int]:
    """The organisations helping with ``case``: those of the counsellors it is shared with, and the owner's
    when a counsellor created it (before the borrower took it over)."""
    users = [case.owner_id, *CaseShare.objects.filter(case=case).values_list("user_id", flat=True)]
    found = Profile.objects.filter(
        user_id__in=users, organisation__isnull=False, role__in=(Role.COUNSELLOR, Role.ADMIN)
    ).values_list("organisation_id", flat=True)
    return {int(o) for o in found}


def access_to(user: object, case: Case) -> CaseAccess:
    """What ``user`` may do with ``case`` (``Level.NONE`` for nothing)."""
    standing = standing_of(user)
    if standing is None:
        return CaseAccess(case, Level.NONE)
    if case.owner_id == standing.user_id:
        org = standing.organisation_id if standing.is_counsellor else None
        return CaseAccess(case, Level.ADMIN, org, standing.is_admin)
    share = CaseShare.objects.filter(case=case, user_id=standing.user_id).first()
    level = _SHARE_LEVEL[ShareLevel(share.level)] if share else Level.NONE
    org, admin = _through_organisation(standing, case)
    if org is not None:
        if admin:
            level = max(level, Level.READ)
        level = max(level, _COLLEAGUE_LEVEL.get(ColleagueAccess(standing.colleague_access), Level.NONE))
    return CaseAccess(case, level, org if level > Level.NONE else None, admin)


def _through_organisation(standing: Standing, case: Case) -> tuple[int | None, bool]:
    if not standing.is_counsellor or standing.organisation_id is None:
        return None, False
    if standing.organisation_id not in helping_organisations(case):
        return None, False
    return standing.organisation_id, standing.is_admin


def accessible_cases(user: object) -> QuerySet[Case]:
    """Every case ``user`` may read (the home page, the counsellor's desk)."""
    standing = standing_of(user)
    if standing is None:
        return Case.objects.none()
    mine = Q(owner_id=standing.user_id) | Q(shares__user_id=standing.user_id)
    if standing.is_counsellor and standing.organisation_id is not None:
        if standing.is_admin or standing.colleague_access != ColleagueAccess.NONE:
            colleagues = Profile.objects.filter(
                organisation_id=standing.organisation_id, role__in=(Role.COUNSELLOR, Role.ADMIN)
            ).values("user_id")
            mine |= Q(owner_id__in=colleagues) | Q(shares__user_id__in=colleagues)
    return Case.objects.filter(pk__in=Case.objects.filter(mine).values("pk"))


_REQUEST_KEY = "case_access"
_CHANGE_KEY = "case_change_checked"  # a view of a read-only route checked for more (saving a plan it tried)


def check(request: HttpRequest, pk: int, need: Need) -> CaseAccess:
    """The case ``pk`` and what the signed-in account may do with it, if that covers ``need``. A case the
    account may not read, or that does not exist, is the same 404; more than its level on a case it reads, 403."""
    found = getattr(request, _REQUEST_KEY, None)
    if isinstance(found, CaseAccess) and found.case.pk == pk:
        access = found
    else:
        try:
            case = Case.objects.get(pk=pk)
        except Case.DoesNotExist:
            raise Http404("no such case") from None
        access = access_to(request.user, case)
        setattr(request, _REQUEST_KEY, access)
    if access.allows(need):
        if need in CHANGES:
            setattr(request, _CHANGE_KEY, True)
        return access
    if access.level >= Level.READ and need in (Need.WRITE, Need.OWNER):
        raise PermissionDenied("not at this level")
    raise Http404("no such case")


def get_case_for_user(request: HttpRequest, pk: int, need: Need = Need.READ) -> Case:
    """The case ``pk`` if the signed-in account may ``need`` it (404 or 403 otherwise, see :func:`check`)."""
    return check(request, pk, need).case


def change_checked(request: HttpRequest) -> bool:
    """Whether this request was allowed more than reading its case (the audit log records it as a change)."""
    return bool(getattr(request, _CHANGE_KEY, False))


def access_of(request: HttpRequest) -> CaseAccess | None:
    """The access checked for this request's case, if any (templates show or hide forms by it)."""
    found = getattr(request, _REQUEST_KEY, None)
    return found if isinstance(found, CaseAccess) else None


def get_debt_for_user(request: HttpRequest, case_pk: int, debt_pk: int) -> tuple[Case, Debt]:
    """The case and one of its debts, checked like :func:`get_case_for_user`."""
    case = get_case_for_user(request, case_pk)
    try:
        return case, case.debts.get(pk=debt_pk)
    except Debt.DoesNotExist:
        raise Http404("no such debt") from None
