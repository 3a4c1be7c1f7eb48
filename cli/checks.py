"""Options checked before any work starts (typer callbacks): a bad one stops the command with
exit 2 and one line, before a single path is drawn or a file opened for writing."""

from __future__ import annotations

import os
from pathlib import Path

from ..data.errors import InputError
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
        fail(InputError("--seed", f"{value} is negative", "give a whole number, 0 or above"))
    return value


def paths(value: int | None) -> int | None:
    if value is not None and value > MAX_PATHS:
        fail(
            InputError(
                "--paths",
                f"{value:,} paths exceed the memory budget of {MEMORY_BUDGET} "
                f"(at most {MAX_PATHS:,})",
                "use fewer: 4000 paths give p_hit to within about ±0.7 percentage points",
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
                f"{option} {p}", "a folder, not a file name", f"add a file name{suffixes[0]}"
            )
        )
    if p.suffix.lower() not in suffixes:
        fail(
            InputError(
                f"{option} {p}",
                f"unknown file type '{p.suffix}': this command writes {'/'.join(suffixes)}",
                f"end the name in {suffixes[0]}" + _other_option(p.suffix.lower(), option),
            )
        )
    if p.exists():
        fail(InputError(str(p), "file exists", f"choose another {option}; nothing was written"))
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


def writable_folder(folder: Path, option: str) -> None:
    """The nearest existing folder above ``folder`` must be a folder we may write in."""
    here = Path(folder).absolute()
    while not here.exists():
        here = here.parent
    if not here.is_dir():
        fail(InputError(f"{option} {folder}", f"{here} is a file, not a folder", "fix the path"))
    if not os.access(here, os.W_OK | os.X_OK):
        fail(
            InputError(
                f"{option} {folder}", f"cannot write in {here}", "choose a folder you can write"
            )
        )
