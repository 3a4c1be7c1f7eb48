"""Numbers in run's 100-column table: a range too wide for its column is shown in 万/亿 (k/M in
English) rather than cut off."""

from ipcast.report.run_table import _forecast, short

BIG = {
    "status": "simulated",
    "median": 1_064_333.0,
    "q10": 1_025_475.0,
    "q90": 1_104_980.0,
}


def test_a_range_that_does_not_fit_is_shown_in_wan_or_millions_to_three_figures():
    assert _forecast(BIG, "zh") == "106万 (103万-110万)"
    assert _forecast(BIG, "en") == "1.06M (1.03M-1.1M)"
    small = {**BIG, "median": 1347.0, "q10": 671.0, "q90": 2769.4}
    assert _forecast(small, "zh") == "1,347 (671-2,769)"  # fits: as before


def test_short_numbers_by_size():
    assert [short(v, "zh") for v in (9_999.0, 12_345.0, 3.2e8, 0.317)] == [
        "9,999",
        "1.23万",
        "3.2亿",
        "0.317",
    ]
    assert [short(v, "en") for v in (12_345.0, 3.2e6, 4.5e9)] == ["12.3k", "3.2M", "4.5B"]


def test_a_range_in_wan_yuan_says_its_unit_once_scaled():
    """A pledge target in 万元 (测试数据): 452,720 万元 was shown 45.3万, read as 45.3万元 by a
    planner; it is 45.27亿元, shown with the unit: 45.3 (33.7-61.9)亿元."""
    r = {**BIG, "median": 452_720.0, "q10": 337_038.0, "q90": 619_084.0, "unit": "万元"}
    assert _forecast(r, "zh") == "45.3 (33.7-61.9)亿元"
    # 万件 x 万 is 亿件; a range under 1亿 stays in 万
    r = {**BIG, "median": 5_123.0, "q10": 4_001.0, "q90": 6_420.5, "unit": "万件"}
    assert _forecast(r, "zh", room=10) == "5,123 (4,001-6,420)万件"
