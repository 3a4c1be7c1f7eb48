"""A workbook's sheets read together (a bureau's book: 专利, 商标, 质押融资 …): the same figure in
two sheets (a 有效发明专利 row on both the 专利 sheet and a 汇总 sheet) is read once if they
agree, and refused, both cells named, if they do not: which one is right cannot be known."""

from __future__ import annotations

import pandas as pd

from . import units
from .catalog import indicator
from .errors import InputError
from .periods import parse_period
from .said import SHEET_MARK, both, where_zh


def _sheet(where: str) -> str:
    return where.partition(SHEET_MARK)[2]


def check_across_sheets(df: pd.DataFrame, report: list[str]) -> pd.DataFrame:
    """``df`` (rows of several sheets, each with its ``where`` and ``line``) with a figure
    repeated in a later sheet read once; two different figures for one region, indicator and
    period refused."""
    spans = [(round(q.start, 4), round(q.end, 4)) for q in map(parse_period, df["period"])]
    keys = list(zip(df["region"], df["indicator"], spans, strict=True))
    seen: dict[tuple, int] = {}
    keep = []
    for i, k in enumerate(keys):
        if k not in seen:
            seen[k] = i
            keep.append(i)
            continue
        first, r = df.iloc[seen[k]], df.iloc[i]
        a = (_sheet(first["where"]), first["line"])
        b = (_sheet(r["where"]), r["line"])
        v1 = units.convert(first["value"], first["unit"], r["unit"])
        if abs(v1 - r["value"]) > 1e-9 * max(1.0, abs(v1)):
            slug = r["indicator"]
            raise InputError(
                (
                    f"{where_zh(first['where'])}，第{a[1]}行和工作表 {b[0]}，第{b[1]}行",
                    f"{first['where']}, row {a[1]} and sheet {b[0]}, row {b[1]}",
                ),
                (
                    f"{indicator(slug)['zh']}（{slug}）{r['period']}有两个不同的数字"
                    f"（{first['value']:g}{first['unit']}和{r['value']:g}{r['unit']}）",
                    f"two different figures for {slug} {r['period']} "
                    f"({first['value']:g} {first['unit']} and {r['value']:g} {r['unit']})",
                ),
                (
                    f"只在一个工作表里保留正确的那一个，或用 --sheet {a[0]} 只读一张",
                    f"keep only the right one, in one sheet, or read one sheet with --sheet {a[0]}",
                ),
            )
        report.append(
            both(
                f"工作表“{b[0]}”第{b[1]}行与工作表“{a[0]}”第{a[1]}行重复，只读一次",
                f"sheet '{b[0]}' row {b[1]} repeats sheet '{a[0]}' row {a[1]}; read once",
            )
        )
    return df.iloc[keep].reset_index(drop=True)
