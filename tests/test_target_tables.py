"""The table readers on the five bundled plans' indicator tables (transcribed into XLSX in
tests/fixtures/plan_tables/) against the hand-written target files, and the long layout."""

from pathlib import Path

import pytest

from ipcast.data.errors import InputError
from ipcast.data.target_files import bundled_targets
from ipcast.data.target_tables import load_targets, read_target_table

FIXTURES = Path(__file__).parent / "fixtures" / "plan_tables"

# The target file ids of each table's rows, in the table's order.
EXPECTED = {
    "chengdu": [f"cd{i:02d}" for i in range(1, 16)],
    "guanghan": [f"gh{i:02d}" for i in range(1, 17)],
    "dazhou": [f"dz_a{i:02d}" for i in range(1, 27)],
    "rongchang": [f"rc{i:02d}" for i in range(1, 9)],
    # The 1-2 service agencies sentence is in Tianchang's plan (tc17; filed as rc09 before).
    "tianchang": [f"tc{i:02d}" for i in range(1, 17)] + ["tc17|rc09"],
}


def _bundled(prefixes: str):
    """The target file's target with the first of the '|'-separated id prefixes that exists."""
    by_prefix = {t.id.split("_")[0]: t for t in bundled_targets() if not t.id.startswith("dz_a")}
    by_prefix |= {
        "_".join(t.id.split("_")[:2]): t for t in bundled_targets() if t.id.startswith("dz_a")
    }
    return next(by_prefix[p] for p in prefixes.split("|") if p in by_prefix)


@pytest.mark.parametrize("plan", list(EXPECTED))
def test_plan_tables_read_like_the_target_files(plan):
    region = "dazhou" if plan == "dazhou" else None  # Dazhou's annex title names no region
    read = read_target_table(FIXTURES / f"{plan}.xlsx", region)
    assert len(read.targets) == len(EXPECTED[plan])
    for got, want_id in zip(read.targets, EXPECTED[plan], strict=True):
        want = _bundled(want_id)
        what = f"{plan} {want.id} read as {got.indicator} {got.kind}"
        assert got.region == want.region or want.id.startswith("rc09"), what
        assert got.indicator == want.indicator, what
        assert got.kind == want.kind, what
        if want.kind == "each_year":
            assert got.each == want.each, what
        assert got.per == want.per, what
        assert [x for p in got.periods for x in (p.start, p.end)] == pytest.approx(
            [x for p in want.periods for x in (p.start, p.end)]
        ), what
        assert got.thresholds == want.thresholds, what
        assert got.unit == want.unit, what


def test_every_reading_is_reported():
    read = read_target_table(FIXTURES / "guanghan.xlsx")
    rows = [r for r in read.report if r.startswith("第")]  # 第3行：… / row 3: …
    assert len(rows) == 16
    assert any("累计 read as the total to date" in r for r in rows)
    assert "base: column D (2023年); targets: column E (2026年)" in read.report[0]


def test_a_unit_other_than_the_historys_is_converted_in_the_report():
    read = read_target_table(FIXTURES / "chengdu.xlsx")
    row = next(r for r in read.report if "著作权登记量" in r)
    assert "stock 2025 57 万件" in row and "in the history's unit: 570,000 件" in row


def test_ambiguous_names_are_reported_with_the_alternative():
    read = read_target_table(FIXTURES / "dazhou.xlsx", "dazhou")
    gi = next(r for r in read.report if "'地理标志(件)'" in r)
    assert "new_geographical_indications" in gi and "also fits geographical_indications" in gi


def test_a_target_in_words_has_no_threshold():
    read = read_target_table(FIXTURES / "tianchang.xlsx")
    t = read.targets[1]
    assert t.threshold is None and "超全省平均水平" in t.reading


LONG_ZH = """编号,地区,指标,类型,期间,目标值,单位,名称,方向
cd_a,成都,授权专利,水平,2025,60000,件,专利授权量,
cd_b,chengdu,copyright_registrations,累计,2021-2025,50,万件,,>=
cd_c,成都市,pledge_financing,逐年,2024,40,亿元,质押融资逐年,
cd_c,成都市,pledge_financing,逐年,2025,50,亿元,质押融资逐年,
cd_d,成都,有效发明专利,增速,2021/2025,10,%,,
"""


