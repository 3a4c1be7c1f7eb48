"""The briefing's 80 % promise for an each-year target is the very number ``revise`` computes
(``analysis.revised_threshold``, the one rule of ``confidence.threshold_at``): same region, same
seed, same paths. It used to be left blank, while ``revise`` gave one."""

import math
from pathlib import Path

import pytest

from ipcast.report.run_table import revise_table

# Chengdu's bundled history (pledge financing in 亿元 to 2025-11, effective trademarks in 万件
# to 2025-11), two targets a planner could write: the same figure every year, and a rising list.
PLAN = """plan: cd_each
region: chengdu
title_zh: 测试
title_en: test
issued: '2025'
horizon: 2026/2028
source: test
targets:
- id: cd_pledge_each
  label_zh: 质押融资额（逐年）
  label_en: pledge financing each year
  indicator: pledge_financing
  family: pledge
  kind: each_year
  period: ['2026', '2027', '2028']
  threshold: [100, 100, 100]
  comparator: '>='
  unit: 亿元
  quote: test
- id: cd_marks_each
  label_zh: 有效注册商标（逐年）
  label_en: effective marks each year
  indicator: effective_trademarks
  family: trademark
  kind: each_year
  period: ['2026', '2027', '2028']
  threshold: [1100000, 1150000, 1200000]
  comparator: '>='
  unit: 件
  quote: test
"""


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """``revise`` and ``brief`` on the same plan file, seed and paths."""
    from ipcast import api

    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("IPCAST_HOME", str(home))
    plan = home / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    try:
        revised = api.revise("chengdu", paths=300, seed=3, targets_file=Path(plan))
        brief = api.brief("chengdu", paths=300, seed=3, targets_file=Path(plan))
    finally:
        mp.undo()
    return {r["target_id"]: r for r in revised}, brief


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The targets' baseline runs on the briefing's seed and paths, and a second briefing on
    another seed (same seed: the fixture ``both``, and one more below)."""
    from ipcast import api
    from ipcast.api.inputs import load_history, region_targets
    from ipcast.scenarios.baseline import prepare

    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("IPCAST_HOME", str(home))
    plan = home / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    try:
        targets = region_targets("chengdu", Path(plan))
        out = {r.target.id: r for r in prepare(targets, load_history(None), 300, 3)}
        again = api.brief("chengdu", paths=300, seed=3, targets_file=Path(plan))
        other = api.brief("chengdu", paths=300, seed=4, targets_file=Path(plan))
    finally:
        mp.undo()
    return out, again, other


def test_the_briefing_promises_what_revise_promises_year_by_year(both):
    revised, brief = both
    for tid in ("cd_pledge_each", "cd_marks_each"):
        assert revised[tid]["status"] == "simulated", tid
        rv = revised[tid]["revised_threshold"]
        assert isinstance(rv, list) and len(rv) == 3
        assert brief["revised"][tid] == rv  # the same floats, not a second computation
    # the plan's shape scaled by one factor: 100/100/100 stays flat, the marks keep their steps
    flat = revised["cd_pledge_each"]["revised_threshold"]
    assert flat[0] == flat[1] == flat[2]
    marks = revised["cd_marks_each"]["revised_threshold"]
    k = marks[0] / 1_100_000
    assert marks == pytest.approx([k * 1_100_000, k * 1_150_000, k * 1_200_000], rel=1e-12)


def _light_row(brief: dict, label: str) -> list[str]:
    from ipcast.report.document import blocks

    (table,) = [b for b in blocks(brief) if b["kind"] == "table" and b.get("summary")]
    (row,) = [r for r in table["rows"] if r[1] == label]
    return row


def test_the_briefing_writes_the_promise_as_revise_shows_it_in_the_plans_form(both):
    """Worked from the floats: 件 are whole things and an at-least target rounds down (floor);
    亿元 from 100 up is whole, also down. revise's table shows each year on its own line."""
    revised, brief = both
    marks = revised["cd_marks_each"]["revised_threshold"]
    said = "/".join(f"{math.floor(v):,}" for v in marks) + "件"
    row = _light_row(brief, "有效注册商标（逐年）")
    assert row[3] == "1,100,000/1,150,000/1,200,000件" and row[-1] == said
    table = revise_table([revised["cd_marks_each"]], "zh").splitlines()[2:]
    assert [line.split()[-3] for line in table] == said[:-1].split("/")
    flat = revised["cd_pledge_each"]["revised_threshold"][0]
    row = _light_row(brief, "质押融资额（逐年）")
    figure = _floored(flat)
    assert row[3] == "每年100亿元" and row[-1] == f"每年{figure}亿元"
    table = revise_table([revised["cd_pledge_each"]], "zh").splitlines()[2:]
    assert [line.split()[-3] for line in table] == [figure] * 3


