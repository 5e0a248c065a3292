"""Signing in and out.

Local mode: the one-time link ``xieshang serve`` prints; its page (GET, HEAD) shows a button and only the POST
signs in (see :mod:`..tokens`). Server mode: user name and password (argon2), then the authenticator code for
an account that has one; both steps count toward the address's limit and the account's lockout
(:mod:`..throttle`). Every refusal reads the same whether or not the account exists.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import authenticate, get_user_model, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from ..forms import CodeForm, PasswordSignInForm
from ..throttle import account_locked, client_address, is_blocked, record_attempt
from ..tokens import redeem_login_token
from ..twofactor import confirmed_device, verify
from ..users import server_mode

PENDING = "signin_pending"  # the account that gave its password and still owes its code, and when
PENDING_FOR = timedelta(minutes=5)
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def login_help(request: HttpRequest) -> HttpResponse:
    """Where signed-out visitors land. Local mode: how to get a sign-in link. Server mode: the password form."""
    if not server_mode():
        return render(request, "accounts/login_help.html", {"signed_out": "signed-out" in request.GET})
    form = PasswordSignInForm(request.POST or None)
    context = {"form": form, "next": _next(request)}
    if request.method != "POST":
        return render(request, "accounts/sign_in_password.html", context)
    address = client_address(request)
    username = request.POST.get("username", "").strip()[:150]
    if is_blocked(address):
        return render(request, "accounts/sign_in_password.html", {**context, "throttled": True}, status=429)
    if account_locked(username):
        record_attempt(address, succeeded=False, username=username)
        return render(request, "accounts/sign_in_password.html", {**context, "locked": True}, status=429)
    user = (
        authenticate(request, username=username, password=request.POST.get("password", ""))
        if form.is_valid()
        else None
    )
    if user is None:
        record_attempt(address, succeeded=False, username=username)
        return render(request, "accounts/sign_in_password.html", {**context, "refused": True}, status=400)
    if confirmed_device(user) is not None:
        request.session[PENDING] = {"user": user.pk, "at": timezone.now().timestamp(), "next": _next(request)}
        return redirect("login-code")
    record_attempt(address, succeeded=True, username=username)
    login(request, user, backend=BACKEND)
    return redirect(_next(request))


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the code of the account's authenticator app."""
    pending = request.session.get(PENDING)
    if not pending or timezone.now().timestamp() - float(pending["at"]) > PENDING_FOR.total_seconds():
        request.session.pop(PENDING, None)
        return redirect("login-help")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    device = confirmed_device(user) if user is not None else None
    if user is None or device is None:
        return redirect("login-help")
    form = CodeForm(request.POST or None)
    if request.method != "POST":
        return render(request, "accounts/sign_in_code.html", {"form": form})
    address = client_address(request)
    if is_blocked(address) or account_locked(user.get_username()):
        request.session.pop(PENDING, None)
        return render(request, "accounts/sign_in_code.html", {"form": form, "locked": True}, status=429)
    if not (form.is_valid() and verify(device, form.cleaned_data["code"])):
        record_attempt(address, succeeded=False, username=user.get_username())
        return render(request, "accounts/sign_in_code.html", {"form": form, "refused": True}, status=400)
    record_attempt(address, succeeded=True, username=user.get_username())
    target = pending.get("next") or "/"
    request.session.pop(PENDING, None)
    login(request, user, backend=BACKEND)
    otp_login(request, device)
    return redirect(target)


@require_http_methods(["GET", "HEAD", "POST"])
def login_with_token(request: HttpRequest, token: str) -> HttpResponse:
    """GET/HEAD: the sign-in button; the link stays unused and the page does not say whether it is valid (so
    guessing links without the rate limit learns nothing). POST: sign in once; a refused link gets 403."""
    if request.method != "POST":
        return render(request, "accounts/sign_in.html", {"token": token})
    address = client_address(request)
    if is_blocked(address):
        return render(request, "accounts/login_help.html", {"throttled": True}, status=429)
    user = redeem_login_token(token)
    record_attempt(address, succeeded=user is not None)
    if user is None and request.user.is_authenticated:  # a second tap on the button: already signed in
        return redirect("home")
    if user is None:
        return render(request, "accounts/login_help.html", {"refused": True}, status=403)
    login(request, user, backend=BACKEND)
    return redirect("home")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign this browser out; the pages it kept for reading offline go with it (``Clear-Site-Data``; the
    service worker also drops them when a page sends it to sign in). Signing in again needs a new link: the
    page it lands on says how to make one (``xieshang link``, or another signed-in device)."""
    logout(request)
    response = redirect(reverse("login-help") + "?signed-out=1")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
