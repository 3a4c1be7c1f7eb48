"""Custom indicators (outside the catalog), --map on every command, -i by any name."""

import numpy as np
import pytest
from scipy import stats
from typer.testing import CliRunner

from ipcast import api
from ipcast.cli.app import app
from ipcast.data.catalog import indicator, plausible_max
from ipcast.data.errors import InputError
from ipcast.data.indicator_names import read_name_map
from ipcast.data.readers import read_history_file

SLUG = "custom:家:stock:商业秘密保护示范企业"
DECLARE = "商业秘密保护示范企业=custom:家:stock"
# Year-end counts 2019..2023: a stock at t = 2020.0 .. 2024.0
POINTS = [4, 6, 7, 9, 12]
SHEET = (
    "地区,指标名称,单位,2019,2020,2021,2022,2023\n"
    "广汉市,商业秘密保护示范企业,家," + ",".join(map(str, POINTS)) + "\n"
    "广汉市,专利授权量,件,800,900,1000,1100,1200\n"
)
TARGETS = """plan: guanghan_custom
region: guanghan
title_zh: 广汉 自定义指标
targets:
- id: gh_trade_secret_2026
  label_zh: 商业秘密保护示范企业达到30家
  indicator: {indicator}
  kind: stock
  period: "2026"
  threshold: 30
  unit: 家
  quote: "商业秘密保护示范企业 30家"
"""


@pytest.fixture
def sheet(tmp_path):
    p = tmp_path / "guanghan.csv"
    p.write_text(SHEET, encoding="utf-8")
    return p


def _targets(tmp_path, indicator=SLUG):
    p = tmp_path / "targets.yaml"
    p.write_text(TARGETS.format(indicator=indicator), encoding="utf-8")
    return p


def test_a_mapping_may_name_the_catalog_indicator_by_any_known_name():
    assert read_name_map(["我局专利数=专利授权量", "我局商标=註冊商標"]) == {
        "我局专利数": "patent_grants",
        "我局商标": "trademark_registrations",
    }


def test_a_declaration_becomes_a_self_describing_code():
    assert read_name_map([DECLARE]) == {"商业秘密保护示范企业": SLUG}
    assert read_name_map(["满意度（%）=custom:%:ratio"]) == {"满意度（%）": "custom:%:ratio:满意度"}
    assert read_name_map(["调解案件=custom:件"]) == {"调解案件": "custom:件:flow:调解案件"}
    row = indicator(SLUG)
    assert (row["unit"], row["measure"], row["borrow"], row["zh"]) == (
        "家",
        "stock",
        "",
        "商业秘密保护示范企业",
    )
    assert plausible_max(SLUG) == np.inf  # nothing known about it bounds the planner's figures


@pytest.mark.parametrize(
    "item, problem, fix",
    [
        ("示范企业=custom:头:stock", "unknown unit '头'", "家"),
        ("示范企业=custom:家:level", "unknown kind 'level'", "flow, stock, ratio"),
        ("示范企业=custom", "not a custom declaration", "custom:UNIT[:KIND]"),
        (
            "专利授权量=custom:件",
            "the catalog's patent_grants already",
            "'专利授权量=patent_grants'",
        ),
        ("示范企业=trade_secrets", "unknown code 'trade_secrets'", "custom:UNIT[:KIND]"),
    ],
)
def test_bad_declarations_name_the_item_and_the_fix(item, problem, fix):
    with pytest.raises(InputError) as e:
        read_name_map([item])
    assert item in e.value.where
    assert problem in e.value.problem
    assert fix in e.value.fix


