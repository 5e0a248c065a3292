"""The words of the domain: every coded choice (an enum member) and what people call it, in Chinese and English.

One place for them all. Pages, letters, spreadsheets, the command line and error messages name a method, a kind
of lender, an option or a status by :func:`label` (``label(Method.BULLET).get(lang)``), never by the code a
case file stores (``bullet``). The enums are defined in :mod:`xieshang.core.codes` and re-exported here and by the
module that gives each its meaning (``core.terms.Method``, ``core.options.OptionKind`` …), so those modules can
write sentences with the labels without importing each other. :class:`~xieshang.core.transactions.Direction` (which
way money went in a bill) is the importers' and only labelled here.
"""

from __future__ import annotations

from enum import StrEnum

from .bilingual import Text
from .codes import ActionKind as ActionKind
from .codes import AgreementForm as AgreementForm
from .codes import AgreementStatus as AgreementStatus
from .codes import AssetKind as AssetKind
from .codes import Channel as Channel
from .codes import ContactDirection as ContactDirection
from .codes import CreditReporting as CreditReporting
from .codes import Flag as Flag
from .codes import Grace as Grace
from .codes import Group as Group
from .codes import HardshipReason as HardshipReason
from .codes import Housing as Housing
from .codes import InstalmentStatus as InstalmentStatus
from .codes import LenderType as LenderType
from .codes import MaterialStatus as MaterialStatus
from .codes import Method as Method
from .codes import NegotiationStatus as NegotiationStatus
from .codes import OnDefault as OnDefault
from .codes import OptionKind as OptionKind
from .codes import Party as Party
from .codes import Payee as Payee
from .codes import PaymentOrder as PaymentOrder
from .codes import Recipient as Recipient
from .codes import ReminderKind as ReminderKind
from .codes import Strategy as Strategy
from .codes import WaiverScope as WaiverScope
from .transactions import Direction as FlowDirection

