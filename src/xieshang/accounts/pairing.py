"""Pairing a phone: the computer's address on the local network, the addresses a running server answers at
(recorded in the data directory, so ``xieshang link`` and the "open on my phone" page find them without a
restart), and a sign-in link as a QR code (terminal text or an inline SVG).

The network address is found without the internet: "connecting" a UDP socket to a private address sends
nothing, but makes the system choose the interface it would route through; its address is the one a phone on
the same Wi-Fi reaches. Failing that, the addresses of the computer's own name.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import segno

RUN_FILE = "server.json"  # in the data directory, while a server runs
PROBES = ("10.255.255.255", "192.168.255.255", "172.31.255.255")  # private: never routed to the internet


def _usable(address: str) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (parsed.is_loopback or parsed.is_unspecified or parsed.is_link_local or parsed.is_multicast)


def lan_address() -> str | None:
    """This computer's IPv4 address on its local network, or ``None`` when it has none (no network)."""
    for probe in PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found = str(udp.getsockname()[0])
        except OSError:
            continue
        if _usable(found):
            return found
    try:
        named = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    return next((str(info[4][0]) for info in named if _usable(str(info[4][0]))), None)


def url_of(host: str, port: int) -> str:
    """``http://host:port`` (an IPv6 address in brackets; "all interfaces" shown as this computer)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


@dataclass(frozen=True)
class Addresses:
    """Where a running server answers: on this computer, and (``serve --lan``) on the local network."""

    local: str
    lan: str = ""


def record(data_dir: Path, addresses: Addresses) -> None:
    """Note where this server answers (the file is private, like everything in the data directory)."""
    payload = {"local": addresses.local, "lan": addresses.lan, "pid": os.getpid()}
    path = data_dir / RUN_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload), encoding="utf-8")
    temporary.replace(path)


def forget(data_dir: Path) -> None:
    """The server stops: its addresses no longer hold (only this process's own record is removed)."""
    path = data_dir / RUN_FILE
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def recorded(data_dir: Path) -> Addresses | None:
    """Where the server of this data directory said it answers, or ``None`` (not started, or unreadable)."""
    try:
        payload = json.loads((data_dir / RUN_FILE).read_text(encoding="utf-8"))
        return Addresses(local=str(payload["local"]), lan=str(payload.get("lan") or ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def answers(url: str, timeout: float = 1.0) -> bool:
    """Whether something listens at ``url``'s host and port (a TCP connection, nothing sent)."""
    rest = url.split("://", 1)[-1].rstrip("/")
    host, _, port = rest.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return True
    except (OSError, ValueError):
        return False


def _qr(link: str) -> segno.QRCode:
    return segno.make_qr(link, error="m")


def print_qr(link: str, stream: TextIO) -> None:
    """The link as a QR code in the terminal (two modules per character, readable by a phone's camera)."""
    _qr(link).terminal(out=stream, compact=True)


def qr_svg(link: str, title: str) -> str:
    """The link as an inline SVG (no style attribute, no script: the page's CSP allows neither)."""
    return str(_qr(link).svg_inline(scale=1, omitsize=True, border=2, title=title, svgclass="qr-code"))
