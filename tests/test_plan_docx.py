"""A plan's Word document as --targets: its indicator table read by the one plan-table reader,
cell for cell as the same table in a workbook (the xlsx twin gives identical targets), with the
paragraph above it as its title (the 2026—2030 span of a 累计 row, the region), its notes
below it said, merged cells as a workbook has them, and every refusal naming the table, row and
column. All figures are made up for the tests and titled （测试数据）."""

import csv
import io
import warnings

import docx
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.errors import InputError
from ipcast.data.plan_docx import cells, read_word_tables
from ipcast.data.target_tables import load_targets

CAPTION = "表1 广汉市“十五五”知识产权发展主要指标（2026—2030年）"
HEADER = ["类别", "序号", "指标名称", "单位", "基期值\n（2025年）", "目标值\n（2030年）"]
ROWS = [
    ["创造", "1", "专利授权量", "件", "1200", "１５００"],  # full-width digits
    ["", "2", "有效发明专利拥有量", "件", "600", "≥900"],
    ["运用", "3", "知识产权质押融资额累计", "亿元", "3", "20"],
    ["", "4", "著作权登记量", "万件", "0.2", "0.5"],
    ["保护", "5", "商标注册量", "件", "2000", "2500以上"],
]
# (indicator, kind, period, thresholds in the row's unit, unit, comparator)
EXPECTED = [
    ("patent_grants", "level", "2030", (1500.0,), "件", ">="),
    ("effective_invention_patents", "stock", "2030", (900.0,), "件", ">="),
    ("pledge_financing", "cumulative", "2026/2030", (20.0,), "亿元", ">="),
    ("copyright_registrations_total", "stock", "2030", (0.5,), "万件", ">="),
    ("trademark_registrations", "level", "2030", (2500.0,), "件", ">="),
]
MERGED = {"类别": [(0, 1), (2, 3)]}  # 创造 over rows 1-2 of the figures, 运用 over 3-4


def _table(d, header, rows, title_row: str | None = None, merge_kinds: bool = True):
    """A Word table: an optional title row merged across, the header, the rows; 类别 cells
    merged down over the rows of their category, as planners write them."""
    top = 1 if title_row else 0
    t = d.add_table(rows=top + 1 + len(rows), cols=len(header))
    if title_row:
        t.cell(0, 0).text = title_row
        t.cell(0, 0).merge(t.cell(0, len(header) - 1))
    for c, v in enumerate(header):
        t.cell(top, c).text = v
    for r, row in enumerate(rows, top + 1):
        for c, v in enumerate(row):
            if v:
                t.cell(r, c).text = v
    if merge_kinds:
        for a, b in MERGED["类别"]:
            t.cell(top + 1 + a, 0).merge(t.cell(top + 1 + b, 0))
    return t


def _plan_docx(path, rows=ROWS, caption=CAPTION, notes=("注：1.数据来源：测试数据。",), gap=True):
    d = docx.Document()
    d.add_paragraph("广汉市知识产权“十五五”规划（测试数据）")
    d.add_paragraph("一、发展基础。" + "规划期内，全市知识产权工作取得明显成效。" * 4)
    d.add_paragraph(caption)
    _table(d, HEADER, rows, title_row="主要指标（测试数据）")
    if gap:
        d.add_paragraph("")  # a blank line before the note
    for n in notes:
        d.add_paragraph(n)
    d.add_paragraph("二、重点任务。" + "加强知识产权创造、运用、保护、管理和服务。" * 3)
    d.save(path)
    return path


def _twin_xlsx(path, rows=ROWS):
    """The same table in a workbook: the caption as its title row, the same cells, the 类别
    cells merged as in the document, the note under it."""
    wb = Workbook()
    ws = wb.active
    ws.append([CAPTION])
    ws.append(["主要指标（测试数据）"])
    ws.merge_cells("A2:F2")
    ws.append(HEADER)
    for row in rows:
        ws.append([v or None for v in row])
    for a, b in MERGED["类别"]:
        ws.merge_cells(f"A{4 + a}:A{4 + b}")
    ws.append(["注：1.数据来源：测试数据。"])
    wb.save(path)
    return path


def _read(targets):
    return [
        (t.indicator, t.kind, t.period_text, t.thresholds, t.unit, t.comparator) for t in targets
    ]


