"""Per-request account rules: an organisation admin's session must pass a second factor before any page but
those that set it up; every signed-in session is listed for its account and, in local mode, renewed while in
use (``.sessions``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .sessions import renew, touch
from .twofactor import is_verified
from .users import server_mode, standing_of

# Pages an admin without a passed code may still open: setting the code up, signing out, the language switch.
OPEN_TO_UNVERIFIED = ("account-two-factor", "logout", "set_language", "login-help", "login-code")


class AccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open: tuple[str, ...] | None = None

    def _open_paths(self) -> tuple[str, ...]:
        if self._open is None:
            self._open = tuple(reverse(name) for name in OPEN_TO_UNVERIFIED)
        return self._open

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            touch(request)
            if server_mode() and not request.path.startswith("/static/"):
                standing = standing_of(request.user)
                if standing is not None and standing.is_admin and not is_verified(request):
                    if request.path not in self._open_paths():
                        return redirect("account-two-factor")
        response = self.get_response(request)
        if not server_mode() and hasattr(request, "user"):
            renew(request, response)
        return response
