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
