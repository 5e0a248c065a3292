"""The materials share the case's evidence ledger now (``cases.Case.evidence_chain``): no key of their own."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("paperwork", "0002_package_members"),
        ("cases", "0004_evidence_chain_per_case"),
    ]

    operations = [migrations.DeleteModel(name="PaperworkSettings")]
