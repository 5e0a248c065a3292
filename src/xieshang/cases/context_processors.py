"""Values every page shows: the free help numbers in the footer, read from the packaged data, as tap-to-call links."""

from __future__ import annotations

from django.http import HttpRequest

from xieshang import reference

from .templatetags.xs_format import tel


def help_numbers(request: HttpRequest) -> dict[str, object]:
    numbers = {c.id: c.number for c in reference.help_channels()}
    return {
        "help_complaints": tel(numbers.get("nfra-12378", "")),
        "help_legal_aid": tel(numbers.get("legal-aid-12348", "")),
    }
