"""The coded choices a case file stores (``bullet``, ``interest_freeze``, ``not_contacted`` …), as enums.

What people call each member is :mod:`xieshang.core.vocabulary`'s (one table of Chinese and English labels);
the modules that give each enum its meaning re-export it (``core.terms.Method``, ``core.options.OptionKind`` …).
"""

from __future__ import annotations

from enum import StrEnum

# ---- debts (core.terms) ------------------------------------------------------------------------------------


class Method(StrEnum):
    """How a debt is repaid."""

    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_ONLY = "interest_only"  # 先息后本
    BULLET = "bullet"  # 一次性还本付息
    DAILY = "daily"  # 按日计息 (随借随还)
    CARD_INSTALMENT = "card_instalment"  # 信用卡分期 (fee per period on the original principal)
    REVOLVING = "revolving"  # 信用卡循环 (statement balance, minimum payment, daily interest)


class LenderType(StrEnum):
    """Who lent: decides which legal lines apply."""

    BANK = "bank"
    CONSUMER_FINANCE = "consumer_finance"
    SMALL_LOAN = "small_loan"
    ONLINE_PLATFORM = "online_platform"
    CREDIT_CARD = "credit_card"
    PRIVATE = "private"


class PaymentOrder(StrEnum):
    """Which charges a payment settles first."""

    FEES_INTEREST_PRINCIPAL = "fees_interest_principal"  # fees, interest, principal, oldest first
    PRINCIPAL_FIRST = "principal_first"


# ---- the negotiation (core.negotiation) ---------------------------------------------------------------------


class NegotiationStatus(StrEnum):
    """Where the negotiation with one creditor stands, in the order it normally moves."""

    NOT_CONTACTED = "not_contacted"
    CONTACTED = "contacted"
    NEGOTIATING = "negotiating"
    AGREED = "agreed"
    PERFORMING = "performing"
    SETTLED = "settled"
    BROKEN_DOWN = "broken_down"


class ActionKind(StrEnum):
    """What a next action asks the borrower to do (the page links each kind to where it is done)."""

    CALL_OVERDUE = "call_overdue"  # an overdue creditor: get in touch now
    CONTACT = "contact"  # a creditor not contacted yet
    CHOOSE_OPTION = "choose_option"  # contacted, but no option proposed to it in the plan
    SEND_PROPOSAL = "send_proposal"  # an option proposed, no letter made yet
    KEEP_AGREEMENT = "keep_agreement"  # agreed: pay as agreed and report each month
    PAY_LATE_INSTALMENT = "pay_late_instalment"  # an agreed instalment is late, still within its grace
    RENEGOTIATE = "renegotiate"  # the agreement is broken (late past its grace): get in touch, renegotiate


# ---- plans (core.allocation, core.options) -------------------------------------------------------------------


class Strategy(StrEnum):
    FAIR = "fair"  # 按欠款余额公平分配 (the default): by balance, also when the minimums are not met
    PRO_RATA = "pro-rata"  # 按合同月供比例 (the default before issue 19)
    BALANCE = "balance"  # 按欠款余额比例
    AVALANCHE = "avalanche"  # 利率最高者优先
    SNOWBALL = "snowball"  # 余额最小者优先


class OptionKind(StrEnum):
    AS_IS = "as_is"  # 维持现状
    REINSTALMENT = "reinstalment"  # 重新分期
    DEFERRAL = "deferral"  # 延期、宽限期
    INTEREST_FREEZE = "interest_freeze"  # 停息挂账
    WAIVER = "waiver"  # 减免
    SETTLEMENT = "settlement"  # 一次性结清


class Grace(StrEnum):
    """What a deferral pays in its grace months."""

    INTEREST_ONLY = "interest_only"
    NOTHING = "nothing"


class WaiverScope(StrEnum):
    """What a waiver asks the creditor to forgo."""

    PENALTIES_AND_FEES = "penalties_and_fees"
    ABOVE_LEGAL_LINE = "above_legal_line"


# ---- the financial statement (core.statement) ---------------------------------------------------------------


class Group(StrEnum):
    INCOME = "income"
    ESSENTIAL = "essential"  # essential fixed costs
    FLEXIBLE = "flexible"  # flexible living costs
    PRIORITY = "priority"  # priority obligations: paid before unsecured creditors


class Housing(StrEnum):
    RENT = "rent"
    MORTGAGE = "mortgage"
    OWNED = "owned"
    FAMILY = "family"
    OTHER = "other"


class AssetKind(StrEnum):
    PROPERTY = "property"
    VEHICLE = "vehicle"
    SAVINGS = "savings"
    DEPOSITS = "deposits"


