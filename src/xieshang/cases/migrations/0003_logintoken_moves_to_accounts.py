"""``LoginToken`` now belongs to ``xieshang.accounts`` (its table was renamed there, rows kept)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_revision_and_serial"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="LoginToken")]),
    ]
