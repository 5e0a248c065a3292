"""``xieshang serve`` as a user starts it (web/server.py): a real waitress process on a fresh data directory.

The process runs on SQLite in a temporary data directory (DATABASE_URL is removed from its environment so a
PostgreSQL run never writes to a real database); the PostgreSQL path is covered by the rest of the suite.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from xieshang.accounts.throttle import MAX_FAILURES
from xieshang.web.config import ConfigError, load_config
from xieshang.web.database import database_settings

XIESHANG = str(Path(sys.executable).with_name("xieshang"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):
    yield from _serve(tmp_path, {})


@pytest.fixture
def proxied_server(tmp_path: Path):
    """The server as it runs behind nginx on the same machine (docs/operators.md, section 4)."""
    yield from _serve(tmp_path, {"XIESHANG_TRUSTED_PROXY": "127.0.0.1"})


def _serve(tmp_path: Path, settings: dict[str, str]):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    env.update(settings)
    process = subprocess.Popen(
        [XIESHANG, "serve", "--port", str(port), "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    lines: list[str] = []
    link = None
    deadline = time.monotonic() + 30
    assert process.stdout is not None
    while time.monotonic() < deadline and link is None:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"(http://127\.0\.0\.1:\d+/login/\S+)", line)
        link = found.group(1) if found else None
    try:
        assert link, "no login link printed:\n" + "".join(lines)
        _wait_listening(port)
        yield port, link, tmp_path / "data"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_listening(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server did not start listening")


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def _sign_in(opener: urllib.request.OpenerDirector, link: str):
    """Open the link (a page with a button), then press the button: a POST with the page's CSRF token."""
    page = opener.open(link, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, page
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1)}).encode()
    return opener.open(urllib.request.Request(link, data=body, method="POST"), timeout=10)


def test_one_time_link_works_once_then_is_refused(server):
    port, link, data_dir = server
    assert link.startswith(f"http://127.0.0.1:{port}/login/")
    preview = urllib.request.Request(link, method="HEAD")  # a chat app's link preview leaves it unused
    assert urllib.request.urlopen(preview, timeout=10).status == 200
    page = _sign_in(_opener(), link)
    assert page.status == 200 and page.url.rstrip("/") == f"http://127.0.0.1:{port}"
    assert "我的案件" in page.read().decode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        _sign_in(_opener(), link)
    assert refused.value.code == 403
    assert (data_dir / "xieshang.sqlite3").exists()


def test_static_files_are_served_without_internet(server):
    port, _link, _data = server
    css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/xieshang/app.css", timeout=10)
    assert css.status == 200 and b"--accent" in css.read()
    htmx = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/django_htmx/htmx-2.min.js", timeout=10)
    assert htmx.status == 200


