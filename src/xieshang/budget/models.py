"""What the budget pages store beyond the case file: imported bills, their transactions, the user's category
rules, saved column mappings (and the one file waiting for a mapping) and which discovered debts were confirmed.

The financial statement itself is the case file's ``budget`` section (``Case.sections["budget"]``); imported
transactions are bulk data that the case file does not carry, so they live here. Every figure is computed by
``xieshang.core`` from these rows (see ``store.py``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xieshang.cases.models import Case, Debt
from xieshang.core.categories import RuleField
from xieshang.core.transactions import Direction


class ImportBatch(models.Model):
    """One bill file of one upload: what it was, and what it gave."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="bill_batches")
    filename = models.CharField(_("文件名"), max_length=200)  # cleaned display name; the file is not kept
    format = models.CharField(_("格式"), max_length=40)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    added = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)  # already imported before (overlapping exports)
    skipped = models.JSONField(default=list, blank=True)  # [[row, reason], …] rows the importer left out
    warnings = models.JSONField(default=list, blank=True)
    # [{"day", "amount", "here", "counted"}, …]: rows of this file that are the same payment as a row of a
    # wallet's bill (see importers/overlap.py), kept but not counted
    overlaps = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.filename


class CountedQuerySet(models.QuerySet["ImportedTransaction"]):
    def counted(self) -> CountedQuerySet:
        """The rows that count in the budget: not a refund already netted, not a payment refunded in full, not
        the bank's row of a payment a wallet's bill already has."""
        return self.filter(netted=False, amount__gt=0, same_as__isnull=True)


class ImportedTransaction(models.Model):
    """One imported row, in the core ``Transaction``'s terms. ``category`` is the result of the rules and the
    platform category map at the last (re-)categorisation; ``key`` identifies the transaction across uploads
    (computed from the row as the bill wrote it, so it stays the same when refunds change ``amount``).

    Refunds: ``amount`` is what counts, after refunds netted against this payment (``refunded`` of them); a
    refund netted against a payment keeps its row with ``netted`` set and ``netted_into`` naming the payment, so
    that the same refund in a later overlapping export is recognised and undoing an upload can give the amount
    back. Readers use ``ImportedTransaction.objects.counted()``.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="bill_transactions")
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="transactions")
    key = models.CharField(max_length=64)
    source = models.CharField(max_length=40)
    order_id = models.CharField(max_length=120, blank=True)
    occurred_at = models.DateTimeField()  # the bill's local time (Asia/Shanghai), stored aware
    month = models.CharField(max_length=7)  # 2023-01, for filters and summaries
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    direction = models.CharField(max_length=10, choices=[(d.value, d.value) for d in Direction])
    counterparty = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=300, blank=True)
    platform_category = models.CharField(max_length=100, blank=True)
    category = models.CharField(max_length=40, blank=True)  # "" = uncategorised
    payment_method = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=100, blank=True)
    row = models.PositiveIntegerField(default=0)
    refund_of = models.CharField(max_length=120, blank=True)
    refunded = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    netted = models.BooleanField(default=False)
    netted_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="netted_refunds"
    )
    posted_on = models.DateField(null=True, blank=True)  # the day the bank booked it, where the bill says
    # A bank or card row that is the same payment as a wallet's row (counted there): undoing the wallet's upload
    # sets this back to null, and the bank row counts again.
    same_as = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="same_payments"
    )

    objects = CountedQuerySet.as_manager()

    class Meta:
        ordering = ("-occurred_at", "-id")
        indexes = (
            models.Index(fields=("case", "key"), name="budget_tx_case_key"),
            models.Index(fields=("case", "month"), name="budget_tx_case_month"),
        )


class CategoryRule(models.Model):
    """A user rule: counterparty or keyword → category. Rules apply in ``position`` order, first match wins."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="category_rules")
    position = models.PositiveIntegerField(default=0)
    field = models.CharField(
        _("匹配"),
        max_length=20,
        choices=[
            (RuleField.COUNTERPARTY.value, _("交易对方包含")),
            (RuleField.KEYWORD.value, _("任意文字包含")),
        ],
        default=RuleField.COUNTERPARTY.value,
    )
    match = models.CharField(_("文字"), max_length=100)
    category = models.CharField(_("类别"), max_length=40)

    class Meta:
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.match} → {self.category}"


class ChoiceQuerySet(models.QuerySet["CategoryChoice"]):
    def of(self, case: Case) -> dict[str, str]:
        """The case's chosen categories by transaction key (a person's choices: few, read at once)."""
        return dict(self.filter(case=case).values_list("key", "category"))


class CategoryChoice(models.Model):
    """One transaction's category as a person chose it, by the transaction's ``key`` (its identity across
    uploads): it wins over the rules and the platform map, and it is there again when the same bill is imported
    again after its upload was undone."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="category_choices")
    key = models.CharField(max_length=64)
    category = models.CharField(max_length=40)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChoiceQuerySet.as_manager()

    class Meta:
        ordering = ("id",)
        constraints = (models.UniqueConstraint(fields=("case", "key"), name="budget_choice_case_key"),)

    def __str__(self) -> str:
        return f"{self.key[:8]} → {self.category}"


class ConfirmedDebt(models.Model):
    """A debt found in the bills that the user confirmed into the debt list."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="confirmed_bill_debts")
    counterparty = models.CharField(max_length=200)
    debt = models.ForeignKey(Debt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)


class SavedMapping(models.Model):
    """A column mapping the user made for a bill layout we do not know (``importers.generic.ColumnMapping``),
    kept under a name and applied again to files whose header row is ``header``."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="bill_mappings")
    name = models.CharField(_("名称"), max_length=60)
    header = models.JSONField(default=list)  # the header row's cells, as the file wrote them
    mapping = models.JSONField(default=dict)  # ColumnMapping.to_dict()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at", "-id")
        constraints = (models.UniqueConstraint(fields=("case", "name"), name="budget_mapping_case_name"),)

    def __str__(self) -> str:
        return self.name


class PendingUpload(models.Model):
    """A file whose layout we did not recognise, kept while the user maps its columns (one per case)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pending_bills")
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)


class CardStatement(models.Model):
    """One credit-card statement read from an upload (``core.card_bills.CardBill``): the figures the card's debt
    is updated from, and the repayments it lists, from which the card's payment history is worked out."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="card_statements")
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="card_statements")
    bank = models.CharField(max_length=20)
    card = models.CharField(max_length=4, blank=True)  # last four digits only
    statement_date = models.DateField()
    due_date = models.DateField()
    cycle_start = models.DateField(null=True, blank=True)
    balance = models.DecimalField(max_digits=16, decimal_places=2)
    minimum = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    credit_limit = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    daily_rate = models.DecimalField(max_digits=12, decimal_places=10, null=True, blank=True)
    late_fee = models.JSONField(default=dict, blank=True)  # {"rate", "minimum", "maximum", "text"} as printed
    figures = models.JSONField(default=dict, blank=True)  # previous_balance, payments, new_charges, interest
    repayments = models.JSONField(default=list, blank=True)  # [[day, amount], …] money paid to the card
    debt = models.ForeignKey(Debt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    applied_at = models.DateTimeField(null=True, blank=True)  # when the person confirmed it into the debt

    class Meta:
        ordering = ("bank", "card", "statement_date", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("case", "bank", "card", "statement_date"), name="budget_card_statement_once"
            ),
        )


class StagedBill(models.Model):
    """A file sent on its own (the page uploads files one by one to show each one's progress and result),
    waiting for the import that takes all files of its ``group`` together."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="staged_bills")
    group = models.CharField(max_length=40)
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
