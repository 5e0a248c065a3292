"""Signing in with the one-time link ``xieshang serve`` prints, and signing out.

The link's page (GET, HEAD) shows a button; only its POST signs in (see :mod:`.tokens`).
"""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .throttle import client_address, is_blocked, record_attempt
from .tokens import redeem_login_token


def login_help(request: HttpRequest) -> HttpResponse:
    """Where unsigned visitors land: how to get a sign-in link."""
    return render(request, "accounts/login_help.html", {"refused": False})


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
    if user is None:
        return render(request, "accounts/login_help.html", {"refused": True}, status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login-help")