def test_the_indicator_table_of_a_word_plan_reads_as_the_same_table_in_a_workbook(tmp_path):
    got = load_targets(_plan_docx(tmp_path / "规划.docx"))
    assert _read(got.targets) == EXPECTED
    assert {t.region for t in got.targets} == {"guanghan"}  # 广汉市 in the caption
    # the pledge total runs over the caption's 2026—2030; the 万件 row stays in 万件
    twin = load_targets(_twin_xlsx(tmp_path / "规划.xlsx"))
    assert got.targets == twin.targets  # every field: ids, labels, quotes, readings
    assert [t.extra for t in got.targets] == [t.extra for t in twin.targets]
    assert got.targets[0].extra == {"plan_start": 2026}
    assert got.targets[1].quote == "2 有效发明专利拥有量 件 600 ≥900"
    first, *rows, note = got.report
    assert first.startswith(
        "文件 " + str(tmp_path / "规划.docx") + "，第1个表格：读作规划指标表；基期值：第5列"
        "（基期值(2025年)）；目标值：第6列（目标值(2030年)）；未读：第1列（类别）"
    )
    assert rows[0].startswith("第3行：“专利授权量”读作patent_grants")  # the table's own row 3
    assert note.endswith(
        "第1个表格：表格下方的说明未读：注:1.数据来源:测试数据。 / "
        f"{tmp_path / '规划.docx'}, table 1: the note below it skipped: "
        "注:1.数据来源:测试数据。"
    )


def test_a_word_tables_cells_are_a_workbooks_merged_spans_blank_after_their_first(tmp_path):
    read_word_tables_ = read_word_tables(_plan_docx(tmp_path / "规划.docx"))
    (sheet,) = read_word_tables_
    raw = sheet.raw
    assert raw.shape == (7, 6)
    assert raw.iloc[0].tolist() == ["主要指标（测试数据）", None, None, None, None, None]
    assert raw.iloc[:, 0].tolist() == [
        "主要指标（测试数据）",
        "类别",
        "创造",
        None,
        "运用",
        None,
        "保护",
    ]
    assert raw.iloc[1, 5] == "目标值\n（2030年）"
    assert sheet.where.endswith("规划.docx, table 1")
    # the paragraph above is the title, then the document's own title; prose is not
    assert sheet.title == [
        "表1 广汉市“十五五”知识产权发展主要指标(2026—2030年)",
        "广汉市知识产权“十五五”规划(测试数据)",
    ]


def test_a_row_starting_late_or_ending_early_keeps_its_cells_in_their_columns(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=4, cols=4)
    for c, v in enumerate("abcd"):
        t.cell(0, c).text = v
    t.cell(1, 1).text = "e"
    t.cell(2, 0).text, t.cell(2, 3).text = "f", "g"
    t.cell(2, 0).merge(t.cell(2, 2))  # three columns merged across: "g" stays in the fourth
    t.cell(3, 0).text = "h"
    tr = t._tbl.tr_lst[1]
    tr.remove(tr.tc_lst[0])  # the row starts one column late
    tr.get_or_add_trPr()._add_gridBefore(val=1)
    tr = t._tbl.tr_lst[3]
    tr.remove(tr.tc_lst[-1])  # a row a cell short, with no gridAfter: Word draws it so
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pandas pads ragged rows, with a warning that it will not
        got = cells(t).values.tolist()
    assert got == [
        ["a", "b", "c", "d"],
        [None, "e", None, None],
        ["f", None, None, "g"],
        ["h", None, None, None],
    ]


def test_the_caption_is_the_paragraphs_right_above_the_table_not_prose_nor_a_table(tmp_path):
    d = docx.Document()
    d.add_paragraph("本规划的主要指标如下。")  # prose: ends 。, and no title for the document
    d.add_paragraph("附表")
    d.add_paragraph("专栏1")
    d.add_paragraph("")
    d.add_paragraph("主要指标（2026—2030年）")
    _table(d, ["指标名称", "目标值(2030年)"], [["专利授权量", "10"]], merge_kinds=False)
    d.add_paragraph("表2")
    _table(d, ["指标名称", "目标值(2030年)"], [["商标注册量", "10"]], merge_kinds=False)
    d.add_paragraph("正文。")
    d.add_paragraph("表3" + "广" * 58)  # 60 characters: still a title
    _table(d, ["指标名称", "目标值(2030年)"], [["商标注册量", "10"]], merge_kinds=False)
    p = tmp_path / "t.docx"
    d.save(p)
    first, second, third = read_word_tables(p)
    assert first.title == ["专栏1", "主要指标(2026—2030年)"]  # two lines at most, blanks passed
    assert second.title == ["表2"]  # back to the table before it only
    assert third.title == ["表3" + "广" * 58]
    assert (first.notes, second.notes) == ([], [])  # 表2 is no note


