"""Credit disputes and progress notes are addressed by id now (they were addressed by position, which shifts
when one is deleted): every stored entry without an id gets one from its case's counter."""

from django.db import migrations

NUMBERED_SECTIONS = {"disputes": "d", "progress_notes": "n"}


def number_entries(apps, schema_editor):
    case_model = apps.get_model("cases", "Case")
    for case in case_model.objects.all().only("pk", "sections", "next_serial"):
        serial, changed = case.next_serial, False
        sections = dict(case.sections or {})
        for name, prefix in NUMBERED_SECTIONS.items():
            items = sections.get(name)
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict) and not item.get("id"):
                    item["id"] = f"{prefix}{serial}"
                    serial, changed = serial + 1, True
        if changed:
            case_model.objects.filter(pk=case.pk).update(sections=sections, next_serial=serial)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_evidence_chain_unique")]

    operations = [migrations.RunPython(number_entries, migrations.RunPython.noop)]
