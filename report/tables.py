"""Turn records (lists of dicts) into a table, CSV or JSON on stdout."""

from __future__ import annotations

import io
import json
import math
from enum import StrEnum


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"  # to a file only: --out FILE.xlsx


def plain(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "item"):  # numpy scalars
        return plain(v.item())
    if isinstance(v, list | tuple):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def to_json(records: list[dict]) -> str:
    return json.dumps([plain(r) for r in records], ensure_ascii=False, indent=2)


def _flat(v):
    if isinstance(v, list | tuple):
        return ";".join(
            "" if x is None else f"{x:g}" if isinstance(x, float) else str(x) for x in v
        )
    if isinstance(v, dict):
        return json.dumps(plain(v), ensure_ascii=False)
    return v


def to_csv(records: list[dict]) -> str:
    import pandas as pd  # only for CSV and tables: JSON output and --help do without it

    df = pd.DataFrame([{k: _flat(v) for k, v in r.items()} for r in records])
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    return buf.getvalue()


def to_table(records: list[dict], columns: list[str] | None = None) -> str:
    if not records:
        return "（无记录）/ (nothing to show)"
    import pandas as pd

    df = pd.DataFrame([{k: _flat(v) for k, v in r.items()} for r in records])
    if columns:
        df = df[[c for c in columns if c in df.columns]]
    with pd.option_context(
        "display.unicode.east_asian_width",
        True,
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.width",
        250,
        "display.max_colwidth",
        48,
    ):
        return df.to_string(index=False, na_rep="")


def render(records: list[dict], fmt: Format, columns: list[str] | None = None) -> str:
    if fmt == Format.json:
        return to_json(records)
    if fmt == Format.csv:
        return to_csv(records)
    return to_table(records, columns)
