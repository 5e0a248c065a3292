"""What the workbench stores. Models hold data; every figure is computed by ``xieshang.core``.

Debt columns keep the case file's own representation (rates in percent, as people write them), so
``convert.py`` turns a row into the case-file mapping and ``casefile.parse_debt`` makes the core value.
Any case-file key without a column lives in ``more`` so export → import round-trips every field.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xieshang.core.terms import LenderType, Method
from xieshang.core.vocabulary import NegotiationStatus

GENESIS = "0" * 64  # the head of an empty evidence ledger (xieshang.core.ledger.GENESIS)


def new_evidence_chain() -> str:
    """The name of a case's evidence ledger: random, so a later case never inherits a deleted case's name."""
    return f"case-{secrets.token_hex(8)}"


class Case(models.Model):
    """One borrower's situation. A user (a borrower or a counsellor) may hold several."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cases")
    borrower_name = models.CharField(_("借款人姓名"), max_length=100)
    id_number = models.CharField(_("身份证号"), max_length=40, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    email = models.CharField(_("电子邮箱"), max_length=200, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    as_of = models.DateField(_("计算日期"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    sections = models.JSONField(default=dict, blank=True)  # parts of the case file other modules own
    # Grows by one with every committed write (cases.writes.locked): the cache key of derived figures.
    revision = models.PositiveBigIntegerField(default=0, editable=False)
    # The next number cases.writes.allocate_id gives out in this case; it never goes down.
    next_serial = models.PositiveBigIntegerField(default=1, editable=False)
    # The case's evidence ledger (cases.evidence) and its anchor: entry count and head hash as last committed,
    # written in the same transaction as the rows that refer to the evidence.
    evidence_chain = models.CharField(max_length=64, unique=True, default=new_evidence_chain, editable=False)
    evidence_entries = models.PositiveIntegerField(default=0, editable=False)
    evidence_head = models.CharField(max_length=64, default=GENESIS, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at", "-id")

    def __str__(self) -> str:
        return self.borrower_name

    def get_absolute_url(self) -> str:
        return reverse("case", args=[self.pk])


class DebtStatus(models.TextChoices):
    """Where the negotiation with one creditor stands."""

    NOT_CONTACTED = "not_contacted", _("未联系")
    CONTACTED = "contacted", _("已联系")
    NEGOTIATING = "negotiating", _("协商中")
    AGREED = "agreed", _("已达成")
    PERFORMING = "performing", _("履约中")
    SETTLED = "settled", _("已结清")
    BROKEN_DOWN = "broken_down", _("协商破裂")


class Debt(models.Model):
    """One debt in the case file's representation (see module docstring)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="debts")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(_("编号"), max_length=64)  # the case file's ``id``: unique in its case
    creditor = models.CharField(_("债权人"), max_length=200, blank=True)
    lender_type = models.CharField(
        _("机构类型"), max_length=32, choices=[(t.value, t.value) for t in LenderType]
    )
    method = models.CharField(_("还款方式"), max_length=32, choices=[(m.value, m.value) for m in Method])
    principal = models.DecimalField(_("本金"), max_digits=16, decimal_places=2)
    received = models.DecimalField(_("实际到账"), max_digits=16, decimal_places=2, null=True, blank=True)
    start_date = models.DateField(_("放款日"))
    term_months = models.PositiveIntegerField(_("期数（月）"))
    annual_rate = models.DecimalField(_("年利率 %"), max_digits=12, decimal_places=6, null=True, blank=True)
    daily_rate = models.DecimalField(_("日利率 %"), max_digits=12, decimal_places=6, null=True, blank=True)
    period_fee_rate = models.DecimalField(
        _("每期手续费率 %"), max_digits=12, decimal_places=6, null=True, blank=True
    )
    periodic_fee = models.DecimalField(
        _("每期服务费"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    upfront_fee = models.DecimalField(_("期初费用"), max_digits=16, decimal_places=2, null=True, blank=True)
    payment_day = models.PositiveSmallIntegerField(_("每月还款日"), null=True, blank=True)
    penalty_rate_multiplier = models.DecimalField(
        _("罚息倍数"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    notes = models.TextField(_("备注"), blank=True)
    status = models.CharField(
        _("协商状态"), max_length=20, choices=DebtStatus.choices, default=DebtStatus.NOT_CONTACTED
    )
    more = models.JSONField(default=dict, blank=True)  # other case-file keys, kept verbatim

    class Meta:
        ordering = ("position", "id")
        constraints = (models.UniqueConstraint(fields=("case", "key"), name="debt_key_unique_in_case"),)

    def __str__(self) -> str:
        return f"{self.creditor or self.key}"

    def get_absolute_url(self) -> str:
        return reverse("debt", args=[self.case_id, self.pk])

    @property
    def negotiation_status(self) -> NegotiationStatus:
        """The status the person recorded (see ``core.negotiation`` for what the facts make of it)."""
        return NegotiationStatus(self.status)


class Payment(models.Model):
    """Money the borrower actually paid on a debt."""

    debt = models.ForeignKey(Debt, on_delete=models.CASCADE, related_name="payments")
    date = models.DateField(_("日期"))
    amount = models.DecimalField(_("金额"), max_digits=16, decimal_places=2)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # The case file's ``payments[].id`` (``p12``, from cases.writes.allocate_id): what an agreed instalment
    # names to say which payments settle it. Older payments may have none.
    public_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ("date", "id")
