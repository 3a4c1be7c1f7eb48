"""The draft and revise round trip: the plan's indicator table with proposed targets, written and
read back by ``--targets`` as the same targets."""

import pytest
from conftest import make_history

from ipcast.data.history import combine
from ipcast.data.target_files import bundled_targets
from ipcast.data.target_tables import load_targets
from ipcast.report.plan_table_out import draft_rows, revise_rows, write_plan_table
from ipcast.scenarios.confidence import promise
from ipcast.scenarios.draft import draft_targets

# Yearly flows for Dazhou, made up for the test (the bundled history has none).
FLOWS = {"patent_grants": 2500.0, "trademark_registrations": 5000.0}
PICKED = ("dz01_", "dz02_", "dz04_", "dz05_", "dz23_", "dz_a01_", "dz_a05_")


def test_a_drafted_table_reads_back_as_the_draft(tmp_path):
    rows = [
        ("dazhou", ind, str(y), "year", base * 1.08 ** (y - 2015), "件")
        for ind, base in FLOWS.items()
        for y in range(2015, 2025)
    ]
    history = combine(make_history(rows))
    current = [t for t in bundled_targets() if t.id.startswith(PICKED)]
    doc = draft_targets(current, history, 2028, 0.8, n_paths=300, seed=1)
    path = tmp_path / "达州草案.xlsx"
    write_plan_table(path, "达州市 2026-2028 目标草案", draft_rows(current, doc), 0.8)
    read = load_targets(path)
    proposed = [e for e in doc["targets"] if e["threshold"] is not None]
    assert len(proposed) == 6  # all but dz05 (one point, nothing to borrow from)
    assert {e["kind"] for e in proposed} == {"average", "stock", "cumulative", "each_year"}
    assert [t.id for t in read.targets] == [e["id"] for e in proposed]
    for t, e in zip(read.targets, proposed, strict=True):
        periods = e["period"] if isinstance(e["period"], list) else [e["period"]]
        assert t.region == "dazhou" and t.indicator == e["indicator"] and t.kind == e["kind"]
        assert [p.text for p in t.periods] == periods
        want = e["threshold"] if isinstance(e["threshold"], list) else [e["threshold"]]
        assert list(t.thresholds) == want
        assert t.per == e.get("per", "year") and t.unit == e["unit"]
    skipped = [r for r in read.report if "no target figure" in r]
    assert len(skipped) == len(doc["targets"]) - len(proposed)


def test_a_revised_table_keeps_the_periods_and_takes_the_revised_figures(tmp_path):
    ts = [t for t in bundled_targets() if t.region == "rongchang"]
    records = [
        {
            "region": t.region,
            "target_id": t.id,
            "threshold": t.threshold,
            "p_hit": 0.5,
            "status": "no_history" if t.id.startswith("rc05") else "simulated",
            "revised_threshold": None if t.id.startswith("rc05") else t.threshold * 0.9,
        }
        for t in ts
        if t.kind != "each_year"
    ]
    path = tmp_path / "荣昌修订.xlsx"
    write_plan_table(path, "荣昌区 目标修订", revise_rows(ts, records), 0.8)
    read = {t.id: t for t in load_targets(path).targets}
    for t in ts:
        if t.kind == "each_year":
            continue
        got = read[t.id]
        assert (got.kind, got.period_text, got.per) == (t.kind, t.period_text, t.per)
        kept = t.id.startswith("rc05")  # no revision: the current target stays
        promised = promise(t.threshold * 0.9, t.comparator, t.unit)
        assert got.threshold == (t.threshold if kept else promised)


def test_a_revised_table_writes_the_figure_revise_shows_not_its_unrounded_quantile(tmp_path):
    """revise showed 182,261 件 and 3.29 % at 80 %, and wrote 182261.7168853329 and
    3.297941090902946 into 建议目标值: the promise (confidence.promise, as draft writes it) is
    rounded toward the side that keeps the confidence: down for at least, up for at most."""
    from types import SimpleNamespace

    def target(i, unit, comparator):
        return SimpleNamespace(
            region="520300",
            id=f"t{i}",
            label_zh="x",
            indicator="patent_grants",
            kind="level",
            per="year",
            period_text="2030",
            baseline="",
            unit=unit,
            comparator=comparator,
        )

    ts = [target(1, "件", ">="), target(2, "%", ">="), target(3, "件", "<="), target(4, "件", ">=")]
    revised = [182261.7168853329, 3.297941090902946, 896.2, [1790.4, 2000.9]]
    records = [
        {
            "region": "520300",
            "target_id": t.id,
            "threshold": 1.0,
            "p_hit": 0.6,
            "status": "simulated",
            "revised_threshold": v,
        }
        for t, v in zip(ts, revised, strict=True)
    ]
    got = [row["proposed"] for row in revise_rows(ts, records)]
    assert got == [182261, 3.29, 897, "1790/2000"]


