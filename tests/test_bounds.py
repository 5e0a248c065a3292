"""What reading a file may cost (bounds.py): YAML without aliases and within depth, node and size bounds; JSON
within the depth bound; spreadsheets counted before they are parsed; a time budget that says where it stopped."""

from __future__ import annotations

import io

import openpyxl
import pytest
import yaml

from xieshang import bounds
from xieshang.bounds import Deadline, InputRefused, check_spreadsheet, load_json, load_yaml

from .web.hostile.bombs import ALIAS_BOMB, xlsx_bomb


def workbook(rows: int, columns: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(rows):
        sheet.append([f"交易{r}-{c}" for c in range(columns)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_plain_yaml_loads_and_anchors_without_aliases_are_fine() -> None:
    assert load_yaml("a: &x 1\nb: [1, 2]\n") == {"a": 1, "b": [1, 2]}


def test_an_alias_is_refused_at_its_line_and_column() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as info:
        load_yaml(ALIAS_BOMB)
    assert info.value.problem_mark is not None and info.value.problem_mark.line + 1 == 2
    assert "别名" in str(info.value.problem)


def test_depth_and_node_and_size_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(yaml.MarkedYAMLError, match="嵌套太深"):
        load_yaml("a: " + "[" * (bounds.MAX_DEPTH + 1) + "]" * (bounds.MAX_DEPTH + 1))
    monkeypatch.setattr(bounds, "MAX_NODES", 50)
    with pytest.raises(yaml.MarkedYAMLError, match="值太多"):
        load_yaml("[" + ", ".join(["1"] * 60) + "]")
    with pytest.raises(InputRefused, match="文件太大"):
        load_yaml("x" * (bounds.MAX_TEXT_CHARS + 1))


def test_json_depth_is_bounded_even_below_the_recursion_limit() -> None:
    assert load_json('{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}
    with pytest.raises(InputRefused, match="嵌套太深"):
        load_json("[" * (bounds.MAX_DEPTH + 5) + "]" * (bounds.MAX_DEPTH + 5))
    with pytest.raises(InputRefused, match="嵌套太深"):
        load_json("[" * 100_000 + "]" * 100_000)


def test_an_ordinary_workbook_passes_the_check() -> None:
    check_spreadsheet(workbook(200, 8))
    check_spreadsheet(b"date,amount\n2026-01-01,1.00\n")  # not a zip: nothing to count


def test_a_workbook_that_unpacks_too_far_is_refused() -> None:
    with pytest.raises(InputRefused, match="解压后过大"):
        check_spreadsheet(xlsx_bomb())


def test_a_workbook_with_too_many_cells_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """200 rows × 8 columns = 1,600 cells against a bound of 1,000."""
    monkeypatch.setattr(bounds, "MAX_CELLS", 1000)
    with pytest.raises(InputRefused, match="超过 1,000 个单元格"):
        check_spreadsheet(workbook(200, 8))
    monkeypatch.setattr(bounds, "_CHUNK", 7)  # read in 7-byte blocks: cell tags split across blocks
    monkeypatch.setattr(bounds, "MAX_CELLS", 1600)
    check_spreadsheet(workbook(200, 8))  # exactly at the bound: each cell counted once
    monkeypatch.setattr(bounds, "MAX_CELLS", 1599)
    with pytest.raises(InputRefused):
        check_spreadsheet(workbook(200, 8))


def test_a_spent_deadline_names_where_it_stopped() -> None:
    deadline = Deadline(0.0)
    with pytest.raises(InputRefused, match="第 1000 行"):
        deadline.check("第 1000 行")
