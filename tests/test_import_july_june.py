"""A bureau sheet of July-June years is told at import that the yearly forecasts read calendar
years: with July-June figures only, every flow target of its plan came out 无数据 at run time
and the import said nothing."""

from datetime import date

from ipcast.data.readers import read_history_file

TODAY = date(2026, 12, 1)  # 2026年7-10月 is over by then


def _lines(report):
    return [line for line in report if "跨年" in line]


def test_july_june_figures_alone_are_said_to_need_calendar_years(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text(
        "地区,指标,2023年7月-2024年6月,2024年7月-2025年6月\n"
        "宣汉县,专利授权量（件）,874,931\n"
        "宣汉县,有效发明专利（件）,440,512\n",
        encoding="utf-8",
    )
    (line,) = _lines(read_history_file(p, today=TODAY).report)
    assert line.startswith(
        "2个年度数字的统计期跨年（2023-07/2024-06、2024-07/2025-06）：年度预测按日历年，"
        "这些数字只在目标期间包含它们时按原数计入；本文件中授权专利没有日历年数字，须另有日历年"
        "数字（已导入的或内置的）才能预测，否则请一并导入（2023、2024……） / 2 yearly figure(s)"
    )


def test_july_june_figures_beside_calendar_years_are_said_without_a_request(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text(
        "地区,指标,2024年,2025年,2025年7月-2026年6月,2026年7-10月\n"
        "宣汉县,专利授权量（件）,940,1005,1028,341\n",
        encoding="utf-8",
    )
    (line,) = _lines(read_history_file(p, today=TODAY).report)
    assert "1个年度数字的统计期跨年（2025-07/2026-06）" in line
    assert "请一并导入" not in line


def test_calendar_years_and_parts_of_one_say_nothing(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text(
        "地区,指标,2025年,2026年1-10月\n宣汉县,专利授权量（件）,1005,900\n", encoding="utf-8"
    )
    assert _lines(read_history_file(p, today=TODAY).report) == []


def test_more_than_three_spans_are_shown_three_and_more(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text(
        "地区,指标,2021年7月-2022年6月,2022年7月-2023年6月,2023年7月-2024年6月,"
        "2024年7月-2025年6月,2024年\n宣汉县,专利授权量（件）,700,800,874,931,900\n",
        encoding="utf-8",
    )
    (line,) = _lines(read_history_file(p, today=TODAY).report)
    zh, en = line.split(" / ")
    assert zh == (
        "4个年度数字的统计期跨年（2021-07/2022-06、2022-07/2023-06、2023-07/2024-06等）：年度预测"
        "按日历年，这些数字只在目标期间包含它们时按原数计入"
    )
    assert en == (
        "4 yearly figure(s) over spans across a year end (2021-07/2022-06, 2022-07/2023-06, "
        "2023-07/2024-06 …): yearly forecasts run by calendar year, so they count only where a "
        "target's period holds them"
    )


def test_a_span_within_one_year_or_of_two_whole_years_is_no_july_june_year(tmp_path):
    # 2025年1-6月 and 2025年7-12月 are parts of a year, 2023-2024年 two whole years: none is a
    # July-June year, and none a calendar year that would spare 2024年7月-2025年6月 the request
    p = tmp_path / "h.csv"
    p.write_text(
        "地区,指标,2023-2024年,2025年1-6月,2025年7-12月,2024年7月-2025年6月\n"
        "宣汉县,专利授权量（件）,1800,450,500,931\n",
        encoding="utf-8",
    )
    (line,) = _lines(read_history_file(p, today=TODAY).report)
    assert line.startswith("1个年度数字的统计期跨年（2024-07/2025-06）")
    assert "本文件中授权专利没有日历年数字" in line
    assert "; patent_grants have no calendar-year figures in this file" in line
    # stocks are not flows: an end-of-June stock is no span at all
    p.write_text("地区,指标,2024年7月-2025年6月\n宣汉县,有效发明专利（件）,512\n", encoding="utf-8")
    assert _lines(read_history_file(p, today=TODAY).report) == []


def test_three_spans_are_all_shown_and_one_odd_calendar_year_spares_the_request(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text(
        "地区,指标,2022年7月-2023年6月,2023年7月-2024年6月,2024年7月-2025年6月,2025年\n"
        "宣汉县,专利授权量（件）,800,874,931,1005\n",
        encoding="utf-8",
    )
    (line,) = _lines(read_history_file(p, today=TODAY).report)
    assert line == (
        "3个年度数字的统计期跨年（2022-07/2023-06、2023-07/2024-06、2024-07/2025-06）：年度预测"
        "按日历年，这些数字只在目标期间包含它们时按原数计入 / 3 yearly figure(s) over spans across "
        "a year end (2022-07/2023-06, 2023-07/2024-06, 2024-07/2025-06): yearly forecasts run by "
        "calendar year, so they count only where a target's period holds them"
    )
