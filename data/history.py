"""The history a run sees: bundled figures, overridden by the user's own, cut at an as-of year."""

from __future__ import annotations

import pandas as pd

from .catalog import HISTORY_COLUMNS, bundled_history
from .periods import parse_period

# Why a bundled figure is not used once the planner imported one for the same period, said as
# every exclude reason is: Chinese, then English.
REPLACED = "已由你导入的同期数字取代 / replaced by the user's figure for the same period"


def combine(user: pd.DataFrame | None = None) -> pd.DataFrame:
    """Bundled rows plus user rows; a user row replaces bundled rows with the same region,
    indicator and period, and the replaced rows are kept with ``exclude`` saying so."""
    bundled = bundled_history().copy()
    if user is None or user.empty:
        return bundled
    user = user.copy()
    for col in HISTORY_COLUMNS:
        if col not in user:
            user[col] = ""
    user["exclude"] = user["exclude"].fillna("")
    keys = set(zip(user["region"], user["indicator"], user["period"].map(_period_key), strict=True))
    hit = [
        (r, i, _period_key(p)) in keys
        for r, i, p in zip(bundled["region"], bundled["indicator"], bundled["period"], strict=True)
    ]
    bundled.loc[hit, "exclude"] = REPLACED
    return pd.concat([bundled, user[HISTORY_COLUMNS + ["origin"]]], ignore_index=True)


def _period_key(text: str) -> tuple[float, float]:
    p = parse_period(text)
    return round(p.start, 4), round(p.end, 4)


def cut(history: pd.DataFrame, as_of: int | None) -> pd.DataFrame:
    """Rows whose period had ended by the end of year ``as_of`` (all rows when ``None``)."""
    if as_of is None:
        return history
    ends = history["period"].map(lambda p: parse_period(p).end)
    return history[ends <= as_of + 1 + 1e-9]
