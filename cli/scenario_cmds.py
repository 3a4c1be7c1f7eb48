"""Commands on scenarios: simulate, compare, revise, goal, levers, draft."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import api
from ..data.errors import InputError
from ..data.said import file_place
from ..report import notes, views
from ..report.result_tables import compare_tables, levers_tables, revise_tables
from ..report.run_table import compare_table, revise_table, run_table
from ..report.tables import Format, render
from .common import app, call, to_stderr
from .help import Command
from .options import (
    AS_OF,
    CONFIDENCE,
    FORMAT,
    HISTORY,
    LANG,
    MAP,
    OUT,
    PATHS,
    REGION_OR_TARGETS,
    SCENARIO,
    SEED,
    TARGET,
    TARGETS,
    out_option,
)
from .output import command_line, file_format, save, show_readings


@app.command("simulate", cls=Command, short_help="情景模拟 / Every target under a scenario")
def simulate_cmd(
    region: str = REGION_OR_TARGETS,
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
    lang: str = LANG,
):
    """在一组措施与冲击（情景）下测算每项目标。

    Every target under a scenario of levers and shocks."""
    region = call(api.inputs.targets_region, region, targets_file, names)
    sc = call(api.load_scenario, scenario)
    recs = call(
        api.simulate,
        region,
        sc,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=to_stderr,
    )
    for r in recs:
        if r.get("scenario_note"):
            to_stderr(notes.noted(r["scenario_note"]))
    if fmt == Format.table:
        heads = (
            api.figures.region_names(codes={r["region"] for r in recs}) if lang == "zh" else None
        )
        typer.echo(("情景" if lang == "zh" else "scenario") + f": {sc.name} ({sc.zh})")
        typer.echo(run_table(recs, lang, heads) + "\n" + views.footer(recs, lang))
        note = views.idle_note(recs)
        if note:
            typer.echo(note)
    else:
        typer.echo(render(recs, fmt))


@app.command("compare", cls=Command, short_help="比较两个情景 / Compare two scenarios")
def compare_cmd(
    region: str = REGION_OR_TARGETS,
    scenario: list[str] = typer.Option(
        ..., "--scenario", "-s", help="两个情景：先 A 后 B / two scenarios: A then B"
    ),
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
    out: Path = OUT,
    lang: str = LANG,
):
    """情景 A 和 B 下的达标概率，以及 B−A 之差及其标准误（两者共用随机数）。

    p_hit under scenario A and B, and B - A with its standard error (common random numbers)."""
    region = call(api.inputs.targets_region, region, targets_file, names)
    kind = call(file_format, out, fmt)
    recs = call(
        api.compare,
        region,
        scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=to_stderr,
    )
    if fmt in (Format.table, Format.xlsx):
        a, b = (call(api.load_scenario, x) for x in scenario)
        heads = (
            api.figures.region_names(codes={r["region"] for r in recs}) if lang == "zh" else None
        )
        shown = tuple(f"{x.name} ({x.zh})" for x in (a, b))
        typer.echo(compare_table(recs, (a.name, b.name), lang, heads, shown))
    else:
        typer.echo(render(recs, fmt))
    if kind:
        save(
            out, kind, recs, compare_tables(recs), call(api.load_history, history_file, names=names)
        )


@app.command("revise", cls=Command, short_help="目标修订 / Revise targets to a confidence")
def revise_cmd(
    region: str = REGION_OR_TARGETS,
    confidence: float = CONFIDENCE,
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
    out: Path = OUT,
    lang: str = LANG,
):
    """按给定把握测算每项目标可承诺的值。加 --out 文件.xlsx：输出规划指标表，
    修订值列在现行目标旁。

    The threshold each target would be met with at the given confidence. With --out FILE.xlsx:
    the plan's indicator table, revised targets beside the current ones."""
    region = call(api.inputs.targets_region, region, targets_file, names)
    kind = call(file_format, out, fmt)
    readings = call(show_readings, targets_file, region, names)
    recs = call(
        api.revise,
        region,
        confidence=confidence,
        scenario=scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=to_stderr,
    )
    if fmt in (Format.table, Format.xlsx):
        codes = {r["region"] for r in recs}
        heads = api.figures.region_names(codes=codes) if lang == "zh" else None
        typer.echo(revise_table(recs, lang, heads))
        said = views.partly_observed_lines(recs, lang)
        if said:
            typer.echo("\n" + "\n".join(said))
    else:
        typer.echo(render(recs, fmt))
    if kind == Format.xlsx:
        from ..report.plan_table_out import revise_rows, write_plan_table
        from ..report.workbook import method_lines

        targets = call(api.select_targets, region, targets_file)
        method = method_lines(recs, command_line(), None, readings)
        name = api.figures.region_names(codes={region})[region]
        title = f"{name} 目标修订（按 {confidence:.0%} 把握测算）"
        write_plan_table(out, title, revise_rows(targets, recs), confidence, method)
        said = notes.wrote(
            out,
            f"指标表（{len(recs)}行）；可用 --targets {out} 运行",
            f"指标表 ({len(recs)} rows); run it with --targets {out}",
        )
        typer.echo(said, err=True)
    elif kind:
        save(out, kind, recs, revise_tables(recs))
    note = views.nothing_to_revise(recs, region)
    if note:
        to_stderr(note)


