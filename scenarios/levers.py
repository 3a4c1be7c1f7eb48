"""Levers, shocks and scenarios: declared in YAML, validated once, with errors that name the file,
the key and the valid choices.

A lever's effect on a path is ``1 + intensity * e * ramp(year)`` on the yearly flow, where ``e`` is
drawn per path from the lever's triangular range through one uniform number per lever and path, so
a lever is equally strong on every indicator it moves, and the same draws serve every scenario
(common random numbers: a difference between two scenarios is the levers, not the noise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

from ..data.catalog import data_path, indicators
from ..data.errors import InputError, Said
from ..data.said import file_place, key_place
from ..data.schema import (
    FIRST_YEAR,
    LAST_YEAR,
    WHAT_ZH,
    check_keys,
    finite_number,
    read_yaml,
    year_in_range,
)

KINDS = ("lever", "shock")
MAX_INTENSITY = 2.0  # how far goal seeking may push a lever beyond its full setting
LEVER_REQUIRED = ("id", "kind", "zh", "en", "effects", "evidence")

# Every key the lever, evidence, scenario and local-lever files may use, declared once so that the
# files' checks (here and in schema checks elsewhere) allow exactly these.
LEVER_KEYS = (
    "id",
    "kind",
    "zh",
    "en",
    "plans",
    "effects",
    "lag",
    "ramp",
    "duration",
    "judgement",
    "evidence",
    "known_from",
)
EFFECT_KEYS = ("indicators", "low", "mode", "high")
EVIDENCE_KEYS = (
    "lever",
    "indicators",
    "citation",
    "url",
    "setting",
    "design",
    "estimate",
    "carry_over",
    "per_year_pct",
    "searched",
)
SCENARIO_KEYS = ("name", "zh", "en", "start", "levers", "shocks", "description")
LOCAL_LEVER_KEYS = ("lever", "low", "mode", "high", "cost_wan", "source")


@dataclass(frozen=True)
class Effect:
    indicators: tuple[str, ...]
    low: float
    mode: float
    high: float

    def draw(self, u: np.ndarray) -> np.ndarray:
        """Inverse CDF of the triangular distribution, in fractions (5 % -> 0.05)."""
        a, c, b = self.low / 100, self.mode / 100, self.high / 100
        if b == a:
            return np.full_like(u, a, dtype=float)
        fc = (c - a) / (b - a)
        left = a + np.sqrt(u * (b - a) * (c - a))
        right = b - np.sqrt((1 - u) * (b - a) * (b - c))
        return np.where(u < fc, left, right)


@dataclass(frozen=True)
class Lever:
    id: str
    kind: str
    zh: str
    en: str
    effects: tuple[Effect, ...]
    lag: int
    ramp: int
    duration: int | None
    judgement: bool
    evidence: str
    plans: tuple[str, ...] = ()
    known_from: int | None = None  # the last outcome year its range was measured on

    def known_by(self, as_of: int | None) -> bool:
        """Whether a forecast made with data to the end of ``as_of`` could know the range."""
        return as_of is None or self.known_from is None or self.known_from <= as_of

    def effect_for(self, indicator: str) -> Effect | None:
        return next((e for e in self.effects if indicator in e.indicators), None)

    def ramp_factor(self, year: float, start: int) -> float:
        """0 before ``start + lag``, rising linearly to 1 over ``ramp`` years; a shock ends after
        ``duration`` years."""
        k = year - (start + self.lag)
        if k < 0:
            return 0.0
        if self.duration is not None and k >= self.duration:
            return 0.0
        return min(1.0, (k + 1) / max(self.ramp, 1))


@dataclass(frozen=True)
class Scenario:
    name: str
    zh: str
    en: str
    settings: tuple[tuple[str, float], ...]  # (lever id, intensity)
    start: int | None = None
    # (lever id, low, mode, high): a range that replaces the catalog's on every indicator the
    # lever moves (a planner's local evidence, or a fixed value when low == mode == high).
    ranges: tuple[tuple[str, float, float, float], ...] = ()

    @property
    def intensities(self) -> dict[str, float]:
        return dict(self.settings)

    def with_setting(self, lever: str, intensity: float) -> Scenario:
        s = {**self.intensities, lever: intensity}
        return replace(self, settings=tuple(sorted(s.items())))

    def with_range(self, lever: str, low: float, mode: float, high: float) -> Scenario:
        r = {k: (a, m, b) for k, a, m, b in self.ranges}
        r[lever] = (float(low), float(mode), float(high))
        return replace(self, ranges=tuple((k, *v) for k, v in sorted(r.items())))

    def effect(self, lever: Lever, indicator: str) -> Effect | None:
        """The lever's effect on ``indicator`` in this scenario: the catalog's, or this
        scenario's own range for the lever."""
        e = lever.effect_for(indicator)
        for k, a, m, b in self.ranges:
            if k == lever.id and e is not None:
                return Effect(e.indicators, a, m, b)
        return e


