"""Unknown, empty, corrupt and wrong-encoding files: one clear error, nothing imported."""

from __future__ import annotations

import pytest

from xieshang.importers.detect import import_bytes
from xieshang.importers.errors import BillImportError

from .helpers import fuzz, sample


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "空"),
        (b"   \n", "空"),
        (b"hello,world\n1,2\n", "无法识别"),
        (b"PK\x03\x04not really a zip", "损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1garbage", "损坏"),
        (b"%PDF-1.7 ...", "PDF"),
        ("交易时间,交易分类\n".encode("utf-16"), "UTF-16"),
        (b"\x00\x01\x02\x03", "不是文本"),
    ],
)
def test_bad_files(data: bytes, words: str) -> None:
    with pytest.raises(BillImportError, match=words):
        import_bytes(data, "x.csv")


def test_wrong_encoding_inside_the_file() -> None:
    """A UTF-8 Alipay file with GBK bytes pasted far into it (past the sniffed head) is refused, not half-read."""
    text = sample("deb-sig-examples/alipay/example-alipay-records.csv").decode("gbk")
    data = text.encode("utf-8") + b"\n" * 70000 + "交易".encode("gbk") + b",x\n"
    with pytest.raises(BillImportError, match="编码"):
        import_bytes(data)


def test_message_names_the_file() -> None:
    with pytest.raises(BillImportError, match=r"bill\.csv"):
        import_bytes(b"a,b\n", "bill.csv")


test_fuzz_any = fuzz(import_bytes, sample("deb-sig-examples/wechat/example-wechat-records.csv"))


def test_a_gbk_character_cut_at_the_sniffed_boundary_is_not_a_wrong_encoding() -> None:
    """The encoding is judged on the first 64 KiB (65,536 bytes). A GBK export whose 65,536th byte is the first
    half of a two-byte character was refused as 'neither UTF-8 nor GBK'; it is GBK and imports. Here the sample
    Alipay export, its data rows repeated past 64 KiB, with its first line (dashes) lengthened until the cut falls
    inside a character (the 1,000,000-row benchmark file hit this with 100,000 rows)."""
    text = sample("deb-sig-examples/alipay/example-alipay-records.csv").decode("gbk")
    lines = text.splitlines(keepends=True)
    first_row = next(i for i, line in enumerate(lines) if line.startswith("交易时间")) + 1
    rows = lines[first_row : first_row + 3]
    for pad in range(300):
        body = [("-" * pad) + lines[0], *lines[1:first_row], *rows * 400]
        data = "".join(body).encode("gbk")
        try:
            data[:65536].decode("gbk")
        except UnicodeDecodeError:
            break
    else:  # pragma: no cover - the rows hold two-byte characters, so some padding cuts one
        raise AssertionError("no padding cut a character")
    result = import_bytes(data, "x.csv")
    assert result.format == "alipay" and len(result.transactions) + len(result.skipped) == 1200
