"""A whole case file: YAML or JSON text ↔ :class:`~xieshang.core.case.Case`.

Validation reports *every* problem at once, each located (``debts[2].annual_rate: 必须是 ≥ 0 的数字 / must be a
number ≥ 0``). :func:`dump_case` writes back what :func:`load_case_text` reads: ``load(dump(x)) == x``.
Unknown top-level keys are errors. Each debt's negotiation status travels in its ``extra.status``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from xieshang.bounds import BoundedSafeLoader, InputRefused, load_json, load_yaml
from xieshang.core.agreements import reference_problems
from xieshang.core.bilingual import Text
from xieshang.core.case import Case
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.terms import Loan
from xieshang.core.vocabulary import NegotiationStatus

from .debts import borrower_to_dict, debt_to_dict, read_borrower, read_debts
from .reader import Reader
from .sections import SECTIONS

SCHEMA_VERSION = 1
TOP_KEYS = ("version", "as_of", "borrower", "debts")
STATUS_KEY = "status"  # a debt's negotiation status, in its ``extra`` mapping


def _statuses(
    case_debts: list[Loan], errors: list[FieldError]
) -> tuple[list[Loan], dict[str, NegotiationStatus]]:
    """Each debt's ``extra.status`` taken out into the case's statuses (an unknown status is an error)."""
    statuses: dict[str, NegotiationStatus] = {}
    debts = []
    for index, loan in enumerate(case_debts):
        extra = dict(loan.extra)
        value = extra.pop(STATUS_KEY, None)
        if value is not None:
            try:
                statuses[loan.id] = NegotiationStatus(value)
            except ValueError:
                shown = " | ".join(NegotiationStatus)
                errors.append(
                    FieldError(
                        f"debts[{index}].extra.status",
                        Text(f"必须是 {shown} 之一", f"must be one of {shown}"),
                    )
                )
        debts.append(loan if value is None else _with_extra(loan, extra))
    return debts, statuses


def _with_extra(loan: Loan, extra: dict[str, str]) -> Loan:
    return replace(loan, extra=extra)


def case_from_data(data: Any, source_name: str = "") -> Case:
    """A case from already-parsed data (YAML or JSON); raises :class:`ValidationError` with every problem."""
    errors: list[FieldError] = []
    if not isinstance(data, Mapping):
        raise ValidationError(
            Text("案件文件的顶层必须是一组字段", "the case file must be a mapping at the top"), source_name
        )
    read = Reader(data, "", errors)
    read.unknown((*TOP_KEYS, *(s.name for s in SECTIONS)))
    version = read.integer("version", 1, 10**6, required=True)
    if version is not None and version > SCHEMA_VERSION:
        read.error(
            "version",
            Text(
                f"本程序只认识第 {SCHEMA_VERSION} 版及以前的案件文件，请升级",
                f"this program reads versions up to {SCHEMA_VERSION}",
            ),
        )
    as_of = read.day("as_of")
    borrower = read_borrower(data.get("borrower"), errors)
    if data.get("debts") is None:
        read.missing("debts")
    debts, statuses = _statuses(read_debts(read.sequence("debts"), errors), errors)
    values: dict[str, Any] = {}
    for section in SECTIONS:
        if data.get(section.name) is None:
            continue
        try:
            values[section.field] = section.load(data[section.name], section.name)
        except ValidationError as error:
            errors.extend(error.errors)
    if "agreements" in values:
        errors.extend(reference_problems(values["agreements"], {d.id: d for d in debts}))
    if errors or borrower is None:
        raise ValidationError(errors)
    return Case(
        borrower=borrower,
        debts=tuple(debts),
        as_of=as_of,
        version=version or SCHEMA_VERSION,
        statuses=statuses,
        **values,
    )


def sections_of(case: Case) -> dict[str, Any]:
    """The case's sections as case-file data, by name (sections it does not have are left out)."""
    out: dict[str, Any] = {}
    for section in SECTIONS:
        value = getattr(case, section.field)
        if value is not None and value != section.empty:
            out[section.name] = section.dump(value)
    return out


