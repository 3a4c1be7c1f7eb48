"""`ipcast forecast`'s text keeps within 100 columns, as the run table does (a Chinese character
takes two), and wraps rather than cuts what it says."""

from datetime import date

from ipcast.report.fold import wrap
from ipcast.report.run_table import width
from ipcast.report.views import fan_text

BORROWED = (
    "growth and volatility partly from: 10-year sums of USPTO and EUIPO trademark registrations "
    "by holder country 1998-2022 (NCSES), earlier growth faded x0.95 a year to 2023"
)


def _rec(**more):
    return {
        "label_zh": "注册商标",
        "indicator": "trademark_registrations",
        "unit": "件",
        "n_points": 8,
        "history": [{"period": str(y), "value": 1000.0 + y} for y in range(2010, 2024)],
        "stale_years": 2,
        "fan": [{"time": 2026.0, "period": "2026", "median": 3000.0}],
        "method": "calibrated ensemble",
        "borrowed": BORROWED,
        **more,
    }


def test_every_line_of_the_forecast_text_fits_100_columns():
    lines = fan_text([_rec()]).splitlines()
    assert max(width(x) for x in lines) <= 100
    # the stale line (with Chinese) was 105 columns, the borrowed one 169: now two lines each
    stale = [i for i, x in enumerate(lines) if x.startswith("  最新数据滞后 2 年")]
    assert lines[stale[0]] == (
        "  最新数据滞后 2 年：预测区间从数据截至年份之后开始 / last point 2 year(s) before the "
        "forecast"
    )
    assert lines[stale[0] + 1] == "    start: the fan starts after the as-of year"
    said = " ".join(x.strip() for x in lines if "borrowed" in x or x.startswith("    "))
    assert BORROWED in said
    # Chinese first: what was borrowed, and the method, as the workbook words them
    assert (
        "  借用：增长与波动部分借用：美国与欧盟按持有国统计的商标注册量（NCSES） / borrowed: "
        "growth and" in lines
    )
    assert "  预测方法：多模型校准组合 / method: calibrated ensemble" in lines


def test_wrap_breaks_at_spaces_and_counts_wide_characters_twice():
    assert wrap("aa bb cc", "  ", 7) == ["  aa bb", "    cc"]
    assert wrap("专利 专利 专利", "", 10) == ["专利 专利", "  专利"]  # 9 columns, then 2 + 4
    assert wrap("short", "  ") == ["  short"]
    assert wrap("x" * 120, "") == ["x" * 99 + "…"]  # a word wider than a line is cut


def test_a_forecast_with_no_history_and_member_weights_says_both_and_hides_the_decimal_time():
    r = _rec(history=[], stale_years=0, weights={"naive": 0.5, "drift": 0.25})
    r["fan"] = [{"time": 2026.0, "period": "2026", "median": 3000.0, "q10": 2500.0}]
    lines = fan_text([r]).splitlines()
    assert lines[1] == "注册商标 trademark_registrations（件），8个数据点 / 8 point(s)"
    assert lines[2] == "  历史数据 / history: 无 / none"
    assert lines[-3:] == [
        "  模型权重 / weights: naive 0.50, drift 0.25",
        "period median   q10",
        "  2026  3,000 2,500",
    ]


def test_a_long_chinese_line_breaks_between_characters_and_loses_nothing():
    """`forecast`'s 借用 line for pledge financing has 55 Chinese characters and no space: broken
    at spaces only it ran past 100 columns and was cut (…波动取省级专利序列…, 的高分位（判断）
    lost)."""
    said = "借用：增长与波动全部借用：无质押融资序列：增长取全国与广东质押融资的年增长率，"
    said += "波动取省级专利序列的高分位（判断）"
    lines = wrap(said + " / borrowed: no pledge panel exists", "  ")
    assert all(width(x) <= 100 for x in lines)
    assert lines[0].startswith("  借用") and lines[1].startswith("    ")
    assert "".join(x.strip() for x in lines).startswith(said)
    assert "…" not in "".join(lines)


