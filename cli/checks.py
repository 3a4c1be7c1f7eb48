"""Options checked before any work starts (typer callbacks): a bad one stops the command with
exit 2 and its error (Chinese, then English), before a single path is drawn or a file opened
for writing."""

from __future__ import annotations

import os
from pathlib import Path

from ..data.errors import InputError
from ..data.said import file_place
from .common import fail

# Memory budget: the engine holds about 25 series x 12 periods x 8 bytes per path, several times
# over (baseline, scenario, metrics): about 5 kB a path, so 200,000 paths stay near 1 GB.
MAX_PATHS = 200_000
MEMORY_BUDGET = "1 GB"
# Output files this command will create (none existed when it started): removed again if the
# command is interrupted, so Ctrl-C never leaves a half-written file behind.
PLANNED: list[Path] = []


def seed(value: int | None) -> int | None:
    if value is not None and value < 0:
        fail(
            InputError(
                "--seed",
                (f"{value}是负数", f"{value} is negative"),
                ("给一个0或以上的整数", "give a whole number, 0 or above"),
            )
        )
    return value


def paths(value: int | None) -> int | None:
    if value is not None and value > MAX_PATHS:
        fail(
            InputError(
                "--paths",
                (
                    f"{value:,}条路径超出内存预算{MEMORY_BUDGET}（最多{MAX_PATHS:,}条）",
                    f"{value:,} paths exceed the memory budget of {MEMORY_BUDGET} "
                    f"(at most {MAX_PATHS:,})",
                ),
                (
                    "减少路径数：4000条路径的达成概率误差约为±0.7个百分点",
                    "use fewer: 4000 paths give p_hit to within about ±0.7 percentage points",
                ),
            )
        )
    return value


def out_file(value: Path | None, suffixes: tuple[str, ...], option: str = "--out"):
    """An output path: of a kind the command writes (by its extension), not there yet, in a
    folder that exists (or can be made) and can be written."""
    if value is None:
        return value
    p = Path(value)
    if p.is_dir():
        fail(
            InputError(
                f"{option} {p}",
                ("这是文件夹，不是文件名", "a folder, not a file name"),
                (f"加上文件名{suffixes[0]}", f"add a file name{suffixes[0]}"),
            )
        )
    if p.suffix.lower() not in suffixes:
        fail(
            InputError(
                f"{option} {p}",
                (
                    f"无法识别的文件类型“{p.suffix}”：本命令写 {'/'.join(suffixes)}",
                    f"unknown file type '{p.suffix}': this command writes {'/'.join(suffixes)}",
                ),
                (
                    f"文件名以 {suffixes[0]} 结尾" + _other_option_zh(p.suffix.lower(), option),
                    f"end the name in {suffixes[0]}" + _other_option(p.suffix.lower(), option),
                ),
            )
        )
    if p.exists():
        fail(
            InputError(
                file_place(p),
                ("文件已存在", "file exists"),
                (
                    f"换一个 {option}；本次未写入任何内容",
                    f"choose another {option}; nothing was written",
                ),
            )
        )
    writable_folder(p.parent, option)
    PLANNED.append(p)
    return value


def remove_planned() -> list[Path]:
    """Delete the output files this command created before it was interrupted."""
    removed = [p for p in PLANNED if p.is_file()]
    for p in removed:
        p.unlink()
    return removed


def _other_option(suffix: str, option: str) -> str:
    return " (a PDF is written with --pdf x.pdf)" if suffix == ".pdf" and option == "--out" else ""


def _other_option_zh(suffix: str, option: str) -> str:
    return "（PDF 用 --pdf x.pdf 写）" if suffix == ".pdf" and option == "--out" else ""


def writable_folder(folder: Path, option: str) -> None:
    """The nearest existing folder above ``folder`` must be a folder we may write in."""
    here = Path(folder).absolute()
    while not here.exists():
        here = here.parent
    if not here.is_dir():
        fail(
            InputError(
                f"{option} {folder}",
                (f"{here}是文件，不是文件夹", f"{here} is a file, not a folder"),
                ("改正路径", "fix the path"),
            )
        )
    if not os.access(here, os.W_OK | os.X_OK):
        fail(
            InputError(
                f"{option} {folder}",
                (f"无法在{here}中写入", f"cannot write in {here}"),
                ("选一个可写的文件夹", "choose a folder you can write"),
            )
        )
