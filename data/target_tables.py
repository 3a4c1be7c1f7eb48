"""Targets from a table (CSV, XLSX, or the tables of a Word document), in either layout:

- long: one row per target (or per period of a 逐年 target), columns 编号/id, 地区/region,
  指标/indicator, 类型/kind, 期间/period, 目标值/threshold, and optional 方向/comparator,
  单位/unit, 名称/label;
- the plan's own indicator table (序号 | 指标名称 | 基期值 | 目标值 | 属性), read by ``plan_table``.

Both end as the same ``Target`` as a YAML file, validated by the same code, with errors that name
the sheet (or Word table), row and column. ``load_targets`` takes any of YAML, CSV, XLSX and
DOCX (``plan_docx`` makes each Word table a sheet).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import table_names as names
from .catalog import indicator, known
from .errors import InputError
from .periods import Period
from .plan_checks import refuse_across
from .plan_docx import is_word, no_indicator_table, read_word_tables
from .plan_table import read_plan_table
from .plan_table_header import is_plan_header, read_header
from .said import both, file_place, place, where_zh
from .table_cells import Sheet, read_sheets, region_in_title, resolve_region, text
from .target_files import Target, kind_code, load_path
from .target_files import _target as build_target

LONG = {
    "id": ("编号", "id", "目标编号", "target_id"),
    "region": ("地区", "region"),
    "indicator": ("指标", "indicator", "指标代码"),
    "kind": ("类型", "kind"),
    "period": ("期间", "period", "时期"),
    "threshold": ("目标值", "threshold", "目标"),
    "comparator": ("方向", "comparator"),
    "unit": ("单位", "unit"),
    "label": ("名称", "label", "label_zh", "指标名称"),
    "quote": ("出处", "quote", "原文"),
}


@dataclass
class TableTargets:
    targets: list[Target]
    report: list[str] = field(default_factory=list)


def load_targets(
    path: str | Path, region: str | None = None, names: dict[str, str] | None = None
) -> TableTargets:
    """Targets from a YAML, CSV, XLSX or DOCX file; ``region`` is needed only when a plan's table
    names none (in a 地区 column or its title); ``names`` (the user's ``--map``) is tried first
    for a table's indicator names."""
    p = Path(path)
    if not p.exists():
        raise InputError(
            file_place(p),
            ("找不到文件", "file not found"),
            (
                "给出 .yaml、.csv、.xlsx 或 .docx 文件的路径",
                "give the path of a .yaml, .csv, .xlsx or .docx file",
            ),
        )
    if p.suffix.lower() in (".yaml", ".yml"):
        return TableTargets(load_path(p))
    return read_target_table(p, region, names=names)


def read_target_table(
    p: Path,
    region: str | None = None,
    horizon: Period | None = None,
    names: dict[str, str] | None = None,
) -> TableTargets:
    out = TableTargets([])
    word = is_word(p)
    sheets = read_word_tables(p) if word else read_sheets(p)
    found, refused = [], []
    for sheet in sheets:
        got = _read_sheet(sheet, region, horizon, names)
        if isinstance(got, Skipped):
            out.report.append(got.said)
            refused += [got.why] if got.why else []
            continue
        dicts, report = got
        out.report += report + sheet.notes
        found.append((sheet.where, dicts))
    if word:  # a workbook's sheets may repeat a target (the template's two layouts do)
        out.report += refuse_across(found)
    for where, dicts in found:
        out.targets += [_build(d, p, where) for d in dicts]
    if not out.targets and refused:
        raise refused[0]  # a table headed 指标 that is no indicator table as written: its fix
    if not out.targets and word:
        raise no_indicator_table(p, len(sheets))
    if not out.targets:
        raise InputError(
            file_place(p),
            ("没有找到任何目标", "no targets found"),
            ("按 `ipcast template --targets` 生成的表填写", "fill in `ipcast template --targets`"),
        )
    ids = Counter((t.region, t.id) for t in out.targets)
    dup = sorted(i for (_, i), n in ids.items() if n > 1)
    if dup:
        raise InputError(
            file_place(p),
            (f"目标编号重复：{'、'.join(dup)}", f"duplicate target ids {dup}"),
            ("每个目标用不同的编号", "give every target its own 编号"),
        )
    return out


@dataclass
class Skipped:
    """A sheet or Word table not read: the report line, and the reader's refusal of a Word table
    headed 指标 (no target column), raised when the document has no indicator table at all."""

    said: str
    why: InputError | None = None


def _read_sheet(sheet: Sheet, region, horizon, names) -> tuple[list, list] | Skipped:
    """``(target dicts, report lines)`` of a sheet in either layout, or why it was skipped: no
    target table, or (a Word table, one of a document's) a 指标 header the plan-table reader
    refuses (no target column)."""
    rows = [[text(c) for c in sheet.raw.iloc[i].tolist()] for i in range(len(sheet.raw))]
    at = _long_header(rows)
    if at is not None:
        return _long_rows(sheet.raw, rows, at, sheet.where, names)
    if not any(is_plan_header(r) for r in rows[:12]):
        return Skipped(_skipped(sheet.where, ("没有目标表", "no target table")))
    if sheet.optional:
        try:
            read_header(sheet.raw, sheet.where)
        except InputError as e:
            why = (f"不是指标表（{e.problem_zh}）", f"no indicator table ({e.problem})")
            return Skipped(_skipped(sheet.where, why), e)
    dicts, report = read_plan_table(sheet.raw, sheet.where, horizon, names, sheet.title)
    reg = region or region_in_title(sheet.title + [" ".join(r) for r in rows[:6]])
    if reg is None:
        raise InputError(
            file_place(sheet.where),
            ("没有地区", "no region"),
            (
                "用 --region 指定，或在标题中写明地区",
                "pass --region, or name the region in the title",
            ),
        )
    for d in dicts:
        d["_region"] = reg
    return dicts, report


def _skipped(where: str, why: tuple[str, str]) -> str:
    return both(f"{where_zh(where)}：{why[0]}，未读", f"{where}: {why[1]}; skipped")


def _build(d: dict, p: Path, where: str) -> Target:
    """A ``Target`` through the YAML loader's own checks; its complaint re-pointed at the cell."""
    line, columns = d.pop("_line"), d.pop("_columns")
    region, attribute = d.pop("_region"), d.pop("_attribute", "")
    start = d.pop("_plan_start", None)
    row_at = place(where, line)
    try:
        t = build_target(d, 0, p.stem, region, row_at)
    except InputError as e:
        key = e.where.rsplit("key '", 1)[-1].rstrip("'") if "key '" in e.where else None
        col = columns.get(key) if key else None
        raise e.at(place(where, line, *col) if col is not None else row_at) from None
    extra = {"attribute": attribute} if attribute else {}
    return replace(t, extra=extra | ({"plan_start": start} if start else {}))


def _long_header(rows: list[list[str]]) -> int | None:
    for i, r in enumerate(rows[:12]):
        keys = {k for c in r for k, words in LONG.items() if c.lower() in words}
        if {"indicator", "kind", "period", "threshold"} <= keys:
            return i
    return None


def _long_rows(raw, rows, at, where, names=None) -> tuple[list[dict], list[str]]:
    header = rows[at]
    cols = {}
    for i, c in enumerate(header):
        for key, words in LONG.items():
            if c.lower() in words and key not in cols:
                cols[key] = i
    report = [
        both(f"{where_zh(where)}：每行一个目标", f"{where}: long layout (one row per target)")
    ]
    merged: dict[tuple, dict] = {}
    for r in range(at + 1, len(rows)):
        cells = rows[r]
        if not any(cells):
            continue
        d = _long_row(cells, raw.iloc[r].tolist(), cols, header, where, r + 1, report, names)
        key = (d["_region"], d["id"])
        if key in merged and d["kind"] == "each_year":
            first = merged[key]
            first["period"].append(d["period"][0])
            first["threshold"].append(d["threshold"][0])
            continue
        if key in merged:
            raise InputError(
                place(where, r + 1, cols.get("id")),
                (f"目标编号“{d['id']}”用了两次", f"target id '{d['id']}' used twice"),
                (
                    "每个目标用不同的编号（同一逐年目标的各行共用一个编号）",
                    "give each target its own 编号 (rows of one 逐年 target share it)",
                ),
            )
        merged[key] = d
    return list(merged.values()), report


def _long_row(cells, raw_cells, cols, header, where, line, report, names=None) -> dict:
    def get(key):
        return cells[cols[key]] if key in cols else ""

    def at(key):
        return place(where, line, cols.get(key), header[cols[key]] if key in cols else "")

    if not get("region"):
        raise InputError(
            at("region"),
            ("没有地区", "no region"),
            ("写地区代码或名称（如成都）", "write the region code or name (e.g. 成都)"),
        )
    region = resolve_region(get("region"), at("region"))
    slug = _long_indicator(get("indicator"), at("indicator"), names)
    meta = indicator(slug)
    kind = kind_code(get("kind")) or get("kind")  # anything else refused by build_target
    threshold = raw_cells[cols["threshold"]]
    number = threshold if isinstance(threshold, int | float) else _number(get("threshold"))
    if get("threshold") and number is None:
        raise InputError(
            at("threshold"),
            (f"“{get('threshold')}”不是数字", f"'{get('threshold')}' is not a number"),
            ("只写数字", "write the number alone"),
        )
    measure = meta["measure"]
    period = get("period").replace("-", "/") if _is_year_span(get("period")) else get("period")
    d = {
        "id": get("id") or f"{line}_{slug}",
        "label_zh": get("label") or meta["zh"],
        "indicator": slug,
        "kind": kind,
        "period": [period] if kind == "each_year" else period,
        "threshold": [number] if kind == "each_year" else number,
        "comparator": get("comparator") or ">=",
        "unit": get("unit") or ("%" if kind == "growth" else meta["unit"]),
        "quote": get("quote") or f"{Path(where.split(',')[0]).name} row {line}",
        "_line": line,
        "_columns": {k: (c, header[c]) for k, c in cols.items()},
        "_region": region,
    }
    if kind == "each_year":
        d["each"] = "level" if measure == "flow" else "stock"
    return d


def _number(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def _is_year_span(s: str) -> bool:
    parts = s.split("-")
    return len(parts) == 2 and all(len(x) == 4 and x.isdigit() for x in parts)


def _long_indicator(cell: str, where, mapping: dict[str, str] | None = None) -> str:
    if known(cell):
        return cell
    slugs, _ = names.match(cell, mapping)
    if len(slugs) == 1:
        return slugs[0]
    near = slugs or names.nearest(cell)
    eg = (f"（如{'、'.join(near)}）", f" (e.g. {', '.join(near)})") if near else ("", "")
    raise InputError(
        where,
        (
            f"指标“{cell}”{'有多种读法' if slugs else '无法识别'}",
            f"{'ambiguous' if slugs else 'unknown'} indicator '{cell}'",
        ),
        (
            f"写 `ipcast indicators` 中的代码{eg[0]}，或对应名称：--map '{cell}=CODE'"
            "（目录外的指标用 custom:UNIT[:KIND]）",
            f"write a code from `ipcast indicators`{eg[1]}, or map the name: --map '{cell}=CODE' "
            "(custom:UNIT[:KIND] outside the catalog)",
        ),
    )
