"""The user's own history, kept in ``IPCAST_HOME`` (default: the per-user data directory).

Every change (import, ``--undo``, ``--recover``) holds one lock on the store for its whole
read-merge-write, so parallel imports queue instead of losing each other's figures. A write goes
to a temporary file that is read back and compared before it is renamed over the store, so the
store is always either the old or the new version, whole: a killed import leaves it as it was.
The file ends with a checksum line, so a store cut short or changed outside ipcast is detected
and can be restored from ``versions/`` (every write first keeps the current file there).
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from filelock import FileLock, Timeout

from .catalog import HISTORY_COLUMNS
from .errors import InputError
from .periods import parse_period
from .said import file_place, place

if TYPE_CHECKING:  # imported where a store is read: a warm `ipcast run` only hashes the file
    import pandas as pd

STORE_COLUMNS = HISTORY_COLUMNS + ["origin"]
CHECKSUM = "#sha256:"
LOCK_WAIT = 120  # seconds an import waits for another one to finish


class StoreError(InputError):
    """The store on disk cannot be used as it is; ``--recover`` restores a good version."""


def home() -> Path:
    env = os.environ.get("IPCAST_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("ipcast", appauthor=False))


def store_path() -> Path:
    return home() / "history.csv"


def versions_dir() -> Path:
    return home() / "versions"


@contextmanager
def locked(wait: float | None = None):
    """Hold the store's lock: only one change to the store at a time, across processes."""
    wait = LOCK_WAIT if wait is None else wait
    try:
        home().mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(home() / ".history.lock"), timeout=wait)
        lock.acquire()
    except Timeout:
        raise InputError(
            file_place(store_path()),
            (
                f"另一个 ipcast import 占用数据存储已超过{wait:.0f}秒",
                f"another ipcast import has held the store for over {wait:.0f} s",
            ),
            (
                "等它完成后重新运行；本次未写入任何内容",
                "wait for it to finish and run again; nothing was written",
            ),
        ) from None
    except OSError as e:
        raise InputError(
            str(home()),
            (f"无法使用数据文件夹（{e.strerror}）", f"cannot use the data folder ({e.strerror})"),
            _HOME_FIX,
        ) from None
    try:
        yield
    finally:
        lock.release()


_HOME_FIX = (
    "让该文件夹可写，或把 IPCAST_HOME 设为一个可写的文件夹",
    "make the folder writable or set IPCAST_HOME to a folder you can write",
)
_RECOVER_FIX = (
    "运行 `ipcast import --recover`，从 versions/ 恢复最近一个完好的版本（损坏的文件留在旁边）",
    "run `ipcast import --recover` to restore the last good version from versions/ "
    "(the damaged file is kept beside it)",
)


def load() -> pd.DataFrame | None:
    p = store_path()
    if not p.exists():
        return None
    return read_store_file(p)


def read_store_file(p: Path) -> pd.DataFrame:
    """A store file read and checked: complete (its checksum line matches), the store's columns,
    and every figure a finite number with a readable period. Raises ``StoreError`` otherwise."""
    try:
        data = p.read_bytes()
    except OSError as e:
        raise StoreError(
            file_place(p),
            (f"无法读取（{e.strerror}）", f"cannot be read ({e.strerror})"),
            _HOME_FIX,
        ) from None
    body, sep, tail = data.rpartition(CHECKSUM.encode())
    if sep:
        if tail.strip().decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
            raise StoreError(
                file_place(p),
                (
                    "在 ipcast 之外被改动过，或没有写完整",
                    "changed outside ipcast or not completely written",
                ),
                _fix(p),
            )
    elif not data.endswith(b"\n"):
        raise StoreError(
            file_place(p),
            ("没有写完整（止于一行中间）", "not completely written (it ends mid-line)"),
            _fix(p),
        )
    else:
        body = data  # a store written before checksums: checked by its content alone
    import pandas as pd

    try:
        df = pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise StoreError(
            file_place(p), ("不是可读的存储表", "not a readable store table"), _fix(p)
        ) from None
    if list(df.columns) != STORE_COLUMNS or df.isna().any().any():
        raise StoreError(
            file_place(p), ("各列与存储表的不同", "its columns are not the store's"), _fix(p)
        )
    _check_rows(df, p)
    df["value"] = df["value"].astype(float)
    return df


