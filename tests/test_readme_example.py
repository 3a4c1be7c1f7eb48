"""The README's worked example (桐庐县, from the bureau's CSV to the result table) is what the
product prints: the files are rebuilt from the README's own blocks, the commands are run, and the
table the README shows must be the table the run prints. A change to the forecast that moves a
number fails here until the README says the new number."""

import re

import openpyxl
from conftest import REPO
from typer.testing import CliRunner

from ipcast.cli.app import app

SECTION = "## 你自己的地区"


def _section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    return text[start : text.index("\n## ", start + 1)]


def _blocks(section: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", section, flags=re.S)


def _plan_table(section: str) -> list[list[str]]:
    lines = [ln for ln in section.splitlines() if ln.startswith("| ")]
    cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines]
    return [row for row in cells if not set("".join(row)) <= set("-")]


def _write_plan(rows: list[list[str]], path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标表"
    ws.append(["桐庐县知识产权指标表（2026-2030年）"])
    ws.append(rows[0])
    for row in rows[1:]:
        ws.append([float(c) if re.fullmatch(r"[\d.]+", c) else (c or None) for c in row])
    wb.save(path)


def test_the_worked_example_prints_the_table_the_readme_shows(home, tmp_path):
    section = _section()
    history = tmp_path / "桐庐历史数据.csv"
    history.write_text(_blocks(section, "csv")[0], encoding="utf-8")
    plan = tmp_path / "桐庐目标.xlsx"
    _write_plan(_plan_table(section), plan)
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(history)]).exit_code == 0
    res = runner.invoke(app, ["run", "--targets", str(plan), "--paths", "1000"])
    assert res.exit_code == 0, res.output
    shown = _blocks(section, "text")[1].strip().splitlines()
    printed = [ln.rstrip() for ln in res.output.splitlines()]
    start = printed.index(shown[0].rstrip())
    assert printed[start : start + len(shown)] == [ln.rstrip() for ln in shown]
