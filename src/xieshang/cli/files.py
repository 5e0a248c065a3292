"""``xieshang files``: the files sealed at rest. ``rotate`` re-seals every stored file with the first key, after
``--new-key`` has put a new one first; ``--retire`` then drops the old keys (``xieshang.evidence.rotation``).

It works on the data directory's files directly and may run while the server does: each file is replaced in
one rename and every key stays until ``--retire``. Exit codes: 0 done, 1 some file no key opens, 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import DATA_DIR_HELP, data_dir, print_json

app = typer.Typer(
    name="files",
    help="加密存放的文件：轮换密钥。 Files encrypted at rest: key rotation.",
    no_args_is_help=True,
)


@app.command("rotate")
def rotate(
    new_key: Annotated[
        bool, typer.Option("--new-key", help="先生成新密钥并放在第一位 Put a new key first, then re-seal")
    ] = False,
    retire: Annotated[
        bool,
        typer.Option("--retire", help="全部换好后只保留第一个密钥 Afterwards keep only the first key"),
    ] = False,
    directory: Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)] = None,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON Print JSON")] = False,
) -> None:
    """用第一个密钥重新加密所有文件（服务可以继续运行）。 Re-seal every stored file with the first key."""
    from xieshang.evidence import rotation

    chosen = data_dir(directory)
    added = rotation.add_key(chosen) if new_key else None
    done = rotation.reseal_all(chosen)
    retired = rotation.retire_old_keys(chosen) if retire and done.all_current else 0
    report = {
        "new_key_id": added,
        "files": done.files,
        "resealed": done.resealed,
        "unreadable": list(done.unreadable),
        "keys_retired": retired,
    }
    if json_output:
        print_json(report)
    else:
        if added:
            typer.echo(f"新密钥 New key: {added}")
        typer.echo(f"文件 Files: {done.files}，重新加密 re-sealed: {done.resealed}")
        for name in done.unreadable:
            typer.echo(f"无法解密（被改动过或密钥不在列表里）Cannot open: {name}", err=True)
        if retired:
            typer.echo(f"已删除旧密钥 Old keys removed: {retired}")
    if done.unreadable:
        raise typer.Exit(1)
