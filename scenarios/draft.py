"""Draft the next plan's targets: the same indicators and kinds, thresholds proposed at a chosen
confidence, written as a target file a planner edits and runs with ``--targets``."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

import numpy as np
import yaml

from ..data import units
from ..data.catalog import indicator, regions
from ..data.periods import parse_period, period_zh
from ..data.said import both, figure
from ..data.target_files import Target
from ..forecast.year_to_date import year_to_date
from . import PATHS
from .baseline import prepare
from .confidence import promise, threshold_at, upward
from .judge import part_metrics
from .levers import BASELINE, Scenario


def next_periods(t: Target, first: int, until: int) -> list[str]:
    """The new plan's periods for a target: July-June years stay July-June."""
    # a July-June plan: a year from July, or a stock read at the end of June
    fiscal = any(abs(p.start % 1 - 0.5) < 1e-9 or abs(p.end % 1 - 0.5) < 1e-9 for p in t.periods)
    if t.kind == "each_year":
        if fiscal:
            return [f"{y - 1}-07/{y}-06" for y in range(first, until + 1)]
        return [str(y) for y in range(first, until + 1)]
    if t.kind in ("cumulative", "average", "growth"):
        return [f"{first - 1}-07/{until}-06" if fiscal else f"{first}/{until}"]
    if t.kind == "level":
        return [f"{until - 1}-07/{until}-06" if fiscal else str(until)]
    return [f"{until}-06" if fiscal else str(until)]


def first_year(targets: list[Target]) -> int:
    """The new plan's first year by default: the year after the current plan's last period."""
    return math.ceil(max(t.end for t in targets) - 1e-9)


def starter_targets(region: str, history, until: int) -> list[Target]:
    """For a region with no plan: one target per indicator it has figures of, with no threshold
    (the draft proposes it), read as a plan would set it: a flow's level in ``until``, a stock at
    the end of ``until``, a ratio then. Population is a denominator, not a target."""
    mine = history[(history["region"] == region) & (history["exclude"].fillna("") == "")]
    out = []
    for slug in sorted(set(mine["indicator"]) - {"population"}):
        row = indicator(slug)
        measure, unit = row["measure"], row["unit"]
        kind = "stock" if measure == "stock" else "level"
        if measure == "ratio" and unit != "%":
            kind = "ratio"
        out.append(
            Target(
                plan=f"{region}_no_plan",
                region=region,
                id=slug,
                label_zh=row["zh"],
                label_en=row["en"],
                indicator=slug,
                family=row["family"],
                kind=kind,
                periods=(parse_period(str(until)),),
                thresholds=(None,),
                comparator=">=",
                unit=unit,
                quote="",
                each="stock" if kind in ("stock", "ratio") else "level",
                reading=both(
                    "无现行规划：每个有数据的指标各起草一条目标",
                    "no plan: one target for each indicator with figures",
                ),
            )
        )
    return out


def draft_targets(
    targets: list[Target],
    history,
    until: int,
    confidence: float,
    n_paths: int = PATHS,
    seed: int = 0,
    scenario: Scenario = BASELINE,
    first: int | None = None,
    as_of: int | None = None,
) -> dict:
    """A target-file document for ``first .. until`` (default: the year after the current
    plan's last period); ``as_of`` drafts from the history known at the end of that year."""
    region = targets[0].region
    first = first or first_year(targets)
    plan = f"{region}_{first}-{until}_draft"
    drafts = []
    for t in targets:
        periods = next_periods(t, first, until)
        ths = [0.0] * len(periods)
        drafts.append(
            replace(
                t,
                plan=plan,  # the new plan's name: its levers start in its first year
                periods=tuple(parse_period(p) for p in periods),
                thresholds=tuple(ths),
            )
        )
    runs = prepare(drafts, history, n_paths, seed, as_of)
    out, notes = [], []
    seen = _current_parts(targets)
    for old, run in zip(targets, runs, strict=True):
        entry = _entry(old, run, confidence, scenario, first)
        if run.base is not None and upward(old.comparator):
            _no_fall(entry, run, scenario, seen, notes)
        out.append(entry)
    return {
        "plan": plan,
        "region": region,
        "title_zh": f"{regions().loc[region, 'zh']} {first}-{until} 目标草案"
        f"（ipcast 按 {confidence:.0%} 置信度测算）",
        "title_en": f"Draft targets {first}-{until}, proposed at {confidence:.0%} confidence",
        "issued": f"draft {date.today().isoformat()}",
        "horizon": f"{first}/{until}",
        "notes": notes,
        "targets": out,
    }


