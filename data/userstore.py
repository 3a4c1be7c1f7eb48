"""The user's own history, kept in ``IPCAST_HOME`` (default: the per-user data directory).

Writes are atomic (a temporary file renamed over the old one) and every write first copies the
current file to ``versions/``, so an import can always be undone by hand or with ``--undo``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import platformdirs

from .catalog import HISTORY_COLUMNS
from .errors import InputError
from .periods import parse_period

STORE_COLUMNS = HISTORY_COLUMNS + ["origin"]


def home() -> Path:
    env = os.environ.get("IPCAST_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("ipcast", appauthor=False))


def store_path() -> Path:
    return home() / "history.csv"


def load() -> pd.DataFrame | None:
    p = store_path()
    if not p.exists():
        return None
    df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    df["value"] = df["value"].astype(float)
    return df


def _key(r) -> tuple:
    p = parse_period(r["period"])
    return r["region"], r["indicator"], round(p.start, 4), round(p.end, 4)


def merge(new: pd.DataFrame, replace: bool, file: str) -> tuple[pd.DataFrame, dict]:
    """The store after adding ``new``; refuses to change a stored figure unless ``replace``."""
    old = load()
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
        same = abs(float(old.at[i, "value"]) - r["value"]) < 1e-9 and old.at[i, "unit"] == r["unit"]
        if same:
            counts["unchanged"] += 1
            continue
        if not replace:
            raise InputError(
                f"{file} row {r.get('line', '?')}",
                f"{r['region']} {r['indicator']} {r['period']} is stored already as "
                f"{old.at[i, 'value']:g}{old.at[i, 'unit']} (from {old.at[i, 'origin']}); "
                f"the file says {r['value']:g}{r['unit']}",
                "run again with --replace to overwrite (the stored version is kept and "
                "`ipcast import --undo` restores it)",
            )
        for col in STORE_COLUMNS:
            out.at[i, col] = r[col]
        counts["replaced"] += 1
    if additions:
        out = pd.concat([out, pd.DataFrame(additions)], ignore_index=True)
    return out[STORE_COLUMNS], counts


def save(df: pd.DataFrame, keep_as: str = "history") -> Path:
    """Write the store atomically; return the path where the previous version was kept.

    Before the first import the previous version is an empty table, so an undo can go back to
    having no user data at all."""
    p = store_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    versions = home() / "versions"
    versions.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    backup = versions / f"{keep_as}-{stamp}.csv"
    if p.exists():
        shutil.copy2(p, backup)
    else:
        pd.DataFrame(columns=STORE_COLUMNS).to_csv(backup, index=False)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".history-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            df.to_csv(f, index=False)
        os.replace(tmp, p)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return backup


def undo() -> Path:
    """Restore the most recent saved version; the undone state is kept as ``undone-*.csv``."""
    versions = sorted((home() / "versions").glob("history-*.csv"))
    if not versions:
        raise InputError(
            str(home()),
            "no earlier version to restore",
            "nothing to undo; `ipcast history` shows what is stored",
        )
    last = versions[-1]
    previous = pd.read_csv(last, dtype=str, keep_default_na=False, encoding="utf-8")
    previous["value"] = previous["value"].astype(float)
    save(previous, keep_as="undone")
    last.unlink()
    return last