def test_notes_below_a_table_are_its_numbered_lines_after_a_note(tmp_path):
    lines = ("注：", "1.数据来源：测试数据。", "（2）2025年为预计数。")
    p = _plan_docx(tmp_path / "规划.docx", notes=lines, gap=False)  # right below the table
    (sheet,) = read_word_tables(p)
    assert [n.split(" / ")[0].rsplit("：", 1)[-1] for n in sheet.notes] == [
        "注:",
        "1.数据来源:测试数据。",
        "(2)2025年为预计数。",
    ]
    p = _plan_docx(tmp_path / "b.docx", notes=("1.数据来源：测试数据。",))
    assert read_word_tables(p)[0].notes == []  # a numbered line is a note only after one


def test_the_documents_title_is_its_first_line_when_short(tmp_path):
    def titles(first_lines):
        d = docx.Document()
        for line in first_lines:
            d.add_paragraph(line)
        d.add_table(rows=1, cols=1)
        d.add_paragraph("正" * 61)  # prose between the tables: no caption for the second
        d.add_table(rows=1, cols=1)
        p = tmp_path / "t.docx"
        d.save(p)
        return [s.title for s in read_word_tables(p)]

    title = "广" * 60  # blank lines before it passed over
    assert titles(["", title]) == [[title], [title]]
    assert titles(["广" * 61, ""]) == [[], []]  # too long for a title, and for a caption
    assert titles(["广汉市知识产权规划。"]) == [[], []]  # a sentence


def test_a_document_of_several_tables_reads_its_indicator_tables_and_says_the_rest(tmp_path):
    d = docx.Document()
    d.add_paragraph("广汉市知识产权“十五五”规划（测试数据）")
    _table(d, ["重点任务", "责任单位"], [["专利导航", "市市场监管局"]], merge_kinds=False)
    d.add_paragraph("表2 指标解释")
    _table(d, ["序号", "指标", "解释"], [["1", "专利授权量", "当年授权"]], merge_kinds=False)
    d.add_paragraph(CAPTION)
    _table(d, HEADER, ROWS)
    d.add_paragraph("专栏2 商标品牌（2026—2030年）")
    _table(
        d,
        ["指标名称", "单位", "目标值（2030年）"],
        [["地理标志商标累计", "件", "12"]],
        merge_kinds=False,
    )
    p = tmp_path / "规划.docx"
    d.save(p)
    got = load_targets(p)
    assert _read(got.targets) == [
        *EXPECTED,
        ("gi_trademarks", "stock", "2030", (12.0,), "件", ">="),
    ]
    said = [line.split(" / ")[0].removeprefix(f"文件 {p}，") for line in got.report]
    assert said[0] == "第1个表格：没有目标表，未读"
    assert said[1] == (
        "第2个表格：不是指标表（没有目标值列（表头含“目标”或年份，如“2026年目标值”）），未读"
    )
    assert said[2].startswith("第3个表格：读作规划指标表")
    assert said[-2].startswith("第4个表格：读作规划指标表")
    assert said[-1].startswith("第2行：“地理标志商标累计”读作gi_trademarks")


def _two_tables(tmp_path, second_figure: str):
    d = docx.Document()
    d.add_paragraph(CAPTION)
    _table(d, HEADER, ROWS)
    d.add_paragraph("专栏1 专利（测试数据）")
    _table(
        d,
        ["指标名称", "单位", "目标值（2030年）"],
        [["专利授权量", "件", second_figure]],
        merge_kinds=False,
    )
    p = tmp_path / "规划.docx"
    d.save(p)
    return p


def test_a_target_two_tables_state_alike_is_read_once_and_two_figures_are_refused(tmp_path):
    p = _two_tables(tmp_path, "1500")
    got = load_targets(p)
    assert _read(got.targets) == EXPECTED
    assert got.report[-1] == (
        f"文件 {p}，第2个表格，第2行：与文件 {p}，第1个表格，第2行是同一目标（1,500 件），只读一次"
        f" / {p}, table 2, row 2: the same target as {p}, table 1, row 2 (1,500 件); read once"
    )
    p = _two_tables(tmp_path, "1600")
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where_zh == f"文件 {p}，第2个表格，第2行"
    assert e.value.problem_zh == (
        f"与文件 {p}，第1个表格，第2行是同一指标同一期间的目标（“专利授权量”和“专利授权量”，"
        "2030），但目标值不同（1,500 件和1,600 件），无法判断用哪一个"
    )
    assert e.value.where == f"{p}, table 2, row 2"