def test_the_chart_of_promises_draws_an_each_year_target_by_its_one_factor(both):
    """The promise scales the plan's years by one factor: its first year's share is every
    year's. Without every year's figure in the plan the shape is the median path's: no bar."""
    from ipcast.report.brief import _first_year

    _, brief = both
    assert "revised_thresholds" in brief["charts"]
    assert _first_year([53.1, 53.1, 53.1], [100.0] * 3) == [{"threshold": 100.0, "revised": 53.1}]
    assert _first_year([5.0, 6.0], [None, 8.0]) == [] and _first_year(4.0, 0.0) == []
    assert _first_year(4.0, 5.0) == [{"threshold": 5.0, "revised": 4.0}]


def test_the_pdf_breaks_a_list_of_figures_after_a_slash_never_inside_a_figure():
    """Wrapped at any character, as Chinese text is, 1,100,000/1,150,000/1,200,000件 read
    1,100,000/1,1 then 50,000/1,200, figures the plan does not have."""
    from ipcast.report.fonts import REGULAR
    from ipcast.report.pdf import FONT, _after_slashes, _Briefing

    pdf = _Briefing("zh")
    pdf.add_font(FONT, "", str(REGULAR))
    pdf.set_font(FONT, size=8.5)
    text = "1,100,000/1,150,000/1,200,000件"
    room = pdf.get_string_width("1,100,000/") + 0.1  # one figure and its slash a line
    assert _after_slashes(pdf, text, room) == "1,100,000/\n1,150,000/\n1,200,000件"
    two = pdf.get_string_width("1,100,000/1,150,000/") + 0.1
    assert _after_slashes(pdf, text, two) == "1,100,000/1,150,000/\n1,200,000件"
    assert _after_slashes(pdf, text, pdf.get_string_width(text)) == text  # fits: as it is
    assert _after_slashes(pdf, "每年53.1亿元", 1.0) == "每年53.1亿元"  # no / : the cell wraps it


def test_the_html_lets_a_list_of_figures_break_after_each_slash():
    from ipcast.report.html import _table

    b = {"head": ["规划值"], "rows": [["3,500/4,000/4,500件"]], "widths": [1.0]}
    assert "<td>3,500/<wbr>4,000/<wbr>4,500件</td>" in _table(b)


def _floored(v: float) -> str:
    """A promise at least, worked by hand: whole things and figures from 100 up are whole and
    rounded down; below 100, three figures, down."""
    if v >= 100:
        return f"{math.floor(v):,}"
    e = math.floor(math.log10(v)) - 2
    return f"{math.floor(v / 10**e) * 10**e:.{max(0, -e)}f}"


def test_the_summary_names_the_riskiest_each_year_targets_promise_as_revise_gives_it(both):
    """Page one's sentences skipped each-year targets; with only those in the plan they said
    nothing of a promise. Now the riskiest is one, and its promise is revise's figures."""
    revised, brief = both
    risky = min(revised.values(), key=lambda r: r["p_hit"])
    said = [_floored(v) for v in risky["revised_threshold"]]
    unit = risky["unit"]
    figures = (
        f"每年可承诺约{said[0]}{unit}"
        if len(set(said)) == 1
        else f"分别可承诺约{'/'.join(said)}{unit}"
    )
    zh = brief["sentences"]
    assert f"风险最大的是「{risky['label_zh']}」" in zh[1]
    assert zh[3].startswith(f"若要有80%把握，「{risky['label_zh']}」2026-2028年{figures}（")
    safe = max(revised.values(), key=lambda r: r["p_hit"])
    assert f"把握最大的是「{safe['label_zh']}」" in zh[2] and safe is not risky


