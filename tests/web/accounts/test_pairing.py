"""Pairing a phone and staying signed in (issue 19a), through Django's test client on the real database: the
lifetimes of links made in the terminal and on a device, "我的设备" with "在手机上打开", a session that renews
itself, signing out, the page for a host not allowed, the manifest and the service worker, the addresses a
run records. The real server and browsers: tests/browser/test_phone_pairing.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xieshang import deferred
from xieshang.accounts import pairing
from xieshang.accounts.models import LoginToken
from xieshang.accounts.tokens import DEVICE_LIFETIME, issue_device_token, issue_login_token, login_url
from xieshang.web.server import allow_hosts, base_url

from ..people import build_world


def _path(token: str) -> str:
    return login_url("http://testserver", token).removeprefix("http://testserver")


def _redeems(token: str) -> bool:
    return Client().post(_path(token)).status_code == 302


def test_a_terminal_link_replaces_earlier_ones_a_device_link_leaves_them(owner):
    first = issue_login_token(owner)
    device, expires = issue_device_token(owner)
    assert timedelta(minutes=14) < expires - timezone.now() <= DEVICE_LIFETIME
    second_device, _expires = issue_device_token(owner)  # a reloaded page or a second phone: both stay valid
    terminal = issue_login_token(owner)  # whoever sits at the computer withdraws every earlier link
    assert not _redeems(first) and not _redeems(device) and not _redeems(second_device)
    assert _redeems(terminal) and not _redeems(terminal)  # once


def test_a_device_link_expires_after_its_minutes(owner):
    token, _expires = issue_device_token(owner)
    LoginToken.objects.filter(digest=LoginToken.digest_of(token)).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    refused = Client(HTTP_ACCEPT_LANGUAGE="en").post(_path(token))
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "has been used, has expired" in page and "xieshang link" in page and "Open on my phone" in page


def test_the_phone_link_is_made_by_a_post_and_shown_once(owner):
    client = Client()
    client.force_login(owner)
    page = client.get(reverse("devices")).content.decode()
    assert 'data-testid="make-phone-link"' in page and "<svg" not in page
    assert 'data-testid="phone-unreachable"' not in page  # "testserver" is a name a phone could open
    made = client.post(reverse("phone-link"))
    assert made.status_code == 302 and made["Location"].endswith("#phone")
    shown = client.get(reverse("devices")).content.decode()
    link = re.search(r'value="(http://testserver/login/[^"]+/)"', shown)
    svg = re.search(r'<svg [^>]*class="qr-code".*?</svg>', shown, re.S)
    assert (
        link and svg and "style=" not in svg.group(0) and "<script" not in svg.group(0)
    )  # the CSP allows neither
    assert 'data-testid="make-phone-link"' in client.get(reverse("devices")).content.decode()  # once
    phone = Client()
    assert phone.post(link.group(1).removeprefix("http://testserver")).status_code == 302
    assert phone.get(reverse("home")).status_code == 200


def test_a_phone_link_made_on_this_computer_names_the_network_address(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    pairing.record(tmp_path, pairing.Addresses(local="http://127.0.0.1:8000", lan="http://192.168.1.20:8000"))
    client = Client(HTTP_HOST="127.0.0.1:8000")
    client.force_login(owner)
    client.post(reverse("phone-link"))
    page = client.get(reverse("devices")).content.decode()
    assert 'value="http://192.168.1.20:8000/login/' in page and 'data-testid="phone-unreachable"' not in page


def test_without_lan_the_page_says_a_phone_cannot_open_this_computers_address(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path  # no run recorded: serve without --lan
    client = Client(HTTP_HOST="127.0.0.1:8000")
    client.force_login(owner)
    page = client.get(reverse("devices")).content.decode()
    assert 'data-testid="phone-unreachable"' in page and "xieshang serve --lan" in page


def test_server_mode_shows_the_sign_in_page_and_makes_no_link(db, settings):
    """An organisation's account signs in on the phone with its password (and second factor): a link that
    skipped them is never made."""
    settings.SERVER_MODE = True
    client = build_world().clients["borrower_a"]
    page = client.get(reverse("devices")).content.decode()
    assert 'class="qr-code"' in page and "http://testserver/login/</code>" in page
    assert 'data-testid="make-phone-link"' not in page
    before = LoginToken.objects.count()
    assert client.post(reverse("phone-link")).status_code == 404
    assert LoginToken.objects.count() == before


def test_a_device_in_use_stays_signed_in(owner):
    """Local mode: the session's expiry (database and cookie) moves to 180 days from its last day of use."""
    client = Client()
    client.force_login(owner)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(days=3))
    response = client.get(reverse("home"))
    assert response.cookies["sessionid"]["max-age"] == 180 * 24 * 3600
    deferred.drain()
    assert Session.objects.get(session_key=key).expire_date - timezone.now() > timedelta(days=179)


