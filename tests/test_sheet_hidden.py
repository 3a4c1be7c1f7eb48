"""A hidden row or column of a bureau's sheet (a draft figure, a helper column) is not read, as
a hidden sheet is not: what the planner sees in Excel is what is imported, and the report says
what was left out."""

import openpyxl

from ipcast.data.readers import read_history_file


def _book(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "专利"
    ws.append(["绵阳市知识产权主要指标统计表（测试数据）"])
    ws.append(["指标", "单位", "2024年", "2025年", "辅助列"])
    ws.append(["专利授权量", "件", 10100, 10600, 1])
    ws.append(["专利申请量", "件", 9000, 9000, 1])  # a draft row, hidden
    ws.append(["发明专利授权量", "件", 2210, 2460, 1])
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["E"].hidden = True
    p = tmp_path / "绵阳.xlsx"
    wb.save(p)
    return p


def test_hidden_rows_and_columns_are_not_read(tmp_path):
    got = read_history_file(_book(tmp_path))
    rows = sorted(zip(got.rows["indicator"], got.rows["period"], got.rows["value"], strict=True))
    assert rows == [
        ("invention_grants", "2024", 2210.0),
        ("invention_grants", "2025", 2460.0),
        ("patent_grants", "2024", 10100.0),
        ("patent_grants", "2025", 10600.0),
    ]
    said = "\n".join(got.report)
    assert "隐藏行未读：第4行" in said and "hidden row(s) not read: 4" in said
    assert "隐藏列未读：E列" in said


def test_a_sheet_without_hidden_cells_says_nothing_of_them(tmp_path):
    p = _book(tmp_path)
    wb = openpyxl.load_workbook(p)
    wb.active.row_dimensions[4].hidden = False
    wb.active.column_dimensions["E"].hidden = False
    wb.active["E2"] = None
    for r in range(3, 6):
        wb.active.cell(row=r, column=5, value=None)
    wb.save(p)
    got = read_history_file(p)
    assert ("patent_applications", "2025", 9000.0) in set(
        zip(got.rows["indicator"], got.rows["period"], got.rows["value"], strict=True)
    )
    assert not any("隐藏" in line for line in got.report)