_LABELS: dict[type[StrEnum], dict[str, Text]] = {
    Method: {
        Method.EQUAL_INSTALLMENT: Text("等额本息", "Equal instalments"),
        Method.EQUAL_PRINCIPAL: Text("等额本金", "Equal principal"),
        Method.INTEREST_ONLY: Text("先息后本", "Interest only, principal at the end"),
        Method.BULLET: Text("一次性还本付息", "Bullet (all at maturity)"),
        Method.DAILY: Text("按日计息", "Daily interest"),
        Method.CARD_INSTALMENT: Text("信用卡分期", "Credit-card instalments"),
        Method.REVOLVING: Text("信用卡循环", "Revolving credit card"),
    },
    LenderType: {
        LenderType.BANK: Text("银行", "Bank"),
        LenderType.CONSUMER_FINANCE: Text("消费金融公司", "Consumer-finance company"),
        LenderType.SMALL_LOAN: Text("小额贷款公司", "Small-loan company"),
        LenderType.ONLINE_PLATFORM: Text("网络借贷平台", "Online lending platform"),
        LenderType.CREDIT_CARD: Text("信用卡", "Credit card"),
        LenderType.PRIVATE: Text("民间借贷（个人或公司）", "Private lending (person or company)"),
    },
    PaymentOrder: {
        PaymentOrder.FEES_INTEREST_PRINCIPAL: Text(
            "先费用、再利息、后本金", "Fees, then interest, then principal"
        ),
        PaymentOrder.PRINCIPAL_FIRST: Text("先还本金", "Principal first"),
    },
    NegotiationStatus: {
        NegotiationStatus.NOT_CONTACTED: Text("未联系", "Not contacted"),
        NegotiationStatus.CONTACTED: Text("已联系", "Contacted"),
        NegotiationStatus.NEGOTIATING: Text("协商中", "Negotiating"),
        NegotiationStatus.AGREED: Text("已达成", "Agreed"),
        NegotiationStatus.PERFORMING: Text("履约中", "Performing"),
        NegotiationStatus.SETTLED: Text("已结清", "Settled"),
        NegotiationStatus.BROKEN_DOWN: Text("协商破裂", "Broken down"),
    },
    ActionKind: {
        ActionKind.CALL_OVERDUE: Text("尽快联系逾期的债权人", "Get in touch with an overdue creditor"),
        ActionKind.CONTACT: Text("联系债权人", "Contact the creditor"),
        ActionKind.CHOOSE_OPTION: Text("选择还款方案", "Choose a repayment option"),
        ActionKind.SEND_PROPOSAL: Text("发出协商申请", "Send the proposal"),
        ActionKind.KEEP_AGREEMENT: Text("按约定还款并汇报", "Pay as agreed and report"),
        ActionKind.PAY_LATE_INSTALMENT: Text("补上逾期的协议还款", "Pay the late agreed instalment"),
        ActionKind.RENEGOTIATE: Text(
            "协议已违约：尽快联系、重新协商", "The agreement is broken: get in touch, renegotiate"
        ),
    },
    Strategy: {
        Strategy.FAIR: Text("按欠款余额公平分配（默认）", "Fair share of what is owed (default)"),
        Strategy.PRO_RATA: Text("按合同月供比例分配", "Pro rata by contractual payment"),
        Strategy.BALANCE: Text(
            "按欠款余额比例分配（不够最低还款额时按月供）",
            "Pro rata by balance (by contractual payment below the minimums)",
        ),
        Strategy.AVALANCHE: Text(
            "利率最高者优先（雪崩法，省利息）", "Highest rate first (avalanche: least interest)"
        ),
        Strategy.SNOWBALL: Text("余额最小者优先（雪球法，先还清小额）", "Smallest balance first (snowball)"),
    },
    OptionKind: {
        OptionKind.AS_IS: Text("维持现状", "As is"),
        OptionKind.REINSTALMENT: Text("重新分期", "Re-instalment"),
        OptionKind.DEFERRAL: Text("延期还款（宽限期后分期）", "Deferral (grace months, then instalments)"),
        OptionKind.INTEREST_FREEZE: Text("停息挂账", "Interest freeze"),
        OptionKind.WAIVER: Text("减免", "Waiver"),
        OptionKind.SETTLEMENT: Text("一次性结清（按比例）", "Settlement (a share of the balance)"),
    },
    Grace: {
        Grace.INTEREST_ONLY: Text("宽限期内只还利息", "Interest only during the grace months"),
        Grace.NOTHING: Text("宽限期内暂不还款", "Nothing during the grace months"),
    },
    WaiverScope: {
        WaiverScope.PENALTIES_AND_FEES: Text(
            "减免罚息、违约金和费用", "Waive penalty interest, late fees and fees"
        ),
        WaiverScope.ABOVE_LEGAL_LINE: Text(
            "减免超出法律参考线的部分", "Waive what was charged above the legal line"
        ),
    },
    Group: {
        Group.INCOME: Text("收入", "Income"),
        Group.ESSENTIAL: Text("必要固定支出", "Essential fixed costs"),
        Group.FLEXIBLE: Text("弹性生活支出", "Flexible living costs"),
        Group.PRIORITY: Text("优先债务", "Priority obligations"),
    },
    Housing: {
        Housing.RENT: Text("租房", "Renting"),
        Housing.MORTGAGE: Text("有房贷", "Mortgage"),
        Housing.OWNED: Text("自有住房", "Owned outright"),
        Housing.FAMILY: Text("与家人同住", "Living with family"),
        Housing.OTHER: Text("其他", "Other"),
    },
    AssetKind: {
        AssetKind.PROPERTY: Text("房产", "Property"),
        AssetKind.VEHICLE: Text("车辆", "Vehicle"),
        AssetKind.SAVINGS: Text("存款、理财", "Savings and investments"),
        AssetKind.DEPOSITS: Text("押金、公积金等", "Deposits, housing fund etc."),
    },
    FlowDirection: {
        FlowDirection.INCOME: Text("收入", "Income"),
        FlowDirection.EXPENSE: Text("支出", "Spending"),
        FlowDirection.NEUTRAL: Text("不计收支", "Neutral"),
    },
    Channel: {
        Channel.PHONE: Text("电话", "Phone call"),
        Channel.SMS: Text("短信", "SMS"),
        Channel.EMAIL: Text("邮件", "Email"),
        Channel.APP: Text("App 消息", "App message"),
        Channel.WECHAT: Text("微信", "WeChat"),
        Channel.VISIT: Text("上门", "Home visit"),
        Channel.LETTER: Text("信函", "Letter"),
        Channel.MEETING: Text("面谈", "Meeting"),
    },
    ContactDirection: {
        ContactDirection.OUTGOING: Text("我方联系对方", "We contacted them"),
        ContactDirection.INCOMING: Text("对方联系我方", "They contacted us"),
    },
    Party: {
        Party.BORROWER: Text("借款人本人", "The borrower"),
        Party.FAMILY: Text("家人", "Family"),
        Party.EMPLOYER: Text("单位/同事", "Employer or colleagues"),
        Party.CONTACT_LIST: Text("通讯录联系人", "Someone in the phone's contact list"),
        Party.OTHER: Text("其他第三方", "Another third party"),
    },
    Flag: {
        Flag.THREAT: Text("威胁恐吓", "Threats"),
        Flag.INSULT: Text("辱骂侮辱", "Insults"),
        Flag.IMPERSONATION: Text(
            "冒充法院、公安等国家机关", "Posing as a court, the police or another authority"
        ),
        Flag.DISCLOSURE: Text("向第三方透露债务", "Disclosed the debt to a third party"),
    },
    ReminderKind: {
        ReminderKind.PAYMENT_DUE: Text("还款到期", "Payment due"),
        ReminderKind.FOLLOW_UP: Text("跟进", "Follow-up"),
        ReminderKind.SILENCE: Text("久未联系", "No contact"),
        ReminderKind.PROGRESS_REPORT: Text("还款情况汇报", "Progress report"),
        ReminderKind.AGREEMENT_LATE: Text("协议还款逾期", "Agreed instalment late"),
        ReminderKind.AGREEMENT_SHORTFALL: Text(
            "下月不够按协议还款", "Next month falls short of the agreements"
        ),
        ReminderKind.AGREEMENT_REVIEW: Text("复核还款协议", "Review the agreement"),
    },
    AgreementForm: {
        AgreementForm.WRITTEN: Text("书面协议（签字盖章）", "Written, signed on paper"),
        AgreementForm.E_SIGNED: Text(
            "电子签署（App、网页或短信确认）", "Signed electronically (app, web or SMS)"
        ),
        AgreementForm.ORAL: Text("口头约定（电话）", "Oral (by phone)"),
    },
    AgreementStatus: {
        AgreementStatus.AGREED: Text("已达成", "Agreed"),
        AgreementStatus.PERFORMING: Text("履约中", "Being kept"),
        AgreementStatus.LATE: Text("有一期逾期", "An instalment is late"),
        AgreementStatus.BROKEN: Text("已违约（超过宽限期）", "Broken (late past the grace period)"),
        AgreementStatus.SETTLED: Text("已结清", "Settled"),
    },
    InstalmentStatus: {
        InstalmentStatus.UPCOMING: Text("未到期", "Not due yet"),
        InstalmentStatus.PAID: Text("已按时还清", "Paid on time"),
        InstalmentStatus.LATE: Text("逾期后还清", "Paid late"),
        InstalmentStatus.PARTIAL: Text("只还了一部分", "Partly paid"),
        InstalmentStatus.MISSED: Text("未还", "Missed"),
    },
    OnDefault: {
        OnDefault.UNSTATED: Text("协议没有写明", "Not stated"),
        OnDefault.RENEGOTIATE: Text("双方另行协商", "Both sides negotiate again"),
        OnDefault.LATE_CHARGE: Text("逾期部分另计罚息或违约金", "Penalty interest or a fee on the late part"),
        OnDefault.WAIVER_REVOKED: Text(
            "减免作废，恢复原欠款", "The waiver lapses and the original debt returns"
        ),
        OnDefault.REMAINING_DUE: Text("剩余款项全部提前到期", "Everything left falls due at once"),
    },
    CreditReporting: {
        CreditReporting.UNSTATED: Text("协议没有写明", "Not stated"),
        CreditReporting.NORMAL: Text("按正常还款报送征信", "Reported as normal repayment"),
        CreditReporting.NEGOTIATED: Text(
            "报送为协商还款（个性化分期）", "Reported as a negotiated repayment"
        ),
        CreditReporting.OVERDUE_KEPT: Text("逾期记录照常保留", "The overdue record stays"),
    },
    Payee: {
        Payee.CREDITOR: Text("债权人自己的对公账户或官方 App", "The creditor's own account or official app"),
        Payee.PERSONAL: Text("个人账户", "A person's account"),
        Payee.THIRD_PARTY: Text("第三方公司", "Another company"),
    },
    HardshipReason: {
        HardshipReason.UNEMPLOYMENT: Text("失业", "Unemployment"),
        HardshipReason.ILLNESS: Text("疾病/医疗", "Illness or medical costs"),
        HardshipReason.FAMILY: Text("家庭变故", "A family crisis"),
        HardshipReason.INCOME_DROP: Text("收入下降", "A drop in income"),
        HardshipReason.BUSINESS: Text("经营困难", "Business difficulties"),
        HardshipReason.OTHER: Text("其他", "Other"),
    },
    MaterialStatus: {
        MaterialStatus.MISSING: Text("缺少", "Missing"),
        MaterialStatus.READY: Text("已备齐", "Ready"),
        MaterialStatus.EXPIRED: Text("已过期", "Expired"),
    },
    Recipient: {
        Recipient.LENDER: Text(
            "数据报送机构（放贷机构）", "The institution that reported the record (the lender)"
        ),
        Recipient.CREDIT_CENTER: Text(
            "中国人民银行征信中心", "Credit Reference Center of the People's Bank of China"
        ),
        Recipient.PBOC_BRANCH: Text("中国人民银行分支机构", "A branch of the People's Bank of China"),
    },
}

