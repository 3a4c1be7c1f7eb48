"""`ipcast import` says how it read the sheet in Chinese first, then English, as a planner reads
it: each line is ``中文 / English``. The sheet is test data (测试数据), not real figures."""

from openpyxl import Workbook
from typer.testing import CliRunner

from ipcast.cli.app import app


def _sheet(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "历史数据"
    ws.append(["测试数据：广汉市知识产权统计（示例）"])
    ws.append(["地区", "指标名称", "单位", "2022年", "2023年", "2024年", "来源"])
    ws.append(["广汉", "专利授权量", "件", "1,200", "1300件", "—", ""])
    ws.append(["广汉", "有效注册商标", "万件", 1.2, "13000件", "14000件", ""])
    ws.append(["广汉", "每万人口发明专利拥有量", "件", 5.1, 5.6, "", ""])
    ws.append(["广汉", "专利授权量", "件", 1200, None, None, ""])
    ws.append(["合计", "", "", 9, 9, 9, ""])
    ws.append(["注：数据来源：测试数据，广汉市市场监督管理局（示例）"])
    wb.save(path)
    return path


def test_import_reports_each_reading_in_chinese_then_english(home, tmp_path):
    sheet = _sheet(tmp_path / "figs.xlsx")
    out = CliRunner().invoke(app, ["import", str(sheet), "--dry-run"])
    assert out.exit_code == 0, out.output
    lines = [line.strip() for line in out.output.splitlines()]
    source = "测试数据,广汉市市场监督管理局(示例)"
    for line in [
        "表头上方1行标题未读 / 1 title row(s) above the header skipped",
        "宽表：3个期间列（2022, 2023, 2024） / wide layout: 3 period columns (2022, 2023, 2024)",
        "第3行：已去掉“1,200”中的千位分隔符 / row 3: thousands separators removed from '1,200'",
        "第3行：单位“件”取自单元格 / row 3: unit '件' taken from the cell",
        # 13000 件 = 1.3 万件: the figure is converted, the line says both.
        "第4行：13000件换算为1.3万件 / row 4: 13000件 converted to 1.3万件",
        "第4行：14000件换算为1.4万件 / row 4: 14000件 converted to 1.4万件",
        "第5行：每万人口指标的单位“件”读作件/万人 / "
        "row 5: 单位 '件' on a per-10k ratio read as 件/万人",
        "第7行未读：合计行 / row 7 skipped: a totals row",
        "第8行未读：说明行 / row 8 skipped: a note",
        "4个空白或“—”单元格按缺失处理 / 4 empty or '—' cells read as missing",
        f"第8行：所注来源“{source}”用作未填来源的各数字的来源 / row 8: its source, '{source}', "
        "taken as the source of the figures without a 来源 cell of their own",
        "第6行与第3行重复，只读一次 / row 6 repeats row 3; read once",
    ]:
        assert line in lines
    assert any(
        line.startswith("地区广汉市 (510681, 德阳市, 四川省)取自标题“测试数据")
        and " / region 广汉市 (510681, 德阳市, 四川省) taken from the title" in line
        for line in lines
    )


def test_the_import_summary_and_undo_say_it_in_chinese_then_english(home, tmp_path):
    sheet = _sheet(tmp_path / "figs.xlsx")
    runner = CliRunner()
    dry = runner.invoke(app, ["import", str(sheet), "--dry-run"])
    # 7 figures: 专利授权量 2022-23, 有效注册商标 2022-24, 每万人口… 2022-23 (row 6 repeats row 3).
    assert dry.output.splitlines()[-1] == (
        f"试运行：从{sheet}读取7个数字，将新增7、不变0、替换0；未写入 / "
        f"dry run: 7 figures read from {sheet}; would be added 7, unchanged 0, replaced 0; "
        "nothing written"
    )
    done = runner.invoke(app, ["import", str(sheet)])
    assert done.exit_code == 0, done.output
    kept = next((home / "versions").iterdir()).name
    store = home / "history.csv"
    assert done.output.splitlines()[-1] == (
        f"已从{sheet}导入7个数字到{store}（新增7、不变0、替换0）；原版本保存为{kept} / "
        f"imported 7 figures from {sheet} into {store} (added 7, unchanged 0, replaced 0); "
        f"previous version kept as {kept}"
    )
    undone = runner.invoke(app, ["import", "--undo"])
    assert undone.output.strip() == (
        f"已恢复{home}中保存的版本{kept} / restored the version saved as {kept} in {home}"
    )
