"""Every case now names its own evidence chain: the name is unique (a separate migration: PostgreSQL does not
alter a table in the transaction that just updated its rows)."""

from django.db import migrations, models

import xieshang.cases.models


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_evidence_chain_per_case")]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="evidence_chain",
            field=models.CharField(
                default=xieshang.cases.models.new_evidence_chain, editable=False, max_length=64, unique=True
            ),
        ),
    ]
