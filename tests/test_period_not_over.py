"""A figure for a period not over yet is refused at the cell: a bureau that heads its months so
far 2026年度 on 2026-12-01 would otherwise have them read as the whole of 2026 (341 patents
against 1,005 in 2025), and every target after it judged from that fall."""

from datetime import date

import pytest

from ipcast.data.errors import InputError
from ipcast.data.readers import read_history_file

TODAY = date(2026, 12, 1)


def _sheet(tmp_path, header: str, value: str, name: str = "专利授权量（件）"):
    p = tmp_path / "h.csv"
    p.write_text(f"地区,指标,2025年,{header}\n宣汉县,{name},1005,{value}\n", encoding="utf-8")
    return p


def test_a_whole_year_not_over_is_refused_at_its_cell(tmp_path):
    p = _sheet(tmp_path, "2026年度", "341")
    with pytest.raises(InputError) as e:
        read_history_file(p, today=TODAY)
    zh, en = str(e.value).split("\n")
    assert zh.endswith(
        "h.csv，第2行，D列（2026）：期间“2026”到2026年末才结束，今天（2026-12-01）还没有这一期间的"
        "全部数字。修改：写明数字所含的月份，如“2026年1-11月”；期间结束后再按全期导入"
    )
    assert "after today (2026-12-01)" in en


def test_a_stock_dated_after_today_is_refused(tmp_path):
    p = _sheet(tmp_path, "2026年末", "650", name="有效发明专利（件）")
    with pytest.raises(InputError) as e:
        read_history_file(p, today=TODAY)
    assert "存量的时点“2026”（2026年末）晚于今天（2026-12-01）" in str(e.value)
    assert "如“2026-11”（该月末）" in str(e.value)


@pytest.mark.parametrize("header", ["2026年1-11月", "2025年7月-2026年6月", "2024年"])
def test_a_period_over_by_today_is_read(tmp_path, header):
    p = _sheet(tmp_path, header, "900")
    rows = read_history_file(p, today=TODAY).rows
    assert len(rows) == 2
    # The same months are refused the day before they end: 2026年1-11月 on 2026-11-15.
    if header == "2026年1-11月":
        with pytest.raises(InputError):
            read_history_file(p, today=date(2026, 11, 15))


def test_the_months_so_far_are_said_as_a_bureau_writes_them():
    from ipcast.data.figure_rows import _months_so_far

    assert _months_so_far(date(2026, 12, 1)) == "2026年1-11月"
    assert _months_so_far(date(2027, 2, 3)) == "2027年1月"  # one month over: no range
    assert _months_so_far(date(2027, 1, 15)) == "2026年1-12月"  # none yet: last year's


def test_a_stock_dated_after_today_in_january_is_asked_for_as_of_last_december(tmp_path):
    p = _sheet(tmp_path, "2027年末", "650", name="有效发明专利（件）")
    with pytest.raises(InputError) as e:
        read_history_file(p, today=date(2027, 1, 10))
    assert e.value.fix_zh == "写明数字的时点，如“2026-12”（该月末）"
    with pytest.raises(InputError) as e:
        read_history_file(p, today=date(2027, 2, 10))
    assert e.value.fix_zh == "写明数字的时点，如“2027-01”（该月末）"
    said = "the stock's date '2027' (the end of 2027) is after today (2027-02-10)"
    assert e.value.problem == said


def test_months_are_over_on_the_day_after_their_last(tmp_path):
    # 2026年1-11月 ends with November 30: refused that day, read from December 1 (as above)
    p = _sheet(tmp_path, "2026年1-11月", "900")
    with pytest.raises(InputError) as e:
        read_history_file(p, today=date(2026, 11, 30))
    assert e.value.problem == (
        "the period '2026-01/2026-11' ends at the end of 2026-11, after today (2026-11-30): no "
        "figure for the whole of it exists yet"
    )
    assert e.value.fix_zh == "写明数字所含的月份，如“2026年1-10月”；期间结束后再按全期导入"
    # and on any later day of December, read by the day's place in its month
    assert len(read_history_file(p, today=date(2026, 12, 15)).rows) == 2
    # a leap year's last day: 2028 is over on 2029-01-01, not on 2028-12-31
    p = _sheet(tmp_path, "2028年", "900")
    with pytest.raises(InputError):
        read_history_file(p, today=date(2028, 12, 31))
    assert len(read_history_file(p, today=date(2029, 1, 1)).rows) == 2
