"""The seven steps of a repayment negotiation: the app's spine. Each says what it holds and whether the
workbench already has its pages (other features add theirs as they land). Which step the borrower is at is
``core.negotiation``'s (the case view's ``negotiation().step``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: Promise
    holds: tuple[Promise, ...]
    built: bool  # has working pages in this version


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "know",
        _("了解债务"),
        (_("每笔债务的合同条款、还款计划和实际到账金额"), _("逾期明细、真实年化成本和法律参考线")),
        True,
    ),
    Step(
        2, "contact", _("及时沟通"), (_("主动联系每个债权人，记录每次沟通"), _("催收是否越界的核对")), False
    ),
    Step(3, "report", _("主动汇报"), (_("定期向债权人汇报还款情况和收支变化"),), False),
    Step(4, "materials", _("准备材料"), (_("困难说明、收入和支出证明、证据清单"),), False),
    Step(
        5,
        "negotiate",
        _("积极协商"),
        (_("分期、延期、停息挂账、减免或一次性结清的方案比较"), _("协商信和还款协议")),
        False,
    ),
    Step(6, "stay", _("不要失联"), (_("还款提醒和日历，换号或搬家时通知债权人"),), False),
    Step(7, "care", _("注意事项"), (_("征信、异议、投诉渠道和防诈骗提醒"),), False),
)
