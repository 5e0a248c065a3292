"""What each kind of job is called and how its result reads, registered by the app that owns the kind (in its
``AppConfig.ready()``), so this app never imports a feature app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from .models import Job


@dataclass(frozen=True)
class Outcome:
    """The result as the page shows it: lines of text, and where to go next."""

    lines: list[str] = field(default_factory=list)
    link: str = ""
    link_label: str | Promise = ""


@dataclass(frozen=True)
class Kind:
    name: str
    title: str | Promise
    describe: Callable[[Job], Outcome]
    back: Callable[[Job], str]  # the page the job was started from


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _KINDS.setdefault(kind.name, kind)


def kind_of(job: Job) -> Kind | None:
    return _KINDS.get(job.kind)
