"""``xieshang evidence add / verify / bundle / repair`` as a person runs them, on a real data directory (its
SQLite database holds each case's ledger anchor): exit 0 intact, 1 changed (the first bad entry or the anchor
that disagrees is named), 2 bad input."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.evidence.forgery import backdate, dump, parse

XIESHANG = str(Path(sys.executable).with_name("xieshang"))
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x11" * 40
ENV = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [XIESHANG, *args], capture_output=True, text=True, env=ENV, timeout=120, input=stdin
    )


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the demo case (case 1) and two evidence files recorded from the command line."""
    root = tmp_path_factory.mktemp("evidence-cli")
    data = root / "data"
    assert run("demo", "--data-dir", str(data)).returncode == 0
    for name, content, text in [
        ("call.mp3", MP3, "22:30 来电录音"),
        ("sms.txt", "您已逾期，将联系您的家人。\n".encode(), "短信原文"),
    ]:
        path = root / name
        path.write_bytes(content)
        done = run("evidence", "add", str(path), "-d", text, "--case", "1", "--data-dir", str(data))
        assert done.returncode == 0, done.stderr
        assert "已登记" in done.stdout
    return data


@pytest.fixture
def data(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(pristine, copy)
    return copy


def ledger_of(data: Path) -> Path:
    (path,) = (data / "evidence" / "cases").glob("*/ledger.jsonl")
    return path


def test_add_then_verify_passes(data: Path) -> None:
    done = run("evidence", "verify", "--data-dir", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "完好：2 条记录" in done.stdout and "案件 1" in done.stdout


def test_add_refuses_unsupported_content_with_exit_2(data: Path, tmp_path: Path) -> None:
    path = tmp_path / "virus.mp3"
    path.write_bytes(b"MZ\x90\x00" + b"\x00" * 20)
    done = run("evidence", "add", str(path), "-d", "x", "--case", "1", "--data-dir", str(data))
    assert done.returncode == 2 and "不支持的文件类型" in done.stderr


def test_add_of_a_missing_file_or_to_no_such_case_is_exit_2(data: Path, tmp_path: Path) -> None:
    done = run("evidence", "add", str(tmp_path / "nope.mp3"), "-d", "x", "--data-dir", str(data))
    assert done.returncode == 2 and "文件不存在" in done.stderr
    path = tmp_path / "a.txt"
    path.write_text("短信\n", encoding="utf-8")
    done = run("evidence", "add", str(path), "-d", "x", "--case", "99", "--data-dir", str(data))
    assert done.returncode == 2 and "没有案件" in done.stderr


def test_changed_file_exits_1_naming_the_entry(data: Path) -> None:
    """The file is sealed at rest (AES-GCM): a changed byte on disk no longer opens, and verify names it."""
    name = hashlib.sha256(MP3).hexdigest()
    blob = next(p for p in (data / "evidence").rglob(name) if p.is_file())
    stored = blob.read_bytes()
    assert MP3 not in stored
    blob.write_bytes(stored[:-1] + bytes([stored[-1] ^ 1]))
    done = run("evidence", "verify", "--data-dir", str(data), "--json")
    assert done.returncode == 1
    (report,) = json.loads(done.stdout)
    assert report["problems"][0]["seq"] == 1 and report["problems"][0]["kind"] == "altered_file"


def test_changed_ledger_field_exits_1(data: Path) -> None:
    ledger = ledger_of(data)
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("短信原文", "普通短信"), encoding="utf-8")
    done = run("evidence", "verify", "--data-dir", str(data))
    assert done.returncode == 1 and "第 2 条记录" in done.stdout


def test_a_recomputed_chain_is_caught_by_the_database_anchor_and_a_letters_anchor(data: Path) -> None:
    head = json.loads(run("evidence", "verify", "--data-dir", str(data), "--json").stdout)[0]["head_hash"]
    assert run("evidence", "verify", "--anchor", head, "--data-dir", str(data)).returncode == 0
    assert (
        run("evidence", "verify", "--anchor", head[:16], "--entries", "2", "--data-dir", str(data)).returncode
        == 0
    )
    ledger = ledger_of(data)
    ledger.write_bytes(dump(backdate(parse(ledger.read_bytes()), 2)))  # backdated, every hash recomputed
    done = run("evidence", "verify", "--data-dir", str(data))
    assert done.returncode == 1 and "数据库" in done.stdout and "锚点" in done.stdout
    done = run("evidence", "verify", "--anchor", head, "--data-dir", str(data))
    assert done.returncode == 1 and head[:16] in done.stdout


def test_a_bad_anchor_value_is_exit_2(data: Path) -> None:
    done = run("evidence", "verify", "--anchor", "not-a-hash", "--data-dir", str(data))
    assert done.returncode == 2 and "--anchor" in done.stderr


def test_verify_without_a_ledger_is_bad_input(tmp_path: Path) -> None:
    assert run("demo", "--data-dir", str(tmp_path / "d")).returncode == 0
    done = run("evidence", "verify", "--data-dir", str(tmp_path / "d"))
    assert done.returncode == 2 and "没有证据账本" in done.stderr


def test_bundle_then_verify_it_then_tamper_it(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    done = run("evidence", "bundle", "-o", str(out), "--case", "1", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    done = run("evidence", "verify", "--bundle", str(out))
    assert done.returncode == 0, done.stdout
    raw = bytearray(out.read_bytes())
    raw[raw.index(b"ID3") + 20] ^= 0x01  # one byte of the stored recording (kept uncompressed: no gain)
    out.write_bytes(bytes(raw))
    done = run("evidence", "verify", "--bundle", str(out))
    assert done.returncode == 1 and "第 1 条记录" in done.stdout


def test_repair_shows_and_cuts_a_half_written_last_line_and_nothing_else(data: Path) -> None:
    ledger = ledger_of(data)
    whole = ledger.read_bytes()
    ledger.write_bytes(whole + b'{"seq": 3, "prev_ha')
    done = run("evidence", "verify", "--data-dir", str(data))
    assert done.returncode == 1 and "没有写完整" in done.stdout
    refused = run("evidence", "repair", "--case", "1", "--data-dir", str(data), stdin="n\n")
    assert refused.returncode == 1 and '{"seq": 3, "prev_ha' in refused.stdout
    assert ledger.read_bytes().endswith(b'"prev_ha')
    done = run("evidence", "repair", "--case", "1", "--yes", "--data-dir", str(data))
    assert done.returncode == 0 and '{"seq": 3, "prev_ha' in done.stdout
    assert ledger.read_bytes() == whole
    assert run("evidence", "verify", "--data-dir", str(data)).returncode == 0
    again = run("evidence", "repair", "--case", "1", "--yes", "--data-dir", str(data))
    assert again.returncode == 0 and "无需修复" in again.stdout


def test_verify_of_something_that_is_not_a_bundle_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"hello")
    done = run("evidence", "verify", "--bundle", str(path))
    assert done.returncode == 2 and "不是 zip" in done.stderr


def test_the_head_a_letter_prints_is_checked_against_the_ledger(data: Path, tmp_path: Path) -> None:
    """Render a letter from the demo case file with the data directory's ledger: its footer prints the count
    and head; `verify --anchor` accepts that head, and refuses it once an entry before it is backdated and the
    chain recomputed (the chain then checks out on its own)."""
    from docx import Document

    from xieshang.cases.demo import demo_text

    case_file = tmp_path / "demo.yaml"
    case_file.write_text(demo_text(), encoding="utf-8")
    (key,) = [p.name for p in (data / "evidence" / "cases").iterdir()]
    letter = tmp_path / "hardship.docx"
    done = run(
        "docs", "render", str(case_file), "--document", "hardship", "--creditor", "jiebei",
        "--data-dir", str(data), "--ledger", key, "-o", str(letter),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    footer = " ".join(p.text for p in Document(str(letter)).sections[0].footer.paragraphs)
    printed = re.search(r"证据账本：(\d+) 条记录，链尾哈希 ([0-9a-f]{64})", footer)
    assert printed, footer
    count, head = printed.groups()
    assert (
        run("evidence", "verify", "--anchor", head, "--entries", count, "--data-dir", str(data)).returncode
        == 0
    )
    ledger = ledger_of(data)
    ledger.write_bytes(dump(backdate(parse(ledger.read_bytes()), 1)))  # every hash recomputed after it
    refused = run("evidence", "verify", "--anchor", head, "--data-dir", str(data))
    assert refused.returncode == 1 and head[:16] in refused.stdout
