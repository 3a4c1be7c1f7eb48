"""A note under a bureau's table that names where its figures come from (注：数据来源为…) is the
source of the figures that have no 来源 cell of their own, and the report says so only then."""

import pytest

from ipcast.data.readers import read_history_file

NOTE = "注：数据来源为开江县市场监督管理局统计年报。"


def _read(tmp_path, body: str):
    p = tmp_path / "开江.csv"
    p.write_text("地区,指标,年份,数值,单位,来源\n" + body, encoding="utf-8")
    return read_history_file(p)


def _taken(report: list[str]) -> list[str]:
    return [line for line in report if "taken as the source" in line]


def test_figures_with_their_own_source_keep_it_and_the_note_is_not_said_to_be_used(tmp_path):
    got = _read(
        tmp_path,
        "511723,专利授权量,2022,198,件,四川省知识产权服务促进中心\n"
        "511723,专利授权量,2023,176,件,四川省知识产权服务促进中心\n"
        f"{NOTE},,,,,\n",
    )
    assert list(got.rows["source"]) == ["四川省知识产权服务促进中心"] * 2
    assert _taken(got.report) == []


def test_only_the_figures_without_a_source_take_the_note(tmp_path):
    got = _read(
        tmp_path,
        "511723,专利授权量,2022,198,件,四川省知识产权服务促进中心\n"
        "511723,专利授权量,2023,176,件,\n"
        f"{NOTE},,,,,\n",
    )
    assert list(got.rows["source"]) == [
        "四川省知识产权服务促进中心",
        "开江县市场监督管理局统计年报",
    ]
    assert _taken(got.report) == [
        "第4行：所注来源“开江县市场监督管理局统计年报”用作未填来源的各数字的来源 / "
        "row 4: its source, '开江县市场监督管理局统计年报', taken as the source of the figures "
        "without a 来源 cell of their own"
    ]


def test_a_note_that_names_no_source_is_no_source(tmp_path):
    """注：2024年为快报数 says something of the figures, not where they come from: the figures
    keep the file as their source."""
    got = _read(tmp_path, "511723,专利授权量,2023,176,件,\n注：2024年为快报数，以年报为准。,,,,,\n")
    assert list(got.rows["source"]) == ["user:开江.csv"]
    assert _taken(got.report) == []


def _read_note(tmp_path, note: list[str]):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["指标名称", "单位", "2022年", "2023年"])
    ws.append(["专利授权量", "件", 198, 176])
    ws.append(note)
    p = tmp_path / "开江.xlsx"
    wb.save(p)
    return read_history_file(p, region="511723")


@pytest.mark.parametrize(
    "note, source",
    [
        # the label in one cell and the source in the next: the source, never the colon
        (["数据来源：", "开江县市场监督管理局"], "开江县市场监督管理局"),
        (["注：本表数据来源于开江县统计局。"], "开江县统计局"),
        (["说明：数据来源为开江县统计局"], "开江县统计局"),
        (["注1：数据来源为开江县统计局"], "开江县统计局"),
        # only the first sentence names the source
        (["数据来源：国家知识产权局。2023年为快报数。"], "国家知识产权局"),
        (["资料来源：开江县统计局；2024年为快报数"], "开江县统计局"),
        # a numbered item of the note, or a sentence after another: the source all the same
        (["注：1.数据来源为开江县统计局；2.2024年为快报数。"], "开江县统计局"),
        (["注：（1）本表数据来源于开江县统计局。"], "开江县统计局"),
        (["注：2024年为快报数。数据来源为开江县统计局。"], "开江县统计局"),
    ],
)
def test_a_source_note_as_bureaus_write_it(tmp_path, note, source):
    got = _read_note(tmp_path, note)
    assert list(got.rows["source"]) == [source, source]
    assert len(_taken(got.report)) == 1


def test_a_source_label_with_no_source_is_no_source(tmp_path):
    got = _read_note(tmp_path, ["数据来源："])
    assert set(got.rows["source"]) == {"user:开江.xlsx"} and _taken(got.report) == []
