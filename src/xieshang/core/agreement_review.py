"""Reading an agreement before signing it: each rule of ``data/agreement_rules.yaml`` checked against one
agreement, each finding with a plain explanation, the clause or field it concerns, what to ask for instead, and
the rule's source and confidence.

The rules' words, sources and keywords are data (:mod:`xieshang.core.agreement_rules`); this module holds the checks, one
function per ``check`` name, each returning the figures its explanation names (``None``: the agreement passes).
A keyword found in the agreement's wording is a hint to check, never a verdict. Findings are references, not
legal advice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .agreement_rules import SEVERITIES, ReviewRule
from .agreement_rules import rules_from_data as read_rules
from .agreements import Agreement, OnDefault, Payee
from .bilingual import Text
from .dates import add_months
from .money import ZERO, grouped
from .overdue import Outstanding
from .terms import LenderType, Loan

BLANK_MARKS = ("___", "＿＿", "【  】", "【】", "（  ）", "XX元", "xx元", "××")
Month = tuple[int, int]


@dataclass(frozen=True)
class ReviewFinding:
    rule: ReviewRule
    explain: Text
    ask: Text
    words: tuple[str, ...] = ()  # the words of the agreement that triggered it
    message: Text | None = None  # a ready text to send (the written confirmation of an oral agreement)

    @property
    def title(self) -> Text:
        return self.rule.title

    @property
    def concerns(self) -> Text:
        return self.rule.concerns


@dataclass(frozen=True)
class ReviewContext:
    """What the review reads beyond the agreement: the debt, what the contract left owed the day before the
    start (``at_start``), the one monthly amount (None: no statement), by month what the other agreements ask
    and what the plan pays the creditors without an agreement, and the names for a confirmation text."""

    loan: Loan
    at_start: Outstanding
    available: Decimal | None = None
    other_agreements: Mapping[Month, Decimal] = field(default_factory=dict)
    plan_others: Mapping[Month, Decimal] = field(default_factory=dict)
    creditor: str = ""
    borrower: str = ""


Values = dict[str, str | Text]
Check = Callable[[Agreement, ReviewContext, ReviewRule], Values | None]


def _m(amount: Decimal) -> str:
    return grouped(amount)


def _found(agreement: Agreement, words: Sequence[str]) -> tuple[str, ...]:
    text = "\n".join(
        (agreement.clauses, agreement.notes, agreement.account, agreement.fee_payee, agreement.creditor_party)
    )
    return tuple(w for w in words if w in text)


def _quoted(words: Sequence[str]) -> Text:
    if not words:
        return Text("", "")
    return Text(
        "（协议中写着“" + "”“".join(words) + "”）", " (the agreement says “" + "”, “".join(words) + "”)"
    )


def _listed(items: Sequence[Text]) -> Text:
    return Text.join(items, "；", "; ")


def month_of(day: date) -> Month:
    return (day.year, day.month)


def _schedule_sums(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    if not a.instalments or a.scheduled == a.total:
        return None
    return {"total": _m(a.total), "sum": _m(a.scheduled), "difference": _m(abs(a.total - a.scheduled))}


def _total_matches(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    stated = a.balance is not None
    balance = a.balance if a.balance is not None else c.at_start.total
    expected = balance - a.waived.total + a.interest
    if expected == a.total:
        return None
    basis = (
        Text("协议写明的欠款余额", "The balance the agreement states")
        if stated
        else Text("按合同算到协议开始前一天的欠款", "What the contract left owed the day before the start")
    )
    return {
        "basis": basis,
        "balance": _m(balance),
        "waived": _m(a.waived.total),
        "interest": _m(a.interest),
        "expected": _m(expected),
        "total": _m(a.total),
        "difference": _m(abs(expected - a.total)),
    }


def _penalties_kept(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    penalty = c.at_start.penalty
    if penalty <= 0 or a.waived.penalty >= penalty:
        return None
    return {"penalty": _m(penalty), "waived": _m(a.waived.penalty)}


def _by_month(a: Agreement) -> dict[Month, Decimal]:
    months: dict[Month, Decimal] = {}
    for item in a.instalments:
        months[month_of(item.due)] = months.get(month_of(item.due), ZERO) + item.amount
    return months


def _statement_missing(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    if c.available is not None or not a.instalments:
        return None
    return {"monthly": _m(max(_by_month(a).values()))}


def _fits_statement(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    if c.available is None:
        return None
    for month, this in sorted(_by_month(a).items()):
        others, plan = c.other_agreements.get(month, ZERO), c.plan_others.get(month, ZERO)
        needed = this + others + plan
        if needed > c.available:
            year, number = month
            return {
                "month": Text(f"{year}年{number}月", f"{year}-{number:02d}"),
                "this": _m(this),
                "others": _m(others),
                "plan": _m(plan),
                "needed": _m(needed),
                "available": _m(c.available),
                "short": _m(needed - c.available),
                "suggested": _m(max(c.available - others - plan, ZERO)),
            }
    return None


CARD_ITEMS: tuple[tuple[Callable[[Agreement], bool], Text], ...] = (
    (lambda a: a.balance is None, Text("欠款余额", "the balance")),
    (
        lambda a: a.principal_in_balance is None,
        Text("余额的构成（其中本金多少）", "what the balance is made of"),
    ),
    (lambda a: not a.instalments, Text("还款期限、日期和每期金额", "the period, dates and amounts")),
    (
        lambda a: a.charges_continue is None,
        Text("还款期间是否继续收取年费、利息等费用", "whether fees and interest continue"),
    ),
    (
        lambda a: a.no_new_card is None,
        Text("还清前不再申请新卡的承诺", "the undertaking not to apply for a new card"),
    ),
    (
        lambda a: a.on_default is OnDefault.UNSTATED,
        Text("违约责任（迟还或漏还怎么办）", "liability for a breach"),
    ),
    (lambda a: a.collection_stops is None, Text("签订后停止催收", "that collection stops once it is signed")),
)


def _card_items(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    missing = [text for lacks, text in CARD_ITEMS if lacks(a)]
    return {"missing": _listed(missing)} if missing else None


def _card_term(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    last = a.last_due
    if last is None or last <= add_months(a.starts, 60):
        return None
    months = (last.year - a.starts.year) * 12 + last.month - a.starts.month
    return {"last": last.isoformat(), "months": str(months)}


def _oral_recording(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    return {} if a.made.value == "oral" and not a.recording else None


def _oral_confirmation(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    if a.made.value != "oral" or a.confirmed or a.confirmation_requested is not None:
        return None
    return {}


def _personal_account(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    words = _found(a, r.keywords)
    return {"words": _quoted(words)} if a.payee is Payee.PERSONAL or words else None


def _third_party(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    if a.payee is not Payee.THIRD_PARTY:
        return None
    return {"account": Text.same(a.account) if a.account else Text("第三方", "a third party")}


def _worded(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    words = _found(a, r.keywords)
    return {"words": "”“".join(words)} if words else None


def _extra_fees(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    if a.fees <= 0:
        return None
    payee = Text(f"（付给 {a.fee_payee}）", f" (to {a.fee_payee})") if a.fee_payee else Text("", "")
    return {"fees": _m(a.fees), "payee": payee}


def _blank_fields(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    blanks = []
    if a.blanks:
        blanks.append(Text("协议上有空白处", "blank spaces in the document"))
    if not a.creditor_party:
        blanks.append(Text("代表债权人达成协议的人（姓名、工号或部门）", "who agreed for the creditor"))
    if not a.account:
        blanks.append(Text("收款账户或还款渠道", "the account or channel to pay"))
    marks = [m for m in BLANK_MARKS if m in a.clauses]
    if marks:
        blanks.append(
            Text(f"条款中的空白（{'、'.join(marks)}）", f"blanks in the wording ({', '.join(marks)})")
        )
    return {"fields": _listed(blanks)} if blanks else None


def _unstated_terms(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    card = c.loan.lender_type is LenderType.CREDIT_CARD  # the card rule asks for these two itself
    terms = []
    if a.grace_days is None:
        terms.append(Text("宽限期（迟还几天内不算违约）", "a grace period"))
    if a.on_default is OnDefault.UNSTATED and not card:
        terms.append(Text("迟还或漏还怎么办", "what happens if a payment is late"))
    if a.collection_stops is None and not card:
        terms.append(Text("协议期间是否停止催收", "whether collection stops"))
    if a.credit_reporting.value == "unstated":
        terms.append(Text("征信怎么报送", "how the credit report shows it"))
    return {"terms": _listed(terms)} if terms else None


def _acceleration(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    words = _found(a, r.keywords)
    if a.on_default is not OnDefault.REMAINING_DUE and not words:
        return None
    return {"words": _quoted(words), "remaining": _m(a.scheduled or a.total)}


def _waiver_lapses(a: Agreement, c: ReviewContext, r: ReviewRule) -> Values | None:
    words = _found(a, r.keywords)
    if a.on_default is not OnDefault.WAIVER_REVOKED and not words:
        return None
    return {"words": _quoted(words), "waived": _m(a.waived.total)}


CHECKS: dict[str, Check] = {
    "schedule_sums": _schedule_sums,
    "total_matches": _total_matches,
    "penalties_kept": _penalties_kept,
    "statement_missing": _statement_missing,
    "fits_statement": _fits_statement,
    "card_items": _card_items,
    "card_term": _card_term,
    "oral_recording": _oral_recording,
    "oral_confirmation": _oral_confirmation,
    "personal_account": _personal_account,
    "third_party": _third_party,
    "agency_words": _worded,
    "extra_fees": _extra_fees,
    "borrow_to_pay": _worded,
    "blank_fields": _blank_fields,
    "unstated_terms": _unstated_terms,
    "acceleration": _acceleration,
    "waiver_lapses": _waiver_lapses,
    "rights_waiver": _worded,
    "vague_total": _worded,
}


def _fill(template: Text, values: Values) -> Text:
    zh = {k: v.zh if isinstance(v, Text) else v for k, v in values.items()}
    en = {k: v.en if isinstance(v, Text) else v for k, v in values.items()}
    return Text(template.zh.format_map(zh), template.en.format_map(en))


def review(
    agreement: Agreement, context: ReviewContext, rules: Sequence[ReviewRule]
) -> tuple[ReviewFinding, ...]:
    """Every rule the agreement does not pass, red flags first, in the data file's order within each."""
    found = []
    for rule in rules:
        if not rule.applies_to(context.loan):
            continue
        values = CHECKS[rule.check](agreement, context, rule)
        if values is None:
            continue
        message = confirmation_text(agreement, context) if rule.check == "oral_confirmation" else None
        words = _found(agreement, rule.keywords) if rule.keywords else ()
        found.append(
            ReviewFinding(rule, _fill(rule.explain, values), _fill(rule.ask, values), words, message)
        )
    return tuple(sorted(found, key=lambda f: SEVERITIES.index(f.rule.severity)))


