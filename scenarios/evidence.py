"""The evidence behind each lever's range (``data/lever_evidence.yaml``) and the one rule that
turns a lever's evidence rows into its triangular range."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import yaml

from ..data.catalog import data_path
from ..data.errors import InputError
from ..data.said import key_place
from .levers import EVIDENCE_KEYS, Lever, lever_catalog

FILE = "data/lever_evidence.yaml"


@cache
def evidence_rows() -> tuple[dict, ...]:
    """Every row, checked: known keys, a known lever, and ``per_year_pct`` as low <= central <=
    high on indicators the lever moves."""
    with data_path("lever_evidence.yaml").open("r", encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    cat = lever_catalog()
    rows = []
    for i, r in enumerate(doc["rows"]):
        lever = r.get("lever", "?")
        where = (f"文件 {FILE}，第{i + 1}条依据（{lever}）", f"{FILE} row {i + 1} ({lever})")
        extra = sorted(set(r) - set(EVIDENCE_KEYS))
        if extra:
            raise InputError(
                key_place(where, extra[0]),
                ("无法识别的字段", "unknown key"),
                (f"用以下字段：{'、'.join(EVIDENCE_KEYS)}", f"use {EVIDENCE_KEYS}"),
            )
        if r.get("lever") not in cat:
            raise InputError(
                key_place(where, "lever"),
                ("无法识别的措施", "unknown lever"),
                (f"用以下之一：{'、'.join(cat)}", f"use one of {list(cat)}"),
            )
        pct = r.get("per_year_pct")
        if pct is not None:
            moved = {s for e in cat[r["lever"]].effects for s in e.indicators}
            if len(pct) != 3 or not pct[0] <= pct[1] <= pct[2]:
                raise InputError(
                    key_place(where, "per_year_pct"),
                    (f"{pct}不是由小到大的三个数", f"{pct}"),
                    ("写作 [下限, 中值, 上限]", "give [low, central, high]"),
                )
            if not set(r["indicators"]) <= moved:
                unmoved = sorted(set(r["indicators"]) - moved)
                raise InputError(
                    key_place(where, "indicators"),
                    (
                        f"该措施不作用于{'、'.join(unmoved)}",
                        f"{unmoved} not moved by the lever",
                    ),
                    (
                        "只列该措施各项效果所作用的指标",
                        "list only indicators the lever's effects name",
                    ),
                )
        rows.append(r)
    return tuple(rows)


def derive_range(rows: list[dict]) -> tuple[float, float, float] | None:
    """The triangular (low, mode, high) from evidence rows, each carrying ``per_year_pct`` =
    [low, central, high]: the lowest low, the median of the centrals and the highest high,
    rounded outwards to whole per cent (low down, high up, mode to the nearest). ``None`` when no
    row has a magnitude: the range is then a judgement."""
    pct = [r["per_year_pct"] for r in rows if r.get("per_year_pct") is not None]
    if not pct:
        return None
    low = math.floor(min(p[0] for p in pct) + 1e-9)
    high = math.ceil(max(p[2] for p in pct) - 1e-9)
    mode = int(np.floor(np.median([p[1] for p in pct]) + 0.5))
    return float(low), float(min(max(mode, low), high)), float(high)


def rows_for(lever: Lever, indicators) -> list[dict]:
    """The lever's evidence rows that speak about any of ``indicators``."""
    want = set(indicators)
    return [r for r in evidence_rows() if r["lever"] == lever.id and want & set(r["indicators"])]


def evidence_table() -> list[dict]:
    """One row per lever effect: its range, how many evidence rows give a magnitude, how many
    rows in all, and whether the range is a judgement."""
    out = []
    for lever in lever_catalog().values():
        for e in lever.effects:
            # a stock moved through its flow's additions shares the flow's rows
            rows = rows_for(lever, e.indicators) or [
                r for r in evidence_rows() if r["lever"] == lever.id
            ]
            sized = [r for r in rows if r.get("per_year_pct") is not None]
            out.append(
                {
                    "lever": lever.id,
                    "zh": lever.zh,
                    "kind": lever.kind,
                    "indicators": ", ".join(e.indicators),
                    "range": f"{e.low:g} / {e.mode:g} / {e.high:g}",
                    "derived": derive_range(rows),
                    "rows_with_magnitude": len(sized),
                    "rows": len(rows),
                    "none_found": all(r["citation"] == "no evidence found" for r in rows),
                    "judgement": lever.judgement,
                }
            )
    return out


def markdown_table() -> str:
    """The README's lever table."""
    lines = [
        "| lever | 措施 | indicators | range % (low / mode / high) | evidence | judgement |",
        "|---|---|---|---|---|---|",
    ]
    for r in evidence_table():
        ev = (
            "none found (searches listed)"
            if r["none_found"]
            else f"{r['rows']} rows, {r['rows_with_magnitude']} with a size"
        )
        lines.append(
            f"| {r['lever']} | {r['zh']} | {r['indicators']} | {r['range']} | {ev} | "
            f"{'yes' if r['judgement'] else 'no'} |"
        )
    return "\n".join(lines)
