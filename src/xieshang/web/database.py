"""Where the database is: Django's ``DATABASES['default']`` from ``DATABASE_URL`` (PostgreSQL), or SQLite in
WAL mode in the data directory, set up as the one write path needs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .config import ConfigError


def database_settings(url: str, data_dir: Path) -> dict[str, Any]:
    """Django's ``DATABASES['default']`` from ``DATABASE_URL``, or SQLite (WAL) in the data directory."""
    if not url:
        return _sqlite(data_dir / "xieshang.sqlite3")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        return _sqlite(Path(unquote(parts.path[1:] if parts.path.startswith("//") else parts.path)))
    if scheme not in ("postgres", "postgresql", "pgsql"):
        raise ConfigError(f"DATABASE_URL: 只支持 postgresql:// 或 sqlite:/// (got {scheme!r})")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigError("DATABASE_URL: 缺少数据库名 missing database name (postgresql://…/NAME)")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
        "CONN_MAX_AGE": 60,
    }


BUSY_TIMEOUT_SECONDS = 30


def _sqlite(path: Path) -> dict[str, Any]:
    """SQLite as the one write path needs it (docs/architecture.md, "Writes, reads and identifiers").

    No ``ATOMIC_REQUESTS``: a page that only reads runs in autocommit and, in WAL mode, never waits for a
    writer. Every ``atomic()`` block is a write (``cases.writes.locked``), so ``IMMEDIATE`` takes the write
    lock at ``BEGIN`` instead of upgrading a read lock half-way (which SQLite refuses with "database is
    locked"). The busy timeout covers a writer waiting for another writer's commit. ``secure_delete``
    overwrites deleted rows, so a deleted case's ID number does not linger in free pages.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Tests get a file too, not Django's shared in-memory database: the live server then answers
        # browser tests from its own connections, as the real server does (WAL, one connection a thread).
        "TEST": {"NAME": str(path.with_name(f"test-{path.name}"))},
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": BUSY_TIMEOUT_SECONDS,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA secure_delete=ON;"
            ),
        },
    }