# How sure a cited rule is (the ``confidence`` of every data file's entries).
CONFIDENCE: dict[str, Text] = {
    "text": Text("已核对原文", "checked against the official text"),
    "press": Text("据官方报道，原文未核对", "reported; official text not read"),
    "unverified": Text("未经核实", "unverified"),
    "common": Text("常用渠道", "commonly used channel"),
    "practice": Text("没有法规出处", "no legal source"),
}
# The same, as a document cites it after a rule (``《…》第…条；原文``).
CONFIDENCE_SHORT: dict[str, Text] = {
    "text": Text("原文", "official text"),
    "press": Text("据报道", "reported"),
    "unverified": Text("未核实", "unverified"),
    "common": Text("常用渠道", "common channel"),
    "practice": Text("无法规出处", "no legal source"),
}


def label(member: StrEnum) -> Text:
    """What people call ``member``, in both languages."""
    return _LABELS[type(member)][member.value]


def confidence_label(confidence: str, short: bool = False) -> Text:
    """How sure a cited rule is (``text`` → 已核对原文); an unknown value is shown as it is."""
    found = (CONFIDENCE_SHORT if short else CONFIDENCE).get(confidence)
    return found if found is not None else Text.same(confidence)


def labels_of(enum: type[StrEnum]) -> dict[str, Text]:
    """Every member's label, by value (a test checks that no member of :func:`every_enum` lacks one)."""
    return dict(_LABELS.get(enum, {}))


def every_enum() -> tuple[type[StrEnum], ...]:
    """Every enum whose members people see."""
    return (
        Method,
        LenderType,
        PaymentOrder,
        NegotiationStatus,
        ActionKind,
        Strategy,
        OptionKind,
        Grace,
        WaiverScope,
        Group,
        Housing,
        AssetKind,
        FlowDirection,
        Channel,
        ContactDirection,
        Party,
        Flag,
        ReminderKind,
        HardshipReason,
        MaterialStatus,
        Recipient,
        AgreementForm,
        AgreementStatus,
        InstalmentStatus,
        OnDefault,
        CreditReporting,
        Payee,
    )