def test_a_mapping_csv_row_is_named(tmp_path):
    p = tmp_path / "names.csv"
    p.write_text("专利授权数,patent_grants\n示范企业,custom:只:stock\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_name_map([str(p)])
    assert e.value.where == f"{p} row 2"


def test_reading_a_custom_row(sheet):
    res = read_history_file(sheet, names=read_name_map([DECLARE]))
    mine = res.rows[res.rows["indicator"] == SLUG]
    assert mine["value"].tolist() == [4.0, 6.0, 7.0, 9.0, 12.0]
    assert set(mine["period_type"]) == {"asof"}  # a stock: each figure is a year-end level
    assert set(mine["unit"]) == {"家"}
    assert any("商业秘密保护示范企业 declared custom (家, stock)" in line for line in res.report)


def test_without_a_declaration_the_name_is_refused_with_the_way_to_declare(sheet):
    with pytest.raises(InputError) as e:
        read_history_file(sheet)
    assert "row 2" in e.value.where
    assert "--map '商业秘密保护示范企业=custom:UNIT[:flow|stock|ratio]'" in e.value.fix
    assert e.value.fix.count("(") >= 3  # three nearest catalog names, each with its code


def _analytic(threshold: float, years: float) -> tuple[float, float]:
    """P(stock >= threshold) and the median ``years`` after the last point, from the conjugate
    posterior of the log random walk under the weak prior (rwdrift.VAGUE: m0 0, tau0 0.3, s0 0.2,
    nu0 1): log X - log y_last - years*m ~ s * sqrt(years^2/kappa + years) * t_nu."""
    d = np.diff(np.log(POINTS))
    kappa0 = 0.2**2 / 0.3**2
    kappa = kappa0 + len(d)
    m = d.sum() / kappa
    nu = 1 + len(d)
    s2 = (0.2**2 + np.sum(d**2) - kappa * m**2) / nu
    scale = np.sqrt(s2 * (years**2 / kappa + years))
    z = np.log(threshold / POINTS[-1]) - years * m
    return float(stats.t.sf(z, nu, scale=scale)), float(POINTS[-1] * np.exp(years * m))


def test_a_custom_target_is_judged_on_its_own_points_only(home, sheet, tmp_path):
    recs = api.run(
        "广汉",
        paths=40000,
        seed=0,
        history_file=sheet,
        names=[DECLARE],
        targets_file=_targets(tmp_path),
    )
    (r,) = recs
    p, median = _analytic(30, 3.0)  # end of 2026 is three years after end of 2023
    assert p == pytest.approx(0.3048, abs=1e-3)
    assert median == pytest.approx(25.19, abs=0.01)
    assert abs(r["p_hit"] - p) < 4 * r["p_hit_se"]
    assert r["median"] == pytest.approx(median, rel=0.01)
    assert r["method"] == "random walk, own points only"
    assert "own points only, nothing borrowed" in r["borrowed"]
    again = api.run(
        "广汉",
        paths=40000,
        seed=0,
        history_file=sheet,
        names=[DECLARE],
        targets_file=_targets(tmp_path),
    )
    other = api.run(
        "广汉",
        paths=40000,
        seed=1,
        history_file=sheet,
        names=[DECLARE],
        targets_file=_targets(tmp_path),
    )
    assert again[0]["p_hit"] == r["p_hit"]
    assert other[0]["p_hit"] != r["p_hit"]


def test_the_run_table_says_it_rests_on_own_points(home, sheet, tmp_path):
    args = ["run", "-r", "广汉", "--history", str(sheet), "--map", DECLARE, "--paths", "500"]
    out = CliRunner().invoke(app, args + ["--targets", str(_targets(tmp_path))])
    assert out.exit_code == 0, out.output
    assert (
        "自定义指标（商业秘密保护示范企业）：仅依据本地区自身数据预测，未借用同类序列。"
        in out.output
    )
    en = CliRunner().invoke(app, args + ["--targets", str(_targets(tmp_path)), "--lang", "en"])
    assert (
        "Custom indicators (商业秘密保护示范企业): forecast from their own points only" in en.output
    )


def test_the_chain_says_why_nothing_was_borrowed(home, sheet):
    (rec,) = api.forecast(
        "guanghan", indicator="商业秘密保护示范企业", paths=500, history_file=sheet, names=[DECLARE]
    )
    assert rec["indicator"] == SLUG
    chain = {c["step"]: c for c in rec["chain"]}
    assert chain["calibrated ensemble"]["reason"].startswith("5 consecutive")
    assert chain["pooled random walk"]["reason"] == "no comparable series to borrow growth from"
    assert chain["own points only"]["used"]


def test_two_custom_points_are_not_enough(home, tmp_path):
    p = tmp_path / "short.csv"
    p.write_text("地区,指标名称,单位,2022,2023\n广汉市,示范企业,家,4,6\n", encoding="utf-8")
    (rec,) = api.forecast(
        "guanghan", indicator="示范企业", history_file=p, names=["示范企业=custom:家:stock"]
    )
    assert not rec["fan"]
    assert "needs 3 or more" in rec["reason"]


def test_imported_once_the_custom_indicator_is_known_by_its_name(home, sheet):
    runner = CliRunner()
    out = runner.invoke(app, ["import", str(sheet), "--map", DECLARE])
    assert out.exit_code == 0, out.output
    assert "declared custom (家, stock)" in out.output
    fc = runner.invoke(
        app, ["forecast", "-r", "广汉", "-i", "商业秘密保护示范企业", "--paths", "500"]
    )
    assert fc.exit_code == 0, fc.output
    assert SLUG in fc.output
    assert "own points only" in fc.output
    hist = runner.invoke(app, ["history", "-r", "广汉", "-i", "商业秘密保护示范企业", "-f", "csv"])
    assert hist.exit_code == 0, hist.output
    assert hist.output.count(SLUG) == 5


@pytest.mark.parametrize("command", ["forecast", "history"])
def test_map_goes_with_history_on_other_commands(home, sheet, command):
    args = [command, "-r", "广汉", "--history", str(sheet), "--map", DECLARE, "-i", SLUG]
    out = CliRunner().invoke(app, args + (["--paths", "500"] if command == "forecast" else []))
    assert out.exit_code == 0, out.output
    assert "商业秘密保护示范企业" in out.output


def test_map_names_an_indicator_without_a_history_file(home):
    (rec,) = api.forecast(
        "广汉", indicator="我局专利授权数", names=["我局专利授权数=patent_grants"]
    )
    assert rec["indicator"] == "patent_grants"


PLAN = (
    "广汉市知识产权指标表,,,,\n"
    "序号,指标名称,基期值（2023年）,目标值（2026年）,属性\n"
    "1,商业秘密保护示范企业（家）,12,30,预期性\n"
    "2,专利授权量（件）,1200,1500,预期性\n"
)


def test_a_plan_table_names_a_custom_indicator_through_the_map(home, sheet, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    with pytest.raises(InputError) as e:
        api.select_targets("510681", plan)
    assert "row 3, column B (指标名称)" in e.value.where
    assert "=custom:UNIT[:KIND]" in e.value.fix
    readings = api.target_readings(plan, "510681", [DECLARE])
    assert any(f"-> {SLUG} (your --map); stock 2026 30 家" in r for r in readings)
    recs = api.run("广汉", paths=40000, history_file=sheet, names=[DECLARE], targets_file=plan)
    mine = next(r for r in recs if r["indicator"] == SLUG)
    p, _ = _analytic(30, 3.0)
    assert abs(mine["p_hit"] - p) < 4 * mine["p_hit_se"]


@pytest.mark.parametrize("name", ["专利授权量", "專利授權量", "patent_grants", "授权专利"])
def test_indicator_option_takes_any_known_name(home, name):
    (rec,) = api.forecast("guanghan", indicator=name, paths=200)
    assert rec["indicator"] == "patent_grants"


def test_unknown_indicator_option_names_three_closest_and_how_to_map(home):
    out = CliRunner().invoke(app, ["forecast", "-r", "广汉", "-i", "商标申请量"])
    assert out.exit_code == 2
    assert "--indicator: unknown indicator '商标申请量'" in out.output
    assert out.output.count("(trademark") + out.output.count("(madrid") >= 2
    assert "--map '商标申请量=" in out.output


def test_a_target_file_names_its_indicator_by_alias(home, tmp_path):
    from ipcast.data.target_tables import load_targets

    doc = load_targets(_targets(tmp_path, "专利授权量"), None)
    assert doc.targets[0].indicator == "patent_grants"
    with pytest.raises(InputError) as e:
        load_targets(_targets(tmp_path, "商业秘密示范"), None)
    assert "key 'indicator'" in e.value.where
    assert "custom:UNIT" in e.value.fix


def test_the_briefing_says_a_custom_indicator_rests_on_its_own_points():
    from ipcast.data.custom import LABEL
    from ipcast.report.words import borrowed

    assert borrowed(LABEL, "zh") == "自定义指标：仅依据本地区自身数据预测，未借用"


def test_one_name_declared_two_ways_is_ambiguous_for_the_indicator_option(home, sheet, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text(SHEET.replace(",家,", ",个,"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(sheet), "--map", DECLARE]).exit_code == 0
    second = runner.invoke(app, ["import", str(other), "--map", "商业秘密保护示范企业=custom:个"])
    assert second.exit_code == 0, second.output
    out = runner.invoke(app, ["forecast", "-r", "广汉", "-i", "商业秘密保护示范企业"])
    assert out.exit_code == 2
    assert "names 2 custom indicators" in out.output
    assert "custom:个:flow:商业秘密保护示范企业" in out.output


def test_indicators_lists_a_custom_indicator_once_imported(home, sheet):
    catalog = api.figures.indicators()
    assert SLUG not in [r["slug"] for r in catalog]
    out = CliRunner().invoke(app, ["import", str(sheet), "--map", DECLARE])
    assert out.exit_code == 0, out.output
    listed = api.figures.indicators()
    assert listed[: len(catalog)] == catalog
    assert listed[len(catalog) :] == [
        {
            "slug": SLUG,
            "zh": "商业秘密保护示范企业",
            "en": "商业秘密保护示范企业 (custom)",
            "family": "other",
            "measure": "stock",
            "unit": "家",
            "borrow": "",
        }
    ]
    shown = CliRunner().invoke(app, ["indicators", "-f", "csv"])
    assert shown.exit_code == 0 and shown.output.count(SLUG) == 1


def test_the_fill_in_sheet_offers_the_regions_custom_indicator_and_reads_it_back(
    home, sheet, tmp_path
):
    from openpyxl import load_workbook

    assert CliRunner().invoke(app, ["import", str(sheet), "--map", DECLARE]).exit_code == 0
    out = tmp_path / "sheet.xlsx"
    slugs = api.figures.template("guanghan", out)
    assert slugs[-1] == SLUG and slugs.count(SLUG) == 1
    assert SLUG not in api.figures.template("dazhou", tmp_path / "other.xlsx")
    wb = load_workbook(out)
    ws = wb["历史数据"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == SLUG)
    assert [c.value for c in row[2:5]] == ["商业秘密保护示范企业", "家", "年末存量"]
    row[header.index("2024年")].value = 15
    wb.save(out)
    back = api.figures.import_figures(out, dry_run=True)
    assert back["counts"]["added"] == 1, back