# Targets a planner reads as one rising line: a yearly level, a year-end stock, a ratio.
LINED_UP = ("level", "stock", "ratio")


def _current_parts(targets: list[Target]) -> list[tuple]:
    """``(indicator, kind, unit), end, threshold, period text`` of the current plan's parts."""
    return [
        ((t.indicator, kind, t.unit), period.end, th, period.text)
        for t in targets
        if upward(t.comparator)
        for kind, period, th in t.parts()
        if th is not None and kind in LINED_UP
    ]


def _no_fall(entry: dict, run, scenario: Scenario, seen: list, notes: list[str]) -> None:
    """A later target never below an earlier one of the same indicator while the forecast grows
    past it: it is raised to the earlier figure and its lower confidence said. When the forecast
    itself stays below the earlier figure, the lower proposal stays and the note says why."""
    t = run.target
    ms = part_metrics(run, scenario)
    many = isinstance(entry["threshold"], list)
    ths = list(entry["threshold"]) if many else [entry["threshold"]]
    for j, ((kind, period, _), m) in enumerate(zip(t.parts(), ms, strict=True)):
        key = (t.indicator, kind, entry["unit"])
        earlier = [(th, at) for k, end, th, at in seen if k == key and end < period.end - 1e-9]
        if kind in LINED_UP and earlier and ths[j] < max(earlier)[0]:
            floor, at = max(earlier)
            med = float(np.median(m))
            which = f"{entry['id']} {period.text}"
            # the Chinese line names the target and its period as the plan does (累计有效发明专利
            # 2030年6月), and every figure whole (1,050,000, not 1.05e+06)
            which_zh = f"{entry['label_zh']} {period_zh(period.text)}"
            at_zh, low, high = period_zh(at), figure(ths[j]), figure(floor)
            if med >= floor:
                hit = float(np.mean(m >= floor))
                # As the drafted table's 说明 says it (plan_table_out.note_zh), with the median
                zh = (
                    f"{which_zh} 由 {low} 提高到 {at_zh} 目标 {high}"
                    f"（预测仍在增长，中位数 {figure(med)}），达成把握 {hit:.0%}"
                )
                note = (
                    f"{which}: raised from {low} to {high} (the {at} "
                    f"target) as the forecast grows (median {figure(med)}); met with "
                    f"{hit:.0%} confidence"
                )
                entry["_basis"]["raised"].append((period.text, ths[j], floor, at, hit))
                ths[j] = floor
            else:
                zh = f"{which_zh} 的 {low} 低于 {at_zh} 目标 {high}"
                # Not "the forecast declines": a one-point series can grow and still have its
                # median short of an ambitious old target (成都 海外发明专利: 1,090 -> 1,595).
                zh += f"：预测中位数 {figure(med)} 也低于该目标"
                note = (
                    f"{which}: {low} is below the {at} target {high} "
                    f"because the forecast's median ({figure(med)}) is below it too"
                )
                entry["_basis"]["below"].append((period.text, ths[j], floor, at))
            notes.append(f"{zh} / {note}")  # the terminal's line: Chinese first, then English
            entry["quote"] += f"; {note}"
        seen.append((key, period.end, ths[j], period.text))
    entry["threshold"] = ths if many else ths[0]


# The period a plan's English label ends with (", FY2022/23-FY2024/25", " at 2025-06",
# " at end-2026", " in 2025", " by 2025", ", 2024-2026", " over the pilot"): a drafted target's
# label names its own period instead.
_LABEL_PERIOD = re.compile(
    r"(,\s*(FY)?\d{4}\S*| (at|in|by) (end-)?\d{4}(-\d{2})?| over the pilot"
    r"| by the end of the pilot)$"
)


