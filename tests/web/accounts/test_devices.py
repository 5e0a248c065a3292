"""Signed-in browsers named as a person recognises them, from real User-Agent strings."""

from __future__ import annotations

import pytest

from xieshang.accounts.devices import device_name

WECHAT_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"


@pytest.mark.parametrize(
    ("agent", "shown"),
    [
        (WECHAT_IPHONE, "微信 · iPhone"),
        (CHROME_ANDROID, "Chrome · Android"),
        (EDGE_WINDOWS, "Edge · Windows"),
        (SAFARI_MAC, "Safari · macOS"),
        (FIREFOX_LINUX, "Firefox · Linux"),
        ("curl/8.5.0", "curl/8.5.0"),
        ("x" * 80, "x" * 59 + "…"),
    ],
)
def test_device_names(agent: str, shown: str) -> None:
    assert device_name(agent) == shown
