"""Plan targets: loaded from the plans' YAML files and validated once, with errors that name the
file, the target and the valid choices."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from . import units
from .catalog import data_path, indicator, known
from .errors import InputError, Said
from .periods import WRITE_AS, Period, parse_period
from .places import members, resolve_region
from .said import file_place, key_place
from .schema import check_keys, finite_number, read_yaml, year_in_range

KINDS = ("level", "stock", "cumulative", "average", "ratio", "growth", "each_year")
# The Chinese words a 类型 cell or a YAML kind may say for each kind; the first of each is the one
# ipcast writes (report/workbook.KIND_ZH).
KIND_ZH = {
    "水平": "level",
    "当年": "level",
    "存量": "stock",
    "总量": "stock",
    "累计": "cumulative",
    "合计": "cumulative",
    "年均": "average",
    "平均": "average",
    "比率": "ratio",
    "每万人": "ratio",
    "增速": "growth",
    "增长": "growth",
    "年均增长": "growth",
    "逐年": "each_year",
    "每年": "each_year",
}
COMPARATORS = (">=", ">", "<=", "<")
REQUIRED = ("id", "label_zh", "indicator", "kind", "period", "threshold", "unit", "quote")
# Every key a target may have, and every key at the top of a file: anything else is a typo.
TARGET_KEYS = frozenset(REQUIRED) | {
    "label_en",
    "family",
    "comparator",
    "each",
    "per",
    "reading",
    "alternative",
    "baseline",
    "stretch",
}
FILE_KEYS = frozenset(
    {"plan", "region", "title_zh", "title_en", "issued", "horizon", "fiscal_year", "source"}
) | {"targets", "notes", "regions"}


@dataclass(frozen=True)
class Target:
    plan: str
    region: str
    id: str
    label_zh: str
    label_en: str
    indicator: str
    family: str
    kind: str
    periods: tuple[Period, ...]
    thresholds: tuple[float | None, ...]
    comparator: str
    unit: str
    quote: str
    each: str = "level"
    per: str = "year"
    reading: str = ""
    alternative: str = ""
    baseline: str = ""
    stretch: str = ""  # the plan's words when it marks the target 力争 (strive for): a stretch goal
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def period(self) -> Period:
        return self.periods[-1]

    @property
    def span(self) -> Period:
        """From the first period's start to the last one's end: an each-year target's years
        together (``period`` is its last year only)."""
        start = min(p.start for p in self.periods)
        return Period(start, self.end, self.period_text)

    @property
    def period_text(self) -> str:
        return ",".join(p.text for p in self.periods)

    @property
    def threshold(self) -> float | None:
        return self.thresholds[-1]

    @property
    def end(self) -> float:
        return max(p.end for p in self.periods)

    def parts(self) -> list[tuple[str, Period, float | None]]:
        """(kind, period, threshold) of each part: one for most kinds, one a year for each_year."""
        if self.kind != "each_year":
            return [(self.kind, self.periods[0], self.thresholds[0])]
        return [(self.each, p, th) for p, th in zip(self.periods, self.thresholds, strict=True)]


def plan_files() -> list:
    folder = data_path("targets")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


@cache
def bundled_targets() -> tuple[Target, ...]:
    out: list[Target] = []
    for f in plan_files():
        out += load_file(f, f"data/targets/{f.name}")
    return tuple(out)


def load_path(path: str | Path) -> list[Target]:
    p = Path(path)
    if not p.exists():
        raise InputError(
            file_place(p),
            ("找不到文件", "file not found"),
            ("给出目标YAML文件的路径", "give the path of a target YAML file"),
        )
    return load_file(p, str(p))


def load_file(f, name: str) -> list[Target]:
    doc = read_yaml(f, name)
    if not isinstance(doc, dict) or not isinstance(doc.get("targets"), list):
        raise InputError(
            file_place(name),
            ("没有“targets:”列表", "no 'targets:' list"),
            (
                "把各目标写在顶层的“targets:”之下",
                "put the targets under a top-level 'targets:'",
            ),
        )
    check_keys(doc, FILE_KEYS, file_place(name))
    regions = _file_regions(doc, name)
    plan = str(doc.get("plan", Path(name).stem))
    targets = [_target(t, i, plan, regions[0], name) for i, t in enumerate(doc["targets"])]
    ids = [t.id for t in targets]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise InputError(
            file_place(name),
            (f"目标编号重复：{'、'.join(dup)}", f"duplicate target ids {dup}"),
            ("每个目标用不同的 id", "give every target its own id"),
        )
    return [replace(t, region=r) for r in regions for t in targets]


def _file_regions(doc: dict, name: str) -> list[str]:
    """``region: 广汉`` for one region; ``regions: [绵阳, 宣汉]`` or ``regions: {within: 四川省,
    level: county}`` for the same targets in many (a province-wide run)."""
    if "regions" not in doc:
        return [resolve_region(str(doc.get("region", "")), key_place(file_place(name), "region"))]
    spec = doc["regions"]
    where = key_place(file_place(name), "regions")
    if isinstance(spec, list) and spec:
        return list(dict.fromkeys(resolve_region(str(r), where) for r in spec))
    if isinstance(spec, dict) and "within" in spec:
        try:
            found = members(str(spec["within"]), str(spec.get("level", "county")))
        except InputError as e:
            raise e.at(where) from None
        if found:
            return found
    raise InputError(
        where,
        (
            "既不是地区列表，也不是含地区的“within”",
            "neither a list of regions nor 'within' with regions in it",
        ),
        (
            "写作 regions: [绵阳市, 宣汉县] 或 regions: {within: 四川省, level: county}",
            "write regions: [绵阳市, 宣汉县] or regions: {within: 四川省, level: county}",
        ),
    )


def _indicator_code(name: str, where: Said) -> str:
    """A catalog code, any name the alias table knows (专利授权量), or a custom indicator's code
    (custom:UNIT:KIND:NAME, as ``ipcast history`` shows it)."""
    if known(name):
        return name
    from .indicator_names import match_indicator, unknown_indicator_fix

    slug = match_indicator(name)
    if slug is None:
        raise InputError(
            where,
            (f"无法识别的指标“{name}”", f"unknown indicator '{name}'"),
            unknown_indicator_fix(name),
        )
    return slug


def _target(t: dict, i: int, plan: str, region: str, name: Said) -> Target:
    """One target of a file (``name`` its path) or of a table's row (``name`` its place)."""
    zh, en = name if isinstance(name, tuple) else file_place(name)
    tid = t.get("id", "?") if isinstance(t, dict) else "?"
    where = (f"{zh}，第{i + 1}个目标（{tid}）", f"{en} target {i + 1} ({tid})")
    if not isinstance(t, dict):
        raise InputError(
            where,
            ("不是“字段: 值”的映射", "not a mapping"),
            ("每个目标写成若干行“字段: 值”", "write each target as 'key: value' lines"),
        )
    check_keys(t, TARGET_KEYS, where)
    missing = [k for k in REQUIRED if k not in t]
    if missing:
        raise InputError(
            where,
            (f"缺少{'、'.join(missing)}", f"missing {missing}"),
            (f"每个目标都要有{'、'.join(REQUIRED)}", f"every target needs {list(REQUIRED)}"),
        )
    ind = _indicator_code(str(t["indicator"]), key_place(where, "indicator"))
    meta = indicator(ind)
    kind = kind_code(t["kind"])
    if kind is None:
        raise unknown_kind(t["kind"], key_place(where, "kind"))
    family = str(t.get("family", meta["family"]))
    if family != meta["family"]:
        raise InputError(
            key_place(where, "family"),
            (
                f"写的是“{family}”，但{ind}属于{meta['family']}",
                f"'{family}' but {ind} is {meta['family']}",
            ),
            ("删去该字段或改正", "drop the key or correct it"),
        )
    unit = str(t["unit"])
    expected = "%" if kind == "growth" else meta["unit"]
    if not units.fits(unit, expected):
        raise InputError(
            key_place(where, "unit"),
            (f"单位“{unit}”与指标{ind}不符", f"unit '{unit}' does not fit {ind}"),
            units.unit_fixes(unit, expected),
        )
    periods, thresholds = _periods_and_thresholds(t, kind, where)
    each = (
        _choice(t, "each", ("level", "stock"), "level", where) if kind == "each_year" else "level"
    )
    return Target(
        plan=plan,
        region=region,
        id=str(t["id"]),
        label_zh=str(t["label_zh"]),
        label_en=str(t.get("label_en", meta["en"])),
        indicator=ind,
        family=family,
        kind=kind,
        periods=periods,
        thresholds=thresholds,
        comparator=_choice(t, "comparator", COMPARATORS, ">=", where),
        unit=units.canonical(unit),
        quote=str(t["quote"]),
        each=each,
        per=_choice(t, "per", ("year", "span"), "year", where),
        reading=str(t.get("reading", "")),
        alternative=str(t.get("alternative", "")),
        baseline=str(t.get("baseline", "")),
        stretch=str(t.get("stretch", "")),
    )


