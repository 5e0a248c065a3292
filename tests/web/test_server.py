"""``xieshang serve`` as a user starts it (web/server.py): a real waitress process on a fresh data directory.

The process runs on SQLite in a temporary data directory (DATABASE_URL is removed from its environment so a
PostgreSQL run never writes to a real database); the PostgreSQL path is covered by the rest of the suite.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from xieshang.web.config import ConfigError, database_settings, load_config

XIESHANG = str(Path(sys.executable).with_name("xieshang"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
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


def test_one_time_link_works_once_then_is_refused(server):
    port, link, data_dir = server
    assert link.startswith(f"http://127.0.0.1:{port}/login/")
    page = _opener().open(link, timeout=10)
    assert page.status == 200 and page.url.rstrip("/") == f"http://127.0.0.1:{port}"
    assert "我的案件" in page.read().decode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        _opener().open(link, timeout=10)
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