BASELINE = Scenario("baseline", "基线", "Baseline", ())


def _fail(where, problem, fix):
    raise InputError(where, problem, fix)


@cache
def lever_catalog() -> dict[str, Lever]:
    doc = read_yaml(data_path("levers.yaml"), "data/levers.yaml")
    cat = indicators()
    out = {}
    for i, raw in enumerate(doc["levers"]):
        where = f"data/levers.yaml lever {i + 1} ({raw.get('id', '?')})"
        _check_lever(raw, where)
        if raw.get("kind") not in KINDS:
            _fail(f"{where} key 'kind'", f"unknown kind {raw.get('kind')!r}", f"use one of {KINDS}")
        effects = []
        for e in raw["effects"]:
            unknown = [s for s in e["indicators"] if s not in cat.index]
            if unknown:
                _fail(
                    f"{where} key 'effects'",
                    f"unknown indicators {unknown}",
                    "use codes from `ipcast indicators`",
                )
            if not e["low"] <= e["mode"] <= e["high"]:
                _fail(f"{where} key 'effects'", "needs low <= mode <= high", "reorder the range")
            effects.append(
                Effect(tuple(e["indicators"]), float(e["low"]), float(e["mode"]), float(e["high"]))
            )
        out[raw["id"]] = Lever(
            id=raw["id"],
            kind=raw["kind"],
            zh=raw["zh"],
            en=raw["en"],
            effects=tuple(effects),
            lag=int(raw.get("lag", 0)),
            ramp=int(raw.get("ramp", 1)),
            duration=raw.get("duration"),
            judgement=bool(raw.get("judgement", True)),
            evidence=str(raw["evidence"]),
            plans=tuple(raw.get("plans", ())),
            known_from=raw.get("known_from"),
        )
    return out


def known_by(scenario: Scenario, as_of: int | None) -> Scenario:
    """``scenario`` without the levers whose range was measured on outcomes after ``as_of``: a
    hindcast must not draw on effects nobody could know then (the 2021-2023 campaigns)."""
    cat = lever_catalog()
    kept = tuple((k, x) for k, x in scenario.settings if cat[k].known_by(as_of))
    return scenario if kept == scenario.settings else replace(scenario, settings=kept)


def unknown_by(scenario: Scenario, as_of: int | None) -> list[tuple[str, str]]:
    """What ``known_by`` leaves out, said once for the planner: ``(Chinese, English)``."""
    cat = lever_catalog()
    return [
        unknown_lever(cat[k], as_of, "未计入", "left out")
        for k, x in scenario.settings
        if x != 0 and not cat[k].known_by(as_of)
    ]


def unknown_lever(lever: Lever, as_of: int | None, done_zh: str, done_en: str) -> tuple[str, str]:
    """Why ``lever`` is not used as of ``as_of`` (its range rests on later outcomes) and what
    is done about it (``未计入`` / ``left out``), in Chinese and in English."""
    zh = (
        f"措施“{lever.zh}”（{lever.id}）：其效果范围依据截至{lever.known_from}年的实际结果测得，"
        f"{as_of}年时尚无从知道，{done_zh}"
    )
    en = (
        f"{lever.id}: its range was measured on outcomes to {lever.known_from}, not known as of "
        f"{as_of}: {done_en}"
    )
    return zh, en


def _check_lever(raw, where: str) -> None:
    """Keys, types and ranges of one lever entry (declared in the sets above)."""
    if not isinstance(raw, dict):
        _fail(where, "not a mapping", "write each lever as 'key: value' lines")
    check_keys(raw, LEVER_KEYS, where)
    missing = [k for k in LEVER_REQUIRED if k not in raw]
    if missing:
        _fail(where, f"missing {missing}", f"every lever needs {list(LEVER_REQUIRED)}")
    for key in ("lag", "ramp", "duration"):
        v = raw.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            _fail(
                f"{where} key '{key}'", f"{v!r} is not a whole number of years", "write 0, 1, 2 …"
            )
    v = raw.get("known_from")  # compared with an --as-of year: a text or a typo must not pass
    if v is not None and (
        isinstance(v, bool) or not isinstance(v, int) or not FIRST_YEAR <= v <= LAST_YEAR
    ):
        _fail(
            f"{where} key 'known_from'",
            f"{v!r} is not a year {FIRST_YEAR}-{LAST_YEAR}",
            "write the last outcome year the range was measured on, e.g. 2023",
        )
    if not isinstance(raw["effects"], list) or not raw["effects"]:
        _fail(f"{where} key 'effects'", "not a list", "list the effects, one per indicator group")
    for e in raw["effects"]:
        if not isinstance(e, dict):
            _fail(f"{where} key 'effects'", "an effect is not a mapping", "write key: value")
        check_keys(e, EFFECT_KEYS, f"{where} effects")
        if not isinstance(e.get("indicators"), list):
            _fail(f"{where} key 'effects'", "no indicators list", "write indicators: [slug, …]")
        for k in ("low", "mode", "high"):
            finite_number(e.get(k), f"{where} effects key '{k}'", "a finite % change")


