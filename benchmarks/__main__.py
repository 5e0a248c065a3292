"""``make bench``: run every benchmark module, print a table, write ``bench-results/bench.json``.

Each ``benchmarks/bench_*.py`` exposes ``run(quick: bool) -> list[Result]``. A result names what was measured,
its figure and unit, and (where the issue asks for one) the ratio to a baseline measured in the same process.

Each module runs in a fresh process of its own (unless ``--same-process``), so that a module's figures do not
depend on the heap and caches the modules before it left: a ratio's two sides are measured alike either way, but
a bare loop timed after a million-row import was up to twice as slow as timed alone.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

import benchmarks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", default="", help="comma-separated module names, e.g. bench_engine")
    parser.add_argument("--out", default="bench-results/bench.json")
    parser.add_argument(
        "--quiet", action="store_true", help="no table, only the JSON (for benchmarks.compare)"
    )
    parser.add_argument(
        "--same-process", action="store_true", help="run every module in this process (the default: one each)"
    )
    args = parser.parse_args(argv)
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    if args.only:
        wanted = set(args.only.split(","))
        names = [n for n in names if n in wanted]
    results: list[dict[str, object]] = []
    load = os.getloadavg()[0]
    for name in names:
        started = time.perf_counter()
        if args.same_process or len(names) == 1:
            module = importlib.import_module(f"benchmarks.{name}")
            results.extend({"module": name, **row} for row in module.run(quick=args.quick))
            print(f"{name}: {time.perf_counter() - started:.1f}s", file=sys.stderr)
        else:  # the process prints its own time
            results.extend(_in_own_process(name, args.quick))
    results.extend(scaling_summary(results))
    results.append(
        {
            "module": "machine",
            "name": "load average (1 min), start → end",
            "value": os.getloadavg()[0],
            "unit": "",
            "baseline": load,
            "note": f"{os.cpu_count()} cores; baseline = at the start",
        }
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    if args.quiet:
        return 0
    table = Table(title="Xieshang benchmarks")
    for column in ("module", "benchmark", "value", "unit", "baseline", "ratio", "note"):
        table.add_column(column)
    for row in results:
        table.add_row(
            *(_cell(row.get(c)) for c in ("module", "name", "value", "unit", "baseline", "ratio", "note"))
        )
    Console(width=max(Console().width, 150)).print(table)
    return 0


def _in_own_process(name: str, quick: bool) -> list[dict[str, Any]]:
    """The rows of module ``name`` run alone in a fresh interpreter (its own summary rows left out)."""
    with tempfile.TemporaryDirectory(prefix="xieshang-bench-") as folder:
        out = Path(folder) / "rows.json"
        command = [sys.executable, "-m", "benchmarks", "--only", name, "--out", str(out), "--quiet"]
        subprocess.run([*command, *(["--quick"] if quick else [])], check=True)
        rows: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return [row for row in rows if row.get("module") == name]


def scaling_summary(results: list[dict[str, object]]) -> list[dict[str, object]]:
    """For each path with scaling rows: its time per unit at the largest size over that at the smallest (a path
    that grows linearly stays near 1; the issue asks at most 1.5)."""
    paths: dict[str, list[dict[str, Any]]] = {}
    for row in results:
        scaling = row.get("scaling")
        if isinstance(scaling, dict):
            paths.setdefault(str(scaling["path"]), []).append(scaling)
    out: list[dict[str, object]] = []
    for path, rows in paths.items():
        small, large = min(rows, key=lambda r: r["size"]), max(rows, key=lambda r: r["size"])
        out.append(
            {
                "module": "scaling",
                "name": f"{path}: per {large['unit']} at {large['size']:,} / at {small['size']:,}",
                "value": large["per_unit"] / small["per_unit"],
                "unit": "×",
                "note": "linear growth keeps this near 1; target ≤ 1.5",
            }
        )
    return out


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
