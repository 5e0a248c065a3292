"""The manifest every Xieshang archive carries, written and checked by the same code.

An archive is a zip; its ``manifest.json`` holds::

    format        "xieshang-backup" (a whole data directory) or "xieshang-case" (one case, complete)
    version       of the format (1); a newer one is refused with a message saying so
    created_at    local time with its UTC offset
    app_version   the Xieshang version that wrote it
    members       [{"path", "size", "sha256"}, …] every other member of the zip, in the order written
    content       SHA-256 over the sorted member list: two archives with the same content have the same value,
                  whatever their creation time or zip layout
    …             what the kind of archive adds (database vendor, migrations, evidence anchors, counts)

:class:`ArchiveReader` refuses, naming the member concerned, an archive that is not a zip or is cut short, has no
readable manifest, is of another kind, lists a member it does not hold, holds one it does not list, or holds one
whose size or SHA-256 differs from the list. Nothing is extracted before :meth:`ArchiveReader.verify` passed.
:class:`ArchiveWriter` writes to a temporary name beside the target and renames it into place when complete, so
a half-written archive never carries the target's name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from xieshang.core.errors import ValidationError

FORMAT_BACKUP = "xieshang-backup"
FORMAT_CASE = "xieshang-case"
KIND_NAMES = {FORMAT_BACKUP: "备份 backup", FORMAT_CASE: "完整案件导出 complete case export"}
VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
CHUNK = 1 << 20
TEMP_PREFIX = ".incoming-"
_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[\w.\-/@+=\u4e00-\u9fff ]{1,300}$")


class ArchiveError(ValidationError):
    """The archive cannot be used; the message names the member (or the archive) and what is wrong."""


@dataclass(frozen=True)
class Member:
    path: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


def content_digest(members: Iterable[Member]) -> str:
    """One hash for the archive's content: the sorted (path, size, SHA-256) of its members."""
    lines = sorted(f"{m.path}\0{m.size}\0{m.sha256}\n" for m in members)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xieshang")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def now_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def check_path(path: str) -> str:
    if not _PATH.match(path) or path == MANIFEST:
        raise ArchiveError(f"成员名不可用：{path!r} / unusable member name", "archive")
    return path