def test_a_drafted_row_says_in_chinese_what_its_proposal_rests_on(tmp_path):
    from ipcast.report.plan_table_out import note_zh
    from ipcast.scenarios.draft import write_draft

    basis = {"confidence": 0.8, "current": 3800.0, "reason": None, "median": [3173.4]}
    basis.update(method="random walk, borrowed prior", n_points=1, below=[])
    basis["raised"] = [("2030", 1790.0, 2000.0, "2029", 0.74)]
    assert note_zh(basis, "件") == (
        "ipcast 按 80% 把握测算；趋势中位数 3,173件；现行目标 3,800件；"
        "方法：对数随机游走，借用同类序列先验；本地数据点 1 个；"
        "2030年 由 1,790 提高到 2029年 目标 2,000（预测仍在增长），达成把握 74%"
    )
    # Below an earlier target: the median is short of it too, which is not a falling forecast
    short = {**basis, "raised": [], "below": [("2030", 787.0, 1800.0, "2025")]}
    assert note_zh(short, "件").endswith(
        "2030年 的 787 低于 2025年 目标 1,800：预测中位数也低于该目标"
    )
    none = {**basis, "median": None, "reason": "no history for this indicator in this region"}
    assert note_zh(none, "件").startswith("无法测算（本地区无该指标的历史数据")
    # The figures behind the note stay out of the target file a draft writes.
    g = [
        ("dazhou", "patent_grants", str(y), "year", 2500 * 1.08 ** (y - 2015), "件")
        for y in range(2015, 2025)
    ]
    history = combine(make_history(g))
    current = [t for t in bundled_targets() if t.id.startswith("dz01_")]
    doc = draft_targets(current, history, 2028, 0.8, n_paths=300, seed=1)
    assert "_basis" in doc["targets"][0]
    write_draft(doc, tmp_path / "d.yaml")
    text = (tmp_path / "d.yaml").read_text(encoding="utf-8")
    assert "_basis" not in text and "ipcast draft from" in text
    assert load_targets(tmp_path / "d.yaml").targets[0].id == doc["targets"][0]["id"]


def test_a_drafted_row_shows_each_figure_of_a_yearly_target_and_one_figure_alone():
    """The current column: one threshold as the number itself, two or more joined by '/'; the
    proposed one likewise; the 说明 from the draft's figures, or its quote without them."""
    from types import SimpleNamespace

    old = SimpleNamespace(baseline="2900 (2025)", thresholds=(3800.0,), threshold=3800.0)
    two = SimpleNamespace(baseline="", thresholds=(2.0, 4.0), threshold=4.0)
    new = {
        "label_zh": "专利授权量",
        "indicator": "patent_grants",
        "kind": "growth",
        "per": "span",
        "period": "2026/2030",
        "threshold": 3650.0,
        "unit": "件",
        "comparator": ">=",
        "id": "p1_next",
        "quote": "ipcast draft from plan p1",
    }
    basis = {"confidence": 0.8, "current": [2.0, 4.0], "reason": None, "median": [2.5, 3.75]}
    basis.update(method="theta", n_points=8, raised=[], below=[])
    each = {**new, "kind": "each_year", "period": ["2025", "2026"], "threshold": [2.0, 3.0]}
    rows = draft_rows([old, two], {"targets": [new, {**each, "_basis": basis}]})
    assert rows[0] == {
        "name": "专利授权量",
        "indicator": "patent_grants",
        "kind": "增速(全期)",
        "period": "2026/2030",
        "baseline": "2900 (2025)",
        "current": 3800.0,
        "proposed": 3650.0,
        "unit": "件",
        "comparator": ">=",
        "id": "p1_next",
        "note": "ipcast draft from plan p1",
    }
    assert (rows[1]["period"], rows[1]["current"], rows[1]["proposed"]) == (
        "2025,2026",
        "2/4",
        "2/3",
    )
    # One row a target of the current plan: a draft of another length is refused, not zipped short.
    with pytest.raises(ValueError):
        draft_rows([old, two], {"targets": [new]})
    assert rows[1]["note"] == (
        "ipcast 按 80% 把握测算；趋势中位数 2.5/3.75件；现行目标 2/4件；方法：Theta模型；"
        "本地数据点 8 个"
    )


