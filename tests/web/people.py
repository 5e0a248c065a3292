"""The people of a counsellor-mode server, for the permission, audit and desk tests (real accounts, no mocks).

Organisation 1 has a counsellor the case is shared with read-only, one with read-write, one without a share,
and an admin; organisation 2 has an admin. Borrower A owns case A (shared with the two counsellors); borrower B
owns case B. Admins' sessions have passed their second factor (a real TOTP device, django-otp).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from xieshang.accounts.models import ColleagueAccess, Organisation, Role
from xieshang.accounts.users import set_role
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Case, CaseShare, ShareLevel

from .conftest import SMALL_CASE

PASSWORD = "a long enough pass phrase 42"


def make_user(username: str, role: str = Role.BORROWER, org: Organisation | None = None):  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    set_role(user, role, org)
    return user


def client_of(user, verified: bool = False) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@dataclass
class World:
    org1: Organisation
    org2: Organisation
    users: dict[str, object]
    case_a: Case
    case_b: Case
    clients: dict[str, Client] = field(default_factory=dict)


ACTORS = (
    "anonymous",
    "borrower_a",
    "borrower_b",
    "counsellor_none",
    "counsellor_read",
    "counsellor_write",
    "admin_other",
    "admin_same",
)


def build_world() -> World:
    org1 = Organisation.objects.create(name="某法律援助中心", colleague_access=ColleagueAccess.NONE)
    org2 = Organisation.objects.create(name="另一家机构")
    users = {
        "borrower_a": make_user("borrower_a"),
        "borrower_b": make_user("borrower_b"),
        "counsellor_none": make_user("counsellor_none", Role.COUNSELLOR, org1),
        "counsellor_read": make_user("counsellor_read", Role.COUNSELLOR, org1),
        "counsellor_write": make_user("counsellor_write", Role.COUNSELLOR, org1),
        "admin_other": make_user("admin_other", Role.ADMIN, org2),
        "admin_same": make_user("admin_same", Role.ADMIN, org1),
    }
    case_a = import_case_text(users["borrower_a"], SMALL_CASE, source_name="a.yaml")
    case_b = import_case_text(
        users["borrower_b"], SMALL_CASE.replace("测试用户", "另一位借款人"), source_name="b.yaml"
    )
    CaseShare.objects.create(case=case_a, user=users["counsellor_read"], level=ShareLevel.READ)
    CaseShare.objects.create(case=case_a, user=users["counsellor_write"], level=ShareLevel.WRITE)
    world = World(org1, org2, users, case_a, case_b)
    world.clients["anonymous"] = Client()
    for name, user in users.items():
        world.clients[name] = client_of(user, verified=name.startswith("admin"))
    return world