def test_signing_out_says_how_to_get_back_in_and_clears_the_kept_pages(owner):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    client.force_login(owner)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and '"cache"' in response["Clear-Site-Data"]
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="signed-out"' in page and "xieshang link" in page and "在手机上打开" in page


@pytest.mark.parametrize(
    ("language", "heading", "absent"),
    [
        ("zh-CN,zh;q=0.9", "这个地址打不开协商", "does not open"),
        ("en-US,en;q=0.8", "does not open", "打不开"),
    ],
)
def test_a_host_not_allowed_gets_a_page_in_the_persons_language(db, language, heading, absent):
    response = Client(HTTP_HOST="192.168.1.20:8000", HTTP_ACCEPT_LANGUAGE=language).get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 400 and heading in page and absent not in page
    assert "Bad Request (400)" not in page and "192.168.1.20:8000" in page and "--lan" in page


def test_a_hostile_host_is_shown_escaped_and_shortened(db):
    response = Client(HTTP_HOST="<script>x</script>" + "a" * 300).get("/")
    page = response.content.decode()
    assert response.status_code == 400 and "<script>x" not in page and "a" * 101 not in page


def test_manifest_and_service_worker(db, client):
    manifest = client.get(reverse("manifest"))
    assert manifest["Content-Type"] == "application/manifest+json"
    body = json.loads(manifest.content)
    assert body["start_url"] == "/" and body["display"] == "standalone"
    purposes = {(icon["sizes"], icon["purpose"]) for icon in body["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
    for icon in body["icons"]:
        static = Path(__file__).resolve().parents[3] / "src" / "xieshang" / "web" / "static"
        png = (static / icon["src"].removeprefix("/static/")).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == int(icon["sizes"][:3])
    worker = client.get("/sw.js")
    assert worker["Content-Type"].startswith("text/javascript") and worker["Service-Worker-Allowed"] == "/"
    text = worker.content.decode()
    assert '"/offline/"' in text and "/static/xieshang/app.css" in text and "{{" not in text
    assert "manifest-src 'self'" in client.get(reverse("login-help"))["Content-Security-Policy"]


def test_allow_hosts_adds_to_the_configured_names(monkeypatch):
    monkeypatch.delenv("XIESHANG_ALLOWED_HOSTS", raising=False)
    allow_hosts("192.168.1.20", "127.0.0.1")
    assert os.environ["XIESHANG_ALLOWED_HOSTS"] == "127.0.0.1,localhost,[::1],192.168.1.20"
    monkeypatch.setenv("XIESHANG_ALLOWED_HOSTS", "xieshang.example.org")
    allow_hosts("10.0.0.5")
    assert os.environ["XIESHANG_ALLOWED_HOSTS"] == "xieshang.example.org,10.0.0.5"


def test_addresses_and_the_run_record(tmp_path):
    assert base_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert base_url("::1", 8000) == "http://[::1]:8000"
    found = pairing.lan_address()
    assert found is None or not found.startswith("127.")  # a machine without a network has none
    assert pairing.recorded(tmp_path) is None
    pairing.record(tmp_path, pairing.Addresses("http://127.0.0.1:1", "http://10.0.0.5:1"))
    assert pairing.recorded(tmp_path) == pairing.Addresses("http://127.0.0.1:1", "http://10.0.0.5:1")
    pairing.forget(tmp_path)
    assert pairing.recorded(tmp_path) is None


def test_xieshang_link_without_a_running_server_says_what_to_do(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("xieshang")), "link", "--data-dir", str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "xieshang serve" in done.stderr and "Traceback" not in done.stderr