def test_an_each_year_targets_levers_are_its_chance_of_every_year_met_with_each_lever(both, runs):
    """The briefing ranked no lever for an each-year target, so it never reached page one's
    levers or the tornado charts. Worked on the paths: with a lever off and at full intensity,
    the share of paths on which every year meets its figure."""
    import numpy as np

    from ipcast.scenarios.judge import part_metrics
    from ipcast.scenarios.levers import BASELINE

    _, brief = both
    by_id, _, _ = runs
    recs = {r["target_id"]: r for r in brief["records"]}
    for tid in ("cd_pledge_each", "cd_marks_each"):
        run, rows = by_id[tid], recs[tid]["tornado"]
        assert rows, tid
        ths = run.target.thresholds
        for row in rows:
            for key, intensity in (("p_off", 0.0), ("p_full", 1.0)):
                ms = part_metrics(run, BASELINE.with_setting(row["lever"], intensity))
                every = np.logical_and.reduce([m >= th for m, th in zip(ms, ths, strict=True)])
                assert row[key] == every.mean(), (tid, row["lever"], key)
            assert row["delta"] == row["p_full"] - row["p_off"]
    # both are simulated and the plan has nothing else: the tornado charts are theirs, and
    # page one's levers name them
    assert {k for k in brief["charts"] if k.startswith("tornado_")} == {
        "tornado_cd_pledge_each",
        "tornado_cd_marks_each",
    }
    assert brief["top_levers"]
    labels = {recs[t]["label_zh"] for t in ("cd_pledge_each", "cd_marks_each")}
    assert {lv["label_zh"] for lv in brief["top_levers"]} <= labels
    assert all("lever_stability" in recs[t] for t in ("cd_pledge_each", "cd_marks_each"))


def test_an_each_year_targets_lever_ranking_is_the_same_on_the_same_seed_not_on_another(both, runs):
    _, brief = both
    _, again, other = runs

    def ranked(b):
        return [(r["target_id"], r["tornado"], r["lever_stability"]) for r in b["records"]]

    assert ranked(again) == ranked(brief)
    assert ranked(other) != ranked(brief)


def test_an_english_name_that_says_every_year_is_not_followed_by_each_year_again():
    """Dazhou's bundled 知识产权托管企业每年 (100 家 in each July-June year), as page one says it
    in English: the name says "every year", and the figure said "100 家 each year" after it."""
    from ipcast.data.target_files import bundled_targets, target_fields
    from ipcast.report.text import sentences

    (t,) = [t for t in bundled_targets() if t.id == "dz10_trusteeship_firms_each_year"]
    assert t.label_en == "Firms taken into IP trusteeship, every year"
    rec = {**target_fields(t), "status": "simulated", "p_hit": 0.46, "p_hit_se": 0.0255}
    said = sentences([rec], {t.id: [90.4] * 3}, {}, "en")
    years = "2022-07/2023-06 to 2024-07/2025-06"
    assert said[1] == (
        "Most at risk: on the current trend, the chance that Firms taken into IP trusteeship, "
        f"every year reaches 100 家 ({years}) is about 46% (±5 points)."
    )
    assert said[2] == (
        "With 80% confidence, 'Firms taken into IP trusteeship, every year' could be promised "
        f"at about 90 家 ({years}; plan: 100)."
    )
    # a name that does not say it keeps the figure's "each year"
    plain = {**rec, "label_en": "Firms taken into IP trusteeship"}
    assert "reaches 100 家 each year (" in sentences([plain], {}, {}, "en")[1]


def test_the_english_briefing_says_each_year_once_for_a_name_that_says_it(tmp_path, monkeypatch):
    """The plan above in an English briefing: "pledge financing each year reaches 100 亿元 each
    year (2026-2028)" read it twice; every sentence now says it at most once."""
    from ipcast import api

    monkeypatch.setenv("IPCAST_HOME", str(tmp_path))
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    brief = api.brief("chengdu", paths=300, seed=3, targets_file=plan, lang="en")
    said = brief["sentences"]
    (pledge,) = [s for s in said if "the chance that pledge financing each year" in s]
    assert "the chance that pledge financing each year reaches 100 亿元 (2026-2028) is" in pledge
    assert max(s.count("each year") for s in said) == 1
