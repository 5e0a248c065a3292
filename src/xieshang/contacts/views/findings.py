"""Collection-conduct findings over the contact log, with the data a complaint needs (where, what, evidence)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from xieshang import reference
from xieshang.cases.access import get_case_for_user
from xieshang.cases.labels import confidence_label
from xieshang.cases.reading import case_view
from xieshang.core.collection import complaint_data
from xieshang.core.contacts import timeline

from ..presenters import english, finding_items
from ..store import case_entries


def _channel(channel_id: str) -> dict[str, str] | None:
    try:
        c = reference.help_channel(channel_id)
    except KeyError:
        return None
    en = english()
    return {
        "number": c.number,
        "name": c.name_en if en else c.name_zh,
        "for": c.for_en if en else c.for_zh,
        "note": c.note_en if en else c.note_zh,
        "confidence": confidence_label(c.confidence) if c.confidence != "common" else "",
    }


@login_required
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    rules = view.reference.collection_rules
    contacts = timeline(view.case.contacts)
    found = view.findings
    evidence = case_entries(case)
    complaint = complaint_data(found, view.case, rules, contacts)
    lang = get_language()
    debt_names = {key: name.get(lang) for key, name in view.names.items()}
    groups = [
        {
            "group": g,
            "channels": [c for c in (_channel(i) for i in g.complaint_channels) if c],
            "debts": [debt_names.get(d, d) for d in g.debt_ids],
            "rules": [(r.title_en if english() else r.title_zh) for r in rules if r.id in g.rule_ids],
        }
        for g in complaint.groups
    ]
    en = english()
    context = {
        "case": case,
        "items": finding_items(found, contacts, evidence),
        "complaint": complaint,
        "groups": groups,
        "rules": [
            {
                "title": r.title_en if en else r.title_zh,
                "summary": r.summary_en if en else r.summary_zh,
                "source": r.source,
                "confidence": confidence_label(r.confidence),
            }
            for r in rules
        ],
        "help": [c for c in (_channel(h.id) for h in reference.help_channels()) if c],
        "contact_count": len(contacts),
    }
    return render(request, "contacts/findings.html", context)
