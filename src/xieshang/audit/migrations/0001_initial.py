"""The audit log's table, and a trigger that refuses any UPDATE of it (SQLite and PostgreSQL)."""

from django.db import migrations, models

SQLITE = (
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
)
POSTGRES = (
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$; "
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();"
)


def add_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_append_only")
    elif vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent; "
            "DROP FUNCTION IF EXISTS audit_event_append_only();"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(db_index=True)),
                ("actor_id", models.BigIntegerField(db_index=True, null=True)),
                ("actor_name", models.CharField(max_length=150)),
                ("organisation_id", models.BigIntegerField(db_index=True, null=True)),
                ("case_id", models.BigIntegerField(db_index=True, null=True)),
                ("case_owner_id", models.BigIntegerField(db_index=True, null=True)),
                ("case_organisations", models.CharField(blank=True, max_length=200)),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("view", "查看"),
                            ("change", "修改"),
                            ("export", "导出"),
                            ("share", "分享"),
                            ("unshare", "取消分享"),
                            ("reveal", "显示完整号码"),
                            ("delete", "删除"),
                            ("create", "新建"),
                        ],
                        max_length=10,
                    ),
                ),
                ("what_zh", models.CharField(max_length=200)),
                ("what_en", models.CharField(max_length=200)),
                ("address", models.CharField(blank=True, max_length=64)),
            ],
            options={"ordering": ("-at", "-id")},
        ),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
