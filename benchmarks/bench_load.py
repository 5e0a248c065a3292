"""The real server under load on loopback: 50 clients for 60 s against the dashboard, a debt page and two JSON API
operations (the case's totals, its debts; with an API token), while 10 writers record payments; on SQLite (one
app process) and (with ``BENCH_POSTGRES_URL``) on PostgreSQL with two app processes, the clients spread over both.

``xieshang serve`` runs as its own process (waitress, its default 6 threads) on a fresh data directory with
the demo case; the clients are threads of this process, each with one keep-alive connection, signed in with
the link the server prints. Reported: requests/s, p50 and p99 of the page requests, errors (any answer but
200, any failed connection); the writers' acknowledged payments against the payments stored (lost = the
difference, counted in the database itself).

``BENCH_POSTGRES_URL=postgresql://user:pass@127.0.0.1:5432/db make bench`` adds the PostgreSQL run (the demo
case is added to that database).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

XIESHANG = str(Path(sys.executable).with_name("xieshang"))


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    env["XIESHANG_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


class Session:
    """One keep-alive connection with the signed-in session's cookies."""

    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie = port, cookie
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        sent = {"Cookie": self.cookie, **(headers or {})}
        try:
            self.connection.request(method, path, body=body or None, headers=sent)
            response = self.connection.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise


