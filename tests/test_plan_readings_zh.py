"""How a plan's indicator table was read, as `show_readings` prints it (读取 …): each line in
Chinese first, then English. The sheet is test data (测试数据), not a real plan."""

from openpyxl import Workbook
from typer.testing import CliRunner

from ipcast.cli.app import app


def _plan(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "指标表"
    ws.append(["测试数据：广汉市知识产权发展规划（2026-2030年）主要指标（示例）"])
    ws.append(["序号", "指标名称", "单位", "基期值（2025年）", "目标值（2030年）"])
    ws.append([1, "专利授权量", "件", 1500, "22万"])
    ws.append([2, "知识产权质押融资金额", "元", None, "1.5亿元"])
    ws.append([3, "发明专利授权量累计（2026-2030年）", "件", None, 900])
    ws.append([4, "版权登记量", "件", None, None])
    wb.save(path)
    return path


def test_the_readings_of_a_plan_table_are_chinese_then_english(home, tmp_path):
    plan = _plan(tmp_path / "plan.xlsx")
    res = CliRunner().invoke(app, ["targets", "--targets", str(plan), "-r", "广汉"])
    assert res.exit_code == 0, res.output
    lines = res.stderr.splitlines()
    assert lines[0].startswith(f"读取 文件 {plan}，工作表 指标表：读作规划指标表；基期值：D列")
    assert lines[1:] == [
        # 22万 件 = 220,000 件; the base 1500 is shown, not used.
        "读取 第3行：“专利授权量”读作patent_grants（授权专利）；水平 2030 220000 件；"
        "22万读作220,000 件；基期值1500 (2025)：规划所列数字，不用于测算；预测用导入的数字 / "
        "row 3: '专利授权量' -> patent_grants (name without its counting words ('专利授权')); "
        "level 2030 220000 件; 22万 read as 220,000 件; "
        "base 1500 (2025): the plan's figure, not used; forecasts use imported ones",
        # 1.5亿元 = 150,000,000 元 = 1.5 亿元 in the history's unit; the target in full (it read
        # 1.5e+08).
        "读取 第4行：“知识产权质押融资金额”读作pledge_financing（知识产权质押融资额）；"
        "水平 2030 150000000 元；1.5亿元换算为150,000,000 元；按历史数据的单位：1.5 亿元 / "
        "row 4: '知识产权质押融资金额' -> pledge_financing (name as written); "
        "level 2030 150000000 元; 1.5亿元 converted to 150,000,000 元; "
        "in the history's unit: 1.5 亿元",
        "读取 第5行：“发明专利授权量累计(2026-2030年)”读作invention_grants（发明专利授权）；"
        "累计 2026/2030 900 件；累计，期间2026/2030 / "
        "row 5: '发明专利授权量累计(2026-2030年)' -> invention_grants "
        "(bureau name '发明专利授权量(2026-2030年)' (indicator_aliases.csv)); "
        "cumulative 2026/2030 900 件; cumulative over 2026/2030",
        "读取 第6行（“版权登记量”）：无目标值，未读 / "
        "row 6 ('版权登记量'): no target figure; not read",
    ]
