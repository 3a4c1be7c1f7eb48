"""The briefing's Chinese sentences say a target's period as Chinese prose does, for every form
a target file writes, and say nothing when the target's name says it already."""

import pytest

from ipcast.report.text import _period


@pytest.mark.parametrize(
    "period,said",
    [
        ("2030", "2030年"),
        ("2026/2030", "2026-2030年"),
        ("2022-07/2025-06", "2022年7月至2025年6月"),
        ("2026-01/2026-10", "2026年1-10月"),  # months of one year, as the bureau writes them
        ("2026-03/2026-03", "2026年3月"),
        ("2025-06", "2025年6月"),  # 达州's stocks are read at the end of June
        ("2024H1", "2024年上半年"),
        ("2024H2", "2024年下半年"),
    ],
)
def test_a_period_in_chinese_prose(period, said):
    assert _period({"period": period, "label_zh": "有效发明专利"}, "zh") == said


def test_english_keeps_the_period_as_written():
    assert _period({"period": "2025-06", "label_zh": "有效发明专利"}, "en") == "2025-06"


def test_nothing_when_the_name_says_the_period():
    assert _period({"period": "2026/2030", "label_zh": "质押融资累计（2026—2030年）"}, "zh") == ""
    assert _period({"period": "2025-06", "label_zh": "截至2025年6月有效发明专利"}, "zh") == ""
    assert _period({"period": "2025-06", "label_zh": "有效发明专利"}, "zh") == "2025年6月"


def test_the_briefings_data_date_is_said_in_chinese():
    """数据截至 names the latest figure's period as a sentence does: a bureau's half year
    2024-01/2024-06 is 2024年1-6月, not the stored text."""
    import pandas as pd

    from ipcast.report.brief import _vintage

    used = pd.DataFrame(
        {"period": ["2023", "2024-01/2024-06"], "indicator": ["patent_grants", "patent_grants"]}
    )
    assert _vintage(used, "zh") == "2024年1-6月（授权专利）"
    assert _vintage(used, "en") == "2024-01/2024-06 (patent_grants)"
    assert _vintage(used.iloc[:1], "zh") == "2023年（授权专利）"


@pytest.mark.parametrize("half", ["2024-01/2024-06", "2024年1-6月"])
def test_the_data_date_is_the_last_figure_the_yearly_forecasts_use(half):
    """A bureau's January-June figure is no point a yearly forecast is fitted to
    (``series.observed``): 数据截至 names the last calendar year, and the half year is said as
    counted by its pace in its year (``forecast.year_to_date``); a rate's half year is not."""
    import pandas as pd

    from ipcast.report.brief import _fitted, _later, _vintage
    from ipcast.report.document import rests_on

    row = {"region": "330122", "indicator": "patent_grants", "unit": "件", "source": "s"}
    used = pd.DataFrame(
        [
            {**row, "period": "2023", "period_type": "year", "value": 2458.0},
            {**row, "period": half, "period_type": "half", "value": 1300.0},
        ]
    ).assign(exclude="", origin="user:x.csv")
    fitted, rest = _fitted(used)
    assert fitted["period"].tolist() == ["2023"] and rest["period"].tolist() == [half]
    assert _vintage(fitted, "zh") == "2023年（授权专利）"
    said = "2024年1-6月" if "/" in half else half
    assert _later(fitted, rest, "zh") == f"另有{said}数据，已按进度计入当年预测"
    assert _later(fitted, rest) == f"figures for {half} are in their year's forecast by their pace"
    b = {"lang": "zh", "grades": {}, "records": [], "vintage_zh": _vintage(fitted, "zh")}
    text = rests_on({**b, "later_zh": _later(fitted, rest, "zh")})
    assert text.endswith(f"数据截至2023年（授权专利）。另有{said}数据，已按进度计入当年预测。")
    rate = rest.assign(indicator="protection_satisfaction")
    assert _later(fitted, rate, "zh") == f"另有{said}数据，未计入年度预测"
    assert _later(fitted, rate) == f"figures for {half} are not in the yearly forecasts"
    # an earlier half year, or none, is not said
    assert _later(fitted, rest.assign(period="2023-01/2023-06")) == ""
    assert _later(used, rest.iloc[:0]) == ""


