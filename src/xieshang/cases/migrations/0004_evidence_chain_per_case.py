"""One evidence ledger per case, anchored in the case row; the old shared ledger moves without losing an entry.

The old ledger (``<data dir>/evidence/ledger.jsonl``) named a case by the contact pages' ``evidence_key`` or
the materials pages' ``ledger_key``. Each case gets its own chain (keeping its contact key as the chain's name,
so nothing else changes), every entry is copied into it in order with where it came from
(``xieshang.evidence.legacy``), and the case's anchor is set from the new chain. A materials file's ledger
number follows its entry. The old ledger must verify first; if it does not, the migration stops and changes
nothing. Once committed, the old ledger and its files are deleted.
"""

import logging

from django.apps import apps as installed
from django.conf import settings
from django.db import migrations, models, transaction

import xieshang.cases.models

log = logging.getLogger(__name__)


def _feature_model(apps, label, name):
    try:
        return apps.get_model(label, name)
    except LookupError:  # that feature app is not installed
        return None


def move_shared_ledger(apps, schema_editor):
    from xieshang.evidence.legacy import has_shared_ledger, retire_shared_ledger, split_shared_ledger

    case_model = apps.get_model("cases", "Case")
    contact_settings = _feature_model(apps, "contacts", "ContactSettings")
    paperwork_settings = _feature_model(apps, "paperwork", "PaperworkSettings")
    material_file = _feature_model(apps, "paperwork", "MaterialFile")
    chain_of_case: dict[int, str] = {}
    if contact_settings is not None:
        chain_of_case.update(contact_settings.objects.values_list("case_id", "evidence_key"))
    for case in case_model.objects.all().only("pk"):
        key = chain_of_case.setdefault(case.pk, xieshang.cases.models.new_evidence_chain())
        case_model.objects.filter(pk=case.pk).update(evidence_chain=key)
    owner = {key: key for key in chain_of_case.values()}  # entries recorded by the contact pages
    if paperwork_settings is not None:
        for case_pk, key in paperwork_settings.objects.values_list("case_id", "ledger_key"):
            if case_pk in chain_of_case:
                owner[key] = chain_of_case[case_pk]  # entries recorded by the materials pages
    data_dir = settings.DATA_DIR
    if not has_shared_ledger(data_dir):
        return
    moved = {m.key: m for m in split_shared_ledger(data_dir, owner.get)}
    for case_pk, key in chain_of_case.items():
        chain = moved.get(key)
        if chain is not None:
            case_model.objects.filter(pk=case_pk).update(
                evidence_entries=chain.entries, evidence_head=chain.head
            )
            if material_file is not None:
                for row in material_file.objects.filter(case_id=case_pk).exclude(ledger_seq=None):
                    row.ledger_seq = chain.seqs.get(row.ledger_seq)
                    row.save(update_fields=["ledger_seq"])
    log.warning("evidence: moved the shared ledger to %d per-case chains", len(moved))
    transaction.on_commit(lambda: retire_shared_ledger(data_dir))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_logintoken_moves_to_accounts"),
        *(
            (label, "0001_initial")
            for label in ("contacts", "paperwork")
            if installed.is_installed(f"xieshang.{label}")
        ),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="evidence_chain",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="evidence_entries",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="case",
            name="evidence_head",
            field=models.CharField(default=xieshang.cases.models.GENESIS, editable=False, max_length=64),
        ),
        migrations.RunPython(move_shared_ledger, migrations.RunPython.noop),
    ]
