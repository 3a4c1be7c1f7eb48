"""What every command reads first: the region checked, the history (bundled, stored and a file
of the user's own), the targets, the scenario. Each raises ``InputError`` naming the option and
the fix.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

import pandas as pd

from ..data import userstore
from ..data.catalog import regions
from ..data.custom import is_custom
from ..data.custom import row as custom_row
from ..data.errors import InputError
from ..data.history import combine
from ..data.indicator_names import match_indicator, name_key, read_name_map, unknown_indicator_fix
from ..data.places import resolve_region
from ..data.readers import read_history_file
from ..data.said import file_place
from ..data.schema import FIRST_YEAR
from ..data.target_files import Target, bundled_targets
from ..data.target_tables import load_targets
from ..scenarios.levers import Scenario, lever_catalog, load_scenario


def check_region(region: str | None) -> str | None:
    """The region's code for any name form (广汉市, 广汉, 510681, Guanghan, guanghan); an
    ambiguous or unknown name raises ``InputError`` with the candidates or nearest names."""
    return resolve_region(region, "--region") if region else None


def check_as_of(as_of: int | None, today: date | None = None) -> int | None:
    """An as-of year from 2000 (the first year any figure is read for) to the current year: a
    later one would claim to know the end of a year that has not ended."""
    if as_of is None:
        return None
    year = (today or date.today()).year
    if as_of > year:
        raise InputError(
            "--as-of",
            (
                f"{as_of}年晚于今年（{year}年）：{as_of}年末的情况还无从知道",
                f"{as_of} is after the current year {year}: nothing is known by the end of {as_of}",
            ),
            (
                f"给出{year}年或更早的年份，看当时已知的情况；或不加 --as-of，用今天已知的全部数字",
                f"give a year up to {year} to see what was known then, or leave --as-of out to "
                "use every figure known today",
            ),
        )
    if as_of < FIRST_YEAR:
        raise InputError(
            "--as-of",
            (
                f"{as_of}年早于{FIRST_YEAR}年，即读取数字的最早年份",
                f"{as_of} is before {FIRST_YEAR}, the first year any figure is read for",
            ),
            (f"给出{FIRST_YEAR}至{year}年之间的年份", f"give a year from {FIRST_YEAR} to {year}"),
        )
    return as_of


def check_leave_out(region: str | None) -> str | None:
    """The panel key of the region a run leaves out of its priors and calibration (``anhui`` for
    anhui, Anhui, 安徽 or 安徽省; ``country_chn``); a name that is no region of those panels
    raises ``InputError`` with the nearest keys."""
    if not region:
        return None
    from difflib import get_close_matches

    from ..forecast.learned import panel_regions

    known = panel_regions()
    key = region.strip().lower()
    if key not in known:
        with suppress(InputError):  # not a place name either: refused below, with panel keys
            key = resolve_region(region, "--leave-out")
    if key in known:
        return key
    near = get_close_matches(region.strip().lower(), sorted(known), n=3, cutoff=0.5)
    shown = (f"；最接近：{'、'.join(near)}", f"; nearest: {', '.join(near)}") if near else ("", "")
    raise InputError(
        "--leave-out",
        (
            f"“{region}”不是先验和校准所用面板中的地区",
            f"'{region}' is no region of the panels priors and calibration learn from",
        ),
        (
            "给出面板中的地区：一个省（anhui、安徽、guangdong……zhejiang）或商标面板的国家"
            f"（country_chn）{shown[0]}；或去掉 --leave-out，从全部地区学习",
            "give a panel region: a province (anhui, 安徽, guangdong ... zhejiang) or a trademark "
            f"panel's country (country_chn){shown[1]}; or drop --leave-out to learn from every "
            "region",
        ),
    )


def check_indicator(
    indicator: str | None,
    history: pd.DataFrame | None = None,
    names: list[str] | dict[str, str] | None = None,
) -> str | None:
    """The code of an indicator named any way the alias table knows (patent_grants, 专利授权量,
    專利授權量), through the user's ``--map``, or by the name of a custom indicator ``history``
    holds; unknown names raise ``InputError`` with the three closest names and how to map."""
    if not indicator:
        return None
    slug = match_indicator(indicator, name_map(names))
    if slug is None and history is not None:
        key = name_key(indicator)
        mine = [s for s in dict.fromkeys(history["indicator"]) if is_custom(s)]
        hits = [s for s in mine if name_key(custom_row(s)["zh"]) == key]
        if len(hits) > 1:
            raise InputError(
                "--indicator",
                (
                    f"“{indicator}”对应{len(hits)}个自定义指标：{'、'.join(hits)}",
                    f"'{indicator}' names {len(hits)} custom indicators: {', '.join(hits)}",
                ),
                ("写完整的代码", "give the full code"),
            )
        slug = hits[0] if hits else None
    if slug is None:
        raise InputError(
            "--indicator",
            (f"无法识别的指标“{indicator}”", f"unknown indicator '{indicator}'"),
            unknown_indicator_fix(indicator),
        )
    return slug


def check_lever(lever: str) -> None:
    if lever not in lever_catalog():
        every = ", ".join(lever_catalog())
        raise InputError(
            "--lever",
            (f"无法识别的政策杠杆“{lever}”", f"unknown lever '{lever}'"),
            (f"用以下之一：{every}", f"use one of {every}"),
        )


def refuse_existing(*files: Path | None) -> None:
    """Nothing the user wrote is overwritten: an output file that exists stops the command."""
    for f in files:
        if f is not None and Path(f).exists():
            raise InputError(
                file_place(f),
                ("文件已存在", "file exists"),
                ("换一个文件名；本次未写入任何内容", "choose another name; nothing was written"),
            )


def name_map(names: list[str] | dict[str, str] | None) -> dict[str, str]:
    """``--map`` items (NAME=CODE, NAME=custom:UNIT[:KIND], or CSV files of name,code lines) as
    {name: code}, each code checked; a dict is taken as already read."""
    if isinstance(names, dict):
        return names
    return read_name_map(list(names or []))


def load_history(
    history_file: Path | None = None,
    region: str | None = None,
    names: list[str] | dict[str, str] | None = None,
) -> pd.DataFrame:
    """The bundled history, the user's stored figures over it, and ``history_file`` over both
    (its own indicator names read through ``names``, the ``--map`` of every command)."""
    mapping = name_map(names)
    user = userstore.load()
    if history_file is not None:
        extra = read_history_file(history_file, region, names=mapping).rows
        user = extra if user is None else pd.concat([user, extra[user.columns]], ignore_index=True)
    return combine(user)


Names = list[str] | dict[str, str] | None


def select_targets(
    region: str | None, targets_file: Path | None = None, names: Names = None
) -> list[Target]:
    """The bundled plans' targets, or those of ``targets_file`` (YAML, CSV, XLSX or DOCX; a plan's
    indicator table that names no region is read as ``region``'s; its indicator names through
    ``names``, the ``--map``)."""
    if targets_file is None:
        ts = list(bundled_targets())
    else:
        ts = load_targets(targets_file, region, name_map(names)).targets
    return [t for t in ts if region is None or t.region == region]


def targets_region(region: str | None, targets_file: Path | None, names: Names = None) -> str:
    """``region``, or the one region ``targets_file`` is about when ``--region`` is left out (a
    plan table's title, a YAML file's ``region:``), as ``run`` reads it."""
    if region is not None:
        return region
    if targets_file is None:
        raise InputError(
            "--region",
            ("没有指定地区", "no region given"),
            (
                "加 --region（名称、代码或拼音：-r 广汉），或用只含一个地区的 --targets FILE",
                "pass --region (a name, code or pinyin: -r 广汉), or --targets FILE of one region",
            ),
        )
    found = sorted({t.region for t in load_targets(targets_file, None, name_map(names)).targets})
    if len(found) == 1:
        return found[0]
    listed = ", ".join(found[:6]) + (" …" if len(found) > 6 else "")
    eg = found[0] if found else "广汉"
    raise InputError(
        file_place(targets_file),
        (
            f"其中的目标属于{len(found)}个地区（{listed or '无'}）",
            f"its targets are of {len(found)} regions ({listed or 'none'})",
        ),
        (f"用 --region 指定哪一个（如 -r {eg}）", f"pass --region to say which one (e.g. -r {eg})"),
    )


def target_readings(
    targets_file: Path | None, region: str | None = None, names: Names = None
) -> list[str]:
    """Every reading made of a target table (kind, period, unit, indicator of each row), for the
    planner to check; empty for a YAML file or the bundled plans."""
    if targets_file is None:
        return []
    return load_targets(targets_file, region, name_map(names)).report


def region_targets(
    region: str,
    targets_file: Path | None = None,
    target_id: str | None = None,
    names: Names = None,
) -> list[Target]:
    """A region's targets (the bundled plan or ``targets_file``), or the one named ``target_id``."""
    region = check_region(region)
    targets = select_targets(region, targets_file, names)
    if not targets:
        plans = [r for r, row in regions().iterrows() if row["plan"]]
        raise InputError(
            f"--region {region}",
            (
                f"{targets_file or '内置规划'}中没有{region}的目标",
                f"no targets for {region} in {targets_file or 'the bundled plans'}",
            ),
            (
                f"用 --targets FILE 给出规划的指标表（`ipcast template -r {region} --targets "
                f"--out 目标.xlsx` 生成一张待填的表），或让 `ipcast draft -r {region} --out "
                "目标.yaml` 为每个有数字的指标提出目标（数字用 `ipcast import FILE` 导入，"
                f"或用 --history FILE 给出）；或选一个有规划的地区：{'、'.join(plans)}",
                f"pass --targets FILE, the plan's indicator table (`ipcast template -r {region} "
                "--targets --out 目标.xlsx` makes one to fill), or let "
                f"`ipcast draft -r {region} --out 目标.yaml` propose a target for each indicator "
                "with figures (imported with `ipcast import FILE`, or given with --history FILE); "
                f"or use a region with a plan: {', '.join(plans)}",
            ),
        )
    if target_id:
        mine = [t for t in targets if t.id == target_id]
        if not mine:
            ids = [t.id for t in targets]
            raise InputError(
                "--target",
                (f"{region}没有目标“{target_id}”", f"no target '{target_id}' in {region}"),
                (
                    f"用以下之一：{'、'.join(ids[:8])}……（见 `ipcast targets -r {region}`）",
                    f"use one of {', '.join(ids[:8])}, … (see `ipcast targets -r {region}`)",
                ),
            )
        return mine
    return targets


def drafted_from(
    region: str, targets_file: Path | None, names: Names, history: pd.DataFrame, until: int
) -> tuple[list[Target], bool]:
    """The targets a draft continues: the plan's (bundled or ``targets_file``), or, for a region
    with no plan, a starter target for each indicator with figures; and whether they are those.
    ``region`` is any name form (开江县, 开江, 511723, Kaijiang): the history knows codes."""
    code = check_region(region)
    if targets_file is None and code and not select_targets(code):
        from ..scenarios.draft import starter_targets

        starters = starter_targets(code, history, until)
        if starters:
            return starters, True
    return region_targets(region, targets_file, names=names), False


def scenario(name_or_path: str | Scenario | None) -> Scenario:
    return name_or_path if isinstance(name_or_path, Scenario) else load_scenario(name_or_path)
