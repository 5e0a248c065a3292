"""Mail settings: Django's ``EMAIL_*`` from the typed ``XIESHANG_SMTP_*`` settings (:mod:`.config`), the same the
command line's ``xieshang remind FILE --send`` reads, so one set of SMTP settings serves both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import ConfigError


def smtp_tls(port: int, tls: str) -> str:
    """``starttls``, ``ssl`` or ``none``: as set, else by the port (ssl on 465, starttls on 587)."""
    return tls.strip().lower() or ("ssl" if port == 465 else "starttls" if port == 587 else "none")


def email_settings(smtp: Mapping[str, str]) -> dict[str, Any]:
    """Django's ``EMAIL_*`` settings from the ``XIESHANG_SMTP_*`` ones (the same the command line reads); no
    host: the console backend, and the reminder mails say that mail is not set up."""
    if not smtp.get("host"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend", "EMAIL_CONFIGURED": False}
    try:
        port = int(smtp.get("port") or 587)
    except ValueError:
        raise ConfigError(f"XIESHANG_SMTP_PORT: 应为端口号（实际 {smtp.get('port')!r}）") from None
    tls = smtp_tls(port, smtp.get("tls", ""))
    if tls not in ("starttls", "ssl", "none"):
        raise ConfigError("XIESHANG_SMTP_TLS: 只能是 starttls、ssl 或 none")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_CONFIGURED": True,
        "EMAIL_HOST": smtp["host"],
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": smtp.get("user", ""),
        "EMAIL_HOST_PASSWORD": smtp.get("password", ""),
        "EMAIL_USE_TLS": tls == "starttls",
        "EMAIL_USE_SSL": tls == "ssl",
        "EMAIL_TIMEOUT": 30,
        "DEFAULT_FROM_EMAIL": smtp.get("from") or "xieshang@localhost",
    }
