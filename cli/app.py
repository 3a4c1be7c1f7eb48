"""The ``ipcast`` command. Each command parses options, calls one library function and renders."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ipcast.cli.render import Format, plain, render
from ipcast.data import userstore
from ipcast.data.catalog import indicators, regions
from ipcast.data.errors import InputError
from ipcast.data.history import combine, cut
from ipcast.data.listing import history_records, indicator_records, region_records
from ipcast.data.readers import read_history_file
from ipcast.data.template import write_template
from ipcast.forecast.backtest import MIN_POINTS, run_backtest
from ipcast.forecast.models import CANDIDATES
from ipcast.forecast.panels import PANELS, panel_series
from ipcast.forecast.report import fan_records
from ipcast.forecast.series import yearly_series
from ipcast.scenarios.engine import assess
from ipcast.scenarios.hindcast import beside_now
from ipcast.scenarios.targets import bundled_targets, load_path, target_records

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Probabilities for IP plan targets (知识产权规划目标达成概率).",
)

FORMAT = typer.Option(Format.table, "--format", "-f", help="table, csv or json")
REGION = typer.Option(None, "--region", "-r", help="region code, e.g. chengdu (see `regions`)")
AS_OF = typer.Option(None, "--as-of", help="use only history known by the end of this year")
HISTORY = typer.Option(None, "--history", help="a CSV/XLSX of your own figures, used directly")
TARGETS = typer.Option(None, "--targets", help="a target YAML file instead of the bundled plans")

RUN_COLUMNS = [
    "region",
    "target_id",
    "label_zh",
    "kind",
    "period",
    "threshold",
    "unit",
    "status",
    "p_hit",
    "p_hit_se",
    "median",
    "q10",
    "q90",
    "outcome",
    "n_points",
]


def _fail(e: InputError) -> None:
    typer.echo(f"error: {e}", err=True)
    raise typer.Exit(2)


def _check_region(region: str | None) -> None:
    if region and region not in regions().index:
        plans = [r for r, row in regions().iterrows() if row["plan"]]
        raise InputError(
            "--region",
            f"unknown region '{region}'",
            f"use one of {', '.join(plans)} or another code from `ipcast regions`",
        )


def _history(history_file: Path | None, region: str | None = None):
    user = userstore.load()
    if history_file is not None:
        extra = read_history_file(history_file, region).rows
        user = extra if user is None else _concat(user, extra)
    return combine(user)


def _concat(a, b):
    import pandas as pd

    return pd.concat([a, b[a.columns]], ignore_index=True)


def _targets(region: str | None, targets_file: Path | None):
    ts = load_path(targets_file) if targets_file else list(bundled_targets())
    return [t for t in ts if region is None or t.region == region]


@app.command("regions")
def regions_cmd(as_of: int = AS_OF, fmt: Format = FORMAT):
    """Regions, their level, parent, plan and latest population (地区)."""
    try:
        recs = region_records(cut(combine(userstore.load()), as_of))
    except InputError as e:
        _fail(e)
    typer.echo(
        render(
            recs,
            fmt,
            [
                "region",
                "zh",
                "en",
                "level",
                "parent",
                "plan",
                "population",
                "population_unit",
                "population_period",
            ],
        )
    )


@app.command("indicators")
def indicators_cmd(fmt: Format = FORMAT):
    """The indicator catalog: code, Chinese and English names, family, unit (指标)."""
    typer.echo(render(indicator_records(), fmt))


@app.command("history")
def history_cmd(
    region: str = REGION,
    indicator: str = typer.Option(None, "--indicator", "-i"),
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    fmt: Format = FORMAT,
):
    """Real figures behind the forecasts, each with its source (历史数据)."""
    try:
        _check_region(region)
        if indicator and indicator not in indicators().index:
            raise InputError(
                "--indicator",
                f"unknown indicator '{indicator}'",
                "use a code from `ipcast indicators`",
            )
        recs = history_records(cut(_history(history_file, region), as_of), region, indicator)
    except InputError as e:
        _fail(e)
    typer.echo(
        render(
            recs,
            fmt,
            ["region", "indicator", "period", "value", "unit", "source_title", "exclude", "origin"],
        )
    )


@app.command("targets")
def targets_cmd(region: str = REGION, targets_file: Path = TARGETS, fmt: Format = FORMAT):
    """Every quantified target of the plans, with the plan's own words (规划目标)."""
    try:
        _check_region(region)
        recs = target_records(_targets(region, targets_file))
    except InputError as e:
        _fail(e)
    typer.echo(
        render(
            recs,
            fmt,
            ["region", "target_id", "label_zh", "kind", "period", "threshold", "unit", "family"],
        )
    )


