"""Case file export and import from the UI (views/casefile_io.py): every field round-trips."""

from __future__ import annotations

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xieshang.casefile import load_case_text
from xieshang.cases.convert import case_file_dict
from xieshang.cases.demo import demo_text, load_demo_case
from xieshang.cases.models import Case


def _upload(text: str, name: str = "case.yaml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="application/yaml")


def test_export_reads_back_as_the_same_case(client_in, owner):
    case = load_demo_case(owner)
    response = client_in.get(reverse("case-export", args=[case.pk]), {"numbers": "full"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    exported = response.content.decode()
    assert load_case_text(exported) == load_case_text(demo_text())  # every core field, payments included
    assert yaml.safe_load(exported)["debts"][1]["extra"]["status"] == "negotiating"


def test_import_export_round_trips_every_field(client_in, owner):
    first = client_in.get(
        reverse("case-export", args=[load_demo_case(owner).pk]), {"numbers": "full"}
    ).content.decode()
    response = client_in.post(reverse("case-import"), {"file": _upload(first)})
    assert response.status_code == 302
    imported = Case.objects.order_by("-id").first()
    assert case_file_dict(imported) == yaml.safe_load(first)


def test_bad_case_file_names_the_place_and_saves_nothing(client_in, owner):
    bad = (
        demo_text()
        .replace("principal: '20000.00'", "principal: 'lots'")
        .replace("term_months: 12", "term_months: -1", 1)
    )
    response = client_in.post(reverse("case-import"), {"file": _upload(bad)})
    assert response.status_code == 400
    problems = response.context["problems"]
    assert any(p.startswith("debts[0].principal") for p in problems)
    assert Case.objects.count() == 0


def test_not_yaml(client_in, owner):
    response = client_in.post(reverse("case-import"), {"file": _upload("debts: [unclosed")})
    assert response.status_code == 400 and response.context["problems"]
    assert Case.objects.count() == 0


def test_demo_loader_is_the_same_file(owner):
    case = load_demo_case(owner)
    assert case.as_of.isoformat() == "2026-11-20" and case.debts.count() == 6
