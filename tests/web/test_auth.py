"""Sign-in with the one-time link (views/auth.py)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from xieshang.cases.access import issue_login_token, login_url


def test_link_signs_in_once_and_is_refused_the_second_time(owner):
    token = issue_login_token(owner)
    url = login_url("http://testserver", token).removeprefix("http://testserver")
    first = Client()
    response = first.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert first.get(reverse("home")).status_code == 200

    second = Client()
    refused = second.get(url)
    assert refused.status_code == 403
    assert "已经用过" in refused.content.decode()
    assert second.get(reverse("home")).status_code == 302  # still signed out


def test_a_new_link_retires_the_old_one(owner):
    old = issue_login_token(owner)
    issue_login_token(owner)
    assert Client().get(reverse("login-token", args=[old])).status_code == 403


def test_unknown_token_is_refused(db):
    assert Client().get(reverse("login-token", args=["nonsense"])).status_code == 403


def test_pages_need_sign_in(db):
    response = Client().get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login-help"))


def test_logout(client_in):
    assert client_in.post(reverse("logout")).status_code == 302
    assert client_in.get(reverse("home")).status_code == 302
