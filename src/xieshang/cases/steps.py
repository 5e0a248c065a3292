"""The seven steps of a repayment negotiation: the app's spine. Each says what it holds, what to do now while
at it (the "现在要做" every step page shows, with the next step after it) and whether the workbench already has
its pages (other features add theirs as they land, ``extensions.register_step_page``; a step's page is the
first one registered). Which step the borrower is at is ``core.negotiation``'s (the case view's
``negotiation().step``)."""

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
    now: Promise  # what to do now, one or two short sentences a stressed reader takes in at a glance


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "know",
        _("了解债务"),
        (_("每笔债务的合同条款、还款计划和实际到账金额"), _("逾期明细、真实年化成本和法律参考线")),
        True,
        _(
            "把每一笔借款、信用卡加进来，核对合同、实际到账和已还金额；再填好收支表，算出每月能拿出多少钱还款。"
        ),
    ),
    Step(
        2,
        "contact",
        _("及时沟通"),
        (_("主动联系每个债权人，记录每次沟通"), _("催收是否越界的核对")),
        False,
        _("主动联系每个债权人，说明困难和还款意愿；每次通话、短信都记下来，日后协商和投诉都用得上。"),
    ),
    Step(
        3,
        "report",
        _("主动汇报"),
        (_("定期向债权人汇报还款情况和收支变化"),),
        False,
        _("定期（例如每月）向债权人书面说明还款情况和收支变化，让对方知道你没有逃避。"),
    ),
    Step(
        4,
        "materials",
        _("准备材料"),
        (_("困难说明、收入和支出证明、证据清单"),),
        False,
        _("写好困难说明，按清单收齐收入、支出和困难的证明，协商时才有依据。"),
    ),
    Step(
        5,
        "negotiate",
        _("积极协商"),
        (_("分期、延期、停息挂账、减免或一次性结清的方案比较"), _("协商信和还款协议")),
        False,
        _("按收支表的预算，给每个债权人选一个做得到的方案，保存后生成协商信寄给对方。"),
    ),
    Step(
        6,
        "stay",
        _("不要失联"),
        (_("还款提醒和日历，换号或搬家时通知债权人"),),
        False,
        _("按约定的日子还款；换手机号或搬家时及时告诉每个债权人，别让对方找不到你。"),
    ),
    Step(
        7,
        "care",
        _("注意事项"),
        (_("征信、异议、投诉渠道和防诈骗提醒"),),
        False,
        _("核对征信记录，有错就提出异议；催收越界时保留证据并投诉；不要相信收费“代理协商”“征信修复”。"),
    ),
)


def step_after(step: Step) -> Step | None:
    """The step that comes after ``step``; None after the last."""
    return STEPS[step.number] if step.number < len(STEPS) else None


def step_of(slug: str) -> Step:
    return next(s for s in STEPS if s.slug == slug)
