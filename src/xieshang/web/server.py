"""``xieshang serve``: migrate, make sure the local owner exists, print a one-time sign-in link, serve.

The server is waitress (production-grade, pure Python), bound to 127.0.0.1 unless told otherwise; any other
address gets a warning saying what it exposes. Files the process creates are private (umask 077), and each
start sweeps what an interrupted write left behind (see :func:`prepare`).
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from typing import TextIO

from .datadir import hold_shared_use, private_umask

EXPOSED_WARNING = (
    "警告 Warning: --host {host} 让同一网络上的其他设备也能连到协商。案件里的姓名、身份证号、债务和证据只靠一次性"
    "登录链接保护，而且连接没有加密（HTTP）。只在可信的网络里、或在 TLS 反向代理后面这样用（见 docs/operators.md）。\n"
    "  --host {host} lets other devices on the network reach Xieshang. Names, ID numbers, debts and evidence are "
    "protected only by the one-time sign-in link, over unencrypted HTTP. Use it on a trusted network or behind "
    "a TLS reverse proxy only (see docs/operators.md)."
)


def setup_django(data_dir: Path | None = None) -> None:
    """Point Django at our settings (and the data directory, if given) and initialise it; then, before anything
    opens the database, complete or undo a restore a killed process left half-done."""
    if data_dir is not None:
        os.environ["XIESHANG_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xieshang.web.settings")
    import django

    django.setup()  # settings only: nothing has opened the database yet
    from django.conf import settings

    from .restore import finish_interrupted

    finish_interrupted(Path(settings.DATA_DIR), dict(settings.DATABASES["default"]))


def prepare() -> None:
    """Apply migrations (idempotent), create the local owner account on first start, and clean up after an
    interrupted run: temporary files of unfinished writes, and evidence recorded but never committed."""
    from django.core.management import call_command

    from xieshang.accounts.users import local_owner
    from xieshang.cases.upkeep import recover
    from xieshang.jobs.outputs import sweep
    from xieshang.jobs.worker import interrupt_dead

    call_command("migrate", interactive=False, verbosity=0)
    local_owner()
    recover()
    interrupt_dead()  # jobs of a worker of this host that was killed: interrupted, not "running" forever
    sweep()


def work(data_dir: Path | None = None, interval: float = 1.0) -> None:
    """``xieshang worker``: run background jobs until stopped (any number of these, on any machine sharing the
    database and the file storage)."""
    private_umask()
    setup_django(data_dir)
    from django.conf import settings

    in_use = hold_shared_use(Path(settings.DATA_DIR))  # noqa: F841 - held until the process ends
    prepare()
    from xieshang.jobs.worker import run_forever

    print(f"协商后台进程 Xieshang worker: {settings.DATA_DIR}", flush=True)
    run_forever(interval)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def fresh_login_link(base_url: str) -> str:
    """A new single-use sign-in link for the local owner (earlier unused links stop working)."""
    from xieshang.accounts.tokens import issue_login_token, login_url
    from xieshang.accounts.users import local_owner

    return login_url(base_url, issue_login_token(local_owner()))


def base_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    data_dir: Path | None = None,
    threads: int = 6,
    out: TextIO | None = None,
) -> None:
    """Run the app until interrupted. Prints the sign-in link first (flushes, so pipes see it)."""
    private_umask()
    setup_django(data_dir)
    from django.conf import settings

    in_use = hold_shared_use(Path(settings.DATA_DIR))  # noqa: F841 - held until the process ends: no restore meanwhile
    prepare()
    from waitress import serve as waitress_serve

    from xieshang.cases.limits import largest_request
    from xieshang.web.wsgi import application

    stream = out or sys.stdout
    link = fresh_login_link(base_url(host, port))
    print("协商 Xieshang", file=stream)
    if not is_loopback(host):
        print(EXPOSED_WARNING.format(host=host), file=stream)
    print(f"数据目录 Data directory: {settings.DATA_DIR}", file=stream)
    print("用下面的一次性链接登录（只能用一次）Sign in with this one-time link:", file=stream)
    print(f"    {link}", file=stream)
    if settings.WORKER == "thread":
        from xieshang.jobs.worker import start_thread

        start_thread()
        print("后台任务在这个进程里运行 Background jobs run in this process.", file=stream)
    print("按 Ctrl+C 停止 Press Ctrl+C to stop.", file=stream, flush=True)
    waitress_serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="xieshang",
        max_request_body_size=largest_request(),  # bigger bodies are refused before they are received
        **proxy_options(settings.TRUSTED_PROXY),
    )


def proxy_options(proxy: str) -> dict[str, object]:
    """waitress's options for a reverse proxy at ``proxy``: the client address (the sign-in limit counts per
    address) and the scheme come from its headers; the same headers from anyone else are dropped."""
    if not proxy:
        return {}
    return {
        "trusted_proxy": proxy,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }
