"""``xieshang serve``: the main job — start the web app on this computer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import DATA_DIR_HELP, data_dir

LAN_HELP = (
    "让同一 Wi-Fi 上的手机也能打开：监听这台电脑的局域网地址（或 --host 给的地址），打印手机用的链接和二维码 "
    "Also answer on this computer's network address (or --host) and print the phone's link as a QR code"
)


def serve(
    host: Annotated[
        str, typer.Option(help="监听地址 Address to bind (only this computer by default)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="端口 Port")] = 8000,
    lan: Annotated[bool, typer.Option("--lan", help=LAN_HELP)] = False,
    data_dir_option: Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)] = None,
) -> None:
    """启动网页工作台，并打印一次性登录链接。 Start the web app and print a one-time sign-in link."""
    from xieshang.web.config import ConfigError
    from xieshang.web.server import serve as run_server

    from .common import fail

    try:
        run_server(host=host, port=port, data_dir=data_dir(data_dir_option), lan=lan)
    except ConfigError as error:
        fail(str(error))
    except OSError as error:
        fail(f"无法在 {host}:{port} 启动 Cannot listen on {host}:{port}: {error.strerror or error}")


def worker(
    interval: Annotated[
        float, typer.Option(min=0.05, help="没有任务时每隔几秒查一次 Seconds between polls")
    ] = 1.0,
    data_dir_option: Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)] = None,
) -> None:
    """运行后台任务（服务器上可以在多台机器上各运行几个）。 Run background jobs (one or more per machine)."""
    from xieshang.web.config import ConfigError
    from xieshang.web.server import work

    from .common import fail

    try:
        work(data_dir(data_dir_option), interval)
    except ConfigError as error:
        fail(str(error))


def link(
    lan: Annotated[
        bool, typer.Option("--lan", help="给手机的链接和二维码 The phone's link, as a QR code")
    ] = False,
    data_dir_option: Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)] = None,
) -> None:
    """在服务运行时打印新的一次性登录链接（不用重启）。 Print a new one-time sign-in link while the server runs."""
    from xieshang.web.config import ConfigError
    from xieshang.web.server import link as print_link

    from .common import fail

    try:
        print_link(data_dir(data_dir_option), lan=lan)
    except ConfigError as error:
        fail(str(error))
