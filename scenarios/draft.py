"""Draft the next plan's targets: the same indicators and kinds, thresholds proposed at a chosen
confidence, written as a target file a planner edits and runs with ``--targets``."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import numpy as np
import yaml

from ..data.catalog import regions
from ..data.periods import parse_period
from ..data.target_files import Target
from .confidence import threshold_at, upward
from .engine import part_metrics, prepare
from .levers import BASELINE, Scenario


def next_periods(t: Target, first: int, until: int) -> list[str]:
    """The new plan's periods for a target: July-June years stay July-June."""
    fiscal = any(abs(p.start % 1 - 0.5) < 1e-9 for p in t.periods)
    if t.kind == "each_year":
        if fiscal:
            return [f"{y - 1}-07/{y}-06" for y in range(first, until + 1)]
        return [str(y) for y in range(first, until + 1)]
    if t.kind in ("cumulative", "average", "growth"):
        return [f"{first - 1}-07/{until}-06" if fiscal else f"{first}/{until}"]
    if t.kind == "level":
        return [f"{until - 1}-07/{until}-06" if fiscal else str(until)]
    return [f"{until}-06" if fiscal else str(until)]


def round_down(x: float, upward: bool = True) -> float:
    """Three significant figures, rounded towards the side that keeps the confidence."""
    if x == 0 or not math.isfinite(x):
        return x
    step = 10 ** (math.floor(math.log10(abs(x))) - 2)
    return (math.floor(x / step) if upward else math.ceil(x / step)) * step


def draft_targets(
    targets: list[Target],
    history,
    until: int,
    confidence: float,
    n_paths: int = 4000,
    seed: int = 0,
    scenario: Scenario = BASELINE,
    first: int | None = None,
    as_of: int | None = None,
) -> dict:
    """A target-file document for ``first .. until`` (default: the year after the current
    plan's last period); ``as_of`` drafts from the history known at the end of that year."""
    region = targets[0].region
    first = first or math.ceil(max(t.end for t in targets) - 1e-9)
    drafts = []
    for t in targets:
        periods = next_periods(t, first, until)
        ths = [0.0] * len(periods)
        drafts.append(
            replace(
                t, id=t.id, periods=tuple(parse_period(p) for p in periods), thresholds=tuple(ths)
            )
        )
    runs = prepare(drafts, history, n_paths, seed, as_of)
    out = []
    for old, run in zip(targets, runs, strict=True):
        out.append(_entry(old, run, confidence, scenario))
    return {
        "plan": f"{region}_{first}-{until}_draft",
        "region": region,
        "title_zh": f"{regions().loc[region, 'zh']} {first}-{until} 目标草案"
        f"（ipcast 按 {confidence:.0%} 置信度测算）",
        "title_en": f"Draft targets {first}-{until}, proposed at {confidence:.0%} confidence",
        "issued": f"draft {date.today().isoformat()}",
        "horizon": f"{first}/{until}",
        "targets": out,
    }


def _entry(old: Target, run, confidence: float, scenario: Scenario) -> dict:
    t = run.target
    periods = [p.text for p in t.periods]
    up = upward(t.comparator)
    entry = {
        "id": f"{old.id}_next",
        "label_zh": old.label_zh,
        "label_en": old.label_en,
        "indicator": t.indicator,
        "family": t.family,
        "kind": t.kind,
        "period": periods if t.kind == "each_year" else periods[0],
    }
    if t.kind == "each_year":
        entry["each"] = t.each
    if t.per != "year":
        entry["per"] = t.per
    current = list(old.thresholds) if len(old.thresholds) > 1 else old.thresholds[0]
    if run.base is None:
        threshold = None
        note = f"no history to forecast from ({run.reason}); set by hand. Current plan: {current}"
    else:
        ms = part_metrics(run, scenario)
        props = [round_down(x, up) for x in threshold_at(ms, t.comparator, confidence)]
        med = [float(np.median(m)) for m in ms]
        threshold = props if t.kind == "each_year" else props[0]
        trend = ", ".join(f"{v:.4g}" for v in med)
        note = (
            f"proposed by ipcast at {confidence:.0%} confidence; trend median {trend}; "
            f"current plan {current}; {run.fc.method}; {run.fc.n_points} own point(s)"
        )
    entry.update(
        threshold=threshold,
        comparator=old.comparator,
        unit=old.unit,
        quote=f"ipcast draft from {old.plan} {old.id}: {note}",
    )
    return entry


def write_draft(doc: dict, path) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    with open(path, "x", encoding="utf-8") as f:  # never overwrite a planner's file
        f.write(text)
