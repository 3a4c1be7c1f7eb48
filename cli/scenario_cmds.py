"""Commands on scenarios: simulate, compare, revise, goal, levers, draft."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import typer

from ..data.errors import InputError
from ..report.tables import Format, render
from ..scenarios.engine import hits, judge, part_metrics, prepare
from ..scenarios.levers import lever_catalog, load_scenario
from .common import (
    AS_OF,
    FORMAT,
    HISTORY,
    RUN_COLUMNS,
    TARGETS,
    app,
    check_region,
    fail,
    footer,
    load_history,
    num,
    readable,
    select_targets,
)

REGION_REQUIRED = typer.Option(..., "--region", "-r", help="region code, e.g. chengdu")
PATHS = typer.Option(4000, "--paths", min=100)
SEED = typer.Option(0, "--seed")
SCENARIO = typer.Option(
    "baseline", "--scenario", "-s", help="a bundled scenario name or a scenario YAML file"
)


def _runs(region, targets_file, history_file, paths, seed, as_of, target_id=None):
    check_region(region)
    targets = select_targets(region, targets_file)
    if target_id:
        targets = [t for t in targets if t.id == target_id]
        if not targets:
            ids = [t.id for t in select_targets(region, targets_file)]
            raise InputError(
                "--target",
                f"no target '{target_id}' in {region}",
                f"use one of {', '.join(ids[:8])}, … (see `ipcast targets -r {region}`)",
            )
    typer.echo(f"… {region}: {len(targets)} targets, {paths} paths", err=True)
    return prepare(targets, load_history(history_file), paths, seed, as_of)


@app.command("simulate")
def simulate_cmd(
    region: str = REGION_REQUIRED,
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
):
    """Every target under a scenario of levers and shocks (情景模拟)."""
    try:
        sc = load_scenario(scenario)
        recs = [judge(r, sc) for r in _runs(region, targets_file, history_file, paths, seed, as_of)]
    except InputError as e:
        fail(e)
    if fmt == Format.table:
        typer.echo(f"scenario: {sc.name} ({sc.zh})")
        typer.echo(render([readable(r) for r in recs], fmt, RUN_COLUMNS + ["shortfall"]))
        footer(recs)
    else:
        typer.echo(render(recs, fmt))


@app.command("compare")
def compare_cmd(
    region: str = REGION_REQUIRED,
    scenario: list[str] = typer.Option(..., "--scenario", "-s", help="two scenarios: A then B"),
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
):
    """p_hit under scenario A and B, and B - A with its standard error (common random numbers)."""
    try:
        if len(scenario) != 2:
            raise InputError(
                "--scenario",
                f"{len(scenario)} given",
                "give exactly two: --scenario A --scenario B",
            )
        a, b = (load_scenario(s) for s in scenario)
        recs = []
        for run in _runs(region, targets_file, history_file, paths, seed, as_of):
            recs.append(_compare(run, a, b))
    except InputError as e:
        fail(e)
    typer.echo(render(recs, fmt))


def _compare(run, a, b) -> dict:
    ra, rb = judge(run, a), judge(run, b)
    out = {
        "region": ra["region"],
        "target_id": ra["target_id"],
        "label_zh": ra["label_zh"],
        "status": ra["status"],
        f"p_{a.name}": ra["p_hit"],
        f"p_{b.name}": rb["p_hit"],
        "difference": None,
        "difference_se": None,
    }
    if ra["status"] == "simulated":
        ha = hits(run, part_metrics(run, a)).astype(float)
        hb = hits(run, part_metrics(run, b)).astype(float)
        d = hb - ha
        out["difference"] = float(d.mean())
        out["difference_se"] = float(d.std(ddof=1) / np.sqrt(len(d)))
    return out


@app.command("revise")
def revise_cmd(
    region: str = REGION_REQUIRED,
    confidence: float = typer.Option(0.8, "--confidence", min=0.01, max=0.99),
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
):
    """The threshold each target would be met with at the given confidence (目标修订)."""
    from ..scenarios.analysis import revised_threshold

    try:
        sc = load_scenario(scenario)
        recs = []
        for run in _runs(region, targets_file, history_file, paths, seed, as_of):
            rec = judge(run, sc)
            row = {
                k: rec[k]
                for k in (
                    "region",
                    "target_id",
                    "label_zh",
                    "kind",
                    "period",
                    "threshold",
                    "unit",
                    "status",
                    "p_hit",
                )
            }
            row.update(confidence=confidence, revised_threshold=None, median=rec["median"])
            if rec["status"] == "simulated":
                row["revised_threshold"] = revised_threshold(run, confidence, sc)
            recs.append(row)
    except InputError as e:
        fail(e)
    if fmt == Format.table:
        shown = [
            {
                **r,
                "threshold": num(r["threshold"]),
                "revised_threshold": num(r["revised_threshold"]),
                "median": num(r["median"]),
                "p_hit": "" if r["p_hit"] is None else f"{r['p_hit']:.0%}",
            }
            for r in recs
        ]
        typer.echo(render(shown, fmt))
    else:
        typer.echo(render(recs, fmt))


@app.command("goal")
def goal_cmd(
    region: str = REGION_REQUIRED,
    target: str = typer.Option(..., "--target", "-t"),
    p: float = typer.Option(0.8, "--p", min=0.01, max=0.99),
    lever: str = typer.Option(..., "--lever", "-l"),
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
):
    """The lever intensity that lifts a target's p_hit to --p, or a plain 'cannot' (目标寻优)."""
    from ..scenarios.analysis import goal_seek

    try:
        if lever not in lever_catalog():
            raise InputError(
                "--lever", f"unknown lever '{lever}'", f"use one of {', '.join(lever_catalog())}"
            )
        sc = load_scenario(scenario)
        (run,) = _runs(region, targets_file, history_file, paths, seed, as_of, target)
        rec = judge(run, sc)
        if rec["status"] != "simulated":
            raise InputError(
                f"--target {target}",
                f"status {rec['status']}: {rec['reason']}",
                "goal seeking needs a simulated target",
            )
        res = goal_seek(run, p, lever, sc)
    except InputError as e:
        fail(e)
    out = {"region": region, "target_id": target, "lever": lever, "p_wanted": p, **res}
    if fmt == Format.table:
        if res["reachable"]:
            typer.echo(
                f"{target}: {lever} at intensity {res['intensity']:.2f} lifts p_hit to "
                f"{p:.0%} (off {res['p_off']:.0%}, full {res['p_full']:.0%})"
            )
        else:
            typer.echo(
                f"{target}: cannot reach {p:.0%} with {lever} alone: p_hit is "
                f"{res['p_off']:.0%} off, {res['p_full']:.0%} at full intensity and "
                f"{res['p_max']:.0%} at {res['max_intensity']:g}x"
            )
    else:
        typer.echo(render([out], fmt))


