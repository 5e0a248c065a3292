"""What reading a file may cost: limits on YAML, JSON and spreadsheets before and while they are parsed.

A person's file is read within bounds, so a small hostile file cannot hold a server for minutes or take its
memory: a 634-byte YAML file whose aliases expand to 43 MB, a 100 KB .xlsx that unpacks to 22 MB of XML.

- YAML: no aliases (``*name``: the expansion bomb needs them and case files never do), nesting at most
  :data:`MAX_DEPTH` deep, at most :data:`MAX_NODES` values, at most :data:`MAX_TEXT_CHARS` characters, and
  at most :data:`PARSE_SECONDS` of parsing.
- JSON: the same size and depth bounds.
- Spreadsheets (.xlsx is a zip of XML): the unpacked size, the packing ratio and the number of cells are
  counted by streaming the zip, before any spreadsheet library parses it.

Every refusal is a :class:`InputRefused` with a message in both languages (``中文 / English``) that says
where and what; the callers put the file's name in front.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
import zlib
from decimal import Decimal
from typing import Any

import yaml

from xieshang.core.errors import XieshangError

MAX_TEXT_CHARS = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
PARSE_SECONDS = 5.0

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKING_RATIO = 100  # judged once the unpacked size passes RATIO_FROM_BYTES (tiny files pack very well)
RATIO_FROM_BYTES = 10 * 1024 * 1024
MAX_CELLS = 500_000  # e.g. 25,000 rows × 20 columns: years of a busy account's bills
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CHUNK = 1 << 20


class InputRefused(XieshangError):
    """A file refused because reading it would cost too much (see the module docstring)."""


class Deadline:
    """A time budget for one parse; :meth:`check` raises :class:`InputRefused` once it is spent."""

    def __init__(self, seconds: float = PARSE_SECONDS) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self, where: str = "") -> None:
        if time.monotonic() > self.ends:
            at = f"（读到{where}）" if where else ""
            at_en = f" (stopped at {where})" if where else ""
            raise InputRefused(
                f"文件太复杂，{self.seconds:g} 秒内没有读完{at} / "
                f"the file is too complex to read within {self.seconds:g} s{at_en}"
            )


def check_text_size(text: str, limit: int = MAX_TEXT_CHARS) -> None:
    if len(text) > limit:
        raise InputRefused(
            f"文件太大：{len(text):,} 个字符，最多 {limit:,} / file too large: {len(text):,} characters, "
            f"at most {limit:,}"
        )


def _refused(problem: str, mark: Any) -> yaml.MarkedYAMLError:
    return yaml.MarkedYAMLError(problem=problem, problem_mark=mark)


class BoundedSafeLoader(yaml.SafeLoader):
    """YAML's safe loader that refuses aliases and stops at the depth, node and time bounds.

    A refusal is a ``yaml.MarkedYAMLError`` with the line and column, so callers report it like any YAML
    error. Subclass it the way ``yaml.SafeLoader`` is subclassed (constructors, resolvers).
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0
        self._deadline = Deadline()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _refused(
                "不允许使用 YAML 别名（*名称） / YAML aliases (*name) are not allowed", event.start_mark
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _refused(
                f"值太多（最多 {MAX_NODES:,} 个） / too many values (at most {MAX_NODES:,})", event.start_mark
            )
        if self._depth >= MAX_DEPTH:
            raise _refused(
                f"嵌套太深（最多 {MAX_DEPTH} 层） / nested too deep (at most {MAX_DEPTH} levels)",
                event.start_mark,
            )
        if self._nodes % 256 == 0:
            try:
                self._deadline.check()
            except InputRefused as error:
                raise _refused(str(error), event.start_mark) from None
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(text: str, loader: type[BoundedSafeLoader] = BoundedSafeLoader) -> Any:
    """``yaml.load`` within the bounds (raises ``yaml.YAMLError`` with a mark, or :class:`InputRefused`)."""
    check_text_size(text)
    return yaml.load(text, Loader=loader)  # a SafeLoader subclass: builds plain values only


def load_json(text: str, parse_float: Any = Decimal, object_pairs_hook: Any = None) -> Any:
    """``json.loads`` within the size and depth bounds (raises ``json.JSONDecodeError`` or
    :class:`InputRefused`)."""
    check_text_size(text)
    try:
        data = json.loads(text, parse_float=parse_float, object_pairs_hook=object_pairs_hook)
    except RecursionError:
        raise InputRefused(
            f"嵌套太深（最多 {MAX_DEPTH} 层） / nested too deep (at most {MAX_DEPTH} levels)"
        ) from None
    if _depth(data) > MAX_DEPTH:
        raise InputRefused(f"嵌套太深（最多 {MAX_DEPTH} 层） / nested too deep (at most {MAX_DEPTH} levels)")
    return data


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, level)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, level + 1) for child in children)
    return deepest


def check_spreadsheet(data: bytes) -> None:
    """Refuse an .xlsx (a zip) that unpacks too far or holds too many cells, counted before parsing it.

    Not a zip (a legacy .xls, a CSV): nothing to check here. A damaged zip is left to the parser's own message.
    """
    if not data.startswith(b"PK\x03\x04"):
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return
    with archive:
        infos = archive.infolist()
        declared = sum(i.file_size for i in infos)
        _check_unpacked(declared, len(data))
        cells, unpacked = 0, 0
        for info in infos:
            if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
                unpacked += info.file_size
                continue
            try:
                with archive.open(info) as member:
                    tail = b""
                    while block := member.read(_CHUNK):
                        unpacked += len(block)
                        _check_unpacked(unpacked, len(data))
                        cells += len(_CELL_TAG.findall(tail + block))
                        tail = block[-16:]
                        cells -= len(_CELL_TAG.findall(tail))  # counted again with the next block
                        if cells > MAX_CELLS:
                            raise InputRefused(
                                f"表格太大：超过 {MAX_CELLS:,} 个单元格，请按时间分几次导出 / "
                                f"spreadsheet too large: more than {MAX_CELLS:,} cells; export it in parts"
                            )
                    cells += len(_CELL_TAG.findall(tail))
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
                return  # damaged or encrypted: the parser says so in its own words


def _check_unpacked(unpacked: int, packed: int) -> None:
    if unpacked > MAX_UNPACKED_BYTES or (
        unpacked > RATIO_FROM_BYTES and unpacked > MAX_PACKING_RATIO * max(packed, 1)
    ):
        raise InputRefused(
            f"表格文件解压后过大（{packed / 1_048_576:.1f} MB 的文件展开超过 {unpacked / 1_048_576:.0f} MB），"
            f"可能已损坏或是恶意文件 / the spreadsheet unpacks too far ({packed / 1_048_576:.1f} MB becomes more "
            f"than {unpacked / 1_048_576:.0f} MB): damaged or hostile"
        )