@app.command("run")
def run_cmd(
    region: str = REGION,
    paths: int = typer.Option(4000, "--paths", min=100),
    seed: int = typer.Option(0, "--seed"),
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
):
    """Forecast every target: probability of meeting it, and the likely range (达标概率)."""
    try:
        _check_region(region)
        targets = _targets(region, targets_file)
        history = _history(history_file)
        records = []
        for reg in dict.fromkeys(t.region for t in targets):
            mine = [t for t in targets if t.region == reg]
            typer.echo(f"… {reg}: {len(mine)} targets, {paths} paths", err=True)
            recs = assess(mine, history, paths, seed, as_of)
            if as_of is not None:
                recs = beside_now(recs, assess(mine, history, paths, seed))
            records += recs
    except InputError as e:
        _fail(e)
    if fmt == Format.table:
        cols = RUN_COLUMNS + (["now_status", "now_outcome", "now_p_hit"] if as_of else [])
        typer.echo(render([_readable(r) for r in records], fmt, cols))
        _footer(records)
    else:
        typer.echo(render(records, fmt))


def _num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "/".join(_num(x) for x in v)
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def _readable(r: dict) -> dict:
    """A run record as a planner reads it: percentages, and numbers in the plan's unit."""
    out = dict(r)
    p, se = r["p_hit"], r["p_hit_se"]
    out["p_hit"] = "" if p is None else f"{p:.0%}"
    out["p_hit_se"] = "" if se is None else f"±{se:.1%}"
    for k in ("threshold", "median", "q10", "q90", "outcome"):
        out[k] = _num(r[k])
    if "now_status" in r:
        out["now_outcome"] = _num(r["now_outcome"])
        if r["now_status"] == "resolved":
            out["now_outcome"] += " (met)" if r["now_hit"] else " (missed)"
        out["now_p_hit"] = "" if r["now_p_hit"] is None else f"{r['now_p_hit']:.0%}"
    if r["status"] == "resolved":
        out["outcome"] = f"{_num(r['outcome'])} ({'met' if r['hit'] else 'missed'})"
    if "parts" in r:
        out["median"] = "/".join(_num(x["median"]) for x in r["parts"])
    return out


