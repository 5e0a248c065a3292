"""Signing in with the one-time link (accounts/views.py): opening the link shows a button, only its POST signs in."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from xieshang.accounts.models import LoginToken
from xieshang.accounts.throttle import MAX_FAILURES
from xieshang.accounts.tokens import issue_login_token, login_url


def _path(token: str) -> str:
    return login_url("http://testserver", token).removeprefix("http://testserver")


def test_link_signs_in_once_by_its_button_and_is_refused_the_second_time(owner):
    url = _path(issue_login_token(owner))
    first = Client()
    page = first.get(url)
    assert page.status_code == 200 and 'data-testid="sign-in"' in page.content.decode()
    response = first.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert first.get(reverse("home")).status_code == 200

    second = Client()
    refused = second.post(url)
    assert refused.status_code == 403
    assert "已经用过" in refused.content.decode()
    assert second.get(reverse("home")).status_code == 302  # still signed out


def test_opening_or_previewing_the_link_does_not_use_it_up(owner):
    """A chat app's link preview (HEAD, then GET) must leave the link working for the person."""
    url = _path(issue_login_token(owner))
    preview = Client()
    assert preview.head(url).status_code == 200
    assert preview.get(url).status_code == 200
    assert preview.get(reverse("home")).status_code == 302  # the preview is not signed in
    assert LoginToken.objects.get(used_at__isnull=True)
    assert Client().post(url).status_code == 302


def test_a_new_link_retires_the_old_one(owner):
    old = issue_login_token(owner)
    issue_login_token(owner)
    assert Client().post(reverse("login-token", args=[old])).status_code == 403


def test_unknown_token_is_refused(db):
    assert Client().post(reverse("login-token", args=["nonsense"])).status_code == 403


def test_guessing_links_from_one_address_is_stopped_even_for_a_right_guess(owner):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(MAX_FAILURES):
        assert guesser.post(reverse("login-token", args=[f"guess-{n}"])).status_code == 403
    right = issue_login_token(owner)
    blocked = guesser.post(reverse("login-token", args=[right]))
    assert blocked.status_code == 429 and "次数太多" in blocked.content.decode()
    assert LoginToken.objects.filter(used_at__isnull=True).count() == 1  # the link was not used up
    other = Client(REMOTE_ADDR="198.51.100.4")  # another address is not affected
    assert other.post(reverse("login-token", args=[right])).status_code == 302


def test_pages_need_sign_in(db):
    response = Client().get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login-help"))


def test_logout(client_in):
    assert client_in.post(reverse("logout")).status_code == 302
    assert client_in.get(reverse("home")).status_code == 302