@app.command("levers")
def levers_cmd(
    region: str = REGION_REQUIRED,
    target: str = typer.Option(None, "--target", "-t"),
    scenario: str = SCENARIO,
    paths: int = typer.Option(2000, "--paths", min=100),
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    sobol_n: int = typer.Option(1024, "--sobol-n", min=16, help="Saltelli base sample size"),
    fmt: Format = FORMAT,
):
    """Which levers matter most for each target: tornado of p_hit and Sobol indices (杠杆排序)."""
    from ..scenarios.analysis import INDEPENDENCE, sobol_indices, tornado

    try:
        sc = load_scenario(scenario)
        recs = []
        for run in _runs(region, targets_file, history_file, paths, seed, as_of, target):
            rec = judge(run, sc)
            if rec["status"] != "simulated":
                continue
            recs.append(
                {
                    "region": region,
                    "target_id": rec["target_id"],
                    "label_zh": rec["label_zh"],
                    "p_hit": rec["p_hit"],
                    "ranking": tornado(run, sc),
                    "sobol": sobol_indices(run, sobol_n, seed),
                    "assumption": INDEPENDENCE,
                }
            )
    except InputError as e:
        fail(e)
    if fmt != Format.table:
        typer.echo(render(recs, fmt))
        return
    for r in recs:
        typer.echo(f"\n{r['target_id']} {r['label_zh']}: p_hit {r['p_hit']:.0%}")
        rows = [
            {
                "lever": x["lever"],
                "zh": x["zh"],
                "p_off": f"{x['p_off']:.0%}",
                "p_full": f"{x['p_full']:.0%}",
                "change": f"{x['delta']:+.1%}",
            }
            for x in r["ranking"]
        ]
        typer.echo(render(rows, Format.table))
        rows = [
            {
                "factor": s["factor"],
                "S1": f"{s['S1']:.2f} ± {s['S1_conf']:.2f}",
                "ST": f"{s['ST']:.2f} ± {s['ST_conf']:.2f}",
            }
            for s in r["sobol"]
        ]
        typer.echo(render(rows, Format.table))
    if recs:
        typer.echo(f"\nSobol indices assume {INDEPENDENCE}.")


@app.command("draft")
def draft_cmd(
    region: str = REGION_REQUIRED,
    until: int = typer.Option(2030, "--until"),
    first: int = typer.Option(None, "--from", help="first year of the new plan"),
    confidence: float = typer.Option(0.8, "--confidence", min=0.01, max=0.99),
    out: Path = typer.Option(..., "--out", "-o", help="the .yaml file to write"),
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
):
    """Draft the next plan's targets at a confidence, as a target file to edit (目标草案)."""
    from ..scenarios.draft import draft_targets, write_draft

    try:
        check_region(region)
        if out.exists():
            raise InputError(str(out), "file exists", "choose another --out; nothing was written")
        sc = load_scenario(scenario)
        targets = select_targets(region, targets_file)
        doc = draft_targets(
            targets, load_history(history_file), until, confidence, paths, seed, sc, first, as_of
        )
        write_draft(doc, out)
    except InputError as e:
        fail(e)
    n = sum(t["threshold"] is not None for t in doc["targets"])
    typer.echo(
        f"wrote {out}: {len(doc['targets'])} targets, {n} with a proposed threshold; "
        f"edit it, then `ipcast run --targets {out}`"
    )