def _footer(records: list[dict]) -> None:
    counts = {}
    for r in records:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    typer.echo("\n" + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    if any(r["uses_user_data"] for r in records):
        typer.echo(
            "Your own figures replace bundled ones for the same region, indicator and "
            "period (see `ipcast history`)."
        )
    typer.echo("no_history: no figures to forecast from; `ipcast template` makes a sheet to fill.")


@app.command("forecast")
def forecast_cmd(
    region: str = typer.Option(..., "--region", "-r"),
    indicator: str = typer.Option(None, "--indicator", "-i"),
    horizon: int = typer.Option(5, "--horizon", min=1, max=15),
    paths: int = typer.Option(4000, "--paths", min=100),
    seed: int = typer.Option(0, "--seed"),
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    fmt: Format = FORMAT,
):
    """History and fan table (median, 10/90 %, 2.5/97.5 %) of a region's indicators (预测)."""
    try:
        _check_region(region)
        history = _history(history_file)
        if indicator:
            if indicator not in indicators().index:
                raise InputError(
                    "--indicator",
                    f"unknown indicator '{indicator}'",
                    "use a code from `ipcast indicators`",
                )
            slugs = [indicator]
        else:
            mine = history[(history["region"] == region) & (history["exclude"] == "")]
            slugs = [s for s in dict.fromkeys(mine["indicator"]) if s not in ("gdp",)]
        recs = fan_records(history, region, slugs, horizon, paths, seed, as_of)
    except InputError as e:
        _fail(e)
    if fmt == Format.json:
        typer.echo(render(recs, fmt))
        return
    if fmt == Format.csv:
        flat = [
            {
                "region": r["region"],
                "indicator": r["indicator"],
                "unit": r["unit"],
                "method": r["method"],
                **f,
            }
            for r in recs
            for f in r["fan"]
        ]
        typer.echo(render(flat, fmt))
        return
    for r in recs:
        typer.echo(f"\n{r['label_zh']} {r['indicator']} ({r['unit']}), {r['n_points']} point(s)")
        seen = ", ".join(f"{h['period']}: {_num(h['value'])}" for h in r["history"])
        typer.echo(f"  history: {seen or 'none'}")
        if not r["fan"]:
            typer.echo(f"  {r['reason']}")
            continue
        typer.echo(f"  method: {r['method']}\n  borrowed: {r['borrowed']}")
        if r.get("weights"):
            typer.echo("  weights: " + ", ".join(f"{m} {w:.2f}" for m, w in r["weights"].items()))
        rows = [
            {k: (_num(v) if isinstance(v, float) else v) for k, v in f.items()} for f in r["fan"]
        ]
        typer.echo(render(rows, Format.table))


@app.command("backtest")
def backtest_cmd(
    region: str = REGION,
    history_file: Path = HISTORY,
    panel: str = typer.Option(None, "--panel", help=f"one of {', '.join(PANELS)}"),
    horizon: int = typer.Option(3, "--horizon", min=1, max=5),
    start: int = typer.Option(None, "--start", help="first origin scored"),
    paths: int = typer.Option(500, "--paths", min=100),
    seed: int = typer.Option(0, "--seed"),
    jobs: int = typer.Option(1, "--jobs", min=1),
    with_prophet: bool = typer.Option(False, "--with-prophet", help="also score Prophet (slower)"),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
):
    """Rolling-origin backtest: coverage, CRPS, PIT and Brier per model and for the ensemble."""
    try:
        series, label = _backtest_series(region, history_file, panel)
        first = start or _default_start(series)
        models = [m for m in CANDIDATES if with_prophet or m != "prophet"]

        def progress(i, n):
            typer.echo(f"… {i}/{n} series", err=True)

        result = run_backtest(
            series, first, models, horizon, paths, seed, jobs, progress=progress
        ).summary()
    except InputError as e:
        _fail(e)
    result.update(source=label, start=first, horizons=horizon)
    if fmt == Format.json:
        typer.echo(json.dumps(plain(result), ensure_ascii=False, indent=2))
        return
    rows = [{"model": "ensemble", **_brief(result["ensemble"])}]
    rows += [{"model": m, **_brief(b)} for m, b in result["models"].items()]
    typer.echo(f"{label}: {result['n_series']} series, origins from {first}, horizons 1-{horizon}")
    typer.echo(render(rows, fmt))


def _brief(b: dict) -> dict:
    keys = ("coverage_80", "coverage_95", "crps", "crps_skill_vs_naive", "brier", "n_forecasts")
    return {k: b[k] for k in keys}


def _backtest_series(region, history_file, panel):
    if panel:
        if panel not in PANELS:
            raise InputError("--panel", f"unknown panel '{panel}'", f"use one of {list(PANELS)}")
        return list(panel_series(panel)), PANELS[panel][1]
    if history_file is not None:
        rows = read_history_file(history_file, region, any_region=True).rows
        hist = rows.assign(exclude="")
        label = str(history_file)
    else:
        _check_region(region)
        hist = combine(userstore.load())
        hist = hist[hist["region"] == region] if region else hist
        label = f"ipcast history{' of ' + region if region else ''}"
    series = yearly_series(hist, MIN_POINTS + 1)
    if not series:
        raise InputError(
            label,
            f"no series with {MIN_POINTS + 1}+ consecutive yearly values",
            "import a longer series, or use --panel china_provinces",
        )
    return series, label


def _default_start(series) -> int:
    first = min(int(s.years[0]) for s in series)
    last = max(int(s.years[-1]) for s in series)
    return max(first + MIN_POINTS + 1, last - 10)


@app.command("template")
def template_cmd(
    region: str = typer.Option(..., "--region", "-r"),
    out: Path = typer.Option(..., "--out", "-o", help="the .xlsx file to write"),
):
    """Write a fill-in sheet (Chinese headers, years as columns) for a region's own figures."""
    try:
        _check_region(region)
        if out.exists():
            raise InputError(str(out), "file exists", "choose another --out; nothing was written")
        if out.suffix.lower() != ".xlsx":
            raise InputError(str(out), "not an .xlsx name", "end the file name in .xlsx")
        slugs = list(dict.fromkeys(t.indicator for t in bundled_targets() if t.region == region))
        write_template(out, region, slugs + ["population"])
    except InputError as e:
        _fail(e)
    typer.echo(f"wrote {out}: {len(slugs) + 1} indicators for {region}")


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(None, help="CSV (UTF-8 or GBK) or XLSX, long or wide"),
    region: str = REGION,
    dry_run: bool = typer.Option(False, "--dry-run", help="check and report only"),
    replace: bool = typer.Option(False, "--replace", help="overwrite stored figures"),
    undo: bool = typer.Option(False, "--undo", help="restore the previous version"),
):
    """Store your own figures in IPCAST_HOME; they take precedence over bundled ones (导入)."""
    try:
        if undo:
            restored = userstore.undo()
            typer.echo(f"restored the version saved as {restored.name} in {userstore.home()}")
            return
        if file is None:
            raise InputError("ipcast import", "no file given", "ipcast import FILE [--region R]")
        _check_region(region)
        result = read_history_file(file, region)
        merged, counts = userstore.merge(result.rows, replace, str(file))
    except InputError as e:
        _fail(e)
    for line in result.report:
        typer.echo(f"  {line}")
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    if dry_run:
        typer.echo(
            f"dry run: {len(result.rows)} figures read from {file}; would be {summary}; "
            "nothing written"
        )
        return
    backup = userstore.save(merged)
    typer.echo(
        f"imported {len(result.rows)} figures from {file} into {userstore.store_path()} "
        f"({summary}); previous version kept as {backup.name}"
    )


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