def kind_code(written) -> str | None:
    """The kind a 类型 cell or a YAML kind says (累计, 年均增长, cumulative), or None. The form
    ``ipcast``'s own workbooks write, ``水平 (level)``, is read when its two halves agree, so a
    results sheet can be read back as targets."""
    w = str(written).strip()
    both = _BOTH.fullmatch(w)
    if both:
        zh, en = (kind_code(part) for part in both.groups())
        return zh if zh is not None and zh == en else None
    code = KIND_ZH.get(w, w.lower())
    return code if code in KINDS else None


_BOTH = re.compile(r"(\S+?)\s*[(（]\s*([a-z_]+)\s*[)）]", re.IGNORECASE)


def unknown_kind(written, where: Said, more: tuple[str, str] = ("", "")) -> InputError:
    """The complaint about a kind that is none of ``KINDS`` nor its Chinese words, in Chinese and
    English: what was written, where, and every word accepted (Chinese first), plus ``more``."""
    words = ", ".join(
        "/".join(w for w, c in KIND_ZH.items() if c == code) + f" ({code})" for code in KINDS
    )
    said = "" if written is None else str(written).strip()  # YAML's `kind:` with nothing after
    return InputError(
        where,
        (f"类型“{said}”无法识别", f"unknown kind '{said}'")
        if said
        else ("未写类型", "no kind written"),
        (f"写以下之一：{words}{more[0]}", f"write one of: {words}{more[1]}"),
    )


