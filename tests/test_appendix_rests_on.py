"""Appendix three lists what every forecast the briefing shows rests on, a finished plan's too."""

from datetime import date

from ipcast.data.history import combine
from ipcast.data.target_files import bundled_targets
from ipcast.report import words
from ipcast.report.appendix import appendix
from ipcast.report.brief import build_briefing


def test_a_finished_plans_awaiting_targets_are_in_appendix_three():
    """成都 2021-2025 is over: its forecasts await their outcomes (海外发明专利授权量, 29 %). Page
    one sends the reader to 附录三 for what they borrowed, which showed only '—' (it listed
    simulated targets alone); a target resolved from its figures has no forecast to list."""
    ids = ["cd02_overseas_invention_grants", "cd07_pledge_financing"]
    ts = [t for t in bundled_targets() if t.id in ids]
    b = build_briefing(ts, combine(), n_paths=300, seed=1, today=date(2026, 12, 1))
    status = {r["target_id"]: r["status"] for r in b["records"]}
    assert status == {ids[0]: "awaiting_outcome", ids[1]: "resolved"}
    out = appendix(b, words.WORDS["zh"], "zh")
    head = [i for i, x in enumerate(out) if x.get("text") == words.WORDS["zh"]["a3"]][0]
    rests = out[head + 1]
    assert rests["kind"] == "table"
    assert [row[:2] for row in rests["rows"]] == [["海外发明专利授权量", "1"]]


def test_appendix_five_names_a_span_of_months_as_the_bureau_does():
    """成都's pledge financing for 2025年1-11月 was listed as 2025-01/2025-11 (and broken after
    its / in a narrow column); the Chinese appendix says 2025年1-11月, the English keeps it."""
    ts = [t for t in bundled_targets() if t.id == "cd07_pledge_financing"]
    b = build_briefing(ts, combine(), n_paths=100, seed=1, today=date(2026, 12, 1))
    out = {lang: appendix(b, words.WORDS[lang], lang) for lang in ("zh", "en")}
    periods = {lang: [row[1] for row in out[lang][-1]["rows"]] for lang in out}
    assert "2025年1-11月" in periods["zh"] and "2025-01/2025-11" not in periods["zh"]
    assert "2025-01/2025-11" in periods["en"]


def test_page_one_names_the_lever_that_raises_the_odds_most_not_a_headwind():
    """荣昌 注册商标 (2026, 19,000件): the largest change is trademark_crackdown's, which lowers
    the odds (a headwind no planner pulls), so the lever sentence was dropped; it names the
    lever that raises them most, with that lever's own change."""
    ts = [t for t in bundled_targets() if t.region == "rongchang"]
    b = build_briefing(ts, combine(), n_paths=1000, seed=1, today=date(2026, 12, 1))
    (rec,) = [r for r in b["records"] if r["target_id"] == "rc04_effective_trademarks"]
    by = {x["lever"]: x["delta"] for x in rec["tornado"]}
    assert by["trademark_crackdown"] < -abs(by["trademark_brand_guidance"]) < 0
    (said,) = [s for s in b["sentences"] if s.startswith("最能提高")]
    assert "「商标品牌指导站、“无标创标”引导」" in said
    assert f"提高约{round(100 * by['trademark_brand_guidance'])}个百分点" in said


def test_appendix_five_gives_every_figure_in_its_indicators_unit_and_says_what_was_written():
    """A bureau's 质押融资 sheet in 万元 some years and 亿元 others (昆山, test data): the
    source table listed 23.8亿元 then 271,500万元, a slip of ten thousand waiting to be read;
    each is now in 亿元, as the targets are, the 万元 figure said with its source."""
    from ipcast.report.appendix import _in_own_unit

    pledge = {"indicator": "pledge_financing", "value": 271500.0, "unit": "万元"}
    assert _in_own_unit(pledge, "zh") == ("27.15亿元", "（原表为271,500万元）")
    assert _in_own_unit(pledge, "en") == ("27.15亿元", " (written 271,500万元)")
    assert _in_own_unit({**pledge, "value": 23.8, "unit": "亿元"}, "zh") == ("23.8亿元", "")
    ratio = {"indicator": "high_value_invention_per_10k", "value": 41.2, "unit": "件/万人"}
    assert _in_own_unit(ratio, "zh") == ("41.2件/万人", "")
