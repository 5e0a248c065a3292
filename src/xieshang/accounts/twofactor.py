"""Two-step sign-in with a time-based code (TOTP, django-otp): optional for counsellors, required for admins.

An account adds an authenticator app on its account page (:func:`new_device` shows a QR code and the secret;
the first right code confirms the device). From then on signing in asks for a code after the password
(:func:`verify`, which also counts toward the account's lockout). An organisation admin's session that has
not passed a code reaches only the pages that set one up (``.middleware``).
"""

from __future__ import annotations

import base64
from base64 import b32encode
from binascii import unhexlify

import segno
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_device(user: AbstractBaseUser) -> TOTPDevice:
    """The account's device being set up (unconfirmed), made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app takes it typed (base32, in groups of four)."""
    raw = b32encode(unhexlify(device.key.encode())).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` URI as a QR code (SVG, as a data: URI the page's policy allows)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def verify(device: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is the device's current code (django-otp throttles repeated failures itself)."""
    return bool(device.verify_token("".join(code.split())))


def confirm(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Confirm a device being set up with its first code; this session then counts as verified."""
    if not verify(device, code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return True


def remove(user: AbstractBaseUser) -> None:
    TOTPDevice.objects.filter(user=user).delete()


def is_verified(request: HttpRequest) -> bool:
    checker = getattr(request.user, "is_verified", None)
    return bool(checker()) if callable(checker) else False
