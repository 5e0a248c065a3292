"""Import and summarise a generated Alipay export (2023+ format, GBK): 1,000,000 rows (quick: 50,000).

"Import and summarise" is what ``xieshang import`` computes of a file: read, de-duplicate, net refunds,
categorise, sum by month. It is done the way the code at hand does it: streamed through ``importers.digest``
where that exists (nothing but the summary and what netting needs is kept), else ``import_bytes`` then
``merge``, ``categorise`` and ``summarise`` over the lists. The baseline is a bare ``csv``-module read of the
same file (decode + split into cells, nothing else); the two are run in turn, best of each.

Peak memory is ``VmHWM`` of a fresh process doing one or the other. Scaling rows: 10,000 / 100,000 /
1,000,000 rows (quick: 2,000 / 10,000 / 50,000), time per row.
"""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import scaling_row
from xieshang.core.categories import categorise
from xieshang.core.summary import summarise
from xieshang.importers.detect import import_bytes
from xieshang.importers.merge import merge
from xieshang.importers.reference import category_map, known_lenders

try:
    from xieshang.importers.digest import digest
except ImportError:  # the code before the one-pass digest: the benchmark measures its way
    digest = None

HEADER = (
    "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,"
)
ROWS = [
    ("餐饮美食", "肯德基", "支出", "交易成功"),
    ("日用百货", "便利店", "支出", "交易成功"),
    ("交通出行", "滴滴出行", "支出", "交易成功"),
    ("转账红包", "张三", "收入", "交易成功"),
    ("信用借还", "花呗", "不计收支", "交易成功"),
    ("投资理财", "余额宝", "不计收支", "交易成功"),
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    preamble = [
        "-" * 40,
        "导出信息：",
        "姓名：测试",
        f"共{rows}笔记录",
        "",
        "-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24,
    ]
    with path.open("w", encoding="gbk", newline="") as out:
        out.write("\n".join(preamble) + "\n" + HEADER + "\n")
        for i in range(rows):
            cat, party, kind, status = ROWS[rng.randrange(len(ROWS))]
            desc = "花呗主动还款-账单" if party == "花呗" else "商品"
            amount = f"{rng.randrange(100, 50000) / 100:.2f}"
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} 12:{i % 60:02d}:{(i // 60) % 60:02d}"
            out.write(f"{day},{cat},{party},/,{desc},{kind},{amount},余额,{status},2024{i:012d}\t,M{i}\t,,\n")


def import_and_summarise(data: bytes, name: str) -> tuple[int, Any]:
    """(transactions summarised, the summary) of one bill, the way the code at hand does it."""
    if digest is not None:
        found = digest([(data, name)], category_map(), known_lenders())
        return found.kept, found.summary
    merged = merge([import_bytes(data, name)])
    return len(merged.transactions), summarise(
        categorise(merged.transactions, category_map()).transactions, known_lenders()
    )


def bare_read(data: bytes) -> int:
    return sum(1 for _ in csv.reader(io.StringIO(data.decode("gbk"))))


def _best(repeat: int, *works: Any) -> list[float]:
    """The best time of each of ``works``, run in turn ``repeat`` times."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for spent, work in zip(times, works, strict=True):
            started = time.perf_counter()
            work()
            spent.append(time.perf_counter() - started)
    return [min(spent) for spent in times]


def run(quick: bool) -> list[dict[str, object]]:
    sizes = (2_000, 10_000, 50_000) if quick else (10_000, 100_000, 1_000_000)
    rows = sizes[-1]
    path_name = "streamed digest" if digest is not None else "import_bytes + merge + categorise + summarise"
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for size in sizes:
            files[size] = Path(tmp) / f"支付宝交易明细({size}).csv"
            generate(files[size], size)
        path = files[rows]
        data = path.read_bytes()
        count = bare_read(data)
        kept, summary = import_and_summarise(data, path.name)
        assert kept and count > rows and summary.months
        bare, ours = _best(2, lambda: bare_read(data), lambda: import_and_summarise(data, path.name))
        # Peak memory in fresh processes, so what other benchmarks in this process used does not count:
        # the import + summary, against a bare read of the same file with the csv module.
        peak = _peak_rss(path, "import")
        bare_peak = _peak_rss(path, "csv")
        scaling = {}
        for size in sizes[:-1]:
            small = files[size].read_bytes()
            scaling[size] = _best(
                2, lambda small=small, size=size: import_and_summarise(small, f"{size}.csv")
            )[0]
        scaling[rows] = ours
    size_note = f"{rows:,} rows, {len(data) / 1e6:.0f} MB GBK; {path_name}"
    result: list[dict[str, object]] = [
        {
            "name": "import+summarise rows/s",
            "value": rows / ours,
            "unit": "rows/s",
            "baseline": rows / bare,
            "ratio": ours / bare,
            "note": f"{size_note}; baseline = bare csv.reader rows/s; ratio = our time / csv time, best of 2 in turn",
        },
        {
            "name": "import+summarise time",
            "value": ours,
            "unit": "s",
            "baseline": bare,
            "ratio": ours / bare,
            "note": size_note,
        },
        {
            "name": "peak memory (VmHWM of a fresh process)",
            "value": peak / 1e6,
            "unit": "MB",
            "baseline": bare_peak / 1e6,
            "ratio": peak / bare_peak,
            "note": f"baseline = a fresh process reading the same file with csv.reader; file {len(data) / 1e6:.0f} MB",
        },
    ]
    for size in sizes:
        label, note = f"import+summarise, {size:,} rows", f"{scaling[size]:.2f}s; {path_name}"
        result.append(scaling_row("import", label, size, scaling[size], size, "row", "µs", note))
    return result


def _peak_rss(path: Path, mode: str) -> int:
    """Bytes of peak resident memory of a fresh Python process that imports (or only csv-reads) ``path``."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_import", "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip().splitlines()[-1])


def _child(mode: str, path: Path) -> None:
    data = path.read_bytes()
    if mode == "csv":
        bare_read(data)
    else:
        import_and_summarise(data, path.name)
    # VmHWM is this process image's own peak (ru_maxrss would carry the parent's peak across fork/exec).
    status = Path("/proc/self/status").read_text(encoding="ascii")
    hwm = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    print(int(hwm.split()[1]) * 1024)  # kB


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    _child(sys.argv[2], Path(sys.argv[3]))
