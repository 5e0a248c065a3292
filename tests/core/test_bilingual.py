"""Texts in both languages: which half a language gets, and the older "中文 / English" messages split."""

from xieshang.core.bilingual import Text, is_english


def test_english_languages_get_the_english_and_everything_else_the_chinese() -> None:
    text = Text("已逾期", "overdue")
    assert [text.get(lang) for lang in ("en", "en-us", "EN_gb", "zh-hans", "zh", "", None)] == [
        "overdue",
        "overdue",
        "overdue",
        "已逾期",
        "已逾期",
        "已逾期",
        "已逾期",
    ]
    assert str(text) == "已逾期" and is_english("en-US") and not is_english("fr")


def test_a_bilingual_message_splits_at_its_separator() -> None:
    assert Text.split("必填 / required") == Text("必填", "required")
    assert Text.split("must be a number") == Text("must be a number", "must be a number")
    assert Text.split("a / b / c") == Text("a", "b / c")
    assert Text.split("（到手金额为正）/ cash flows (+)") == Text("（到手金额为正）", "cash flows (+)")
    assert Text.split("1/2 或 3/4") == Text.same("1/2 或 3/4")


def test_texts_add_and_join_per_language() -> None:
    parts = [Text("银行", "a bank"), Text("信用卡", "a credit card")]
    assert Text.join(parts, "、", ", ") == Text("银行、信用卡", "a bank, a credit card")
    assert Text("不适用", "Does not apply") + Text("：", ": ") + "x" == Text("不适用：x", "Does not apply: x")
    assert not Text("", "") and Text.same("Z") == Text("Z", "Z")