def test_a_drafted_row_without_a_current_target_says_so_and_a_zero_target_is_a_target():
    """A first plan has no current target (无现行目标); a current 0 % growth is one."""
    from ipcast.report.plan_table_out import note_zh

    basis = {"confidence": 0.8, "current": None, "reason": None, "median": [3.2]}
    basis.update(method="random walk", n_points=6, raised=[], below=[])
    assert note_zh(basis, "%") == (
        "ipcast 按 80% 把握测算；趋势中位数 3.2%；无现行目标；方法：对数随机游走；本地数据点 6 个"
    )
    assert "；现行目标 0%；" in note_zh({**basis, "current": 0.0}, "%")


def test_a_drafted_row_of_a_long_series_names_the_ensemble_and_writes_figures_in_full():
    """Six or more points: the calibrated ensemble. The 说明 names it and its members once (not
    '多模型校准组合，校准，Theta模型'), and a median of 63,369.4 件 reads 63,369, not 6.337e+04."""
    from ipcast.report.plan_table_out import note_zh

    basis = {"confidence": 0.8, "current": None, "reason": None, "median": [63369.4]}
    basis.update(method="calibrated ensemble of naive, drift, pooled, theta", n_points=14)
    basis.update(raised=[("2030", 1234567.0, 1250000.0, "2029", 0.8)], below=[])
    assert note_zh(basis, "件") == (
        "ipcast 按 80% 把握测算；趋势中位数 63,369件；无现行目标；"
        "方法：多模型校准组合（无漂移随机游走、带漂移随机游走、借用同类序列先验的随机游走、"
        "Theta模型）；本地数据点 14 个；"
        "2030年 由 1,234,567 提高到 2029年 目标 1,250,000（预测仍在增长），达成把握 80%"
    )


