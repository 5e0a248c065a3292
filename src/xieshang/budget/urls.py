"""URLs of the 预算与账单 pages, under cases/<pk>/budget/ (every view receives ``pk``, the case id)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import cards, discovery, mappings, rules, statement, summary, transactions, uploads

app_name = "budget"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", statement.statement, name="statement"),
    path("template.xlsx", statement.template_xlsx, name="template"),
    path("import/", statement.import_xlsx, name="statement-import"),
    path("bills/", uploads.upload, name="upload"),
    path("bills/stage/", uploads.stage, name="stage"),
    path("bills/<int:batch_pk>/delete/", uploads.batch_delete, name="batch-delete"),
    path("cards/", cards.cards, name="cards"),
    path("cards/<slug:key>/confirm/", cards.card_confirm, name="card-confirm"),
    path("bills/mapping/<int:pending_pk>/", mappings.mapping, name="mapping"),
    path("bills/mappings/<int:mapping_pk>/delete/", mappings.mapping_delete, name="mapping-delete"),
    path("transactions/", transactions.transactions, name="transactions"),
    path("export.xlsx", transactions.export_xlsx, name="export"),
    path("rules/", rules.rules, name="rules"),
    path("rules/<int:index>/delete/", rules.rule_delete, name="rule-delete"),
    path("debts/", discovery.possible_debts, name="debts"),
    path("debts/confirm/", discovery.confirm_debt, name="confirm-debt"),
    path("summary/", summary.summary, name="summary"),
]
