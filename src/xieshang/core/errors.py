"""Error types of the domain. Messages are for people: they name the field and the problem, in both languages.

A :class:`FieldError` carries its message as a :class:`~xieshang.core.bilingual.Text` value (Chinese and
English side by side), so a page picks its language with ``error.text.get(lang)`` and the command line prints
both (``error.message``: ``"必填 / required"``). Code that still writes one ``"中文 / English"`` string gets it
split here, once, when the error is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bilingual import SEPARATOR, Text


class XieshangError(Exception):
    """Base class of every error the domain raises on purpose."""


@dataclass(frozen=True, init=False)
class FieldError:
    """One problem at one place: ``debts[2].annual_rate: 必须是 ≥ 0 的数字 / must be a number ≥ 0``."""

    path: str
    text: Text

    def __init__(self, path: str, message: Text | str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "text", message if isinstance(message, Text) else Text.split(message))

    @property
    def message(self) -> str:
        """Both languages in one line, Chinese first (one language when both read the same)."""
        return both(self.text)

    def get(self, lang: str | None) -> str:
        """The message alone in ``lang`` (the page's language)."""
        return self.text.get(lang)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def both(text: Text) -> str:
    """``Text("必填", "required")`` → ``"必填 / required"``; one language when the two are the same."""
    if not text.en or text.en == text.zh:
        return text.zh
    if not text.zh:
        return text.en
    return f"{text.zh}{SEPARATOR}{text.en}"


class ValidationError(XieshangError):
    """One or more located problems with input."""

    def __init__(self, errors: list[FieldError] | FieldError | Text | str, path: str = "") -> None:
        if isinstance(errors, (str, Text)):
            errors = [FieldError(path, errors)]
        elif isinstance(errors, FieldError):
            errors = [errors]
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    def located(self, prefix: str) -> ValidationError:
        """The same errors with ``prefix`` put in front of every path."""

        def join(path: str) -> str:
            if not path:
                return prefix
            return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"

        return ValidationError([FieldError(join(e.path), e.text) for e in self.errors])


class AmountError(ValidationError):
    """An amount of money that cannot be read."""


class NoRateError(XieshangError):
    """No rate of return exists for the cash flows (e.g. payments never repay what was received)."""
