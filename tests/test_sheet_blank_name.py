"""A merged 指标 cell spanning its 其中 rows leaves the rows below blank: the import stops at the
first blank name and says how to write it; before, it said unknown indicator '' and offered
--map '=patent_grants'."""

import openpyxl
import pytest

from ipcast.data.errors import InputError
from ipcast.data.readers import read_history_file


def test_a_merged_name_cell_is_refused_with_the_fix(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["绵阳市知识产权主要指标（测试数据）"])
    ws.append(["指标", "细项", "单位", "2024年", "2025年"])
    ws.append(["专利授权量", "合计", "件", 10100, 10600])
    ws.append([None, "其中：发明专利", "件", 2210, 2460])
    ws.merge_cells("A3:A4")
    p = tmp_path / "绵阳.xlsx"
    wb.save(p)
    with pytest.raises(InputError) as e:
        read_history_file(p)
    said = str(e.value)
    assert "第4行，A列" in said and "该行有数字，但指标名称是空的" in said
    assert "其中：发明专利" in said and "--map '=" not in said
