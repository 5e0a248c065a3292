"""The case's evidence ledger is named on the case now (``cases.Case.evidence_chain``, filled from this key)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("cases", "0004_evidence_chain_per_case"),
    ]

    operations = [migrations.RemoveField(model_name="contactsettings", name="evidence_key")]
