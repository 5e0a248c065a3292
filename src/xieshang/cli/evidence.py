"""``xieshang evidence``: add files to a case's evidence, verify its ledger (or a bundle, or a letter's anchor),
export a bundle, repair a half-written last line.

Each case has its own ledger, anchored in the database of the data directory (as the web pages write it), so
these commands open that database like ``xieshang serve`` does. ``--case`` takes the case's number (as in
``/cases/7/``) or its ledger's name. ``verify --bundle`` needs no database: it runs on any machine.

Exit codes of ``verify``: 0 intact, 1 changed (the first bad entry or the anchor that disagrees is named),
2 bad input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import typer

from xieshang.core.errors import ValidationError, XieshangError
from xieshang.core.ledger_check import VerifyReport

from .common import DATA_DIR_HELP, data_dir, fail, print_json

app = typer.Typer(
    name="evidence",
    help="证据库：登记文件、核验哈希链、导出证据包。 Evidence store, hash-chained ledger and bundles.",
    no_args_is_help=True,
)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)]
CaseOption = Annotated[
    str | None,
    typer.Option("--case", help="案件编号或证据账本名 Case number (as in /cases/7/) or ledger name"),
]
ANCHOR = re.compile(r"^[0-9a-fA-F]{16,64}$")


def _django(directory: Path | None) -> Path:
    """Open the data directory's database (migrated, as ``serve`` does); the directory."""
    from xieshang.web.config import ConfigError
    from xieshang.web.server import setup_django

    chosen = data_dir(directory)
    try:
        setup_django(chosen)
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    except ConfigError as error:
        fail(str(error))
    except XieshangError as error:  # the old shared ledger does not verify: the migration stops
        fail(str(error))
    return chosen


def _cases(key: str | None) -> list[Any]:
    from xieshang.cases.models import Case

    cases = Case.objects.order_by("pk")
    if key is None:
        return list(cases)
    found = cases.filter(pk=int(key)) if key.isdigit() else cases.filter(evidence_chain=key)
    if not found:
        fail(f"--case: 没有案件 {key!r}（已有：{_listing(list(cases))}）")
    return list(found)


def _listing(cases: list[Any]) -> str:
    return "、".join(f"{c.pk} {c.borrower_name}" for c in cases) or "（无）"


def _one_case(key: str | None) -> Any:
    cases = _cases(key)
    if len(cases) != 1:
        fail(f"--case: 请指定案件（已有：{_listing(cases)}）")
    return cases[0]


