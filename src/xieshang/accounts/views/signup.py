"""Signing up with an invitation link (server mode). Opening the link uses nothing; the form's POST makes the
account and uses the invitation up."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import SignUpForm
from ..invitations import InvitationRefused, accept, pending
from ..throttle import client_address, is_blocked, record_attempt
from ..users import server_mode
from .signin import BACKEND


def signup(request: HttpRequest, token: str) -> HttpResponse:
    if not server_mode():
        raise Http404("sign-up is for server mode")
    address = client_address(request)
    if request.method == "POST" and is_blocked(address):
        return render(request, "accounts/login_help.html", {"throttled": True}, status=429)
    invitation = pending(token)
    if invitation is None:
        if request.method == "POST":
            record_attempt(address, succeeded=False)
        return render(request, "accounts/signup.html", {"gone": True}, status=404)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept(
                token,
                form.cleaned_data["username"],
                form.cleaned_data["password1"],
                form.cleaned_data["display_name"],
            )
        except InvitationRefused as refused:
            if str(refused) == "taken":
                form.add_error("username", _("这个用户名已经有人用了，请换一个。"))
            else:
                return render(request, "accounts/signup.html", {"gone": True}, status=404)
        else:
            record_attempt(address, succeeded=True, username=user.get_username())
            login(request, user, backend=BACKEND)
            return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form, "invitation": invitation}, status=status)