def test_sheets_of_a_workbook_may_repeat_a_target(tmp_path):
    wb = Workbook()
    for i, figure in enumerate((1500, 1600)):
        ws = wb.active if i == 0 else wb.create_sheet("二")
        ws.append(["广汉市主要指标（测试数据）"])
        ws.append(["指标名称", "单位", "目标值（2030年）"])
        ws.append(["专利授权量", "件", figure])
        ws.append([f"{i}_x", None, None])  # keep the ids apart: 序号 is the row's line
    p = tmp_path / "t.xlsx"
    wb.save(p)
    with pytest.raises(InputError) as e:  # not refused as ambiguous: only its ids collide
        load_targets(p)
    assert e.value.problem == "duplicate target ids ['3_patent_grants']"


def test_a_document_without_an_indicator_table_says_what_was_looked_for(tmp_path):
    d = docx.Document()
    d.add_paragraph("广汉市知识产权工作要点（测试数据）")
    _table(d, ["重点任务", "责任单位"], [["专利导航", "市市场监管局"]], merge_kinds=False)
    p = tmp_path / "要点.docx"
    d.save(p)
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where_zh == f"文件 {p}"
    assert e.value.problem_zh.startswith(
        "没有找到主要指标表：文档中有1个表格，都不是表头含“指标名称”（或“指标”）且有目标值列"
    )
    assert "序号 | 指标名称 | 单位" in e.value.fix_zh
    d = docx.Document()
    d.add_paragraph("只有正文。")
    d.save(p)
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.problem_zh.startswith("没有找到主要指标表：文档中没有表格表头含")
    assert e.value.problem.startswith("no indicator table: the document has no table with")


def test_a_document_whose_only_indicator_like_table_lacks_a_target_column_says_its_fix(tmp_path):
    d = docx.Document()
    d.add_paragraph(CAPTION)
    _table(d, ["重点任务", "责任单位"], [["专利导航", "市市场监管局"]], merge_kinds=False)
    _table(
        d,
        ["序号", "指标名称", "现状值", "规划值"],
        [["1", "专利授权量", "1200", "1500"]],
        merge_kinds=False,
    )
    p = tmp_path / "规划.docx"
    d.save(p)
    with pytest.raises(InputError) as e:  # as the same table in a workbook is refused
        load_targets(p)
    assert e.value.where_zh == f"文件 {p}，第2个表格，第1行"
    assert e.value.problem_zh == "没有目标值列（表头含“目标”或年份，如“2026年目标值”）"
    assert e.value.fix_zh == "把目标值列的表头写作“目标值（2026年）”"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("规划.doc", "旧版Word文档（.doc）"),
        ("规划.wps", "WPS文字文档（.wps）"),
        ("规划.DOT", "旧版Word模板（.dot）"),
    ],
)
def test_an_old_word_or_wps_file_is_refused_with_save_as_docx(tmp_path, name, said):
    p = tmp_path / name
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where == str(p)
    assert e.value.problem_zh == f"{said}无法读取"
    assert e.value.problem.endswith(f"({name[-4:].lower()}) cannot be read")
    assert e.value.fix_zh.startswith("在Word或WPS中打开，另存为 .docx（Word文档）后再读取")
    assert "save it as .docx" in e.value.fix and ".xlsx" in e.value.fix


def test_a_doc_renamed_docx_and_a_broken_docx_are_refused(tmp_path):
    p = tmp_path / "规划.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.problem_zh == "旧版Word文档（.doc，扩展名改成了 .docx）无法读取"
    assert e.value.problem == "an old binary Word document (.doc renamed .docx) cannot be read"
    p.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.problem_zh == "不是可读取的Word文档：文件已损坏，或其实不是 .docx 格式"
    assert e.value.problem.endswith("(PackageNotFoundError)")
    assert e.value.fix == "open it in Word or WPS and save it as .docx"


def test_a_cell_refused_in_a_word_table_is_named_by_table_row_and_column(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][5] = "约900"
    p = _plan_docx(tmp_path / "规划.docx", rows=rows)
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where_zh == f"文件 {p}，第1个表格，第4行，第6列（目标值(2030年)）"
    assert e.value.where == f"{p}, table 1, row 4, column 6 (目标值(2030年))"
    assert e.value.problem_zh == "“约900”不是一个确切数字"
    assert str(e.value).startswith(f"文件 {p}，第1个表格，第4行")  # Chinese first