def test_long_layout_with_chinese_headers(tmp_path):
    f = tmp_path / "targets.csv"
    f.write_text(LONG_ZH, encoding="utf-8-sig")
    ts = {t.id: t for t in load_targets(f).targets}
    assert ts["cd_a"].indicator == "patent_grants" and ts["cd_a"].kind == "level"
    assert ts["cd_a"].label_zh == "专利授权量" and ts["cd_a"].region == "chengdu"
    b = ts["cd_b"]
    assert (b.kind, b.unit, b.threshold) == ("cumulative", "万件", 50.0)
    assert (b.period.start, b.period.end) == (2021.0, 2026.0)
    c = ts["cd_c"]
    assert c.kind == "each_year" and c.thresholds == (40.0, 50.0) and c.each == "level"
    assert ts["cd_d"].kind == "growth" and ts["cd_d"].indicator == "effective_invention_patents"


def test_long_layout_with_english_headers_in_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "targets"
    ws.append(["id", "region", "indicator", "kind", "period", "threshold", "unit", "label"])
    ws.append(["g1", "guanghan", "effective_trademarks", "stock", 2026, 13500, "件", "商标"])
    ws.append(
        ["g2", "guanghan", "trademark_registrations", "average", "2024/2026", 0.2, "万件", ""]
    )
    wb.save(tmp_path / "t.xlsx")
    ts = load_targets(tmp_path / "t.xlsx").targets
    assert [(t.id, t.kind, t.threshold, t.unit) for t in ts] == [
        ("g1", "stock", 13500.0, "件"),
        ("g2", "average", 0.2, "万件"),
    ]


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        ("x,成都,授权专利,水平,2025,很多,件", "column F (目标值)", "not a number"),
        ("x,成都,授权专利,水平,2025,5,公斤", "column G (单位)", "unit '公斤'"),
        ("x,成都,授权专利,大约,2025,5,件", "column D (类型)", "unknown kind"),
        ("x,成都,专利数目,水平,2025,5,件", "column C (指标)", "unknown indicator"),
        ("x,火星,授权专利,水平,2025,5,件", "column B (地区)", "unknown region"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(tmp_path, row, column, problem):
    f = tmp_path / "bad.csv"
    f.write_text("编号,地区,指标,类型,期间,目标值,单位\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_targets(f)
    assert f"row 2, {column}" in e.value.where
    assert problem in e.value.problem


def test_a_bad_figure_in_a_plan_table_names_the_cell(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "专栏1"
    ws.append(["序号", "指标名称", "2025年", "2030年"])
    ws.append([1, "专利授权量（件）", 100, "约200"])
    wb.save(tmp_path / "p.xlsx")
    with pytest.raises(InputError) as e:
        load_targets(tmp_path / "p.xlsx", "guanghan")
    assert e.value.where.endswith("sheet 专栏1, row 2, column D (2030年)")


def test_the_template_filled_in_reads_back(tmp_path):
    from openpyxl import load_workbook

    from ipcast.data.target_template import write_target_template

    path = tmp_path / "目标模板.xlsx"
    write_target_template(path, "guanghan", 2025, 2030)
    wb = load_workbook(path)
    assert wb.sheetnames == ["说明", "指标表", "逐条目标"]
    assert "填写说明" in wb["说明"]["A1"].value
    plan = wb["指标表"]
    for r, (base, target) in enumerate([(5000, 6000), (900, 1200), (7, 9), (None, 30000)], 3):
        plan.cell(r, 3, base)
        plan.cell(r, 4, target)
    plan.cell(7, 4, 8)
    plan.cell(8, 4, 1.5)
    for r, v in zip((2, 3, 4, 5), (6000, 30000, 1.2, 1.5), strict=True):
        wb["逐条目标"].cell(r, 6, v)
    wb.save(path)
    read = load_targets(path)
    got = [(t.indicator, t.kind, t.period_text, t.thresholds, t.unit) for t in read.targets]
    assert got == [
        ("patent_grants", "level", "2030", (6000.0,), "件"),
        ("effective_invention_patents", "stock", "2030", (1200.0,), "件"),
        ("high_value_invention_per_10k", "ratio", "2030", (9.0,), "件/万人"),
        ("trademark_registrations", "cumulative", "2026/2030", (30000.0,), "件"),
        ("copyright_registrations", "growth", "2026/2030", (8.0,), "%"),
        ("pledge_financing", "level", "2030", (1.5,), "亿元"),
        ("patent_grants", "level", "2030", (6000.0,), "件"),
        ("trademark_registrations", "cumulative", "2026/2030", (30000.0,), "件"),
        ("pledge_financing", "each_year", "2029,2030", (1.2, 1.5), "亿元"),
    ]
    with pytest.raises(FileExistsError):
        write_target_template(path, "guanghan")


def test_a_bureau_name_in_a_plan_table_goes_through_the_alias_table():
    from ipcast.data.table_names import match

    assert match("商标注册量年均增长（%）") == (
        ["trademark_registrations"],
        "bureau name '商标注册量' (indicator_aliases.csv)",
    )
    assert match("火星专利") == ([], "")


def test_a_total_to_date_with_a_span_in_its_name_is_the_sum_over_that_span(tmp_path):
    """著作权登记量累计（2026-2030年） counts the registrations of those five years; without the
    span, 版权登记数量累计 is the total to date at the end of the target year. A title line above
    the header (one cell) is read, not taken for a short header."""
    p = tmp_path / "plan.csv"
    p.write_text(
        "桐庐县知识产权指标表\n"
        "序号,指标名称,基期值（2025年）,目标值（2030年）\n"
        "1,著作权登记量累计（2026-2030年）（件）,,1200\n"
        "2,版权登记数量累计（件）,,5000\n"
        "3,知识产权质押融资金额累计（2027—2029年）（亿元）,,20\n"
        "4,新增注册商标（2028-2030年）,,900\n",
        encoding="utf-8",
    )
    got = [
        (t.indicator, t.kind, t.period.start, t.period.end, t.threshold)
        for t in load_targets(p, region="330122").targets
    ]
    assert got == [
        ("copyright_registrations", "cumulative", 2026.0, 2031.0, 1200.0),
        ("copyright_registrations_total", "stock", 2030.0, 2031.0, 5000.0),
        ("pledge_financing", "cumulative", 2027.0, 2030.0, 20.0),
        ("trademark_registrations", "cumulative", 2028.0, 2031.0, 900.0),
    ]


def test_every_running_total_is_linked_to_its_flow_with_nothing_lapsing():
    from ipcast.data.catalog import RUNNING_TOTALS
    from ipcast.forecast.linked import STOCK_FLOW

    for total, flow in RUNNING_TOTALS.items():
        assert STOCK_FLOW[total][:2] == (flow, 0.0)
    lapse_free = {s for s, (_, lapse, _) in STOCK_FLOW.items() if lapse == 0.0}
    assert lapse_free - set(RUNNING_TOTALS) == {"geographical_indications"}


def test_a_csv_row_with_filled_cells_beyond_the_header_is_refused(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text("标题\n指标名称,目标值（2030年）\n专利授权量,3000,多余\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 3.*more cells than the header"):
        load_targets(p, region="330122")


def test_a_kind_written_in_the_figure_cell_gets_a_fix_that_reads_back(tmp_path):
    """'累计20' in a target cell is refused, and the name the fix proposes (the kind and the
    plan's span from its base and target columns) reads as the sum over 2026-2030."""
    p = tmp_path / "plan.csv"
    rows = "序号,指标名称,单位,2025年基期值,2030年目标值\n1,{name},亿元,2.5,{value}\n"
    p.write_text(rows.format(name="知识产权质押融资金额", value="累计20"), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p, region="330122")
    assert e.value.where.endswith("row 2, column E (2030年目标值)")
    proposed = "知识产权质押融资金额累计（2026-2030年）"
    assert f"write the number alone (20) and the kind in the indicator name ({proposed})" in str(
        e.value
    )
    p.write_text(rows.format(name=proposed, value="20"), encoding="utf-8")
    loaded = load_targets(p, region="330122")
    (t,) = loaded.targets
    assert (t.indicator, t.kind, t.period.start, t.period.end, t.threshold) == (
        "pledge_financing",
        "cumulative",
        2026.0,
        2031.0,
        20.0,
    )
    assert "base 2.5 (2025): the plan's figure, not used" in " ".join(loaded.report)


def test_a_total_to_date_read_from_累计_names_the_span_to_write_for_a_sum_over_the_plan(tmp_path):
    """累计知识产权质押融资金额（亿元） reads as the amount pledged to date; the reading gives the
    name for the other sense, the span before the unit, and that name reads as the sum over
    2026-2030 of the yearly amounts."""
    p = tmp_path / "plan.csv"
    rows = "序号,指标名称,基期值（2025年）,目标值（2030年）\n1,{name},,8\n"
    p.write_text(rows.format(name="累计知识产权质押融资金额（亿元）"), encoding="utf-8")
    loaded = load_targets(p, region="330122")
    (t,) = loaded.targets
    assert (t.indicator, t.kind) == ("pledge_financing_total", "stock")
    proposed = "累计知识产权质押融资金额（2026-2030年）（亿元）"
    assert (
        f"累计 read as the total to date at the end of the period (for the sum over the plan's "
        f"years, write {proposed})"
    ) in " ".join(loaded.report)
    assert f"“累计”读作期末的累计总量（若指规划期内各年之和，请写作{proposed}）" in loaded.report[1]
    p.write_text(rows.format(name=proposed), encoding="utf-8")
    (t,) = load_targets(p, region="330122").targets
    assert (t.indicator, t.kind, t.period.start, t.period.end, t.threshold) == (
        "pledge_financing",
        "cumulative",
        2026.0,
        2031.0,
        8.0,
    )


def test_words_go_before_the_unit_in_brackets_or_at_the_end():
    from ipcast.data.plan_kinds import named

    assert named("专利授权量（件）", "累计") == "专利授权量累计（件）"
    assert named("专利授权量 (件)", "（2026-2030年）") == "专利授权量（2026-2030年）（件）"
    assert named("专利授权量", "累计") == "专利授权量累计"


def test_a_column_left_unread_is_named_in_the_reading(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,指标,单位,2030年目标值,年均增速,备注\n1,专利授权量,件,3800,5.6%,\n",
        encoding="utf-8",
    )
    # Without a base year the growth column's span is unknown: named, with the way out.
    head = load_targets(p, region="330122").report[0]
    assert head.endswith(
        "not read: column E (年均增速), column F (备注); a growth target is a row of its own, "
        "e.g. 专利授权量年均增长（%）"
    )
    p.write_text("序号,指标,单位,2030年目标值\n1,专利授权量,件,3800\n", encoding="utf-8")
    assert "not read" not in load_targets(p, region="330122").report[0]


def test_a_growth_column_beside_the_target_is_a_growth_target_of_its_row(tmp_path):
    """年均增速 beside 2025年基期值 and 2030年目标值: the row's figure there is the yearly growth
    over 2026-2030, read as a row named 专利授权量年均增长（%） is, with its own id."""
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,指标,单位,2025年基期值,2030年目标值,年均增速（%）\n"
        "1,专利授权量,件,2900,3800,5.6%\n"
        "2,发明专利授权量,件,300,450,\n",
        encoding="utf-8",
    )
    loaded = load_targets(p, region="330122")
    got = [
        (t.id, t.indicator, t.kind, t.period.start, t.period.end, t.threshold, t.unit)
        for t in loaded.targets
    ]
    assert got == [
        ("1_patent_grants", "patent_grants", "level", 2030.0, 2031.0, 3800.0, "件"),
        ("1_patent_grants_growth", "patent_grants", "growth", 2026.0, 2031.0, 5.6, "%"),
        ("2_invention_grants", "invention_grants", "level", 2030.0, 2031.0, 450.0, "件"),
    ]
    assert "growth targets: column F (年均增速(%))" in loaded.report[0]
    assert "not read" not in loaded.report[0]
    same = tmp_path / "rows.csv"
    same.write_text(
        "序号,指标,单位,2025年基期值,2030年目标值\n1,专利授权量年均增长,%,2900,5.6\n",
        encoding="utf-8",
    )
    (row,) = load_targets(same, region="330122").targets
    assert (row.kind, row.period.start, row.period.end, row.threshold) == got[1][2:6]


def test_a_growth_column_beside_a_kind_column_is_still_a_growth(tmp_path):
    """The 类型, 期间 and 编号 cells are the row's own target's: 水平 is the level's kind and
    P01 the level's id; the 年均增速 figure is a growth over 2026-2030 with its id P01_growth.
    (The 类型 cell was read as the growth's kind: every such row was refused.)"""
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,编号,指标,类型,单位,2025年基期值,2030年目标值,年均增速（%）\n"
        "1,P01,专利授权量,水平,件,2900,3800,5.6%\n",
        encoding="utf-8",
    )
    got = [
        (t.id, t.kind, t.period.start, t.period.end, t.threshold, t.unit)
        for t in load_targets(p, region="330122").targets
    ]
    assert got == [
        ("P01", "level", 2030.0, 2031.0, 3800.0, "件"),
        ("P01_growth", "growth", 2026.0, 2031.0, 5.6, "%"),
    ]


def test_a_growth_column_without_a_unit_column_is_in_percent(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        "指标,2025年基期值,2030年目标值,年均增速\n专利授权量（件）,2900,3800,5.6\n有效发明专利,900,,\n",
        encoding="utf-8",
    )
    loaded = load_targets(p, region="330122")
    got = [(t.id, t.kind, t.threshold, t.unit) for t in loaded.targets]
    # Row 3 has no figure: no target, and no growth target from an empty growth cell.
    assert got == [
        ("2_patent_grants", "level", 3800.0, "件"),
        ("2_patent_grants_growth", "growth", 5.6, "%"),
    ]
    assert (
        "第3行（“有效发明专利”）：无目标值，未读 / "
        "row 3 ('有效发明专利'): no target figure; not read" in loaded.report
    )


def test_a_kind_in_a_figure_cell_without_a_base_or_a_target_year_gets_no_span(tmp_path):
    """The span in the fix comes from the base and target years; without either it is left out
    rather than guessed."""
    p = tmp_path / "plan.csv"
    for header in ("序号,指标名称,单位,2030年目标值", "序号,指标名称,单位,2025年基期值,目标值"):
        value = "累计20" if header.endswith("2030年目标值") else "2.5,累计20"
        p.write_text(f"{header}\n1,知识产权质押融资金额,亿元,{value}\n", encoding="utf-8")
        with pytest.raises(InputError) as e:
            load_targets(p, region="330122")
        assert (
            "the kind in the indicator name (知识产权质押融资金额累计) or in a 类型 column"
            in str(e.value)
        )


def _read(tmp_path, csv: str):
    p = tmp_path / "plan.csv"
    p.write_text(csv, encoding="utf-8")
    loaded = load_targets(p, region="330122")
    zh, en = loaded.report[0].split(" / ")
    assert zh.startswith(f"文件 {p}：读作规划指标表；")
    head = en.removeprefix(f"{p}: plan indicator table; ")
    return head, [(t.id, t.kind, t.period_text, list(t.thresholds)) for t in loaded.targets]


def test_which_columns_hold_the_base_and_the_targets(tmp_path):
    # A proposed column (建议) is read and the current one left aside, and said so.
    head, got = _read(
        tmp_path,
        "序号,指标名称,2025年基期值,现行目标值（2030年）,建议目标值（2030年）\n"
        "1,专利授权量,2900,3800,3650\n",
    )
    assert head == (
        "the proposed targets (建议目标值(2030年)) read; the current ones left aside; "
        "base: column C (2025年基期值); targets: column E (建议目标值(2030年)); "
        "not read: column D (现行目标值(2030年))"
    )
    assert got == [("1_patent_grants", "level", "2030", [3650.0])]
    zh = load_targets(tmp_path / "plan.csv", region="330122").report[0].split(" / ")[0]
    assert zh.endswith(
        "读取建议目标（建议目标值(2030年)），现行目标未读；基期值：C列（2025年基期值）；"
        "目标值：E列（建议目标值(2030年)）；未读：D列（现行目标值(2030年)）"
    )
    # Without a proposed column, a current one (现行) beside another target column is left aside.
    head, got = _read(
        tmp_path,
        "序号,指标名称,2025年基期值,现行目标值（2030年）,调整后目标值（2030年）\n"
        "1,专利授权量,2900,3800,3650\n",
    )
    assert head == (
        "base: column C (2025年基期值); targets: column E (调整后目标值(2030年)); "
        "not read: column D (现行目标值(2030年))"
    )
    assert got == [("1_patent_grants", "level", "2030", [3650.0])]
    # Two years and no word: the first is the base; the second says 目标, the first does not.
    head, got = _read(tmp_path, "序号,指标名称,2023年,2026年目标\n1,专利授权量,2900,3800\n")
    assert head == "base: column C (2023年); targets: column D (2026年目标)"
    assert got == [("1_patent_grants", "level", "2026", [3800.0])]
    # A second base column is not read, and named.
    head, got = _read(
        tmp_path,
        "序号,指标名称,2020年基期值,2025年基期值,2030年目标值\n1,专利授权量,2000,2900,3800\n",
    )
    assert head == (
        "base: column C (2020年基期值); targets: column E (2030年目标值); "
        "not read: column D (2025年基期值)"
    )
    assert got == [("1_patent_grants", "level", "2030", [3800.0])]


def test_an_id_column_named_with_target_is_the_id_not_a_target(tmp_path):
    head, got = _read(
        tmp_path, "序号,指标名称,目标编号,2025年基期值,2030年目标值\n1,专利授权量,G1,2900,3800\n"
    )
    assert head == "base: column D (2025年基期值); targets: column E (2030年目标值)"
    assert got == [("G1", "level", "2030", [3800.0])]


def test_growth_rates_in_the_base_and_target_columns_are_read_once(tmp_path):
    """Base and target columns that hold growth rates are not a 年均增速 column as well."""
    head, got = _read(
        tmp_path,
        "序号,指标名称,基期年均增速（2025年）,目标年均增速（2030年）\n1,专利授权量年均增长（%）,5,6\n",
    )
    assert head == "base: column C (基期年均增速(2025年)); targets: column D (目标年均增速(2030年))"
    assert got == [("1_patent_grants", "growth", "2026/2030", [6.0])]


def test_a_growth_column_left_of_the_names_is_not_read_like_any_figure_there(tmp_path):
    head, got = _read(
        tmp_path,
        "序号,年均增速（%）,指标名称,2025年基期值,2030年目标值\n1,5.6,专利授权量,2900,3800\n",
    )
    assert head == (
        "base: column D (2025年基期值); targets: column E (2030年目标值); not read: column B "
        "(年均增速(%)); a growth target is a row of its own, e.g. 专利授权量年均增长（%）"
    )
    assert got == [("1_patent_grants", "level", "2030", [3800.0])]


def test_a_growth_column_that_reads_as_another_kind_is_refused_at_its_cell(tmp_path):
    """A running total named with its span (马德里…累计（2026-2030年）) makes the growth row's name
    read as a cumulative target: refused, with the row of its own that reads as a growth."""
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,指标,单位,2025年基期值,2030年目标值,年均增速（%）\n"
        "1,马德里商标国际注册累计（2026-2030年）,件,29,38,5.6%\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="330122")
    assert e.value.where.endswith("row 2, column F (年均增速(%))")
    assert "is read as cumulative, not a growth" in str(e.value)
    named = "马德里商标国际注册累计(2026-2030年)年均增长（%）"
    assert f"make the growth target a row of its own: {named}, 类型 增速" in str(e.value)
    p.write_text(
        f"序号,指标,类型,2025年基期值,2030年目标值\n1,{named},增速,29,5.6\n", encoding="utf-8"
    )
    (t,) = load_targets(p, region="330122").targets
    assert (t.kind, t.period_text, t.threshold, t.unit) == ("growth", "2026/2030", 5.6, "%")


def test_a_base_period_growth_column_is_not_read_as_the_plans_growth_target(tmp_path):
    """基期年均增速 is the growth of the years before the base: it was read as each row's growth
    target for 2026-2030."""
    head, got = _read(
        tmp_path,
        "序号,指标名称,2025年基期值,基期年均增速,2030年目标值\n1,专利授权量,2900,4.5,3800\n",
    )
    assert head == (
        "base: column C (2025年基期值); targets: column E (2030年目标值); not read: column D "
        "(基期年均增速); a growth target is a row of its own, e.g. 专利授权量年均增长（%）"
    )
    assert got == [("1_patent_grants", "level", "2030", [3800.0])]


def test_a_long_rows_blank_cells_get_their_defaults(tmp_path):
    """A one-row-per-target table: a 0 target is a target; an empty 单位 is % for a growth and the
    indicator's unit otherwise; 2026-2030 is the span 2026/2030, a July-June period stays as
    written; a 逐年 stock is judged at each year's end; an empty 出处 names the file and row."""
    p = tmp_path / "t.csv"
    p.write_text(
        "编号,地区,指标,类型,期间,目标值,单位,出处\n"
        "a,成都,授权专利,逐年,2025,0,,\n"
        "a,成都,授权专利,逐年,2026,10,,\n"
        "b,成都,有效发明专利,逐年,2025,100,件,\n"
        "b,成都,有效发明专利,逐年,2026,120,件,\n"
        "c,成都,有效发明专利,增速,2026-2030,10,,\n"
        "d,成都,授权专利,累计,2022-07/2023-06,5000,件,\n",
        encoding="utf-8",
    )
    ts = {t.id: t for t in load_targets(p).targets}
    a, b, c, d = ts["a"], ts["b"], ts["c"], ts["d"]
    assert (a.thresholds, a.unit, a.each, a.quote) == ((0.0, 10.0), "件", "level", "t.csv row 2")
    assert (b.each, b.thresholds) == ("stock", (100.0, 120.0))
    assert (c.kind, c.unit, c.period.text, c.quote) == ("growth", "%", "2026/2030", "t.csv row 6")
    assert (d.period.text, d.unit, d.threshold) == ("2022-07/2023-06", "件", 5000.0)


def test_累计_is_said_to_be_a_total_to_date_only_for_a_stock(tmp_path):
    """A 类型 of 水平 on a name with 累计 is the planner's choice of a level: no reading of 累计
    as a total to date (that reading is for a stock, and names the sum's other spelling)."""
    p = tmp_path / "plan.csv"
    rows = "序号,指标名称,类型,目标值（2030年）\n1,累计知识产权质押融资金额（亿元）,{},30\n"
    p.write_text(rows.format("水平"), encoding="utf-8")
    loaded = load_targets(p, region="330122")
    assert loaded.targets[0].kind == "level"
    assert not any("累计 read as" in r for r in loaded.report)
    p.write_text(rows.format("存量"), encoding="utf-8")
    loaded = load_targets(p, region="330122")
    assert loaded.targets[0].kind == "stock"
    assert loaded.report[-1].endswith("累计 read as the total to date at the end of the period")


def test_the_region_is_read_from_the_first_six_lines_and_the_header_from_the_first_12(tmp_path):
    """The title lines a region is looked for in (six) and the lines a plan header is looked for
    in (twelve, as ``read_header`` looks)."""
    p = tmp_path / "plan.csv"
    body = "指标名称,目标值（2030年）\n专利授权量,3000\n"
    p.write_text("说明\n" * 5 + "广汉市主要指标（测试数据）\n" + body, encoding="utf-8")
    assert [t.region for t in load_targets(p).targets] == ["guanghan"]
    p.write_text("说明\n" * 6 + "广汉市主要指标（测试数据）\n" + body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.problem_zh == "没有地区"
    p.write_text("广汉市（测试数据）\n" + "说明\n" * 11 + body, encoding="utf-8")  # header: line 13
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.problem_zh == "没有找到任何目标"