def test_the_data_date_names_every_indicator_that_reaches_it():
    """Three indicators all to 2023: 数据截至2023年 for all three, not 2023年（专利申请） alone as
    if the other two stopped earlier; two of three there: those two, by name."""
    import pandas as pd

    from ipcast.report.brief import _vintage

    inds = ["patent_applications", "patent_grants", "invention_grants"]
    used = pd.DataFrame(
        {"period": ["2022", "2023"] * 3, "indicator": [x for x in inds for _ in "ab"]}
    )
    assert _vintage(used, "zh") == "2023年（全部3项指标）"
    assert _vintage(used, "en") == "2023 (all 3 indicators)"
    two = used.iloc[:5]  # invention grants stop in 2022
    assert _vintage(two, "zh") == "2023年（专利申请、授权专利）"
    assert _vintage(two, "en") == "2023 (patent_applications, patent_grants)"


def test_two_indicators_that_both_reach_the_date_are_all_of_them():
    """'all N' starts at two: one indicator is named (above), two that both reach 2023 are
    全部2项指标, as three are."""
    import pandas as pd

    from ipcast.report.brief import _vintage

    used = pd.DataFrame(
        {"period": ["2023", "2023"], "indicator": ["patent_grants", "patent_applications"]}
    )
    assert _vintage(used, "en") == "2023 (all 2 indicators)"
    assert _vintage(used, "zh") == "2023年（全部2项指标）"


def _two_rows(*periods):
    import pandas as pd

    row = {"region": "330122", "unit": "件", "source": "s", "exclude": "", "origin": "user:x"}
    return pd.DataFrame(
        [
            {**row, "indicator": ind, "period": p, "period_type": "half", "value": 1.0}
            for ind, p in periods
        ]
    )


def test_later_figures_are_said_once_each_in_date_order_and_only_after_the_data_date():
    import pandas as pd

    from ipcast.report.brief import _later

    fitted = pd.DataFrame({"period": ["2022", "2023"]})  # the data date: end of 2023
    rest = _two_rows(
        ("patent_grants", "2024-07/2024-12"),
        ("patent_grants", "2024-01/2024-06"),
        ("trademark_registrations", "2024-01/2024-06"),  # the same half year, said once
        ("patent_grants", "2023-07/2023-12"),  # ends with 2023: no later than the data date
    )
    assert _later(fitted, rest) == (
        "figures for 2024-01/2024-06, 2024-07/2024-12 are in their year's forecast by their pace"
    )
    assert _later(fitted, rest.iloc[3:]) == ""


def test_the_data_date_paragraph_in_both_languages_keeps_the_repost_count_with_the_points():
    """The repost caution follows the later figures' sentence: it says which points it counts
    (其中 would read as 'of those later figures')."""
    from ipcast.report.document import rests_on

    b = {
        "grades": {"official": 5, "repost": 2},
        "records": [
            {"status": "simulated", "borrowed": "growth from 31 provinces", "n_points": 9},
            {"status": "simulated", "borrowed": "trademark panels", "n_points": 9},
            {"status": "simulated", "borrowed": "nothing borrowed", "n_points": 9},
            {"status": "resolved", "borrowed": "growth from 31 provinces", "n_points": 9},
        ],
        "vintage": "2023 (patent_grants)",
        "vintage_zh": "2023年（授权专利）",
        "later": "figures for 2024-01/2024-06 are not in the yearly forecasts",
        "later_zh": "另有2024年1-6月数据，未计入年度预测",
    }
    zh = rests_on({**b, "lang": "zh"})
    assert zh.startswith(
        "本地区历史数据点共7个（官方统计5个、转载/汇编2个）；3项测算目标中2项借用了同类地区序列的"
    )
    assert zh.endswith(
        "数据截至2023年（授权专利）。另有2024年1-6月数据，未计入年度预测。"
        "7个数据点中有2个仅有转载来源，已在附录五标注，建议以统计部门数据核实。"
    )
    en = rests_on({**b, "lang": "en"})
    assert en.startswith("7 own data points (5 official statistics, 2 repost); 2 of 3 forecasts")
    assert en.endswith(
        "data as of 2023 (patent_grants). The figures for 2024-01/2024-06 are not in the yearly "
        "forecasts. 2 points come only from reposts (flagged in A5): check them."
    )


@pytest.mark.parametrize(
    "period, zh, en",
    [
        ("2026-01/2026-10", "2026年10月末", "end of 2026-10"),
        ("2025-01/2025-12", "2025年12月末", "end of 2025-12"),  # a span to a year's end
        ("2025-06", "2025年6月", "2025-06"),  # a stock at a month's end, written as one
    ],
)
def test_a_stock_read_at_a_spans_end_is_dated_at_that_end(period, zh, en):
    import pandas as pd

    from ipcast.report.brief import _vintage

    used = pd.DataFrame(
        {"period": [period], "indicator": ["effective_invention_patents"], "period_type": "asof"}
    )
    assert _vintage(used, "zh") == f"{zh}（有效发明专利）"
    assert _vintage(used, "en") == f"{en} (effective_invention_patents)"
