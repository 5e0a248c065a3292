"""Error types of the domain. Messages are for people: they name the field and the problem."""

from __future__ import annotations

from dataclasses import dataclass


class XieshangError(Exception):
    """Base class of every error the domain raises on purpose."""


@dataclass(frozen=True)
class FieldError:
    """One problem at one place: ``debts[2].annual_rate: must be a number ≥ 0``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(XieshangError):
    """One or more located problems with input."""

    def __init__(self, errors: list[FieldError] | FieldError | str, path: str = "") -> None:
        if isinstance(errors, str):
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

        return ValidationError([FieldError(join(e.path), e.message) for e in self.errors])


class AmountError(ValidationError):
    """An amount of money that cannot be read."""


class NoRateError(XieshangError):
    """No rate of return exists for the cash flows (e.g. payments never repay what was received)."""
