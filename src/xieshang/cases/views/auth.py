"""Signing in with the one-time link ``xieshang serve`` prints, and signing out."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..access import redeem_login_token


def login_help(request: HttpRequest) -> HttpResponse:
    """Where unsigned visitors land: how to get a sign-in link."""
    return render(request, "cases/login_help.html", {"refused": False})


def login_with_token(request: HttpRequest, token: str) -> HttpResponse:
    """Sign in once with the printed link; a second use (or an unknown link) is refused with 403."""
    user = redeem_login_token(token)
    if user is None:
        return render(request, "cases/login_help.html", {"refused": True}, status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login-help")
