"""`ipcast import book.xlsx` reads a bureau's workbook as it is written: a cover sheet of prose,
then one sheet per family (专利, 商标, 质押融资), each with a title row, a merged 年度 cell over
the year columns, a 单位 column, a 合计 row and a note. Every sheet with figures is read in one
go, each report line names its sheet, the store is written once; an error in any sheet names it
and writes nothing; ``--sheet`` still reads one. The figures are invented (测试数据)."""

from openpyxl import Workbook
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data import userstore
from ipcast.data.readers import read_history_file

runner = CliRunner()
YEARS = ["2022年", "2023年", "2024年"]


def _wide(ws, title, rows, note):
    """A bureau's wide sheet: title, a two-row header whose 年度 cell spans the years."""
    ws.append([title])
    ws.append(["指标名称", "单位", "年度"])
    ws.merge_cells("C2:E2")
    ws.append([None, None, *YEARS])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    for r in rows:
        ws.append(r)
    ws.append([])
    ws.append([note])


def _book(path, cover_region=True, titled=True, patents_2024=4470):
    wb = Workbook()
    cover = wb.active
    cover.title = "说明"
    cover.append(["昆山市知识产权统计资料汇编（测试数据）" if cover_region else "统计资料汇编"])
    cover.append(["各表数字为测试用虚构数字。"])
    city = "昆山市" if titled else ""
    _wide(
        wb.create_sheet("专利"),
        f"{city}专利主要指标（测试数据）",
        [
            ["专利授权量", "件", 22170, 20930, 21640],
            ["其中：发明专利授权量", "件", 3920, 4150, patents_2024],
            ["合计", "件", 26090, 25080, 26110],
        ],
        "注：数据来源为测试数据（虚构）",
    )
    _wide(
        wb.create_sheet("商标"),
        f"{city}商标主要指标（测试数据）",
        [["有效注册商标", "件", 152600, 163900, 174800]],
        "注：数据来源为测试数据（虚构）",
    )
    pl = wb.create_sheet("质押融资")
    pl.append([f"{city}知识产权质押融资情况（测试数据）"])
    pl.append(["年份", "知识产权质押融资金额", "单位", "备注"])
    pl.append(["2022年", 194000, "万元", None])
    pl.append(["2023年", 23.8, "亿元", None])
    pl.append(["合计", 43.2, "亿元", None])
    pl.append(["注：数据来源为测试数据（虚构）"])
    wb.save(path)
    return path


def _lines(res) -> list[str]:
    return [x.strip() for x in res.output.splitlines()]


def test_every_sheet_with_figures_is_read_in_one_go(home, tmp_path):
    book = _book(tmp_path / "昆山.xlsx")
    res = runner.invoke(app, ["import", str(book), "--dry-run"])
    assert res.exit_code == 0, res.output
    lines = _lines(res)
    assert (
        "读取3个含数字的工作表：专利、商标、质押融资（共4个工作表） / "
        "3 sheets with figures read: 专利, 商标, 质押融资 (4 sheets in the workbook)" in lines
    )
    assert (
        "工作表“说明”没有数字表（封面或说明），未读 / "
        "sheet '说明' holds no table of figures (a cover or notes): not read" in lines
    )
    # 6 patent figures (the 合计 row skipped), 3 trademark, 2 pledge: 11
    assert "【专利】读取6个数字 / 6 figures read" in lines
    assert "【商标】读取3个数字 / 3 figures read" in lines
    assert "【质押融资】读取2个数字 / 2 figures read" in lines
    assert "【专利】两行表头（第2-3行）合并读取 / two-row header (rows 2-3) merged" in lines
    assert "【专利】第6行未读：合计行 / row 6 skipped: a totals row" in lines
    assert "【质押融资】第5行未读：合计行 / row 5 skipped: a totals row" in lines
    assert any(x.startswith("试运行：从") and "读取11个数字" in x for x in lines)
    assert not userstore.store_path().exists()  # the dry run wrote nothing


