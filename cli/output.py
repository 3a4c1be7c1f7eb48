"""Results written to a file (``--out FILE.xlsx|.csv|.json``, ``--format xlsx``), and the
readings of a target table shown to the planner. Only the CLI writes files."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import typer

from .. import api
from ..data.errors import InputError
from ..data.said import file_place
from ..report import notes
from ..report.tables import Format, to_json

SUFFIX = {".xlsx": Format.xlsx, ".csv": Format.csv, ".json": Format.json}


def file_format(out: Path | None, fmt: Format) -> Format | None:
    """The format of ``out`` (from its ending), or ``None`` when results go to the terminal only.
    Refuses an existing file, an unknown ending and ``--format xlsx`` without a file."""
    if out is None:
        if fmt == Format.xlsx:
            raise InputError(
                "--format xlsx",
                ("Excel文件无法在终端显示", "an Excel file cannot be shown in the terminal"),
                ("加上 --out 结果.xlsx", "add --out 结果.xlsx"),
            )
        return None
    kind = SUFFIX.get(out.suffix.lower())
    if kind is None:
        raise InputError(
            file_place(out),
            (f"无法识别的文件类型“{out.suffix}”", f"unknown file type '{out.suffix}'"),
            ("文件名以 .xlsx、.csv 或 .json 结尾", "end the name in .xlsx, .csv or .json"),
        )
    if fmt not in (Format.table, kind):
        raise InputError(
            "--format",
            (f"格式为{fmt}，但 --out 以{out.suffix}结尾", f"{fmt} but --out ends in {out.suffix}"),
            ("去掉 --format，或使两者一致", "drop --format, or make them agree"),
        )
    from ..api.inputs import refuse_existing

    refuse_existing(out)
    return kind


def command_line() -> str:
    """The command as typed, for the 方法与来源 sheet."""
    return shlex.join(["ipcast", *sys.argv[1:]])


def save(
    out: Path,
    kind: Format,
    records: list[dict],
    tables: list[tuple[str, list[dict]]],
    history=None,
    readings: list[str] | None = None,
) -> None:
    """Write the results: every table to a workbook, the first table to CSV (with a BOM), and to
    JSON the command's records whole, the same text ``-f json`` prints: a script reads nested parts
    (a target's ranking, Sobol indices, fan) by key, where a flat sheet drops all but the first."""
    from ..report.workbook import method_lines, write_csv, write_xlsx

    if kind == Format.xlsx:
        rows = [r for _, recs in tables for r in recs]
        write_xlsx(out, tables, method_lines(rows, command_line(), history, readings))
    elif kind == Format.csv:
        write_csv(out, tables[0][1])
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_json(records) + "\n", encoding="utf-8")  # as echo ends it
    parts = [("records", records)] if kind == Format.json else tables
    typer.echo(notes.wrote(out, *notes.sheets([(n, len(recs)) for n, recs in parts])), err=True)


def show_readings(
    targets_file: Path | None, region: str | None, names: list[str] | None = None
) -> list[str]:
    """Print how a target table was read (to stderr), so a wrong reading is seen and corrected."""
    if targets_file is None:  # the bundled plans: nothing read, nothing to import
        return []
    lines = api.target_readings(targets_file, region, names)
    for line in lines:
        typer.echo(f"读取 {line}", err=True)
    return lines
