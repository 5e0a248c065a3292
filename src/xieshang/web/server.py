"""``xieshang serve``: migrate, make sure the local owner exists, print a one-time sign-in link, serve.

The server is waitress (production-grade, pure Python), bound to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO


def setup_django(data_dir: Path | None = None) -> None:
    """Point Django at our settings (and the data directory, if given) and initialise it."""
    if data_dir is not None:
        os.environ["XIESHANG_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xieshang.web.settings")
    import django

    django.setup()


def prepare() -> None:
    """Apply migrations (idempotent) and create the local owner account on first start."""
    from django.core.management import call_command

    from xieshang.cases.access import local_owner

    call_command("migrate", interactive=False, verbosity=0)
    local_owner()


def fresh_login_link(base_url: str) -> str:
    """A new single-use sign-in link for the local owner (earlier unused links stop working)."""
    from xieshang.cases.access import issue_login_token, local_owner, login_url

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
    setup_django(data_dir)
    prepare()
    from django.conf import settings
    from waitress import serve as waitress_serve

    from xieshang.web.wsgi import application

    stream = out or sys.stdout
    link = fresh_login_link(base_url(host, port))
    print("协商 Xieshang", file=stream)
    print(f"数据目录 Data directory: {settings.DATA_DIR}", file=stream)
    print("用下面的一次性链接登录（只能用一次）Sign in with this one-time link:", file=stream)
    print(f"    {link}", file=stream)
    print("按 Ctrl+C 停止 Press Ctrl+C to stop.", file=stream, flush=True)
    waitress_serve(application, host=host, port=port, threads=threads, ident="xieshang")