def _fix(p: Path) -> tuple[str, str]:
    return _RECOVER_FIX if p == store_path() else ("恢复另一个版本", "restore another version")


def _check_rows(df: pd.DataFrame, p: Path) -> None:
    for i, (period, value) in enumerate(zip(df["period"], df["value"], strict=True)):
        try:
            ok = math.isfinite(float(value))
            parse_period(period)
        except ValueError:
            ok = False
        if not ok:
            raise StoreError(
                place(str(p), i + 2),
                (f"无法读取的数字“{value}”（{period}）", f"unreadable figure '{value}' {period}"),
                _fix(p),
            )


def _key(r) -> tuple:
    p = parse_period(r["period"])
    return r["region"], r["indicator"], round(p.start, 4), round(p.end, 4)


SOURCE_COLUMNS = ["source", "source_title", "quote", "notes", "origin"]


def _gives_source(stored, new, replace: bool) -> bool:
    """The same figure read again with a source where the stored one had only its file's name
    (user:FILE, a sheet whose note was not read as a source), or another source with --replace:
    the source is taken, since the figure does not change. A figure read again from a file
    without a source never loses the one stored."""
    given = str(new["source"] or "")
    if not given or given.startswith("user:") or given == str(stored["source"]):
        return False
    return replace or str(stored["source"] or "").startswith("user:")


def _same_figure(a: float, unit_a: str, b: float, unit_b: str) -> bool:
    """One amount however written: 271500 万元 stored, 27.15 亿元 in the file (a bureau's table
    in 亿元 after one in 万元) is the figure already there, not a change to refuse."""
    from . import units

    try:
        a = units.convert(a, unit_a, unit_b)
    except (KeyError, ValueError):
        return False
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def merge(
    old: pd.DataFrame | None, new: pd.DataFrame, replace: bool, file: str
) -> tuple[pd.DataFrame, dict]:
    """The store after adding ``new``; refuses to change a stored figure unless ``replace``."""
    counts = {"added": 0, "unchanged": 0, "replaced": 0}
    if old is None or old.empty:
        counts["added"] = len(new)
        return new[STORE_COLUMNS].reset_index(drop=True), counts
    index = {_key(r): i for i, r in old.iterrows()}
    out = old.copy()
    additions = []
    for _, r in new.iterrows():
        i = index.get(_key(r))
        if i is None:
            additions.append(r[STORE_COLUMNS])
            counts["added"] += 1
            continue
        if _same_figure(float(old.at[i, "value"]), old.at[i, "unit"], r["value"], r["unit"]):
            if _gives_source(old.loc[i], r, replace):
                for col in SOURCE_COLUMNS:
                    out.at[i, col] = r[col]
                counts["source given"] = counts.get("source given", 0) + 1
            else:
                counts["unchanged"] += 1
            continue
        if not replace:
            stored = f"{old.at[i, 'value']:g}{old.at[i, 'unit']}"
            said, origin = f"{r['value']:g}{r['unit']}", old.at[i, "origin"]
            what = f"{r['region']} {r['indicator']} {r['period']}"
            raise InputError(
                place(r.get("where") or str(file), r.get("line", "?")),  # a book's sheet too
                (
                    f"{what}已存为{stored}（来自{origin}），文件中写的是{said}",
                    f"{what} is stored already as {stored} (from {origin}); the file says {said}",
                ),
                (
                    "加 --replace 重新运行以覆盖（存储的版本会保留，"
                    "`ipcast import --undo` 可恢复）",
                    "run again with --replace to overwrite (the stored version is kept and "
                    "`ipcast import --undo` restores it)",
                ),
            )
        for col in STORE_COLUMNS:
            out.at[i, col] = r[col]
        counts["replaced"] += 1
    if additions:
        import pandas as pd

        out = pd.concat([out, pd.DataFrame(additions)], ignore_index=True)
    return out[STORE_COLUMNS], counts


def add(new: pd.DataFrame, replace: bool, file: str, dry_run: bool = False):
    """Merge ``new`` into the store under the lock; ``(counts, kept version or None)``."""
    with locked():
        merged, counts = merge(load(), new, replace, file)
        if dry_run:
            return counts, None
        return counts, save(merged)