def confirmation_text(agreement: Agreement, context: ReviewContext) -> Text:
    """The message asking the creditor to confirm an oral agreement in writing (to send by SMS, app or e-mail)."""
    a = agreement
    items = sorted(a.instalments, key=lambda i: i.due)
    who = context.borrower or "借款人"
    party = f"贵司{a.creditor_party}" if a.creditor_party else "贵司工作人员"
    first = items[0] if items else None
    plan_zh = (
        f"自{first.due:%Y年%m月%d日}起分{len(items)}期还款，首期{_m(first.amount)}元" if first else "还款安排"
    )
    plan_en = (
        f"{len(items)} instalments from {first.due}, the first ¥{_m(first.amount)}"
        if first
        else "the payments"
    )
    waived_zh = f"，减免{_m(a.waived.total)}元" if a.waived.total else ""
    waived_en = f", ¥{_m(a.waived.total)} waived" if a.waived.total else ""
    name = context.creditor or "贵司"
    return Text(
        f"{name}您好，我是{who}。{a.agreed_on:%Y年%m月%d日}我与{party}电话协商达成还款协议：还款总额{_m(a.total)}元"
        f"{waived_zh}，{plan_zh}。请以短信、邮件或书面协议确认以上内容，并写明协议期间停止催收、征信如何报送。谢谢！",
        f"Hello {name}, this is {who}. On {a.agreed_on} I agreed by phone with your staff a repayment of ¥{_m(a.total)}"
        f"{waived_en}, {plan_en}. Please confirm this by SMS, e-mail or a written agreement, stating that collection "
        "stops during the agreement and how it will be reported to the credit bureau. Thank you.",
    )


def rules_from_data(data: Any) -> tuple[ReviewRule, ...]:
    """The rules of ``agreement_rules.yaml``, each naming one of this module's checks."""
    return read_rules(data, frozenset(CHECKS))