def test_a_july_june_figure_the_yearly_forecast_does_not_read_is_named():
    """A bureau's 2025-07/2026-06 figure (1,028) is not a point of the yearly forecast: the fan's
    history listed the calendar years alone and said nothing of it; it is named now, in 件 as
    the history is, beside the months so far that are read by their pace."""
    from conftest import make_history

    from ipcast.forecast.report import fan_records

    rows = [
        ("dazhou", "patent_grants", str(y), "year", 900.0 + 20 * y - 40000, "件")
        for y in range(2019, 2026)
    ]
    rows += [
        ("dazhou", "patent_grants", "2025-07/2026-06", "span", 0.1028, "万件"),
        ("dazhou", "patent_grants", "2026-07/2026-10", "span", 341.0, "件"),
    ]
    (rec,) = fan_records(make_history(rows), "dazhou", ["patent_grants"], 3, 500, 0, None)
    assert rec["not_read"] == [{"period": "2025-07/2026-06", "value": 1028.0}]
    assert [x["period"] for x in rec["so_far"]] == ["2026-07/2026-10"]
    text = fan_text([rec])
    assert (
        "未计入年度预测：2025年7月至2026年6月：1,028（统计期不是日历年；期间包含它的目标按原数计入）"
        in (text.replace("\n    ", ""))
    )


def test_forecast_counts_a_stock_built_from_flows_as_run_does():
    """有效发明专利 from seven year-end figures and seven years of grants: run, revise and the
    briefing said 14 points, forecast said 7; both say 14 now, forecast adding that 7 are its
    own."""
    from conftest import make_history, make_target

    from ipcast.forecast.report import fan_records
    from ipcast.scenarios.engine import assess

    rows = []
    for i, y in enumerate(range(2019, 2026)):
        rows.append(("dazhou", "invention_grants", str(y), "year", 40.0 + 10 * i, "件"))
        rows.append(("dazhou", "effective_invention_patents", str(y), "asof", 230.0 + 55 * i, "件"))
    hist = make_history(rows)
    (rec,) = fan_records(hist, "dazhou", ["effective_invention_patents"], 3, 500, 0, None)
    t = make_target("effective_invention_patents", "stock", "2030", 950)
    (run,) = assess([t], hist, n_paths=500, seed=0)
    assert (rec["n_points"], rec["own_points"], run["n_points"]) == (14, 7, 14)
    # a stock's fan is read at year ends, from the end of the current year (its time the next
    # year's start); the flow's members weigh the same
    y = date.today().year
    fan = [(f["period"], f["time"]) for f in rec["fan"]]
    assert fan == [(f"{y + k}年末", y + k + 1.0) for k in range(3)]
    (flow,) = fan_records(hist, "dazhou", ["invention_grants"], 3, 500, 0, None)
    assert [f["period"] for f in flow["fan"]] == [str(y + k) for k in range(3)]
    n = len(flow["members"])
    assert n > 1 and flow["weights"] == {m: round(1 / n, 4) for m in flow["members"]}
    text = fan_text([rec])
    assert "14个数据点 / 14 point(s)" in text
    assert "其中本指标7个，其余为所依据的新增量序列" in text


def test_the_months_so_far_are_said_as_a_bureau_writes_them_in_the_chinese_half():
    """昆山's 2025年1-10月 grants (17,020, test data): the Chinese half of the line read
    2025年已有部分月份数据 2025-01/2025-10: 17,020；the stored period stays in the English."""
    so_far = [{"period": "2025-01/2025-10", "value": 17020.0, "year": 2025}]
    text = fan_text([_rec(so_far=so_far)]).replace("\n    ", "")
    assert "2025年已有部分月份数据（2025年1-10月：17,020）：2025年全年按已有进度与预测合并" in text
    assert "so far: 2025-01/2025-10: 17,020: the 2025 total" in text
