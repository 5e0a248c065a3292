"""A signed-in browser as a person recognises it ("Chrome · Android", "微信 · iPhone"), read from its
User-Agent header; an agent it does not recognise is shown as sent, shortened."""

from __future__ import annotations

# Order matters: WeChat's and Edge's agents also name Chrome and Safari; Chrome's also names Safari.
BROWSERS = (
    ("MicroMessenger", "微信"),
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)
SHOWN = 60  # characters of an unrecognised agent


def device_name(agent: str) -> str:
    browser = next((name for mark, name in BROWSERS if mark in agent), "")
    system = next((name for mark, name in SYSTEMS if mark in agent), "")
    if browser or system:
        return " · ".join(part for part in (browser, system) if part)
    return agent if len(agent) <= SHOWN else agent[: SHOWN - 1] + "…"
