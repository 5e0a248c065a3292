"""URLs of the 预算与账单 pages, under cases/<pk>/budget/ (every view receives ``pk``, the case id)."""

from __future__ import annotations

from django.urls import URLPattern

from xieshang.cases.routes import PAGE, READ, WRITE, case_path
from xieshang.core.bilingual import Text as T

from .views import cards, categorise, discovery, mappings, rules, statement, summary, transactions, uploads

app_name = "budget"

BILLS = T("账单", "bills")

urlpatterns: list[URLPattern] = [
    case_path("", statement.statement, PAGE, name="statement", what=T("收支表", "financial statement")),
    case_path(
        "template.xlsx",
        statement.template_xlsx,
        READ,
        name="template",
        what=T("收支表模板", "statement template"),
        export=True,
    ),
    case_path(
        "import/",
        statement.import_xlsx,
        WRITE,
        name="statement-import",
        what=T("导入收支表", "statement import"),
    ),
    case_path("bills/", uploads.upload, PAGE, name="upload", what=BILLS),
    case_path("bills/stage/", uploads.stage, WRITE, name="stage", what=BILLS),
    case_path("bills/<int:batch_pk>/delete/", uploads.batch_delete, WRITE, name="batch-delete", what=BILLS),
    case_path("cards/", cards.cards, PAGE, name="cards", what=T("信用卡账单", "card statements")),
    case_path(
        "cards/<slug:key>/confirm/",
        cards.card_confirm,
        WRITE,
        name="card-confirm",
        what=T("信用卡账单", "card statements"),
    ),
    case_path(
        "bills/mapping/<int:pending_pk>/",
        mappings.mapping,
        WRITE,
        name="mapping",
        what=T("列映射", "column mapping"),
    ),
    case_path(
        "bills/mappings/<int:mapping_pk>/delete/",
        mappings.mapping_delete,
        WRITE,
        name="mapping-delete",
        what=T("列映射", "column mapping"),
    ),
    case_path(
        "transactions/",
        transactions.transactions,
        READ,
        name="transactions",
        what=T("交易明细", "transactions"),
    ),
    case_path(
        "transactions/<str:txn>/",
        categorise.transaction,
        PAGE,
        name="transaction",
        what=T("交易类别", "transaction category"),
    ),
    case_path(
        "export.xlsx",
        transactions.export_xlsx,
        READ,
        name="export",
        what=T("交易表格", "transactions workbook"),
        export=True,
    ),
    case_path("rules/", rules.rules, PAGE, name="rules", what=T("分类规则", "category rules")),
    case_path(
        "rules/<int:index>/delete/",
        rules.rule_delete,
        WRITE,
        name="rule-delete",
        what=T("分类规则", "category rules"),
    ),
    case_path("debts/", discovery.possible_debts, READ, name="debts", what=T("可能的债务", "possible debts")),
    case_path(
        "debts/confirm/",
        discovery.confirm_debt,
        WRITE,
        name="confirm-debt",
        what=T("可能的债务", "possible debts"),
    ),
    case_path("summary/", summary.summary, READ, name="summary", what=T("收支汇总", "income and spending")),
]
