"""A bureau's 2025年同比增长(%) column beside its figures is a rate, not a figure: it is left
unread and said so; before, it stopped the import with a fix that asked to rename it 2025 (which
would have read the rates as figures)."""

import openpyxl

from ipcast.data.readers import read_history_file


def test_a_year_headed_rate_column_is_not_read(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["绵阳市知识产权主要指标（测试数据）"])
    ws.append(["指标", "单位", "2024年", "2025年", "2025年同比增长(%)", "备注"])
    ws.append(["专利授权量", "件", 10100, 10600, "5.0", "含三种专利"])
    ws.append(["发明专利授权量", "件", 2210, "2,460", 11.3, ""])
    p = tmp_path / "绵阳.xlsx"
    wb.save(p)
    got = read_history_file(p)
    rows = sorted(zip(got.rows["indicator"], got.rows["period"], got.rows["value"], strict=True))
    assert rows == [
        ("invention_grants", "2024", 2210.0),
        ("invention_grants", "2025", 2460.0),
        ("patent_grants", "2024", 10100.0),
        ("patent_grants", "2025", 10600.0),
    ]
    assert any("E列“2025年同比增长(%)”是增减幅度，不是指标的数字，未读" in x for x in got.report)
