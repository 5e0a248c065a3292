"""What every page knows of the signed-in account: its standing (role, organisation) for the navigation."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .users import server_mode, standing_of


def standing(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"standing": SimpleLazyObject(lambda: standing_of(user)), "server_mode": server_mode()}