def relabel(label: str, kind: str, periods: list[str]) -> str:
    """``label`` with the current plan's period replaced by the draft's."""
    stem = _LABEL_PERIOD.sub("", label)
    when = periods[0] if len(periods) == 1 else f"{periods[0]}…{periods[-1]}"
    if kind in ("stock", "ratio"):
        return f"{stem} at {when}"
    return f"{stem} in {when}" if kind == "level" else f"{stem}, {when}"


def latest_figure(run, unit: str, first: int) -> str | None:
    """The new plan's 基期值: the last figure before its first year ``first``, in ``unit`` with
    its period (a year's figures so far when they are later than its last whole figure: 成都's
    2025年1-11月 for 2026-2030); None without one. Not a figure inside the new plan (2026年1-10月
    for 2026-2030), nor the current plan's own base (2020 for a 2021-2025 plan)."""
    obs = run.obs
    known = [
        (parse_period(p).end, float(v), p)
        for p, v in zip(obs.periods, obs.y, strict=True)
        if parse_period(p).end <= first
    ]
    known += [
        (end, value, r["period"])
        for _, (_, end, value, r) in year_to_date(obs).items()
        if end <= first
    ]
    if not known:
        return None
    _, value, period = max(known, key=lambda k: k[0])
    try:
        return f"{units.convert(value, obs.unit, unit):.15g} ({period})"
    except (KeyError, ValueError):
        return f"{value:.15g} {obs.unit} ({period})"


def _entry(old: Target, run, confidence: float, scenario: Scenario, first: int) -> dict:
    t = run.target
    periods = [p.text for p in t.periods]
    entry = {
        "id": f"{old.id}_next",
        "label_zh": old.label_zh,
        "label_en": relabel(old.label_en, t.kind, periods),
        "indicator": t.indicator,
        "family": t.family,
        "kind": t.kind,
        "period": periods if t.kind == "each_year" else periods[0],
    }
    base = latest_figure(run, old.unit, first)
    if base:
        entry["baseline"] = base
    if t.kind == "each_year":
        entry["each"] = t.each
    if t.per != "year":
        entry["per"] = t.per
    current = list(old.thresholds) if len(old.thresholds) > 1 else old.thresholds[0]
    # What the note says, kept as figures for a table in the plan's language (``_basis`` is not
    # part of a target file: ``write_draft`` leaves it out).
    basis = {"confidence": confidence, "current": current, "reason": run.reason or None}
    basis["from"] = f"{old.plan} {old.id}"
    basis.update(median=None, method=None, n_points=None, raised=[], below=[])
    if run.base is None:
        # a number per period for an each-year target, as the loader asks: all to be set by hand
        threshold = [None] * len(periods) if t.kind == "each_year" else None
        note = f"no history to forecast from ({run.reason}); set by hand. Current plan: {current}"
        if current is None:
            note = f"no history to forecast from ({run.reason}); set by hand"
    else:
        ms = part_metrics(run, scenario)
        props = [
            promise(x, t.comparator, t.unit) for x in threshold_at(ms, t.comparator, confidence)
        ]
        med = [float(np.median(m)) for m in ms]
        threshold = props if t.kind == "each_year" else props[0]
        trend = ", ".join(figure(v) for v in med)
        basis.update(median=med, method=run.fc.method, n_points=run.fc.n_points)
        note = (
            f"proposed by ipcast at {confidence:.0%} confidence; trend median {trend}; "
            f"{'no current target' if current is None else f'current plan {current}'}; "
            f"{run.fc.method}; {run.fc.n_points} own point(s)"
        )
    entry.update(
        threshold=threshold,
        comparator=old.comparator,
        unit=old.unit,
        quote=f"ipcast draft from {old.plan} {old.id}: {note}",
        _basis=basis,
    )
    return entry


def write_draft(doc: dict, path) -> None:
    doc = {
        **doc,
        "targets": [{k: v for k, v in e.items() if k != "_basis"} for e in doc["targets"]],
    }
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    with open(path, "x", encoding="utf-8") as f:  # never overwrite a planner's file
        f.write(text)