# ---- the contact log (core.contacts) and reminders (core.reminders) -----------------------------------------


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    APP = "app"
    WECHAT = "wechat"
    VISIT = "visit"
    LETTER = "letter"
    MEETING = "meeting"


class ContactDirection(StrEnum):
    OUTGOING = "outgoing"  # we contacted them
    INCOMING = "incoming"  # they contacted us (or a third party)


class Party(StrEnum):
    """Who was contacted."""

    BORROWER = "borrower"
    FAMILY = "family"
    EMPLOYER = "employer"
    CONTACT_LIST = "contact_list"
    OTHER = "other"


class Flag(StrEnum):
    """What the user saw in the contact and ticked."""

    THREAT = "threat"
    INSULT = "insult"
    IMPERSONATION = "impersonation"  # posing as a court, police or other authority
    DISCLOSURE = "disclosure"  # the debt was disclosed to a third party


class ReminderKind(StrEnum):
    PAYMENT_DUE = "payment_due"
    FOLLOW_UP = "follow_up"
    SILENCE = "silence"
    PROGRESS_REPORT = "progress_report"
    AGREEMENT_LATE = "agreement_late"  # an agreed instalment past its due date, not fully paid
    AGREEMENT_SHORTFALL = "agreement_shortfall"  # next month's agreed instalments exceed the monthly amount
    AGREEMENT_REVIEW = "agreement_review"  # once a year, or when the monthly amount changed since signing


# ---- materials (core.materials) and disputes (core.disputes) ------------------------------------------------


class HardshipReason(StrEnum):
    """Why the borrower cannot pay as agreed."""

    UNEMPLOYMENT = "unemployment"
    ILLNESS = "illness"
    FAMILY = "family"
    INCOME_DROP = "income_drop"
    BUSINESS = "business"
    OTHER = "other"


class MaterialStatus(StrEnum):
    MISSING = "missing"
    READY = "ready"
    EXPIRED = "expired"


class Recipient(StrEnum):
    """Who receives a credit-report dispute."""

    LENDER = "lender"  # the institution that reported the record (数据报送机构)
    CREDIT_CENTER = "credit_center"  # 中国人民银行征信中心
    PBOC_BRANCH = "pboc_branch"  # 中国人民银行分支机构 (a complaint, Art. 26)


# ---- agreements (core.agreements, core.agreement_keeping, core.agreement_review) ------------------------------


class AgreementForm(StrEnum):
    """How an agreement was made."""

    WRITTEN = "written"  # 书面协议，双方签字盖章
    E_SIGNED = "e_signed"  # 电子签署（App、网页、短信确认）
    ORAL = "oral"  # 口头约定（电话）


class AgreementStatus(StrEnum):
    """Where an agreement stands on a day (derived from its instalments and the payments)."""

    AGREED = "agreed"  # recorded; nothing due or paid under it yet
    PERFORMING = "performing"  # paid as agreed so far
    LATE = "late"  # an instalment is past due and not fully paid, within the agreement's grace
    BROKEN = "broken"  # an instalment is unpaid past the grace the agreement states
    SETTLED = "settled"  # everything agreed is paid


class InstalmentStatus(StrEnum):
    """One agreed instalment on a day."""

    UPCOMING = "upcoming"  # not due yet
    PAID = "paid"  # paid in full by its due date
    LATE = "late"  # paid in full, after its due date
    PARTIAL = "partial"  # due, and only part of it paid
    MISSED = "missed"  # due, and nothing paid


class OnDefault(StrEnum):
    """What the agreement says happens when a payment is late or missed."""

    UNSTATED = "unstated"
    RENEGOTIATE = "renegotiate"  # 双方另行协商
    LATE_CHARGE = "late_charge"  # 逾期部分另计罚息或违约金
    WAIVER_REVOKED = "waiver_revoked"  # 减免作废，恢复原欠款
    REMAINING_DUE = "remaining_due"  # 剩余款项全部提前到期


class CreditReporting(StrEnum):
    """How the agreement says the credit report (征信) treats the debt."""

    UNSTATED = "unstated"
    NORMAL = "normal"  # 按正常还款报送
    NEGOTIATED = "negotiated"  # 报送为协商还款（个性化分期）
    OVERDUE_KEPT = "overdue_kept"  # 逾期记录照常保留


class Payee(StrEnum):
    """Whom the agreement says the instalments are paid to."""

    CREDITOR = "creditor"  # the creditor's own account or official app
    PERSONAL = "personal"  # a person's account
    THIRD_PARTY = "third_party"  # another company