def test_the_book_is_stored_once_with_each_sheets_figures_in_their_units(home, tmp_path):
    book = _book(tmp_path / "昆山.xlsx")
    res = runner.invoke(app, ["import", str(book)])
    assert res.exit_code == 0, res.output
    assert len(list(userstore.versions_dir().iterdir())) == 1  # one write, one version kept
    got = userstore.load().set_index(["indicator", "period"])
    assert got.loc[("invention_grants", "2024"), "value"] == 4470
    assert got.loc[("effective_trademarks", "2023"), "value"] == 163900
    assert (got.loc[("pledge_financing", "2022"), ["value", "unit"]] == [194000, "万元"]).all()
    assert (got.loc[("pledge_financing", "2023"), ["value", "unit"]] == [23.8, "亿元"]).all()
    assert set(got["region"]) == {"320583"}
    assert len(got) == 11


def test_sheet_still_reads_one(home, tmp_path):
    rows = read_history_file(_book(tmp_path / "昆山.xlsx"), sheet="商标").rows
    assert list(rows["indicator"].unique()) == ["effective_trademarks"]
    assert list(rows["value"]) == [152600, 163900, 174800]


def test_an_error_in_one_sheet_names_it_and_writes_nothing(home, tmp_path):
    from openpyxl import load_workbook

    book = _book(tmp_path / "昆山.xlsx")
    wb = load_workbook(book)
    wb["商标"]["D4"] = "约16万"
    wb.save(book)
    res = runner.invoke(app, ["import", str(book)])
    assert res.exit_code == 2
    assert res.output.startswith("错误：文件 ")
    assert "，工作表 商标，第4行，D列（2023）：“约16万”" in res.output
    assert not userstore.store_path().exists()


