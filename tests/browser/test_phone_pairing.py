"""A phone gets in and stays in (issue 19, 19a): ``xieshang serve --lan`` as a real process, bound to 127.0.0.2
(standing in for the computer's network address), its printed link and QR code, a phone (390×844, zh-CN) that
signs in, signs out and signs in again with a link from ``xieshang link`` and with one made on a second,
signed-in phone, all without restarting the server; a host not allowed gets the friendly page; and the
installable app: manifest and service worker served with their types, a viewed page readable offline, marked.

The service worker needs a secure context: the offline part runs on the run's http://127.0.0.1 address (a LAN
http address is not one; docs/guide.zh.md says so).
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import segno

from .signin import sign_in

XIESHANG = str(Path(sys.executable).with_name("xieshang"))
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
LINK = re.compile(r"(http://127\.0\.0\.[12]:\d+/login/\S+/)")
QR_ROWS = {"█": (0, 0), " ": (1, 1), "▀": (0, 1), "▄": (1, 0)}  # compact terminal QR: dark printed as blank


@dataclass
class Run:
    port: int
    data_dir: Path
    env: dict[str, str]
    output: list[str]

    @property
    def lan(self) -> str:
        return f"http://127.0.0.2:{self.port}"

    @property
    def local(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _free_port() -> int:
    """A port free on both addresses the run listens on."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        try:
            with socket.socket() as other:
                other.bind(("127.0.0.2", port))
            return port
        except OSError:
            continue


