"""Before and after in one run: ``python -m benchmarks.compare --base-ref main [--rounds 3] [--only …] [--quick]``.

The benchmarks of this checkout are run against two versions of the code, ``src/`` here and the ``src/`` of
``--base-ref`` (a git ref, exported to a temporary folder) or of ``--base`` (a folder holding ``src/``), each in a
fresh process, in turn (base first in odd rounds, this checkout first in even ones), so that the load of a
shared machine falls on both alike. The table gives each row's median over the rounds, before and after, and
the machine's load average around each run; ``bench-results/compare.json`` holds every round. Benchmarks that
need code only one version has measure the way the other version does the same job (see each module).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent


def export(ref: str, into: Path) -> Path:
    """``src/`` of git ``ref`` in ``into``."""
    archive = subprocess.run(["git", "archive", ref, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def one_run(source: Path, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """The rows of one ``python -m benchmarks`` over the code in ``source/src``, with the load around it."""
    env = {**os.environ, "PYTHONPATH": f"{source / 'src'}{os.pathsep}{ROOT}"}
    command = [sys.executable, "-m", "benchmarks", "--quiet", "--out", str(out)]
    if args.only:
        command += ["--only", args.only]
    if args.quick:
        command.append("--quick")
    before = os.getloadavg()[0]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    after = os.getloadavg()[0]
    return {"rows": json.loads(out.read_text(encoding="utf-8")), "load": [before, after]}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare", description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--base-ref", help="git ref of the code before, e.g. main")
    where.add_argument("--base", type=Path, help="a folder holding the code before in src/")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated module names, e.g. bench_engine")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "compare.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="xieshang-compare-") as tmp:
        base = args.base or export(args.base_ref, Path(tmp))
        sides = {"before": base, "after": ROOT}
        runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
        for number in range(args.rounds):
            order = ("before", "after") if number % 2 == 0 else ("after", "before")
            for side in order:
                print(f"round {number + 1}/{args.rounds}: {side}", file=sys.stderr)
                runs[side].append(one_run(sides[side], args, Path(tmp) / f"{side}-{number}.json"))
    table, report = summarise(runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"rounds": runs, "medians": report}, ensure_ascii=False, indent=2), "utf-8"
    )
    Console(width=max(Console().width, 150)).print(table)
    loads = {side: [load for run in runs[side] for load in run["load"]] for side in runs}
    print(f"load average (1 min) around the runs: {loads}; wrote {args.out}", file=sys.stderr)
    return 0


def summarise(runs: dict[str, list[dict[str, Any]]]) -> tuple[Table, list[dict[str, Any]]]:
    """Median value and ratio of every row, before and after."""
    keys: list[tuple[str, str]] = []
    values: dict[tuple[str, str, str], list[float]] = {}
    ratios: dict[tuple[str, str, str], list[float]] = {}
    units: dict[tuple[str, str], str] = {}
    for side, side_runs in runs.items():
        for run in side_runs:
            for row in run["rows"]:
                key = (str(row["module"]), str(row["name"]))
                if key not in units:
                    keys.append(key)
                    units[key] = str(row.get("unit", ""))
                if isinstance(row.get("value"), int | float):
                    values.setdefault((side, *key), []).append(float(row["value"]))
                if isinstance(row.get("ratio"), int | float):
                    ratios.setdefault((side, *key), []).append(float(row["ratio"]))
    table = Table(title="Xieshang benchmarks: before → after (medians)")
    for column in (
        "module",
        "benchmark",
        "unit",
        "before",
        "after",
        "after/before",
        "ratio before",
        "ratio after",
    ):
        table.add_column(column)
    report = []
    for key in keys:
        before, after = _median(values.get(("before", *key), [])), _median(values.get(("after", *key), []))
        rb, ra = _median(ratios.get(("before", *key), [])), _median(ratios.get(("after", *key), []))
        change = after / before if before and after is not None else None
        report.append(
            {
                "module": key[0],
                "name": key[1],
                "unit": units[key],
                "before": before,
                "after": after,
                "after_over_before": change,
                "ratio_before": rb,
                "ratio_after": ra,
            }
        )
        table.add_row(key[0], key[1], units[key], *(_cell(v) for v in (before, after, change, rb, ra)))
    return table, report


def _cell(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.3f}" if abs(value) < 1000 else f"{value:,.0f}"


if __name__ == "__main__":
    sys.exit(main())