def test_a_merged_name_cell_is_refused_in_a_word_table_as_in_a_workbook(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][2] = ""
    d = docx.Document()
    d.add_paragraph(CAPTION)
    t = _table(d, HEADER, rows)
    t.cell(2, 2).merge(t.cell(3, 2))  # 有效发明专利拥有量 over rows 3 and 4 of the table
    p = tmp_path / "规划.docx"
    d.save(p)
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where_zh == f"文件 {p}，第1个表格，第4行，第3列（指标名称）"
    assert e.value.problem_zh == "该行有目标值，但指标名称是空的"
    wb = Workbook()
    ws = wb.active
    ws.append([CAPTION])
    ws.append(HEADER)
    for row in rows:
        ws.append([v or None for v in row])
    ws.merge_cells("C4:C5")
    wb.save(tmp_path / "规划.xlsx")
    with pytest.raises(InputError) as x:
        load_targets(tmp_path / "规划.xlsx")
    assert x.value.where_zh.endswith("第5行，C列（指标名称）")
    assert x.value.problem_zh == e.value.problem_zh and x.value.fix_zh == e.value.fix_zh


def test_the_header_repeated_with_its_years_on_a_next_page_is_no_nameless_row(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        "广汉市主要指标（测试数据）,,\n指标名称,预期目标,\n,2026年,2027年\n专利授权量,10,11\n"
        "指标名称,预期目标,\n,2026年,2027年\n商标注册量,20,21\n,5,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:  # the figure under the last row: refused
        load_targets(p)
    assert e.value.where_zh.endswith("t.csv，第8行，A列（指标名称）")
    p.write_text(p.read_text("utf-8").replace(",5,\n", ""), encoding="utf-8")
    assert [t.thresholds for t in load_targets(p).targets] == [(10.0, 11.0), (20.0, 21.0)]


def _p_hits(args) -> list[tuple[str, str, str]]:
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    table = res.output[res.output.index("region,plan,") :]  # after the reading's lines
    return [(r["target_id"], r["status"], r["p_hit"]) for r in csv.DictReader(io.StringIO(table))]


def test_run_reads_a_word_plan_with_the_p_hit_of_its_workbook_twin(tmp_path):
    common = ["-r", "guanghan", "--paths", "200", "--seed", "7", "-f", "csv"]
    word = _p_hits(["run", "--targets", str(_plan_docx(tmp_path / "规划.docx")), *common])
    book = _p_hits(["run", "--targets", str(_twin_xlsx(tmp_path / "规划.xlsx")), *common])
    assert word == book
    assert [i for i, _, _ in word] == [
        "1_patent_grants",
        "2_effective_invention_patents",
        "3_pledge_financing",
        "4_copyright_registrations_total",
        "5_trademark_registrations",
    ]
    # 广汉's bundled history has copyright registrations only: one target simulated
    (simulated,) = [(i, p) for i, status, p in word if status == "simulated"]
    assert simulated[0] == "4_copyright_registrations_total" and 0 < float(simulated[1]) < 1


def test_a_word_table_is_named_by_its_number_and_its_columns_counted_a_sheet_by_letters():
    from ipcast.data.said import place

    assert place("规划.docx, table 3", 4, 27, "目标值") == (
        "文件 规划.docx，第3个表格，第4行，第28列（目标值）",
        "规划.docx, table 3, row 4, column 28 (目标值)",
    )
    # a sheet's name may hold ", table 3": still a sheet, lettered
    assert place("t.xlsx, sheet 表, table 3", 4, 27) == (
        "文件 t.xlsx，工作表 表, table 3，第4行，AB列",
        "t.xlsx, sheet 表, table 3, row 4, column AB",
    )


def _simple_docx(path, caption, rows):
    d = docx.Document()
    for line in caption:
        d.add_paragraph(line)
    _table(d, ["指标名称", "单位", "目标值（2026年）"], rows, merge_kinds=False)
    d.save(path)
    return path


def test_the_span_of_a_total_comes_from_the_caption_when_the_table_has_no_base_year(tmp_path):
    """The first title line with a span of years is the plan's (a single year is not): 累计 over
    2025—2026; with no span in the caption, the row is refused with the fix, as in a workbook."""
    rows = [
        ["知识产权质押融资额累计", "亿元", "2"],
        ["注：数据来源：测试数据", "", ""],
        ["", "", ""],
    ]
    caption = ["附表一 2024年", "广汉市主要指标（2025—2026年）（测试数据）"]
    got = load_targets(_simple_docx(tmp_path / "a.docx", caption, rows))
    assert _read(got.targets) == [
        ("pledge_financing", "cumulative", "2025/2026", (2.0,), "亿元", ">=")
    ]
    # the note row inside the table is said as a workbook's is; the blank row below it is not
    assert got.report[2:] == ["第3行未读：说明行 / row 3 skipped: a note"]
    p = _simple_docx(tmp_path / "b.docx", ["广汉市主要指标（测试数据）"], rows)
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where_zh == f"文件 {p}，第1个表格，第2行"
    assert e.value.problem_zh == "累计目标，但没有基期年可起算"
