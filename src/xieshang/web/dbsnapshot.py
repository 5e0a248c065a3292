"""The database of a data directory as one consistent snapshot, and back.

- SQLite: the online backup API copies the whole database as of one moment while the app keeps writing (WAL:
  readers and the copy never wait for a writer). The copy is a complete database file; restoring it is a
  rename (:mod:`.restore`).
- PostgreSQL: ``pg_dump`` (plain SQL, no owners or privileges, so it loads into another role's database) run
  on a snapshot exported by a ``REPEATABLE READ`` transaction, in which the case anchors are read too: the
  dump and the anchors describe the same moment. Loading runs the dump through ``psql`` inside one transaction
  that ends with a marker row, so a load killed half-way leaves the database as it was, and a restore that was
  interrupted after the commit can tell that it happened (:func:`restored_marker`).

Each snapshot also gives what the files of the backup are chosen by: every case's evidence chain with its
anchor (entry count, head hash) as committed at that moment, and the migrations applied.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xieshang.archives.manifest import ArchiveError, ArchiveReader, ArchiveWriter

SQLITE_MEMBER = "database/xieshang.sqlite3"
POSTGRES_MEMBER = "database/dump.sql"
MARKER_TABLE = "xieshang_restore_marker"
ANCHORS_SQL = "SELECT evidence_chain, evidence_entries, evidence_head FROM cases_case ORDER BY id"
MIGRATIONS_SQL = "SELECT app, name FROM django_migrations ORDER BY app, name"


@dataclass(frozen=True)
class Anchor:
    chain: str
    entries: int
    head: str


@dataclass(frozen=True)
class Snapshot:
    vendor: str
    member: str
    anchors: tuple[Anchor, ...]
    migrations: dict[str, list[str]]


def vendor_of(settings_dict: dict[str, Any]) -> str:
    return "postgresql" if "postgresql" in settings_dict["ENGINE"] else "sqlite"


def _migrations(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for app, name in rows:
        found.setdefault(app, []).append(name)
    return found


def snapshot_into(writer: ArchiveWriter, settings_dict: dict[str, Any], scratch: Path) -> Snapshot:
    """Add the database to ``writer`` as of one moment; the anchors and migrations of that moment."""
    if vendor_of(settings_dict) == "postgresql":
        return _postgres_snapshot(writer, settings_dict)
    return _sqlite_snapshot(writer, Path(settings_dict["NAME"]), scratch)


def _sqlite_snapshot(writer: ArchiveWriter, path: Path, scratch: Path) -> Snapshot:
    fd, temp = tempfile.mkstemp(dir=scratch, prefix=".incoming-", suffix=".sqlite3")
    os.close(fd)
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        target = sqlite3.connect(temp)
        try:
            source.backup(target)  # one step: a consistent copy of one moment
            target.execute(
                "PRAGMA journal_mode=DELETE"
            )  # one self-contained file (the app turns WAL on again)
            anchors = tuple(Anchor(*row) for row in target.execute(ANCHORS_SQL))
            migrations = _migrations(target.execute(MIGRATIONS_SQL).fetchall())
        finally:
            target.close()
            source.close()
        writer.add_file(SQLITE_MEMBER, Path(temp))
    finally:
        Path(temp).unlink(missing_ok=True)
    return Snapshot("sqlite", SQLITE_MEMBER, anchors, migrations)


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ, "PGDATABASE": settings_dict["NAME"], "PGCONNECT_TIMEOUT": "10"}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ArchiveError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（apt-get install postgresql-client）/ {name} not found",
            "database",
        )
    return found


@contextmanager
def _pg_connection(settings_dict: dict[str, Any]) -> Iterator[Any]:
    import psycopg

    params = {
        k.lower(): v for k, v in settings_dict.items() if k in ("HOST", "PORT", "USER", "PASSWORD") and v
    }
    connection = psycopg.connect(dbname=settings_dict["NAME"], autocommit=True, **params)  # BEGIN is ours
    try:
        yield connection
    finally:
        connection.close()


def _postgres_snapshot(writer: ArchiveWriter, settings_dict: dict[str, Any]) -> Snapshot:
    pg_dump = _tool("pg_dump")
    with _pg_connection(settings_dict) as connection:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot_id = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        anchors = tuple(Anchor(*row) for row in connection.execute(ANCHORS_SQL).fetchall())
        migrations = _migrations(connection.execute(MIGRATIONS_SQL).fetchall())
        command = [
            pg_dump,
            "--format=plain",
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            f"--snapshot={snapshot_id}",
            f"--exclude-table={MARKER_TABLE}",
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_pg_env(settings_dict)
        )
        assert process.stdout is not None and process.stderr is not None
        writer.add_chunks(POSTGRES_MEMBER, iter(lambda: process.stdout.read(1 << 20), b""))  # type: ignore[union-attr]
        errors = process.stderr.read().decode("utf-8", "replace")
        if process.wait() != 0:
            raise ArchiveError(f"pg_dump 失败 / failed: {errors.strip()[:500]}", "database")
        connection.execute("ROLLBACK")
    return Snapshot("postgresql", POSTGRES_MEMBER, anchors, migrations)


def sqlite_facts(path: Path) -> tuple[tuple[Anchor, ...], dict[str, list[str]]]:
    """Check a staged SQLite database (integrity, a Xieshang database); its anchors and migrations."""
    try:
        connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # reads only: no -wal, no -shm
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise ArchiveError(
                    f"数据库未通过完整性检查 / integrity check failed: {result}", SQLITE_MEMBER
                )
            anchors = tuple(Anchor(*row) for row in connection.execute(ANCHORS_SQL))
            migrations = _migrations(connection.execute(MIGRATIONS_SQL).fetchall())
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise ArchiveError(
            f"不是可用的协商数据库 / not a Xieshang database: {error}", SQLITE_MEMBER
        ) from None
    return anchors, migrations


def load_postgres(reader: ArchiveReader, settings_dict: dict[str, Any], marker: str) -> None:
    """Run the dump in one transaction, ending with the marker row; the database is unchanged if it fails."""
    psql = _tool("psql")
    # BEGIN here and COMMIT only after the whole dump and the marker: if this process dies mid-way, psql reads
    # the end of its input inside the transaction and the server rolls it back (``--single-transaction`` would
    # commit whatever had arrived).
    command = [psql, "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1"]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_pg_env(settings_dict),
    )
    assert process.stdin is not None and process.stderr is not None
    try:
        process.stdin.write(b"BEGIN;\n")
        for chunk in reader.chunks(POSTGRES_MEMBER):
            process.stdin.write(chunk)
        process.stdin.write(
            (
                f"\nRESET search_path;\nCREATE TABLE IF NOT EXISTS {MARKER_TABLE} (archive text NOT NULL);\n"
                f"DELETE FROM {MARKER_TABLE};\nINSERT INTO {MARKER_TABLE} VALUES ('{marker}');\nCOMMIT;\n"
            ).encode()
        )
        process.stdin.close()
    except BrokenPipeError:
        pass
    errors = process.stderr.read().decode("utf-8", "replace")
    if process.wait() != 0:
        raise ArchiveError(
            f"数据库没有恢复（保持原样）/ not restored, unchanged: {errors.strip()[:500]}", "database"
        )


def restored_marker(settings_dict: dict[str, Any]) -> str | None:
    """The archive id the last completed PostgreSQL load wrote, or None."""
    with _pg_connection(settings_dict) as connection:
        exists = connection.execute("SELECT to_regclass(%s)", (MARKER_TABLE,)).fetchone()[0]
        if exists is None:
            return None
        row = connection.execute(f"SELECT archive FROM {MARKER_TABLE}").fetchone()
        return row[0] if row else None
