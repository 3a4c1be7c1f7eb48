"""`ipcast draft` says its notes in Chinese first, then English: the terminal's 说明 lines and the
draft file's quote (what the drafted table's 说明 column says, then the engine's English)."""

import yaml
from typer.testing import CliRunner

from ipcast import api
from ipcast.cli.app import app
from ipcast.data.said import figure


def test_a_raised_target_is_noted_in_chinese_then_english(home, tmp_path):
    # 广汉's bundled plan: its 2030 copyright total is raised to the 2026 target (no fall).
    doc = api.draft("guanghan", tmp_path / "d.yaml", until=2030, paths=400)
    raised = [(e, r) for e in doc["targets"] for r in e["_basis"]["raised"]]
    assert raised
    for entry, (period, low, floor, at, p) in raised:
        (note,) = [n for n in doc["notes"] if f" / {entry['id']} {period}: " in n]
        zh, en = note.split(" / ")
        # the plan's label and periods (2030年, 2026年), not the id and 2030
        assert zh.startswith(
            f"{entry['label_zh']} {period}年 由 {figure(low)} 提高到 {at}年 目标 {figure(floor)}"
            "（预测仍在增长"
        )
        assert zh.endswith(f"，达成把握 {p:.0%}")
        assert en.startswith(
            f"{entry['id']} {period}: raised from {figure(low)} to {figure(floor)} (the {at} "
        )
        assert en.endswith(f"met with {p:.0%} confidence")


def test_the_draft_files_quote_is_the_tables_note_then_the_english(home, tmp_path):
    from ipcast.report.plan_table_out import note_zh

    out = tmp_path / "d.yaml"
    doc = api.draft("guanghan", out, until=2030, paths=400)
    back = yaml.safe_load(out.read_text(encoding="utf-8"))["targets"]
    first, entry = back[0], doc["targets"][0]
    zh, en = first["quote"].split(" / ", 1)
    assert zh == (
        "ipcast 草案，承接 guanghan_2024-2026 gh01_high_value_invention_per_10k："
        + note_zh(entry["_basis"], "件/万人")
    )
    assert zh.startswith(
        "ipcast 草案，承接 guanghan_2024-2026 gh01_high_value_invention_per_10k："
        "ipcast 按 80% 把握测算；"
    )
    assert en.startswith(
        "ipcast draft from guanghan_2024-2026 gh01_high_value_invention_per_10k: "
        "proposed by ipcast at 80% confidence; "
    )


def test_the_terminal_says_what_was_written_in_chinese_then_english(home, tmp_path):
    out = tmp_path / "d.yaml"
    got = CliRunner().invoke(app, ["draft", "-r", "广汉", "--out", str(out), "--paths", "400"])
    assert got.exit_code == 0, got.output
    lines = got.output.splitlines()
    targets = yaml.safe_load(out.read_text(encoding="utf-8"))["targets"]
    ths = [
        t["threshold"] if isinstance(t["threshold"], list) else [t["threshold"]] for t in targets
    ]
    total, n = len(targets), sum(any(x is not None for x in th) for th in ths)
    assert lines[0] == (
        f"已写入{out}：{total}条目标，其中{n}条有建议目标值；"
        f"修改后运行 `ipcast run --targets {out}` / "
        f"wrote {out}: {total} targets, {n} with a proposed threshold; "
        f"edit it, then `ipcast run --targets {out}`"
    )
    assert lines[1].startswith("  说明：版权登记数量累计 2030年 由 ")


def test_a_note_below_an_earlier_target_names_it_as_the_plan_does(home, tmp_path):
    # 达州's year runs July-June: its 2030 effective invention patents fall short of the 2025-06
    # target. The line said "dz04_effective_invention_patents_next 2030-06 的 497 低于 2025-06".
    doc = api.draft("dazhou", tmp_path / "d.yaml", until=2030, paths=400)
    below = [(e, b) for e in doc["targets"] for b in e["_basis"]["below"]]
    assert below
    for entry, (period, low, floor, at) in below:
        assert (period, at) == ("2030-06", "2025-06")
        (note,) = [n for n in doc["notes"] if f" / {entry['id']} {period}: " in n]
        assert note.startswith(
            f"{entry['label_zh']} 2030年6月 的 {figure(low)} 低于 2025年6月 目标 {figure(floor)}："
        )


def test_a_figure_is_written_whole():
    assert [figure(x) for x in (1_050_000.0, 1000.0, 1595.4, 497.3, 0.8, -1234.0)] == [
        "1,050,000",
        "1,000",
        "1,595",
        "497.3",
        "0.8",
        "-1,234",
    ]
