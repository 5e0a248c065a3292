"""The account's API tokens: made on the account page (the token shown this once), revoked there; both are
recorded in the audit log. (Here, not in ``accounts``, which may not import the audit log.)"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.accounts.api_tokens import TooManyTokens, issue, revoke
from xieshang.accounts.throttle import client_address
from xieshang.accounts.users import standing_of
from xieshang.accounts.views.account import account
from xieshang.audit.log import record
from xieshang.audit.models import Action
from xieshang.core.bilingual import Text


def _log(request: HttpRequest, action: Action, prefix: str) -> None:
    standing = standing_of(request.user)
    record(
        request.user,
        action,
        Text(f"API 令牌 {prefix}…", f"API token {prefix}…"),
        organisation_id=standing.organisation_id if standing else None,
        address=client_address(request),
    )


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Make a token and show the account page with it, once (it is not kept anywhere it could be read again)."""
    name = (request.POST.get("name") or "").strip() or _("未命名")
    try:
        row, token = issue(request.user, name)
    except TooManyTokens:
        messages.error(request, _("令牌太多了：请先撤销不再使用的令牌。"))
        return redirect("account")
    _log(request, Action.CREATE, row.prefix)
    request.new_api_token = token  # type: ignore[attr-defined]
    request.method = "GET"  # the page itself, not its password form
    return account(request)


@require_POST
def token_revoke(request: HttpRequest, token_pk: int) -> HttpResponse:
    row = revoke(request.user, token_pk)
    if row is None:
        raise Http404("no such token")
    _log(request, Action.DELETE, row.prefix)
    messages.success(request, _("已撤销令牌“%(name)s”，用它的程序将不能再访问。") % {"name": row.name})
    return redirect("account")