@app.command(
    "goal", cls=Command, short_help="目标寻优：措施需多大力度 / Lever intensity for a p_hit"
)
def goal_cmd(
    region: str = REGION_OR_TARGETS,
    target: str = typer.Option(
        ..., "--target", "-t", help="一项目标的编号（见 `targets`） / one target id (see `targets`)"
    ),
    p: float = typer.Option(
        0.8, "--p", min=0.01, max=0.99, help="要达到的达标概率 / the p_hit wanted"
    ),
    lever: str = typer.Option(
        ..., "--lever", "-l", help="措施编号（见 `levers`） / the lever (see `levers`)"
    ),
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
):
    """某项措施要用多大力度，才能把一项目标的达标概率提高到 --p；做不到则直接说明。

    The lever intensity that lifts a target's p_hit to --p, or a plain 'cannot'."""
    region = call(api.inputs.targets_region, region, targets_file, names)
    out = call(
        api.goal,
        region,
        target,
        lever,
        p=p,
        scenario=scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=to_stderr,
    )
    typer.echo(views.goal_text(out) if fmt == Format.table else render([out], fmt))


@app.command("levers", cls=Command, short_help="措施排序 / Which levers matter most")
def levers_cmd(
    region: str = REGION_OR_TARGETS,
    target: str = TARGET,
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
    sobol_n: int = typer.Option(
        1024, "--sobol-n", min=16, help="Sobol 指数的基础样本量 / Saltelli base sample size"
    ),
    local: Path = typer.Option(
        None,
        "--local",
        help="本地措施文件：自定效果范围和年度成本（万元） / your lever file: own effect ranges "
        "and yearly costs (万元)",
    ),
    local_template: Path = typer.Option(
        None,
        "--local-template",
        help="生成待填写的措施文件（.yaml 或 .xlsx）后结束 / write a lever file to fill in "
        "(.yaml or .xlsx) and stop",
    ),
    fmt: Format = FORMAT,
    out: Path = OUT,
):
    """哪些措施对各项目标最重要、排序有多稳；加 --local 时给出每万元投入提高的达标概率。

    Which levers matter most for each target, how firm the ranking is, and p_hit gained per
    万元 with --local."""
    region = call(api.inputs.targets_region, region, targets_file, names)
    if local_template is not None:
        written = call(api.lever_template, local_template)
        run = f"`ipcast levers --local {written}`"
        typer.echo(
            notes.wrote(
                written, f"每项措施填一行，然后运行 {run}", f"fill one row per measure, then {run}"
            )
        )
        return
    kind = call(file_format, out, fmt)
    recs = call(
        api.levers,
        region,
        target=target,
        scenario=scenario,
        local=local,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        sobol_n=sobol_n,
        progress=to_stderr,
    )
    if fmt == Format.csv:  # flat columns, one row per target and lever: what --out x.csv writes
        typer.echo(render(levers_tables(recs)[0][1], fmt))
    elif fmt == Format.json:
        typer.echo(render(recs, fmt))
    else:
        typer.echo(views.levers_text(recs, region))
    if kind:
        save(
            out, kind, recs, levers_tables(recs), call(api.load_history, history_file, names=names)
        )


def yaml_name(out: Path) -> None:
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(
            file_place(out),
            (f"无法识别的文件类型“{out.suffix}”", f"unknown file type '{out.suffix}'"),
            ("文件名以 .yaml 或 .xlsx 结尾", "end the name in .yaml or .xlsx"),
        )


@app.command("draft", cls=Command, short_help="起草下一期规划目标 / Draft the next plan's targets")
def draft_cmd(
    region: str = REGION_OR_TARGETS,
    until: int = typer.Option(2030, "--until", help="新规划的最后一年 / last year of the new plan"),
    first: int = typer.Option(None, "--from", help="新规划的第一年 / first year of the new plan"),
    confidence: float = CONFIDENCE,
    out: Path = out_option(
        (".yaml", ".yml", ".xlsx"),
        "要写入的文件：.yaml（目标文件）或 .xlsx（规划指标表） / "
        "the file to write: .yaml (a target file) or .xlsx (the plan's indicator table)",
    ),
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
):
    """按给定把握起草下一期规划目标，写成目标文件或规划指标表（建议值列在现行目标旁），
    修改后用 --targets 运行。

    Draft the next plan's targets at a confidence, as a target file or the plan's indicator
    table (proposed targets beside the current ones) to edit and run with --targets."""
    region = call(api.inputs.targets_region, region, targets_file, names)
    excel = out.suffix.lower() == ".xlsx"
    if not excel:
        call(yaml_name, out)
    from ..api.inputs import refuse_existing

    call(refuse_existing, out)
    doc = call(
        api.draft,
        region,
        None if excel else out,
        until=until,
        first=first,
        confidence=confidence,
        scenario=scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
    )
    if excel:
        from ..report.plan_table_out import draft_rows, write_plan_table
        from ..report.workbook import method_lines

        history = call(api.load_history, history_file, names=names)
        current, _ = call(api.inputs.drafted_from, region, targets_file, names, history, until)
        readings = call(show_readings, targets_file, region, names)
        method = method_lines([], command_line(), None, readings)
        write_plan_table(out, doc["title_zh"], draft_rows(current, doc), confidence, method)
    typer.echo(views.draft_text(doc, out))