def _choice(t: dict, key: str, allowed, default: str | None, where: Said) -> str:
    value = str(t.get(key, default))
    if value not in allowed:
        shown = ", ".join(allowed)
        raise InputError(
            key_place(where, key),
            (f"无法识别的{key}“{value}”", f"unknown {key} '{value}'"),
            (f"用以下之一：{shown}", f"use one of {list(allowed)}"),
        )
    return value


def _periods_and_thresholds(t: dict, kind: str, where: Said):
    """One period and threshold, or (each_year) a list of each, as many thresholds as periods."""
    raw_periods = t["period"] if isinstance(t["period"], list) else [t["period"]]
    raw_thresholds = t["threshold"] if isinstance(t["threshold"], list) else [t["threshold"]]
    if kind != "each_year" and len(raw_periods) != 1:
        raise InputError(
            key_place(where, "period"),
            ("写了一列期间", "a list of periods"),
            ("只有逐年（each_year）目标可写一列期间", "only each_year takes a list"),
        )
    if len(raw_periods) != len(raw_thresholds):
        n, m = len(raw_periods), len(raw_thresholds)
        raise InputError(
            where,
            (f"{n}个期间，却有{m}个目标值", f"{n} periods but {m} thresholds"),
            ("每个期间给一个目标值", "give one threshold per period"),
        )
    periods = tuple(_period(p, key_place(where, "period")) for p in raw_periods)
    at = key_place(where, "threshold")
    thresholds = tuple(
        None if v is None else finite_number(v, at, "a finite number") for v in raw_thresholds
    )
    return periods, thresholds


def _period(p, where: Said) -> Period:
    try:
        period = parse_period(str(p))
    except ValueError as e:
        raise InputError(
            where,
            (e.zh, str(e)),
            WRITE_AS,
        ) from None
    year_in_range(period.start, period.end, where)
    return period


def target_fields(t: Target) -> dict:
    """What every record about a target says of it (the targets table, run's records)."""
    return {
        "region": t.region,
        "plan": t.plan,
        "target_id": t.id,
        "label_zh": t.label_zh,
        "label_en": t.label_en,
        "indicator": t.indicator,
        "family": t.family,
        "kind": t.kind,
        "period": t.period_text,
        "threshold": t.thresholds[0] if len(t.thresholds) == 1 else list(t.thresholds),
        "comparator": t.comparator,
        "unit": t.unit,
    }


def target_records(targets: list[Target]) -> list[dict]:
    return [
        {
            **target_fields(t),
            "each": t.each if t.kind == "each_year" else None,
            "baseline": t.baseline,
            "quote": t.quote,
            "reading": t.reading,
            "alternative": t.alternative,
            "stretch": t.stretch,
        }
        for t in targets
    ]
