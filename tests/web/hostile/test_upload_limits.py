"""Limits on every upload (cases/limits.py, settings.UPLOAD_LIMITS): a body over its kind's limit is refused
with 413 before anything reads it, in the user's language, while the process stays small; the real server
(waitress) refuses bodies above the largest limit before receiving them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

HARNESS = Path(__file__).with_name("refuse_uploads.py")
XIESHANG = str(Path(sys.executable).with_name("xieshang"))
ENV = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}


@pytest.mark.slow
def test_every_upload_kind_over_its_limit_is_refused_before_the_body_is_read(tmp_path):
    """A client says it sends 2 GB to each upload page: each answers 413 having read 0 bytes of it, and the
    process that served all eight stays under 200 MB (the 2026-11 server took 5.25 GB for a 200 MB CSV)."""
    env = {**ENV, "XIESHANG_DATA_DIR": str(tmp_path), "PYTHONPATH": str(Path(__file__).parents[3])}
    done = subprocess.run(
        [sys.executable, str(HARNESS)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    for kind, result in found["results"].items():
        assert result["status"].startswith("413"), (kind, result["status"], result["page"][:300])
        assert result["read"] == 0, kind
        assert "太大" in result["page"], kind
        assert "没有保存" in result["page"] or kind == "form", kind
    assert "每个文件最多 50 MB，一次最多 10 个文件" in found["results"]["evidence"]["page"]
    assert "案件文件最多 2 MB" in found["results"]["casefile"]["page"]
    assert found["peak_mb"] < 200, {k: r["peak_mb"] for k, r in found["results"].items()}


def test_a_refusal_reads_in_english_on_english_pages(client_in, case):
    client_in.cookies["django_language"] = "en"
    response = client_in.generic(
        "POST",
        reverse("case-import"),
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH="3000000",
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "too large" in text and "case file" in text and "太大" not in text


def test_an_upload_within_its_limit_still_works(client_in, case, settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "payments": (1024, 1)}
    from django.core.files.uploadedfile import SimpleUploadedFile

    debt = case.debts.get(key="bank")
    url = reverse("payment-import", args=[case.pk, debt.pk])
    small = SimpleUploadedFile("p.csv", b"2025-03-10,1066.19\n")
    assert client_in.post(url, {"file": small}).status_code == 302
    big = SimpleUploadedFile("p.csv", b"2025-03-10,1066.19\n" * 100)  # 1.9 KB: within the request's limit
    response = client_in.post(url, {"file": big})
    assert response.status_code == 400 and "文件太大（1.9 KB）" in response.content.decode()
    assert debt.payments.count() == 2  # the fixture's one and the small file's one
    huge = SimpleUploadedFile("p.csv", b"2025-03-10,1066.19\n" * 20000)  # 380 KB: refused before it is read
    assert client_in.post(url, {"file": huge}).status_code == 413


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _connect(port: int) -> socket.socket:
    """A connection once the server listens (it prints its link just before it starts to)."""
    for _ in range(200):
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=30)
        except ConnectionRefusedError:
            time.sleep(0.05)
    raise AssertionError("the server never listened")


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


@pytest.mark.slow
def test_the_server_refuses_a_huge_body_before_receiving_it(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [XIESHANG, "serve", "--port", str(port), "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=ENV,
    )
    try:
        assert process.stdout is not None
        while "Ctrl+C" not in (line := process.stdout.readline()):
            assert line, "the server stopped"
        sock = _connect(port)
        with sock:
            sock.sendall(
                b"POST /cases/import/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                b"Content-Length: 2000000000\r\n\r\n" + b"x" * 65536
            )
            answer = sock.recv(65536).decode("latin-1")
        assert answer.startswith("HTTP/1.1 413"), answer[:200]
        assert _peak_mb(process.pid) < 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_per_file_upload_script_gets_its_refusal_as_json(client_in, case):
    response = client_in.generic(
        "POST",
        reverse("budget:stage", args=[case.pk]),
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024**3),
    )
    assert response.status_code == 413
    answer = response.json()
    assert answer["ok"] is False and "太大" in answer["text"]