def _encode(df: pd.DataFrame) -> bytes:
    body = df[STORE_COLUMNS].to_csv(index=False, lineterminator="\n").encode("utf-8")
    return body + f"{CHECKSUM}{hashlib.sha256(body).hexdigest()}\n".encode("ascii")


def _stamped(prefix: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    path, n = versions_dir() / f"{prefix}-{stamp}.csv", 1
    while path.exists():
        path, n = versions_dir() / f"{prefix}-{stamp}_{n}.csv", n + 1
    return path


def _write_verified(data: bytes, target: Path, rows: int) -> None:
    """Write ``data`` to a temporary file beside ``target``, read it back and check it, then
    rename it over ``target`` (one atomic step: a reader sees the old or the new file)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".history-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        back = read_store_file(Path(tmp))
        if Path(tmp).read_bytes() != data or len(back) != rows:
            raise StoreError(
                file_place(target),
                ("写入的文件与数字不一致", "the written file differs from the figures"),
                _HOME_FIX,
            )
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _clear_leftovers() -> None:
    """Temporary files of an import that was killed (only ever called under the lock)."""
    for leftover in home().glob(".history-*.tmp"):
        leftover.unlink(missing_ok=True)


def save(df: pd.DataFrame, keep_as: str = "history") -> Path:
    """Write the store (call under ``locked()``); return where the previous version was kept.

    Before the first import the previous version is an empty table, so an undo can go back to
    having no user data at all."""
    p = store_path()
    try:
        versions_dir().mkdir(parents=True, exist_ok=True)
        _clear_leftovers()
        backup = _stamped(keep_as)
        import pandas as pd

        old = p.read_bytes() if p.exists() else _encode(pd.DataFrame(columns=STORE_COLUMNS))
        _write_verified(old, backup, len(load()) if p.exists() else 0)
        _write_verified(_encode(df), p, len(df))
    except OSError as e:
        raise InputError(
            file_place(p),
            (f"无法写入数据存储（{e.strerror}）", f"cannot write the store ({e.strerror})"),
            _HOME_FIX,
        ) from None
    return backup


def undo() -> Path:
    """Restore the most recent saved version; the undone state is kept as ``undone-*.csv``."""
    with locked():
        versions = sorted(versions_dir().glob("history-*.csv"))
        if not versions:
            raise InputError(
                str(home()),
                ("没有可恢复的更早版本", "no earlier version to restore"),
                (
                    "没有可撤销的操作；`ipcast history` 显示已存储的数字",
                    "nothing to undo; `ipcast history` shows what is stored",
                ),
            )
        last = versions[-1]
        load()  # refuse to undo over a damaged store: --recover is the way out of that
        save(read_store_file(last), keep_as="undone")
        last.unlink()
        return last


def _stamp_of(p: Path) -> str:
    return p.stem.split("-", 1)[-1]


def recover() -> dict:
    """Restore the newest version in ``versions/`` that reads cleanly, if the store does not;
    the damaged file is moved to ``versions/damaged-*.csv``, never deleted."""
    with locked():
        p = store_path()
        try:
            df = load()
            return {"damaged": False, "rows": 0 if df is None else len(df)}
        except StoreError as e:
            problem, problem_zh = e.problem, e.problem_zh
        candidates = sorted(versions_dir().glob("*.csv"), key=_stamp_of, reverse=True)
        for version in (c for c in candidates if not c.name.startswith("damaged-")):
            try:
                good = read_store_file(version)
            except StoreError:
                continue
            kept = _stamped("damaged")
            os.replace(p, kept)
            _write_verified(_encode(good), p, len(good))
            return {
                "damaged": True,
                "problem": problem,
                "problem_zh": problem_zh,
                "restored": version.name,
                "rows": len(good),
                "kept": kept.name,
            }
        raise StoreError(
            file_place(p),
            (
                f"{problem_zh}，且 {versions_dir()} 中没有一个版本能完好读取",
                f"{problem}, and no version in {versions_dir()} reads cleanly",
            ),
            (
                "把 history.csv 移走，从空存储开始，再重新导入各文件",
                "move history.csv away to start empty, then import your files again",
            ),
        )
