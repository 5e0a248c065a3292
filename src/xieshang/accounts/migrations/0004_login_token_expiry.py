"""Each sign-in link carries its own expiry (a day from the terminal, minutes from a device). A link made before
this migration keeps the day it had (created + 1 day), so an upgrade never spoils a printed link."""

from datetime import timedelta

from django.db import migrations, models
from django.db.models import F


def keep_the_day(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("accounts", "LoginToken").objects.update(expires_at=F("created_at") + timedelta(days=1))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_tokens")]

    operations = [
        migrations.AddField(
            model_name="logintoken", name="expires_at", field=models.DateTimeField(null=True)
        ),
        migrations.RunPython(keep_the_day, migrations.RunPython.noop),
        migrations.AlterField(model_name="logintoken", name="expires_at", field=models.DateTimeField()),
    ]
