"""Sign-in hardening in server mode: account lockout after repeated failures, the second factor (TOTP) asked of
an account that has one and required of organisation admins, and the security headers a server-mode process
sends (secure cookies, HSTS, a strict Content-Security-Policy).

The lockout and TOTP tests use real accounts, argon2 passwords and django-otp devices with codes computed from
the device's key (RFC 6238, ``django_otp.oath.totp``). The header test starts a separate Python process with
``XIESHANG_MODE=server`` (settings are read once, at start, as a real server reads them) on its own SQLite data
directory and asks it through Django's test client over HTTPS as the TLS proxy in front would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from xieshang.accounts.models import Organisation, Role
from xieshang.accounts.throttle import MAX_FAILURES

from ..people import PASSWORD, make_user


@pytest.fixture
def server_mode(settings):
    settings.SERVER_MODE = True
    settings.SIGNIN_MAX_FAILURES = 5
    return settings


def _sign_in(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("login-help"), {"username": username, "password": password})


def _signed_in(client: Client) -> bool:
    return client.get(reverse("home")).status_code == 200


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def _unthrottled(device: TOTPDevice, reuse: bool = False) -> TOTPDevice:
    """The device as after the wait django-otp imposes after a wrong code (1 s, doubling), without waiting;
    ``reuse``: as in the next 30-second step (a code is accepted once, and the test's clock may not have moved)."""
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    if reuse:
        device.last_t = -1
    device.save()
    return device


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one_and_from_another_address(
    db, server_mode
):
    """SIGNIN_MAX_FAILURES = 5: failures 1–5 are refused as wrong (400); the sixth attempt, with the right
    password, is refused as locked (429), and so is one from a different address."""
    make_user("lena")
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        refused = _sign_in(guesser, "lena", f"wrong {n}")
        assert refused.status_code == 400, n
    locked = _sign_in(guesser, "lena", PASSWORD)
    assert locked.status_code == 429
    assert "锁定" in locked.content.decode()
    assert not _signed_in(guesser)
    elsewhere = Client(REMOTE_ADDR="192.0.2.44")
    assert _sign_in(elsewhere, "lena", PASSWORD).status_code == 429
    assert not _signed_in(elsewhere)


def test_four_wrong_passwords_then_the_right_one_signs_in_and_starts_the_count_again(db, server_mode):
    make_user("ming")
    client = Client(REMOTE_ADDR="198.51.100.8")
    for n in range(4):
        assert _sign_in(client, "ming", f"wrong {n}").status_code == 400
    assert _sign_in(client, "ming", PASSWORD).status_code == 302
    assert _signed_in(client)
    other = Client(REMOTE_ADDR="198.51.100.8")
    for n in range(4):  # four more after the success: still below five since it
        assert _sign_in(other, "ming", f"again {n}").status_code == 400
    assert _sign_in(other, "ming", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_stopped(db, server_mode):
    """MAX_FAILURES (10) failures from one address, over ten different names, block the address itself."""
    make_user("nadia")
    sprayer = Client(REMOTE_ADDR="203.0.113.50")
    for n in range(MAX_FAILURES):
        assert _sign_in(sprayer, f"name-{n}", "password123456").status_code == 400
    assert _sign_in(sprayer, "nadia", PASSWORD).status_code == 429
    assert not _signed_in(sprayer)


def test_an_admin_must_set_up_and_pass_a_second_factor_before_any_page(db, server_mode):
    org = Organisation.objects.create(name="援助中心")
    make_user("boss", Role.ADMIN, org)
    client = Client()
    assert _sign_in(client, "boss", PASSWORD).status_code == 302
    for page in ("home", "desk", "organisation", "everything"):
        response = client.get(reverse(page))
        assert response.status_code == 302 and response["Location"] == reverse("account-two-factor"), page
    setup = client.get(reverse("account-two-factor"))
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user__username="boss", confirmed=False)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    client.post(reverse("account-two-factor"), {"code": wrong})
    assert client.get(reverse("home"))["Location"] == reverse("account-two-factor")
    client.post(reverse("account-two-factor"), {"code": _code(_unthrottled(device))})
    assert client.get(reverse("organisation")).status_code == 200

    later = Client()  # the next sign-in asks for the code after the password
    response = _sign_in(later, "boss", PASSWORD)
    assert response["Location"] == reverse("login-code")
    assert not _signed_in(later)
    device = TOTPDevice.objects.get(user__username="boss", confirmed=True)
    assert later.post(reverse("login-code"), {"code": wrong}).status_code == 400
    assert not _signed_in(later)
    device = _unthrottled(TOTPDevice.objects.get(pk=device.pk), reuse=True)
    assert later.post(reverse("login-code"), {"code": _code(device)}).status_code == 302
    assert later.get(reverse("organisation")).status_code == 200


def test_a_counsellor_without_a_second_factor_signs_in_with_the_password_alone(db, server_mode):
    org = Organisation.objects.create(name="援助中心")
    make_user("helper", Role.COUNSELLOR, org)
    client = Client()
    assert _sign_in(client, "helper", PASSWORD)["Location"] == "/"
    assert client.get(reverse("desk")).status_code == 200


SERVER_PROBE = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
from xieshang.accounts.users import set_role
user = get_user_model().objects.create_user(username="probe", password="a long enough pass phrase 42")
set_role(user, "borrower", None)
plain = Client().get("/login/")
client = Client()
page = client.get("/login/", secure=True)
signed = client.post("/login/", {"username": "probe", "password": "a long enough pass phrase 42"}, secure=True)
home = client.get("/", secure=True)
print("PROBE" + json.dumps({
    "plain_status": plain.status_code, "plain_location": plain.get("Location", ""),
    "status": page.status_code, "signed": signed.status_code, "home": home.status_code,
    "hsts": page.get("Strict-Transport-Security", ""),
    "csp": page.get("Content-Security-Policy", ""),
    "frame": page.get("X-Frame-Options", ""),
    "cookies": {name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
                for name, m in client.cookies.items()},
}))
"""


def test_a_server_mode_process_sends_secure_cookies_hsts_and_a_strict_csp(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    env.update(
        XIESHANG_MODE="server",
        XIESHANG_DATA_DIR=str(tmp_path / "data"),
        XIESHANG_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="xieshang.web.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", SERVER_PROBE], env=env, capture_output=True, text=True, timeout=240
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("PROBE")), None)
    assert line, done.stdout + done.stderr
    found = json.loads(line.removeprefix("PROBE"))
    assert found["plain_status"] == 301 and found["plain_location"].startswith("https://")
    assert found["status"] == 200 and found["signed"] == 302 and found["home"] == 200
    assert found["hsts"] == "max-age=31536000"
    policy = {
        name: value
        for name, _sep, value in (part.strip().partition(" ") for part in found["csp"].split(";"))
        if name
    }
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert "unsafe-inline" not in found["csp"] and "unsafe-eval" not in found["csp"]
    assert policy["frame-ancestors"] == "'none'" and found["frame"] == "DENY"
    cookies = found["cookies"]
    assert set(cookies) >= {"sessionid", "csrftoken"}
    assert all(c["secure"] for c in cookies.values()), cookies
    assert cookies["sessionid"]["httponly"] and cookies["sessionid"]["samesite"] == "Lax"