def _table_with_kind(tmp_path, kind: str):
    """A drafted table as a planner edits it: its 类型 cell rewritten to ``kind``."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "指标表"
    ws.append(["遵义市 2026-2030 目标草案（测试）"])
    ws.append(["序号", "指标名称", "指标代码", "类型", "期间", "建议目标值（80%把握）", "单位"])
    ws.append([1, "年均专利授权量", "patent_grants", kind, "2026-2030", 25000, "件"])
    p = tmp_path / "plan.xlsx"
    wb.save(p)
    return p


def test_a_kind_cell_in_other_words_is_read_or_refused_with_the_words_ipcast_writes(tmp_path):
    """平均 is 年均 (average) and 合计 is 累计 (cumulative); a word that is neither is refused at
    its cell, the fix naming the Chinese words the 类型 column holds (it named only the codes)."""
    from ipcast.data.errors import InputError

    t = load_targets(_table_with_kind(tmp_path, "平均")).targets[0]
    assert (t.kind, t.period_text, t.threshold) == ("average", "2026-2030", 25000.0)
    t = load_targets(_table_with_kind(tmp_path, "合计")).targets[0]
    assert t.kind == "cumulative"
    with pytest.raises(InputError) as e:
        load_targets(_table_with_kind(tmp_path, "总和"))
    assert "row 3, column D (类型)" in str(e.value) and "unknown kind '总和'" in str(e.value)
    words = "水平/当年 (level), 存量/总量 (stock), 累计/合计 (cumulative), 年均/平均 (average)"
    assert words in str(e.value)


def test_figures_of_a_yearly_target_over_a_million_are_written_in_full_and_read_back(tmp_path):
    """'/'-joined figures were written with :g: 1,234,567 became 1.23457e+06 (1,234,570), which
    the plan table then refused to read back."""
    from types import SimpleNamespace

    from ipcast.report.workbook import cell_value

    old = SimpleNamespace(baseline="", thresholds=(1234567.0, 1300000.0), threshold=1300000.0)
    new = {
        "label_zh": "有效注册商标量",
        "indicator": "effective_trademarks",
        "kind": "each_year",
        "period": ["2029", "2030"],
        "threshold": [1250001.0, 1312345.5],
        "unit": "件",
        "comparator": ">=",
        "id": "tm_next",
        "quote": "q",
    }
    rows = draft_rows([old], {"targets": [new]})
    assert (rows[0]["current"], rows[0]["proposed"]) == ("1234567/1300000", "1250001/1312345.5")
    assert cell_value("threshold", [1234567.0, None, 2.5]) == "1234567//2.5"
    path = tmp_path / "plan.xlsx"
    write_plan_table(path, "遵义市 2026-2030 目标草案（测试）", rows, 0.8)
    (t,) = load_targets(path).targets
    assert (t.kind, list(t.thresholds)) == ("each_year", [1250001.0, 1312345.5])


def test_a_revised_rows_note_is_chinese():
    """The 说明 of a revised table was the engine's English reason ("P(hit) of the current
    target: 0.6645", "no_history: 无法测算，沿用现行目标 (current target kept). no history for
    …"): a planner's table says it in Chinese, as draft's does."""
    from types import SimpleNamespace

    def target(i):
        return SimpleNamespace(
            region="511722",
            id=f"t{i}",
            label_zh="x",
            indicator="patent_grants",
            kind="level",
            per="year",
            period_text="2029-07/2030-06",
            baseline="",
            unit="件",
            comparator=">=",
        )

    def rec(i, **kw):
        return {"region": "511722", "target_id": f"t{i}", "threshold": 950.0, **kw}

    records = [
        rec(1, p_hit=0.6645, status="simulated", revised_threshold=909.4),
        rec(2, p_hit=None, status="no_history", revised_threshold=None, reason="no history"),
        rec(
            3,
            p_hit=0.49,
            status="simulated",
            revised_threshold=987.2,
            reason="period partly observed (2026-07/2026-10: 37件); 2026 is the pace of its "
            "figure so far (37 over a share of 0.33 ± 0.05 of the year's flow, about 111件) "
            "combined with the forecast, never below the figure",
        ),
    ]
    notes = [row["note"] for row in revise_rows([target(i) for i in (1, 2, 3)], records)]
    assert notes == [
        "现行目标达标概率 66%",
        "无法测算，沿用现行目标：本地区无该指标的历史数据，可导入本局统计数据后测算",
        "规划期内已有部分数据（2026年7-10月：37件）：2026年全年按已有数字的进度推算（这几个月"
        "约占全年的0.33±0.05，全年约111件），与预测合并，不低于已有数字",
    ]


def test_the_base_figure_is_written_with_its_period_in_chinese_and_reads_back(tmp_path):
    """昆山's draft (test data) wrote 基期值 3910 (2025-01/2025-10) in a Chinese sheet; a planner
    writes 3910（2025年1-10月）, and a stock at a month's end 30950（2025年10月）."""
    from types import SimpleNamespace

    from openpyxl import load_workbook

    from ipcast.report.plan_table_out import baseline_zh

    assert baseline_zh("3910 (2025-01/2025-10)") == "3910（2025年1-10月）"
    assert baseline_zh("30950 (2025-10)") == "30950（2025年10月）"
    assert baseline_zh("2900 (2025)") == "2900（2025年）"
    assert baseline_zh("1.5 亿元 (2024)") == "1.5 亿元（2024年）"
    assert baseline_zh("") == "" and baseline_zh(None) is None
    old = SimpleNamespace(baseline="2900 (2025)", thresholds=(3800.0,), threshold=3800.0)
    new = {
        "label_zh": "专利授权量",
        "indicator": "patent_grants",
        "kind": "level",
        "period": "2030",
        "baseline": "3910 (2025-01/2025-10)",
        "threshold": 4200.0,
        "unit": "件",
        "comparator": ">=",
        "id": "kspat_next",
        "quote": "",
    }
    path = tmp_path / "昆山草案.xlsx"
    write_plan_table(path, "昆山市 2026-2030 目标草案", draft_rows([old], {"targets": [new]}), 0.8)
    assert load_workbook(path)["指标表"]["F3"].value == "3910（2025年1-10月）"
    (t,) = load_targets(path, region="320583").targets
    assert t.threshold == 4200.0 and t.baseline == "3910(2025年1-10月)"
