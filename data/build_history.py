"""Build ``history.csv``, the bundled long table, from gathered sources and plan baselines.

Run from the repository: ``python data/build_history.py``. Nothing here changes a value: rows are
copied as their sources state them. The script only (1) gives a row a narrower indicator where its
own notes say its scope differs (a GI certification-mark count is not a count of all GIs), and
(2) marks rows the model must not use, with the reason, in the ``exclude`` column. Both steps are
listed below, so every difference from the gathered files can be read here.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ipcast.data.catalog import HISTORY_COLUMNS
from ipcast.data.periods import parse_period
from ipcast.data.units import convert

HERE = Path(__file__).parent
SOURCE_FILES = [
    "chengdu.csv",
    "dazhou.csv",
    "counties.csv",
    "panel_provinces.csv",
    "panel_sichuan_cities.csv",
    "panel_other.csv",
]
COLUMNS = HISTORY_COLUMNS

# (region, indicator, period, value, new indicator or None, exclude reason or "")
RULES = [
    ("chengdu", "geographical_indications", "2016-07", "14", "gi_trademarks", ""),
    ("chengdu", "geographical_indications", "2011", "22", "gi_products", ""),
    ("chengdu", "geographical_indications", "2009-02", "11", "gi_products", ""),
    (
        "chengdu",
        "geographical_indications",
        "2025-04-30",
        "125",
        None,
        "口径不明，与2025年11月报道的总数116不符 / scope unclear; conflicts with 116 total "
        "reported for 2025-11",
    ),
    ("chengdu", "madrid_registrations", "2015", "230", "madrid_stock", ""),
    ("dazhou", "geographical_indications", "2020-07-13", "14", "gi_products", ""),
    ("dazhou", "geographical_indications", "2020-07-13", "15", "gi_trademarks", ""),
    ("tianchang", "geographical_indications", "2022-09-07", "1", "gi_products", ""),
    ("tianchang", "geographical_indications", "2022-09-07", "3", "gi_trademarks", ""),
    ("guanghan", "geographical_indications", "2025-05-01", "1", "gi_products", ""),
    (
        "tianchang",
        "population",
        "2021",
        "60.4",
        None,
        "同一页面说明2021年数字未公布 / the same page says the 2021 figure was not published",
    ),
    (
        "rongchang",
        "trademark_registrations",
        "2022",
        "1679",
        "effective_trademarks_net_increase",
        "",
    ),
    (
        "chengdu",
        "pledge_financing",
        "2025",
        "114",
        None,
        "与2025年1-11月一行重复，原文是1-11月的数字 / duplicate of the 2025-01/2025-11 row; "
        "the source sentence is a year-to-November figure",
    ),
]

CONFLICT = "同期数字互相矛盾，见备注 / conflicting figures for the same period; see notes"

# Pledge rows whose notes give a narrower scope than patents plus trademarks.
PLEDGE_SCOPE = {
    "patent pledge": "patent_pledge_financing",
    "patent only": "patent_pledge_financing",
    "trademark only": "trademark_pledge_financing",
}


def _read_sources(folder: Path) -> list[dict]:
    rows = []
    for name in SOURCE_FILES:
        with (folder / "sources" / name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows.append(
                    {
                        "region": r["city"],
                        "indicator": r["indicator"],
                        "period": r["period"],
                        "period_type": r["period_type"],
                        "value": r["value"],
                        "unit": r["unit"],
                        "source": r["source_url"],
                        "source_title": r["source_title"],
                        "quote": r["quote"],
                        "notes": r["notes"],
                        "exclude": "",
                    }
                )
    with (folder / "plan_baselines.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append({**r, "exclude": ""})
    return rows


def _apply_rules(rows: list[dict]) -> None:
    for r in rows:
        for region, ind, period, value, new_ind, reason in RULES:
            if (r["region"], r["indicator"], r["period"], r["value"]) == (
                region,
                ind,
                period,
                value,
            ):
                if new_ind:
                    r["indicator"] = new_ind
                if reason:
                    r["exclude"] = reason
        if r["indicator"] in ("pledge_financing", "pledge_financing_count"):
            for key, scoped in PLEDGE_SCOPE.items():
                if r["notes"].lower().startswith(key):
                    suffix = "_count" if r["indicator"].endswith("_count") else ""
                    r["indicator"] = scoped.replace("_financing", "_financing" + suffix)


def _key(r: dict) -> tuple:
    p = parse_period(r["period"])
    end = round(p.end, 3) if r["period_type"] == "asof" else (round(p.start, 3), round(p.end, 3))
    return r["region"], r["indicator"], r["period_type"] == "asof", end


def _digits(value: str) -> int:
    return len(value.replace(".", "").replace("-", "").strip("0"))


def _mark_duplicates(rows: list[dict]) -> list[dict]:
    """Drop rows repeated across files; keep the most precise of rounded twins; mark conflicts."""
    out: list[dict] = []
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault(_key(r), []).append(r)
    for group in groups.values():
        live = [r for r in group if not r["exclude"]]
        seen: list[dict] = []
        for r in group:
            same = next((s for s in seen if _same_figure(s, r)), None)
            if same is not None and same["source"] == r["source"]:
                continue  # the same row gathered twice
            seen.append(r)
        live = [r for r in seen if not r["exclude"]]
        if len(live) > 1:
            base = live[0]["unit"]
            vals = [convert(float(r["value"]), r["unit"], base) for r in live]
            if max(vals) <= min(vals) * 1.01:
                best = max(live, key=lambda r: _digits(r["value"]))
                for r in live:
                    if r is not best:
                        same = _same_figure(r, best)
                        src, fig = best["source"], f"{best['value']} {best['unit']}"
                        r["exclude"] = (
                            f"同一数字另见{src} / same figure also given by {src}"
                            if same
                            else f"与{fig}重复（四舍五入） / rounded duplicate of {fig}"
                        )
            else:
                for r in live:
                    r["exclude"] = CONFLICT
        out.extend(seen)
    return out


def _same_figure(a: dict, b: dict) -> bool:
    try:
        return abs(float(a["value"]) - convert(float(b["value"]), b["unit"], a["unit"])) < 1e-9
    except (ValueError, KeyError):
        return False


def build(folder: Path = HERE) -> list[dict]:
    rows = _read_sources(folder)
    _apply_rules(rows)
    rows = _mark_duplicates(rows)
    rows.sort(key=lambda r: (r["region"], r["indicator"], parse_period(r["period"]).end))
    return rows


def main() -> None:
    rows = build()
    with (HERE / "history.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(
        f"wrote {len(rows)} rows; excluded from the model: {sum(bool(r['exclude']) for r in rows)}"
    )


if __name__ == "__main__":
    main()
