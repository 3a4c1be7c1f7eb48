"""A 其中 row that gives only what sets it apart (其中：发明专利) is read with its parent's words
(专利授权量): the parent is the nearest row above that is no 其中 row, spacer rows skipped."""

import pytest

from ipcast.data.errors import InputError
from ipcast.data.indicator_names import sub_item_name
from ipcast.data.readers import read_history_file


@pytest.mark.parametrize(
    "name, parent, full",
    [
        ("其中：发明专利", "专利授权量", "发明专利授权量"),
        ("其中：发明专利", "专利申请量（件）", "发明专利申请量"),
        ("其中：发明专利", "每万人专利拥有量", "每万人发明专利拥有量"),
        # what both say is said once: 有效 is the parent's and the item's
        ("其中：有效发明专利", "有效专利拥有量", "有效发明专利拥有量"),
        ("其中：有效发明专利", "每万人有效专利拥有量", "每万人有效发明专利拥有量"),
        ("其中：每万人发明专利", "每万人专利拥有量", "每万人发明专利拥有量"),
        # the shared word at its last place, where the name puts what it counts
        ("其中：发明专利", "专利代理机构代理专利数", "专利代理机构代理发明专利数"),
        ("其中：马德里商标", "商标代理机构代理商标注册量", "商标代理机构代理马德里商标注册量"),
        # the longest shared tail: 发明专利 is in the parent whole
        ("其中：企业发明专利", "发明专利授权量", "企业发明专利授权量"),
        ("其中：新注册商标", "注册商标量", "新注册商标量"),  # all but one character shared
        ("其中：有效发明专利", "有效发明专利拥有量", "有效发明专利拥有量"),  # all but 有 shared
        ("其中：商标", "商标注册量", None),  # the item is all shared: nothing sets it apart
        # nothing shared: a kind named before what the parent counts
        ("其中：发明", "专利授权量", "发明专利授权量"),
        ("其中：实用新型", "专利授权量（件）", "实用新型专利授权量"),
        ("其中：版权", "专利授权量", "版权专利授权量"),  # no such indicator: the row is refused
        ("发明专利", "专利授权量", None),  # no 其中 row
    ],
)
def test_a_sub_items_full_name(name, parent, full):
    assert sub_item_name(name, parent) == full


def _read(tmp_path, body: str):
    p = tmp_path / "开江.csv"
    p.write_text("地区,指标,年份,数值,单位\n" + body, encoding="utf-8")
    return read_history_file(p)


def _readings(report: list[str]) -> list[str]:
    return [line for line in report if "sub-item" in line]


def test_a_sub_item_under_a_sub_item_takes_the_row_above_both(tmp_path):
    """其中：发明专利 then 其中：实用新型专利 under 专利授权量: both belong to row 2."""
    got = _read(
        tmp_path,
        "511723,专利授权量,2023,176,件\n"
        "511723,其中：发明专利,2023,15,件\n"
        "511723,其中：实用新型专利,2023,120,件\n",
    )
    assert list(zip(got.rows["indicator"], got.rows["value"], strict=True)) == [
        ("patent_grants", 176.0),
        ("invention_grants", 15.0),
        ("utility_model_grants", 120.0),
    ]
    assert _readings(got.report) == [
        "第3行：“其中:发明专利”读作发明专利授权量，为第2行“专利授权量”的其中项 / "
        "row 3: '其中:发明专利' read as 发明专利授权量, a sub-item of '专利授权量' (row 2)",
        "第4行：“其中:实用新型专利”读作实用新型专利授权量，为第2行“专利授权量”的其中项 / "
        "row 4: '其中:实用新型专利' read as 实用新型专利授权量, a sub-item of '专利授权量' (row 2)",
    ]


def test_a_spacer_row_between_a_row_and_its_sub_item_is_skipped(tmp_path):
    got = _read(
        tmp_path,
        "511723,有效商标注册量,2023,4300,件\n"
        "511723,专利授权量,2023,176,件\n"
        ",,,,\n"
        "511723,其中：发明专利,2023,15,件\n",
    )
    assert list(got.rows["indicator"]) == [
        "effective_trademarks",
        "patent_grants",
        "invention_grants",
    ]
    assert _readings(got.report) == [
        "第5行：“其中:发明专利”读作发明专利授权量，为第3行“专利授权量”的其中项 / "
        "row 5: '其中:发明专利' read as 发明专利授权量, a sub-item of '专利授权量' (row 3)"
    ]


def test_a_sub_item_with_no_row_above_is_an_unknown_indicator(tmp_path):
    """The table's first row has no parent: its name alone is read, and refused, even when a
    row below could have been one."""
    with pytest.raises(InputError, match="unknown indicator '其中:发明专利'"):
        _read(tmp_path, "511723,其中：发明专利,2023,15,件\n511723,专利授权量,2023,176,件\n")


def test_a_sub_item_sharing_no_word_with_its_parent_is_read_or_refused_by_its_full_name(tmp_path):
    """其中：发明 under 专利授权量 is invention grants; 其中：版权 there names no indicator, and the
    row is refused with its own words and the nearest names."""
    got = _read(tmp_path, "开江县,专利授权量,2023,176,件\n开江县,其中：发明,2023,15,件\n")
    assert sorted(zip(got.rows["indicator"], got.rows["value"], strict=True)) == [
        ("invention_grants", 15.0),
        ("patent_grants", 176.0),
    ]
    with pytest.raises(InputError, match="unknown indicator '其中:版权'"):
        _read(tmp_path, "开江县,专利授权量,2023,176,件\n开江县,其中：版权,2023,15,件\n")
