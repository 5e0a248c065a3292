"""Benchmarks: ``make bench`` (``python -m benchmarks``). They measure; tests never assert on time."""

from __future__ import annotations

SCALES = {"s": 1.0, "ms": 1e3, "µs": 1e6}


def scaling_row(
    path: str, label: str, size: int, seconds: float, units: int, unit: str, shown: str, note: str
) -> dict[str, object]:
    """A scaling row: ``path`` at ``size`` took ``seconds`` for ``units`` of ``unit`` (shown in ``shown``: s, ms
    or µs per unit). ``python -m benchmarks`` compares the time per unit at the largest and the smallest size."""
    per_unit = seconds / units
    return {
        "name": f"scaling: {label}",
        "value": per_unit * SCALES[shown],
        "unit": f"{shown}/{unit}",
        "note": note,
        "scaling": {"path": path, "size": size, "per_unit": per_unit, "unit": unit},
    }
