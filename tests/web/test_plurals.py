"""English counts read as English: "1 day overdue", "2 days overdue" (ngettext / blocktranslate count with the
catalogues' plural forms), and no catalogue keeps a count before a plural noun without a plural form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext

import xieshang

COUNTED = [
    ("逾期 %(d)s 天", {"d": 1}, "1 day overdue", {"d": 2}, "2 days overdue"),
    (
        "第 %(n)s 期还差 %(owed)s，已逾期 %(d)s 天",
        {"n": 3, "owed": "¥10.00", "d": 1},
        "Instalment 3 is ¥10.00 short, 1 day late",
        {"n": 3, "owed": "¥10.00", "d": 9},
        "Instalment 3 is ¥10.00 short, 9 days late",
    ),
    (
        "逐月还款明细（%(n)s 个月）",
        {"n": 1},
        "Month by month (1 month)",
        {"n": 24},
        "Month by month (24 months)",
    ),
    ("%(n)s 条", {"n": 1}, "1 entry", {"n": 5}, "5 entries"),
]

# A count before a plural noun is right only where the number is never 1: a range, a limit, a fixed horizon.
NEVER_ONE = {
    "%(a)s–%(b)s 个月",
    "维持现状只画出前 %(n)s 个月。",
    "未来 %(n)s 天内的提醒",
    "上传的内容太大（%(size)s），没有保存。%(what)s每个文件最多 %(limit)s，一次最多 %(files)d 个文件。",
    "只显示最近 %(shown)s 条；完整记录请导出 CSV。",
    "已备齐 %(r)s / %(t)s 项。",
    "一次最多导入 %(n)d 行。",
}
PLURAL_NOUN = re.compile(
    r"%\(\w+\)[sd] (days|months|entries|payments|items|debts|files|periods|times|lines|rows)\b"
)


@pytest.mark.parametrize(("msgid", "one", "one_en", "many", "many_en"), COUNTED)
def test_a_count_of_one_is_singular_in_english(msgid, one, one_en, many, many_en) -> None:
    with translation.override("en"):
        n = next(v for k, v in one.items() if k in ("d", "n") and (k == "d" or "%(d)s" not in msgid))
        assert ngettext(msgid, msgid, n) % one == one_en
        m = next(v for k, v in many.items() if k in ("d", "n") and (k == "d" or "%(d)s" not in msgid))
        assert ngettext(msgid, msgid, m) % many == many_en


def test_no_catalogue_counts_a_plural_noun_without_a_plural_form() -> None:
    found = []
    for po in Path(xieshang.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        for entry in po.read_text(encoding="utf-8").split("\n\n"):
            single = re.search(r'^msgid "(.*)"\nmsgstr "(.*)"$', entry, re.M)
            if single and PLURAL_NOUN.search(single.group(2)) and single.group(1) not in NEVER_ONE:
                found.append(f"{po.parent.parent.parent.parent.name}: {single.group(1)}")
    assert found == []
