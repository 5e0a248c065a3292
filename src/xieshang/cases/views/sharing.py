"""The owner's sharing page: who else may open the case and at what level, sharing with a counsellor, taking a
share back, and (for a case a counsellor made for a borrower) the borrower's invitation link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.accounts.invitations import signup_path
from xieshang.accounts.users import server_mode, standing_of
from xieshang.audit.models import Action
from xieshang.core.bilingual import Text

from ..access import get_case_for_user
from ..models import CaseShare, ShareLevel
from ..routes import log
from ..sharing import ShareRefused, invite_borrower, pending_invitation, revoke, share

REFUSALS = {
    "no-counsellor": "没有这个咨询人员的账号（请核对用户名）。只能分享给咨询人员或机构管理员。",
    "owner": "这是案件的主人，不用分享。",
    "level": "请选择“只能查看”或“可以查看和修改”。",
}


def sharing(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "invite":
            token = invite_borrower(case, request.user)
            request.session["borrower_invitation"] = request.build_absolute_uri(signup_path(token))
            log(
                request,
                Action.SHARE,
                Text("邀请借款人注册并接管案件", "invited the borrower to take the case"),
                case,
            )
            request.audit_done = True  # type: ignore[attr-defined]
            return redirect("case-sharing", pk=case.pk)
        username, level = request.POST.get("username", ""), request.POST.get("level", ShareLevel.READ)
        try:
            made = share(case.pk, username, level)
        except ShareRefused as refused:
            messages.error(request, _(REFUSALS[str(refused)]))
        else:
            label = ShareLevel(made.level)
            log(
                request,
                Action.SHARE,
                Text(
                    f"分享给 {made.user.get_username()}（{label.label}）",
                    f"shared with {made.user.get_username()} ({made.level})",
                ),
                case,
            )
            request.audit_done = True  # type: ignore[attr-defined]
            messages.success(request, _("已分享给 %(name)s。") % {"name": made.user.get_username()})
        return redirect("case-sharing", pk=case.pk)
    standing = standing_of(request.user)
    shares = CaseShare.objects.filter(case=case).select_related("user").order_by("created_at")
    context = {
        "case": case,
        "server_mode": server_mode(),
        "shares": shares,
        "levels": ShareLevel.choices,
        "can_invite": bool(standing and standing.is_counsellor),
        "pending": pending_invitation(case),
        "invitation_link": request.session.pop("borrower_invitation", ""),
    }
    return render(request, "cases/sharing.html", context)


@require_POST
def share_revoke(request: HttpRequest, pk: int, share_pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    ended = revoke(case.pk, share_pk)
    if ended is not None:
        name = ended.user.get_username()
        log(request, Action.UNSHARE, Text(f"取消分享给 {name}", f"stopped sharing with {name}"), case)
        request.audit_done = True  # type: ignore[attr-defined]
        messages.success(request, _("%(name)s 已不能再打开这个案件。") % {"name": name})
    return redirect("case-sharing", pk=case.pk)