def _sign_in(port: int, link: str) -> str:
    """Open the printed link and press its button: the session and CSRF cookies."""
    path = urllib.parse.urlsplit(link).path
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    page = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf and token, "the sign-in page changed"
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1)})
    connection.request(
        "POST",
        path,
        body=body,
        headers={"Cookie": f"csrftoken={csrf.group(1)}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    signed = connection.getresponse()
    signed.read()
    session = re.search(r"sessionid=([^;]+)", signed.getheader("Set-Cookie") or "")
    assert signed.status == 302 and session, f"sign-in failed: {signed.status}"
    return session.group(1)


def _start(data_dir: Path, database_url: str, demo: bool = True) -> tuple[subprocess.Popen[str], int, str]:
    env = _env(data_dir, database_url)
    if demo:
        done = subprocess.run(
            [XIESHANG, "demo", "--data-dir", str(data_dir)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    port = _free_port()
    server = subprocess.Popen(
        [XIESHANG, "serve", "--port", str(port), "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    link = ""
    while "Ctrl+C" not in (line := server.stdout.readline()):
        assert line, "the server stopped"
        found = re.search(r"(http://127\.0\.0\.1:\d+/login/\S+)", line)
        link = found.group(1) if found else link
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    threading.Thread(target=lambda: server.stdout and server.stdout.read(), daemon=True).start()  # drain logs
    return server, port, link


def _ids(data_dir: Path, database_url: str) -> tuple[int, int, str]:
    """The newest case (the demo just loaded), its first debt, and a day after that debt started."""
    (case_pk,) = _query(data_dir, database_url, "SELECT MAX(id) FROM cases_case")[0]
    debt_pk, start = _query(
        data_dir,
        database_url,
        "SELECT id, start_date FROM cases_debt WHERE case_id = ? ORDER BY id",
        (case_pk,),
    )[0]
    day = date.fromisoformat(str(start)) + timedelta(days=40)
    return int(str(case_pk)), int(str(debt_pk)), day.isoformat()


def _query(
    data_dir: Path, database_url: str, sql: str, args: tuple[object, ...] = (), write: bool = False
) -> list[tuple[object, ...]]:
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as db:
            found = db.execute(sql.replace("?", "%s"), args)
            return [] if write else list(found.fetchall())
    with sqlite3.connect(data_dir / "xieshang.sqlite3") as db:
        found = db.execute(sql, args)
        return [] if write else list(found.fetchall())


def _api_token(data_dir: Path, database_url: str, case_pk: int) -> str:
    """A live API token of the case's owner, written straight into the database (hashed, as the app keeps it)."""
    token = "xs_" + secrets.token_urlsafe(32)
    (owner,) = _query(data_dir, database_url, "SELECT owner_id FROM cases_case WHERE id = ?", (case_pk,))[0]
    now = time.strftime("%Y-%m-%d %H:%M:%S+00:00", time.gmtime())
    _query(
        data_dir,
        database_url,
        "INSERT INTO accounts_apitoken (user_id, name, digest, prefix, created_at) VALUES (?, ?, ?, ?, ?)",
        (owner, "bench", hashlib.sha256(token.encode()).hexdigest(), token[:10], now),
        write=True,
    )
    return token


def _reader(session: Session, paths: list[str], deadline: float, tally: Tally, token: str = "") -> None:
    n = 0
    api = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < deadline:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            status, _body = session.request("GET", path, headers=api if path.startswith("/api/") else None)
        except (OSError, http.client.HTTPException) as error:
            with tally.lock:
                tally.errors.append(f"GET {path}: {error}")
            continue
        elapsed = time.perf_counter() - started
        with tally.lock:
            tally.latencies.append(elapsed)
            if status != 200:
                tally.errors.append(f"GET {path}: HTTP {status}")


def _writer(session: Session, path: str, day: str, number: int, deadline: float, tally: Tally) -> None:
    csrf = secrets.token_hex(16)
    session.cookie += f"; csrftoken={csrf}"
    step = 0
    while time.monotonic() < deadline:
        note = f"bench-{number}-{step}"
        step += 1
        body = urllib.parse.urlencode({"date": day, "amount": "1.00", "note": note}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": csrf}
        try:
            status, _ = session.request("POST", path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            with tally.lock:
                tally.errors.append(f"POST {path}: {error}")
            continue
        with tally.lock:
            if status == 302:
                tally.acknowledged.append(note)
            else:
                tally.errors.append(f"POST {path}: HTTP {status}")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


def _run_backend(
    name: str, database_url: str, clients: int, writers: int, seconds: float, processes: int = 1
) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="xieshang-load-") as folder:
        data_dir = Path(folder) / "data"
        server, port, link = _start(data_dir, database_url)
        servers, ports = [server], [port]
        try:
            case_pk, debt_pk, day = _ids(data_dir, database_url)
            cookie = (
                f"sessionid={_sign_in(port, link)}"  # sessions are in the database: every process knows it
            )
            for _ in range(processes - 1):
                more, more_port, _link = _start(data_dir, database_url, demo=False)
                servers.append(more)
                ports.append(more_port)
            token = _api_token(data_dir, database_url, case_pk)
            paths = [
                f"/cases/{case_pk}/",
                f"/cases/{case_pk}/debts/{debt_pk}/",
                f"/api/v1/cases/{case_pk}/",
                f"/api/v1/cases/{case_pk}/debts/",
            ]
            for each in ports:
                for path in paths:  # warm the templates and reference data
                    headers = {"Authorization": f"Bearer {token}"} if path.startswith("/api/") else None
                    status, _ = Session(each, cookie).request("GET", path, headers=headers)
                    assert status == 200, (path, status)
            reads, writes = Tally(), Tally()
            deadline = time.monotonic() + seconds
            threads = [
                threading.Thread(
                    target=_reader,
                    args=(Session(ports[n % len(ports)], cookie), paths, deadline, reads, token),
                )
                for n in range(clients)
            ]
            payment = f"/cases/{case_pk}/debts/{debt_pk}/payments/new/"
            threads += [
                threading.Thread(
                    target=_writer,
                    args=(Session(ports[n % len(ports)], cookie), payment, day, n, deadline, writes),
                )
                for n in range(writers)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.monotonic() - started
            stored = {
                str(row[0])
                for row in _query(
                    data_dir,
                    database_url,
                    "SELECT note FROM cases_payment WHERE note LIKE ? AND debt_id = ?",
                    ("bench-%", debt_pk),
                )
            }
        finally:
            for each in servers:
                each.terminate()
                each.wait(timeout=30)
    lost = len(set(writes.acknowledged) - stored)
    note = (
        f"{clients} clients × {seconds:g} s, {processes} app process(es) × waitress 6 threads, demo case; "
        f"{writers} writers meanwhile"
    )
    return [
        {
            "name": f"{name}: page requests/s",
            "value": len(reads.latencies) / wall,
            "unit": "req/s",
            "note": note,
        },
        {
            "name": f"{name}: p50",
            "value": _percentile(reads.latencies, 0.50),
            "unit": "ms",
            "note": "dashboard, debt page, API case totals, API debt list",
        },
        {"name": f"{name}: p99", "value": _percentile(reads.latencies, 0.99), "unit": "ms", "note": ""},
        {
            "name": f"{name}: errors",
            "value": len(reads.errors) + len(writes.errors),
            "unit": "requests",
            "note": "; ".join((reads.errors + writes.errors)[:3]),
        },
        {
            "name": f"{name}: payments lost",
            "value": lost,
            "unit": "payments",
            "note": f"{len(writes.acknowledged)} acknowledged, {len(stored)} stored",
        },
    ]


def run(quick: bool) -> list[dict[str, object]]:
    clients, writers, seconds = (10, 3, 5.0) if quick else (50, 10, 60.0)
    results = _run_backend("SQLite", "", clients, writers, seconds)
    postgres = os.environ.get("BENCH_POSTGRES_URL", "")
    if postgres:
        results += _run_backend("PostgreSQL", postgres, clients, writers, seconds, processes=2)
    else:
        results.append(
            {"name": "PostgreSQL", "value": None, "unit": "", "note": "set BENCH_POSTGRES_URL to run"}
        )
    for row in results:
        row.setdefault("baseline", None)
        row.setdefault("ratio", None)
    return results


if __name__ == "__main__":  # python -m benchmarks.bench_load [--quick]
    for row in run("--quick" in sys.argv):
        print(row)
