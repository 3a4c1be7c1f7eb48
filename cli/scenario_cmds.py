"""Commands on scenarios: simulate, compare, revise, goal, levers, draft."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import api
from ..report import views
from ..report.tables import Format, render
from .common import app, call, to_stderr
from .options import (
    AS_OF,
    CONFIDENCE,
    FORMAT,
    HISTORY,
    PATHS,
    REGION_REQUIRED,
    SCENARIO,
    SEED,
    TARGET,
    TARGETS,
    paths_option,
)


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
    sc = call(api.load_scenario, scenario)
    recs = call(
        api.simulate,
        region,
        sc,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        targets_file=targets_file,
        progress=to_stderr,
    )
    if fmt == Format.table:
        typer.echo(f"scenario: {sc.name} ({sc.zh})")
        typer.echo(views.run_table(recs, views.RUN_COLUMNS + ["shortfall"]))
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
    recs = call(
        api.compare,
        region,
        scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        targets_file=targets_file,
        progress=to_stderr,
    )
    typer.echo(render(recs, fmt))


@app.command("revise")
def revise_cmd(
    region: str = REGION_REQUIRED,
    confidence: float = CONFIDENCE,
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
):
    """The threshold each target would be met with at the given confidence (目标修订)."""
    recs = call(
        api.revise,
        region,
        confidence=confidence,
        scenario=scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        targets_file=targets_file,
        progress=to_stderr,
    )
    typer.echo(render(views.revise_rows(recs) if fmt == Format.table else recs, fmt))


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
        targets_file=targets_file,
        progress=to_stderr,
    )
    typer.echo(views.goal_text(out) if fmt == Format.table else render([out], fmt))


@app.command("levers")
def levers_cmd(
    region: str = REGION_REQUIRED,
    target: str = TARGET,
    scenario: str = SCENARIO,
    paths: int = paths_option(2000),
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    sobol_n: int = typer.Option(1024, "--sobol-n", min=16, help="Saltelli base sample size"),
    fmt: Format = FORMAT,
):
    """Which levers matter most for each target: tornado of p_hit and Sobol indices (杠杆排序)."""
    recs = call(
        api.levers,
        region,
        target=target,
        scenario=scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        targets_file=targets_file,
        sobol_n=sobol_n,
        progress=to_stderr,
    )
    typer.echo(views.levers_text(recs) if fmt == Format.table else render(recs, fmt))


@app.command("draft")
def draft_cmd(
    region: str = REGION_REQUIRED,
    until: int = typer.Option(2030, "--until"),
    first: int = typer.Option(None, "--from", help="first year of the new plan"),
    confidence: float = CONFIDENCE,
    out: Path = typer.Option(..., "--out", "-o", help="the .yaml file to write"),
    scenario: str = SCENARIO,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
):
    """Draft the next plan's targets at a confidence, as a target file to edit (目标草案)."""
    doc = call(
        api.draft,
        region,
        out,
        until=until,
        first=first,
        confidence=confidence,
        scenario=scenario,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        targets_file=targets_file,
    )
    typer.echo(views.draft_text(doc, out))
