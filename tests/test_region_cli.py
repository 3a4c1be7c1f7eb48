"""A county and a prefecture city that ipcast does not bundle, as a new user would bring them:
the bureau's sheet (its own indicator names, units in the names, a 2023年度 column) through
import, history, forecast and run, under every name form of the region. The figures are made up
for the test and say so."""

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from ipcast.cli.app import app

runner = CliRunner()

REGIONS = {
    "511722": ["宣汉县", "宣汉", "511722", "Xuanhan"],  # a county under 达州
    "510700": ["绵阳市", "绵阳", "510700", "Mianyang"],  # a prefecture city
}


def _sheet(path, title):
    wb = Workbook()
    ws = wb.active
    ws.append([f"{title}知识产权主要指标（测试用，非真实数据）"])
    ws.append(["指标名称", "2019年", "2020年", "2021年", "2022年", "2023年度"])
    ws.append(["专利授权量（件）", 210, 260, 300, 280, 320])
    ws.append(["商标注册量（件）", 800, 900, 1000, 950, 1100])
    ws.append(["知识产权质押融资金额（万元）", 1000, 1500, 2000, 2600, 3000])
    ws.append(["常住人口（万人）", 98, 97, 96, 95.5, 95])
    wb.save(path)
    return path


def _targets(path, region_name):
    path.write_text(
        f"""region: {region_name}
plan: test
targets:
- id: t01
  label_zh: 专利授权量
  indicator: patent_grants
  kind: level
  period: 2026
  threshold: 400
  unit: 件
  quote: 测试目标（非真实规划）
""",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("code", list(REGIONS))
def test_import_then_history_forecast_run_under_every_name(code, tmp_path, home):
    names = REGIONS[code]
    sheet = _sheet(tmp_path / "bureau.xlsx", names[0])
    res = runner.invoke(app, ["import", str(sheet)])
    assert res.exit_code == 0, res.output
    assert "2023年度' read as the period 2023" in res.output
    assert f"({code}" in res.output  # the region found in the title, with its code
    for name in names:
        res = runner.invoke(app, ["history", "-r", name, "-i", "patent_grants", "-f", "csv"])
        assert res.exit_code == 0, res.output
        assert res.output.count(f"{code},patent_grants,") == 5
        res = runner.invoke(
            app, ["forecast", "-r", name, "-i", "patent_grants", "--paths", "200", "-f", "csv"]
        )
        assert res.exit_code == 0, res.output
        assert f"{code},patent_grants" in res.output
        targets = _targets(tmp_path / f"t_{name}.yaml", name)
        res = runner.invoke(app, ["run", "--targets", str(targets), "--paths", "200", "-f", "csv"])
        assert res.exit_code == 0, res.output
        assert f"{code},test,t01," in res.output and ",simulated," in res.output


def test_history_file_is_used_without_storing(tmp_path, home):
    sheet = _sheet(tmp_path / "bureau.xlsx", "宣汉县")
    res = runner.invoke(app, ["history", "--history", str(sheet), "-r", "宣汉", "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert "511722,pledge_financing,2023,year,3000.0,万元" in res.output
    assert not (home / "history.csv").exists()


def test_region_option_refuses_ambiguous_and_unknown(home):
    res = runner.invoke(app, ["targets", "-r", "朝阳区"])
    assert res.exit_code == 2
    assert "北京市朝阳区" in res.output and "长春市朝阳区" in res.output
    res = runner.invoke(app, ["targets", "-r", "Guanghanx"])
    assert res.exit_code == 2
    assert "nearest: 广汉市 (510681" in res.output


def test_unknown_indicator_then_mapped(tmp_path, home):
    wb = Workbook()
    ws = wb.active
    ws.append(["地区", "指标名称", "2022年", "2023年"])
    ws.append(["宣汉县", "商标申请量", 900, 1000])
    p = tmp_path / "b.xlsx"
    wb.save(p)
    res = runner.invoke(app, ["import", str(p)])
    assert res.exit_code == 2
    assert "unknown indicator '商标申请量'" in res.output and "--map" in res.output
    res = runner.invoke(app, ["import", str(p), "--map", "商标申请量=trademark_registrations"])
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize("command", ["revise", "simulate", "levers"])
def test_the_region_of_a_one_region_target_file_is_taken_from_it(command, tmp_path, home):
    """As ``run`` does: ``--targets`` about one region needs no ``-r`` and gives the output
    ``-r`` gives."""
    assert runner.invoke(app, ["import", str(_sheet(tmp_path / "b.xlsx", "宣汉县"))]).exit_code == 0
    targets = str(_targets(tmp_path / "t.yaml", "宣汉县"))
    args = [command, "--targets", targets, "--paths", "200", "-f", "csv"]
    without = runner.invoke(app, args)
    assert without.exit_code == 0, without.output
    assert "511722," in without.output and ",t01," in without.output
    assert without.output == runner.invoke(app, [*args, "-r", "宣汉"]).output


def test_a_target_file_of_two_regions_asks_which(tmp_path, home):
    one = _targets(tmp_path / "a.yaml", "宣汉县").read_text(encoding="utf-8")
    both = tmp_path / "both.yaml"
    both.write_text(one.replace("region: 宣汉县", "regions: [宣汉县, 绵阳市]"), encoding="utf-8")
    res = runner.invoke(app, ["revise", "--targets", str(both)])
    assert res.exit_code == 2
    assert f"{both}: its targets are of 2 regions (510700, 511722)" in res.output
    assert "pass --region" in res.output
    res = runner.invoke(app, ["revise"])
    assert res.exit_code == 2 and "--region: no region given" in res.output


def test_history_on_screen_shows_a_sheets_noted_source(tmp_path, home):
    """A planner's sheet names its source in a 注 row, not a page title: the terminal's source
    column shows it (it showed the empty title)."""
    sheet = _sheet(tmp_path / "bureau.xlsx", "宣汉县")
    wb = load_workbook(sheet)
    wb.active.append(["注：数据来源为宣汉县市场监管局统计台账（测试）"])
    wb.save(sheet)
    res = runner.invoke(app, ["history", "--history", str(sheet), "-r", "宣汉", "-i", "专利授权量"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].split()[4] == "来源"
    assert "宣汉县市场监管局统计台账(测试)" in res.output  # brackets read as half width


def test_history_screen_takes_the_title_else_the_source():
    from ipcast.report.result_tables import history_screen

    base = {"region": "chengdu", "indicator": "patent_grants", "period": "2020", "value": 1.0}
    rows = [
        {**base, "unit": "件", "source": "http://a", "source_title": "规划 专栏1"},
        {**base, "unit": "件", "source": "台账", "source_title": ""},
        {**base, "unit": "件", "source": None, "source_title": None},
    ]
    assert [r["来源"] for r in history_screen(rows)] == ["规划 专栏1", "台账", ""]
    assert rows[0]["source"] == "http://a"  # the records themselves are left as they are


def test_history_screen_speaks_the_planners_words():
    """Names, periods and figures as a planner writes them (it showed chengdu, patent_grants,
    2025-01/2025-10 and 12346.00); a code the catalogs do not know is shown as it is."""
    from ipcast.report.result_tables import HISTORY_COLUMNS, history_screen

    rows = [
        {
            "region": "chengdu",
            "indicator": "effective_trademarks",
            "period": "2025-01/2025-10",
            "value": 12346.0,
            "unit": "件",
            "origin": "bundled",
            "exclude": "",
        },
        {
            "region": "510700",
            "indicator": "pledge_financing",
            "period": "2020-11-01",
            "value": 49.59,
            "unit": "亿元",
            "origin": "台账.xlsx",
            "exclude": "与49.6 亿元重复（四舍五入） / rounded duplicate of 49.6 亿元",
        },
        {
            "region": "nowhere",
            "indicator": "custom_x",
            "period": "2024H1",
            "value": 0.125,
            "unit": "%",
            "origin": None,
        },
    ]
    shown = history_screen(rows)
    assert [list(r) for r in shown] == [HISTORY_COLUMNS] * 3
    assert [r["地区"] for r in shown] == ["成都市", "绵阳市", "nowhere"]
    assert [r["指标"] for r in shown] == ["有效注册商标", "知识产权质押融资额", "custom_x"]
    assert [r["期间"] for r in shown] == ["2025年1-10月", "2020年11月1日", "2024年上半年"]
    assert [r["数值"] for r in shown] == ["12,346 件", "49.59 亿元", "0.125 %"]
    assert [r["出处"] for r in shown] == ["内置", "台账.xlsx", ""]
    assert [r["未用原因"] for r in shown] == ["", "与49.6 亿元重复（四舍五入）", ""]


def test_targets_of_a_region_without_a_plan_says_how_to_give_it_one(home):
    """`ipcast targets -r 昆山市` printed '(nothing to show)', English and no way on; it says
    what run says: give the plan's table with --targets, or let draft propose one."""
    res = runner.invoke(app, ["targets", "-r", "昆山市"])
    assert res.exit_code == 2
    assert res.output.startswith(
        "错误：--region 320583：内置规划中没有320583的目标。修改：用 --targets FILE"
    )
    assert runner.invoke(app, ["targets", "-r", "guanghan"]).exit_code == 0


def test_an_empty_listing_is_said_in_chinese_first():
    from ipcast.report.tables import Format, render

    assert render([], Format.table) == "（无记录）/ (nothing to show)"


def test_region_and_indicator_screens_speak_the_planners_words():
    """`ipcast regions` and `ipcast indicators` showed sub-provincial city, sichuan, flow and
    patent, and the population without its date; --format keeps the records' keys."""
    from ipcast.report.result_tables import (
        INDICATOR_COLUMNS,
        REGION_COLUMNS,
        indicator_screen,
        region_screen,
    )

    regions = [
        {
            "region": "chengdu",
            "zh": "成都市",
            "en": "Chengdu",
            "level": "sub-provincial city",
            "parent": "sichuan",
            "plan": "chengdu_2021-2025",
            "population": 2140.3,
            "population_unit": "万人",
            "population_period": "2023",
        },
        {
            "region": "510681",
            "zh": "广汉市",
            "en": "Guanghan",
            "level": "county-level city",
            "parent": "deyang",
            "plan": None,
            "population": float("nan"),
            "population_unit": "万人",
            "population_period": None,
        },
        {
            "region": "x",
            "zh": "某地",
            "en": "X",
            "level": "new kind",
            "parent": "nowhere",
            "population": 5.0,
            "population_unit": "万人",
            "population_period": "2020-11-01",
        },
        {
            "region": "y",
            "zh": "某省",
            "en": "Y",
            "level": "province",
            "parent": None,
            "population": None,
        },
    ]
    shown = region_screen(regions)
    assert [list(r) for r in shown] == [REGION_COLUMNS] * 4
    assert [r["级别"] for r in shown] == ["副省级市", "县级市", "new kind", "省"]
    assert [r["上级"] for r in shown] == ["四川", "德阳市", "nowhere", ""]
    assert [r["规划"] for r in shown] == ["chengdu_2021-2025", "", "", ""]
    assert [r["常住人口"] for r in shown] == [
        "2,140.3 万人（2023年）",
        "",
        "5 万人（2020年11月1日）",
        "",
    ]
    indicators = [
        {
            "slug": "patent_grants",
            "zh": "授权专利",
            "en": "Patent grants",
            "family": "patent",
            "measure": "flow",
            "unit": "件",
            "borrow": "patent_flow",
        },
        {
            "slug": "firms",
            "zh": "企业",
            "en": "Firms",
            "family": "other",
            "measure": "stock",
            "unit": "家",
            "borrow": "",
        },
        {
            "slug": "c",
            "zh": "自定义",
            "en": "C",
            "family": "custom",
            "measure": "ratio",
            "unit": "%",
        },
    ]
    shown = indicator_screen(indicators)
    assert [list(r) for r in shown] == [INDICATOR_COLUMNS] * 3
    assert [(r["类别"], r["计量"], r["借用"]) for r in shown] == [
        ("专利", "当年量", "patent_flow"),
        ("其他", "存量", ""),
        ("custom", "比率", ""),
    ]
    out = runner.invoke(app, ["regions"]).output
    assert out.split()[:7] == REGION_COLUMNS and "副省级市" in out
    assert '"level": "sub-provincial city"' in runner.invoke(app, ["regions", "-f", "json"]).output
    out = runner.invoke(app, ["indicators"]).output
    assert out.split()[:7] == INDICATOR_COLUMNS and "当年量" in out


def test_target_screen_writes_the_target_as_the_run_table_does():
    """`ipcast targets` showed dazhou, average, 4000.00 and trademark; it now writes 达州市, 年均,
    4,000 件, 每年100 家 and ≤5 % as run does, and keeps the code that -t takes."""
    from ipcast.report.result_tables import TARGET_COLUMNS, target_screen

    base = {"region": "dazhou", "target_id": "t", "label_zh": "专利", "unit": "件"}
    rows = [
        {
            **base,
            "kind": "average",
            "period": "2022-07/2025-06",
            "threshold": 4000.0,
            "comparator": ">=",
            "family": "patent",
        },
        {
            **base,
            "kind": "each_year",
            "period": "2022-07/2023-06,2023-07/2024-06",
            "threshold": [100.0, 100.0],
            "comparator": ">=",
            "unit": "家",
            "family": "other",
        },
        {
            **base,
            "kind": "level",
            "period": "2025",
            "threshold": 5.0,
            "comparator": "<=",
            "unit": "%",
            "family": "trademark",
        },
        {**base, "region": "x", "kind": "new", "period": "2025", "threshold": None, "family": "x"},
        {
            **base,
            "kind": "each_year",
            "period": "2026,2027",
            "threshold": [1.5, 2.25],
            "comparator": ">=",
            "family": "pledge",
        },
    ]
    shown = target_screen(rows)
    assert [list(r) for r in shown] == [TARGET_COLUMNS] * 5
    assert [r["地区"] for r in shown] == ["达州市"] * 3 + ["x", "达州市"]
    assert [r["类型"] for r in shown] == ["年均", "逐年", "水平", "new", "逐年"]
    assert [r["期间"] for r in shown][:2] == ["2022-07/2025-06", "2022-07…2024-06"]
    assert [r["目标值"] for r in shown] == ["4,000 件", "每年100 家", "<=5 %", "—", "1.5/2.25 件"]
    assert [r["类别"] for r in shown] == ["专利", "其他", "商标", "x", "质押融资"]
    assert shown[0]["目标代码"] == "t"
    # none at all is a figure: 不超过0件
    zero = {**rows[2], "threshold": 0.0, "unit": "件"}
    assert target_screen([zero])[0]["目标值"] == "<=0 件"
    out = runner.invoke(app, ["targets", "-r", "dazhou"]).output
    assert out.split()[:7] == TARGET_COLUMNS and "dz01_patent_grants_avg" in out


def test_the_kind_ipcast_writes_is_the_first_word_a_plan_table_may_say_for_it():
    from ipcast.data.target_files import KIND_ZH as READ
    from ipcast.report.words import KIND_ZH as WRITTEN

    first = {}
    for zh, kind in READ.items():
        first.setdefault(kind, zh)
    assert first == WRITTEN
