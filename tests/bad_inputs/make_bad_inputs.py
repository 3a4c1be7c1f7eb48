"""Write the bad-input corpus (run once; the files are committed): files and option sets a planner
really produces, each with the exit code and the words its one-line answer must contain.
``manifest.csv`` beside it: ``case, args, exit, message, what``; in ``args`` ``{d}`` is this
folder and ``{tmp}`` a fresh empty folder."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
H = "地区,指标,年份,数值,单位\n"
CASES: list[tuple[str, str, int, str, str]] = []
TARGET = """region: dazhou
targets:
- id: t1
  label_zh: 授权专利
  indicator: patent_grants
  kind: level
  period: 2025
  threshold: 4500
  unit: 件
  quote: 授权专利4500件
"""


def case(name, args, message, what, code=2):
    CASES.append((name, args, code, message, what))


def text(name, body, message, what, encoding="utf-8"):
    (HERE / name).write_bytes(body.encode(encoding) if isinstance(body, str) else body)
    case(name, f"import {{d}}/{name}", message, what)


def book(name, sheets, message, what, args="", hidden=()):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        if title in hidden:
            ws.sheet_state = "hidden"
    wb.save(HERE / name)
    case(name, f"import {{d}}/{name} {args}".strip(), message, what)


def targets(name, body, message, what, encoding="utf-8"):
    (HERE / name).write_bytes(body.encode(encoding) if isinstance(body, str) else body)
    case(name, f"targets --targets {{d}}/{name}", message, what)


def scenario(name, body, message, what):
    (HERE / name).write_text(body, encoding="utf-8")
    case(name, f"simulate -r dazhou --paths 100 -s {{d}}/{name}", message, what)


def values() -> None:
    text("value_1e400.csv", H + "dazhou,授权专利,2023,1e400,件\n", "not a finite number", "inf")
    text("value_1e26.csv", H + "dazhou,授权专利,2023,1e26,件\n", "implausibly large", "1e26 件")
    text(
        "value_wanjian.csv",
        H + "chengdu,著作权(版权)登记,2023,5000000,万件\n",
        "implausibly large",
        "万件 written for 件",
    )
    text(
        "value_pledge.csv",
        H + "dazhou,知识产权质押融资额,2023,3000000,亿元\n",
        "implausibly large",
        "yuan written in the 亿元 column",
    )
    text(
        "value_percent.csv",
        H + "guanghan,知识产权保护社会满意度,2024,850,%\n",
        "implausibly large",
        "a share above 100 %",
    )
    text(
        "value_population.csv",
        H + "dazhou,常住人口,2023,5390000,万人\n",
        "implausibly large",
        "people written in the 万人 column",
    )
    text(
        "value_wide_huge.csv",
        "地区,指标,2022,2023\ndazhou,授权专利,3900,41000000000\n",
        "implausibly large",
        "a wide sheet with a pasted-together number",
    )
    text("value_neg.csv", H + "dazhou,授权专利,2023,-4100,件\n", "negative", "a negative count")
    text("value_bool.csv", H + "dazhou,授权专利,2023,TRUE,件\n", "not a number", "TRUE")
    text("value_text.csv", H + "dazhou,授权专利,2023,四千,件\n", "not a number", "Chinese numerals")


def columns() -> None:
    text(
        "dup_value_columns.csv",
        "地区,指标,年份,数值,value\ndazhou,授权专利,2023,4100,4200\n",
        "two columns for the same value",
        "数值 and value",
    )
    text(
        "dup_year_columns.csv",
        "地区,指标,2022,2022年\ndazhou,授权专利,3900,3950\n",
        "two columns for the same period ('2022' and '2022年')",
        "2022 and 2022年",
    )
    text(
        "dup_region_columns.csv",
        "地区,region,指标,年份,数值\ndazhou,guanghan,授权专利,2023,4100\n",
        "two columns for the same region",
        "地区 and region",
    )
    text(
        "dup_same_year.csv",
        "指标,2023,2021,2023\n授权专利,4100,3300,4200\n",
        "two columns for the same period ('2023' and '2023')",
        "a year column pasted twice",
    )
    text(
        "dup_unit_columns.csv",
        "地区,指标,年份,数值,单位,计量单位\ndazhou,授权专利,2023,4100,件,件\n",
        "two columns for the same unit",
        "单位 and 计量单位",
    )


def sheets() -> None:
    head = ["地区", "指标", "年份", "数值", "单位"]
    # every sheet with figures is read: the same figure differently in two sheets is refused,
    # and an error in any sheet names that sheet
    two = [("2022", [head, ["dazhou", "授权专利", 2022, 3900, "件"]])]
    two.append(("2023", [head, ["dazhou", "授权专利", 2022, 3950, "件"]]))
    book(
        "two_visible_sheets.xlsx",
        two,
        "sheet 2022, row 2 and sheet 2023, row 2",
        "one figure differently in two sheets",
    )
    book(
        "three_visible_sheets.xlsx",
        [two[0], ("汇总", [head, ["dazhou", "授权专利", 2021, "约3300", "件"]])],
        "sheet 汇总, row 2",
        "an error in the second of two sheets of figures",
    )
    book(
        "formulas.xlsx",
        [("历史数据", [head, ["dazhou", "授权专利", 2023, "=4000+100", "件"]])],
        "formula cell(s) without a saved result",
        "a formula written by a program, never saved by Excel",
    )
    book(
        "formulas_wide.xlsx",
        [("历史数据", [["指标", "2022", "2023"], ["授权专利", 3900, "=B2*1.05"]])],
        "open the file in Excel or WPS",
        "a growth formula in a wide sheet",
    )
    book(
        "dup_columns.xlsx",
        [("历史数据", [["地区", "指标", "2023", "2023年"], ["dazhou", "授权专利", 4100, 4100]])],
        "two columns for the same period",
        "duplicate year columns in a workbook",
    )
    book(
        "no_such_sheet.xlsx",
        [("历史数据", [head, ["dazhou", "授权专利", 2023, 4100, "件"]])],
        "did you mean '历史数据'",
        "--sheet misspelt",
        args="--sheet 历史数",
    )
    book(
        "hidden_only.xlsx",
        [("说明", [["见隐藏表"]]), ("旧数据", [head, ["dazhou", "授权专利", 2020, 2900, "件"]])],
        "no header row",
        "the only figures are on a hidden sheet",
        hidden=("旧数据",),
    )
    case("sheet_on_csv", "import {d}/value_neg.csv --sheet 历史数据", "not a workbook", "CSV")


def target_files() -> None:
    targets("t_comparitor.yaml", TARGET + "  comparitor: '>='\n", "mean 'comparator'", "typo")
    targets("t_threshhold.yaml", TARGET.replace("threshold", "threshhold"), "did you mean", "typo")
    targets("t_true.yaml", TARGET.replace("4500", "true"), "not a finite number", "true")
    targets("t_nan.yaml", TARGET.replace("4500", ".nan"), "not a finite number", ".nan")
    targets("t_inf.yaml", TARGET.replace("4500", ".inf"), "not a finite number", ".inf")
    targets("t_text.yaml", TARGET.replace("4500", "4500件"), "not a finite number", "unit in it")
    targets("t_1850.yaml", TARGET.replace("2025", "1850"), "outside the years 2000-2100", "1850")
    targets("t_2200.yaml", TARGET.replace("2025", "2200"), "outside the years 2000-2100", "2200")
    targets("t_span.yaml", TARGET.replace("2025", "1999/2025"), "outside the years", "span")
    targets("t_month.yaml", TARGET.replace("2025", "2025-13"), "month 13", "a 13th month")
    targets("t_yaml.yaml", TARGET.replace("  kind", " kind"), "not valid YAML", "indentation")
    targets("t_no_targets.yaml", "region: dazhou\n", "no 'targets:' list", "no targets")
    targets("t_empty.yaml", "", "no 'targets:' list", "an empty file")
    targets("t_regoin.yaml", TARGET.replace("region:", "regoin:"), "did you mean 'region'", "typo")
    targets("t_region.yaml", TARGET.replace("dazhou", "dazou"), "unknown region", "region typo")
    targets("t_indicator.yaml", TARGET.replace("patent_grants", "patents"), "unknown indicator", "")
    targets("t_kind.yaml", TARGET.replace("level", "total"), "unknown kind", "a kind not known")
    targets("t_comp.yaml", TARGET + "  comparator: '=>'\n", "unknown comparator", "=>")
    targets("t_missing.yaml", TARGET.replace("  quote: 授权专利4500件\n", ""), "missing", "")
    targets(
        "t_lengths.yaml",
        TARGET.replace("level", "each_year")
        .replace("2025", "[2024, 2025]")
        .replace("4500", "[4500]"),
        "2 periods but 1 thresholds",
        "each_year lists of different lengths",
    )
    targets("t_list.yaml", TARGET.replace("2025", "[2024, 2025]"), "only each_year", "a list")
    targets("t_unit.yaml", TARGET.replace("unit: 件", "unit: 亿元"), "does not fit", "wrong unit")
    targets("t_dup.yaml", TARGET + TARGET.split("targets:\n")[1], "duplicate target ids", "twice")
    targets("t_str.yaml", "region: dazhou\ntargets:\n- just text\n", "not a mapping", "a string")
    targets("t_utf16.yaml", TARGET.encode("utf-16"), "neither UTF-8 nor GBK", "UTF-16 text")
    targets("t_gbk_typo.yaml", TARGET + "  阅读: x\n", "unknown key", "a GBK file", "gbk")
    case("t_missing_file", "targets --targets {d}/nosuch.yaml", "file not found", "no such file")


def scenarios() -> None:
    ok = "name: mine\nlevers:\n  patent_navigation: 1\n"
    scenario("s_levres.yaml", ok.replace("levers", "levres"), "did you mean 'levers'", "typo")
    scenario(
        "s_lever.yaml",
        ok.replace("patent_navigation", "patent_navigaton"),
        "did you mean 'patent_navigation'",
        "a lever name misspelt",
    )
    scenario("s_15.yaml", ok.replace(": 1", ": 1.5"), "intensity 1.5", "above full")
    scenario("s_neg.yaml", ok.replace(": 1", ": -0.5"), "intensity -0.5", "negative")
    scenario("s_true.yaml", ok.replace(": 1", ": true"), "not an intensity", "true")
    scenario("s_nan.yaml", ok.replace(": 1", ": .nan"), "not an intensity", ".nan")
    scenario("s_text.yaml", ok.replace(": 1", ": full"), "not an intensity", "a word")
    scenario(
        "s_shock.yaml",
        "name: x\nlevers:\n  non_normal_patent_campaign: 1\n",
        "it is a shock",
        "a shock under levers",
    )
    scenario("s_start.yaml", ok + "start: next year\n", "is not a year", "start in words")
    scenario("s_1850.yaml", ok + "start: 1850\n", "outside the years 2000-2100", "start 1850")
    scenario("s_list.yaml", "name: x\nlevers:\n- patent_navigation\n", "not a mapping", "a list")
    scenario("s_doc.yaml", "- patent_navigation\n", "not a mapping", "the file is a list")
    scenario("s_yaml.yaml", "name: x\nlevers:\n patent_navigation: 1\n  bad: 2\n", "not valid", "")
    case("s_unknown", "simulate -r dazhou -s nosuch", "no scenario 'nosuch'", "no such scenario")


def options() -> None:
    case("o_seed", "run -r dazhou --seed -1", "--seed", "a negative seed")
    case("o_paths_huge", "run -r dazhou --paths 1000000000", "memory", "paths beyond memory")
    case("o_paths_small", "run -r dazhou --paths 10", "--paths", "too few paths")
    case("o_region", "run -r dazou", "unknown region 'dazou'", "region typo")
    case("o_txt", "brief -r dazhou --out {tmp}/x.txt", "writes .docx/.pdf", "not a briefing type")
    case("o_pdf_html", "brief -r dazhou --out {tmp}/x.html --pdf {tmp}/x.htm", "writes .pdf", "")
    case("o_out_doc", "brief -r dazhou --out {tmp}/x.doc", "end the name in .docx", "old Word .doc")
    case("o_out_in_file", "draft -r dazhou --out {d}/value_neg.csv/x.yaml", "not a folder", "")
    case("o_out_exists", "draft -r dazhou --out {d}/t_1850.yaml", "file exists", "would overwrite")
    case("o_out_dir", "draft -r dazhou --out {tmp}", "a folder, not a file", "a folder")
    case("o_template_csv", "template -r dazhou --out {tmp}/x.csv", "writes .xlsx", "a CSV name")
    case("o_import_none", "import", "no file given", "import without a file")
    case("o_import_missing", "import {d}/nosuch.csv", "file not found", "no such file")
    case("o_import_type", "import {d}/manifest.csv.txt", "file not found", "a wrong name")
    case("o_undo_empty", "import --undo", "no earlier version", "nothing to undo")
    case("o_indicator", "history -i patents", "unknown indicator 'patents'", "indicator typo")
    case("o_lever", "goal -r dazhou -t x --lever nosuch", "unknown lever", "lever typo")
    case("o_compare_one", "compare -r dazhou -s baseline", "give exactly two", "one scenario")
    case("o_confidence", "revise -r dazhou --confidence 1.5", "--confidence", "150 %")
    case("o_horizon", "forecast -r dazhou --horizon 0", "--horizon", "zero horizon")
    case("o_lang", "brief -r dazhou --out {tmp}/b.html --lang fr", "unknown language", "fr")
    case("o_bands", "brief -r dazhou --out {tmp}/b.html --green 0.4", "--green/--amber", "")
    case("o_panel", "backtest --panel nosuch", "unknown panel", "panel typo")
    case("o_jobs", "run -r dazhou --jobs 0", "--jobs", "zero processes")


def main() -> None:
    values()
    columns()
    sheets()
    target_files()
    scenarios()
    options()
    with (HERE / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "args", "exit", "message", "what"])
        w.writerows(CASES)
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
