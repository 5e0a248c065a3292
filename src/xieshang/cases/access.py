"""Who may see which case: per-case access checks.

Every view begins with :func:`get_case_for_user` (or :func:`get_debt_for_user`), so no view can forget
to check that the case belongs to the signed-in user. Accounts and signing in are :mod:`xieshang.accounts`.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from .models import Case, Debt


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