class ArchiveWriter:
    """A zip being written to ``target`` (through a temporary name); every member hashed as it is added."""

    def __init__(self, target: Path, kind: str) -> None:
        self.target = Path(target)
        self.kind = kind
        self.members: list[Member] = []
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.target.parent, prefix=TEMP_PREFIX, suffix=".zip")
        os.close(fd)
        self.temp = Path(temp)
        self.zip = zipfile.ZipFile(self.temp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, kind: object, *_rest: object) -> None:
        if kind is not None:
            self.abort()

    def _info(self, path: str, compress: bool) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o600 << 16
        return info

    def add_bytes(self, path: str, data: bytes, compress: bool = True) -> Member:
        return self.add_chunks(path, [data], compress)

    def add_file(self, path: str, source: Path, compress: bool = True) -> Member:
        with Path(source).open("rb") as handle:
            return self.add_chunks(path, iter(lambda: handle.read(CHUNK), b""), compress)

    def add_chunks(self, path: str, chunks: Iterable[bytes], compress: bool = True) -> Member:
        digest, size = hashlib.sha256(), 0
        with self.zip.open(self._info(check_path(path), compress), "w", force_zip64=True) as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        member = Member(path, size, digest.hexdigest())
        self.members.append(member)
        return member

    def finish(self, extra: dict[str, Any]) -> dict[str, Any]:
        """Write the manifest, close, fsync and move the archive into place; the manifest."""
        manifest = {
            "format": self.kind,
            "version": VERSION,
            "created_at": now_iso(),
            "app_version": app_version(),
            **extra,
            "members": [m.as_dict() for m in self.members],
            "content": content_digest(self.members),
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        self.zip.writestr(self._info(MANIFEST, True), data)
        self.zip.close()
        with self.temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(self.temp, self.target)
        return manifest

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.zip.close()
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()


class ArchiveReader:
    """A Xieshang archive of one ``kind``, opened and checked (see the module docstring)."""

    def __init__(self, source: Path, kind: str) -> None:
        self.source = Path(source)
        self.kind = kind
        where = self.source.name
        if not self.source.is_file():
            raise ArchiveError(f"找不到文件 {self.source} / no such file", where)
        try:
            self.zip = zipfile.ZipFile(self.source)
        except (zipfile.BadZipFile, OSError):
            raise ArchiveError(
                "不是完整的 zip 文件（文件损坏或被截断）/ not a complete zip file (damaged or truncated)",
                where,
            ) from None
        self.manifest = self._manifest(where)
        self.members = self._members()

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.zip.close()

    def _manifest(self, where: str) -> dict[str, Any]:
        try:
            info = self.zip.getinfo(MANIFEST)
        except KeyError:
            raise ArchiveError(
                f"没有 {MANIFEST}：这不是协商的{KIND_NAMES[self.kind]} / not a Xieshang archive", where
            ) from None
        if info.file_size > MANIFEST_MAX_BYTES:
            raise ArchiveError(f"{MANIFEST} 过大 / too large", where)
        try:
            manifest = json.loads(self.zip.read(info))
        except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError):
            raise ArchiveError(f"{MANIFEST} 无法读取（损坏）/ unreadable", f"{where}:{MANIFEST}") from None
        found = manifest.get("format") if isinstance(manifest, dict) else None
        if found != self.kind:
            other = KIND_NAMES.get(str(found))
            hint = f"它是{other}" if other else "它不是协商写的文件"
            raise ArchiveError(
                f"需要{KIND_NAMES[self.kind]}，{hint} / expected a {self.kind}, got {found!r}",
                f"{where}:{MANIFEST}.format",
            )
        version = manifest.get("version")
        if not isinstance(version, int) or version > VERSION:
            raise ArchiveError(
                f"格式版本 {version!r} 比这个程序新，请先升级协商 / made by a newer version",
                f"{where}:{MANIFEST}.version",
            )
        return manifest

    def _members(self) -> list[Member]:
        raw = self.manifest.get("members")
        if not isinstance(raw, list):
            raise ArchiveError("清单没有成员列表 / no member list", f"{MANIFEST}.members")
        members = []
        for index, item in enumerate(raw):
            where = f"{MANIFEST}.members[{index}]"
            if not (
                isinstance(item, dict)
                and isinstance(item.get("path"), str)
                and isinstance(item.get("size"), int)
                and isinstance(item.get("sha256"), str)
            ):
                raise ArchiveError("清单的这一项不完整 / incomplete entry", where)
            members.append(Member(check_path(item["path"]), item["size"], item["sha256"]))
        if self.manifest.get("content") != content_digest(members):
            raise ArchiveError(
                "清单的内容哈希与成员列表不符（清单被改动过）/ the manifest's content hash disagrees",
                f"{MANIFEST}.content",
            )
        return members

    def verify(self) -> None:
        """Every listed member present with its size and SHA-256, nothing unlisted; else :class:`ArchiveError`."""
        listed = {m.path: m for m in self.members}
        names = [i.filename for i in self.zip.infolist() if not i.is_dir()]
        if len(names) != len(set(names)):
            raise ArchiveError("压缩包里有重名的成员 / duplicate members", self.source.name)
        for name in names:
            if name != MANIFEST and name not in listed:
                raise ArchiveError("清单没有列出这个成员（压缩包被改动过）/ not in the manifest", name)
        for member in self.members:
            self._check(member)

    def _check(self, member: Member) -> None:
        digest, size = hashlib.sha256(), 0
        for chunk in self.chunks(member.path):
            digest.update(chunk)
            size += len(chunk)
        if size != member.size or digest.hexdigest() != member.sha256:
            raise ArchiveError(
                "内容与清单记录的大小或 SHA-256 不符（文件损坏或被改动过）/ size or SHA-256 differs",
                member.path,
            )

    def chunks(self, path: str) -> Iterator[bytes]:
        try:
            info = self.zip.getinfo(path)
        except KeyError:
            raise ArchiveError("清单列出的成员不在压缩包里（文件不完整）/ listed but missing", path) from None
        try:
            with self.zip.open(info) as handle:
                yield from iter(lambda: handle.read(CHUNK), b"")
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile):
            raise ArchiveError("无法读出这个成员（文件损坏或被截断）/ unreadable member", path) from None

    def read(self, path: str) -> bytes:
        return b"".join(self.chunks(path))

    def paths(self, prefix: str = "") -> list[str]:
        return [m.path for m in self.members if m.path.startswith(prefix)]

    def extract(self, path: str, target: Path) -> None:
        """Copy member ``path`` to ``target`` (created ``0600``, fsynced), checking its hash again as it goes."""
        member = next(m for m in self.members if m.path == path)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        digest = hashlib.sha256()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            for chunk in self.chunks(path):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != member.sha256:
            raise ArchiveError("解压出的内容与清单不符 / extracted content differs", path)

    def open_member(self, path: str) -> IO[bytes]:
        return self.zip.open(path)
