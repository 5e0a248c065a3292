"""The organisation's page, for its admins: its name, what colleagues may do with each other's cases, its people
and the invitations that are still open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import InviteForm, OrganisationForm
from ..invitations import issue, open_invitations, signup_path
from ..models import Organisation, Profile
from ..users import standing_of


def _organisation(request: HttpRequest) -> Organisation:
    standing = standing_of(request.user)
    assert standing is not None and standing.organisation_id is not None  # the route is for admins only
    return Organisation.objects.get(pk=standing.organisation_id)


def organisation(request: HttpRequest) -> HttpResponse:
    org = _organisation(request)
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存机构设置。"))
        return redirect("organisation")
    members = (
        Profile.objects.filter(organisation=org).select_related("user").order_by("role", "user__username")
    )
    context = {
        "org": org,
        "form": form,
        "invite_form": InviteForm(),
        "members": members,
        "invitations": open_invitations(org),
        "new_link": request.session.pop("new_invitation_link", ""),
    }
    return render(request, "accounts/organisation.html", context, status=400 if form.errors else 200)


@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    org = _organisation(request)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择角色。"))
        return redirect("organisation")
    _invitation, token = issue(form.cleaned_data["role"], org, request.user, form.cleaned_data["label"])
    request.session["new_invitation_link"] = request.build_absolute_uri(signup_path(token))
    return redirect("organisation")


@require_POST
def member_remove(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Take a counsellor out of the organisation: the account is deactivated and signed out everywhere."""
    org = _organisation(request)
    profile = (
        Profile.objects.filter(organisation=org, user_id=user_pk).exclude(user_id=request.user.pk).first()
    )
    if profile is None:
        messages.error(request, _("没有这个成员。"))
        return redirect("organisation")
    user = get_user_model().objects.get(pk=user_pk)
    user.is_active = False
    user.save(update_fields=["is_active"])
    from ..sessions import end_other_sessions

    end_other_sessions(user_pk, None)
    messages.success(request, _("已停用账号 %(name)s。") % {"name": user.get_username()})
    return redirect("organisation")
