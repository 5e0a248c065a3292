""" "我的设备 / My devices": where the account is signed in (each ended from here), and "在手机上打开 / Open on my
phone", a fresh single-use sign-in link and its QR code, made on a device that is already signed in.

The link is made by a POST and shown once by the page it redirects to (a reload shows the button again, never
the same link twice). Local mode only: in server mode a phone signs in with the account's password (and its
second factor), so the page shows the sign-in page's address instead of a link that would skip them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..pairing import qr_svg, recorded
from ..sessions import end_other_sessions, end_session, sessions_of
from ..tokens import issue_device_token, login_url
from ..users import server_mode

NEW_LINK = "phone_link"  # the session key holding the link just made, until the page shows it


def phone_base(request: HttpRequest) -> tuple[str, bool]:
    """The address a phone should open, and whether a phone can reach it: this page's own address, unless it
    is this computer's (127.0.0.1, localhost) and the server also answers on the network (``serve --lan``)."""
    here = request.build_absolute_uri("/").rstrip("/")
    host = request.get_host().rsplit(":", 1)[0].strip("[]")
    if host not in ("127.0.0.1", "localhost", "::1"):
        return here, True
    addresses = recorded(Path(settings.DATA_DIR))
    if addresses is not None and addresses.lan:
        return addresses.lan, True
    return here, False


def devices(request: HttpRequest) -> HttpResponse:
    made = request.session.pop(NEW_LINK, None)
    base, reachable = phone_base(request)
    context: dict[str, object] = {
        "sessions": sessions_of(request.user.pk),
        "current_key": request.session.session_key,
        "server_mode": server_mode(),
        "reachable": reachable,
    }
    if made:
        context.update(link=made["link"], qr=qr_svg(made["link"], _("登录二维码")))
    elif server_mode():
        sign_in = base + reverse("login-help")
        context.update(sign_in=sign_in, qr=qr_svg(sign_in, _("登录页的二维码")))
    return render(request, "accounts/devices.html", context)


@require_POST
def phone_link(request: HttpRequest) -> HttpResponse:
    if server_mode():
        raise Http404("server mode: phones sign in with the account's password")
    token, _expires = issue_device_token(request.user)
    base, _reachable = phone_base(request)
    request.session[NEW_LINK] = {"link": login_url(base, token)}
    return redirect(reverse("devices") + "#phone")


@require_POST
def session_end(request: HttpRequest, session_pk: int) -> HttpResponse:
    if not end_session(request.user.pk, session_pk):
        raise Http404("no such session")
    messages.success(request, _("已退出那台设备上的登录。"))
    return redirect("devices")


@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    count = end_other_sessions(request.user.pk, request.session.session_key)
    messages.success(request, _("已退出其他 %(n)d 处登录。") % {"n": count})
    return redirect("devices")