def dump_case(case: Case) -> dict[str, Any]:
    """The case as plain, JSON-ready data (dates as ISO strings, money as "0.00" strings, rates as percents)."""
    out: dict[str, Any] = {"version": case.version}
    if case.as_of is not None:
        out["as_of"] = case.as_of.isoformat()
    out["borrower"] = borrower_to_dict(case.borrower)
    debts = []
    for loan in case.debts:
        item = debt_to_dict(loan)
        if loan.id in case.statuses:
            item["extra"] = {**item.get("extra", {}), STATUS_KEY: case.statuses[loan.id].value}
        debts.append(item)
    out["debts"] = debts
    out.update(sections_of(case))
    return out


class _CaseLoader(BoundedSafeLoader):
    """YAML's safe loader with dates left as text, so an impossible date is a located error, not a crash; within
    the bounds of :mod:`xieshang.bounds` (no aliases, depth, size, time)."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


_CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


class _KeyTwice(yaml.constructor.ConstructorError):
    """A key given twice in one YAML mapping; carries its message in both languages."""

    def __init__(self, key: Any, mark: Any) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", mark)
        self.text = Text(f"字段 {key!r} 写了两次", f"duplicate key {key!r}")


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A YAML mapping; a key given twice is a located error (YAML would silently keep the last one)."""
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise _KeyTwice(key, key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_CaseLoader.add_constructor("tag:yaml.org,2002:map", _mapping_without_duplicates)


def _json_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise ValidationError(Text(f"字段 {twice[0]!r} 写了两次", f"duplicate key {twice[0]!r}"))
    return dict(pairs)


def _yaml_error(error: yaml.YAMLError, source_name: str) -> ValidationError:
    mark = getattr(error, "problem_mark", None)
    where = (
        Text(
            f"第 {mark.line + 1} 行第 {mark.column + 1} 列：",
            f"line {mark.line + 1}, column {mark.column + 1}: ",
        )
        if mark
        else Text("", "")
    )
    # the bounds' refusals say both languages in one "中文 / English" string: split at their one source
    problem = (
        error.text if isinstance(error, _KeyTwice) else Text.split(getattr(error, "problem", None) or "")
    )
    return ValidationError(
        Text("YAML 格式错误：", "not valid YAML: ") + where + (problem or str(error).splitlines()[0]),
        source_name,
    )


def parse_text(text: str, source_name: str = "") -> Any:
    """The data of a YAML or JSON case file (JSON when the name ends in .json or the text starts with {)."""
    if source_name.lower().endswith(".json") or text.lstrip().startswith("{"):
        try:
            return load_json(text, object_pairs_hook=_json_without_duplicates)
        except json.JSONDecodeError as error:
            raise ValidationError(
                Text(
                    f"JSON 格式错误：第 {error.lineno} 行第 {error.colno} 列：{error.msg}",
                    f"not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}",
                ),
                source_name,
            ) from None
        except InputRefused as error:
            raise ValidationError(Text.split(str(error)), source_name) from None
    try:
        return load_yaml(text, _CaseLoader)
    except yaml.YAMLError as error:
        raise _yaml_error(error, source_name) from None
    except InputRefused as error:
        raise ValidationError(Text.split(str(error)), source_name) from None


def load_case_text(text: str, source_name: str = "") -> Case:
    """A case from the text of a YAML or JSON case file."""
    return case_from_data(parse_text(text, source_name), source_name)


def load_case_file(path: str | Path) -> Case:
    """A case from a YAML or JSON file; a missing or unreadable file is a located :class:`ValidationError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(Text("文件不存在", "file not found"), str(path)) from None
    except IsADirectoryError:
        raise ValidationError(
            Text("这是一个目录，不是文件", "is a directory, not a file"), str(path)
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(Text("文件不是 UTF-8 文本", "file is not UTF-8 text"), str(path)) from None
    except OSError as error:
        raise ValidationError(
            Text(f"无法读取：{error.strerror}", f"cannot read: {error.strerror}"), str(path)
        ) from None
    return load_case_text(text, str(path))


def _dates_for_yaml(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _dates_for_yaml(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_for_yaml(v) for v in value]
    if isinstance(value, str) and key in ("date", "start_date", "as_of"):
        return date.fromisoformat(value)
    return value


def dumps_yaml(case: Case) -> str:
    """The case as YAML text (dates unquoted), read back by :func:`load_case_text`."""
    return yaml.safe_dump(_dates_for_yaml(dump_case(case)), allow_unicode=True, sort_keys=False, width=100)


def dumps_json(case: Case) -> str:
    return json.dumps(dump_case(case), ensure_ascii=False, indent=2)