def scenario_files() -> dict[str, object]:
    folder = data_path("scenarios")
    return {f.name[:-5]: f for f in folder.iterdir() if f.name.endswith(".yaml")}


def load_scenario(name_or_path: str | None) -> Scenario:
    """A bundled scenario by name, or a planner's YAML file by path."""
    if name_or_path in (None, "", "baseline"):
        return BASELINE
    bundled = scenario_files()
    if name_or_path in bundled:
        f, label = bundled[name_or_path], f"data/scenarios/{name_or_path}.yaml"
    else:
        p = Path(name_or_path)
        if not p.is_file():
            _fail(
                "--scenario",
                (f"没有情景“{name_or_path}”", f"no scenario '{name_or_path}'"),
                (
                    f"用以下之一：{'、'.join(sorted(bundled))}，或情景YAML文件的路径",
                    f"use one of {sorted(bundled)} or the path of a scenario YAML file",
                ),
            )
        f, label = p, str(p)
    return parse_scenario(read_yaml(f, label), label)


def _intensity(value, where: Said) -> float:
    """A scenario sets each lever from 0 (off) to 1 (full strength, as its evidence states)."""
    v = finite_number(value, where, "an intensity")
    if not 0 <= v <= 1:
        _fail(
            where,
            (f"强度为{value!r}", f"intensity {value!r}"),
            ("给0（关闭）到1（全力）之间的数字", "give a number from 0 (off) to 1 (full)"),
        )
    return v


def parse_scenario(doc, label: str) -> Scenario:
    at = file_place(label)
    if not isinstance(doc, dict):
        _fail(
            at,
            ("不是“字段: 值”的映射", "not a mapping"),
            ("从 data/scenarios/baseline.yaml 改起", "start from data/scenarios/baseline.yaml"),
        )
    check_keys(doc, SCENARIO_KEYS, at)
    cat = lever_catalog()
    settings = {}
    for section, kind in (("levers", "lever"), ("shocks", "shock")):
        block = doc.get(section) or {}
        if not isinstance(block, dict):
            _fail(
                key_place(at, section),
                ("不是“字段: 值”的映射", "not a mapping"),
                (
                    f"先写“{section}:”，再逐行写“  编号: 强度”",
                    f"write '{section}:' then '  id: intensity' lines",
                ),
            )
        valid = sorted(k for k, lv in cat.items() if lv.kind == kind)
        for lever_id, value in block.items():
            if lever_id in cat and cat[lever_id].kind != kind:
                other = "shocks" if section == "levers" else "levers"
                _fail(
                    key_place(at, f"{section}.{lever_id}"),
                    (
                        f"这不是{WHAT_ZH[kind]}，而是{WHAT_ZH[cat[lever_id].kind]}",
                        f"unknown {kind}: it is a {cat[lever_id].kind}",
                    ),
                    (f"移到“{other}:”之下", f"move it under '{other}:'"),
                )
            check_keys(
                {lever_id: value}, valid, (f"{at[0]}，{section}", f"{label} {section}"), kind
            )
            settings[lever_id] = _intensity(value, key_place(at, f"{section}.{lever_id}"))
    start = doc.get("start")
    if start is not None:
        if isinstance(start, bool) or not isinstance(start, int):
            _fail(
                key_place(at, "start"),
                (f"{start!r}不是年份", f"{start!r} is not a year"),
                ("写作如 start: 2026", "write e.g. start: 2026"),
            )
        year_in_range(start, start, key_place(at, "start"))
    name = str(doc.get("name", Path(label).stem))
    return Scenario(
        name,
        str(doc.get("zh", name)),
        str(doc.get("en", name)),
        tuple(sorted(settings.items())),
        start,
    )


def plan_start(targets) -> dict[str, int]:
    """The year each plan's measures start, by plan name: the first year in the plan's name
    (``chengdu_2021-2025``, ``chengdu_2026-2030_draft``), else the year after a plan table's
    base year (``plan_start``) or the earliest year any of its targets' periods starts in,
    whichever is first. A scenario's levers start then unless it names its own start."""
    out: dict[str, int] = {}
    for t in targets:
        m = re.search(r"(\d{4})-(\d{4})", t.plan)
        first = int(min(p.start for p in t.periods))
        first = int(m.group(1)) if m else min(first, t.extra.get("plan_start") or first)
        out[t.plan] = min(out.get(t.plan, first), first)
    return out
