"""A note under a bureau's table that names where its figures come from (注：数据来源为…) is the
source of the figures that have no 来源 cell of their own, and the report says so only then."""

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
        "row 4: its source, '开江县市场监督管理局统计年报', taken as the source of the figures "
        "without a 来源 cell of their own"
    ]


def test_a_note_that_names_no_source_is_no_source(tmp_path):
    """注：2024年为快报数 says something of the figures, not where they come from: the figures
    keep the file as their source."""
    got = _read(tmp_path, "511723,专利授权量,2023,176,件,\n注：2024年为快报数，以年报为准。,,,,,\n")
    assert list(got.rows["source"]) == ["user:开江.csv"]
    assert _taken(got.report) == []