@app.command("add")
def add(
    file: Annotated[Path, typer.Argument(help="证据文件 The file (audio, image, PDF, .eml, text)")],
    description: Annotated[
        str, typer.Option("--description", "-d", help="说明：这是什么、证明什么 What it is")
    ],
    case: CaseOption = None,
    debt: Annotated[str, typer.Option("--debt", help="债务编号 Debt id")] = "",
    contact: Annotated[str, typer.Option("--contact", help="沟通记录编号 Contact id")] = "",
    data_dir_option: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """登记一个证据文件（按内容判断类型，按 SHA-256 保存）。 Add one file to a case's evidence."""
    if not description.strip():
        fail("--description 不能为空：写明这是什么证据 (describe the evidence)")
    if not file.is_file():
        fail(f"{file}: 文件不存在 (no such file)")
    _django(data_dir_option)
    from django.conf import settings

    from xieshang.cases import evidence
    from xieshang.cases.writes import locked
    from xieshang.evidence import media

    target = _one_case(case)
    size = file.stat().st_size
    if size > settings.EVIDENCE_MAX_BYTES:
        fail(str(media.too_large(size, settings.EVIDENCE_MAX_BYTES, media.safe_name(file.name))))
    try:
        data = file.read_bytes()
        checked = evidence.Checked(
            media.safe_name(file.name), data, media.check(data, settings.EVIDENCE_MAX_BYTES, file.name)
        )
        staged = evidence.stage(target, [checked])
        with locked(target.pk) as row:
            (entry,) = evidence.record(row, staged, description=description, debt_id=debt, contact_id=contact)
    except ValidationError as error:
        fail(str(error))
    except OSError as error:
        fail(f"{file}: 无法读取或写入 ({error.strerror})")
    if as_json:
        from dataclasses import asdict

        print_json(asdict(entry))
        return
    typer.echo(
        f"已登记 Recorded #{entry.seq}  {entry.media_type}  {entry.size} B  SHA-256 {entry.file_sha256}"
    )


def _report_json(report: VerifyReport, **more: Any) -> dict[str, Any]:
    return {
        **more,
        "ok": report.ok,
        "checked": report.checked,
        "head_hash": report.head_hash,
        "problems": [{"seq": p.seq, "kind": p.kind, "message": p.message} for p in report.problems],
    }


def _print(report: VerifyReport, title: str = "") -> None:
    typer.echo(f"{title}{report.summary()}")
    for problem in report.problems[1:]:
        typer.echo(f"  {problem}")


def _anchor(value: str | None) -> str | None:
    if value is not None and not ANCHOR.match(value.strip()):
        fail(
            "--anchor: 应为文书页脚上的链尾哈希（至少前 16 位十六进制）/ the head hash printed on a document"
        )
    return value.strip().lower() if value else None


@app.command("verify")
def verify(
    bundle: Annotated[
        Path | None, typer.Option("--bundle", help="核验导出的证据包 Verify an exported bundle (zip)")
    ] = None,
    anchor: Annotated[
        str | None,
        typer.Option(
            "--anchor", help="文书页脚上的链尾哈希 The ledger head printed on a letter, report or complaint"
        ),
    ] = None,
    count: Annotated[
        int | None,
        typer.Option("--entries", min=0, help="文书页脚上的记录条数 The entry count printed with it"),
    ] = None,
    case: CaseOption = None,
    data_dir_option: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """核验哈希链、每个文件和锚点；完好退出码 0，被改动 1（指出第一条问题记录或不符的锚点），输入有误 2。"""
    pinned = _anchor(anchor)
    if bundle is not None:
        from xieshang.evidence.bundle import verify_bundle

        try:
            report = verify_bundle(bundle.read_bytes(), pinned, count)
        except OSError as error:
            fail(f"{bundle}: 无法读取 ({error.strerror})")
        except ValidationError as error:
            fail(f"{bundle}: {error}")
        if as_json:
            print_json(_report_json(report))
        else:
            _print(report)
        raise typer.Exit(0 if report.ok else 1)
    reports = _verify_store(data_dir_option, case, pinned, count)
    if not reports:
        fail("数据目录中没有证据账本 (no evidence ledger)：先登记证据文件，或检查 --data-dir")
    if as_json:
        print_json([_report_json(r, case=c, ledger=k) for c, k, r in reports])
    else:
        for label, key, report in reports:
            _print(report, f"{label}（{key}）：")
    raise typer.Exit(0 if all(r.ok for _c, _k, r in reports) else 1)


def _verify_store(
    directory: Path | None, key: str | None, pinned: str | None, count: int | None
) -> list[tuple[str, str, VerifyReport]]:
    """Each case's ledger against its database anchor (and ``pinned``); ledgers of no case (entries from before
    one ledger per case) against their own chain. With ``pinned`` and no ``--case``: the ledgers holding it."""
    chosen = _django(directory)
    from xieshang.cases import evidence
    from xieshang.core.ledger_check import check_pinned
    from xieshang.evidence.store import EvidenceStore, chain_keys

    out: list[tuple[str, str, VerifyReport]] = []
    cases = _cases(key)
    for row in cases:
        store = evidence.store_of(row)
        if not store.has_ledger() and row.evidence_entries == 0:
            continue
        out.append(
            (f"案件 {row.pk} {row.borrower_name}", row.evidence_chain, store.verify(evidence.anchor_of(row)))
        )
    if key is None:
        known = {row.evidence_chain for row in cases}
        for orphan in (k for k in chain_keys(chosen) if k not in known):
            out.append(
                ("无案件的旧记录（没有数据库锚点）", orphan, EvidenceStore.of_case(chosen, orphan).verify())
            )
    if pinned is None:
        return out
    checked = []
    for label, chain, report in out:
        entries = EvidenceStore.of_case(chosen, chain).entries() if report.checked else []
        checked.append((label, chain, report, check_pinned(entries, pinned, count, source="文书上的锚点")))
    holding = [c for c in checked if not c[3]]
    if key is None and holding:  # the anchor belongs to one case: show the ledger that holds it
        checked = holding
    return [(label, chain, report.with_problems(problems)) for label, chain, report, problems in checked]


@app.command("bundle")
def bundle(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 zip 文件 Output zip")],
    case: CaseOption = None,
    data_dir_option: DataDir = None,
) -> None:
    """导出一个案件的证据包（文件、清单、账本、证据目录）。 Export a case's evidence bundle."""
    _django(data_dir_option)
    from xieshang.cases import evidence
    from xieshang.contacts.log import contacts_of
    from xieshang.evidence.bundle import export_bundle
    from xieshang.evidence.index import notes_from_contacts

    row = _one_case(case)
    try:
        notes = notes_from_contacts(evidence.live_entries(row), contacts_of(row))
        data = export_bundle(
            evidence.store_of(row),
            anchor=evidence.anchor_of(row),
            notes=notes,
            title=f"证据目录（{row.borrower_name}）",
        )
    except ValidationError as error:
        fail(str(error))
    try:
        output.write_bytes(data)
    except OSError as error:
        fail(f"{output}: 无法写入 ({error.strerror})")
    typer.echo(f"已导出 Exported {output}（{len(data)} B）。核验：xieshang evidence verify --bundle {output}")


@app.command("repair")
def repair(
    case: CaseOption = None,
    shared: Annotated[
        bool, typer.Option("--shared", help="修复升级前的共享账本 The old shared ledger (before the upgrade)")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="不再询问 Do not ask")] = False,
    data_dir_option: DataDir = None,
) -> None:
    """截掉账本最后一行没写完整的内容（先显示出来），别的什么都不改。 Cut off a half-written last line, nothing else."""
    from xieshang.evidence.store import EvidenceStore, HalfWrittenLine

    if shared:
        from xieshang.evidence.legacy import shared_store

        store: EvidenceStore = shared_store(data_dir(data_dir_option))
    else:
        _django(data_dir_option)
        from xieshang.cases import evidence

        store = evidence.store_of(_one_case(case))
    try:
        store.entries()
    except HalfWrittenLine as half:
        typer.echo(f"{store.ledger_path} 第 {half.number} 行没有写完整（写入时被中断）：")
        typer.echo(f"    {half.text[:300]}{'…' if len(half.text) > 300 else ''}")
        if not yes and not typer.confirm("截掉这一行？ Cut this line off?"):
            fail("没有修改 (nothing changed)", code=1)
        store.repair()
        typer.echo("已截掉。请运行 xieshang evidence verify 核验 / Cut off; now run xieshang evidence verify")
        return
    except ValidationError as error:
        fail(f"账本有别的问题，repair 只处理最后一行没写完整的情况，没有修改：{error}")
    typer.echo("账本的最后一行是完整的，无需修复 (nothing to repair)")
