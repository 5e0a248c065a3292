"""The account's own page: its password (server mode), its authenticator app, where it is signed in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from ..api_tokens import active
from ..forms import CodeForm, PasswordChangeForm
from ..sessions import end_other_sessions, sessions_of
from ..twofactor import (
    confirm,
    confirmed_device,
    is_verified,
    new_device,
    qr_data_uri,
    remove,
    secret_text,
    verify,
)
from ..users import server_mode, shown_name, standing_of


def account(request: HttpRequest) -> HttpResponse:
    standing = standing_of(request.user)
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not server_mode():
            raise Http404("no passwords in local mode")
        if form.is_valid():
            request.user.set_password(form.cleaned_data["password1"])
            request.user.save()
            update_session_auth_hash(
                request, request.user
            )  # this browser stays; every other one is signed out
            end_other_sessions(request.user.pk, request.session.session_key)
            messages.success(request, _("已更改密码，其他设备上的登录已全部退出。"))
            return redirect("account")
    context = {
        "standing": standing,
        "shown_name": shown_name(request.user),
        "server_mode": server_mode(),
        "password_form": form,
        "device": confirmed_device(request.user),
        "session_count": len(sessions_of(request.user.pk)),
        "api_tokens": active(request.user),
        "new_api_token": getattr(request, "new_api_token", ""),
    }
    return render(request, "accounts/account.html", context, status=400 if request.method == "POST" else 200)


def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: the QR code and secret of a new device, confirmed by its first code."""
    standing = standing_of(request.user)
    required = bool(standing and standing.is_admin)
    if request.method == "POST" and request.POST.get("action") == "remove":
        if required:
            messages.error(request, _("机构管理员必须使用两步验证，不能关闭。"))
        elif is_verified(request):
            remove(request.user)
            messages.success(request, _("已关闭两步验证。"))
        return redirect("account")
    if confirmed_device(request.user) is not None and is_verified(request):
        return redirect("account")
    device = confirmed_device(request.user) or new_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.confirmed:
            if verify(device, form.cleaned_data["code"]):
                otp_login(request, device)
                return redirect("home")
        elif confirm(request, device, form.cleaned_data["code"]):
            messages.success(
                request, _("已开启两步验证。以后登录时，输入密码后还要输入验证器里的 6 位数字。")
            )
            return redirect("account")
        form.add_error("code", _("验证码不对或已过期，请输入应用里现在显示的数字。"))
    context = {
        "form": form,
        "required": required,
        "confirmed": device.confirmed,
        "qr": "" if device.confirmed else qr_data_uri(device),
        "secret": "" if device.confirmed else secret_text(device),
    }
    return render(request, "accounts/two_factor.html", context, status=400 if form.errors else 200)
