"""``xieshang docs render`` and ``xieshang docs package``: files out, exit 2 with one message on bad input."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from xieshang.cli import app

runner = CliRunner()
DEMO = str(resources.files("xieshang").joinpath("data/demo-case.yaml"))

CASE = """\
version: 1
as_of: 2026-11-28
borrower: {name: 赵六, id_number: "110101199001011234", phone: "13900000000"}
debts:
  - {id: a1, creditor: 甲银行, lender_type: bank, principal: "12000", start_date: 2026-01-10,
     term_months: 12, method: equal_installment, annual_rate: 12}
  - {id: b1, creditor: 乙平台, lender_type: online_platform, principal: "5000", start_date: 2026-03-01,
     term_months: 6, method: equal_installment, annual_rate: 24}
materials:
  hardship: {reasons: [失业], description: "公司裁员 <b>&</b> {{ x }}"}
  items:
    - {id: id_card, obtained: 2026-11-01, files: [ev-1]}
"""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def test_render_docx_for_one_creditor(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "app.docx"
    result = runner.invoke(
        app,
        [
            "docs",
            "render",
            str(case_file),
            "--document",
            "application",
            "--creditor",
            "甲银行",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "致：甲银行" in text and "困难原因：失业" in text and "公司裁员 <b>&</b> {{ x }}" in text
    assert "110***********1234" in text


def test_render_pdf_of_the_demo_case(tmp_path: Path) -> None:
    out = tmp_path / "fs.pdf"
    result = runner.invoke(
        app, ["docs", "render", DEMO, "--document", "financial_statement", "--format", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_show_id_prints_the_full_number(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    args = [
        "docs",
        "render",
        str(case_file),
        "--document",
        "hardship",
        "--creditor",
        "a1",
        "--format",
        "html",
    ]
    result = runner.invoke(app, [*args, "--show-id", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "110101199001011234" in out.read_text(encoding="utf-8")


def test_package(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.zip"
    result = runner.invoke(app, ["docs", "package", str(case_file), "--creditor", "乙平台", "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist()
    assert "01-协商还款申请书.pdf" in names and "04-还款计划书.docx" in names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--document", "letter"], "没有这种文书"),
        (["--document", "application", "--creditor", "丙"], "没有债权人或借款"),
        (["--document", "application"], "请指定"),
        (["--document", "hardship", "--creditor", "a1", "--format", "odt"], "--format"),
        (["--document", "hardship", "--creditor", "a1", "--as-of", "昨天"], "--as-of"),
    ],
)
def test_bad_input_exits_2_with_one_message(
    case_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["docs", "render", str(case_file), *args, "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_broken_case_file_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(CASE.replace("reasons: [失业]", "reasons: [破产]"), encoding="utf-8")
    result = runner.invoke(
        app, ["docs", "package", str(bad), "--creditor", "甲银行", "-o", str(tmp_path / "x.zip")]
    )
    assert result.exit_code == 2
    assert "materials.hardship.reasons[0]" in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["docs", "package", str(tmp_path / "none.yaml"), "--creditor", "x", "-o", "x.zip"]
    )
    assert result.exit_code == 2 and "找不到案件文件" in result.output


def test_evidence_index_from_the_data_directory(case_file: Path, tmp_path: Path) -> None:
    from xieshang.evidence.store import EvidenceStore

    store = EvidenceStore.of_case(tmp_path / "data", "case-one")
    store.add(
        b"call log text",
        description="夜间来电记录",
        name="calls.txt",
        debt_id="a1",
        recorded_at="2026-11-20T23:40:00+08:00",
    )
    store.add(
        b"other case",
        description="别的借款",
        name="x.txt",
        debt_id="zz",
        recorded_at="2026-11-21T10:00:00+08:00",
    )
    out = tmp_path / "e.docx"
    args = [
        "docs",
        "render",
        str(case_file),
        "--document",
        "evidence_index",
        "--data-dir",
        str(tmp_path / "data"),
    ]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    rows = [" | ".join(c.text for c in row.cells) for row in document.tables[0].rows]
    assert len(rows) == 2 and rows[1].startswith(
        "1 | 夜间来电记录 | 文本记录（原文件名 calls.txt） | 2026-11-20 23:40:00+08:00"
    )
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert f"证据账本：2 条记录，链尾哈希 {store.verify().head_hash}" in footer  # the ledger's anchor
    result = runner.invoke(app, [*args[:-1], str(tmp_path / "nothing"), "-o", str(out)])
    assert result.exit_code == 2 and "0 个证据账本" in result.output
    EvidenceStore.of_case(tmp_path / "data", "case-two").add(b"x", description="另一个案件")
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 2 and "--ledger" in result.output
    assert runner.invoke(app, [*args, "--ledger", "case-one", "-o", str(out)]).exit_code == 0