def test_unknown_setting_is_refused_at_start_up(tmp_path):
    env = {**os.environ, "XIESHANG_DATA_DIR": str(tmp_path), "XIESHANG_DEBUGG": "1"}
    done = subprocess.run(
        [XIESHANG, "serve", "--port", str(_free_port())],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert done.returncode == 2
    assert "XIESHANG_DEBUGG" in done.stderr


def test_config_reads_typed_values_and_rejects_bad_ones(tmp_path):
    config = load_config({"XIESHANG_DATA_DIR": str(tmp_path), "XIESHANG_DEBUG": "yes"})
    assert config.debug is True and config.data_dir == tmp_path.resolve()
    assert (tmp_path / "secret_key").exists() and load_config(
        {"XIESHANG_DATA_DIR": str(tmp_path)}
    ).secret_key == config.secret_key
    with pytest.raises(ConfigError, match="XIESHANG_DEBUG"):
        load_config({"XIESHANG_DATA_DIR": str(tmp_path), "XIESHANG_DEBUG": "maybe"})


def test_database_url_is_parsed(tmp_path):
    pg = database_settings("postgresql://xs:p%40ss@db.example:5433/xieshang?sslmode=require", tmp_path)
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "xieshang",
        "xs",
        "p@ss",
        "db.example",
        "5433",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    lite = database_settings("", tmp_path)
    assert (
        lite["NAME"] == str(tmp_path / "xieshang.sqlite3")
        and "journal_mode=WAL" in lite["OPTIONS"]["init_command"]
    )
    with pytest.raises(ConfigError):
        database_settings("mysql://x/y", tmp_path)


def _form_token(opener: urllib.request.OpenerDirector, url: str) -> str:
    page = opener.open(url, timeout=10).read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def test_files_the_server_creates_are_readable_by_its_owner_only(server):
    """The data directory 0700; the database, its WAL and shared-memory files, the secret key, the evidence
    ledger and files 0600, their folders 0700 — whatever the umask of the shell that started the server."""
    port, link, data_dir = server
    base = f"http://127.0.0.1:{port}"
    opener = _opener()
    _sign_in(opener, link)
    token = _form_token(opener, f"{base}/cases/new/")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "borrower_name": "张三", "id_number": "110101199003071234"}
    )
    created = opener.open(
        urllib.request.Request(f"{base}/cases/new/", data=body.encode(), method="POST"), timeout=10
    )
    case_path = urllib.parse.urlsplit(created.url).path  # /cases/1/
    evidence_url = f"{base}{case_path}contacts/evidence/"
    token = _form_token(opener, evidence_url)
    boundary = "xieshangtest"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (("csrfmiddlewaretoken", token), ("description", "短信截图"), ("debt", ""))
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="sms.txt"\r\n\r\n'.encode()
        + "您已逾期\n".encode()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(evidence_url, data=b"".join(parts), method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    assert opener.open(request, timeout=10).status == 200
    mode = lambda path: stat.S_IMODE(path.stat().st_mode)  # noqa: E731
    assert mode(data_dir) == 0o700
    for name in ("xieshang.sqlite3", "xieshang.sqlite3-wal", "xieshang.sqlite3-shm", "secret_key"):
        assert mode(data_dir / name) == 0o600, name
    (chain,) = (data_dir / "evidence" / "cases").iterdir()
    files = [p for p in (data_dir / "evidence").rglob("*") if p.is_file()]
    folders = [p for p in (data_dir / "evidence").rglob("*") if p.is_dir()]
    assert {p.name for p in files} >= {"ledger.jsonl", "ledger.lock"} and chain in folders
    assert {mode(p) for p in files} == {0o600} and {mode(p) for p in folders} == {0o700}
    assert mode(data_dir / "evidence") == 0o700


def test_binding_beyond_this_computer_prints_what_it_exposes(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    process = subprocess.Popen(
        [XIESHANG, "serve", "--host", "0.0.0.0", "--port", str(port), "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines = []
        while "Ctrl+C" not in (line := process.stdout.readline()):
            assert line, "".join(lines)
            lines.append(line)
        text = "".join(lines)
        assert "警告" in text and "0.0.0.0" in text and "身份证号" in text and "reverse proxy" in text
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_only_other_addresses_than_loopback_get_the_warning():
    from xieshang.web.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # the 302 itself is the answer


def _attempt(url: str, headers: dict[str, str]) -> int:
    """A sign-in POST with ``headers`` (a CSRF cookie and token among them); the status code."""
    token = headers.pop("token")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        return int(urllib.request.build_opener(_NoRedirect).open(request, timeout=10).status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _csrf(link: str, headers: dict[str, str]) -> dict[str, str]:
    """The sign-in page's CSRF cookie and token, as a browser would send them back."""
    answer = urllib.request.urlopen(urllib.request.Request(link, headers=headers), timeout=10)
    cookies = answer.headers.get_all("Set-Cookie") or []
    (cookie,) = [c for c in cookies if c.startswith("csrftoken=")]
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.read().decode())
    assert found
    return {"Cookie": cookie.split(";")[0], "token": found.group(1), "secure": str("Secure" in cookie)}


def test_behind_the_trusted_proxy_each_client_has_its_own_sign_in_limit(proxied_server):
    """Behind nginx every request comes from the proxy's address: without XIESHANG_TRUSTED_PROXY ten wrong
    guesses by anyone would refuse everyone's sign-in for ten minutes. The proxy says the browser used HTTPS
    (X-Forwarded-Proto), so the cookies are marked Secure and the origin checked is https://."""
    port, link, _data = proxied_server
    base = f"http://127.0.0.1:{port}"
    https = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{port}"}
    csrf = _csrf(link, https)
    assert csrf.pop("secure") == "True"

    def attempt(url: str, client: str) -> int:
        return _attempt(url, {**https, **csrf, "X-Forwarded-For": client})

    for n in range(MAX_FAILURES):
        assert attempt(f"{base}/login/guess-{n}/", "203.0.113.9") == 403
    assert attempt(link, "203.0.113.9") == 429  # the guesser is stopped
    assert attempt(link, "198.51.100.4") == 302  # another client signs in


def test_without_a_trusted_proxy_a_forged_forwarded_address_changes_nothing(server):
    port, link, _data = server
    base = f"http://127.0.0.1:{port}"
    csrf = _csrf(link, {})
    assert csrf.pop("secure") == "False"  # plain HTTP on this computer: the cookies must work over it
    for n in range(MAX_FAILURES):
        assert _attempt(f"{base}/login/guess-{n}/", {**csrf, "X-Forwarded-For": f"192.0.2.{n}"}) == 403
    assert _attempt(link, {**csrf, "X-Forwarded-For": "198.51.100.4"}) == 429  # counted by the real address


def test_the_trusted_proxy_must_be_an_address(tmp_path):
    with pytest.raises(ConfigError, match="XIESHANG_TRUSTED_PROXY"):
        load_config({"XIESHANG_DATA_DIR": str(tmp_path), "XIESHANG_TRUSTED_PROXY": "nginx"})
    assert load_config({"XIESHANG_DATA_DIR": str(tmp_path)}).trusted_proxy == ""
