"""The account page names the account as a person would: the local owner is "本机使用者" (English: "This
computer's user"), never the internal account name "owner"; a server account shows the name it signed up with."""

from __future__ import annotations

import html
import re

from django.test import Client

from ..people import client_of, make_user


def _heading(page: bytes) -> str:
    found = re.search(rb'<h2 id="who-h"[^>]*>([^<]*)</h2>', page)
    return html.unescape(found.group(1).decode()).strip()  # type: ignore[union-attr]


def test_the_local_owner_is_this_computers_user(client_in) -> None:
    assert _heading(client_in.get("/account/").content) == "本机使用者"
    client_in.cookies["django_language"] = "en"
    english = client_in.get("/account/").content
    assert _heading(english) == "This computer's user"


def test_a_server_account_shows_its_own_name(db, settings) -> None:
    settings.SERVER_MODE = True
    client: Client = client_of(make_user("wang_counsellor", "counsellor"))
    assert _heading(client.get("/account/").content) == "wang_counsellor"