def _read_until(process: subprocess.Popen[str], lines: list[str], marker: str) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            return
    raise AssertionError("the server did not start:\n" + "".join(lines))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    data_dir = tmp_path_factory.mktemp("pairing") / "data"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    env["XIESHANG_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(
        [XIESHANG, "serve", "--lan", "--host", "127.0.0.2", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    lines: list[str] = []
    try:
        _read_until(process, lines, "Ctrl+C")
        for address in ("127.0.0.1", "127.0.0.2"):
            _wait_listening(address, port)
        yield Run(port, data_dir, env, lines)
    finally:
        process.terminate()
        process.wait(timeout=15)


def _wait_listening(address: str, port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection((address, port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)  # polling a port that is about to open (not a wait for the page)


def _links(text: str) -> list[str]:
    return LINK.findall(text)


def _terminal_qr(text: str) -> list[list[int]]:
    """The QR matrix printed in the terminal: each character holds two rows of modules (1 = dark)."""
    rows = [line for line in text.splitlines() if line and set(line) <= set(QR_ROWS)]
    matrix: list[list[int]] = []
    for line in rows:
        pairs = [QR_ROWS[char] for char in line]
        matrix += [[top for top, _ in pairs], [bottom for _, bottom in pairs]]
    return matrix


def _qr_of(link: str) -> list[list[int]]:
    """``link`` encoded independently (segno, the same symbol settings), with its quiet zone."""
    code = segno.make_qr(link, error="m")
    return [[1 if module else 0 for module in row] for row in code.matrix_iter(scale=1, border=4)]


def link_command(run: Run, *args: str) -> str:
    done = subprocess.run(
        [XIESHANG, "link", *args], env=run.env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _signed_out(page: Any) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="退出", exact=True).click()
    assert page.get_by_test_id("signed-out").is_visible()


def test_a_phone_pairs_signs_out_and_back_in_without_a_restart(
    run: Run, browser: Any, artifacts: Path
) -> None:
    printed = "".join(run.output)
    links = _links(printed)
    assert [link.split("/login/")[0] for link in links] == [run.local, run.lan], printed
    phone_link = links[1]
    qr = _terminal_qr(printed)
    expected = _qr_of(phone_link)
    assert len(qr) - len(expected) in (0, 1), "an odd row count leaves half a line of padding, no more"
    assert qr[: len(expected)] == expected, "the printed QR code is not the phone's link"
    assert "xieshang link --lan" in printed and "Wi-Fi" in printed

    phone = browser.new_context(**PHONE)
    second = browser.new_context(**PHONE)
    try:
        page = phone.new_page()
        sign_in(page, phone_link)
        assert page.url == run.lan + "/"
        assert page.get_by_role("heading", name="我的案件").is_visible()

        page.goto(run.lan + "/account/devices/")  # stays signed in: the page lists this phone
        assert page.get_by_test_id("session").count() == 1
        page.screenshot(path=str(artifacts / "devices-390.png"), full_page=True)

        _signed_out(page)  # signing out never locks the owner out: the page says how, no restart needed
        assert "xieshang link" in page.content()
        page.screenshot(path=str(artifacts / "signed-out-390.png"), full_page=True)
        page.goto(phone_link)  # the used link explains how to get a new one
        with page.expect_navigation():
            page.get_by_test_id("sign-in").click()
        assert page.get_by_test_id("link-refused").is_visible()

        (fresh,) = _links(link_command(run, "--lan"))
        assert fresh.startswith(run.lan + "/login/")
        sign_in(page, fresh)
        assert page.url == run.lan + "/"

        other = second.new_page()  # a second phone, signed in, makes a link for the first
        (for_second,) = _links(link_command(run, "--lan"))
        sign_in(other, for_second)
        _signed_out(page)
        other.goto(run.lan + "/account/devices/")
        with other.expect_navigation():
            other.get_by_test_id("make-phone-link").click()
        assert other.locator("[data-testid=phone-qr] svg").is_visible()
        made = other.get_by_test_id("phone-link").input_value()
        assert made.startswith(run.lan + "/login/")
        other.screenshot(path=str(artifacts / "phone-link-390.png"), full_page=True)
        other.set_viewport_size({"width": 1280, "height": 800})
        other.screenshot(path=str(artifacts / "phone-link-1280.png"), full_page=True)
        other.reload()  # shown once: a reload offers the button again, never the same link twice
        assert other.get_by_test_id("make-phone-link").is_visible()

        sign_in(page, made)
        assert page.url == run.lan + "/"
        page.goto(run.lan + "/account/devices/")
        assert page.get_by_test_id("session").count() == 2  # both phones, each signed out from here
    finally:
        phone.close()
        second.close()


def _get(url: str, host: str, language: str = "zh-CN") -> tuple[int, str, dict[str, str]]:
    address = url.split("://", 1)[1]
    connection = http.client.HTTPConnection(address, timeout=10)
    connection.request("GET", "/", headers={"Host": host, "Accept-Language": language})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, body, dict(response.getheaders())


def test_a_host_not_allowed_gets_a_page_saying_what_to_do(run: Run, browser: Any, artifacts: Path) -> None:
    status, body, _headers = _get(run.local, f"my-laptop.local:{run.port}")
    assert status == 400 and "Bad Request" not in body
    assert (
        "这个地址打不开协商" in body and "xieshang serve --lan" in body and "XIESHANG_ALLOWED_HOSTS" in body
    )
    assert "my-laptop.local" in body and run.lan in body  # where it does answer
    status, english, _headers = _get(run.local, "my-laptop.local", "en-GB,en;q=0.9")
    assert (
        status == 400 and "Xieshang does not open at this address" in english and "协商只接受" not in english
    )
    for width, height in ((390, 844), (1280, 800)):  # what a person sees (the page through the same server)
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        page = context.new_page()
        # the document as the server answered it above (a browser does not let a page set Host), its style
        # sheet from the server itself
        page.route(
            run.local + "/", lambda route: route.fulfill(status=400, body=body, content_type="text/html")
        )
        page.goto(run.local + "/")
        assert page.get_by_test_id("host-not-allowed").is_visible()
        page.screenshot(path=str(artifacts / f"host-not-allowed-{width}.png"), full_page=True)
        context.close()


def test_installable_and_a_viewed_page_reads_offline_marked(run: Run, browser: Any, artifacts: Path) -> None:
    for path, kind in (("/manifest.webmanifest", "application/manifest+json"), ("/sw.js", "text/javascript")):
        connection = http.client.HTTPConnection(f"127.0.0.1:{run.port}", timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 200 and response.getheader("Content-Type", "").startswith(kind), path
        response.read()
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        (link,) = _links(link_command(run))
        sign_in(page, link)  # http://127.0.0.1: a secure context, where the service worker runs
        manifest = page.evaluate(
            "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
        )
        assert manifest["display"] == "standalone" and {"192x192", "512x512"} <= {
            i["sizes"] for i in manifest["icons"]
        }
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.goto(run.local + "/account/")  # controlled now: the network answer is kept
        assert page.evaluate("!!navigator.serviceWorker.controller")
        page.wait_for_function(
            "caches.open('xieshang-pages').then(c => c.keys()).then(k => k.some(r => r.url.endsWith('/account/')))"
        )
        assert not page.get_by_test_id("offline-banner").is_visible()
        context.set_offline(True)
        page.reload()
        assert page.get_by_role("heading", name="我的账号").is_visible()  # what was last viewed
        banner = page.get_by_test_id("offline-banner")
        assert banner.is_visible() and banner.inner_text() == "离线 · 显示的是上次查看时的内容"
        page.screenshot(path=str(artifacts / "offline-390.png"), full_page=True)
        page.goto(run.local + "/account/devices/")  # never viewed: the offline page says so
        assert page.get_by_test_id("offline-page").is_visible() and banner.is_visible()
        page.screenshot(path=str(artifacts / "offline-unseen-390.png"), full_page=True)
        context.set_offline(False)
    finally:
        context.close()
