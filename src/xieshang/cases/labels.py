"""People's names for the core's codes (methods, lender types, confidence), translatable."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from xieshang.core.terms import LenderType, Method

METHOD_LABELS: dict[str, Promise] = {
    Method.EQUAL_INSTALLMENT: _("等额本息"),
    Method.EQUAL_PRINCIPAL: _("等额本金"),
    Method.INTEREST_ONLY: _("先息后本"),
    Method.BULLET: _("一次性还本付息"),
    Method.DAILY: _("按日计息"),
    Method.CARD_INSTALMENT: _("信用卡分期"),
    Method.REVOLVING: _("信用卡循环"),
}

LENDER_LABELS: dict[str, Promise] = {
    LenderType.BANK: _("银行"),
    LenderType.CONSUMER_FINANCE: _("消费金融公司"),
    LenderType.SMALL_LOAN: _("小额贷款公司"),
    LenderType.ONLINE_PLATFORM: _("网络借贷平台"),
    LenderType.CREDIT_CARD: _("信用卡"),
    LenderType.PRIVATE: _("民间借贷（个人或公司）"),
}

CONFIDENCE_LABELS: dict[str, Promise] = {
    "text": _("已核对原文"),
    "press": _("据官方报道，原文未核对"),
    "unverified": _("未经核实"),
}


def method_label(code: str) -> str:
    return str(METHOD_LABELS.get(code, code))


def lender_label(code: str) -> str:
    return str(LENDER_LABELS.get(code, code))


def confidence_label(code: str) -> str:
    return str(CONFIDENCE_LABELS.get(code, code))