def test_one_figure_differently_in_two_sheets_is_refused_naming_both(home, tmp_path):
    book = _book(tmp_path / "昆山.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(book)
    ws = wb.create_sheet("汇总")
    ws.append(["昆山市知识产权汇总（测试数据）"])
    ws.append(["指标名称", "单位", "2024年"])
    ws.append(["发明专利授权量", "件", 4480])
    ws.append(["有效注册商标", "件", 174800])
    wb.save(book)
    res = runner.invoke(app, ["import", str(book)])
    assert res.exit_code == 2, res.output
    assert "工作表 专利，第5行和工作表 汇总，第3行" in res.output
    assert "（4470件和4480件）" in res.output
    # the same figure in two sheets is read once
    wb["汇总"]["C3"] = 4470
    wb.save(book)
    res = runner.invoke(app, ["import", str(book), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert (
        "工作表“汇总”第4行与工作表“商标”第4行重复，只读一次 / "
        "sheet '汇总' row 4 repeats sheet '商标' row 4; read once" in _lines(res)
    )
    assert any("读取11个数字" in x for x in _lines(res))


def test_a_sheet_without_the_region_in_its_title_takes_the_covers(home, tmp_path):
    rows = read_history_file(_book(tmp_path / "b.xlsx", titled=False)).rows
    assert set(rows["region"]) == {"320583"}
    res = runner.invoke(app, ["import", str(tmp_path / "b.xlsx"), "--dry-run"])
    assert (
        "【商标】地区昆山市 (320583, 苏州市, 江苏省)取自工作表“说明”的标题"
        "“昆山市知识产权统计资料汇编(测试数据)” / region 昆山市 (320583, 苏州市, 江苏省) taken "
        "from the title '昆山市知识产权统计资料汇编(测试数据)' of sheet '说明'" in _lines(res)
    )
    # nothing names the region: asked for, as before
    res = runner.invoke(app, ["import", str(_book(tmp_path / "c.xlsx", False, False))])
    assert res.exit_code == 2 and "没有地区" in res.output


def test_a_table_of_contents_is_no_sheet_of_figures(home, tmp_path):
    from openpyxl import load_workbook

    book = _book(tmp_path / "昆山.xlsx")
    wb = load_workbook(book)
    toc = wb.create_sheet("目录", 1)
    for r in (["序号", "名称", "页码"], [1, "专利主要指标", 2], [2, "商标主要指标", 3]):
        toc.append(r)
    wb.save(book)
    res = runner.invoke(app, ["import", str(book), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "工作表“目录”没有数字表（封面或说明），未读 / " in res.output


def test_a_merged_year_group_header_is_read_in_a_single_sheet(home, tmp_path):
    """年度 spanning the year columns, the years below: read as a two-row header, not as a
    sheet with the years down a 年度 column (which found no figures and stopped)."""
    book = _book(tmp_path / "昆山.xlsx")
    rows = read_history_file(book, sheet="专利").rows
    assert list(rows["period"]) == ["2022", "2023", "2024"] * 2
    assert list(rows["value"][:3]) == [22170, 20930, 21640]


def test_a_stock_in_a_column_of_months_so_far_is_read_at_the_months_end(home, tmp_path):
    """有效发明专利 in the 2025年1-10月 column beside the flows' figures so far: the stock at the
    end of October (stored 2025-10, said 2025年10月 in the briefing), not a span of months; the
    flow keeps its span, a rate in % too (a year's figure, unused for part of a year)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "专利"
    ws.append(["昆山市专利主要指标（测试数据）"])
    ws.append(["指标名称", "单位", "2024年", "2025年1-10月"])
    ws.append(["发明专利授权量", "件", 4470, 3910])
    ws.append(["有效发明专利", "件", 28610, 30950])
    ws.append(["每万人口高价值发明专利拥有量", "件", 37.9, 41.2])
    ws.append(["知识产权保护社会满意度", "%", 88, 89])
    wb.save(tmp_path / "s.xlsx")
    got = read_history_file(tmp_path / "s.xlsx")
    keys = got.rows["indicator"] + " " + got.rows["value"].astype(str)
    periods = dict(zip(keys, got.rows["period"], strict=True))
    assert periods == {
        "invention_grants 4470.0": "2024",
        "invention_grants 3910.0": "2025-01/2025-10",
        "effective_invention_patents 28610.0": "2024",
        "effective_invention_patents 30950.0": "2025-10",
        "high_value_invention_per_10k 37.9": "2024",
        "high_value_invention_per_10k 41.2": "2025-10",
        "protection_satisfaction 88.0": "2024",
        "protection_satisfaction 89.0": "2025-01/2025-10",
    }
    assert (
        "第4行：存量指标在“2025年1-10月”的数字读作2025年10月末的数 / "
        "row 4: a stock's figure for 2025-01/2025-10 read as at the end of 2025-10" in got.report
    )


def test_a_sheet_added_to_the_template_is_read_with_its_sheet(home, tmp_path):
    """`ipcast template` writes 历史数据 and 说明; a planner who adds a 商标 sheet beside them had
    it left unread without a word (历史数据 was always the only sheet read)."""
    from openpyxl import load_workbook

    from ipcast.api.figures import template

    path = tmp_path / "昆山历史数据.xlsx"
    template("昆山市", path)
    wb = load_workbook(path)
    ws = wb["历史数据"]
    col = [c.value for c in ws[1]].index("2024年") + 1
    ws.cell(2, col, 21640)  # 授权专利 2024 (test data)
    tm = wb.create_sheet("商标")
    tm.append(["地区", "指标名称", "单位", "2024年"])
    tm.append(["昆山市", "有效注册商标", "件", 174800])
    wb.save(path)
    got = read_history_file(path)
    assert sorted(zip(got.rows["indicator"], got.rows["value"], strict=True)) == [
        ("effective_trademarks", 174800.0),
        ("patent_grants", 21640.0),
    ]
    assert got.report[0].startswith("读取2个含数字的工作表：历史数据、商标（共3个工作表）")


def test_the_same_amount_in_another_unit_is_the_figure_already_stored(home, tmp_path):
    """The 质押融资 sheet gave 2022 as 194000 万元; a later table gives it as 19.4 亿元: the same
    amount, refused as a change ('stored already as 194000万元 … the file says 19.4亿元')."""
    first = tmp_path / "万元.csv"
    first.write_text(
        "地区,指标,年份,数值,单位\n昆山市,知识产权质押融资额,2022,194000,万元\n", "utf-8"
    )
    assert runner.invoke(app, ["import", str(first)]).exit_code == 0
    later = tmp_path / "质押.csv"
    later.write_text(
        "地区,指标,年份,数值,单位\n昆山市,知识产权质押融资额,2022,19.4,亿元\n", "utf-8"
    )
    res = runner.invoke(app, ["import", str(later), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "新增0、不变1、替换0" in res.output
    later.write_text(
        "地区,指标,年份,数值,单位\n昆山市,知识产权质押融资额,2022,19.5,亿元\n", "utf-8"
    )
    res = runner.invoke(app, ["import", str(later), "--dry-run"])
    assert res.exit_code == 2 and "已存为194000万元" in res.output  # a different amount still is


def test_a_column_of_figures_a_years_down_sheet_cannot_name_is_refused_not_dropped(home, tmp_path):
    """年份 | 知识产权质押融资金额（亿元） | 专利权质押登记笔数（笔） | 同比增长(%): the second
    column was left unread without a word; it is refused with the --map that reads it, the
    rate of change said and left."""
    wb = Workbook()
    ws = wb.active
    ws.title = "质押"
    ws.append(["昆山市知识产权质押融资情况（测试数据）"])
    ws.append(
        ["序号", "年份", "知识产权质押融资金额（亿元）", "专利权质押登记笔数（笔）", "同比增长(%)"]
    )
    ws.append([1, "2023年", 23.8, 310, 22.7])
    ws.append([2, "2024年", 27.15, 355, 14.1])
    wb.save(tmp_path / "d.xlsx")
    res = runner.invoke(app, ["import", str(tmp_path / "d.xlsx"), "--dry-run"])
    assert res.exit_code == 2
    assert "工作表 质押，第2行，D列（专利权质押登记笔数(笔)）：无法识别的指标" in res.output
    mapped = "专利权质押登记笔数(笔)=pledged_patents"
    res = runner.invoke(app, ["import", str(tmp_path / "d.xlsx"), "--dry-run", "--map", mapped])
    assert res.exit_code == 0, res.output
    assert "读取4个数字" in res.output
    assert (
        "E列“同比增长(%)”是增减幅度，不是指标的数字，未读 / "
        "column E '同比增长(%)' is a rate of change, not a figure, and is not read" in res.output
    )


def test_a_table_not_filled_in_yet_is_said_and_skipped_in_a_book(home, tmp_path):
    """A 2025年 sheet with its header and names but no figures yet, beside the sheets done: it
    stopped the whole import ('no figures found'); it is now said and left. A book with no
    figure anywhere still stops."""
    from openpyxl import load_workbook

    book = _book(tmp_path / "昆山.xlsx")
    wb = load_workbook(book)
    ws = wb.create_sheet("2025年")
    ws.append(["昆山市2025年知识产权主要指标（测试数据）"])
    ws.append(["指标名称", "单位", "2025年"])
    ws.append(["专利授权量", "件", None])
    ws.append(["有效注册商标", "件", "—"])
    wb.save(book)
    res = runner.invoke(app, ["import", str(book), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert (
        "工作表“2025年”有表头但没有数字，未读 / sheet '2025年' has a header but no figures: "
        "not read" in _lines(res)
    )
    assert any("读取11个数字" in x for x in _lines(res))
    for name in ("专利", "商标", "质押融资"):
        del wb[name]
    wb.save(book)
    res = runner.invoke(app, ["import", str(book), "--dry-run"])
    assert res.exit_code == 2 and "没有找到任何数字" in res.output  # one sheet left: as before
    wb.copy_worksheet(wb["2025年"]).title = "2026年"
    wb.save(book)
    res = runner.invoke(app, ["import", str(book), "--dry-run"])
    assert res.exit_code == 2 and "各工作表都没有数字" in res.output


def test_a_formula_excel_saved_is_read_as_its_result_and_one_never_saved_is_refused(tmp_path):
    """The workbook is opened once for its formulas and once for their saved results
    (``workbook.Book``); a result Excel saved (110) is the figure, a formula without one is
    refused with its cell named."""
    import re
    import zipfile

    import pytest

    from ipcast.data.errors import InputError
    from ipcast.data.readers import read_history_file

    wb = Workbook()
    ws = wb.active
    ws.title = "专利"
    ws.append(["昆山市专利统计（测试数据）"])
    ws.append(["指标", "单位", "2023年", "2024年"])
    ws.append(["发明专利授权量", "件", 100, "=C3*1.1"])
    never = tmp_path / "never.xlsx"
    wb.save(never)
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(never) as zin, zipfile.ZipFile(saved, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):  # as Excel saves it
                data = re.sub(
                    rb"<f>C3\*1.1</f>(<v\s*/>|<v></v>)?", b"<f>C3*1.1</f><v>110</v>", data
                )
            zout.writestr(item, data)
    rows = read_history_file(saved).rows
    got = sorted(zip(rows["period"], rows["value"], strict=True))
    assert got == [("2023", 100.0), ("2024", 110.0)]
    with pytest.raises(InputError, match="D3"):
        read_history_file(never)
