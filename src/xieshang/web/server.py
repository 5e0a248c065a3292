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

from xieshang.accounts.pairing import (
    Addresses,
    answers,
    forget,
    lan_address,
    print_qr,
    record,
    recorded,
    url_of,
)

from .datadir import hold_shared_use, private_umask

LAN_WARNING = (
    "注意 Note: 同一网络上的任何设备现在都能连到协商；连接没有加密（HTTP），只在家里等可信的网络上这样用，"
    "不要在咖啡馆、公司等公共网络上用。\n"
    "  Any device on this network can now reach Xieshang over unencrypted HTTP: use it on a trusted (home) "
    "network only, never on a shared or public one."
)
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


def fresh_login_link(base_url: str, *, replace: bool = True) -> str:
    """A new single-use sign-in link for the local owner (with ``replace``, earlier unused links stop working)."""
    from xieshang.accounts.tokens import issue_login_token, login_url
    from xieshang.accounts.users import local_owner

    return login_url(base_url, issue_login_token(local_owner(), replace=replace))


def base_url(host: str, port: int) -> str:
    return url_of(host, port)


def lan_host(host: str | None) -> str:
    """The address ``serve --lan`` answers at on the network: ``--host`` if given, else the one found."""
    if host:
        return host
    from .config import ConfigError

    found = lan_address()
    if found is None:
        raise ConfigError(
            "这台电脑没有连上局域网（Wi-Fi 或网线），找不到可以给手机用的地址；可以用 --host 指定。 "
            "This computer is on no local network; name its address with --host."
        )
    return found


def allow_hosts(*hosts: str) -> None:
    """Add ``hosts`` to the host names this run answers to (before Django reads its settings)."""
    from .config import SETTINGS

    default = next(s.default for s in SETTINGS if s.key == "XIESHANG_ALLOWED_HOSTS")
    current = os.environ.get("XIESHANG_ALLOWED_HOSTS", default)
    names = [name for name in current.split(",") if name.strip()]
    names += [host for host in hosts if host not in names]
    os.environ["XIESHANG_ALLOWED_HOSTS"] = ",".join(names)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    data_dir: Path | None = None,
    threads: int = 6,
    out: TextIO | None = None,
    lan: bool = False,
) -> None:
    """Run the app until interrupted. Prints the sign-in link first (flushes, so pipes see it). With ``lan``, it
    answers on this computer (127.0.0.1) and at ``host`` on the network, and prints the phone's link as a QR code."""
    private_umask()
    everywhere = host in ("0.0.0.0", "::", "")
    if lan:
        network = lan_host(host if host != "127.0.0.1" else None)
    else:  # all interfaces: the phone's address is the network one; a named address is its own
        network = (lan_address() or "") if everywhere else ""
    allow_hosts(*(name.strip("[]") for name in (network, "" if everywhere else host) if name))
    setup_django(data_dir)
    from django.conf import settings

    in_use = hold_shared_use(Path(settings.DATA_DIR))  # noqa: F841 - held until the process ends: no restore meanwhile
    prepare()
    from waitress import serve as waitress_serve

    from xieshang.cases.limits import largest_request
    from xieshang.web.wsgi import application

    stream = out or sys.stdout
    local = base_url("127.0.0.1" if network else host, port)
    addresses = Addresses(local=local, lan=base_url(network, port) if network else "")
    print("协商 Xieshang", file=stream)
    if lan:
        print(LAN_WARNING, file=stream)
    elif not is_loopback(host):
        print(EXPOSED_WARNING.format(host=host), file=stream)
    print(f"数据目录 Data directory: {settings.DATA_DIR}", file=stream)
    print_links(addresses, stream)
    if settings.WORKER == "thread":
        from xieshang.jobs.worker import start_thread

        start_thread()
        print("后台任务在这个进程里运行 Background jobs run in this process.", file=stream)
    print(
        f"需要新的登录链接时（服务不用停）：xieshang link{' --lan' if network else ''}\n"
        f"  A new sign-in link any time, while this runs: xieshang link{' --lan' if network else ''}",
        file=stream,
    )
    print("按 Ctrl+C 停止 Press Ctrl+C to stop.", file=stream, flush=True)
    record(Path(settings.DATA_DIR), addresses)
    listen = f"{_hostport(addresses.local)} {_hostport(addresses.lan)}" if lan else None
    try:
        waitress_serve(
            application,
            **({"listen": listen} if listen else {"host": host, "port": port}),
            threads=threads,
            ident="xieshang",
            max_request_body_size=largest_request(),  # bigger bodies are refused before they are received
            **proxy_options(settings.TRUSTED_PROXY),
        )
    finally:
        forget(Path(settings.DATA_DIR))


def _hostport(url: str) -> str:
    return url.split("://", 1)[1]


def print_links(addresses: Addresses, stream: TextIO, *, local: bool = True, lan: bool = True) -> None:
    """Fresh sign-in links of a run: this computer's, and (``--lan``) the phone's with its QR code. The first
    replaces every earlier unused link; the second stands beside it (each works once)."""
    replace = True
    if local:
        print(
            "在这台电脑上，用下面的一次性链接登录（只能用一次）Sign in on this computer (once):", file=stream
        )
        print(f"    {fresh_login_link(addresses.local, replace=replace)}", file=stream)
        replace = False
    if lan and addresses.lan:
        link = fresh_login_link(addresses.lan, replace=replace)
        print(
            "在连着同一个 Wi-Fi 的手机上：用相机扫下面的二维码，或打开这个链接（只能用一次）\n"
            "  On a phone on the same Wi-Fi: scan the code or open this link (once):",
            file=stream,
        )
        print(f"    {link}", file=stream)
        print_qr(link, stream)


def link(data_dir: Path | None, *, lan: bool = False, out: TextIO | None = None) -> None:
    """``xieshang link``: fresh sign-in links for the server running on this data directory, which sees them at
    once (they are rows of the shared database): no restart. ``lan``: the phone's link and its QR code."""
    from .config import ConfigError

    setup_django(data_dir)
    from django.conf import settings

    addresses = recorded(Path(settings.DATA_DIR))
    if addresses is None or not answers(addresses.local):
        raise ConfigError(
            f"数据目录 {settings.DATA_DIR} 的协商没有在运行：先运行 xieshang serve（它也会打印登录链接）。 "
            "No server runs on this data directory: start it with xieshang serve (it prints a link too)."
        )
    if lan and not addresses.lan:
        raise ConfigError(
            "服务器启动时没有用 --lan，手机连不上它：停止后用 xieshang serve --lan 重新启动。 "
            "The server was started without --lan, so a phone cannot reach it: restart it with serve --lan."
        )
    print_links(addresses, out or sys.stdout, local=not lan, lan=lan)


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
