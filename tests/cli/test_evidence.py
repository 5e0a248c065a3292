"""``xieshang evidence add / verify / bundle``: exit 0 intact, 1 tampered (first bad entry named), 2 bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xieshang.cli import app

runner = CliRunner()
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x11" * 40


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    for name, content, text in [
        ("call.mp3", MP3, "22:30 来电录音"),
        ("sms.txt", "您已逾期，将联系您的家人。\n".encode(), "短信原文"),
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        result = runner.invoke(
            app, ["evidence", "add", str(path), "-d", text, "--case", "c1", "--data-dir", str(directory)]
        )
        assert result.exit_code == 0, result.output
        assert "已登记" in result.output
    return directory


def test_add_then_verify_passes(data: Path) -> None:
    result = runner.invoke(app, ["evidence", "verify", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert "完好：2 条记录" in result.output


def test_add_refuses_unsupported_content_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "virus.mp3"
    path.write_bytes(b"MZ\x90\x00" + b"\x00" * 20)
    result = runner.invoke(app, ["evidence", "add", str(path), "-d", "x", "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "不支持的文件类型" in result.output


def test_add_of_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["evidence", "add", str(tmp_path / "nope.mp3"), "-d", "x", "--data-dir", str(tmp_path)]
    )
    assert result.exit_code == 2 and "文件不存在" in result.output


def test_changed_file_exits_1_naming_the_entry(data: Path) -> None:
    blob = next(p for p in (data / "evidence" / "blobs").rglob("*") if p.is_file() and p.read_bytes() == MP3)
    blob.write_bytes(MP3[:-1] + b"\x12")
    result = runner.invoke(app, ["evidence", "verify", "--data-dir", str(data), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["problems"][0]["seq"] == 1 and report["problems"][0]["kind"] == "altered_file"


def test_changed_ledger_field_exits_1(data: Path) -> None:
    ledger = data / "evidence" / "ledger.jsonl"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("短信原文", "普通短信"), encoding="utf-8")
    result = runner.invoke(app, ["evidence", "verify", "--data-dir", str(data)])
    assert result.exit_code == 1
    assert "第 2 条记录" in result.output


def test_verify_without_a_ledger_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evidence", "verify", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "没有证据账本" in result.output


def test_bundle_then_verify_it_then_tamper_it(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    result = runner.invoke(
        app, ["evidence", "bundle", "-o", str(out), "--case", "c1", "--data-dir", str(data)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["evidence", "verify", "--bundle", str(out)])
    assert result.exit_code == 0, result.output
    raw = bytearray(out.read_bytes())
    raw[raw.index(b"ID3") + 20] ^= 0x01  # one byte of the stored recording (kept uncompressed: no gain)
    out.write_bytes(bytes(raw))
    result = runner.invoke(app, ["evidence", "verify", "--bundle", str(out)])
    assert result.exit_code == 1, result.output
    assert "第 1 条记录" in result.output


def test_verify_of_something_that_is_not_a_bundle_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"hello")
    result = runner.invoke(app, ["evidence", "verify", "--bundle", str(path)])
    assert result.exit_code == 2 and "不是 zip" in result.output
