"""Cells of a bureau's sheet as a person reads them: a 0 is a figure, '—' and empty cells are
missing and counted once, the user's own names are used, a 1 January date is a flow's year and
a stock's date."""

from datetime import date

from openpyxl import Workbook

from ipcast.data.readers import read_history_file


def test_a_zero_is_a_figure_and_blank_cells_are_counted(tmp_path):
    """A county with no PCT filing in 2023 reports 0: a figure, not a missing cell. Two cells
    ('—' and an empty one) are missing: said once, with their number."""
    p = tmp_path / "开江.csv"
    p.write_text(
        "地区,指标名称,2022年,2023年,2024年\n"
        "511723,PCT国际专利申请量,1,0,—\n"
        "511723,专利授权量,198,176,\n",
        encoding="utf-8",
    )
    got = read_history_file(p)
    pct = got.rows[got.rows["indicator"] == "pct_applications"]
    assert list(zip(pct["period"], pct["value"], strict=True)) == [("2022", 1.0), ("2023", 0.0)]
    assert len(got.rows) == 4
    assert [line for line in got.report if "read as missing" in line] == [
        "2个空白或“—”单元格按缺失处理 / 2 empty or '—' cells read as missing"
    ]


def test_the_users_own_names_are_read(tmp_path):
    p = tmp_path / "开江.csv"
    p.write_text("地区,指标,年份,数值,单位\n511723,本县专利数,2023,176,件\n", encoding="utf-8")
    got = read_history_file(p, names={"本县专利数": "patent_grants"})
    assert list(got.rows["indicator"]) == ["patent_grants"]


def test_a_first_of_january_is_a_flows_year_and_a_stocks_date(tmp_path):
    """Excel's 2023-01-01 in a period cell: the year 2023 of grants (a flow), but the stock of
    marks on that day (2023-01-01, which is the end of 2022 and not of 2023)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["地区", "指标", "时间", "数值", "单位"])
    ws.append(["511723", "专利授权量", date(2023, 1, 1), 176, "件"])
    ws.append(["511723", "有效商标注册量", date(2023, 1, 1), 4300, "件"])
    p = tmp_path / "开江.xlsx"
    wb.save(p)
    got = read_history_file(p)
    assert list(zip(got.rows["indicator"], got.rows["period"], strict=True)) == [
        ("patent_grants", "2023"),
        ("effective_trademarks", "2023-01-01"),
    ]


def test_a_custom_indicator_is_said_once_and_only_it(tmp_path):
    p = tmp_path / "开江.csv"
    p.write_text(
        "地区,指标,年份,数值,单位\n"
        "511723,商业秘密保护示范企业,2022,3,家\n"
        "511723,商业秘密保护示范企业,2023,5,家\n"
        "511723,专利授权量,2023,176,件\n",
        encoding="utf-8",
    )
    from ipcast.data.indicator_names import read_name_map

    got = read_history_file(p, names=read_name_map(["商业秘密保护示范企业=custom:家:stock"]))
    assert [line for line in got.report if "declared custom" in line] == [
        "商业秘密保护示范企业为自定义指标（家，年末存量）："
        "仅按本指标自身的数据预测，不借用其他序列 / "
        "商业秘密保护示范企业 declared custom (家, stock): forecast from its own points only, "
        "nothing borrowed"
    ]
